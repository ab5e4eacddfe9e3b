import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../../auth/AuthContext";
import { fakeClient, json, makeUser, session } from "../../test/fakeApi";
import { ComplianceHistory } from "./ComplianceHistory";

describe("ComplianceHistory", () => {
  it("shows since when the structure is not compliant and why, then the earlier periods", async () => {
    const fake = fakeClient({
      "POST /auth/refresh": () => json(session(makeUser())),
      "GET /structures/fs/compliance/history": () => json({
        items: [
          { id: "3", evaluated_at: "2026-03-10T13:05:00Z", status: "failure", cause: "agent.delete", rule_set: "fs-2025-06", changed: true },
          { id: "2", evaluated_at: "2026-03-02T09:00:00Z", status: "ok", cause: "agent.training", rule_set: "fs-2025-06", changed: false },
          { id: "1", evaluated_at: "2026-03-01T09:00:00Z", status: "ok", cause: "schedules.replace", rule_set: "fs-2025-06", changed: true },
        ],
      }),
      "GET /structures/fs/compliance": () => json({
        structure_id: "fs", status: "failure", rule_set: "fs-2025-06",
        typical_week: { criteria: [
          { code: "weekly_hours", status: "ok", explanation: "24 h" },
          { code: "agents_present", status: "failure", explanation: "Au moins un créneau compte moins de 2 agents prévus." },
        ] },
        weeks: [{ week: "2026-W51", criteria: [{ code: "weekly_hours", status: "failure", explanation: "3 h" }] }],
      }),
    });
    render(<AuthProvider client={fake.client}><ComplianceHistory structureId="fs" /></AuthProvider>);
    const list = await screen.findByRole("list", { name: "Périodes de conformité, de la plus récente à la plus ancienne" });
    const items = within(list).getAllByRole("listitem").filter((li) => li.parentElement === list);
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("Non conforme depuis le 10 mars 2026 à 14:05 :");
    expect(await within(items[0]).findByText("Agents présents sur chaque créneau (non conforme) : Au moins un créneau compte moins de 2 agents prévus.")).toBeInTheDocument();
    expect(within(items[0]).getByText("Heures d’ouverture hebdomadaires (non conforme) : semaine 51 (2026)")).toBeInTheDocument();
    expect(items[0]).toHaveTextContent("Après : retrait d’un agent — référentiel fs-2025-06");
    expect(items[1]).toHaveTextContent("Conforme du 1 mars 2026 au 10 mars 2026");
    expect(items[1]).toHaveTextContent("Après : modification des horaires — référentiel fs-2025-06 — 2 évaluations");
    const report = fake.calls.find((c) => new URL(c.url).pathname.endsWith("/structures/fs/compliance"));
    expect(new URL(report!.url).searchParams.get("weeks")).toBe("12");
  });

  it("says when nothing was evaluated yet", async () => {
    const fake = fakeClient({
      "POST /auth/refresh": () => json(session(makeUser())),
      "GET /structures/fs/compliance/history": () => json({ items: [] }),
      "GET /structures/fs/compliance": () => json({ structure_id: "fs", status: "unknown", typical_week: { criteria: [] }, weeks: [] }),
    });
    render(<AuthProvider client={fake.client}><ComplianceHistory structureId="fs" /></AuthProvider>);
    expect(await screen.findByText("Aucune évaluation enregistrée pour l’instant.")).toBeInTheDocument();
  });
});

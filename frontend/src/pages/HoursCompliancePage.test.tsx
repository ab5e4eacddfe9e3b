import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { RequireAuth } from "../components/RequireAuth";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../auth/AuthContext";
import { fakeClient, json, makeUser, session } from "../test/fakeApi";
import { HoursCompliancePage, openCriteria } from "./HoursCompliancePage";

const crit = (code: string, status: string, explanation = "", slots: { reason: string }[] = []) => ({ code, status, explanation, slots });
const reports = [
  { structure_id: "a", status: "failure", typical_week: { criteria: [crit("weekly_hours", "failure", "20 h d’ouverture sur la semaine type : 4 h de moins que les 24 h requises."), crit("open_days", "ok")] },
    weeks: [{ week: "2026-W49", criteria: [crit("weekly_hours", "failure")] }] },
  { structure_id: "b", status: "failure", typical_week: { criteria: [crit("weekly_hours", "ok"), crit("agents_present", "failure", "Au moins un créneau…", [{ reason: "mardi 14:00–17:00 : 1 agent prévu, 2 requis" }])] },
    weeks: [{ week: "2026-W49", criteria: [crit("weekly_hours", "ok")] }] },
];

describe("openCriteria", () => {
  it("keeps the criteria that are not ok, typical week and real weeks", () => {
    expect(openCriteria(reports[0] as never).map((c) => [c.code, c.typical?.status, c.weeks.length])).toEqual([["weekly_hours", "failure", 1]]);
  });
});

describe("HoursCompliancePage", () => {
  it("shows the counts, the structures with their failing criteria and filters by criterion", async () => {
    const user = userEvent.setup();
    const { client } = fakeClient({
      "POST /auth/refresh": () => json(session(makeUser())),
      "GET /departements": () => json({ items: [{ code: "70", name: "Haute-Saône" }] }),
      "GET /regions": () => json({ items: [] }),
      "GET /departements/70/compliance": () => json({
        departement_code: "70", items: reports,
        summary: { structures: 2, ok: 0, warning: 0, failure: 2, unknown: 0, criteria: [{ code: "weekly_hours", ok: 1, failure: 1 }] },
      }),
      "GET /structures": () => json({ items: [{ id: "a", name: "France services Rioz" }, { id: "b", name: "France services de Gy" }] }),
    });
    render(<MemoryRouter initialEntries={["/conformite"]}><AuthProvider client={client}><Routes><Route element={<RequireAuth />}><Route path="/conformite" element={<HoursCompliancePage />} /></Route></Routes></AuthProvider></MemoryRouter>);
    const table = await screen.findByRole("table", { name: "2 structures" });
    const rioz = within(table).getByRole("row", { name: /France services Rioz/ });
    expect(rioz).toHaveTextContent("Heures d’ouverture hebdomadaires : Non conforme");
    expect(rioz).toHaveTextContent("4 h de moins que les 24 h requises");
    expect(rioz).toHaveTextContent("Les 1 semaines réelles : non conforme");
    expect(within(table).getByRole("row", { name: /France services de Gy/ })).toHaveTextContent("mardi 14:00–17:00 : 1 agent prévu, 2 requis");
    await user.selectOptions(screen.getByRole("combobox", { name: /^Critère/ }), "agents_present");
    const filtered = await screen.findByRole("table", { name: /1 structure où « Agents présents sur chaque créneau »/ });
    expect(within(filtered).queryByText("France services Rioz")).toBeNull();
    expect(within(filtered).getByText("France services de Gy")).toBeInTheDocument();
  });
});

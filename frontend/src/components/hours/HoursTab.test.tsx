import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { toStructure } from "../../api/registry";
import { AuthProvider } from "../../auth/AuthContext";
import { fakeClient, json, makeUser, problem, session } from "../../test/fakeApi";
import { CompliancePanel } from "./CompliancePanel";
import { HoursTab } from "./HoursTab";

const failing = {
  structure_id: "fs", status: "failure", rule_set: "fs-2025-06",
  typical_week: {
    criteria: [
      { code: "weekly_hours", measured: 20, threshold: 24, unit: "hours", status: "failure",
        explanation: "20 h d’ouverture sur la semaine type : 4 h de moins que les 24 h requises.", slots: [] },
      { code: "agents_present", measured: 1, threshold: 2, unit: "agents", status: "failure",
        explanation: "Au moins un créneau compte moins de 2 agents prévus : voir les créneaux.",
        slots: [{ weekday: 2, start: "14:00", end: "17:00", reason: "mardi 14:00–17:00 : 1 agent prévu, 2 requis" }] },
      { code: "premises", status: "unknown", explanation: "Donnée non disponible.", slots: [] },
    ],
  },
  weeks: [{ week: "2026-W49", criteria: [{ code: "weekly_hours", status: "warning", explanation: "Férié", slots: [] }] }],
};

describe("CompliancePanel", () => {
  it("shows each criterion with its French label, measure, status text and the failing slots' reasons", () => {
    render(<CompliancePanel report={failing as never} loading={false} error={null} osm="Mo-Fr 09:00-13:00; PH off" osmNotes={[]} dirty={false} />);
    const list = screen.getByRole("list", { name: "Critères de la semaine type" });
    const hours = within(list).getAllByRole("listitem")[0];
    expect(hours).toHaveTextContent("Heures d’ouverture hebdomadaires");
    expect(hours).toHaveTextContent("Non conforme");
    expect(hours).toHaveTextContent("Mesuré : 20 h — seuil : 24 h");
    expect(hours).toHaveTextContent("4 h de moins que les 24 h requises");
    expect(screen.getByText("mardi 14:00–17:00 : 1 agent prévu, 2 requis")).toBeInTheDocument();
    expect(within(list).getByText("Inconnu")).toBeInTheDocument();
    expect(screen.getByTestId("osm-hours")).toHaveTextContent("Mo-Fr 09:00-13:00; PH off");
    const row = screen.getByRole("row", { name: /Semaine 49 \(2026\)/ });
    expect(row).toHaveTextContent("Heures d’ouverture hebdomadaires : Avertissement");
  });
});

function setup(putAnswer: "ok" | "invalid" | "stale" = "ok") {
  const structure = toStructure({ id: "fs", name: "France services Rioz", departement_code: "70", format: "site", hours_raw: { lundi: "9h-12h" } });
  let stored = [{ id: "s1", owner_kind: "structure", owner_id: "fs", kind: "regular", channel: "accueil", status: "published",
    slots: [{ weekday: 1, start: "09:00", end: "12:00", planned_agents: 2, week_rule: { kind: "every" }, access: "sans_rdv" }] }];
  const previews: unknown[] = [];
  const fake = fakeClient({
    "POST /auth/refresh": () => json(session(makeUser())),
    "GET /structures/fs/schedules": () => json({ structure_id: "fs", version: 3, source: "maillage", schedules: stored }, { headers: { ETag: '"3"' } }),
    "GET /structures/fs/agents": () => json({ items: [{ id: "a1", name: "Alice Martin" }] }),
    "GET /structures/fs/hours/formats": () => json({ osm: stored[0].slots.length > 1 ? "Mo,Tu 09:00-12:00; PH off" : "Mo 09:00-12:00; PH off", osm_notes: [] }),
    "POST /structures/fs/compliance/preview": async (req) => {
      previews.push(await req.json());
      return json(failing);
    },
    "PUT /structures/fs/schedules": async (req) => {
      if (putAnswer === "invalid") {
        return problem(422, { title: "Certaines informations sont invalides.", code: "invalid", errors: { "schedules[0].slots[1].end": "La fin doit suivre le début." } });
      }
      if (putAnswer === "stale") return problem(412, { title: "Modifié entre-temps", code: "precondition_failed" });
      stored = ((await req.json()) as { schedules: typeof stored }).schedules;
      return json({ structure_id: "fs", version: 4, source: "maillage", schedules: stored }, { headers: { ETag: '"4"' } });
    },
  });
  render(<AuthProvider client={fake.client}><HoursTab structure={structure} editable /></AuthProvider>);
  return { ...fake, previews };
}

describe("HoursTab", () => {
  it("previews the draft on the server, saves it with If-Match and refreshes the OSM string", async () => {
    const user = userEvent.setup();
    const fake = setup();
    await screen.findByRole("group", { name: "Lundi, créneau 1" });
    await waitFor(() => expect(fake.previews).toHaveLength(1));
    await screen.findByText("mardi 14:00–17:00 : 1 agent prévu, 2 requis");
    await user.click(screen.getByRole("button", { name: "Ajouter un créneau le mardi" }));
    const tuesday = screen.getByRole("group", { name: "Mardi, créneau 1" });
    expect(within(tuesday).getByLabelText("Début")).toHaveValue("09:00");
    await waitFor(() => expect(fake.previews.length).toBeGreaterThanOrEqual(2));
    const last = fake.previews.at(-1) as { schedules: { slots: { weekday: number; planned_agents: number }[] }[] };
    expect(last.schedules[0].slots.map((s) => s.weekday)).toEqual([1, 2]);
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    await screen.findByText("Les horaires ont été enregistrés.");
    const put = fake.calls.find((c) => c.method === "PUT");
    expect(put?.headers.get("If-Match")).toBe('"3"');
    await waitFor(() => expect(screen.getByTestId("osm-hours")).toHaveTextContent("Mo,Tu 09:00-12:00; PH off"));
  });

  it("shows a 422 on the slot's own field", async () => {
    const user = userEvent.setup();
    setup("invalid");
    await screen.findByRole("group", { name: "Lundi, créneau 1" });
    await user.click(screen.getByRole("button", { name: "Ajouter un créneau le lundi" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    const second = await screen.findByRole("group", { name: "Lundi, créneau 2" });
    await within(second).findByText("La fin doit suivre le début.");
    expect(within(second).getByLabelText("Fin")).toHaveAttribute("aria-invalid", "true");
    expect(within(screen.getByRole("group", { name: "Lundi, créneau 1" })).queryByText("La fin doit suivre le début.")).toBeNull();
  });

  it("names an assigned agent on a slot", async () => {
    const user = userEvent.setup();
    const fake = setup();
    const monday = await screen.findByRole("group", { name: "Lundi, créneau 1" });
    await user.click(within(monday).getByText("Agents nommés : aucun"));
    await user.click(await within(monday).findByLabelText("Alice Martin"));
    expect(within(monday).getByText("Agents nommés : Alice Martin")).toBeInTheDocument();
    await waitFor(() => {
      const last = fake.previews.at(-1) as { schedules: { slots: { agent_ids?: string[] }[] }[] } | undefined;
      expect(last?.schedules[0].slots[0].agent_ids).toEqual(["a1"]);
    });
  });

  it("asks to reload on 412", async () => {
    const user = userEvent.setup();
    setup("stale");
    await screen.findByRole("group", { name: "Lundi, créneau 1" });
    await user.click(within(screen.getByRole("group", { name: "Lundi, créneau 1" })).getByRole("button", { name: "Scinder" }));
    expect(within(screen.getByRole("group", { name: "Lundi, créneau 2" })).getByLabelText("Début")).toHaveValue("10:30");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    await screen.findByText("Les horaires ont été modifiés entre-temps");
    await user.click(screen.getByRole("button", { name: "Recharger les horaires" }));
    await waitFor(() => expect(screen.queryByRole("group", { name: "Lundi, créneau 2" })).toBeNull());
  });
});

import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { toStructure } from "../../api/registry";
import { AuthProvider } from "../../auth/AuthContext";
import { fakeClient, json, makeUser, problem, session } from "../../test/fakeApi";
import { HoursTab } from "./HoursTab";

type Body = { schedules: { kind?: string; status?: string; valid_from?: string; valid_to?: string; priority?: number; slots: { weekday: number }[] }[]; holidays?: Record<string, boolean> };

const report = (weekly: "ok" | "failure") => ({
  structure_id: "fs", status: weekly, rule_set: "fs-2025-06",
  typical_week: { criteria: [{ code: "weekly_hours", measured: 24, threshold: 24, unit: "hours", status: "ok", explanation: "24 h", slots: [] }] },
  weeks: [
    { week: "2027-W26", criteria: [{ code: "weekly_hours", status: "ok", explanation: "24 h", slots: [] }] },
    { week: "2027-W27", criteria: [{ code: "weekly_hours", status: weekly, explanation: "3 h", slots: [] }] },
  ],
});

function setup(options: { holidays?: boolean; putInvalid?: boolean } = {}) {
  const structure = toStructure({ id: "fs", name: "France services Rioz", departement_code: "70", format: "site", hours_raw: {} });
  let stored: Body["schedules"] = [{ kind: "regular", slots: [{ weekday: 1 }, { weekday: 2 }] }].map((s, i) => ({
    ...s, id: `s${i}`, owner_kind: "structure", owner_id: "fs", channel: "accueil", status: "published", priority: 0,
    slots: s.slots.map((x) => ({ ...x, start: "09:00", end: "13:00", planned_agents: 2, week_rule: { kind: "every" }, access: "sans_rdv" })),
  }));
  let holidays = { closed_on_public_holidays: true, open_on_pentecost_monday: false };
  const previews: Body[] = [];
  const set = (version: number) => json({ structure_id: "fs", version, source: "maillage", schedules: stored, ...(options.holidays ? { holidays } : {}) }, { headers: { ETag: `"${version}"` } });
  const fake = fakeClient({
    "POST /auth/refresh": () => json(session(makeUser())),
    "GET /structures/fs/schedules": () => set(3),
    "GET /structures/fs/agents": () => json({ items: [] }),
    "GET /structures/fs/hours/formats": () => json({ osm: "Mo,Tu 09:00-13:00; PH off", osm_notes: [] }),
    "GET /structures/fs/compliance/history": () => json({ items: [] }),
    "GET /structures/fs/compliance": () => json(report("ok")),
    "POST /structures/fs/compliance/preview": async (req) => {
      const body = (await req.json()) as Body;
      previews.push(body);
      return json(report(body.schedules.length > 1 ? "failure" : "ok"));
    },
    "PUT /structures/fs/schedules": async (req) => {
      if (options.putInvalid) {
        return problem(422, { title: "Certaines informations sont invalides.", code: "invalid", errors: { "schedules[1].valid_to": "La fin de validité doit suivre le début de validité." } });
      }
      const body = (await req.json()) as Body;
      stored = body.schedules;
      if (body.holidays) holidays = body.holidays as typeof holidays;
      return set(4);
    },
  });
  render(<AuthProvider client={fake.client}><HoursTab structure={structure} editable /></AuthProvider>);
  return { ...fake, previews, puts: () => fake.calls.filter((c) => c.method === "PUT") };
}

async function addSummer(user: ReturnType<typeof userEvent.setup>, copy = false) {
  await user.click(await screen.findByRole("button", { name: "Ajouter des horaires saisonniers ou temporaires" }));
  const form = screen.getByRole("form", { name: "Nouveaux horaires saisonniers ou temporaires" });
  await user.type(within(form).getByLabelText("Valables du"), "2027-07-01");
  await user.type(within(form).getByLabelText("au"), "2027-08-31");
  if (!copy) await user.click(within(form).getByLabelText(/Reprendre les créneaux des horaires habituels/));
  await user.click(within(form).getByRole("button", { name: "Ajouter ces horaires" }));
}

describe("HoursTab — seasonal schedules", () => {
  it("adds a summer schedule with its own grid, previews the whole set and saves it", async () => {
    const user = userEvent.setup();
    const fake = setup();
    await screen.findByRole("group", { name: "Lundi, créneau 1" });
    await addSummer(user);

    const table = screen.getByRole("table", { name: "Horaires de la structure" });
    expect(within(table).getAllByRole("row").slice(1).map((r) => within(r).getByRole("rowheader").textContent)).toEqual(["Horaires habituels", "Horaires saisonniers"]);
    expect(screen.getByRole("heading", { name: "Créneaux : Horaires saisonniers — du 1 juillet 2027 au 31 août 2027" })).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Lundi, créneau 1" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Ajouter un créneau le samedi" }));
    await screen.findByRole("group", { name: "Samedi, créneau 1" });

    await waitFor(() => expect(fake.previews.at(-1)?.schedules[1]?.slots).toHaveLength(1));
    const last = fake.previews.at(-1)!;
    expect(last.schedules.map((s) => [s.kind, s.valid_from, s.valid_to, s.slots.map((x) => x.weekday)])).toEqual([
      ["regular", undefined, undefined, [1, 2]],
      ["seasonal", "2027-07-01", "2027-08-31", [6]],
    ]);
    const weeks = await screen.findByRole("row", { name: /Semaine 27 \(2027\)/ });
    expect(weeks).toHaveTextContent("Non conforme");

    // A draft is marked in the list and previewed as such.
    await user.selectOptions(within(screen.getByRole("group", { name: "Période de validité et publication" })).getByLabelText(/^Statut/), "draft");
    expect(within(table).getByRole("row", { name: /Horaires saisonniers/ })).toHaveTextContent("Brouillon");
    await waitFor(() => expect(fake.previews.at(-1)?.schedules[1]).toMatchObject({ status: "draft" }));
    await user.selectOptions(within(screen.getByRole("group", { name: "Période de validité et publication" })).getByLabelText(/^Statut/), "published");

    // Back to the regular grid, untouched.
    await user.click(within(table).getByRole("button", { name: "Modifier les créneaux : Horaires habituels (toute l’année)" }));
    await screen.findByRole("group", { name: "Mardi, créneau 1" });
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    await screen.findByText("Les horaires ont été enregistrés.");
    const put = (await fake.puts()[0].json()) as Body;
    expect(put.schedules).toHaveLength(2);
    expect(put.schedules[1]).toMatchObject({ kind: "seasonal", status: "published", priority: 0 });
    expect(put.holidays).toBeUndefined();
  });

  it("shows a 422 on the seasonal schedule's own date field and marks its row", async () => {
    const user = userEvent.setup();
    setup({ putInvalid: true });
    await screen.findByRole("group", { name: "Lundi, créneau 1" });
    await addSummer(user, true);
    expect(await screen.findByRole("group", { name: "Lundi, créneau 1" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    const meta = await screen.findByRole("group", { name: "Période de validité et publication" });
    await within(meta).findByText("La fin de validité doit suivre le début de validité.");
    expect(within(meta).getByLabelText("Au")).toHaveAttribute("aria-invalid", "true");
    expect(within(meta).getByLabelText("Du")).not.toHaveAttribute("aria-invalid");
    const row = within(screen.getByRole("table", { name: "Horaires de la structure" })).getByRole("row", { name: /Horaires saisonniers/ });
    expect(row).toHaveTextContent("À corriger");

    // Editing the draft hands the field errors over to the live preview (which finds none here).
    await user.clear(within(meta).getByLabelText("Au"));
    await user.type(within(meta).getByLabelText("Au"), "2027-09-30");
    await waitFor(() => expect(within(meta).queryByText("La fin de validité doit suivre le début de validité.")).toBeNull());
    expect(row).not.toHaveTextContent("À corriger");

    // Removing the schedule takes its error away with it and brings the regular grid back.
    await user.click(within(row).getByRole("button", { name: /^Retirer : Horaires saisonniers/ }));
    expect(screen.queryByRole("group", { name: "Période de validité et publication" })).toBeNull();
    expect(screen.getByRole("heading", { name: "Créneaux des horaires habituels" })).toBeInTheDocument();
  });

  it("saves the public-holiday policy with the schedules when the server has one", async () => {
    const user = userEvent.setup();
    const fake = setup({ holidays: true });
    const closed = await screen.findByLabelText("Fermé les jours fériés");
    expect(closed).toBeChecked();
    const pentecost = screen.getByLabelText(/Ouvert le lundi de Pentecôte \(journée de solidarité\)/);
    expect(pentecost).not.toBeChecked();
    await user.click(pentecost);
    await waitFor(() => expect(fake.previews.at(-1)?.holidays).toEqual({ closed_on_public_holidays: true, open_on_pentecost_monday: true }));
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    await screen.findByText("Les horaires ont été enregistrés.");
    expect(((await fake.puts()[0].json()) as Body).holidays).toEqual({ closed_on_public_holidays: true, open_on_pentecost_monday: true });
    expect(screen.getByLabelText(/Ouvert le lundi de Pentecôte/)).toBeChecked();
    expect(screen.getByRole("button", { name: "Enregistrer" })).toBeDisabled();
  });
});

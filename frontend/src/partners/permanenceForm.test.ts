import { describe, expect, it } from "vitest";
import type { LocalPartner, Operator, Permanence } from "../api/partners";
import { emptyDraft, fromPermanence, partnerOptions, permanenceHours, slotsText, toPermanenceBody } from "./permanenceForm";

const op = (code: string, name: string): Operator => ({ code, name, short_name: name, names: [], socle_from: "2019-07-01", socle_to: null, in_socle: true, version: 1 });
const operators = [op("cnaf", "CNAF – CAF"), op("dgfip", "DGFiP")];
const local = (id: string, name: string, type: string, type_label = ""): LocalPartner => ({
  id, departement_code: "70", type, type_label, name, contact_email: "", phone: "", website: "", notes: "", version: 1,
});
const locals = [local("l-2", "Mission locale de Vesoul", "mission_locale"), local("l-1", "ADIL 70", "autre", "Conseil logement")];

const permanence: Permanence = {
  id: "p-1", structure_id: "s-1", structure_name: "France services Rioz", stop_id: null, partner_kind: "operator",
  partner_id: "cnaf", partner_name: "CNAF – CAF", modality: "visio", booking_url: "https://rdv.caf.fr/70",
  public_note: "Sur rendez-vous", internal_note: "Salle 2", osm: "", summary: "", version: 3,
  schedules: [
    { id: "sch-draft", owner_kind: "permanence", kind: "regular", status: "draft", slots: [] },
    { id: "sch-1", owner_kind: "permanence", owner_id: "p-1", kind: "regular", channel: "accueil", status: "published", slots: [
      { weekday: 2, start: "09:00", end: "12:00", week_rule: { kind: "every_n", interval: 4, anchor: "2027-01-05" }, access: "sur_rdv", planned_agents: 0 },
    ] },
  ],
};

describe("partnerOptions", () => {
  it("lists operators then local partners by name", () => {
    const options = partnerOptions(operators, locals, { role: "prefecture", partner_org: null });
    expect(options.map((o) => [o.key, o.label])).toEqual([
      ["operator:cnaf", "CNAF – CAF"], ["operator:dgfip", "DGFiP"], ["local:l-1", "ADIL 70"], ["local:l-2", "Mission locale de Vesoul"],
    ]);
  });

  it("gives a partner user only its organisation, whatever the case of its code", () => {
    expect(partnerOptions(operators, locals, { role: "partner", partner_org: "CNAF" }).map((o) => o.key)).toEqual(["operator:cnaf"]);
    expect(partnerOptions(operators, locals, { role: "partner", partner_org: "l-2" }).map((o) => o.key)).toEqual(["local:l-2"]);
    expect(partnerOptions(operators, locals, { role: "partner", partner_org: null })).toEqual([]);
  });

  it("keeps the edited permanence's partner when it is not in the lists", () => {
    const options = partnerOptions(operators, [], { role: "animateur", partner_org: null }, { kind: "local", id: "gone", name: "Ancien partenaire" });
    expect(options[0]).toEqual({ key: "local:gone", kind: "local", id: "gone", label: "Ancien partenaire" });
  });
});

describe("permanence draft ⇄ body", () => {
  it("edits the published schedule in the grid and keeps the others, the grid's schedule first in the body", () => {
    const draft = fromPermanence(permanence);
    expect(draft).toMatchObject({ partner: "operator:cnaf", modality: "visio", stop_id: "", booking_url: "https://rdv.caf.fr/70" });
    expect(draft.slots).toHaveLength(1);
    expect(draft.slots[0]).toMatchObject({ weekday: 2, rule: "every_n", interval: "4", anchor: "2027-01-05", access: "sur_rdv" });
    expect(draft.others.map((s) => s.id)).toEqual(["sch-draft"]);
    const body = toPermanenceBody({ ...draft, public_note: "  Sur rendez-vous uniquement ", summary: " 1er mardi du mois " });
    expect(body).toMatchObject({
      partner_kind: "operator", partner_id: "cnaf", stop_id: "", modality: "visio", public_note: "Sur rendez-vous uniquement", summary: "1er mardi du mois",
    });
    expect(body.schedules.map((s) => s.id)).toEqual(["sch-1", "sch-draft"]);
    expect(body.schedules[0].slots).toEqual([
      { weekday: 2, start: "09:00", end: "12:00", week_rule: { kind: "every_n", interval: 4, anchor: "2027-01-05" }, access: "sur_rdv", planned_agents: 0 },
    ]);
  });

  it("round-trips a permanence unchanged", () => {
    const body = toPermanenceBody(fromPermanence(permanence));
    const again = toPermanenceBody(fromPermanence({ ...permanence, schedules: body.schedules }));
    expect(again).toEqual(body);
  });

  it("starts a new permanence with a regular published schedule and no slot, local partner keys included", () => {
    const body = toPermanenceBody({ ...emptyDraft("local:l-1"), stop_id: "stop-9", booking_url: " https://rdv.test " });
    expect(body).toEqual({
      partner_kind: "local", partner_id: "l-1", stop_id: "stop-9", modality: "physique", booking_url: "https://rdv.test",
      summary: "", public_note: "", internal_note: "", schedules: [{ kind: "regular", channel: "accueil", status: "published", slots: [] }],
    });
  });

  it("sends an empty partner when none is chosen (the server names the field)", () => {
    expect(toPermanenceBody(emptyDraft(""))).toMatchObject({ partner_kind: "operator", partner_id: "" });
  });
});

describe("hours texts", () => {
  it("describes the published slots, after the summary when they say more", () => {
    const slots = "Mardi 09:00–12:00 (toutes les 4 semaines à partir du 05/01/2027)";
    expect(slotsText(permanence.schedules)).toBe(slots);
    expect(permanenceHours({ summary: "1er mardi du mois", schedules: permanence.schedules })).toEqual({ summary: "1er mardi du mois", slots });
    expect(permanenceHours({ summary: "", schedules: permanence.schedules })).toEqual({ summary: slots, slots: "" });
    expect(permanenceHours({ summary: "", schedules: [] })).toEqual({ summary: "Horaires non renseignés", slots: "" });
  });
});

import { describe, expect, it } from "vitest";
import type { Candidature } from "../api/labelling";
import { candidatureBody, candidatureForm, newSiteRow, partnersOf, siteRowIndexes } from "./candidature";

const stored: Candidature = {
  id: "c1", version: 3, carrier_name: "Commune de Rioz", carrier_siret: "21700459600011",
  planned_sites: [{ name: "Mairie", commune_code: "70447", commune_name: "Rioz", address: "1 place de la Mairie" }],
  partners_planned: ["CAF", "CPAM"],
  premises: { confidential_office: true, it_equipment: false, accessibility: null, notes: "Rampe prévue" },
  notes: "Ouverture au printemps", documents: [], completeness: [],
};

describe("candidature form ⇄ API", () => {
  it("round-trips a stored candidature (yes/no/unanswered premises, one partner per line)", () => {
    const form = candidatureForm(stored);
    expect(form.partners).toBe("CAF\nCPAM");
    expect([form.confidential_office, form.it_equipment, form.accessibility]).toEqual(["oui", "non", ""]);
    expect(form.sites[0]).toMatchObject({ name: "Mairie", commune_code: "70447", commune_name: "Rioz" });
    expect(candidatureBody(form)).toEqual({
      carrier_name: "Commune de Rioz", carrier_siret: "21700459600011",
      planned_sites: [{ name: "Mairie", commune_code: "70447", address: "1 place de la Mairie" }],
      partners_planned: ["CAF", "CPAM"],
      premises: { confidential_office: true, it_equipment: false, accessibility: null, notes: "Rampe prévue" },
      notes: "Ouverture au printemps",
    });
  });

  it("starts an empty file from the structure's carrier, with one blank site row that is not sent", () => {
    const form = candidatureForm(null, { carrier_name: "CC du Pays de Rioz", carrier_siret: "" });
    expect(form.carrier_name).toBe("CC du Pays de Rioz");
    expect(form.sites).toHaveLength(1);
    const body = candidatureBody({ ...form, carrier_siret: "217 004 596 00011 " });
    expect(body.planned_sites).toEqual([]);
    expect(body.carrier_siret).toBe("21700459600011");
    expect(body.premises).toEqual({ confidential_office: null, it_equipment: null, accessibility: null, notes: "" });
  });

  it("trims partners and drops blank lines and duplicates", () => {
    expect(partnersOf(" CAF \n\ncaf\nMSA\r\n  \nFrance Travail")).toEqual(["CAF", "MSA", "France Travail"]);
  });

  it("maps the server's planned_sites[i] to the form row it came from", () => {
    const form = { ...candidatureForm(null), sites: [newSiteRow(), newSiteRow({ name: "Annexe" }), newSiteRow(), newSiteRow({ commune_code: "70001" })] };
    expect(siteRowIndexes(form)).toEqual([1, 3]);
    expect(candidatureBody(form).planned_sites.map((s) => s.name)).toEqual(["Annexe", ""]);
  });
});

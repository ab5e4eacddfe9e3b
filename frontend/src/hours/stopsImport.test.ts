import { describe, expect, it } from "vitest";
import { communeText, hasChanges, parseStopsFile, stopStatusLabel, toStopImportReport, weekRuleLabel } from "./stopsImport";

describe("stops import", () => {
  it("reads a JSON list of stops and refuses anything else with a French reason", () => {
    expect(parseStopsFile('\uFEFF[{"nom":"Bus","horaires":"Mo 09:00-12:00"}]')).toEqual({ stops: [{ nom: "Bus", horaires: "Mo 09:00-12:00" }] });
    expect(parseStopsFile("nom;horaires")).toEqual({ error: "Le fichier n’est pas du JSON valide." });
    expect(parseStopsFile('{"stops":[]}')).toEqual({ error: "Le fichier doit contenir une liste (tableau JSON) d’arrêts." });
    expect(parseStopsFile("[]")).toEqual({ error: "Le fichier ne contient aucun arrêt." });
    expect(parseStopsFile('[{"nom":"a"}, 3]')).toEqual({ error: "Chaque élément de la liste doit être un arrêt (objet JSON)." });
  });

  it("normalizes the report and labels statuses and week rules in French", () => {
    const report = toStopImportReport({
      dry_run: true, created: 1, updated: 0, unchanged: 0, rejected: 1,
      rows: [
        { index: 0, name: "Face à la boulangerie", commune_code: "16317", status: "created", osm: "Mo 09:30-12:30; PH off", slots: 1, week_rule: "odd", reasons: null },
        { index: 1, name: "Mairie", commune_code: "", status: "rejected", osm: "sunrise-sunset", slots: 0, week_rule: { kind: "every_n", interval: 3 }, reasons: ["Horaires illisibles"] },
      ],
    });
    expect(report.rows[0]).toMatchObject({ week_rule: "Semaines impaires", reasons: [], stop_id: null });
    expect(report.rows[1]).toMatchObject({ week_rule: "Toutes les 3 semaines", reasons: ["Horaires illisibles"] });
    expect(weekRuleLabel(undefined)).toBe("—");
    expect(weekRuleLabel({ kind: "even" })).toBe("Semaines paires");
    expect(weekRuleLabel("mixed")).toBe("Variable selon les créneaux");
    expect(hasChanges(report)).toBe(true);
    expect(hasChanges({ ...report, created: 0 })).toBe(false);
    expect(stopStatusLabel("created", true)).toBe("à créer");
    expect(stopStatusLabel("created", false)).toBe("créé");
    expect(stopStatusLabel("updated", false)).toBe("modifié");
    expect(stopStatusLabel("unchanged", true)).toBe("inchangé");
    expect(stopStatusLabel("rejected", false)).toBe("rejeté");
    const file = [{ commune: "Saint-Fraigne" }, { commune: 3 }];
    expect(communeText(report.rows[0], file)).toBe("Saint-Fraigne (16317)");
    expect(communeText(report.rows[1], file)).toBe("—");
    expect(communeText({ index: 5, commune_code: "16001" }, file)).toBe("16001");
  });
});

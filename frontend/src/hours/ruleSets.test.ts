import { describe, expect, it } from "vitest";
import {
  draftFrom, hoursToMinutes, minutesToHoursInput, minutesToHoursText, ruleSetState, toRuleSet, toRuleSetInput,
} from "./ruleSets";

const inForce = toRuleSet({
  code: "fs-2025-06", title: "Référentiel France services (2025)", source: "Arrêté du 16 juin 2025", valid_from: "2025-06-16",
  min_weekly_minutes: 1440, min_open_days: 5, min_agents_present: 2, trained_agents_required: true,
  partner_socle_required: true, premises_required: false, in_force: true,
});

describe("rule sets", () => {
  it("shows minutes as hours and reads hours typed in French or English notation", () => {
    expect(minutesToHoursText(1440)).toBe("24 h");
    expect(minutesToHoursText(1470)).toBe("24,5 h");
    expect(minutesToHoursText(1450)).toBe("24,17 h");
    expect(minutesToHoursInput(1470)).toBe("24,5");
    expect(hoursToMinutes("24")).toBe(1440);
    expect(hoursToMinutes("24,5")).toBe(1470);
    expect(hoursToMinutes(" 22.25 h ")).toBe(1335);
    expect(hoursToMinutes(minutesToHoursInput(1450))).toBe(1450);
    for (const bad of ["", "vingt", "24,5,1", "-3", "24h30"]) expect(hoursToMinutes(bad)).toBeNull();
  });

  it("places a version against today", () => {
    expect(ruleSetState(inForce, "2026-11-24")).toBe("in_force");
    expect(ruleSetState({ in_force: false, valid_from: "2027-01-01" }, "2026-11-24")).toBe("future");
    expect(ruleSetState({ in_force: false, valid_from: "2019-07-01" }, "2026-11-24")).toBe("past");
  });

  it("starts a new version from the thresholds in force and posts minutes", () => {
    const draft = { ...draftFrom(inForce), code: " fs-2027-01 ", title: "Référentiel 2027", source: "Arrêté", valid_from: "2027-01-01", min_weekly_hours: "30,5" };
    expect(draftFrom(inForce)).toMatchObject({ min_weekly_hours: "24", min_open_days: "5", min_agents_present: "2", premises_required: false });
    expect(toRuleSetInput(draft)).toEqual({
      body: {
        code: "fs-2027-01", title: "Référentiel 2027", source: "Arrêté", valid_from: "2027-01-01",
        min_weekly_minutes: 1830, min_open_days: 5, min_agents_present: 2,
        trained_agents_required: true, partner_socle_required: true, premises_required: false,
      },
    });
    expect(toRuleSetInput({ ...draft, min_weekly_hours: "beaucoup", min_open_days: "5,5" })).toEqual({
      errors: {
        min_weekly_minutes: "Indiquez un nombre d’heures, par exemple 24 ou 24,5.",
        min_open_days: "Indiquez un nombre entier de jours.",
      },
    });
  });
});

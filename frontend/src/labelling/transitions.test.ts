import { describe, expect, it } from "vitest";
import { EMPTY_TRANSITION, derogationCriteria, dialogFields, transitionBody, validateTransition } from "./transitions";

const allowed = (to: string, extra: Partial<{ reason_required: boolean; negative: boolean; needs_wave: boolean }> = {}) => ({
  to, reason_required: false, negative: false, needs_wave: false, ...extra,
});

describe("dialogFields", () => {
  it("asks a reason for negative transitions, a wave when labelling, derogations for prefecture and admin only", () => {
    expect(dialogFields(allowed("instruction"), "prefecture")).toEqual({ reasonRequired: false, wave: false, derogations: false });
    expect(dialogFields(allowed("rejete", { reason_required: true, negative: true }), "prefecture")).toEqual({ reasonRequired: true, wave: false, derogations: false });
    // A negative transition requires a reason even if the server forgot the flag.
    expect(dialogFields(allowed("ferme", { negative: true }), "structure").reasonRequired).toBe(true);
    expect(dialogFields(allowed("labellise", { needs_wave: true }), "prefecture")).toEqual({ reasonRequired: false, wave: true, derogations: true });
    expect(dialogFields(allowed("labellise", { needs_wave: true }), "admin").derogations).toBe(true);
    expect(dialogFields(allowed("labellise", { needs_wave: true }), "animateur")).toEqual({ reasonRequired: false, wave: true, derogations: false });
    // Back to "labellise" from suspension: no wave asked, and derogations stay possible for the prefecture.
    expect(dialogFields(allowed("labellise"), "prefecture")).toEqual({ reasonRequired: false, wave: false, derogations: true });
  });
});

describe("validateTransition", () => {
  it("reports the missing reason, wave and derogation fields", () => {
    const fields = { reasonRequired: true, wave: true, derogations: true };
    const errors = validateTransition({ reason: "  ", wave_id: "", derogations: [{ key: "d", criterion: "", justification: "", until: "" }] }, fields);
    expect(Object.keys(errors).sort()).toEqual(["derogations[0].criterion", "derogations[0].justification", "derogations[0].until", "reason", "wave_id"]);
    expect(validateTransition({ reason: "Dossier incomplet", wave_id: "w1", derogations: [] }, fields)).toEqual({});
    expect(validateTransition(EMPTY_TRANSITION, { reasonRequired: false, wave: false, derogations: false })).toEqual({});
  });
});

describe("transitionBody", () => {
  it("sends only what the dialog asked for, trimmed", () => {
    const draft = {
      reason: "  Conforme  ", wave_id: "w1",
      derogations: [{ key: "d", criterion: "weekly_hours", justification: " Travaux ", until: "2027-06-30" }],
    };
    expect(transitionBody("labellise", draft, { reasonRequired: false, wave: true, derogations: true })).toEqual({
      to: "labellise", reason: "Conforme", wave_id: "w1",
      derogations: [{ criterion: "weekly_hours", justification: "Travaux", until: "2027-06-30" }],
    });
    expect(transitionBody("instruction", draft, { reasonRequired: false, wave: false, derogations: false })).toEqual({ to: "instruction", reason: "Conforme" });
    expect(transitionBody("instruction", EMPTY_TRANSITION, { reasonRequired: false, wave: false, derogations: false })).toEqual({ to: "instruction" });
  });
});

describe("derogationCriteria", () => {
  it("lists the failing criteria first, whatever the guard's code prefix", () => {
    const list = derogationCriteria([{ code: "compliance.agents_trained", message: "1 agent formé sur 2" }]);
    expect(list[0]).toEqual({ code: "agents_trained", label: "Agents formés", failing: true });
    expect(list.filter((c) => c.failing)).toHaveLength(1);
    expect(list.map((c) => c.code).sort()).toEqual(["agents_present", "agents_trained", "open_days", "partner_socle", "premises", "weekly_hours"]);
  });
});

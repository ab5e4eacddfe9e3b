import { describe, expect, it } from "vitest";
import { PLAN_STATES, addDays, canReadVisits, isPlannable, planStateOf, proposedDate, validateAction, visitTypesFor } from "./labels";

describe("plan states", () => {
  it.each([
    ["done", "Faite", "success"],
    ["planned", "Planifiée", "info"],
    ["missing", "Manquante", "warning"],
    ["overdue", "En retard", "error"],
    ["not_due", "À venir", "new"],
    ["not_labelled", "Non labellisée", undefined],
  ])("%s reads %s with a %s badge", (state, text, severity) => {
    expect(planStateOf(state)).toEqual({ label: text, severity });
  });

  it("covers every state and plans only missing and à venir cells", () => {
    expect(Object.keys(PLAN_STATES)).toHaveLength(6);
    expect(["missing", "not_due"].every(isPlannable)).toBe(true);
    expect(["done", "planned", "overdue", "not_labelled"].some(isPlannable)).toBe(false);
    expect(planStateOf("inconnu")).toEqual({ label: "inconnu", severity: undefined });
  });

  it("proposes today in the current quarter, else its first day", () => {
    const q1 = { start: "2026-01-01", end: "2026-03-31" };
    expect(proposedDate(q1, "2026-02-10")).toBe("2026-02-10");
    expect(proposedDate(q1, "2025-12-01")).toBe("2026-01-01");
    expect(proposedDate({ start: "2027-01-01", end: "2027-03-31" }, "2026-11-24")).toBe("2027-01-01");
  });
});

describe("validateAction", () => {
  const ok = { description: "Afficher les horaires", owner_type: "structure", owner_label: "", due_date: "2026-12-24" };

  it("accepts a complete action", () => {
    expect(validateAction(ok, "2026-11-24")).toEqual({});
  });

  it("maps each problem to its field", () => {
    expect(validateAction({ ...ok, description: "  " }, "2026-11-24")).toEqual({ description: "Décrivez l’action à mener." });
    expect(validateAction({ ...ok, owner_type: "" }, "2026-11-24")).toEqual({ owner_type: "Choisissez qui porte l’action." });
    expect(validateAction({ ...ok, due_date: "" }, "2026-11-24")).toEqual({ due_date: "Indiquez une échéance." });
    expect(validateAction({ ...ok, due_date: "2026-11-01" }, "2026-11-24")).toEqual({ due_date: "L’échéance ne peut pas précéder la visite." });
    expect(Object.keys(validateAction({ description: "", owner_type: "x", owner_label: "a".repeat(201), due_date: "" }, ""))).toEqual(
      ["description", "owner_type", "due_date", "owner_label"],
    );
  });
});

describe("roles and dates", () => {
  it("keeps partners out and animators to their own type", () => {
    expect(canReadVisits("partner")).toBe(false);
    expect(canReadVisits("structure")).toBe(true);
    expect(visitTypesFor("animateur")).toEqual(["animateur"]);
    expect(visitTypesFor("prefecture")[0]).toBe("prefectorale");
  });

  it("adds days across months", () => {
    expect(addDays("2026-11-24", 30)).toBe("2026-12-24");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

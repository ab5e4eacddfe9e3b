import { describe, expect, it } from "vitest";
import { toProgress } from "../api/labelling";
import { gapText, pipelineTotal, statesOf, targetBody, targetForm, targetTitle, validateTarget } from "./targets";

describe("target form", () => {
  it("checks the due date and a whole count", () => {
    expect(validateTarget({ label: "", due_date: "", count: "2.5", format: "", every_canton: false })).toEqual({
      due_date: "Indiquez l’échéance de l’objectif.", count: "Indiquez un nombre entier de structures (0 ou plus).",
    });
    expect(validateTarget({ label: "", due_date: "2026-12-31", count: "23", format: "", every_canton: false })).toEqual({});
  });

  it("maps the form to the body (no format = null) and back", () => {
    const target = { id: "t1", due_date: "2026-12-31", count: 23, format: null, every_canton: true, label: " Objectif 2026 ", version: 2 };
    const form = targetForm(target);
    expect(form).toEqual({ label: " Objectif 2026 ", due_date: "2026-12-31", count: "23", format: "", every_canton: true });
    expect(targetBody({ ...form, format: "antenne" })).toEqual({ label: "Objectif 2026", due_date: "2026-12-31", count: 23, format: "antenne", every_canton: true });
    expect(targetBody(form).format).toBeNull();
  });

  it("names a target without label from its figures", () => {
    const t = { id: "t", due_date: "2026-12-31", count: 24, format: "site", every_canton: false, label: "", version: 1 };
    expect(targetTitle(t, (d) => d)).toBe("24 structures labellisées au 2026-12-31 (site principal)");
  });
});

describe("progress", () => {
  const progress = toProgress({
    labelled: 23, by_state: { projet: 2, instruction: 1, audit_demande: 1, labellise: 23, sous_surveillance: 1, rejete: 4 },
    targets: [{ target: { id: "t", count: 24 }, achieved: 23, gap: 1, met: false }],
  });

  it("counts the structures on their way to the label", () => {
    expect(pipelineTotal(progress)).toBe(4);
    const states = statesOf(progress);
    expect(states.map((s) => s.state)[0]).toBe("projet");
    expect(states.find((s) => s.state === "labellise")).toMatchObject({ count: 23, pipeline: false });
    expect(states.find((s) => s.state === "non_conforme")).toMatchObject({ count: 0, pipeline: true });
  });

  it("says the gap to a target", () => {
    expect(gapText(progress.targets[0])).toBe("1 structure à labelliser");
    expect(gapText({ ...progress.targets[0], achieved: 24, gap: 0, met: true })).toBe("Objectif atteint");
    const cantons = { target: { ...progress.targets[0].target, count: 0, every_canton: true }, achieved: 24, gap: 0, met: false };
    expect(gapText(cantons, 3)).toBe("3 cantons à couvrir");
    expect(gapText({ ...cantons, target: { ...cantons.target, count: 26 }, gap: 2 }, 1)).toBe("2 structures à labelliser, 1 canton à couvrir");
  });
});

import { describe, expect, it } from "vitest";
import type { Coverage } from "../api/partners";
import { cellText, cellTitle, coverageView, howLabel } from "./coverage";

const data: Coverage = {
  at: "2026-11-24",
  operators: [
    { code: "cnaf", name: "Allocations familiales (CNAF – CAF)", short_name: "CAF" },
    { code: "dgfip", name: "Direction générale des Finances publiques", short_name: "DGFiP" },
    { code: "msa", name: "Mutualité sociale agricole", short_name: "MSA" },
  ],
  rows: [
    { structure_id: "a", structure_name: "France services Rioz", missing: 1, cells: [
      { operator: "dgfip", covered: true, how: ["referent"] },
      { operator: "cnaf", covered: true, how: ["permanence:visio", "referent", "permanence:visio"] },
      { operator: "msa", covered: false, how: [] },
    ] },
    { structure_id: "b", structure_name: "France services de Gy", missing: 0, cells: [
      { operator: "cnaf", covered: true, how: ["referent"] },
      { operator: "dgfip", covered: true, how: ["permanence:physique"] },
      { operator: "msa", covered: true, how: ["permanence:telephone"] },
    ] },
    // A row without a cell for "msa": a gap, whatever "missing" the server sent.
    { structure_id: "c", structure_name: "France services de Jussey", missing: 0, cells: [
      { operator: "cnaf", covered: true, how: [] },
      { operator: "dgfip", covered: true, how: ["referent"] },
    ] },
  ],
  summary: { structures: 3, fully_covered: 1 },
};

describe("cell texts", () => {
  it("says how a cell is covered, in words, without duplicates", () => {
    expect(howLabel("referent")).toBe("référent");
    expect(howLabel("permanence:telephone")).toBe("permanence téléphone");
    expect(howLabel("permanence:inconnue")).toBe("permanence");
    expect(cellText({ operator: "cnaf", covered: true, how: ["permanence:visio", "referent", "permanence:visio"] })).toBe("Permanence visio, référent");
    expect(cellText({ operator: "cnaf", covered: true, how: [] })).toBe("Couvert");
    expect(cellText({ operator: "msa", covered: false, how: ["referent"] })).toBe("Lacune");
  });

  it("gives a title naming the structure, the operator and the state", () => {
    expect(cellTitle("France services Rioz", "MSA", { operator: "msa", covered: false, how: [] }))
      .toBe("MSA à France services Rioz : non couvert, ni référent ni permanence");
    expect(cellTitle("France services Rioz", "DGFiP", { operator: "dgfip", covered: true, how: ["referent"] }))
      .toBe("DGFiP à France services Rioz : couvert (référent)");
  });
});

describe("coverageView", () => {
  it("orders cells as the operators' columns and counts gaps and totals", () => {
    const view = coverageView(data, { gapsOnly: false });
    expect(view.rows.map((r) => r.cells.map((c) => c.operator))).toEqual([["cnaf", "dgfip", "msa"], ["cnaf", "dgfip", "msa"], ["cnaf", "dgfip", "msa"]]);
    expect(view.rows.map((r) => r.missing)).toEqual([1, 0, 1]);
    expect(view.rows[2].cells[2]).toMatchObject({ covered: false, text: "Lacune", operatorName: "MSA" });
    expect(view.totals).toEqual([
      { code: "cnaf", name: "CAF", covered: 3, gaps: 0 },
      { code: "dgfip", name: "DGFiP", covered: 3, gaps: 0 },
      { code: "msa", name: "MSA", covered: 1, gaps: 2 },
    ]);
    expect([view.structures, view.fullyCovered, view.gaps]).toEqual([3, 1, 2]);
  });

  it("keeps only the structures with a gap, totals still over the whole département", () => {
    const view = coverageView(data, { gapsOnly: true });
    expect(view.rows.map((r) => r.structure_name)).toEqual(["France services Rioz", "France services de Jussey"]);
    expect(view.totals.find((t) => t.code === "msa")).toMatchObject({ covered: 1, gaps: 2 });
    expect(view.structures).toBe(3);
  });

  it("handles an empty département", () => {
    const view = coverageView({ ...data, rows: [] }, { gapsOnly: true });
    expect(view.rows).toEqual([]);
    expect(view.totals.every((t) => t.covered === 0 && t.gaps === 0)).toBe(true);
  });
});

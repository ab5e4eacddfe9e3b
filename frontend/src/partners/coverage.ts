// The coverage matrix as the page shows it (ADR 0008): cell texts and titles, the "gaps only" filter and the
// totals per operator. No React.
import type { Coverage, CoverageCell, CoverageOperator, CoverageRow, Modality } from "../api/partners";
import { MODALITY_SHORT } from "./labels";

export type CoverageFilter = { gapsOnly: boolean };

export type ViewCell = CoverageCell & { operatorName: string; text: string; title: string };
export type ViewRow = Omit<CoverageRow, "cells"> & { cells: ViewCell[] };
export type OperatorTotal = { code: string; name: string; covered: number; gaps: number };
export type CoverageView = {
  operators: CoverageOperator[];
  rows: ViewRow[];
  totals: OperatorTotal[];
  /** Structures of the département, and those where every operator is covered. */
  structures: number;
  fullyCovered: number;
  gaps: number;
};

/** "référent" or "permanence visio" for one entry of a cell's `how`. */
export function howLabel(how: string): string {
  if (how === "referent") return "référent";
  const [kind, modality] = how.split(":");
  if (kind === "permanence") {
    const short = MODALITY_SHORT[modality as Modality];
    return short ? `permanence ${short}` : "permanence";
  }
  return how;
}

/** The visible text of a cell: how it is covered ("Référent, permanence visio"), or "Lacune". */
export function cellText(cell: CoverageCell): string {
  if (!cell.covered) return "Lacune";
  const parts = [...new Set(cell.how.map(howLabel))];
  if (parts.length === 0) return "Couvert";
  const text = parts.join(", ");
  return text[0].toUpperCase() + text.slice(1);
}

/** The title (tooltip and accessible description) of a cell: structure, operator and state in one sentence. */
export function cellTitle(structure: string, operator: string, cell: CoverageCell): string {
  return cell.covered
    ? `${operator} à ${structure} : couvert (${cellText(cell).toLowerCase()})`
    : `${operator} à ${structure} : non couvert, ni référent ni permanence`;
}

/** The rows in the operators' column order, with texts; `gapsOnly` keeps the structures with at least one gap. */
export function coverageView(data: Coverage, filter: CoverageFilter): CoverageView {
  const rows: ViewRow[] = data.rows.map((row) => {
    const byOperator = new Map(row.cells.map((c) => [c.operator, c]));
    const cells = data.operators.map((op) => {
      const cell = byOperator.get(op.code) ?? { operator: op.code, covered: false, how: [] };
      return { ...cell, operatorName: op.short_name, text: cellText(cell), title: cellTitle(row.structure_name, op.short_name, cell) };
    });
    return { ...row, cells, missing: cells.filter((c) => !c.covered).length };
  });
  const totals = data.operators.map((op, i) => {
    const covered = rows.filter((r) => r.cells[i].covered).length;
    return { code: op.code, name: op.short_name, covered, gaps: rows.length - covered };
  });
  const fullyCovered = rows.filter((r) => r.missing === 0).length;
  return {
    operators: data.operators,
    rows: filter.gapsOnly ? rows.filter((r) => r.missing > 0) : rows,
    totals,
    structures: rows.length,
    fullyCovered,
    gaps: rows.reduce((n, r) => n + r.missing, 0),
  };
}

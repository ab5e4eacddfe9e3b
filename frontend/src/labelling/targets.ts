// Targets and progress without React: the target form ⇄ the API, local checks, and the progress' summary figures.
import type { Progress, Target, TargetInput, TargetProgress } from "../api/labelling";
import { LABEL_STATES, formatText, plural, stateLabel } from "./labels";

export type TargetFormValues = { label: string; due_date: string; count: string; format: string; every_canton: boolean };

export const EMPTY_TARGET: TargetFormValues = { label: "", due_date: "", count: "", format: "", every_canton: false };

export function targetForm(t: Target | null): TargetFormValues {
  if (!t) return EMPTY_TARGET;
  return { label: t.label, due_date: t.due_date, count: String(t.count), format: t.format ?? "", every_canton: t.every_canton };
}

/** Local checks (the server answers the same fields). */
export function validateTarget(v: TargetFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.due_date) errors.due_date = "Indiquez l’échéance de l’objectif.";
  const count = Number(v.count);
  if (v.count.trim() === "" || !Number.isInteger(count) || count < 0) errors.count = "Indiquez un nombre entier de structures (0 ou plus).";
  return errors;
}

export function targetBody(v: TargetFormValues): TargetInput {
  return {
    label: v.label.trim(),
    due_date: v.due_date,
    count: Number(v.count),
    format: v.format || null,
    every_canton: v.every_canton,
  };
}

/** A target's name in sentences: its label, or "23 structures labellisées au 31 décembre 2026 (sites principaux)". */
export function targetTitle(t: Target, formatDate: (d: string) => string): string {
  if (t.label) return t.label;
  const format = t.format ? ` (${formatText(t.format).toLowerCase()})` : "";
  return `${plural(t.count, "structure labellisée", "structures labellisées")} au ${formatDate(t.due_date)}${format}`;
}

/** The gap of a target in words; `uncovered` cantons count when the target asks for every canton. */
export function gapText(p: TargetProgress, uncovered = 0): string {
  if (p.met) return "Objectif atteint";
  const gap = p.gap > 0 ? p.gap : Math.max(0, p.target.count - p.achieved);
  const parts: string[] = [];
  if (gap > 0) parts.push(`${plural(gap, "structure")} à labelliser`);
  if (p.target.every_canton && uncovered > 0) parts.push(`${plural(uncovered, "canton")} à couvrir`);
  return parts.length > 0 ? parts.join(", ") : "Objectif non atteint";
}

/** The states of a structure on its way to the label (project to audit, non-compliant), in the table's order. */
export const PIPELINE_STATES = new Set(["projet", "candidature_deposee", "instruction", "audit_demande", "non_conforme"]);

/** Every state with its count, in the table's order; `pipeline` marks the states on the way to the label. */
export function statesOf(progress: Progress): { state: string; label: string; count: number; pipeline: boolean }[] {
  return LABEL_STATES.map((s) => ({ state: s, label: stateLabel(s), count: progress.by_state[s] ?? 0, pipeline: PIPELINE_STATES.has(s) }));
}

/** The structures on their way to the label, by state. */
export function pipelineStates(progress: Progress): { state: string; label: string; count: number }[] {
  const outside = new Set(LABEL_STATES.filter((s) => !PIPELINE_STATES.has(s)));
  return LABEL_STATES.filter((s) => !outside.has(s)).map((s) => ({ state: s, label: stateLabel(s), count: progress.by_state[s] ?? 0 }));
}

export function pipelineTotal(progress: Progress): number {
  return pipelineStates(progress).reduce((n, s) => n + s.count, 0);
}

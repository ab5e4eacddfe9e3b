// French labels of the visits' codes (ADR 0005) and small pure helpers of the visits screens.
import type { components } from "../api/schema";
import type { Role } from "../auth/roles";

type Schemas = components["schemas"];
export type PlanState = NonNullable<Schemas["VisitPlanCell"]["state"]>;
export type VisitType = NonNullable<Schemas["Visit"]["type"]>;
export type VisitStatus = NonNullable<Schemas["Visit"]["status"]>;
export type Severity = NonNullable<Schemas["Finding"]["severity"]>;
export type OwnerType = NonNullable<Schemas["Action"]["owner_type"]>;
export type ActionStatus = NonNullable<Schemas["Action"]["status"]>;
export type BadgeSeverity = "success" | "info" | "warning" | "error" | "new" | undefined;

/** A plan cell: its French label and the DSFR badge colour (the label always carries the meaning). */
export const PLAN_STATES: Record<PlanState, { label: string; severity: BadgeSeverity }> = {
  done: { label: "Faite", severity: "success" },
  planned: { label: "Planifiée", severity: "info" },
  missing: { label: "Manquante", severity: "warning" },
  overdue: { label: "En retard", severity: "error" },
  not_due: { label: "À venir", severity: "new" },
  not_labelled: { label: "Non labellisée", severity: undefined },
};

export function planStateOf(state: string | undefined): { label: string; severity: BadgeSeverity } {
  return PLAN_STATES[state as PlanState] ?? { label: state ?? "", severity: undefined };
}

/** Cells from which a visit can be planned. */
export function isPlannable(state: string | undefined): boolean {
  return state === "missing" || state === "not_due";
}

export const VISIT_TYPES: Record<VisitType, string> = {
  prefectorale: "Visite préfectorale",
  animateur: "Visite d’animation",
  audit_qualite: "Audit qualité",
  autre: "Autre visite",
};

export const VISIT_STATUSES: Record<VisitStatus, { label: string; severity: BadgeSeverity }> = {
  planifiee: { label: "Planifiée", severity: "info" },
  realisee: { label: "Réalisée", severity: "success" },
  annulee: { label: "Annulée", severity: undefined },
};

export const SEVERITIES: Record<Severity, string> = {
  observation: "Observation",
  mineure: "Mineure",
  majeure: "Majeure",
  critique: "Critique",
};

export const OWNER_TYPES: Record<OwnerType, string> = {
  structure: "La structure",
  prefecture: "La préfecture",
  partenaire: "Un partenaire",
};

export const ACTION_STATUSES: Record<ActionStatus, string> = {
  ouverte: "Ouverte",
  en_cours: "En cours",
  close: "Close",
};

export const label = <K extends string>(map: Record<K, string>, key: string | undefined | null) =>
  (key && (map as Record<string, string>)[key]) || (key ?? "");

/** "2026-03-05" → "5 mars 2026". */
export function formatDate(date: string | null | undefined): string {
  if (!date) return "";
  const [y, m, d] = date.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** "2026-03" → "mars 2026". */
export function formatMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** Local date as YYYY-MM-DD. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/**
 * The date proposed when planning from a plan cell: today if the quarter is under way, else its first day
 * (the quarter's start/end come from the plan).
 */
export function proposedDate(quarter: { start: string; end: string }, today: string): string {
  if (today >= quarter.start && today <= quarter.end) return today;
  if (today > quarter.end) return quarter.end;
  return quarter.start;
}

/** The date a visit is filed under: done date, else planned date. */
export function visitDate(v: { done_date?: string | null; planned_date?: string | null }): string {
  return v.done_date || v.planned_date || "";
}

export type ActionDraft = { description: string; owner_type: string; owner_label: string; due_date: string };

/**
 * Client-side checks of a new action before it is sent (the server checks again; its messages land on the same
 * fields): description, owner type, due date not before the visit.
 */
export function validateAction(draft: ActionDraft, visitDay: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.description.trim()) errors.description = "Décrivez l’action à mener.";
  else if (draft.description.length > 2000) errors.description = "La description ne doit pas dépasser 2 000 caractères.";
  if (!(draft.owner_type in OWNER_TYPES)) errors.owner_type = "Choisissez qui porte l’action.";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.due_date)) errors.due_date = "Indiquez une échéance.";
  else if (visitDay && draft.due_date < visitDay) errors.due_date = "L’échéance ne peut pas précéder la visite.";
  if (draft.owner_label.length > 200) errors.owner_label = "Le nom du porteur ne doit pas dépasser 200 caractères.";
  return errors;
}

/** Roles reading visits (ADR 0005): every role but partner. */
export const VISIT_READER_ROLES: readonly Role[] = ["admin", "region", "prefecture", "animateur", "structure"];
/** Roles reading the plan and the overdue actions of a département. */
export const VISIT_PLAN_ROLES: readonly Role[] = ["admin", "region", "prefecture", "animateur"];
/** Roles planning and recording visits (animateur: its own type only). */
export const VISIT_WRITER_ROLES: readonly Role[] = ["admin", "prefecture", "animateur"];

export function canReadVisits(role: string): boolean {
  return (VISIT_READER_ROLES as readonly string[]).includes(role);
}

export function canReadPlan(role: string): boolean {
  return (VISIT_PLAN_ROLES as readonly string[]).includes(role);
}

export function canWriteVisits(role: string): boolean {
  return (VISIT_WRITER_ROLES as readonly string[]).includes(role);
}

export function visitTypesFor(role: string): VisitType[] {
  if (role === "animateur") return ["animateur"];
  return ["prefectorale", "animateur", "audit_qualite", "autre"];
}

export function canRequestWatch(role: string): boolean {
  return role === "admin" || role === "prefecture";
}

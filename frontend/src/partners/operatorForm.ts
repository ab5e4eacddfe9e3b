// The operator form without React (ADR 0008, admin only): draft ⇄ API bodies. A name change is a dated row from
// `renamed_on`; the code never changes; "" clears a socle date.
import type { Operator, OperatorBody } from "../api/partners";

export type OperatorDraft = { code: string; name: string; short_name: string; renamed_on: string; socle_from: string; socle_to: string };

export const OPERATOR_FIELDS = ["code", "name", "short_name", "renamed_on", "socle_from", "socle_to"] as const;

export function operatorDraft(o: Operator | null): OperatorDraft {
  return {
    code: o?.code ?? "", name: o?.name ?? "", short_name: o && o.short_name !== o.name ? o.short_name : "",
    renamed_on: "", socle_from: o?.socle_from ?? "", socle_to: o?.socle_to ?? "",
  };
}

/** POST /operators: every field; the short name defaults on the server, the optional dates are left out when empty. */
export function createOperatorBody(d: OperatorDraft): OperatorBody {
  const body: OperatorBody = { code: d.code.trim(), name: d.name.trim(), short_name: d.short_name.trim() || d.name.trim() };
  if (d.renamed_on) body.renamed_on = d.renamed_on;
  if (d.socle_from) body.socle_from = d.socle_from;
  if (d.socle_to) body.socle_to = d.socle_to;
  return body;
}

/** Whether the draft changes the operator's current name or short name (then a new dated name is added). */
export function renames(o: Operator, d: OperatorDraft): boolean {
  const short = d.short_name.trim() || d.name.trim();
  return d.name.trim() !== o.name || short !== o.short_name;
}

/** PATCH /operators/{code}: the socle period always; the names (and their date) only when they change. */
export function updateOperatorBody(o: Operator, d: OperatorDraft): OperatorBody {
  const body: OperatorBody = { socle_from: d.socle_from, socle_to: d.socle_to };
  if (!renames(o, d)) return body;
  body.name = d.name.trim();
  body.short_name = d.short_name.trim() || d.name.trim();
  if (d.renamed_on) body.renamed_on = d.renamed_on;
  return body;
}

/** Local checks (the server answers the same fields). */
export function validateOperator(d: OperatorDraft, creating: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (creating && !/^[a-z][a-z0-9_]{1,30}$/.test(d.code.trim())) errors.code = "Code invalide : lettres minuscules, chiffres et _, 2 à 31 caractères.";
  if (!d.name.trim()) errors.name = "Indiquez le nom de l’opérateur.";
  if (d.socle_to && !d.socle_from) errors.socle_from = "Une fin de socle demande un début.";
  else if (d.socle_to && d.socle_to < d.socle_from) errors.socle_to = "La fin du socle suit son début.";
  return errors;
}

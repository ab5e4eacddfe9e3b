// The transition dialog without React: which fields an `allowed` item asks for, the local checks, the POST body.
import type { AllowedTransition, TransitionInput } from "../api/labelling";
import { canGiveDerogations } from "./labels";

export type DialogFields = {
  /** A reason textarea is shown for every transition; it is required for negative ones. */
  reasonRequired: boolean;
  /** A wave must be chosen (or created inline) when labelling. */
  wave: boolean;
  /** Derogations (criterion, justification, end date) may be given by prefecture/admin when labelling. */
  derogations: boolean;
};

export type DerogationDraft = { key: string; criterion: string; justification: string; until: string };
export type TransitionDraft = { reason: string; wave_id: string; derogations: DerogationDraft[] };

export const EMPTY_TRANSITION: TransitionDraft = { reason: "", wave_id: "", derogations: [] };

/** The fields of the dialog for one allowed transition and the actor's role. */
export function dialogFields(t: Pick<AllowedTransition, "to" | "reason_required" | "negative" | "needs_wave">, role: string): DialogFields {
  const labelling = t.to === "labellise";
  return {
    reasonRequired: t.reason_required || t.negative,
    wave: t.needs_wave,
    derogations: labelling && canGiveDerogations(role),
  };
}

/** Local checks before the POST (the server checks again and answers per-field errors on the same keys). */
export function validateTransition(draft: TransitionDraft, fields: DialogFields): Record<string, string> {
  const errors: Record<string, string> = {};
  if (fields.reasonRequired && draft.reason.trim() === "") errors.reason = "Indiquez le motif de cette décision.";
  if (fields.wave && !draft.wave_id) errors.wave_id = "Choisissez la vague de labellisation, ou créez-la.";
  if (fields.derogations) {
    draft.derogations.forEach((d, i) => {
      if (!d.criterion) errors[`derogations[${i}].criterion`] = "Choisissez le critère concerné.";
      if (d.justification.trim() === "") errors[`derogations[${i}].justification`] = "Justifiez la dérogation.";
      if (!d.until) errors[`derogations[${i}].until`] = "Indiquez la date de fin de la dérogation.";
    });
  }
  return errors;
}

export type TransitionBody = TransitionInput;

/** The POST /structures/{id}/label/transitions body: only the fields the dialog asked for. */
export function transitionBody(to: string, draft: TransitionDraft, fields: DialogFields): TransitionBody {
  const body: TransitionBody = { to };
  const reason = draft.reason.trim();
  if (reason) body.reason = reason;
  if (fields.wave && draft.wave_id) body.wave_id = draft.wave_id;
  if (fields.derogations && draft.derogations.length > 0) {
    body.derogations = draft.derogations.map((d) => ({ criterion: d.criterion, justification: d.justification.trim(), until: d.until }));
  }
  return body;
}

/** Criteria of the compliance engine a derogation may cover (the automatic criteria of the grid). */
export const DEROGATION_CRITERIA: { code: string; label: string }[] = [
  { code: "weekly_hours", label: "Heures d’ouverture hebdomadaires" },
  { code: "open_days", label: "Jours d’ouverture" },
  { code: "agents_present", label: "Agents présents sur chaque créneau" },
  { code: "agents_trained", label: "Agents formés" },
  { code: "partner_socle", label: "Socle des partenaires" },
  { code: "premises", label: "Locaux" },
];

export function derogationCriterionLabel(code: string): string {
  return DEROGATION_CRITERIA.find((c) => c.code === code)?.label ?? code;
}

/** The criteria a derogation may cover, those of the failing guards first (a guard's code may be "compliance.<criterion>"). */
export function derogationCriteria(blocked: { code: string; message: string }[]): { code: string; label: string; failing: boolean }[] {
  const failingCodes = new Set(blocked.map((b) => b.code.split(".").pop() ?? b.code));
  const all = DEROGATION_CRITERIA.map((c) => ({ ...c, failing: failingCodes.has(c.code) }));
  return [...all.filter((c) => c.failing), ...all.filter((c) => !c.failing)];
}

/** A transition the button should not be clicked for: the server reports a guard that fails. */
export function isBlocked(t: Pick<AllowedTransition, "blocked">): boolean {
  return t.blocked.length > 0;
}

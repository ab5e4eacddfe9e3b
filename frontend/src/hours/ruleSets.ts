// Rule sets of the label (GET/POST /rule-sets): the weekly threshold travels in minutes and is read and typed in
// hours; the form's draft and its conversion to the POST body. No React.

/** A rule set as the SPA shows it. */
export type RuleSet = {
  code: string;
  title: string;
  source: string;
  valid_from: string;
  min_weekly_minutes: number;
  min_open_days: number;
  min_agents_present: number;
  trained_agents_required: boolean;
  partner_socle_required: boolean;
  premises_required: boolean;
  in_force: boolean;
  created_at: string | null;
  created_by: string | null;
};

type WireRuleSet = { [K in keyof RuleSet]?: RuleSet[K] | null };

export function toRuleSet(w: WireRuleSet): RuleSet {
  return {
    code: w.code ?? "",
    title: w.title ?? "",
    source: w.source ?? "",
    valid_from: w.valid_from ?? "",
    min_weekly_minutes: w.min_weekly_minutes ?? 0,
    min_open_days: w.min_open_days ?? 0,
    min_agents_present: w.min_agents_present ?? 0,
    trained_agents_required: w.trained_agents_required ?? false,
    partner_socle_required: w.partner_socle_required ?? false,
    premises_required: w.premises_required ?? false,
    in_force: w.in_force ?? false,
    created_at: w.created_at || null,
    created_by: w.created_by || null,
  };
}

const hoursFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** 1440 → "24 h", 1470 → "24,5 h". */
export function minutesToHoursText(minutes: number): string {
  return `${hoursFormat.format(minutes / 60)} h`;
}

/** 1440 → "24", 1470 → "24,5" (the form's value). */
export function minutesToHoursInput(minutes: number): string {
  return hoursFormat.format(minutes / 60).replace(/\s/g, "");
}

/** "24", "24,5", "24.5", " 24 h " → minutes (rounded to the minute); null when it is not a number of hours. */
export function hoursToMinutes(text: string): number | null {
  const cleaned = text.trim().replace(/\s*h$/i, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 60);
}

/** Where a version stands against today: in force, to come (valid from a later date) or replaced by a later one. */
export type RuleSetState = "in_force" | "future" | "past";

export function ruleSetState(r: Pick<RuleSet, "in_force" | "valid_from">, today: string): RuleSetState {
  if (r.in_force) return "in_force";
  return r.valid_from > today ? "future" : "past";
}

export const RULE_SET_STATE_LABELS: Record<RuleSetState, string> = {
  in_force: "En vigueur",
  future: "À venir",
  past: "Remplacée",
};

/** The form, every value as typed. */
export type RuleSetDraft = {
  code: string;
  title: string;
  source: string;
  valid_from: string;
  min_weekly_hours: string;
  min_open_days: string;
  min_agents_present: string;
  trained_agents_required: boolean;
  partner_socle_required: boolean;
  premises_required: boolean;
};

/** A new version starts from the one in force (same thresholds), with its own code, title, source and date. */
export function draftFrom(current: RuleSet | undefined): RuleSetDraft {
  return {
    code: "", title: "", source: "", valid_from: "",
    min_weekly_hours: current ? minutesToHoursInput(current.min_weekly_minutes) : "24",
    min_open_days: String(current?.min_open_days ?? 5),
    min_agents_present: String(current?.min_agents_present ?? 2),
    trained_agents_required: current?.trained_agents_required ?? true,
    partner_socle_required: current?.partner_socle_required ?? true,
    premises_required: current?.premises_required ?? true,
  };
}

function integer(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

export type RuleSetInput = Omit<RuleSet, "in_force" | "created_at" | "created_by">;

/**
 * The POST body, or the fields whose value is not a number (keyed like the server's 422, so one display serves
 * both); thresholds themselves are checked by the server.
 */
export function toRuleSetInput(d: RuleSetDraft): { body: RuleSetInput } | { errors: Record<string, string> } {
  const minutes = hoursToMinutes(d.min_weekly_hours);
  const days = integer(d.min_open_days);
  const agents = integer(d.min_agents_present);
  const errors: Record<string, string> = {};
  if (minutes === null) errors.min_weekly_minutes = "Indiquez un nombre d’heures, par exemple 24 ou 24,5.";
  if (days === null) errors.min_open_days = "Indiquez un nombre entier de jours.";
  if (agents === null) errors.min_agents_present = "Indiquez un nombre entier d’agents.";
  if (minutes === null || days === null || agents === null) return { errors };
  return {
    body: {
      code: d.code.trim(), title: d.title.trim(), source: d.source.trim(), valid_from: d.valid_from,
      min_weekly_minutes: minutes, min_open_days: days, min_agents_present: agents,
      trained_agents_required: d.trained_agents_required, partner_socle_required: d.partner_socle_required,
      premises_required: d.premises_required,
    },
  };
}

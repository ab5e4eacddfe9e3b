// Opening hours editing model without React: the weekly grid's draft slots ⇄ the API's schedules (ADR 0006),
// week rule and access labels, and the compliance codes' French labels. The rules themselves are evaluated by the
// server only (POST /structures/{id}/compliance/preview).
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type WireSchedule = Schemas["Schedule"];
export type WireSlot = Schemas["ScheduleSlot"];
export type WeekRuleKind = "every" | "odd" | "even" | "every_n";
export type Access = "sans_rdv" | "sur_rdv" | "mixte";
export type Verdict = "ok" | "warning" | "failure" | "unknown";

export const WEEKDAYS: { day: number; label: string }[] = [
  { day: 1, label: "Lundi" }, { day: 2, label: "Mardi" }, { day: 3, label: "Mercredi" }, { day: 4, label: "Jeudi" },
  { day: 5, label: "Vendredi" }, { day: 6, label: "Samedi" }, { day: 7, label: "Dimanche" },
];

export const WEEK_RULE_LABELS: Record<WeekRuleKind, string> = {
  every: "Toutes les semaines",
  odd: "Semaines impaires",
  even: "Semaines paires",
  every_n: "Toutes les n semaines",
};

export const ACCESS_LABELS: Record<Access, string> = {
  sans_rdv: "Sans rendez-vous",
  sur_rdv: "Sur rendez-vous",
  mixte: "Mixte",
};

export const CRITERION_LABELS: Record<string, string> = {
  weekly_hours: "Heures d’ouverture hebdomadaires",
  open_days: "Jours d’ouverture",
  agents_present: "Agents présents sur chaque créneau",
  agents_trained: "Agents formés",
  partner_socle: "Socle des partenaires",
  premises: "Locaux",
};

export const VERDICT_LABELS: Record<Verdict, string> = {
  ok: "Conforme",
  warning: "Avertissement",
  failure: "Non conforme",
  unknown: "Inconnu",
};

export const UNIT_LABELS: Record<string, string> = { hours: "h", days: "jours", agents: "agents" };

/** "2026-W49" → "Semaine 49 (2026)". */
export function weekLabel(week: string | undefined): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week ?? "");
  return m ? `Semaine ${Number(m[2])} (${m[1]})` : week ?? "";
}

export function criterionLabel(code: string | undefined): string {
  return (code && CRITERION_LABELS[code]) || code || "Critère";
}

export function verdictLabel(status: string | undefined): string {
  return VERDICT_LABELS[(status ?? "unknown") as Verdict] ?? "Inconnu";
}

/** One slot of the grid; `key` is local (React), the other fields map 1:1 to the wire slot. */
export type DraftSlot = {
  key: string;
  weekday: number;
  start: string;
  end: string;
  rule: WeekRuleKind;
  interval: string;
  anchor: string;
  access: Access;
  stop_id: string;
  /** "" = unknown (0 on the wire). */
  planned_agents: string;
  agent_ids: string[];
};

let counter = 0;
export const newKey = () => `slot-${++counter}`;

export function toDraftSlot(slot: WireSlot): DraftSlot {
  const rule = slot.week_rule?.kind ?? "every";
  return {
    key: newKey(),
    weekday: slot.weekday ?? 1,
    start: slot.start ?? "",
    end: slot.end ?? "",
    rule,
    interval: rule === "every_n" && slot.week_rule?.interval ? String(slot.week_rule.interval) : "",
    anchor: rule === "every_n" ? slot.week_rule?.anchor ?? "" : "",
    access: slot.access ?? "sans_rdv",
    stop_id: slot.stop_id ?? "",
    planned_agents: slot.planned_agents ? String(slot.planned_agents) : "",
    agent_ids: slot.agent_ids ?? [],
  };
}

/** The wire week rule of a slot: odd/even carry no interval, every_n its interval and anchor. */
export function weekRuleOf(slot: Pick<DraftSlot, "rule" | "interval" | "anchor">): WireSlot["week_rule"] {
  if (slot.rule === "every_n") {
    const interval = Number.parseInt(slot.interval, 10);
    return { kind: "every_n", ...(Number.isFinite(interval) ? { interval } : {}), ...(slot.anchor ? { anchor: slot.anchor } : {}) };
  }
  return { kind: slot.rule };
}

export function toWireSlot(slot: DraftSlot): WireSlot {
  const agents = Number.parseInt(slot.planned_agents, 10);
  return {
    weekday: slot.weekday,
    start: slot.start,
    end: slot.end,
    week_rule: weekRuleOf(slot),
    access: slot.access,
    ...(slot.stop_id ? { stop_id: slot.stop_id } : {}),
    planned_agents: Number.isFinite(agents) ? agents : 0,
    ...(slot.agent_ids.length ? { agent_ids: slot.agent_ids } : {}),
  };
}

export function toMinutes(clock: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(clock);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function toClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** Slots of a day, in time order, with their index in the draft (the index of the wire path). */
export function slotsOfDay(slots: DraftSlot[], weekday: number): { slot: DraftSlot; index: number }[] {
  return slots
    .map((slot, index) => ({ slot, index }))
    .filter(({ slot }) => slot.weekday === weekday)
    .sort((a, b) => (toMinutes(a.slot.start) ?? 0) - (toMinutes(b.slot.start) ?? 0));
}

/**
 * A new slot on a day: 09:00–12:00 on an empty day, otherwise two hours after the day's last slot (one hour later)
 * when the day allows it; it copies the rule, access, stop and planned agents of the day's last slot.
 */
export function addSlot(slots: DraftSlot[], weekday: number): DraftSlot[] {
  const day = slotsOfDay(slots, weekday);
  const last = day.at(-1)?.slot;
  let start = 9 * 60;
  let end = 12 * 60;
  if (last) {
    const lastEnd = toMinutes(last.end) ?? 12 * 60;
    start = Math.min(lastEnd + 60, 22 * 60);
    end = Math.min(start + 3 * 60, 23 * 60 + 59);
  }
  const slot: DraftSlot = {
    key: newKey(), weekday, start: toClock(start), end: toClock(end),
    rule: last?.rule ?? "every", interval: last?.interval ?? "", anchor: last?.anchor ?? "",
    access: last?.access ?? "sans_rdv", stop_id: last?.stop_id ?? "", planned_agents: last?.planned_agents ?? "",
    agent_ids: [],
  };
  return [...slots, slot];
}

/** Splits a slot in two at its middle (rounded down to the quarter hour); unchanged when it is too short. */
export function splitSlot(slots: DraftSlot[], key: string): DraftSlot[] {
  const index = slots.findIndex((s) => s.key === key);
  if (index < 0) return slots;
  const slot = slots[index];
  const start = toMinutes(slot.start);
  const end = toMinutes(slot.end);
  if (start === null || end === null || end - start < 30) return slots;
  const middle = start + Math.floor((end - start) / 2 / 15) * 15;
  if (middle <= start || middle >= end) return slots;
  const first = { ...slot, end: toClock(middle) };
  const second = { ...slot, key: newKey(), start: toClock(middle), agent_ids: [...slot.agent_ids] };
  return [...slots.slice(0, index), first, second, ...slots.slice(index + 1)];
}

export function removeSlot(slots: DraftSlot[], key: string): DraftSlot[] {
  return slots.filter((s) => s.key !== key);
}

export function updateSlot(slots: DraftSlot[], key: string, patch: Partial<DraftSlot>): DraftSlot[] {
  return slots.map((s) => (s.key === key ? { ...s, ...patch } : s));
}

/** French description of a week rule ("Toutes les 3 semaines à partir du 05/01/2026"). */
export function weekRuleText(slot: Pick<DraftSlot, "rule" | "interval" | "anchor">): string {
  if (slot.rule !== "every_n") return WEEK_RULE_LABELS[slot.rule];
  const n = slot.interval || "n";
  const from = slot.anchor ? ` à partir du ${slot.anchor.split("-").reverse().join("/")}` : "";
  return `Toutes les ${n} semaines${from}`;
}

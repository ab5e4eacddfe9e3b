// The edited set of schedules of a structure (ADR 0006: GET/PUT /structures/{id}/schedules replace the whole set):
// the regular accueil schedule and its seasonal or temporary layers, each with its own weekly grid, plus the
// structure's public-holiday policy. No React; the rules are evaluated by the server only.
import { formatDate } from "../registry/labels";
import { newKey, toDraftSlot, toWireSlot, type DraftSlot, type WireSchedule } from "./model";

export type ScheduleKind = "regular" | "seasonal" | "temporary";
export type ScheduleStatus = "draft" | "published";

/** The structure's public-holiday policy, sent with the schedules. */
export type HolidayPolicy = { closed_on_public_holidays: boolean; open_on_pentecost_monday: boolean };

/** One schedule of the set: its wire fields as read (`base`, without slots) and its slots as the grid edits them. */
export type DraftSchedule = { key: string; base: Omit<WireSchedule, "slots">; slots: DraftSlot[] };

/**
 * The edited set, in the order of the API (schedule i of the PUT body is `schedules[i]`, so a 422 path
 * `schedules[i].valid_to` points at it); `main` is the structure's regular accueil schedule, `selected` the one in
 * the grid; `holidays` is null while the server does not send a policy (it is then not sent back).
 */
export type HoursDraft = { schedules: DraftSchedule[]; main: number; selected: number; holidays: HolidayPolicy | null };

export const SCHEDULE_KIND_LABELS: Record<ScheduleKind, string> = {
  regular: "Horaires habituels",
  seasonal: "Horaires saisonniers",
  temporary: "Horaires temporaires",
};

export const SCHEDULE_STATUS_LABELS: Record<ScheduleStatus, string> = {
  published: "Publiés",
  draft: "Brouillon (non publiés)",
};

const OWNER_LABELS: Record<string, string> = { stop: "arrêt", permanence: "permanence" };
const CHANNEL_LABELS: Record<string, string> = { telephone: "téléphone", rdv: "rendez-vous" };

/** The structure's own regular, published accueil schedule: the one the editor opens on. */
export function isMainSchedule(structureId: string, s: Omit<WireSchedule, "slots">): boolean {
  return (s.owner_kind ?? "structure") === "structure" && (s.owner_id ?? structureId) === structureId
    && (s.kind ?? "regular") === "regular" && (s.channel ?? "accueil") === "accueil" && (s.status ?? "published") === "published";
}

function toDraftSchedule(s: WireSchedule): DraftSchedule {
  const { slots, ...base } = s;
  return { key: newKey(), base, slots: (slots ?? []).map(toDraftSlot) };
}

/** Reads a set; the main schedule is created (empty) when the structure has none, and is the one selected. */
export function fromSchedules(structureId: string, schedules: WireSchedule[], holidays?: Partial<HolidayPolicy> | null): HoursDraft {
  const list = schedules.map(toDraftSchedule);
  let main = list.findIndex((s) => isMainSchedule(structureId, s.base));
  if (main < 0) {
    list.push(toDraftSchedule({ owner_kind: "structure", owner_id: structureId, kind: "regular", channel: "accueil", status: "published", slots: [] }));
    main = list.length - 1;
  }
  const policy = holidays
    ? { closed_on_public_holidays: holidays.closed_on_public_holidays ?? true, open_on_pentecost_monday: holidays.open_on_pentecost_monday ?? false }
    : null;
  return { schedules: list, main, selected: main, holidays: policy };
}

/** The schedules of the PUT body and of the compliance preview. */
export function toSchedules(draft: HoursDraft): WireSchedule[] {
  return draft.schedules.map((s) => ({ ...s.base, slots: s.slots.map(toWireSlot) }));
}

/** The whole body: schedules, and the holiday policy when the server has one. */
export function toBody(draft: HoursDraft): { schedules: WireSchedule[]; holidays?: HolidayPolicy } {
  return { schedules: toSchedules(draft), ...(draft.holidays ? { holidays: draft.holidays } : {}) };
}

export function setSlots(draft: HoursDraft, index: number, slots: DraftSlot[]): HoursDraft {
  return { ...draft, schedules: draft.schedules.map((s, i) => (i === index ? { ...s, slots } : s)) };
}

export function selectSchedule(draft: HoursDraft, index: number): HoursDraft {
  return index >= 0 && index < draft.schedules.length ? { ...draft, selected: index } : draft;
}

export type NewSchedule = { kind: Exclude<ScheduleKind, "regular">; valid_from: string; valid_to: string; copyMain: boolean };

/**
 * Adds a seasonal or temporary accueil schedule of the structure, published, valid over its dates, with a copy of
 * the main schedule's slots or none; it becomes the selected one. Its priority is the highest of its kind plus one,
 * so it wins over an older schedule of the same kind it overlaps.
 */
export function addSchedule(draft: HoursDraft, structureId: string, input: NewSchedule): HoursDraft {
  const priority = Math.max(-1, ...draft.schedules.filter((s) => s.base.kind === input.kind).map((s) => s.base.priority ?? 0)) + 1;
  const slots = input.copyMain ? draft.schedules[draft.main].slots.map((s) => ({ ...s, key: newKey(), agent_ids: [...s.agent_ids] })) : [];
  const schedule: DraftSchedule = {
    key: newKey(),
    base: {
      owner_kind: "structure", owner_id: structureId, channel: "accueil", kind: input.kind, status: "published", priority,
      ...(input.valid_from ? { valid_from: input.valid_from } : {}), ...(input.valid_to ? { valid_to: input.valid_to } : {}),
    },
    slots,
  };
  const schedules = [...draft.schedules, schedule];
  return { ...draft, schedules, selected: schedules.length - 1 };
}

export type SchedulePatch = { kind?: ScheduleKind; valid_from?: string; valid_to?: string; priority?: number; status?: ScheduleStatus };

/** Changes the validity, kind, priority or status of a schedule; an empty date is left out of the body. */
export function updateSchedule(draft: HoursDraft, index: number, patch: SchedulePatch): HoursDraft {
  return {
    ...draft,
    schedules: draft.schedules.map((s, i) => {
      if (i !== index) return s;
      const base: Omit<WireSchedule, "slots"> = { ...s.base, ...patch };
      if (!base.valid_from) delete base.valid_from;
      if (!base.valid_to) delete base.valid_to;
      return { ...s, base };
    }),
  };
}

/** Removes a schedule (never the main one); the main schedule becomes the selected one when the removed one was. */
export function removeSchedule(draft: HoursDraft, index: number): HoursDraft {
  if (index === draft.main || index < 0 || index >= draft.schedules.length) return draft;
  const shift = (i: number) => (i > index ? i - 1 : i);
  const main = shift(draft.main);
  return { ...draft, schedules: draft.schedules.filter((_, i) => i !== index), main, selected: draft.selected === index ? main : shift(draft.selected) };
}

export function setHolidays(draft: HoursDraft, patch: Partial<HolidayPolicy>): HoursDraft {
  return draft.holidays ? { ...draft, holidays: { ...draft.holidays, ...patch } } : draft;
}

/** "Horaires saisonniers", "Horaires habituels (téléphone)", "Horaires habituels de l’arrêt". */
export function scheduleTitle(s: Omit<WireSchedule, "slots">): string {
  const base = SCHEDULE_KIND_LABELS[(s.kind ?? "regular") as ScheduleKind] ?? "Horaires";
  const details = [
    s.owner_kind && s.owner_kind !== "structure" ? OWNER_LABELS[s.owner_kind] : "",
    s.channel && s.channel !== "accueil" ? CHANNEL_LABELS[s.channel] : "",
  ].filter(Boolean);
  return details.length ? `${base} (${details.join(", ")})` : base;
}

/** "Du 01/07/2027 au 31/08/2027", "À partir du …", "Jusqu’au …", "Toute l’année". */
export function validityText(s: Pick<WireSchedule, "valid_from" | "valid_to">): string {
  if (s.valid_from && s.valid_to) return `Du ${formatDate(s.valid_from)} au ${formatDate(s.valid_to)}`;
  if (s.valid_from) return `À partir du ${formatDate(s.valid_from)}`;
  if (s.valid_to) return `Jusqu’au ${formatDate(s.valid_to)}`;
  return "Toute l’année";
}

/** The name of a schedule in lists and buttons: its title with its validity when it has one. */
export function scheduleName(s: Omit<WireSchedule, "slots">): string {
  const validity = validityText(s);
  return validity === "Toute l’année" ? scheduleTitle(s) : `${scheduleTitle(s)} — ${validity.toLowerCase()}`;
}

/** The field paths of schedule i in a 422 (its own fields and its slots'). */
export function fieldsOfSchedule(fields: Record<string, string>, index: number): string[] {
  const prefix = `schedules[${index}].`;
  return Object.keys(fields).filter((k) => k.startsWith(prefix));
}

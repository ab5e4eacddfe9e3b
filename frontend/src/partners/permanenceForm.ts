// The permanence editor's draft ⇄ the API's permanence (ADR 0008): partner, modality, booking link, notes and the
// permanence's hours (schedules with owner "permanence", edited with the weekly grid of the opening hours). No React.
import type { LocalPartner, Modality, Operator, Permanence, PermanenceBody, PartnerKind } from "../api/partners";
import { toDraftSlot, toWireSlot, weekRuleText, WEEKDAYS, type DraftSlot, type WireSchedule } from "../hours/model";
import { isOwnOrganisation } from "./access";
import { partnerKey, splitPartnerKey } from "./labels";

export type PartnerOption = { key: string; kind: PartnerKind; id: string; label: string };

/** Draft of one permanence; `slots` are the grid's (schedule 0 of the body), `others` the schedules kept as read. */
export type PermanenceDraft = {
  partner: string;
  stop_id: string;
  modality: Modality;
  booking_url: string;
  /** Free words for what the week rules cannot say ("1er mardi du mois"). */
  summary: string;
  public_note: string;
  internal_note: string;
  base: Omit<WireSchedule, "slots">;
  slots: DraftSlot[];
  others: WireSchedule[];
};

/** The schedule a new permanence gets: regular and published. */
const NEW_SCHEDULE: Omit<WireSchedule, "slots"> = { kind: "regular", channel: "accueil", status: "published" };

/**
 * The partners a permanence can be given to: the operators, then the local partners of the département by name
 * (the select groups them by kind); a partner
 * user only gets its own organisation. `current` (the edited permanence's partner) is always kept.
 */
export function partnerOptions(
  operators: Operator[], locals: LocalPartner[], actor: { role: string; partner_org: string | null },
  current?: { kind: PartnerKind; id: string; name: string },
): PartnerOption[] {
  const all: PartnerOption[] = [
    ...operators.map((o) => ({ key: partnerKey("operator", o.code), kind: "operator" as const, id: o.code, label: o.name })),
    ...[...locals].sort((a, b) => a.name.localeCompare(b.name, "fr"))
      .map((p) => ({ key: partnerKey("local", p.id), kind: "local" as const, id: p.id, label: p.name })),
  ];
  const options = actor.role === "partner" ? all.filter((o) => isOwnOrganisation(actor, o.id)) : all;
  if (current && current.id && !options.some((o) => o.kind === current.kind && o.id === current.id)) {
    options.unshift({ key: partnerKey(current.kind, current.id), kind: current.kind, id: current.id, label: current.name || current.id });
  }
  return options;
}

/** The main schedule of a permanence: its first regular published one, else its first one. */
function mainIndex(schedules: WireSchedule[]): number {
  const i = schedules.findIndex((s) => (s.kind ?? "regular") === "regular" && (s.status ?? "published") === "published");
  return i >= 0 ? i : schedules.length > 0 ? 0 : -1;
}

export function emptyDraft(partner: string): PermanenceDraft {
  return {
    partner, stop_id: "", modality: "physique", booking_url: "", summary: "", public_note: "", internal_note: "",
    base: NEW_SCHEDULE, slots: [], others: [],
  };
}

export function fromPermanence(p: Permanence): PermanenceDraft {
  const i = mainIndex(p.schedules);
  const main = i >= 0 ? p.schedules[i] : { ...NEW_SCHEDULE, slots: [] };
  const { slots, ...base } = main;
  return {
    partner: partnerKey(p.partner_kind, p.partner_id), stop_id: p.stop_id ?? "", modality: p.modality,
    booking_url: p.booking_url, summary: p.summary, public_note: p.public_note, internal_note: p.internal_note,
    base, slots: (slots ?? []).map(toDraftSlot), others: p.schedules.filter((_, j) => j !== i),
  };
}

/** The POST/PATCH body; the grid's schedule is schedules[0], so a 422 path "schedules[0].slots[2].end" points at it. */
export function toPermanenceBody(d: PermanenceDraft): PermanenceBody {
  const partner = splitPartnerKey(d.partner);
  return {
    partner_kind: partner?.kind ?? "operator",
    partner_id: partner?.id ?? "",
    stop_id: d.stop_id,
    modality: d.modality,
    booking_url: d.booking_url.trim(),
    summary: d.summary.trim(),
    public_note: d.public_note.trim(),
    internal_note: d.internal_note.trim(),
    schedules: [{ ...d.base, slots: d.slots.map(toWireSlot) }, ...d.others],
  };
}

/** "Mardi 09:00–12:00 (toutes les 4 semaines à partir du 05/01/2027)" for each slot of the published schedules. */
export function slotsText(schedules: WireSchedule[]): string {
  const parts: string[] = [];
  for (const s of schedules) {
    if ((s.status ?? "published") !== "published") continue;
    const slots = [...(s.slots ?? [])].sort((a, b) => (a.weekday ?? 0) - (b.weekday ?? 0) || (a.start ?? "").localeCompare(b.start ?? ""));
    for (const slot of slots) {
      const d = toDraftSlot(slot);
      const day = WEEKDAYS.find((w) => w.day === d.weekday)?.label ?? "";
      const rule = d.rule === "every" ? "" : ` (${weekRuleText(d).toLowerCase()})`;
      parts.push(`${day} ${d.start}–${d.end}${rule}`);
    }
  }
  return parts.join(" ; ");
}

/**
 * The hours of a permanence as shown in lists: its summary (the one given, else the server's words for the slots) and
 * the slots in full (with the anchor of their week rule), left out when they say nothing more.
 */
export function permanenceHours(p: Pick<Permanence, "summary" | "schedules">): { summary: string; slots: string } {
  const slots = slotsText(p.schedules);
  const summary = p.summary || slots || "Horaires non renseignés";
  return { summary, slots: slots.toLowerCase() === summary.toLowerCase() ? "" : slots };
}

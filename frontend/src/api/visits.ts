// Normalized visit objects (ADR 0005): the generated types mark every field optional.
import type { components } from "./schema";

type S = components["schemas"];
const str = (v: string | null | undefined) => v ?? "";
const opt = (v: string | null | undefined) => (v === undefined || v === null || v === "" ? null : v);

export type VisitStructure = { id: string; name: string; commune_name: string; departement_code: string };
export type Visitor = { user_id: string | null; name: string; function: string };
export type PersonMet = { name: string; function: string };
export type Prefill = { kind: string; available: boolean; value: unknown; as_of: string | null; note: string };
export type ChecklistItem = {
  id: string; position: number; section: string; label: string; help: string; answer_type: string; required: boolean;
  prefill: Prefill | null; answer: { value: unknown; comment: string } | null;
};
export type Visit = {
  id: string; structure: VisitStructure; departement_code: string; type: string; status: string;
  planned_date: string; planned_time: string; duration_minutes: number; done_date: string; cancel_reason: string;
  visitors: Visitor[]; people_met: PersonMet[]; report: string;
  checklist: { template_id: string; template_number: number; title: string; items: ChecklistItem[] } | null;
  counts: { findings: number; open_actions: number; attachments: number }; version: number;
};
export type Finding = { id: string; description: string; severity: string; watch_requested: boolean; version: number };
export type Action = {
  id: string; visit_id: string; finding_id: string | null; structure: VisitStructure; description: string; owner_type: string;
  owner_label: string; due_date: string; status: string; overdue: boolean; days_overdue: number; version: number;
};
export type Attachment = { id: string; name: string; content_type: string; size: number; url: string; sha256: string };
export type PlanCellData = { quarter: number; state: string; visit_id: string | null; date: string | null };
export type VisitPlan = {
  departement_code: string; year: number; today: string;
  quarters: { quarter: number; start: string; end: string; phase: string; totals: Record<string, number> }[];
  rows: { structure: { id: string; name: string; commune_name: string; label_status: string }; cells: PlanCellData[] }[];
};

export function toVisitStructure(s: S["VisitStructure"] | undefined): VisitStructure {
  return { id: str(s?.id), name: str(s?.name), commune_name: str(s?.commune_name), departement_code: str(s?.departement_code) };
}

export function toVisit(v: S["Visit"] | S["VisitSummary"] | undefined): Visit {
  const full = (v ?? {}) as S["Visit"];
  return {
    id: str(full.id),
    structure: toVisitStructure(full.structure),
    departement_code: str(full.departement_code),
    type: str(full.type),
    status: str(full.status),
    planned_date: str(full.planned_date),
    planned_time: str(full.planned_time),
    duration_minutes: full.duration_minutes ?? 120,
    done_date: str(full.done_date),
    cancel_reason: str(full.cancel_reason),
    visitors: (full.visitors ?? []).map((x) => ({ user_id: opt(x.user_id), name: str(x.name), function: str(x.function) })),
    people_met: (full.people_met ?? []).map((x) => ({ name: str(x.name), function: str(x.function) })),
    report: str(full.report),
    checklist: full.checklist
      ? {
        template_id: str(full.checklist.template_id),
        template_number: full.checklist.template_number ?? 0,
        title: str(full.checklist.title),
        items: (full.checklist.items ?? []).map(toChecklistItem).sort((a, b) => a.position - b.position),
      }
      : null,
    counts: {
      findings: full.counts?.findings ?? 0,
      open_actions: full.counts?.open_actions ?? 0,
      attachments: full.counts?.attachments ?? 0,
    },
    version: full.version ?? 0,
  };
}

export function toChecklistItem(i: S["VisitChecklistItem"]): ChecklistItem {
  return {
    id: str(i.id),
    position: i.position ?? 0,
    section: str(i.section),
    label: str(i.label),
    help: str(i.help),
    answer_type: str(i.answer_type),
    required: i.required === true,
    prefill: i.prefill
      ? { kind: str(i.prefill.kind), available: i.prefill.available === true, value: i.prefill.value ?? null, as_of: opt(i.prefill.as_of), note: str(i.prefill.note) }
      : null,
    answer: i.answer ? { value: i.answer.value ?? null, comment: str(i.answer.comment) } : null,
  };
}

export function toFinding(f: S["Finding"]): Finding {
  return { id: str(f.id), description: str(f.description), severity: str(f.severity), watch_requested: f.watch_requested === true, version: f.version ?? 0 };
}

export function toAction(a: S["Action"]): Action {
  return {
    id: str(a.id),
    visit_id: str(a.visit_id),
    finding_id: opt(a.finding_id),
    structure: toVisitStructure(a.structure),
    description: str(a.description),
    owner_type: str(a.owner_type),
    owner_label: str(a.owner_label),
    due_date: str(a.due_date),
    status: str(a.status),
    overdue: a.overdue === true,
    days_overdue: a.days_overdue ?? 0,
    version: a.version ?? 0,
  };
}

export function toAttachment(a: S["Attachment"]): Attachment {
  return { id: str(a.id), name: str(a.name), content_type: str(a.content_type), size: a.size ?? 0, url: str(a.url), sha256: str(a.sha256) };
}

export function toVisitPlan(p: S["VisitPlan"] | undefined): VisitPlan {
  return {
    departement_code: str(p?.departement_code),
    year: p?.year ?? 0,
    today: str(p?.today),
    quarters: (p?.quarters ?? []).map((q) => ({
      quarter: q.quarter ?? 0, start: str(q.start), end: str(q.end), phase: str(q.phase), totals: q.totals ?? {},
    })),
    rows: (p?.rows ?? []).map((r) => ({
      structure: { id: str(r.structure?.id), name: str(r.structure?.name), commune_name: str(r.structure?.commune_name), label_status: str(r.structure?.label_status) },
      cells: (r.cells ?? []).map((c) => ({ quarter: c.quarter ?? 0, state: str(c.state), visit_id: opt(c.visit_id), date: opt(c.date) })),
    })),
  };
}

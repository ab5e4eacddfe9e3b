// Labelling (ADR 0007): normalized objects and the calls of the labelling screens. Wire objects mark every field
// optional (swag emits no "required"): they are normalized here once, with explicit defaults.
import { unwrap, type ApiClient } from "./client";
import { headerParams } from "./models";
import { parseProblem, toApiError } from "./problem";
import type { components } from "./schema";

type S = components["schemas"];

const str = (v: string | null | undefined) => v ?? "";
const opt = (v: string | null | undefined) => (v === undefined || v === null || v === "" ? null : v);
const num = (v: number | null | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const bool = (v: boolean | null | undefined) => v === true;
const triState = (v: boolean | null | undefined) => (v === true ? true : v === false ? false : null);

export type Wave = { id: string; name: string; date: string; labelled_count: number };
export type Derogation = { criterion: string; justification: string; until: string };
export type Blocked = { code: string; message: string };
export type AllowedTransition = {
  to: string; label: string; reason_required: boolean; negative: boolean; needs_wave: boolean; blocked: Blocked[];
  /** A note of the server on this decision (e.g. the visit finding asking for it). */
  hint: string;
};
export type WatchRequest = {
  finding_id: string; visit_id: string; severity: string; description: string; requested_at: string; requested_by: string;
};
export type HistoryEntry = {
  id: string; from: string; to: string; at: string; actor_label: string; reason: string; wave: Wave | null;
  derogations: Derogation[]; document_ids: string[]; compliance_status: string;
};
export type LabelState = {
  structure_id: string; state: string; state_label: string; label_date: string | null; wave: Wave | null; version: number;
  history: HistoryEntry[]; allowed: AllowedTransition[]; watch_requests: WatchRequest[];
};
export type PlannedSite = { name: string; commune_code: string; commune_name: string; address: string };
export type Premises = { confidential_office: boolean | null; it_equipment: boolean | null; accessibility: boolean | null; notes: string };
export type CandidatureDocument = { id: string; name: string; content_type: string; size: number; uploaded_at: string; kind: string };
export type CompletenessItem = { field: string; ok: boolean; message: string };
export type Candidature = {
  id: string; version: number; carrier_name: string; carrier_siret: string; planned_sites: PlannedSite[];
  partners_planned: string[]; premises: Premises; notes: string; documents: CandidatureDocument[]; completeness: CompletenessItem[];
};
export type CandidatureInput = {
  carrier_name: string; carrier_siret: string; planned_sites: { name: string; commune_code: string; address: string }[];
  partners_planned: string[]; premises: Premises; notes: string;
};
export type AuditCriterion = { code: string; label: string; category: string; automatic: boolean; status: string; comment: string; locked: boolean };
/** `editable`: the audit can be filled now (state "audit demandé"); version 0 until its first save. */
export type Audit = { grid_version: string; criteria: AuditCriterion[]; complete: boolean; editable: boolean; version: number };
export type PipelineItem = { structure_id: string; name: string; commune: string; format: string; since: string | null };
export type PipelineColumn = { state: string; label: string; count: number; items: PipelineItem[] };
export type Target = {
  id: string; due_date: string; count: number; format: string | null; every_canton: boolean; label: string; version: number;
};
export type TargetInput = { due_date: string; count: number; format: string | null; every_canton: boolean; label: string };
export type TargetProgress = { target: Target; achieved: number; gap: number; met: boolean };
export type WaveProgress = { id: string; name: string; date: string; count: number; cumulative: number };
export type Progress = {
  labelled: number; by_state: Record<string, number>; by_format: Record<string, number>; targets: TargetProgress[];
  cantons: { total: number; covered: number; uncovered: { code: string; name: string }[] }; waves: WaveProgress[];
};

type WireWave = S["LabelWave"] | undefined;

export function toWave(w: WireWave): Wave | null {
  if (!w || !w.id) return null;
  return { id: str(w.id), name: str(w.name), date: str(w.date), labelled_count: num(w.labelled_count) };
}

function toDerogation(d: S["LabelDerogation"]): Derogation {
  return { criterion: str(d.criterion), justification: str(d.justification), until: str(d.until) };
}

export function toAllowed(a: S["LabelAllowed"]): AllowedTransition {
  return {
    to: str(a.to), label: str(a.label), reason_required: bool(a.reason_required), negative: bool(a.negative),
    needs_wave: bool(a.needs_wave), blocked: (a.blocked ?? []).map((b) => ({ code: str(b.code), message: str(b.message) })),
    hint: str(a.hint),
  };
}

export function toHistoryEntry(h: S["LabelHistoryItem"]): HistoryEntry {
  return {
    id: str(h.id), from: str(h.from), to: str(h.to), at: str(h.at), actor_label: str(h.actor_label), reason: str(h.reason),
    wave: toWave(h.wave), derogations: (h.derogations ?? []).map(toDerogation),
    document_ids: h.document_ids ?? [], compliance_status: str(h.compliance_status) || "unknown",
  };
}

export function toLabelState(s: S["LabelState"] | undefined): LabelState {
  return {
    structure_id: str(s?.structure_id), state: str(s?.state), state_label: str(s?.state_label), label_date: opt(s?.label_date),
    wave: toWave(s?.wave), version: num(s?.version),
    history: (s?.history ?? []).map(toHistoryEntry), allowed: (s?.allowed ?? []).map(toAllowed),
    watch_requests: (s?.watch_requests ?? []).map((w) => ({
      finding_id: str(w.finding_id), visit_id: str(w.visit_id), severity: str(w.severity), description: str(w.description),
      requested_at: str(w.requested_at), requested_by: str(w.requested_by),
    })),
  };
}

export function toDocument(d: S["CandidatureDocument"] | undefined): CandidatureDocument {
  return {
    id: str(d?.id), name: str(d?.name), content_type: str(d?.content_type), size: num(d?.size), uploaded_at: str(d?.uploaded_at),
    kind: str(d?.kind),
  };
}

export function toCandidature(c: S["Candidature"] | undefined): Candidature {
  // The spec cannot say "boolean or null": an unanswered question comes as null.
  const p = (c?.premises ?? {}) as { [K in keyof S["Premises"]]?: S["Premises"][K] | null };
  return {
    id: str(c?.id), version: num(c?.version), carrier_name: str(c?.carrier_name), carrier_siret: str(c?.carrier_siret),
    planned_sites: (c?.planned_sites ?? []).map((s) => ({
      name: str(s.name), commune_code: str(s.commune_code), commune_name: str(s.commune_name), address: str(s.address),
    })),
    partners_planned: (c?.partners_planned ?? []).filter((x) => typeof x === "string"),
    premises: {
      confidential_office: triState(p.confidential_office), it_equipment: triState(p.it_equipment),
      accessibility: triState(p.accessibility), notes: str(p.notes),
    },
    notes: str(c?.notes),
    documents: (c?.documents ?? []).map(toDocument),
    completeness: (c?.completeness ?? []).map((x) => ({ field: str(x.field), ok: bool(x.ok), message: str(x.message) })),
  };
}

export function toAudit(a: S["LabelAudit"] | undefined): Audit {
  return {
    grid_version: str(a?.grid_version), complete: bool(a?.complete), editable: bool(a?.editable), version: num(a?.version),
    criteria: (a?.criteria ?? []).map((c) => ({
      code: str(c.code), label: str(c.label), category: str(c.category), automatic: bool(c.automatic),
      status: str(c.status) || "a_verifier", comment: str(c.comment), locked: bool(c.locked),
    })),
  };
}

export function toPipeline(p: S["LabelPipeline"] | undefined): PipelineColumn[] {
  return (p?.columns ?? []).map((col) => ({
    state: str(col.state), label: str(col.label), count: num(col.count),
    items: (col.items ?? []).map((i) => ({
      structure_id: str(i.structure_id), name: str(i.name), commune: str(i.commune), format: str(i.format), since: opt(i.since),
    })),
  }));
}

export function toTarget(t: S["LabelTarget"] | undefined): Target {
  return {
    id: str(t?.id), due_date: str(t?.due_date), count: num(t?.count), format: opt(t?.format), every_canton: bool(t?.every_canton),
    label: str(t?.label), version: num(t?.version),
  };
}

const counts = (r: Record<string, number> | undefined): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(r ?? {})) out[k] = typeof v === "number" ? v : 0;
  return out;
};

export function toProgress(p: S["LabelProgress"] | undefined): Progress {
  return {
    labelled: num(p?.labelled), by_state: counts(p?.by_state), by_format: counts(p?.by_format),
    targets: (p?.targets ?? []).map((t) => ({ target: toTarget(t.target), achieved: num(t.achieved), gap: num(t.gap), met: bool(t.met) })),
    cantons: {
      total: num(p?.cantons?.total), covered: num(p?.cantons?.covered),
      uncovered: (p?.cantons?.uncovered ?? []).map((c) => ({ code: str(c.code), name: str(c.name) })),
    },
    waves: (p?.waves ?? []).map((w) => ({
      id: str(w.id), name: str(w.name), date: str(w.date), count: num(w.count), cumulative: num(w.cumulative),
    })),
  };
}

/** If-Match for a version ("<version>"), none for an object not created yet (version 0). */
export function ifMatch(version: number) {
  return headerParams(version > 0 ? { "If-Match": `"${version}"` } : {});
}

export async function getLabelState(client: ApiClient, id: string): Promise<LabelState> {
  return toLabelState(await unwrap(client.api.GET("/structures/{id}/label", { params: { path: { id } } })));
}

export type TransitionInput = { to: string; reason?: string; wave_id?: string; derogations?: Derogation[] };

export async function postTransition(client: ApiClient, id: string, version: number, body: TransitionInput): Promise<LabelState> {
  return toLabelState(await unwrap(client.api.POST("/structures/{id}/label/transitions", {
    // The derogation's criterion is checked by the server against its enum.
    params: { path: { id }, header: ifMatch(version) }, body: body as S["LabelTransitionInput"],
  })));
}

/** The candidature, or null when the structure has none yet (404 candidature.not_found). */
export async function getCandidature(client: ApiClient, id: string): Promise<Candidature | null> {
  try {
    return toCandidature(await unwrap(client.api.GET("/structures/{id}/candidature", { params: { path: { id } } })));
  } catch (err) {
    const e = toApiError(err);
    if (e.status === 404 && e.code === "candidature.not_found") return null;
    throw e;
  }
}

export async function putCandidature(client: ApiClient, id: string, version: number, body: CandidatureInput): Promise<Candidature> {
  return toCandidature(await unwrap(client.api.PUT("/structures/{id}/candidature", {
    // Unanswered premises are null, which the spec's booleans cannot say.
    params: { path: { id }, header: ifMatch(version) }, body: body as unknown as S["CandidatureInput"],
  })));
}

export async function uploadDocument(client: ApiClient, id: string, file: File, kind: string): Promise<CandidatureDocument> {
  const form = new FormData();
  form.append("kind", kind);
  form.append("file", file, file.name);
  return toDocument(await unwrap(client.api.POST("/structures/{id}/candidature/documents", { params: { path: { id } }, body: form as never })));
}

export async function downloadDocument(client: ApiClient, id: string, docId: string): Promise<Blob> {
  let result;
  try {
    result = await client.api.GET("/structures/{id}/candidature/documents/{doc_id}", { params: { path: { id, doc_id: docId } }, parseAs: "blob" });
  } catch (err) {
    throw toApiError(err);
  }
  if (!result.response.ok) throw parseProblem(result.response.status, result.error, result.response.headers);
  return result.data as unknown as Blob;
}

/** DELETE of a document: If-Match is the candidature's version (a document is part of it). */
export async function deleteDocument(client: ApiClient, id: string, docId: string, candidatureVersion: number): Promise<void> {
  await unwrap(client.api.DELETE("/structures/{id}/candidature/documents/{doc_id}", {
    params: { path: { id, doc_id: docId }, header: ifMatch(candidatureVersion) },
  }));
}

export async function getAudit(client: ApiClient, id: string): Promise<Audit> {
  return toAudit(await unwrap(client.api.GET("/structures/{id}/audit", { params: { path: { id } } })));
}

export async function putAudit(client: ApiClient, id: string, version: number, body: { answers: { code: string; status: string; comment: string }[] }): Promise<Audit> {
  return toAudit(await unwrap(client.api.PUT("/structures/{id}/audit", {
    params: { path: { id }, header: ifMatch(version) }, body: body as S["LabelAuditInput"],
  })));
}

export async function getWaves(client: ApiClient, code: string): Promise<Wave[]> {
  const page = await unwrap(client.api.GET("/departements/{code}/waves", { params: { path: { code } } }));
  return (page?.items ?? []).map(toWave).filter((w): w is Wave => w !== null);
}

export async function createWave(client: ApiClient, code: string, body: { name: string; date: string }): Promise<Wave> {
  const w = toWave(await unwrap(client.api.POST("/departements/{code}/waves", { params: { path: { code } }, body })));
  if (!w) throw parseProblem(500, { title: "La réponse du serveur ne contient pas la vague créée." });
  return w;
}

export async function getPipeline(client: ApiClient, code: string): Promise<PipelineColumn[]> {
  return toPipeline(await unwrap(client.api.GET("/departements/{code}/label-pipeline", { params: { path: { code } } })));
}

export async function getProgress(client: ApiClient, code: string): Promise<Progress> {
  return toProgress(await unwrap(client.api.GET("/departements/{code}/label-progress", { params: { path: { code } } })));
}

export async function getTargets(client: ApiClient, code: string): Promise<Target[]> {
  const page = await unwrap(client.api.GET("/departements/{code}/targets", { params: { path: { code } } }));
  return (page?.items ?? []).map(toTarget);
}

export async function createTarget(client: ApiClient, code: string, body: TargetInput): Promise<Target> {
  return toTarget(await unwrap(client.api.POST("/departements/{code}/targets", { params: { path: { code } }, body: body as S["LabelTargetInput"] })));
}

export async function patchTarget(client: ApiClient, target: Target, body: TargetInput): Promise<Target> {
  return toTarget(await unwrap(client.api.PATCH("/targets/{id}", {
    params: { path: { id: target.id }, header: ifMatch(target.version) }, body: body as S["LabelTargetInput"],
  })));
}

export async function deleteTarget(client: ApiClient, target: Target): Promise<void> {
  await unwrap(client.api.DELETE("/targets/{id}", { params: { path: { id: target.id }, header: ifMatch(target.version) } }));
}

export async function getRegionProgress(client: ApiClient, code: string): Promise<Progress> {
  return toProgress(await unwrap(client.api.GET("/regions/{code}/label-progress", { params: { path: { code } } })));
}

export async function getRegionTargets(client: ApiClient, code: string): Promise<Target[]> {
  const page = await unwrap(client.api.GET("/regions/{code}/targets", { params: { path: { code } } }));
  return (page?.items ?? []).map(toTarget);
}

export async function createRegionTarget(client: ApiClient, code: string, body: TargetInput): Promise<Target> {
  return toTarget(await unwrap(client.api.POST("/regions/{code}/targets", { params: { path: { code } }, body: body as S["LabelTargetInput"] })));
}

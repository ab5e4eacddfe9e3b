// Normalized registry objects (structures, stops, groups, import reports, quality, audit): the generated types
// mark every field optional, so each answer is turned once into an object with explicit defaults.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type StructureFormat = "site" | "antenne" | "itinerant";
export type CoordinatesSource = "data" | "commune" | "manual" | "none";

export type Carrier = { type: string; name: string; siret: string };
export type IdHistory = { id_fs: string; from: string | null; to: string | null };

export type Structure = {
  id: string;
  id_fs: string | null;
  id_fs_history: IdHistory[];
  departement_code: string;
  name: string;
  commune_code: string | null;
  commune_name: string;
  address: string;
  address_complement: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  coordinates_source: CoordinatesSource;
  phone: string;
  email: string;
  website: string;
  format: StructureFormat;
  parent_id: string | null;
  group_id: string | null;
  carrier: Carrier;
  label_status: string;
  label_date: string | null;
  accessibility_notes: string;
  hours_raw: Record<string, string>;
  comment: string;
  quality_flags: string[];
  created_at: string | null;
  updated_at: string | null;
  version: number;
};

export type StructureSummary = {
  id: string;
  id_fs: string | null;
  name: string;
  departement_code: string;
  commune_code: string | null;
  commune_name: string;
  format: StructureFormat;
  label_status: string;
  carrier_type: string;
  phone: string;
  email: string;
  latitude: number | null;
  longitude: number | null;
  quality_flags: string[];
};

export type Stop = {
  id: string;
  structure_id: string;
  position: number;
  label: string;
  address: string;
  commune_code: string | null;
  commune_name: string;
  latitude: number | null;
  longitude: number | null;
  version: number;
};

export type Group = { id: string; departement_code: string; name: string; lead_id: string | null; member_ids: string[] };

export type Commune = { code: string; name: string; departement_code: string; postcodes: string[] };

export type ImportChange = { field: string; from: unknown; to: unknown };
export type ImportRow = { line: number; id: string | null; id_fs: string; name: string; departement_code: string; changes: ImportChange[] };
export type ImportProblem = { line: number; column: string; message: string };
export type ImportRejected = { line: number; problems: ImportProblem[]; cells: Record<string, string> };
export type ImportReport = {
  id: string;
  applied: boolean;
  file: { name: string; rows: number; encoding: string; delimiter: string; sha256: string };
  summary: { create: number; update: number; unchanged: number; rejected: number; warnings: number };
  creates: ImportRow[];
  updates: ImportRow[];
  unchanged: ImportRow[];
  rejected: ImportRejected[];
  warnings: ImportProblem[];
};

export type QualityFlagCount = { code: string; label: string; count: number; structures: StructureSummary[] };
export type QualitySummary = { departement_code: string; structures: number; flags: QualityFlagCount[] };

export type AuditChange = { field: string; from: unknown; to: unknown };
export type AuditEntry = {
  id: string;
  at: string;
  action: string;
  actor_label: string;
  actor_type: string;
  /** Name of the sub-object an entry is about (the stop of a "stop.*" entry), from its snapshot. */
  subject: string | null;
  changes: AuditChange[];
};

const str = (v: string | null | undefined) => v ?? "";
const opt = (v: string | null | undefined) => (v === undefined || v === null || v === "" ? null : v);
const num = (v: number | null | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const FORMATS: readonly string[] = ["site", "antenne", "itinerant"];
const SOURCES: readonly string[] = ["data", "commune", "manual", "none"];

function toFormat(v: string | undefined): StructureFormat {
  return v && FORMATS.includes(v) ? (v as StructureFormat) : "site";
}

export function toStructure(s: Schemas["Structure"] | undefined): Structure {
  return {
    id: str(s?.id),
    id_fs: opt(s?.id_fs),
    id_fs_history: (s?.id_fs_history ?? []).map((h) => ({ id_fs: str(h.id_fs), from: opt(h.from), to: opt(h.to) })),
    departement_code: str(s?.departement_code),
    name: str(s?.name),
    commune_code: opt(s?.commune_code),
    commune_name: str(s?.commune_name),
    address: str(s?.address),
    address_complement: str(s?.address_complement),
    postcode: str(s?.postcode),
    latitude: num(s?.latitude),
    longitude: num(s?.longitude),
    coordinates_source: (s?.coordinates_source && SOURCES.includes(s.coordinates_source) ? s.coordinates_source : "none") as CoordinatesSource,
    phone: str(s?.phone),
    email: str(s?.email),
    website: str(s?.website),
    format: toFormat(s?.format),
    parent_id: opt(s?.parent_id),
    group_id: opt(s?.group_id),
    carrier: { type: str(s?.carrier?.type), name: str(s?.carrier?.name), siret: str(s?.carrier?.siret) },
    label_status: str(s?.label_status),
    label_date: opt(s?.label_date),
    accessibility_notes: str(s?.accessibility_notes),
    hours_raw: s?.hours_raw ?? {},
    comment: str(s?.comment),
    quality_flags: s?.quality_flags ?? [],
    created_at: opt(s?.created_at),
    updated_at: opt(s?.updated_at),
    version: s?.version ?? 0,
  };
}

export function toStructureSummary(s: Schemas["StructureSummary"]): StructureSummary {
  return {
    id: str(s.id),
    id_fs: opt(s.id_fs),
    name: str(s.name),
    departement_code: str(s.departement_code),
    commune_code: opt(s.commune_code),
    commune_name: str(s.commune_name),
    format: toFormat(s.format),
    label_status: str(s.label_status),
    carrier_type: str(s.carrier_type),
    phone: str(s.phone),
    email: str(s.email),
    latitude: num(s.latitude),
    longitude: num(s.longitude),
    quality_flags: s.quality_flags ?? [],
  };
}

export function toStop(s: Schemas["Stop"]): Stop {
  return {
    id: str(s.id),
    structure_id: str(s.structure_id),
    position: s.position ?? 0,
    label: str(s.label),
    address: str(s.address),
    commune_code: opt(s.commune_code),
    commune_name: str(s.commune_name),
    latitude: num(s.latitude),
    longitude: num(s.longitude),
    version: s.version ?? 0,
  };
}

export function toGroup(g: Schemas["Group"]): Group {
  return {
    id: str(g.id),
    departement_code: str(g.departement_code),
    name: str(g.name),
    lead_id: opt(g.lead_id),
    member_ids: g.member_ids ?? [],
  };
}

export function toCommune(c: Schemas["Commune"]): Commune {
  return { code: str(c.code_insee), name: str(c.name), departement_code: str(c.departement_code), postcodes: c.postcodes ?? [] };
}

function toChanges(raw: Record<string, { from?: unknown; to?: unknown }> | undefined | null): ImportChange[] {
  return Object.entries(raw ?? {})
    .map(([field, change]) => ({ field, from: change?.from ?? null, to: change?.to ?? null }))
    .sort((a, b) => a.field.localeCompare(b.field));
}

function toImportRow(r: Schemas["ImportRow"]): ImportRow {
  return {
    line: r.line ?? 0,
    id: opt(r.id),
    id_fs: str(r.id_fs),
    name: str(r.name),
    departement_code: str(r.departement_code),
    changes: toChanges(r.changes),
  };
}

function toImportProblem(p: Schemas["ImportProblem"]): ImportProblem {
  return { line: p.line ?? 0, column: str(p.column), message: str(p.message) };
}

export function toImportReport(r: Schemas["ImportReport"] | undefined): ImportReport {
  const s = r?.summary;
  return {
    id: str(r?.id),
    applied: r?.applied === true,
    file: {
      name: str(r?.file?.name),
      rows: r?.file?.rows ?? 0,
      encoding: str(r?.file?.encoding),
      delimiter: str(r?.file?.delimiter),
      sha256: str(r?.file?.sha256),
    },
    summary: {
      create: s?.create ?? 0,
      update: s?.update ?? 0,
      unchanged: s?.unchanged ?? 0,
      rejected: s?.rejected ?? 0,
      warnings: s?.warnings ?? 0,
    },
    creates: (r?.creates ?? []).map(toImportRow),
    updates: (r?.updates ?? []).map(toImportRow),
    unchanged: (r?.unchanged ?? []).map(toImportRow),
    rejected: (r?.rejected ?? []).map((x) => ({
      line: x.line ?? 0,
      problems: (x.problems ?? []).map(toImportProblem),
      cells: x.cells ?? {},
    })),
    warnings: (r?.warnings ?? []).map(toImportProblem),
  };
}

export function toQualitySummary(q: Schemas["QualitySummary"] | undefined): QualitySummary {
  return {
    departement_code: str(q?.departement_code),
    structures: q?.structures ?? 0,
    flags: (q?.flags ?? []).map((f) => ({
      code: str(f.code),
      label: str(f.label),
      count: f.count ?? 0,
      structures: (f.structures ?? []).map(toStructureSummary),
    })),
  };
}

/**
 * Field name of an audit entry written before the API's names were used: "Phone" → "phone", "AddressComplement" →
 * "address_complement", "IDFS" → "id_fs", "SIRET" → "siret", "CommuneLabel" → "commune_name" (its API name).
 */
export function snakeCase(key: string): string {
  const special: Record<string, string> = {
    IDFS: "id_fs", ID: "id", SIRET: "siret", GroupID: "group_id", ParentID: "parent_id", LeadID: "lead_id",
    MemberIDs: "member_ids", CommuneLabel: "commune_name", Departement: "departement_code",
  };
  if (special[key]) return special[key];
  if (/^[a-z0-9_.]+$/.test(key)) return key;
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase();
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The audit diff as a flat list of field changes with snake_case names. The server records structures, stops and
 * groups under the API's names, the carrier already flattened ("phone", "carrier.siret"); entries written before
 * used the Go types' names ("Phone", "Carrier": {"SIRET"}, "CommuneLabel"): both read the same way.
 */
export function flattenDiff(diff: unknown): AuditChange[] {
  if (!isPlainObject(diff)) return [];
  const out: AuditChange[] = [];
  for (const [rawKey, change] of Object.entries(diff)) {
    const key = snakeCase(rawKey);
    const from = isPlainObject(change) ? change.from ?? null : null;
    const to = isPlainObject(change) ? change.to ?? null : null;
    const nested = (isPlainObject(from) || from === null) && (isPlainObject(to) || to === null) && (from !== null || to !== null);
    if (nested && key !== "hours_raw") {
      const before = (from ?? {}) as Record<string, unknown>;
      const after = (to ?? {}) as Record<string, unknown>;
      for (const sub of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (JSON.stringify(before[sub] ?? null) === JSON.stringify(after[sub] ?? null)) continue;
        out.push({ field: `${key}.${snakeCase(sub)}`, from: before[sub] ?? null, to: after[sub] ?? null });
      }
    } else {
      out.push({ field: key, from, to });
    }
  }
  return out;
}

function labelOf(snapshot: unknown): string | null {
  if (!isPlainObject(snapshot)) return null;
  const label = snapshot.Label ?? snapshot.label;
  return typeof label === "string" && label !== "" ? label : null;
}

export function toAuditEntry(e: Schemas["AuditEntry"]): AuditEntry {
  return {
    id: str(e.id),
    at: str(e.at),
    action: str(e.action),
    actor_label: str(e.actor_label),
    actor_type: str(e.actor_type),
    subject: str(e.action).startsWith("stop.") ? labelOf(e.after) ?? labelOf(e.before) : null,
    changes: flattenDiff(e.diff),
  };
}

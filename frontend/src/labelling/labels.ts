// French labels of the labelling codes (ADR 0007) and who may do what on the labelling screens. The transition
// table itself lives on the server: the SPA shows the `allowed` list GET /structures/{id}/label answers.
import type { Role } from "../auth/roles";

export type BadgeSeverity = "success" | "info" | "warning" | "error" | "new" | undefined;

/** The label states in the transition table's order (the pipeline board's columns). */
export const LABEL_STATES = [
  "projet", "candidature_deposee", "instruction", "audit_demande", "labellise", "non_conforme", "rejete",
  "sous_surveillance", "suspendu", "retire", "ferme",
] as const;
export type LabelStateCode = (typeof LABEL_STATES)[number];

export const STATE_LABELS: Record<LabelStateCode, string> = {
  projet: "Projet",
  candidature_deposee: "Candidature déposée",
  instruction: "En instruction",
  audit_demande: "Audit demandé",
  labellise: "Labellisée",
  non_conforme: "Non conforme",
  rejete: "Candidature rejetée",
  sous_surveillance: "Sous surveillance",
  suspendu: "Label suspendu",
  retire: "Label retiré",
  ferme: "Fermée",
};

const STATE_SEVERITIES: Record<LabelStateCode, BadgeSeverity> = {
  projet: "new",
  candidature_deposee: "info",
  instruction: "info",
  audit_demande: "info",
  labellise: "success",
  non_conforme: "warning",
  rejete: "error",
  sous_surveillance: "warning",
  suspendu: "error",
  retire: "error",
  ferme: undefined,
};

export function stateLabel(code: string | null | undefined, serverLabel?: string): string {
  if (serverLabel) return serverLabel;
  if (!code) return "—";
  return STATE_LABELS[code as LabelStateCode] ?? code;
}

export function stateSeverity(code: string | null | undefined): BadgeSeverity {
  return STATE_SEVERITIES[code as LabelStateCode];
}

/** Formats of the targets and of the progress' by_format (the registry's codes). */
export const TARGET_FORMATS = ["site", "antenne", "itinerant"] as const;
export type TargetFormat = (typeof TARGET_FORMATS)[number];
const FORMAT_LABELS: Record<string, string> = {
  site: "Site principal",
  antenne: "Antenne",
  itinerant: "Itinérante",
};

export function formatText(code: string | null | undefined): string {
  if (!code) return "Tous formats";
  return FORMAT_LABELS[code] ?? code;
}

export const DOCUMENT_KINDS = ["dossier", "deliberation", "convention", "autre"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  dossier: "Dossier de candidature",
  deliberation: "Délibération",
  convention: "Convention",
  autre: "Autre pièce",
};

export function documentKindLabel(code: string): string {
  return DOCUMENT_KIND_LABELS[code as DocumentKind] ?? code;
}

/** Completeness items of the candidature file (the field names of the audit_demande guard). */
export const COMPLETENESS_LABELS: Record<string, string> = {
  carrier: "Porteur",
  sites: "Sites prévus",
  premises: "Locaux",
  documents: "Pièces du dossier",
  hours: "Horaires prévus",
  agents: "Agents",
};

export function completenessLabel(field: string): string {
  return COMPLETENESS_LABELS[field] ?? field;
}

export const AUDIT_STATUSES = ["conforme", "non_conforme", "sans_objet", "a_verifier"] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const AUDIT_STATUS_LABELS: Record<AuditStatus, string> = {
  conforme: "Conforme",
  non_conforme: "Non conforme",
  sans_objet: "Sans objet",
  a_verifier: "À vérifier",
};
const AUDIT_SEVERITIES: Record<AuditStatus, BadgeSeverity> = {
  conforme: "success",
  non_conforme: "error",
  sans_objet: undefined,
  a_verifier: "warning",
};

export function auditStatusLabel(code: string): string {
  return AUDIT_STATUS_LABELS[code as AuditStatus] ?? code;
}

export function auditStatusSeverity(code: string): BadgeSeverity {
  return AUDIT_SEVERITIES[code as AuditStatus];
}

/** Compliance snapshot of a history entry. */
export const COMPLIANCE_STATUS_LABELS: Record<string, string> = {
  ok: "Conforme",
  warning: "Avertissement",
  failure: "Non conforme",
  unknown: "Inconnue",
};

export function complianceStatusLabel(code: string): string {
  return COMPLIANCE_STATUS_LABELS[code] ?? code;
}

/** The pipeline board and the targets page: the roles that steer a network. */
export const LABEL_READER_ROLES: readonly Role[] = ["admin", "region", "prefecture", "animateur"];
/** Targets and waves are written by admin and prefecture (region targets by admin only). */
export const TARGET_WRITER_ROLES: readonly Role[] = ["admin", "prefecture"];
/** Derogations are given by a prefecture user (or an admin) when labelling. */
export const DEROGATION_ROLES: readonly Role[] = ["admin", "prefecture"];
/** The candidature file is kept by whoever may deposit it. */
export const CANDIDATURE_WRITER_ROLES: readonly Role[] = ["admin", "prefecture", "animateur", "structure"];
/** States in which the candidature file may still change (locked from the audit request on, ADR 0007). */
export const CANDIDATURE_EDITABLE_STATES: readonly string[] = ["projet", "candidature_deposee", "instruction", "non_conforme"];
/** The quality audit is filled by those who label. */
export const AUDIT_WRITER_ROLES: readonly Role[] = ["admin", "prefecture"];

const has = (roles: readonly Role[], role: string) => (roles as readonly string[]).includes(role);

export const canReadLabelling = (role: string) => has(LABEL_READER_ROLES, role);
export const canWriteTargets = (role: string) => has(TARGET_WRITER_ROLES, role);
export const canGiveDerogations = (role: string) => has(DEROGATION_ROLES, role);
export const canWriteCandidature = (role: string) => has(CANDIDATURE_WRITER_ROLES, role);
export const canWriteAudit = (role: string) => has(AUDIT_WRITER_ROLES, role);
export const isCandidatureLocked = (state: string) => !CANDIDATURE_EDITABLE_STATES.includes(state);
/** Waves are created with the targets' rights (admin, prefecture). */
export const canCreateWaves = canWriteTargets;

/** "2026-11-24" for a Date, in local time (the date inputs' format). */
export function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "1 structure", "2 structures". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n > 1 ? pluralForm : singular}`;
}

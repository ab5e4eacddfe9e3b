// French labels of the partners' codes (ADR 0008) and small formatting helpers, without React.
import type { DeliveryStatus, LocalPartnerType, MachineClient, Modality, PartnerKind } from "../api/partners";
import type { BadgeSeverity } from "../visits/labels";

export const LOCAL_PARTNER_TYPES: Record<LocalPartnerType, string> = {
  mission_locale: "Mission locale",
  pij: "Point information jeunesse (PIJ)",
  cidff: "Centre d’information sur les droits des femmes et des familles (CIDFF)",
  conciliateur: "Conciliateur de justice",
  france_victimes: "France Victimes",
  mdph: "Maison départementale des personnes handicapées (MDPH)",
  adil: "Agence départementale d’information sur le logement (ADIL)",
  conseiller_numerique: "Conseiller numérique",
  autre: "Autre (à préciser)",
};

export const MODALITY_LABELS: Record<Modality, string> = {
  physique: "Permanence physique",
  visio: "Permanence en visio",
  telephone: "Permanence téléphonique",
};

/** Short forms for the coverage matrix ("permanence visio"). */
export const MODALITY_SHORT: Record<Modality, string> = { physique: "physique", visio: "visio", telephone: "téléphone" };

export const SCOPES: { code: string; label: string }[] = [
  { code: "structures:read", label: "Lire les structures et leurs permanences" },
  { code: "permanences:write", label: "Publier les permanences de l’organisation" },
  { code: "referents:write", label: "Gérer les référents de l’organisation" },
];

export const WEBHOOK_EVENTS: { code: string; label: string }[] = [
  { code: "structure.created", label: "Structure créée" },
  { code: "structure.updated", label: "Structure modifiée" },
  { code: "structure.closed", label: "Structure fermée" },
  { code: "hours.changed", label: "Horaires modifiés" },
  { code: "label.changed", label: "Label modifié" },
  { code: "permanence.changed", label: "Permanence modifiée" },
];

export const DELIVERY_STATUS: Record<DeliveryStatus, { label: string; severity: BadgeSeverity }> = {
  pending: { label: "En attente", severity: "info" },
  delivered: { label: "Livrée", severity: "success" },
  failed: { label: "En échec, nouvel essai prévu", severity: "warning" },
  dead: { label: "Abandonnée", severity: "error" },
};

export function localPartnerTypeLabel(type: string, typeLabel = ""): string {
  if (type === "autre") return typeLabel || "Autre";
  return LOCAL_PARTNER_TYPES[type as LocalPartnerType] ?? (typeLabel || type);
}

export function partnerKindLabel(kind: PartnerKind): string {
  return kind === "operator" ? "Opérateur national" : "Partenaire local";
}

export function eventLabel(code: string): string {
  return WEBHOOK_EVENTS.find((e) => e.code === code)?.label ?? code;
}

export function scopeLabel(code: string): string {
  return SCOPES.find((s) => s.code === code)?.label ?? code;
}

/** "operator:cnaf", "local:<uuid>": the key of a partner in selects and maps. */
export const partnerKey = (kind: PartnerKind, id: string) => `${kind}:${id}`;

export function splitPartnerKey(key: string): { kind: PartnerKind; id: string } | null {
  const at = key.indexOf(":");
  if (at < 0) return null;
  const kind = key.slice(0, at);
  const id = key.slice(at + 1);
  return (kind === "operator" || kind === "local") && id ? { kind, id } : null;
}

/** The page of a partner in a département. */
export function partnerHref(kind: PartnerKind, id: string, departement: string): string {
  return `/partenaires/${kind}/${encodeURIComponent(id)}?departement=${encodeURIComponent(departement)}`;
}

/** Today in the browser's time zone, as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether a date (YYYY-MM-DD) is within [from, to] (open ends allowed). */
export function isValidAt(from: string | null, to: string | null, at: string): boolean {
  return (!from || from <= at) && (!to || at <= to);
}

/** The server's status of an API client: "inactive" is outside its validity dates. */
export const CLIENT_STATUS: Record<MachineClient["status"], { label: string; severity: BadgeSeverity }> = {
  active: { label: "Actif", severity: "success" },
  inactive: { label: "Hors période de validité", severity: "warning" },
  revoked: { label: "Révoqué", severity: "error" },
};

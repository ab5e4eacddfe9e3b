// French labels of the registry's codes (formats, label statuses, carriers, quality flags, audit actions, fields).

export const FORMAT_LABELS: Record<string, string> = {
  site: "Site principal",
  antenne: "Antenne",
  itinerant: "Itinérante",
};
export const FORMATS = ["site", "antenne", "itinerant"] as const;

/** Label statuses: the registry knows "projet" and "labellise"; the labelling capability will add the others. */
export const LABEL_STATUS_LABELS: Record<string, string> = {
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
/** Statuses offered in the list filter: every state of the label's lifecycle (ADR 0007). */
export const LABEL_STATUS_FILTER = Object.keys(LABEL_STATUS_LABELS);

export const CARRIER_TYPE_LABELS: Record<string, string> = {
  commune: "Commune",
  intercommunalite: "Intercommunalité",
  departement: "Département",
  association: "Association",
  la_poste: "La Poste",
  msa: "MSA",
  etat: "État",
  centre_social: "Centre social",
  autre: "Autre",
};
export const CARRIER_TYPES = Object.keys(CARRIER_TYPE_LABELS);

/** The server's labels (GET /departements/{code}/quality answers them too). */
export const QUALITY_LABELS: Record<string, string> = {
  missing_coordinates: "Coordonnées manquantes ou approximatives (centre de la commune)",
  unknown_commune: "Commune non identifiée",
  temporary_id: "Identifiant ANCT provisoire",
  empty_contact: "Ni téléphone ni e-mail",
  unparsed_hours: "Horaires illisibles, à ressaisir",
};
export const QUALITY_FLAGS = Object.keys(QUALITY_LABELS);

/** Short badge texts for tables. */
export const QUALITY_SHORT_LABELS: Record<string, string> = {
  missing_coordinates: "Coordonnées approximatives",
  unknown_commune: "Commune inconnue",
  temporary_id: "Identifiant provisoire",
  empty_contact: "Sans contact",
  unparsed_hours: "Horaires illisibles",
};

export const COORDINATES_SOURCE_LABELS: Record<string, string> = {
  data: "issues du fichier",
  commune: "centre de la commune",
  manual: "saisies",
  none: "aucune",
};

/** ANCT day columns in week order. */
export const HOURS_DAYS: { key: string; label: string }[] = [
  { key: "h_lundi", label: "Lundi" },
  { key: "h_mardi", label: "Mardi" },
  { key: "h_mercredi", label: "Mercredi" },
  { key: "h_jeudi", label: "Jeudi" },
  { key: "h_vendredi", label: "Vendredi" },
  { key: "h_samedi", label: "Samedi" },
  { key: "h_dimanche", label: "Dimanche" },
];

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "structure.create": "Création",
  "structure.update": "Modification",
  "structure.delete": "Suppression",
  "structure.import_create": "Création par import ANCT",
  "structure.import_update": "Modification par import ANCT",
  "stop.create": "Ajout d’un arrêt",
  "stop.update": "Modification d’un arrêt",
  "stop.delete": "Suppression d’un arrêt",
  "group.create": "Création du groupe",
  "group.update": "Modification du groupe",
  "group.delete": "Suppression du groupe",
};

/** Field names (the API's snake_case, the carrier's with a dot) of structures, stops, groups and import files. */
export const FIELD_LABELS: Record<string, string> = {
  id_fs: "Identifiant ANCT",
  departement: "Département",
  departement_code: "Département",
  name: "Nom",
  commune_code: "Code commune",
  commune_label: "Commune",
  commune_name: "Commune",
  address: "Adresse",
  address_complement: "Complément d’adresse",
  postcode: "Code postal",
  latitude: "Latitude",
  longitude: "Longitude",
  coordinates_source: "Source des coordonnées",
  phone: "Téléphone",
  email: "E-mail",
  website: "Site web",
  format: "Format",
  parent_id: "Site principal",
  group_id: "Groupe multi-site",
  groupe: "Groupe multi-site",
  carrier: "Porteur",
  "carrier.type": "Type de porteur",
  "carrier.name": "Nom du porteur",
  "carrier.siret": "SIRET du porteur",
  label_status: "Statut de label",
  label_date: "Date de label",
  timezone: "Fuseau horaire",
  holiday_calendar: "Calendrier des jours fériés",
  accessibility_notes: "Accessibilité",
  hours_raw: "Horaires publiés",
  comment: "Commentaire",
  label: "Nom de l’arrêt",
  position: "Ordre",
  lead_id: "Structure cheffe de file",
  member_ids: "Structures membres",
};

/** Technical fields left out of a change history. */
export const HIDDEN_HISTORY_FIELDS = new Set(["version", "updated_at", "created_at", "id", "structure_id"]);

export function formatLabel(code: string): string {
  return FORMAT_LABELS[code] ?? code;
}

export function labelStatusLabel(code: string): string {
  if (!code) return "—";
  return LABEL_STATUS_LABELS[code] ?? code;
}

export function carrierTypeLabel(code: string): string {
  if (!code) return "—";
  return CARRIER_TYPE_LABELS[code] ?? code;
}

export function qualityLabel(code: string): string {
  return QUALITY_LABELS[code] ?? code;
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long" });
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short" });

/** "2022-01-01" → "1 janvier 2022". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00` : value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

/** A value of a change history or an import diff, as text. */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "(vide)";
  if (typeof value === "string") {
    if (field === "format") return formatLabel(value);
    if (field === "label_status") return labelStatusLabel(value);
    if (field === "carrier.type" || field === "carrier_type") return carrierTypeLabel(value);
    if (field === "coordinates_source") return COORDINATES_SOURCE_LABELS[value] ?? value;
    if (field === "label_date") return formatDate(value);
    return value;
  }
  if (typeof value === "number") return String(value).replace(".", ","); // 47,6234 as French writes it
  if (typeof value === "boolean") return value ? "oui" : "non";
  if (Array.isArray(value)) {
    if (field === "member_ids") return value.length === 0 ? "(vide)" : `${value.length} structure${value.length > 1 ? "s" : ""}`;
    return value.length === 0 ? "(vide)" : value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
  }
  if (typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== "" && v !== null);
    if (field === "hours_raw") {
      return HOURS_DAYS.filter((d) => (value as Record<string, unknown>)[d.key])
        .map((d) => `${d.label} : ${String((value as Record<string, unknown>)[d.key])}`)
        .join(" ; ") || "(vide)";
    }
    return entries.map(([k, v]) => `${k} : ${String(v)}`).join(" ; ") || "(vide)";
  }
  return JSON.stringify(value);
}

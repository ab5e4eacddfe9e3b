// The structure form's values, and the bodies of POST /structures and PATCH /structures/{id} built from them.
import type { components } from "../api/schema";
import { ApiError } from "../api/problem";
import type { Structure } from "../api/registry";

export type StructureInput = components["schemas"]["StructureInput"];

export type StructureFormValues = {
  departement_code: string;
  id_fs: string;
  name: string;
  format: string;
  parent_id: string;
  group_id: string;
  commune_code: string;
  commune_name: string;
  address: string;
  address_complement: string;
  postcode: string;
  latitude: string;
  longitude: string;
  phone: string;
  email: string;
  website: string;
  carrier_type: string;
  carrier_name: string;
  carrier_siret: string;
  accessibility_notes: string;
  comment: string;
  /** Edit only: drop the structure's own coordinates and go back to its commune's centre (`reset_coordinates`). */
  reset_coordinates: boolean;
};

/** The form's text fields (all but the reset_coordinates checkbox). */
export type StructureFormTextKey = Exclude<keyof StructureFormValues, "reset_coordinates">;

/** Field names as the API reports them in `errors` (nested carrier fields with a dot). */
export const STRUCTURE_FORM_FIELDS = [
  "departement_code", "id_fs", "name", "format", "parent_id", "group_id", "commune_code", "address",
  "address_complement", "postcode", "latitude", "longitude", "phone", "email", "website", "carrier.type",
  "carrier.name", "carrier.siret", "accessibility_notes", "comment",
] as const;

export function emptyStructureForm(departement = ""): StructureFormValues {
  return {
    departement_code: departement, id_fs: "", name: "", format: "site", parent_id: "", group_id: "", commune_code: "",
    commune_name: "", address: "", address_complement: "", postcode: "", latitude: "", longitude: "", phone: "",
    email: "", website: "", carrier_type: "autre", carrier_name: "", carrier_siret: "", accessibility_notes: "", comment: "",
    reset_coordinates: false,
  };
}

const coordinate = (v: number | null) => (v === null ? "" : String(v).replace(".", ","));

export function formFromStructure(s: Structure): StructureFormValues {
  return {
    departement_code: s.departement_code,
    id_fs: s.id_fs ?? "",
    name: s.name,
    format: s.format,
    parent_id: s.parent_id ?? "",
    group_id: s.group_id ?? "",
    commune_code: s.commune_code ?? "",
    commune_name: s.commune_name,
    address: s.address,
    address_complement: s.address_complement,
    postcode: s.postcode,
    // Coordinates taken from the commune centre are not the structure's own: the field stays empty.
    latitude: s.coordinates_source === "commune" ? "" : coordinate(s.latitude),
    longitude: s.coordinates_source === "commune" ? "" : coordinate(s.longitude),
    phone: s.phone,
    email: s.email,
    website: s.website,
    carrier_type: s.carrier.type || "autre",
    carrier_name: s.carrier.name,
    carrier_siret: s.carrier.siret,
    accessibility_notes: s.accessibility_notes,
    comment: s.comment,
    reset_coordinates: false,
  };
}

/** Whether the structure has coordinates of its own (from the file or typed), which the form may drop. */
export function hasOwnCoordinates(initial: StructureFormValues): boolean {
  return initial.latitude !== "" || initial.longitude !== "";
}

/** PATCH sends reset_coordinates: the box is ticked, or both fields were emptied while the structure had coordinates. */
export function resetsCoordinates(initial: StructureFormValues, v: StructureFormValues): boolean {
  if (!hasOwnCoordinates(initial)) return false;
  return v.reset_coordinates || (v.latitude.trim() === "" && v.longitude.trim() === "");
}

/** "47,62" or "47.62" → 47.62; "" → null; anything else → NaN. */
export function parseCoordinate(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (t === "") return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

function invalid(errors: Record<string, string>): ApiError {
  return new ApiError({ status: 400, code: "validation_failed", title: "Certaines informations sont invalides.", errors });
}

/**
 * Checks made before sending: numbers in the coordinates, both or none (none: the commune's centre). Returns an
 * error to show, or null. Ticking "back to the commune's centre" makes the typed values irrelevant.
 */
export function checkCoordinates(values: StructureFormValues, initial: StructureFormValues | null): ApiError | null {
  if (initial && resetsCoordinates(initial, values)) return null;
  const lat = parseCoordinate(values.latitude);
  const lon = parseCoordinate(values.longitude);
  if (Number.isNaN(lat)) return invalid({ latitude: "Nombre attendu, par exemple 47,62." });
  if (Number.isNaN(lon)) return invalid({ longitude: "Nombre attendu, par exemple 6,15." });
  if ((lat === null) !== (lon === null)) return invalid({ latitude: "Latitude et longitude vont ensemble." });
  return null;
}

const effectiveParent = (v: StructureFormValues) => (v.format === "antenne" ? v.parent_id : "");

/** POST /structures: every field (empty texts included), coordinates only when given. */
export function buildCreateBody(v: StructureFormValues): StructureInput {
  const body: StructureInput = {
    departement_code: v.departement_code,
    name: v.name.trim(),
    format: v.format as StructureInput["format"],
    commune_code: v.commune_code,
    address: v.address.trim(),
    address_complement: v.address_complement.trim(),
    postcode: v.postcode.trim(),
    phone: v.phone.trim(),
    email: v.email.trim(),
    website: v.website.trim(),
    carrier: { type: v.carrier_type, name: v.carrier_name.trim(), siret: v.carrier_siret.trim() },
    accessibility_notes: v.accessibility_notes.trim(),
    comment: v.comment.trim(),
  };
  if (v.id_fs.trim()) body.id_fs = v.id_fs.trim();
  if (effectiveParent(v)) body.parent_id = effectiveParent(v);
  if (v.group_id) body.group_id = v.group_id;
  const lat = parseCoordinate(v.latitude);
  const lon = parseCoordinate(v.longitude);
  if (lat !== null && lon !== null) {
    body.latitude = lat;
    body.longitude = lon;
  }
  return body;
}

type TextField = "id_fs" | "name" | "format" | "group_id" | "commune_code" | "address" | "address_complement" | "postcode"
  | "phone" | "email" | "website" | "accessibility_notes" | "comment";
const TEXT_FIELDS: TextField[] = ["id_fs", "name", "format", "group_id", "commune_code", "address", "address_complement",
  "postcode", "phone", "email", "website", "accessibility_notes", "comment"];

/**
 * PATCH /structures/{id}: only the fields that changed (the carrier's sub-fields likewise); dropping the coordinates
 * is `reset_coordinates: true` (absent and null both mean "unchanged" to the API).
 */
export function buildPatchBody(initial: StructureFormValues, v: StructureFormValues): StructureInput {
  const body: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    const next = field === "format" || field === "group_id" || field === "commune_code" ? v[field] : v[field].trim();
    if (next !== initial[field]) body[field] = next;
  }
  if (effectiveParent(v) !== effectiveParent(initial)) body.parent_id = effectiveParent(v);
  const carrier: Record<string, string> = {};
  if (v.carrier_type !== initial.carrier_type) carrier.type = v.carrier_type;
  if (v.carrier_name.trim() !== initial.carrier_name) carrier.name = v.carrier_name.trim();
  if (v.carrier_siret.trim() !== initial.carrier_siret) carrier.siret = v.carrier_siret.trim();
  if (Object.keys(carrier).length > 0) body.carrier = carrier;
  if (resetsCoordinates(initial, v)) {
    body.reset_coordinates = true;
    return body as StructureInput;
  }
  const lat = parseCoordinate(v.latitude);
  const lon = parseCoordinate(v.longitude);
  const moved = v.latitude.trim() !== initial.latitude || v.longitude.trim() !== initial.longitude;
  if (moved && lat !== null && lon !== null && !Number.isNaN(lat) && !Number.isNaN(lon)) {
    body.latitude = lat;
    body.longitude = lon;
  }
  return body as StructureInput;
}

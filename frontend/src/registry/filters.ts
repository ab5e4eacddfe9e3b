// The structure list's filters: URL search params ⇄ form values ⇄ API query strings.
import { CARRIER_TYPES, FORMATS, QUALITY_FLAGS } from "./labels";

export type StructureFilterValues = {
  departement: string;
  format: string;
  label_status: string;
  carrier_type: string;
  quality: string;
  q: string;
};

export const EMPTY_FILTERS: StructureFilterValues = {
  departement: "",
  format: "",
  label_status: "",
  carrier_type: "",
  quality: "",
  q: "",
};

const KEYS = Object.keys(EMPTY_FILTERS) as (keyof StructureFilterValues)[];

const ALLOWED: Partial<Record<keyof StructureFilterValues, readonly string[]>> = {
  format: FORMATS,
  carrier_type: CARRIER_TYPES,
  quality: QUALITY_FLAGS,
};

/** Reads the filters from the page's URL; unknown codes are dropped (the API would answer 422). */
export function filtersFromParams(params: URLSearchParams): StructureFilterValues {
  const out = { ...EMPTY_FILTERS };
  for (const key of KEYS) {
    const value = (params.get(key) ?? "").trim();
    const allowed = ALLOWED[key];
    out[key] = allowed && !allowed.includes(value) ? "" : value;
  }
  return out;
}

/** The non-empty filters, in a stable order (for the page URL). */
export function filtersToParams(filters: StructureFilterValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS) {
    const value = filters[key].trim();
    if (value !== "") out[key] = value;
  }
  return out;
}

export type StructureListQuery = {
  departement?: string;
  format?: "site" | "antenne" | "itinerant";
  label_status?: string;
  carrier_type?: "commune" | "intercommunalite" | "departement" | "association" | "la_poste" | "msa" | "etat" | "centre_social" | "autre";
  quality?: "missing_coordinates" | "unknown_commune" | "temporary_id" | "empty_contact" | "unparsed_hours";
  q?: string;
  cursor?: string;
  limit?: number;
};

/** Query of GET /structures (and GET /structures.geojson, which takes the same filters). */
export function listQuery(filters: StructureFilterValues, cursor?: string, limit?: number): StructureListQuery {
  const query = filtersToParams(filters) as StructureListQuery;
  if (cursor) query.cursor = cursor;
  if (limit) query.limit = limit;
  return query;
}

export type ExportFormat = "csv" | "xlsx" | "anct";

/** Query of GET /structures/export: the file layout is `format`, so the structures' format is `structure_format`. */
export function exportQuery(filters: StructureFilterValues, format: ExportFormat): Record<string, string> {
  const { format: structureFormat, ...rest } = filtersToParams(filters);
  const query: Record<string, string> = { format, ...rest };
  if (structureFormat) query.structure_format = structureFormat;
  return query;
}

/** The query string of a query object, as the browser sends it ("departement=70&format=site"). */
export function toQueryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  return params.toString();
}

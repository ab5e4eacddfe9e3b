// Map data: the structures' GeoJSON and the département outline, normalized for MapLibre; colours by format.
import type { components } from "../api/schema";

/** Circle colours by format (DSFR palette: bleu France, tuile, émeraude), with a legend in the page. */
export const FORMAT_COLORS: Record<"site" | "antenne" | "itinerant", string> = {
  site: "#000091",
  antenne: "#b34000",
  itinerant: "#18753c",
};
export const OFFLINE_STYLE_BACKGROUND = "#e3e3fd";

export type MapFeature = {
  type: "Feature";
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: { id: string; name: string; format: string; commune: string; label_status: string; coordinates_source: string };
};
export type MapFeatureCollection = { type: "FeatureCollection"; features: MapFeature[] };

type Polygonal = { type: "Polygon" | "MultiPolygon"; coordinates: unknown };
export type OutlineFeature = { type: "Feature"; properties: Record<string, unknown>; geometry: Polygonal | null };

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** Keeps the point features with two numeric coordinates. */
export function toFeatureCollection(raw: components["schemas"]["GeoJSONCollection"] | undefined): MapFeatureCollection {
  const features: MapFeature[] = [];
  for (const f of raw?.features ?? []) {
    const [lon, lat] = f.geometry?.coordinates ?? [];
    if (typeof lon !== "number" || typeof lat !== "number") continue;
    const p = f.properties ?? {};
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: [lon, lat] },
      properties: {
        id: text(p.id), name: text(p.name), format: text(p.format), commune: text(p.commune),
        label_status: text(p.label_status), coordinates_source: text(p.coordinates_source),
      },
    });
  }
  return { type: "FeatureCollection", features };
}

/** GET /departements/{code}/outline answers a Feature; its geometry is null where no outline is known. */
export function toOutline(raw: unknown): OutlineFeature | null {
  if (!raw || typeof raw !== "object") return null;
  const f = raw as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: unknown };
  if (f.type !== "Feature") return null;
  const g = f.geometry;
  const geometry = g && (g.type === "Polygon" || g.type === "MultiPolygon") ? { type: g.type, coordinates: g.coordinates } as Polygonal : null;
  return { type: "Feature", properties: (f.properties as Record<string, unknown>) ?? {}, geometry };
}

// MapLibre GL map of structures, loaded lazily (it is a large module). Works offline: without
// VITE_MAP_STYLE_URL the style is a plain background (no tiles, no glyphs), and the worker is served by the app
// itself (same origin, allowed by the CSP's worker-src 'self').
import { useEffect, useRef, useState } from "react";
import { LngLatBounds, Map as MapLibreMap, NavigationControl, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { FORMAT_COLORS, OFFLINE_STYLE_BACKGROUND, type MapFeatureCollection, type OutlineFeature } from "../../registry/map";

setWorkerUrl(workerUrl);

const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: "fond", type: "background", paint: { "background-color": OFFLINE_STYLE_BACKGROUND } }],
};

const EMPTY = { type: "FeatureCollection" as const, features: [] };

const LOCALE = {
  "NavigationControl.ZoomIn": "Zoomer",
  "NavigationControl.ZoomOut": "Dézoomer",
  "NavigationControl.ResetBearing": "Réorienter vers le nord",
  "Map.Title": "Carte des structures",
};

type Props = {
  outline: OutlineFeature | null;
  structures: MapFeatureCollection;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
};

function boundsOf(outline: OutlineFeature | null, structures: MapFeatureCollection): LngLatBounds | null {
  const bounds = new LngLatBounds();
  let empty = true;
  const add = (c: number[]) => {
    bounds.extend([c[0], c[1]]);
    empty = false;
  };
  const walk = (coords: unknown): void => {
    if (Array.isArray(coords) && typeof coords[0] === "number") add(coords as number[]);
    else if (Array.isArray(coords)) coords.forEach(walk);
  };
  if (outline?.geometry) walk(outline.geometry.coordinates);
  else structures.features.forEach((f) => add(f.geometry.coordinates));
  return empty ? null : bounds;
}

export default function StructureMap({ outline, structures, selectedId, onSelect }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    if (!container.current) return;
    const styleUrl = import.meta.env.VITE_MAP_STYLE_URL;
    const instance = new MapLibreMap({
      container: container.current,
      style: styleUrl || OFFLINE_STYLE,
      center: [2.5, 46.6],
      zoom: 4.5,
      attributionControl: false,
      locale: LOCALE,
      dragRotate: false,
      pitchWithRotate: false,
    });
    instance.addControl(new NavigationControl({ showCompass: false }), "top-right");
    instance.on("load", () => {
      instance.addSource("departement", { type: "geojson", data: EMPTY });
      instance.addSource("structures", { type: "geojson", data: EMPTY });
      instance.addLayer({ id: "departement-fond", type: "fill", source: "departement", paint: { "fill-color": "#ffffff", "fill-opacity": 0.9 } });
      instance.addLayer({ id: "departement-contour", type: "line", source: "departement", paint: { "line-color": "#000091", "line-width": 2 } });
      instance.addLayer({
        id: "structures",
        type: "circle",
        source: "structures",
        paint: {
          "circle-radius": 7,
          "circle-color": ["match", ["get", "format"], "antenne", FORMAT_COLORS.antenne, "itinerant", FORMAT_COLORS.itinerant, FORMAT_COLORS.site],
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 2,
        },
      });
      instance.on("click", "structures", (e) => onSelectRef.current(String(e.features?.[0]?.properties?.id ?? "") || null));
      instance.on("mouseenter", "structures", () => { instance.getCanvas().style.cursor = "pointer"; });
      instance.on("mouseleave", "structures", () => { instance.getCanvas().style.cursor = ""; });
      setMap(instance);
    });
    return () => {
      setMap(null);
      instance.remove();
    };
  }, []);

  // New outline and points: redraw, then fit the view to the département (or to the points).
  useEffect(() => {
    if (!map) return;
    (map.getSource("departement") as GeoJSONSource).setData(outline?.geometry ? { type: "FeatureCollection", features: [outline] } : EMPTY);
    (map.getSource("structures") as GeoJSONSource).setData(structures);
    const bounds = boundsOf(outline, structures);
    if (bounds) map.fitBounds(bounds, { padding: 24, maxZoom: 11, animate: false });
  }, [map, outline, structures]);

  // The selected structure is drawn larger.
  useEffect(() => {
    if (!map) return;
    map.setPaintProperty("structures", "circle-radius", ["case", ["==", ["get", "id"], selectedId ?? ""], 11, 7]);
  }, [map, selectedId]);

  return <div ref={container} className="maillage-map" data-testid="structure-map" />;
}

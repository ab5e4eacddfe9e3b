import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../api/client";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { MapErrorBoundary } from "../components/registry/MapErrorBoundary";
import { departementChoices } from "../components/territory";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel, useReferenceData } from "../components/useReferenceData";
import { filtersFromParams, filtersToParams, listQuery } from "../registry/filters";
import { FORMATS, formatLabel, labelStatusLabel } from "../registry/labels";
import { FORMAT_COLORS, toFeatureCollection, toOutline, type MapFeatureCollection, type OutlineFeature } from "../registry/map";

const StructureMap = lazy(() => import("../components/registry/StructureMap"));

function plural(n: number) {
  return `${n.toLocaleString("fr-FR")} structure${n > 1 ? "s" : ""}`;
}

/** Carte: the structures of a département (or of the whole territory) on its outline, coloured by format. */
export function StructureMapPage() {
  usePageTitle("Carte des structures");
  const client = useApi();
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const [params, setParams] = useSearchParams();
  const choices = departementChoices(me, refs);
  const onlyDepartement = choices.length === 1 ? choices[0] : "";
  const filters = useMemo(() => {
    const f = filtersFromParams(params);
    // A single-département user always sees its département's outline.
    return onlyDepartement && !f.departement ? { ...f, departement: onlyDepartement } : f;
  }, [params, onlyDepartement]);
  const [points, setPoints] = useState<MapFeatureCollection | null>(null);
  const [outline, setOutline] = useState<OutlineFeature | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setPoints(null);
    setError(null);
    setSelectedId(null);
    const code = filters.departement;
    Promise.all([
      unwrap(client.api.GET("/structures.geojson", { params: { query: listQuery(filters) as never } })),
      code ? unwrap(client.api.GET("/departements/{code}/outline", { params: { path: { code } } })) : Promise.resolve(null),
    ])
      .then(([collection, rawOutline]) => {
        if (cancelled) return;
        setOutline(toOutline(rawOutline));
        setPoints(toFeatureCollection(collection));
      })
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, filters]);

  const setFilter = (key: "departement" | "format", value: string) => setParams(filtersToParams({ ...filters, [key]: value }));
  const selected = points?.features.find((f) => f.properties.id === selectedId) ?? null;
  const countByFormat = (format: string) => points?.features.filter((f) => f.properties.format === format).length ?? 0;
  const listLink = `/structures${params.toString() ? `?${params.toString()}` : ""}`;

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Carte" homeLinkProps={{ to: "/" }} segments={[{ label: "Structures", linkProps: { to: "/structures" } }]} />
      <div className="maillage-page-head fr-mb-3w">
        <h1 className="fr-mb-0">Carte des structures</h1>
        <Button priority="secondary" iconId="fr-icon-list-unordered" linkProps={{ to: listLink }}>Voir la liste</Button>
      </div>
      <div className="fr-grid-row fr-grid-row--gutters">
        {choices.length > 1 && (
          <div className="fr-col-12 fr-col-md-4">
            <Select label="Département" nativeSelectProps={{ value: filters.departement, onChange: (e) => setFilter("departement", e.target.value) }}>
              <option value="">Tous les départements de votre territoire</option>
              {choices.map((code) => <option key={code} value={code}>{departementLabel(code, refs)}</option>)}
            </Select>
          </div>
        )}
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Format" nativeSelectProps={{ value: filters.format, onChange: (e) => setFilter("format", e.target.value) }}>
            <option value="">Tous</option>
            {FORMATS.map((f) => <option key={f} value={f}>{formatLabel(f)}</option>)}
          </Select>
        </div>
      </div>
      <ApiErrorAlert error={error} />
      {!points && !error && <Loading label="Chargement de la carte…" />}
      {points && (
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-8">
            <MapErrorBoundary>
              <Suspense fallback={<Loading label="Chargement de la carte…" />}>
                <StructureMap outline={outline} structures={points} selectedId={selectedId} onSelect={setSelectedId} />
              </Suspense>
            </MapErrorBoundary>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <p role="status" className="fr-text--lg fr-mb-1w" data-testid="map-count">
              <strong>{plural(points.features.length)} affichée{points.features.length > 1 ? "s" : ""} sur la carte</strong>
            </p>
            <p className="fr-text--sm">
              Les structures sans coordonnées n’y figurent pas. La <Link to={listLink}>liste des structures</Link> présente les mêmes informations sous forme de tableau.
            </p>
            <h2 className="fr-h6 fr-mb-1w" id="legend-title">Légende</h2>
            <ul className="maillage-legend" aria-labelledby="legend-title">
              {FORMATS.map((f) => (
                <li key={f}>
                  <span className="maillage-legend__dot" style={{ backgroundColor: FORMAT_COLORS[f] }} aria-hidden="true" />
                  {formatLabel(f)} ({countByFormat(f)})
                </li>
              ))}
              {outline?.geometry && (
                <li><span className="maillage-legend__line" aria-hidden="true" />Limite du département</li>
              )}
            </ul>
            <section aria-labelledby="selection-title" className="maillage-map-panel fr-p-2w fr-mt-3w">
              <h2 className="fr-h6 fr-mb-1w" id="selection-title">Structure sélectionnée</h2>
              <div aria-live="polite">
                {selected ? (
                  <>
                    <p className="fr-mb-1w"><Link to={`/structures/${selected.properties.id}`}>{selected.properties.name}</Link></p>
                    <p className="fr-text--sm fr-mb-0">
                      {selected.properties.commune && <>{selected.properties.commune} · </>}
                      {formatLabel(selected.properties.format)} · {labelStatusLabel(selected.properties.label_status)}
                    </p>
                  </>
                ) : (
                  <p className="fr-text--sm fr-mb-0">Cliquez sur un point de la carte pour afficher la structure.</p>
                )}
              </div>
            </section>
          </div>
        </div>
      )}
    </div>
  );
}

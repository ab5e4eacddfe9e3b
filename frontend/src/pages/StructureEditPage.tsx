import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { unwrap } from "../api/client";
import { headerParams } from "../api/models";
import { ApiError, toApiError } from "../api/problem";
import { toStructure, type Structure } from "../api/registry";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { canEditStructure } from "../auth/roles";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { StructureForm } from "../components/registry/StructureForm";
import { usePageTitle } from "../components/usePageTitle";
import { buildPatchBody, checkCoordinates, formFromStructure, type StructureFormValues } from "../registry/structureForm";

/** Modifier une structure: PATCH with only the changed fields; If-Match comes from the ETag of the GET. */
export function StructureEditPage() {
  const { id = "" } = useParams();
  const client = useApi();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [structure, setStructure] = useState<Structure | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [stale, setStale] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // Each load gives the form a new key, so a reload after a conflict starts again from the server's version.
  const [generation, setGeneration] = useState(0);
  const staleRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (stale) staleRef.current?.focus();
  }, [stale]);
  usePageTitle(structure ? `Modifier ${structure.name}` : "Modifier la structure");

  const load = useCallback(async () => {
    try {
      setStructure(toStructure(await unwrap(client.api.GET("/structures/{id}", { params: { path: { id } } }))));
      setLoadError(null);
      setGeneration((g) => g + 1);
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, [client, id]);

  useEffect(() => {
    void load();
  }, [load]);

  const initial = useMemo(() => (structure ? formFromStructure(structure) : null), [structure]);

  const onSubmit = async (values: StructureFormValues) => {
    if (!initial) return;
    const local = checkCoordinates(values, initial);
    if (local) {
      setError(local);
      return;
    }
    const body = buildPatchBody(initial, values);
    if (Object.keys(body).length === 0) {
      navigate(`/structures/${id}`, { state: { notice: "Aucune modification à enregistrer." } });
      return;
    }
    setSubmitting(true);
    setError(null);
    setStale(false);
    try {
      // If-Match: the ETag of the form's GET /structures/{id}.
      const etag = client.etagFor(`/structures/${id}`);
      await unwrap(client.api.PATCH("/structures/{id}", {
        params: { path: { id }, header: headerParams(etag ? { "If-Match": etag } : {}) },
        body,
      }));
      navigate(`/structures/${id}`, { state: { notice: "Les modifications ont été enregistrées." } });
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 412 || apiError.status === 428) setStale(true);
      else setError(apiError);
      setSubmitting(false);
    }
  };

  const onReload = async () => {
    setStale(false);
    setError(null);
    await load();
  };

  if (loadError) return <div className="fr-my-7w"><h1>Modifier la structure</h1><ApiErrorAlert error={loadError} /></div>;
  if (!structure || !initial) return <Loading />;
  if (!canEditStructure(me, structure.id)) {
    return (
      <div className="fr-my-7w">
        <h1>Modifier la structure</h1>
        <p>Votre rôle ne vous permet pas de modifier cette structure.</p>
      </div>
    );
  }

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Modifier" homeLinkProps={{ to: "/" }} segments={[
        { label: "Structures", linkProps: { to: "/structures" } },
        { label: structure.name, linkProps: { to: `/structures/${id}` } },
      ]} />
      <h1>Modifier « {structure.name} »</h1>
      {stale && (
        <div ref={staleRef} tabIndex={-1} className="maillage-focus-target">
          <Alert className="fr-mb-3w" severity="warning" role="alert" title="Cette structure a été modifiée entre-temps"
            description={(
              <>
                <p>Quelqu’un d’autre a enregistré une modification depuis l’ouverture de ce formulaire. Rechargez la structure pour partir de sa dernière version, puis refaites vos changements.</p>
                <Button className="fr-mt-2w" size="small" iconId="fr-icon-refresh-line" onClick={() => void onReload()}>Recharger la structure</Button>
              </>
            )} />
        </div>
      )}
      <div className="fr-col-12 fr-col-md-8">
        <StructureForm
          key={generation}
          mode="edit"
          initial={initial}
          structureId={structure.id}
          coordinatesSource={structure.coordinates_source}
          departementOptions={[]}
          error={error}
          submitting={submitting}
          onSubmit={(v) => void onSubmit(v)}
          cancelTo={`/structures/${id}`}
        />
      </div>
    </div>
  );
}

import { useState } from "react";
import { useNavigate } from "react-router";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { unwrap } from "../api/client";
import { idempotencyKeys } from "../api/idempotency";
import { headerParams } from "../api/models";
import { ApiError, toApiError } from "../api/problem";
import { toStructure } from "../api/registry";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { StructureForm } from "../components/registry/StructureForm";
import { departementChoices } from "../components/territory";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel, useReferenceData } from "../components/useReferenceData";
import { Loading } from "../components/Loading";
import { buildCreateBody, checkCoordinates, emptyStructureForm, type StructureFormValues } from "../registry/structureForm";

const nextKey = idempotencyKeys();

/** Nouvelle structure: POST /structures (a project until the labelling labels it), with an Idempotency-Key. */
export function StructureCreatePage() {
  usePageTitle("Nouvelle structure");
  const client = useApi();
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const choices = departementChoices(me, refs);
  const needsRefs = me.role === "admin" || me.role === "region";

  const onSubmit = async (values: StructureFormValues) => {
    const local = checkCoordinates(values, null);
    if (local) {
      setError(local);
      return;
    }
    setSubmitting(true);
    setError(null);
    const body = buildCreateBody(values);
    try {
      const created = toStructure(await unwrap(client.api.POST("/structures", {
        params: { header: headerParams({ "Idempotency-Key": nextKey(body) }) },
        body,
      })));
      navigate(`/structures/${created.id}`, { state: { notice: "La structure a été créée (statut « projet »)." } });
    } catch (err) {
      setError(toApiError(err));
      setSubmitting(false);
    }
  };

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Nouvelle structure" homeLinkProps={{ to: "/" }}
        segments={[{ label: "Structures", linkProps: { to: "/structures" } }]} />
      <h1>Nouvelle structure</h1>
      <p>La structure est créée au statut « projet » ; la labellisation la fera évoluer.</p>
      <div className="fr-col-12 fr-col-md-8">
        {needsRefs && !refs ? <Loading /> : (
          <StructureForm
            mode="create"
            initial={emptyStructureForm(choices.length === 1 ? choices[0] : "")}
            departementOptions={choices.map((code) => ({ code, label: departementLabel(code, refs) }))}
            error={error}
            submitting={submitting}
            onSubmit={(v) => void onSubmit(v)}
            cancelTo="/structures"
          />
        )}
      </div>
    </div>
  );
}

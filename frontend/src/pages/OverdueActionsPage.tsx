import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../api/client";
import { ApiError, toApiError } from "../api/problem";
import { toAction, type Action } from "../api/visits";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { departementChoices } from "../components/territory";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel, useReferenceData } from "../components/useReferenceData";
import { ActionsTable } from "../components/visits/ActionsTable";
import { VisitsNav } from "../components/visits/VisitsNav";

/** Actions en retard of a département (GET /departements/{code}/overdue-actions), earliest due first. */
export function OverdueActionsPage() {
  usePageTitle("Actions en retard");
  const client = useApi();
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const [params, setParams] = useSearchParams();
  const choices = departementChoices(me, refs);
  const requested = params.get("departement") ?? "";
  const departement = choices.includes(requested) ? requested : choices[0] ?? "";
  const [actions, setActions] = useState<Action[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function fetchPage(after: string | null) {
    const page = await unwrap(client.api.GET("/departements/{code}/overdue-actions", {
      params: { path: { code: departement }, query: { limit: 100, ...(after ? { cursor: after } : {}) } },
    }));
    return { items: (page.items ?? []).map(toAction), next: page.next_cursor || null };
  }

  useEffect(() => {
    if (!departement) return;
    let cancelled = false;
    setActions(null);
    setError(null);
    fetchPage(null)
      .then((p) => {
        if (cancelled) return;
        setActions(p.items);
        setCursor(p.next);
      })
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
    // fetchPage reads only client and departement.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, departement]);

  async function more() {
    try {
      const p = await fetchPage(cursor);
      setActions([...(actions ?? []), ...p.items]);
      setCursor(p.next);
    } catch (err) {
      setError(toApiError(err));
    }
  }

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Actions en retard" homeLinkProps={{ to: "/" }}
        segments={[{ label: "Visites", linkProps: { to: "/visites" } }]} />
      <h1>Actions en retard</h1>
      <VisitsNav current="overdue" />
      {choices.length > 1 && (
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Département" nativeSelectProps={{ value: departement, onChange: (e) => setParams({ departement: e.target.value }) }}>
            {choices.map((code) => <option key={code} value={code}>{departementLabel(code, refs)}</option>)}
          </Select>
        </div>
      )}
      <ApiErrorAlert error={error} />
      {departement && !actions && !error && <Loading label="Chargement des actions en retard…" />}
      {actions && (
        <>
          <p role="status">{actions.length === 0 ? "Aucune action en retard." : `${actions.length}${cursor ? " premières" : ""} action${actions.length > 1 ? "s" : ""} en retard, la plus ancienne échéance d’abord.`}</p>
          {actions.length > 0 && <ActionsTable actions={actions} caption="Actions en retard du département" showStructure showVisit />}
          {cursor && <Button priority="secondary" onClick={() => void more()}>Afficher plus d’actions</Button>}
        </>
      )}
    </div>
  );
}

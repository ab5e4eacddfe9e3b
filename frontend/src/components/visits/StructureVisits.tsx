import { useEffect, useState } from "react";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link } from "react-router";
import { unwrap } from "../../api/client";
import { ApiError, toApiError } from "../../api/problem";
import { toAction, toVisit, type Action, type Visit } from "../../api/visits";
import { useApi, useCurrentUser } from "../../auth/AuthContext";
import { VISIT_STATUSES, VISIT_TYPES, canWriteVisits, formatDate, label, visitDate } from "../../visits/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";
import { ActionsTable } from "./ActionsTable";

/** Onglet Visites of a structure: next planned visit, past visits, open actions. */
export function StructureVisits({ structureId }: { structureId: string }) {
  const client = useApi();
  const me = useCurrentUser();
  const [visits, setVisits] = useState<Visit[] | null>(null);
  const [actions, setActions] = useState<Action[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      unwrap(client.api.GET("/visits", { params: { query: { structure_id: structureId, limit: 200 } } })),
      unwrap(client.api.GET("/actions", { params: { query: { structure_id: structureId, limit: 200 } } })),
    ])
      .then(([v, a]) => {
        if (cancelled) return;
        setVisits((v.items ?? []).map(toVisit));
        setActions((a.items ?? []).map(toAction).filter((x) => x.status !== "close"));
      })
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, structureId]);

  if (error) return <ApiErrorAlert error={error} />;
  if (!visits || !actions) return <p role="status">Chargement des visites…</p>;

  const upcoming = visits.filter((v) => v.status === "planifiee").sort((a, b) => a.planned_date.localeCompare(b.planned_date));
  const next = upcoming[0];
  const past = visits.filter((v) => v.status !== "planifiee");

  return (
    <div>
      {canWriteVisits(me.role) && (
        <p><Link className="fr-link fr-icon-add-line fr-link--icon-left" to={`/visites/nouvelle?structure=${structureId}`}>Planifier une visite</Link></p>
      )}
      <h3 className="fr-h5">Prochaine visite</h3>
      {next ? (
        <p>
          <Link to={`/visites/${next.id}`}>{label(VISIT_TYPES, next.type)} le {formatDate(next.planned_date)}{next.planned_time ? ` à ${next.planned_time}` : ""}</Link>
          {upcoming.length > 1 && ` (et ${upcoming.length - 1} autre${upcoming.length > 2 ? "s" : ""} planifiée${upcoming.length > 2 ? "s" : ""})`}
        </p>
      ) : <p>Aucune visite planifiée.</p>}
      <h3 className="fr-h5">Actions ouvertes</h3>
      {actions.length === 0 ? <p>Aucune action ouverte.</p> : <ActionsTable actions={actions} caption="Actions ouvertes de la structure" showVisit />}
      <h3 className="fr-h5">Visites passées</h3>
      {past.length === 0 ? <p>Aucune visite passée.</p> : (
        <ul>
          {past.map((v) => {
            const s = VISIT_STATUSES[v.status as keyof typeof VISIT_STATUSES];
            return (
              <li key={v.id} className="fr-mb-1w">
                <Link to={`/visites/${v.id}`}>{label(VISIT_TYPES, v.type)} du {formatDate(visitDate(v))}</Link>{" "}
                <Badge as="span" small noIcon severity={s?.severity}>{s?.label ?? v.status}</Badge>
                {v.counts.findings > 0 && ` – ${v.counts.findings} constat${v.counts.findings > 1 ? "s" : ""}`}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

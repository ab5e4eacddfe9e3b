import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { unwrap } from "../api/client";
import { ApiError, toApiError } from "../api/problem";
import { toVisit, type Visit } from "../api/visits";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { usePageTitle } from "../components/usePageTitle";
import { CalendarFeed } from "../components/visits/CalendarFeed";
import { VisitsNav } from "../components/visits/VisitsNav";
import { VISIT_STATUSES, VISIT_TYPES, addDays, formatDate, formatMonth, isoDate, label, visitDate } from "../visits/labels";

/** Visits grouped by month (YYYY-MM of their date), months in chronological order, each month's visits by date. */
export function groupByMonth(visits: Visit[]): { month: string; visits: Visit[] }[] {
  const groups = new Map<string, Visit[]>();
  for (const v of [...visits].sort((a, b) => visitDate(a).localeCompare(visitDate(b)) || a.planned_time.localeCompare(b.planned_time))) {
    const month = visitDate(v).slice(0, 7);
    groups.set(month, [...(groups.get(month) ?? []), v]);
  }
  return [...groups.entries()].map(([month, list]) => ({ month, visits: list }));
}

/** Mes visites: the caller's visits of the last 90 days and to come, by month, with the calendar feeds. */
export function MyVisitsPage() {
  usePageTitle("Mes visites");
  const client = useApi();
  const me = useCurrentUser();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice ?? null;
  const [visits, setVisits] = useState<Visit[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let cancelled = false;
    const today = isoDate(new Date());
    unwrap(client.api.GET("/visits", { params: { query: { from: addDays(today, -90), to: addDays(today, 366), limit: 200 } } }))
      .then((page) => {
        if (cancelled) return;
        const all = (page.items ?? []).map(toVisit);
        // A structure account's visits are those of its structures (the API scopes them); others are among the visitors.
        setVisits(me.role === "structure" ? all : all.filter((v) => v.visitors.some((p) => p.user_id === me.id)));
      })
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, me.id, me.role]);

  const today = isoDate(new Date());
  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Mes visites" homeLinkProps={{ to: "/" }} segments={[]} />
      <h1>Mes visites</h1>
      <VisitsNav current="mine" />
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      <p className="maillage-muted">
        {me.role === "structure" ? "Les visites de vos structures" : "Les visites où vous figurez parmi les visiteurs"}, des 90 derniers jours et à venir.
      </p>
      <ApiErrorAlert error={error} />
      {!visits && !error && <Loading label="Chargement de vos visites…" />}
      {visits && visits.length === 0 && <p>Aucune visite sur cette période.</p>}
      {visits && groupByMonth(visits).map((group) => (
        <section key={group.month} aria-labelledby={`mois-${group.month}`} className="fr-mb-4w">
          <h2 id={`mois-${group.month}`} className="fr-h4">{formatMonth(group.month)}</h2>
          <ul className="fr-raw-list">
            {group.visits.map((v) => {
              const s = VISIT_STATUSES[v.status as keyof typeof VISIT_STATUSES];
              const late = v.status === "planifiee" && v.planned_date < today;
              return (
                <li key={v.id} className="fr-mb-2w">
                  <strong>{formatDate(visitDate(v))}{v.planned_time && v.status === "planifiee" ? ` à ${v.planned_time}` : ""}</strong>{" – "}
                  <Link to={`/visites/${v.id}`}>{label(VISIT_TYPES, v.type)} – {v.structure.name}</Link>
                  {v.structure.commune_name && ` (${v.structure.commune_name})`}{" "}
                  <Badge as="span" small noIcon severity={s?.severity}>{s?.label ?? v.status}</Badge>
                  {late && <> <Badge as="span" small noIcon severity="warning">Compte rendu à saisir</Badge></>}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      <CalendarFeed />
    </div>
  );
}

import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../api/client";
import { ApiError, toApiError } from "../api/problem";
import { toVisitPlan, type VisitPlan } from "../api/visits";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { departementChoices } from "../components/territory";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel, useReferenceData } from "../components/useReferenceData";
import { PlanCell } from "../components/visits/PlanCell";
import { VisitsNav } from "../components/visits/VisitsNav";
import { PLAN_STATES, canWriteVisits, proposedDate, type PlanState } from "../visits/labels";

/** Plan des visites: structures × quarters of a département and year (GET /departements/{code}/visit-plan). */
export function VisitPlanPage() {
  usePageTitle("Plan des visites");
  const client = useApi();
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const [params, setParams] = useSearchParams();
  const choices = departementChoices(me, refs);
  const requested = params.get("departement") ?? "";
  const departement = choices.includes(requested) ? requested : choices[0] ?? "";
  const currentYear = new Date().getFullYear();
  const year = Number(params.get("annee")) || currentYear;
  const [plan, setPlan] = useState<VisitPlan | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // The animator plans only its own visit type: the plan's cells (prefectoral visits) are not its to plan.
  const canPlan = canWriteVisits(me.role) && me.role !== "animateur";

  useEffect(() => {
    if (!departement) return;
    let cancelled = false;
    setPlan(null);
    setError(null);
    unwrap(client.api.GET("/departements/{code}/visit-plan", { params: { path: { code: departement }, query: { year } } }))
      .then((p) => !cancelled && setPlan(toVisitPlan(p)))
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, departement, year]);

  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next);
  };
  const years = [currentYear - 2, currentYear - 1, currentYear, currentYear + 1];

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Plan des visites" homeLinkProps={{ to: "/" }} segments={[]} />
      <h1>Plan des visites</h1>
      <VisitsNav current="plan" />
      <div className="fr-grid-row fr-grid-row--gutters maillage-filters">
        {choices.length > 1 && (
          <div className="fr-col-12 fr-col-md-4">
            <Select label="Département" nativeSelectProps={{ value: departement, onChange: (e) => update("departement", e.target.value) }}>
              {choices.map((code) => <option key={code} value={code}>{departementLabel(code, refs)}</option>)}
            </Select>
          </div>
        )}
        <div className="fr-col-12 fr-col-md-3">
          <Select label="Année" nativeSelectProps={{ value: String(year), onChange: (e) => update("annee", e.target.value) }}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </Select>
        </div>
      </div>
      <ApiErrorAlert error={error} />
      {!departement && refs && <p>Aucun département dans votre territoire.</p>}
      {departement && !plan && !error && <Loading label="Chargement du plan des visites…" />}
      {plan && (
        <>
          <p role="status">
            {departementLabel(plan.departement_code, refs)}, {plan.year} : {plan.rows.length} structure{plan.rows.length > 1 ? "s" : ""}.
          </p>
          <div className="fr-table fr-table--bordered maillage-table maillage-plan">
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table>
                    <caption>Visites préfectorales {plan.year} par structure et par trimestre</caption>
                    <thead>
                      <tr>
                        <th scope="col">Structure</th>
                        {plan.quarters.map((q) => (
                          <th key={q.quarter} scope="col">
                            T{q.quarter}
                            <span className="fr-text--xs maillage-block maillage-muted">
                              {q.phase === "current" ? "en cours" : q.phase === "past" ? "terminé" : "à venir"}
                            </span>
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {plan.rows.map((row) => (
                        <tr key={row.structure.id}>
                          <th scope="row">
                            <Link to={`/structures/${row.structure.id}?onglet=visites`}>{row.structure.name}</Link>
                            {row.structure.commune_name && <span className="fr-text--xs maillage-block maillage-muted">{row.structure.commune_name}</span>}
                          </th>
                          {row.cells.map((cell) => {
                            const quarter = plan.quarters.find((q) => q.quarter === cell.quarter);
                            const href = canPlan && quarter
                              ? `/visites/nouvelle?structure=${row.structure.id}&type=prefectorale&date=${proposedDate(quarter, plan.today)}`
                              : null;
                            return (
                              <td key={cell.quarter}>
                                <PlanCell cell={cell} structureName={row.structure.name} planHref={href} />
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
          <h2 className="fr-h5">Totaux par trimestre</h2>
          <ul>
            {plan.quarters.map((q) => (
              <li key={q.quarter}>
                T{q.quarter} :{" "}
                {(Object.keys(PLAN_STATES) as PlanState[])
                  .filter((s) => (q.totals[s] ?? 0) > 0)
                  .map((s) => `${PLAN_STATES[s].label.toLowerCase()} ${q.totals[s]}`)
                  .join(", ") || "aucune structure"}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

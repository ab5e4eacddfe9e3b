import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../api/client";
import type { components } from "../api/schema";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { VerdictBadge, weekLabel } from "../components/hours/CompliancePanel";
import "../components/hours/hours.css";
import { Loading } from "../components/Loading";
import { departementChoices } from "../components/territory";
import { usePageTitle } from "../components/usePageTitle";
import { useStructureNames } from "../components/useStructureNames";
import { departementLabel, useReferenceData } from "../components/useReferenceData";
import { CRITERION_LABELS, criterionLabel, verdictLabel } from "../hours/model";

type Schemas = components["schemas"];
type DepartementCompliance = Schemas["DepartementCompliance"];
type Report = Schemas["hours.Report"];
type Criterion = Schemas["hours.Criterion"];

/** The criteria of a report that are not ok: typical week first, then the real weeks where it is not ok. */
export function openCriteria(report: Report): { code: string; typical: Criterion | undefined; weeks: { week: string; criterion: Criterion }[] }[] {
  const byCode = new Map<string, { code: string; typical: Criterion | undefined; weeks: { week: string; criterion: Criterion }[] }>();
  const entry = (code: string) => {
    let e = byCode.get(code);
    if (!e) {
      e = { code, typical: undefined, weeks: [] };
      byCode.set(code, e);
    }
    return e;
  };
  for (const c of report.typical_week?.criteria ?? []) if (c.code && c.status !== "ok") entry(c.code).typical = c;
  for (const w of report.weeks ?? []) {
    for (const c of w.criteria ?? []) if (c.code && c.status !== "ok") entry(c.code).weeks.push({ week: w.week ?? "", criterion: c });
  }
  return [...byCode.values()];
}

/** "Semaines réelles concernées : …", or "Les 12 semaines réelles : non conforme" when every week has the same status. */
export function weeksText(weeks: { week: string; criterion: Criterion }[], total: number): string {
  const statuses = new Set(weeks.map((w) => w.criterion.status));
  if (total > 0 && weeks.length === total && statuses.size === 1) {
    return `Les ${total} semaines réelles : ${verdictLabel(weeks[0].criterion.status).toLowerCase()}`;
  }
  return `Semaines réelles concernées : ${weeks.map((w) => `${weekLabel(w.week).toLowerCase()} (${verdictLabel(w.criterion.status).toLowerCase()})`).join(", ")}`;
}

/** Conformité du département: summary counts, the structures with their status and failing criteria (ADR 0006). */
export function HoursCompliancePage() {
  usePageTitle("Conformité des horaires et des agents");
  const client = useApi();
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const [params, setParams] = useSearchParams();
  const choices = departementChoices(me, refs);
  const requested = params.get("departement") ?? "";
  const criterionFilter = params.get("critere") ?? "";
  const [data, setData] = useState<DepartementCompliance | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const departement = choices.includes(requested) ? requested : choices[0] ?? "";
  const names = useStructureNames(client, departement);

  useEffect(() => {
    if (!departement) return;
    let cancelled = false;
    setData(null);
    setError(null);
    unwrap(client.api.GET("/departements/{code}/compliance", { params: { path: { code: departement }, query: { weeks: 12 } } }))
      .then((d) => !cancelled && setData(d))
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, departement]);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const rows = useMemo(() => {
    const items = (data?.items ?? []).map((report) => ({ report, open: openCriteria(report) }));
    const filtered = criterionFilter ? items.filter((r) => r.open.some((c) => c.code === criterionFilter)) : items;
    const rank: Record<string, number> = { failure: 0, warning: 1, unknown: 2, ok: 3 };
    return filtered.sort((a, b) => (rank[a.report.status ?? "unknown"] - rank[b.report.status ?? "unknown"])
      || (names.get(a.report.structure_id ?? "") ?? "").localeCompare(names.get(b.report.structure_id ?? "") ?? "", "fr"));
  }, [data, criterionFilter, names]);

  const summary = data?.summary;

  return (
    <div className="fr-my-4w">
      <h1>Conformité des horaires et des agents</h1>
      <p>Évaluation par le serveur des critères du label sur la semaine type et les 12 prochaines semaines réelles.</p>
      <div className="fr-grid-row fr-grid-row--gutters">
        {choices.length > 1 && (
          <div className="fr-col-12 fr-col-md-4">
            <Select label="Département" nativeSelectProps={{ value: departement, onChange: (e) => setParams({ departement: e.target.value }) }}>
              {choices.map((code) => <option key={code} value={code}>{departementLabel(code, refs)}</option>)}
            </Select>
          </div>
        )}
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Critère" hint="Structures où ce critère n’est pas satisfait" nativeSelectProps={{ value: criterionFilter, onChange: (e) => setParam("critere", e.target.value) }}>
            <option value="">Tous les critères</option>
            {Object.entries(CRITERION_LABELS).map(([code, label]) => <option key={code} value={code}>{label}</option>)}
          </Select>
        </div>
      </div>
      <ApiErrorAlert error={error} />
      {!departement && refs && <p>Aucun département dans votre territoire.</p>}
      {departement && !data && !error && <Loading label="Évaluation de la conformité…" />}
      {summary && data && (
        <>
          <h2 className="fr-h4 fr-mt-3w">{departementLabel(data.departement_code ?? departement, refs)} : {summary.structures ?? 0} structure{(summary.structures ?? 0) > 1 ? "s" : ""}</h2>
          <ul className="maillage-compliance-counts" aria-label="Synthèse">
            <li><VerdictBadge status="ok" small={false} /> <strong>{summary.ok ?? 0}</strong></li>
            <li><VerdictBadge status="warning" small={false} /> <strong>{summary.warning ?? 0}</strong></li>
            <li><VerdictBadge status="failure" small={false} /> <strong>{summary.failure ?? 0}</strong></li>
            <li><VerdictBadge status="unknown" small={false} /> <strong>{summary.unknown ?? 0}</strong></li>
          </ul>
          {(summary.criteria ?? []).length > 0 && (
            <div className="fr-table fr-table--sm">
              <div className="fr-table__wrapper"><div className="fr-table__container" tabIndex={0} role="region" aria-label="Synthèse par critère"><div className="fr-table__content">
                <table>
                  <caption>Par critère (le pire statut de la semaine type et des semaines réelles)</caption>
                  <thead><tr><th scope="col">Critère</th>{(["ok", "warning", "failure", "unknown"] as const).map((v) => <th key={v} scope="col">{verdictLabel(v)}</th>)}</tr></thead>
                  <tbody>
                    {(summary.criteria ?? []).map((c) => (
                      <tr key={c.code}>
                        <th scope="row">{criterionLabel(c.code)}</th>
                        <td>{c.ok ?? 0}</td><td>{c.warning ?? 0}</td><td>{c.failure ?? 0}</td><td>{c.unknown ?? 0}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div></div></div>
            </div>
          )}
          <div className="fr-table fr-table--sm">
            <div className="fr-table__wrapper"><div className="fr-table__container" tabIndex={0} role="region" aria-label="Structures et critères"><div className="fr-table__content">
              <table>
                <caption>{rows.length} structure{rows.length > 1 ? "s" : ""}{criterionFilter ? ` où « ${criterionLabel(criterionFilter)} » n’est pas satisfait` : ""}</caption>
                <thead><tr><th scope="col">Structure</th><th scope="col">Statut</th><th scope="col">Critères non satisfaits</th></tr></thead>
                <tbody>
                  {rows.map(({ report, open }) => {
                    const id = report.structure_id ?? "";
                    const shown = criterionFilter ? open.filter((c) => c.code === criterionFilter) : open;
                    return (
                      <tr key={id}>
                        <th scope="row"><Link to={`/structures/${id}?onglet=horaires`}>{names.get(id) ?? "Structure"}</Link></th>
                        <td><VerdictBadge status={report.status} /></td>
                        <td>
                          {shown.length === 0 ? "Aucun" : (
                            <ul className="maillage-week-issues">
                              {shown.map((c) => {
                                const typical = c.typical;
                                return (
                                  <li key={c.code} className="fr-mb-1w">
                                    <strong>{criterionLabel(c.code)}</strong> : <VerdictBadge status={typical?.status ?? c.weeks[0]?.criterion.status} />
                                    {typical?.explanation && <span className="maillage-block fr-text--sm fr-mb-0">{typical.explanation}</span>}
                                    {(typical?.slots ?? []).map((s, i) => <span key={i} className="maillage-block fr-text--xs fr-mb-0">{s.reason}</span>)}
                                    {c.weeks.length > 0 && (
                                      <span className="maillage-block fr-text--xs fr-mb-0">
                                        {weeksText(c.weeks, report.weeks?.length ?? 0)}
                                      </span>
                                    )}
                                  </li>
                                );
                              })}
                            </ul>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div></div></div>
          </div>
        </>
      )}
    </div>
  );
}

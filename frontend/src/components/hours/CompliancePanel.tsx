import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { components } from "../../api/schema";
import { criterionLabel, UNIT_LABELS, verdictLabel, weekLabel, WEEKDAYS, type Verdict } from "../../hours/model";

export { weekLabel };

type Schemas = components["schemas"];
export type Report = Schemas["hours.Report"];
type Criterion = Schemas["hours.Criterion"];

const SEVERITY: Record<Verdict, "success" | "warning" | "error" | "info"> = {
  ok: "success", warning: "warning", failure: "error", unknown: "info",
};

/** The status as a DSFR badge with its text (never colour only). */
export function VerdictBadge({ status, small = true }: { status: string | undefined; small?: boolean }) {
  const v = (status ?? "unknown") as Verdict;
  return <Badge as="span" small={small} severity={SEVERITY[v] ?? "info"}>{verdictLabel(v)}</Badge>;
}

function number(n: number | undefined): string {
  return n === undefined ? "–" : n.toLocaleString("fr-FR", { maximumFractionDigits: 2 });
}

/** "20 h sur 24 h requises" — measured against the threshold in the criterion's unit. */
export function measuredText(c: Criterion): string | null {
  // null as well as undefined: an unknown criterion may carry a unit without any figure
  if (!c.unit || c.threshold == null) return null;
  const unit = UNIT_LABELS[c.unit] ?? c.unit;
  return `Mesuré : ${number(c.measured ?? 0)} ${unit} — seuil : ${number(c.threshold)} ${unit}`;
}

function weekdayName(n: number | undefined): string {
  return WEEKDAYS.find((d) => d.day === n)?.label ?? "";
}

export function CriterionItem({ criterion: c }: { criterion: Criterion }) {
  const measured = measuredText(c);
  const slots = c.slots ?? [];
  return (
    <li className="maillage-criterion fr-mb-2w" data-code={c.code}>
      <p className="fr-text--bold fr-mb-1v">
        {criterionLabel(c.code)} <VerdictBadge status={c.status} />
      </p>
      {measured && <p className="fr-text--sm fr-mb-1v">{measured}</p>}
      {c.explanation && <p className="fr-text--sm fr-mb-1v">{c.explanation}</p>}
      {slots.length > 0 && (
        <ul className="fr-text--sm fr-mb-0">
          {slots.map((s, i) => (
            <li key={i}>{s.reason || `${weekdayName(s.weekday)} ${s.start ?? ""}–${s.end ?? ""}`}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

type Props = {
  report: Report | null;
  loading: boolean;
  error: string | null;
  osm: string | null;
  osmNotes: string[];
  /** Whether the draft differs from the saved hours (the OSM string is the saved hours'). */
  dirty: boolean;
};

/** Live compliance of the draft (server evaluation), the OSM string of the saved hours and the 12 real weeks. */
export function CompliancePanel({ report, loading, error, osm, osmNotes, dirty }: Props) {
  const criteria = report?.typical_week?.criteria ?? [];
  const weeks = report?.weeks ?? [];
  return (
    <aside className="maillage-compliance-panel" aria-labelledby="compliance-title">
      <h3 id="compliance-title" className="fr-h5 fr-mb-1w">Conformité de la semaine type</h3>
      <p className="fr-text--sm fr-mb-2w" aria-live="polite">
        {loading ? "Évaluation en cours…" : report ? <>Statut global : <VerdictBadge status={report.status} /></> : ""}
        {report?.rule_set && !loading && <span className="fr-ml-1w">(référentiel {report.rule_set})</span>}
      </p>
      {error && <p className="fr-error-text fr-mb-2w" role="alert">{error}</p>}
      {criteria.length > 0 && (
        <ul className="maillage-criteria fr-mb-3w" aria-label="Critères de la semaine type">
          {criteria.map((c) => <CriterionItem key={c.code} criterion={c} />)}
        </ul>
      )}
      <h3 className="fr-h6 fr-mb-1w">Format OpenStreetMap</h3>
      <p className="fr-text--sm fr-mb-1v">Horaires enregistrés{dirty ? " (les modifications en cours n’y figurent pas encore)" : ""} :</p>
      <p className="fr-mb-1w"><code data-testid="osm-hours">{osm || "Aucun horaire enregistré"}</code></p>
      {osmNotes.length > 0 && (
        <ul className="fr-text--sm">
          {osmNotes.map((n) => <li key={n}>{n}</li>)}
        </ul>
      )}
      {weeks.length > 0 && (
        <div className="fr-table fr-table--sm fr-mt-2w maillage-weeks">
          <div className="fr-table__wrapper"><div className="fr-table__container" tabIndex={0} role="region" aria-label="Statuts des prochaines semaines"><div className="fr-table__content">
            <table>
              <caption>Les {weeks.length} prochaines semaines</caption>
              <thead>
                <tr>
                  <th scope="col">Semaine</th>
                  <th scope="col">Critères non conformes ou à vérifier</th>
                </tr>
              </thead>
              <tbody>
                {weeks.map((w) => {
                  const open = (w.criteria ?? []).filter((c) => c.status !== "ok");
                  return (
                    <tr key={w.week}>
                      <th scope="row">{weekLabel(w.week)}</th>
                      <td>
                        {open.length === 0 ? <><VerdictBadge status="ok" /> <span className="fr-sr-only">tous les critères</span></> : (
                          <ul className="maillage-week-issues">
                            {open.map((c) => (
                              <li key={c.code} title={c.explanation}>{criterionLabel(c.code)} : <VerdictBadge status={c.status} /></li>
                            ))}
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
      )}
    </aside>
  );
}

import { useEffect, useState } from "react";
import { unwrap } from "../../api/client";
import { ApiError, toApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import { causeLabel, currentReasons, historyPeriods, periodText, type Period } from "../../hours/history";
import { ApiErrorAlert } from "../ApiErrorAlert";

type Props = {
  structureId: string;
  /** Changes after each save of the hours: the history and the stored report are read again. */
  reload?: number;
};

/**
 * Historique de la conformité: the recorded evaluations (one per change of hours or agents) as periods, newest first;
 * the current period says why, from the stored report's typical week.
 */
export function ComplianceHistory({ structureId, reload = 0 }: Props) {
  const client = useApi();
  const [periods, setPeriods] = useState<Period[] | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let cancelled = false;
    unwrap(client.api.GET("/structures/{id}/compliance/history", { params: { path: { id: structureId } } }))
      .then((h) => {
        if (cancelled) return;
        setPeriods(historyPeriods(h.items ?? []));
        setError(null);
      })
      .catch((err) => !cancelled && setError(toApiError(err)));
    unwrap(client.api.GET("/structures/{id}/compliance", { params: { path: { id: structureId }, query: { weeks: 12 } } }))
      .then((r) => !cancelled && setReasons(currentReasons(r)))
      .catch(() => !cancelled && setReasons([]));
    return () => {
      cancelled = true;
    };
  }, [client, structureId, reload]);

  return (
    <section className="fr-mt-4w" aria-labelledby="compliance-history-title">
      <h3 id="compliance-history-title" className="fr-h5">Historique de la conformité</h3>
      <p className="fr-text--sm">
        La conformité enregistrée est réévaluée à chaque modification des horaires ou des agents (horaires publiés, référentiel en vigueur).
      </p>
      <ApiErrorAlert error={error} />
      {!error && !periods && <p role="status">Chargement de l’historique de la conformité…</p>}
      {periods?.length === 0 && <p>Aucune évaluation enregistrée pour l’instant.</p>}
      {periods && periods.length > 0 && (
        <ol className="maillage-timeline" aria-label="Périodes de conformité, de la plus récente à la plus ancienne">
          {periods.map((p, i) => (
            <li key={`${p.since}-${i}`} className="maillage-timeline__item fr-mb-2w" data-status={p.status}>
              <p className="fr-text--bold fr-mb-1v">
                {periodText(p)}{i === 0 && reasons.length > 0 ? " :" : ""}
              </p>
              {i === 0 && reasons.length > 0 && (
                <ul className="fr-text--sm fr-mb-1v" aria-label="Raisons">
                  {reasons.map((r) => <li key={r}>{r}</li>)}
                </ul>
              )}
              <p className="fr-text--xs fr-mb-0">
                Après : {causeLabel(p.cause)}{p.ruleSet ? ` — référentiel ${p.ruleSet}` : ""}
                {p.evaluations > 1 ? ` — ${p.evaluations} évaluations` : ""}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

import { useCallback, useEffect, useState } from "react";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { getProgress, getTargets, type Progress, type Target } from "../api/labelling";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { DepartementSelect, useDepartementParam } from "../components/labelling/DepartementSelect";
import { LabellingNav } from "../components/labelling/LabellingNav";
import { ProgressChart } from "../components/labelling/ProgressChart";
import { TargetsEditor } from "../components/labelling/TargetsEditor";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel } from "../components/useReferenceData";
import { canWriteTargets, formatText, plural } from "../labelling/labels";
import { pipelineTotal, statesOf, targetTitle } from "../labelling/targets";
import { formatDate } from "../registry/labels";

function Stats({ progress }: { progress: Progress }) {
  const { cantons } = progress;
  return (
    <ul className="maillage-stats" aria-label="Chiffres clés">
      <li className="maillage-stat maillage-stat--success" data-testid="stat-labelled">
        <span className="maillage-stat__value">{progress.labelled}</span> labellisée{progress.labelled > 1 ? "s" : ""} aujourd’hui
      </li>
      <li className="maillage-stat maillage-stat--info" data-testid="stat-pipeline">
        <span className="maillage-stat__value">{pipelineTotal(progress)}</span> en cours de labellisation
      </li>
      <li className="maillage-stat maillage-stat--neutral" data-testid="stat-cantons">
        <span className="maillage-stat__value">{cantons.covered} / {cantons.total}</span> cantons couverts
      </li>
    </ul>
  );
}

function Distribution({ progress }: { progress: Progress }) {
  const formats = Object.entries(progress.by_format).filter(([, n]) => n > 0);
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
      <div className="fr-col-12 fr-col-md-6">
        <div className="fr-table fr-table--sm fr-mb-0">
          <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
            <table>
              <caption>Structures par état du label</caption>
              <thead><tr><th scope="col">État</th><th scope="col">Structures</th></tr></thead>
              <tbody>
                {statesOf(progress).map((s) => (
                  <tr key={s.state}><th scope="row">{s.label}{s.pipeline ? " (en cours)" : ""}</th><td>{s.count}</td></tr>
                ))}
              </tbody>
            </table>
          </div></div></div>
        </div>
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <h3 className="fr-h6">Structures labellisées par format</h3>
        {formats.length === 0 ? <p>Aucune structure labellisée.</p> : (
          <ul>{formats.map(([f, n]) => <li key={f}>{formatText(f)} : {n}</li>)}</ul>
        )}
        {progress.cantons.uncovered.length > 0 && (
          <Accordion label={`Cantons sans structure labellisée (${progress.cantons.uncovered.length})`}>
            <ul>{progress.cantons.uncovered.map((c) => <li key={c.code}>{c.name} ({c.code})</li>)}</ul>
          </Accordion>
        )}
      </div>
    </div>
  );
}

/** Objectifs et progression: the département's targets (CRUD), labelled now, pipeline, cantons, labels per wave. */
export function TargetsPage() {
  usePageTitle("Objectifs et progression de la labellisation");
  const client = useApi();
  const me = useCurrentUser();
  const { refs, choices, departement, choose } = useDepartementParam(client);
  const [targets, setTargets] = useState<Target[] | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");

  const load = useCallback(async (code: string) => {
    const [t, p] = await Promise.all([getTargets(client, code), getProgress(client, code)]);
    setTargets(t);
    setProgress(p);
  }, [client]);

  useEffect(() => {
    if (!departement) return;
    let cancelled = false;
    setTargets(null);
    setProgress(null);
    setError(null);
    setNotice("");
    Promise.all([getTargets(client, departement), getProgress(client, departement)])
      .then(([t, p]) => {
        if (cancelled) return;
        setTargets(t);
        setProgress(p);
      })
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, departement]);

  // A target of 0 structures (every canton covered only) has no line on the chart.
  const chartTargets = (progress?.targets ?? []).filter((p) => p.target.count > 0)
    .map((p) => ({ label: targetTitle(p.target, formatDate), count: p.target.count }));

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Objectifs et progression" homeLinkProps={{ to: "/" }} segments={[]} />
      <h1>Objectifs et progression de la labellisation</h1>
      <LabellingNav current="targets" departement={departement} />
      <DepartementSelect choices={choices} value={departement} onChange={choose} refs={refs} />
      <ApiErrorAlert error={error} />
      {!departement && refs && <p>Aucun département dans votre territoire.</p>}
      {departement && (!targets || !progress) && !error && <Loading label="Chargement des objectifs…" />}
      {targets && progress && (
        <>
          <h2 className="fr-h4">{departementLabel(departement, refs)} : {plural(progress.labelled, "structure labellisée", "structures labellisées")}</h2>
          <Stats progress={progress} />
          {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
          <TargetsEditor departement={departement} targets={targets} progress={progress.targets} uncovered={progress.cantons.uncovered.length} editable={canWriteTargets(me.role)}
            onChange={async (message) => {
              setNotice(message);
              try {
                await load(departement);
              } catch (err) {
                setError(toApiError(err));
              }
            }} />
          <section className="fr-mb-5w" aria-labelledby="progress-title">
            <h2 id="progress-title" className="fr-h4">Progression</h2>
            <Distribution progress={progress} />
            <ProgressChart waves={progress.waves} targets={chartTargets} />
          </section>
        </>
      )}
    </div>
  );
}

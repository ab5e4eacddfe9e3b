// The figures of a label progress (a département's or a région's): key figures, states, formats, uncovered cantons.
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import type { Progress } from "../../api/labelling";
import { formatText } from "../../labelling/labels";
import { pipelineTotal, statesOf } from "../../labelling/targets";

export function Stats({ progress }: { progress: Progress }) {
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

export function Distribution({ progress }: { progress: Progress }) {
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

import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { useIsModalOpen } from "@codegouvfr/react-dsfr/Modal/useIsModalOpen";
import { getLabelState, type AllowedTransition, type LabelState } from "../../api/labelling";
import { ApiError, toApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import { stateLabel, stateSeverity } from "../../labelling/labels";
import { formatDate } from "../../registry/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";
import { Loading } from "../Loading";
import { LabelHistory } from "./LabelHistory";
import { TransitionForm } from "./TransitionForm";
import "./labelling.css";

const transitionModal = createModal({ id: "label-transition", isOpenedByDefault: false });

type Props = { structureId: string; departement: string; onChange?: (state: LabelState) => void };

/** Situation du label: state, label date and wave, the decisions the actor may take (dialogs), the history. */
export function LabelStatusPanel({ structureId, departement, onChange }: Props) {
  const client = useApi();
  const [state, setState] = useState<LabelState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [current, setCurrent] = useState<{ transition: AllowedTransition; opened: number } | null>(null);
  const [notice, setNotice] = useState("");
  useIsModalOpen(transitionModal, { onConceal: () => setCurrent(null) });

  const load = useCallback(async () => {
    try {
      const s = await getLabelState(client, structureId);
      setState(s);
      setError(null);
      return s;
    } catch (err) {
      setError(toApiError(err));
      return null;
    }
  }, [client, structureId]);

  useEffect(() => {
    void load();
  }, [load]);

  const start = (transition: AllowedTransition) => {
    setNotice("");
    setCurrent({ transition, opened: Date.now() });
    transitionModal.open();
  };
  const close = () => transitionModal.close();

  if (error && !state) return <ApiErrorAlert error={error} />;
  if (!state) return <Loading label="Chargement de la situation du label…" />;

  return (
    <>
      <section className="fr-mb-5w" aria-labelledby="label-state-title">
        <h3 id="label-state-title" className="fr-h5">Situation du label</h3>
        <ul className="fr-badges-group">
          <li><Badge as="span" noIcon severity={stateSeverity(state.state)}>{stateLabel(state.state, state.state_label)}</Badge></li>
        </ul>
        <p data-testid="label-date">
          {state.label_date
            ? <>Labellisée le {formatDate(state.label_date)}{state.wave && <> — {state.wave.name}</>}.</>
            : "Pas encore labellisée."}
        </p>
        {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
        <ApiErrorAlert error={error} />
        {state.watch_requests.length > 0 && (
          <Alert role={undefined} className="fr-mb-3w" severity="warning" small title="Mise sous surveillance demandée"
            description={<ul className="fr-mb-0">
              {state.watch_requests.map((w) => (
                <li key={w.finding_id}>
                  Constat {w.severity} du {formatDate(w.requested_at)}{w.requested_by && ` (${w.requested_by})`} : {w.description}{" "}
                  <Link to={`/visites/${w.visit_id}`}>voir la visite</Link>
                </li>
              ))}
            </ul>} />
        )}
        <h4 className="fr-h6">Décisions possibles</h4>
        {state.allowed.length === 0 ? (
          <p>Aucune décision ne vous revient dans la situation actuelle.</p>
        ) : (
          <ul className="maillage-transitions">
            {state.allowed.map((t) => (
              <li key={t.to}>
                <Button type="button" priority={t.negative ? "secondary" : "primary"} onClick={() => start(t)}>{t.label}</Button>
                {t.hint && <p className="fr-text--sm fr-mt-1w fr-mb-0">{t.hint}</p>}
                {t.blocked.length > 0 && (
                  <div className="fr-mt-1w">
                    <p className="fr-text--sm fr-mb-1v">Conditions non remplies pour « {t.label} » :</p>
                    <ul className="fr-text--sm maillage-blocked">
                      {t.blocked.map((b) => <li key={b.code}>{b.message}</li>)}
                    </ul>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="fr-mb-5w" aria-labelledby="label-history-title">
        <h3 id="label-history-title" className="fr-h5">Historique du label</h3>
        <LabelHistory history={state.history} />
      </section>
      <transitionModal.Component title={current ? current.transition.label : "Décision"} size="large">
        {current && (
          <TransitionForm key={current.opened} structureId={structureId} departement={departement}
            transition={current.transition} version={state.version} onCancel={close}
            onReload={() => { close(); void load(); }}
            onDone={(next) => {
              close();
              setState(next);
              setNotice(`Décision enregistrée : la structure est désormais « ${stateLabel(next.state, next.state_label)} ».`);
              onChange?.(next);
            }} />
        )}
      </transitionModal.Component>
    </>
  );
}

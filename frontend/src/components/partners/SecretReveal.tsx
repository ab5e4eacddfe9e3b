import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { formatDateTime } from "../../registry/labels";
import { copyToClipboard, type SecretAction, type SecretState } from "../../partners/secretOnce";

type Props = { state: SecretState; dispatch: (action: SecretAction) => void; secretLabel: string };

/**
 * A secret shown once (ADR 0008): a DSFR alert with the value in a read-only field, a copy button and the warning
 * that it will not be shown again; "J’ai conservé le secret" drops it from memory.
 */
export function SecretReveal({ state, dispatch, secretLabel }: Props) {
  if (state.status === "dismissed") {
    return <p className="fr-text--sm fr-mb-3w" role="status">{`Le secret ${state.subject} n’est plus affiché.`}</p>;
  }
  if (state.status !== "shown") return null;
  const copy = async () => dispatch({ type: "copied", ok: await copyToClipboard(state.secret) });
  return (
    <Alert
      className="fr-mb-3w"
      severity="warning"
      role="alert"
      title={`Secret ${state.subject} : affiché une seule fois`}
      description={
        <>
          <p className="fr-mb-1w">
            Copiez-le maintenant et conservez-le dans un coffre-fort de secrets : il ne sera plus jamais affiché, ni ici ni
            ailleurs. En cas de perte, générez-en un nouveau.
          </p>
          {state.clientId && (
            <div className="fr-input-group fr-mb-1w">
              <label className="fr-label" htmlFor="revealed-client-id">Identifiant du client (client_id)</label>
              <input className="fr-input maillage-secret" id="revealed-client-id" readOnly value={state.clientId} />
            </div>
          )}
          <div className="fr-input-group fr-mb-1w">
            <label className="fr-label" htmlFor="revealed-secret">{secretLabel}</label>
            <input className="fr-input maillage-secret" id="revealed-secret" readOnly value={state.secret}
              onFocus={(e) => e.currentTarget.select()} autoComplete="off" spellCheck={false} />
          </div>
          {state.previousExpiresAt && (
            <p className="fr-text--sm fr-mb-1w">{`L’ancien secret reste valable jusqu’au ${formatDateTime(state.previousExpiresAt)}.`}</p>
          )}
          <p className="fr-text--sm fr-mb-1w" role="status" aria-live="polite">
            {state.copied === "yes" && "Le secret a été copié dans le presse-papiers."}
            {state.copied === "failed" && "La copie automatique est impossible : sélectionnez le secret et copiez-le vous-même."}
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mb-0">
            <li><Button type="button" size="small" iconId="fr-icon-clipboard-line" onClick={() => void copy()}>Copier le secret</Button></li>
            <li><Button type="button" size="small" priority="secondary" onClick={() => dispatch({ type: "dismiss" })}>J’ai conservé le secret</Button></li>
          </ul>
        </>
      }
    />
  );
}

import { useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { postTransition, type AllowedTransition, type LabelState } from "../../api/labelling";
import { ApiError, toApiError } from "../../api/problem";
import { useApi, useCurrentUser } from "../../auth/AuthContext";
import { canCreateWaves, stateLabel } from "../../labelling/labels";
import { EMPTY_TRANSITION, dialogFields, transitionBody, validateTransition, type TransitionDraft } from "../../labelling/transitions";
import { ApiErrorAlert } from "../ApiErrorAlert";
import { DerogationsEditor } from "./DerogationsEditor";
import { WavePicker } from "./WavePicker";

type Props = {
  structureId: string;
  departement: string;
  transition: AllowedTransition;
  version: number;
  onDone: (state: LabelState) => void;
  onCancel: () => void;
  /** 412: the label state changed since the page was loaded. */
  onReload: () => void;
};

const SHOWN = ["reason", "wave_id", "derogations"];

/** The fields of one transition (reason, wave, derogations) and its POST with If-Match; the server's refusals shown. */
export function TransitionForm({ structureId, departement, transition, version, onDone, onCancel, onReload }: Props) {
  const client = useApi();
  const me = useCurrentUser();
  const fields = dialogFields(transition, me.role);
  const [draft, setDraft] = useState<TransitionDraft>(EMPTY_TRANSITION);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const message = (field: string) => local[field] ?? error?.fieldError(field);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = validateTransition(draft, fields);
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await postTransition(client, structureId, version, transitionBody(transition.to, draft, fields)));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const reasonMessage = message("reason");
  return (
    <form onSubmit={submit} noValidate aria-label={transition.label}>
      <p>Nouvel état : <strong>{stateLabel(transition.to)}</strong>.</p>
      {transition.blocked.length > 0 && (
        <Alert role={undefined} className="fr-mb-3w" severity="warning" small
          description={<>
            <p className="fr-mb-1v">Conditions non remplies à ce jour (le serveur les vérifie à nouveau) :</p>
            <ul>{transition.blocked.map((b) => <li key={b.code}>{b.message}</li>)}</ul>
          </>} />
      )}
      {error?.status === 412 ? (
        <Alert className="fr-mb-3w" severity="error" role="alert" title="La situation a changé, rechargez"
          description={<>
            <p className="fr-mb-1w">Quelqu’un a fait évoluer le label de cette structure depuis l’ouverture de la page.</p>
            <Button type="button" size="small" priority="secondary" onClick={onReload}>Recharger la situation</Button>
          </>} />
      ) : (
        <ApiErrorAlert error={error} shownFields={SHOWN} />
      )}
      <Input label={fields.reasonRequired ? "Motif (obligatoire)" : "Motif (facultatif)"} textArea
        hintText={fields.reasonRequired ? "Le motif est inscrit à l’historique du label." : undefined}
        {...(reasonMessage ? { state: "error" as const, stateRelatedMessage: reasonMessage } : {})}
        nativeTextAreaProps={{
          name: "reason", rows: 3, maxLength: 2000, value: draft.reason, required: fields.reasonRequired,
          ...(reasonMessage ? { "aria-invalid": true } : {}),
          onChange: (e) => setDraft({ ...draft, reason: e.target.value }),
        }} />
      {fields.wave && (
        <WavePicker departement={departement} value={draft.wave_id} onChange={(wave_id) => setDraft({ ...draft, wave_id })}
          canCreate={canCreateWaves(me.role)} error={message("wave_id")} />
      )}
      {fields.derogations && (
        <DerogationsEditor value={draft.derogations} onChange={(derogations) => setDraft({ ...draft, derogations })}
          blocked={transition.blocked} message={message} />
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--right fr-mb-0">
        <li><Button type="button" priority="secondary" onClick={onCancel}>Annuler</Button></li>
        <li><Button type="submit" disabled={busy}>{`Confirmer : ${transition.label}`}</Button></li>
      </ul>
    </form>
  );
}

import { useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { Webhook, WebhookBody } from "../../api/partners";
import type { ApiError } from "../../api/problem";
import { WEBHOOK_EVENTS } from "../../partners/labels";
import { ApiErrorAlert, fieldState } from "../ApiErrorAlert";

type Props = {
  webhook: Webhook | null;
  error: ApiError | null;
  busy: boolean;
  onSubmit: (body: WebhookBody) => void;
  onCancel: () => void;
};

/** Abonnement webhook: the receiving URL, the events and whether deliveries are active. */
export function WebhookForm({ webhook, error, busy, onSubmit, onCancel }: Props) {
  const [url, setUrl] = useState(webhook?.url ?? "");
  const [events, setEvents] = useState<string[]>(webhook?.events ?? WEBHOOK_EVENTS.map((e) => e.code));
  const [active, setActive] = useState(webhook?.active ?? true);
  const eventsError = error?.fieldError("events");
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({ url: url.trim(), events, active });
  };
  return (
    <form className="maillage-box fr-p-3w fr-mb-3w" onSubmit={submit} noValidate aria-labelledby="webhook-form-title">
      <h2 id="webhook-form-title" className="fr-h5">{webhook ? "Modifier l’abonnement" : "Nouvel abonnement"}</h2>
      <ApiErrorAlert error={error} shownFields={["url", "events", "active"]} />
      <Input label="Adresse de réception (URL)" hintText="Adresse HTTPS du logiciel qui reçoit les notifications signées"
        {...fieldState(error, "url")} nativeInputProps={{ name: "url", type: "url", value: url, onChange: (e) => setUrl(e.target.value), required: true }} />
      <Checkbox legend="Événements" state={eventsError ? "error" : "default"} stateRelatedMessage={eventsError}
        options={WEBHOOK_EVENTS.map((e) => ({
          label: e.label, hintText: e.code,
          nativeInputProps: { name: "events", value: e.code, checked: events.includes(e.code),
            onChange: (ev) => setEvents((list) => (ev.target.checked ? [...list, e.code] : list.filter((c) => c !== e.code))) },
        }))} />
      <Checkbox options={[{ label: "Abonnement actif", hintText: "Décochez pour suspendre les envois sans supprimer l’abonnement",
        nativeInputProps: { name: "active", checked: active, onChange: (e) => setActive(e.target.checked) } }]} />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li><Button type="submit" disabled={busy}>Enregistrer l’abonnement</Button></li>
        <li><Button type="button" priority="secondary" onClick={onCancel}>Annuler</Button></li>
      </ul>
    </form>
  );
}

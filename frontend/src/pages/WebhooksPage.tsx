import { useCallback, useEffect, useReducer, useState } from "react";
import { Link, useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { partnersApi, type Webhook, type WebhookBody } from "../api/partners";
import { ApiError, toApiError } from "../api/problem";
import { useApi } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import "../components/partners/partners.css";
import { SecretReveal } from "../components/partners/SecretReveal";
import { useMachineClient } from "../components/partners/useMachineClient";
import { WebhookForm } from "../components/partners/WebhookForm";
import { useListEditor } from "../components/useListEditor";
import { usePageTitle } from "../components/usePageTitle";
import { eventLabel } from "../partners/labels";
import { NO_SECRET, secretReducer } from "../partners/secretOnce";

/** Webhooks d’un client API: subscriptions (URL, events), the signing secret shown once, links to the deliveries. */
export function WebhooksPage() {
  const { id = "" } = useParams();
  const client = useApi();
  const owner = useMachineClient(client, id);
  const name = owner?.name || "Client API";
  usePageTitle(`Webhooks — ${name}`);
  const [items, setItems] = useState<Webhook[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [secret, dispatch] = useReducer(secretReducer, NO_SECRET);

  const load = useCallback(async () => {
    try {
      setItems(await partnersApi.webhooks(client, id));
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }, [client, id]);

  useEffect(() => {
    void load();
  }, [load]);

  const { editing, setEditing, confirming, setConfirming, error: formError, setError: setFormError, notice, setNotice, busy, run } =
    useListEditor<Webhook>(load);

  const save = (body: WebhookBody) => editing === "new"
    ? run(async () => {
      const created = await partnersApi.createWebhook(client, id, body);
      dispatch({ type: "reveal", subject: `de l’abonnement ${created.item.url || body.url}`, secret: created.secret });
    }, "L’abonnement a été créé.")
    : editing && run(async () => { await partnersApi.updateWebhook(client, editing, body); }, "L’abonnement a été modifié.");

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Webhooks" homeLinkProps={{ to: "/" }} segments={[{ label: "Clients API", linkProps: { to: "/clients-api" } }]} />
      <h1>{`Webhooks — ${name}`}</h1>
      <p>
        Maillage envoie à chaque adresse abonnée une requête POST signée (HMAC-SHA256 du horodatage et du corps, en-tête
        Maillage-Webhook-Signature) pour chaque événement de son territoire, avec de nouveaux essais en cas d’échec.
      </p>
      <SecretReveal state={secret} dispatch={dispatch} secretLabel="Secret de signature" />
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      <ApiErrorAlert error={error} />
      {!editing && <ApiErrorAlert error={formError} />}
      {!items && !error && <Loading label="Chargement des abonnements…" />}
      {items && items.length === 0 && <p>Aucun abonnement pour ce client.</p>}
      {items && items.length > 0 && (
        <div className="fr-table fr-table--sm fr-table--multiline">
          <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
            <table>
              <caption>{`Abonnements de ${name} (${items.length})`}</caption>
              <thead><tr><th scope="col">Adresse</th><th scope="col">Événements</th><th scope="col">État</th><th scope="col">Actions</th></tr></thead>
              <tbody>
                {items.map((w) => (
                  <tr key={w.id}>
                    <th scope="row"><code>{w.url}</code></th>
                    <td><ul className="maillage-week-issues fr-text--sm">{w.events.map((e) => <li key={e}>{eventLabel(e)}</li>)}</ul></td>
                    <td>{w.active ? <Badge as="span" small severity="success">Actif</Badge> : <Badge as="span" small>Suspendu</Badge>}</td>
                    <td>
                      <ul className="fr-btns-group fr-btns-group--sm fr-mb-0">
                        <li><Button size="small" priority="secondary" linkProps={{ to: `/clients-api/${id}/webhooks/${w.id}/livraisons`, title: `Livraisons vers ${w.url}` }}>Livraisons</Button></li>
                        <li><Button type="button" size="small" priority="secondary" title={`Modifier l’abonnement ${w.url}`}
                          onClick={() => { setFormError(null); setNotice(""); setEditing(w); }}>Modifier</Button></li>
                        <li>
                          {confirming === w.id ? (
                            <Button type="button" size="small" disabled={busy} title={`Confirmer la suppression de l’abonnement ${w.url}`}
                              onClick={() => void run(async () => { await partnersApi.deleteWebhook(client, w); }, "L’abonnement a été supprimé.")}>Confirmer la suppression</Button>
                          ) : (
                            <Button type="button" size="small" priority="tertiary" title={`Supprimer l’abonnement ${w.url}`} onClick={() => setConfirming(w.id)}>Supprimer</Button>
                          )}
                        </li>
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div></div></div>
        </div>
      )}
      {!editing && (
        <Button type="button" iconId="fr-icon-add-line" onClick={() => { setFormError(null); setNotice(""); setEditing("new"); }}>S’abonner à des événements</Button>
      )}
      {editing && (
        <WebhookForm key={editing === "new" ? "new" : editing.id} webhook={editing === "new" ? null : editing} error={formError} busy={busy}
          onSubmit={(body) => void save(body)} onCancel={() => { setEditing(null); setFormError(null); }} />
      )}
      <p className="fr-text--sm fr-mt-3w"><Link to="/clients-api">Retour aux clients API</Link></p>
    </div>
  );
}

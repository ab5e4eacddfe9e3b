import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { partnersApi, type Delivery, type Webhook } from "../api/partners";
import { ApiError, toApiError } from "../api/problem";
import { useApi } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { useMachineClient } from "../components/partners/useMachineClient";
import { usePageTitle } from "../components/usePageTitle";
import { DELIVERY_STATUS, eventLabel } from "../partners/labels";
import { formatDateTime } from "../registry/labels";

/** Journal des livraisons d’un webhook: status, attempts, last answer, next attempt, and a replay button. */
export function WebhookDeliveriesPage() {
  const { clientId = "", id = "" } = useParams();
  const client = useApi();
  const owner = useMachineClient(client, clientId);
  const [webhook, setWebhook] = useState<Webhook | null>(null);
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  usePageTitle("Livraisons du webhook");

  const load = useCallback(async () => {
    try {
      setItems(await partnersApi.deliveries(client, id));
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }, [client, id]);

  useEffect(() => {
    void load();
    partnersApi.webhooks(client, clientId).then((list) => setWebhook(list.find((w) => w.id === id) ?? null)).catch(() => undefined);
  }, [load, client, clientId, id]);

  const replay = async (d: Delivery) => {
    setBusy(d.id);
    setNotice("");
    setError(null);
    try {
      await partnersApi.replayDelivery(client, d.id);
      setNotice(`La livraison « ${eventLabel(d.event)} » sera renvoyée.`);
      await load();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Livraisons" homeLinkProps={{ to: "/" }} segments={[
        { label: "Clients API", linkProps: { to: "/clients-api" } },
        { label: `Webhooks — ${owner?.name || "client API"}`, linkProps: { to: `/clients-api/${clientId}/webhooks` } },
      ]} />
      <div className="maillage-page-head fr-mb-3w">
        <div>
          <h1 className="fr-mb-1w">Livraisons du webhook</h1>
          {webhook && <p className="fr-mb-0"><code>{webhook.url}</code></p>}
        </div>
        <Button type="button" priority="secondary" iconId="fr-icon-refresh-line" onClick={() => { setNotice(""); void load(); }}>Actualiser</Button>
      </div>
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      <ApiErrorAlert error={error} />
      {!items && !error && <Loading label="Chargement des livraisons…" />}
      {items && items.length === 0 && <p>Aucune livraison pour cet abonnement.</p>}
      {items && items.length > 0 && (
        <div className="fr-table fr-table--sm fr-table--multiline">
          <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
            <table>
              <caption>{`Livraisons, les plus récentes d’abord (${items.length})`}</caption>
              <thead>
                <tr>
                  <th scope="col">Événement</th><th scope="col">Statut</th><th scope="col">Tentatives</th><th scope="col">Dernière réponse</th>
                  <th scope="col">Prochain essai</th><th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => {
                  const status = DELIVERY_STATUS[d.status];
                  return (
                    <tr key={d.id}>
                      <th scope="row">
                        {eventLabel(d.event)}
                        <span className="maillage-block fr-text--xs fr-mb-0">{`${d.replay_of ? "Rejeu créé" : "Créée"} le ${formatDateTime(d.created_at)}`}</span>
                        {d.object_id && <code className="maillage-block fr-text--xs fr-mb-0">{d.object_id}</code>}
                      </th>
                      <td>
                        <Badge as="span" small severity={status.severity}>{status.label}</Badge>
                        {d.delivered_at && <span className="maillage-block fr-text--xs fr-mb-0">{`Livrée le ${formatDateTime(d.delivered_at)}`}</span>}
                      </td>
                      <td>{d.attempts}</td>
                      <td>
                        {d.last_status_code !== null ? `HTTP ${d.last_status_code}` : "—"}
                        {d.last_error && <span className="maillage-block fr-text--xs fr-mb-0">{d.last_error}</span>}
                      </td>
                      <td>{d.status === "pending" || d.status === "failed" ? formatDateTime(d.next_attempt_at) : "—"}</td>
                      <td>
                        <Button type="button" size="small" priority="secondary" disabled={busy === d.id} title={`Rejouer la livraison « ${eventLabel(d.event)} » du ${formatDateTime(d.created_at)}`}
                          onClick={() => void replay(d)}>Rejouer</Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div></div></div>
        </div>
      )}
    </div>
  );
}

import { useCallback, useEffect, useReducer, useState } from "react";
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { partnersApi, type ApiClientBody, type ApiClientUpdate, type LocalPartner, type MachineClient, type Operator } from "../api/partners";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { ApiClientForm } from "../components/partners/ApiClientForm";
import "../components/partners/partners.css";
import { SecretReveal } from "../components/partners/SecretReveal";
import { useDepartementParam } from "../components/partners/useDepartementParam";
import { departementChoices } from "../components/territory";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel } from "../components/useReferenceData";
import { CLIENT_STATUS, partnerKey, scopeLabel, today } from "../partners/labels";
import { partnerOptions } from "../partners/permanenceForm";
import { NO_SECRET, secretReducer } from "../partners/secretOnce";
import { formatDate, formatDateTime } from "../registry/labels";

function validity(c: MachineClient): string {
  if (c.valid_from && c.valid_to) return `Du ${formatDate(c.valid_from)} au ${formatDate(c.valid_to)}`;
  if (c.valid_from) return `Depuis le ${formatDate(c.valid_from)}`;
  return c.valid_to ? `Jusqu’au ${formatDate(c.valid_to)}` : "Sans limite";
}

/** Clients API: partner software with client credentials (ADR 0008); secrets are shown once, on creation and rotation. */
export function ApiClientsPage() {
  usePageTitle("Clients API");
  const client = useApi();
  const me = useCurrentUser();
  const { departement, refs, picker } = useDepartementParam();
  const [items, setItems] = useState<MachineClient[] | null>(null);
  const [orgs, setOrgs] = useState<{ operators: Operator[]; locals: LocalPartner[] }>({ operators: [], locals: [] });
  const [error, setError] = useState<ApiError | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<MachineClient | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);
  const [secret, dispatch] = useReducer(secretReducer, NO_SECRET);
  const at = today();

  const load = useCallback(async () => {
    if (!departement) return;
    try {
      setItems((await partnersApi.apiClients(client, departement)).sort((a, b) => a.name.localeCompare(b.name, "fr")));
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }, [client, departement]);

  useEffect(() => {
    setItems(null);
    void load();
  }, [load]);

  useEffect(() => {
    if (!departement) return;
    Promise.all([partnersApi.operators(client, at), partnersApi.localPartners(client, departement)])
      .then(([o, locals]) => setOrgs({ operators: o.items, locals }))
      .catch(() => undefined);
  }, [client, departement, at]);

  const organisations = partnerOptions(orgs.operators, orgs.locals, me);
  const orgName = (c: MachineClient) => organisations.find((o) => o.key === partnerKey(c.organisation_kind, c.organisation_id))?.label || c.organisation_id;

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice("");
    try {
      await action();
      setConfirming(null);
      await load();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const create = async (body: ApiClientBody) => {
    setBusy(true);
    setFormError(null);
    try {
      const created = await partnersApi.createApiClient(client, body);
      dispatch({ type: "reveal", subject: `du client « ${created.item.name || body.name} »`, clientId: created.item.client_id, secret: created.secret });
      setCreating(false);
      setNotice("Le client API a été créé.");
      await load();
    } catch (err) {
      setFormError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const update = async (c: MachineClient, body: ApiClientUpdate) => {
    setBusy(true);
    setFormError(null);
    try {
      await partnersApi.updateApiClient(client, c, body);
      setEditing(null);
      setNotice(`Le client « ${body.name || c.name} » a été modifié.`);
      await load();
    } catch (err) {
      setFormError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const startEdit = (c: MachineClient) => {
    setFormError(null);
    setNotice("");
    setCreating(false);
    setEditing(c);
  };

  const rotate = (c: MachineClient) => act(async () => {
    const r = await partnersApi.rotateSecret(client, c);
    dispatch({ type: "reveal", subject: `du client « ${c.name} »`, clientId: c.client_id, secret: r.secret, previousExpiresAt: r.expires_old_at });
    setNotice(`Un nouveau secret a été généré pour « ${c.name} ».`);
  });

  const revoke = (c: MachineClient) => act(async () => {
    await partnersApi.revokeApiClient(client, c);
    setNotice(`Le client « ${c.name} » a été révoqué : ses jetons et secrets sont refusés.`);
  });

  return (
    <div className="fr-my-4w">
      <div className="maillage-page-head fr-mb-3w">
        <h1 className="fr-mb-0">Clients API</h1>
        {!creating && (
          <Button iconId="fr-icon-add-line" onClick={() => { setFormError(null); setNotice(""); setEditing(null); setCreating(true); }}>Créer un client API</Button>
        )}
      </div>
      <p>
        Les logiciels des partenaires obtiennent un jeton d’accès (OAuth2, client credentials) avec leur identifiant et leur secret,
        limité à leurs départements et à leurs droits.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters"><div className="fr-col-12 fr-col-md-4">{picker}</div></div>
      <SecretReveal state={secret} dispatch={dispatch} secretLabel="Secret du client" />
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      <ApiErrorAlert error={error} />
      {(creating || editing) && (
        <ApiClientForm key={editing?.id ?? "new"} organisations={organisations} initialDepartement={departement} editing={editing} error={formError} busy={busy}
          departements={departementChoices(me, refs).map((code) => ({ code, label: departementLabel(code, refs) }))}
          onSubmit={(body) => void create(body)} onUpdate={(c, body) => void update(c, body)}
          onCancel={() => { setCreating(false); setEditing(null); setFormError(null); }} />
      )}
      {departement && !items && !error && <Loading label="Chargement des clients API…" />}
      {items && items.length === 0 && <p>{`Aucun client API pour ${departementLabel(departement, refs)}.`}</p>}
      {items && items.length > 0 && (
        <div className="fr-table fr-table--sm fr-table--multiline">
          <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
            <table>
              <caption>{`Clients API — ${departementLabel(departement, refs)} (${items.length})`}</caption>
              <thead>
                <tr>
                  <th scope="col">Client</th><th scope="col">Organisation et territoire</th><th scope="col">Droits</th>
                  <th scope="col">Validité</th><th scope="col">Dernière utilisation</th><th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => {
                  const status = CLIENT_STATUS[c.status];
                  return (
                    <tr key={c.id}>
                      <th scope="row">
                        {c.name}
                        <code className="maillage-block fr-text--xs fr-mb-0">{c.client_id}</code>
                        <Badge as="span" small severity={status.severity}>{status.label}</Badge>
                      </th>
                      <td>{orgName(c)}<span className="maillage-block fr-text--xs fr-mb-0">{`Départements : ${c.departements.join(", ") || "—"}`}</span></td>
                      <td><ul className="maillage-week-issues fr-text--sm">{c.scopes.map((s) => <li key={s}>{scopeLabel(s)}</li>)}</ul></td>
                      <td>{validity(c)}{c.revoked_at && <span className="maillage-block fr-text--xs fr-mb-0">{`Révoqué le ${formatDateTime(c.revoked_at)}`}</span>}</td>
                      <td>
                        {c.last_used_at ? formatDateTime(c.last_used_at) : "Jamais"}
                        {c.secrets.length > 1 && <span className="maillage-block fr-text--xs fr-mb-0">{`${c.secrets.length} secrets valides (rotation en cours)`}</span>}
                      </td>
                      <td>
                        <ul className="fr-btns-group fr-btns-group--sm fr-mb-0">
                          <li><Button size="small" priority="secondary" linkProps={{ to: `/clients-api/${c.id}/webhooks`, title: `Webhooks de ${c.name}` }}>Webhooks</Button></li>
                          {!c.revoked_at && (
                            <>
                              <li><Button type="button" size="small" priority="secondary" title={`Modifier ${c.name}`} onClick={() => startEdit(c)}>Modifier</Button></li>
                              <li><Button type="button" size="small" priority="secondary" disabled={busy} title={`Générer un nouveau secret pour ${c.name}`}
                                onClick={() => void rotate(c)}>Nouveau secret</Button></li>
                              <li>
                                {confirming === c.id ? (
                                  <Button type="button" size="small" disabled={busy} title={`Confirmer la révocation de ${c.name}`} onClick={() => void revoke(c)}>Confirmer la révocation</Button>
                                ) : (
                                  <Button type="button" size="small" priority="tertiary" title={`Révoquer ${c.name}`} onClick={() => setConfirming(c.id)}>Révoquer</Button>
                                )}
                              </li>
                            </>
                          )}
                        </ul>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div></div></div>
        </div>
      )}
      {confirming && <p className="fr-text--sm" role="status">La révocation est définitive : le logiciel ne pourra plus obtenir de jeton.</p>}
      <p className="fr-text--sm"><Link to="/partenaires">Retour aux partenaires</Link></p>
    </div>
  );
}

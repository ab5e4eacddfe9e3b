import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { partnersApi, type LocalPartner, type LocalPartnerBody, type Operator, type Referent } from "../api/partners";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { LocalPartnerForm } from "../components/partners/LocalPartnerForm";
import { OperatorsAdmin } from "../components/partners/OperatorsAdmin";
import { useDepartementParam } from "../components/partners/useDepartementParam";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel } from "../components/useReferenceData";
import { canManageOperators, canReadCoverage, canWriteLocalPartners } from "../partners/access";
import { isValidAt, localPartnerTypeLabel, partnerHref, partnerKey, today } from "../partners/labels";
import { formatDate } from "../registry/labels";
import { useListEditor } from "../components/useListEditor";

type Directory = { operators: Operator[]; all: Operator[]; locals: LocalPartner[]; referents: Referent[] };

/** Number of referents valid today per partner key. */
function referentCounts(referents: Referent[], at: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of referents) {
    if (!isValidAt(r.valid_from, r.valid_to, at)) continue;
    const key = partnerKey(r.partner_kind, r.partner_id);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

/** Annuaire des partenaires: the operators of the socle today and the département's local partners. */
export function PartnersPage() {
  usePageTitle("Partenaires");
  const client = useApi();
  const me = useCurrentUser();
  const { departement, refs, picker } = useDepartementParam();
  const [data, setData] = useState<Directory | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const at = today();
  const writable = canWriteLocalPartners(me.role);

  const load = useCallback(async () => {
    if (!departement) return;
    try {
      const [operators, locals, referents] = await Promise.all([
        partnersApi.operators(client, at), partnersApi.localPartners(client, departement), partnersApi.referents(client, departement),
      ]);
      setData({ operators: operators.items.filter((o) => o.in_socle), all: operators.items, locals, referents });
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }, [client, departement, at]);

  useEffect(() => {
    setData(null);
    setEditing(null);
    void load();
  }, [load]);

  const counts = useMemo(() => referentCounts(data?.referents ?? [], at), [data, at]);

  const { editing, setEditing, confirming, setConfirming, error: formError, setError: setFormError, notice, setNotice, busy, run } =
    useListEditor<LocalPartner>(load);

  const save = (body: LocalPartnerBody) => editing === "new"
    ? run(() => partnersApi.createLocalPartner(client, departement, body), "Le partenaire local a été ajouté.")
    : editing && run(() => partnersApi.updateLocalPartner(client, editing, body), "Le partenaire local a été modifié.");

  const count = (key: string) => {
    const n = counts.get(key) ?? 0;
    return n === 0 ? "Aucun référent" : plural(n, "référent");
  };

  return (
    <div className="fr-my-4w">
      <div className="maillage-page-head fr-mb-3w">
        <h1 className="fr-mb-0">Partenaires</h1>
        {canReadCoverage(me.role) && (
          <Button priority="secondary" iconId="fr-icon-table-line" linkProps={{ to: `/partenaires/couverture${departement ? `?departement=${departement}` : ""}` }}>
            Couverture du socle
          </Button>
        )}
      </div>
      <p>Les opérateurs nationaux du socle France services et les partenaires locaux du département, avec leurs référents et leurs permanences.</p>
      <div className="fr-grid-row fr-grid-row--gutters"><div className="fr-col-12 fr-col-md-4">{picker}</div></div>
      <ApiErrorAlert error={error} />
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      {!departement && refs && <p>Aucun département dans votre territoire.</p>}
      {departement && !data && !error && <Loading label="Chargement des partenaires…" />}
      {data && (
        <>
          <h2 className="fr-h4 fr-mt-3w">{`Opérateurs nationaux du socle au ${formatDate(at)}`}</h2>
          <div className="fr-table fr-table--sm fr-table--multiline">
            <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
              <table>
                <caption>{`${plural(data.operators.length, "opérateur")} du socle — ${departementLabel(departement, refs)}`}</caption>
                <thead><tr><th scope="col">Opérateur</th><th scope="col">Dans le socle depuis</th><th scope="col">Référents en fonction</th></tr></thead>
                <tbody>
                  {data.operators.map((o) => (
                    <tr key={o.code}>
                      <th scope="row"><Link to={partnerHref("operator", o.code, departement)}>{o.name}</Link></th>
                      <td>{formatDate(o.socle_from)}</td>
                      <td>{count(partnerKey("operator", o.code))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div></div></div>
          </div>

          {canManageOperators(me.role) && (
            <OperatorsAdmin operators={data.all} onSaved={async (message) => { setNotice(message); await load(); }} />
          )}

          <h2 className="fr-h4 fr-mt-3w">Partenaires locaux</h2>
          {data.locals.length === 0 ? <p>Aucun partenaire local n’est enregistré pour ce département.</p> : (
            <div className="fr-table fr-table--sm fr-table--multiline">
              <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
                <table>
                  <caption>{data.locals.length > 1 ? `${data.locals.length} partenaires locaux` : "1 partenaire local"}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Partenaire</th><th scope="col">Type</th><th scope="col">Contact</th><th scope="col">Référents en fonction</th>
                      {writable && <th scope="col">Actions</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {[...data.locals].sort((a, b) => a.name.localeCompare(b.name, "fr")).map((p) => (
                      <tr key={p.id}>
                        <th scope="row"><Link to={partnerHref("local", p.id, departement)}>{p.name}</Link></th>
                        <td>{localPartnerTypeLabel(p.type, p.type_label)}</td>
                        <td>
                          {[p.contact_email, p.phone].filter(Boolean).map((c) => <span key={c} className="maillage-block">{c}</span>)}
                          {p.website && <a className="fr-link fr-text--sm" href={p.website} target="_blank" rel="noreferrer" title={`Site de ${p.name} (nouvelle fenêtre)`}>Site internet</a>}
                          {!p.contact_email && !p.phone && !p.website && "—"}
                        </td>
                        <td>{count(partnerKey("local", p.id))}</td>
                        {writable && (
                          <td>
                            <ul className="fr-btns-group fr-btns-group--sm fr-mb-0">
                              <li><Button type="button" size="small" priority="secondary" title={`Modifier ${p.name}`}
                                onClick={() => { setFormError(null); setNotice(""); setEditing(p); }}>Modifier</Button></li>
                              <li>
                                {confirming === p.id ? (
                                  <Button type="button" size="small" disabled={busy} title={`Confirmer la suppression de ${p.name}`}
                                    onClick={() => void run(() => partnersApi.deleteLocalPartner(client, p), "Le partenaire local a été supprimé.")}>Confirmer la suppression</Button>
                                ) : (
                                  <Button type="button" size="small" priority="tertiary" title={`Supprimer ${p.name}`} onClick={() => setConfirming(p.id)}>Supprimer</Button>
                                )}
                              </li>
                            </ul>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div></div></div>
            </div>
          )}
          {!editing && <ApiErrorAlert error={formError} />}
          {writable && !editing && (
            <Button type="button" iconId="fr-icon-add-line" onClick={() => { setFormError(null); setNotice(""); setEditing("new"); }}>
              Ajouter un partenaire local
            </Button>
          )}
          {editing && (
            <LocalPartnerForm key={editing === "new" ? "new" : editing.id} partner={editing === "new" ? null : editing}
              error={formError} busy={busy} onSubmit={(body) => void save(body)} onCancel={() => { setEditing(null); setFormError(null); }} />
          )}
        </>
      )}
    </div>
  );
}

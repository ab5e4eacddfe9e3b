import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { partnersApi, type PartnerKind, type Referent, type ReferentBody } from "../../api/partners";
import { useApi } from "../../auth/AuthContext";
import { isValidAt, today } from "../../partners/labels";
import { formatDate } from "../../registry/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";
import { ReferentForm } from "./ReferentForm";
import { useListEditor } from "../useListEditor";

type Props = {
  partner: { kind: PartnerKind; id: string; name: string };
  departement: string;
  referents: Referent[];
  structures: Map<string, string>;
  editable: boolean;
  onChanged: () => Promise<void>;
};

function validity(r: Referent): string {
  if (r.valid_from && r.valid_to) return `Du ${formatDate(r.valid_from)} au ${formatDate(r.valid_to)}`;
  if (r.valid_from) return `Depuis le ${formatDate(r.valid_from)}`;
  if (r.valid_to) return `Jusqu’au ${formatDate(r.valid_to)}`;
  return "Sans limite";
}

/** Les référents d’un partenaire dans le département: list, add, edit, remove (with a confirmation step). */
export function ReferentsSection({ partner, departement, referents, structures, editable, onChanged }: Props) {
  const client = useApi();
  const at = today();
  const options = [...structures].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "fr"));

  const { editing, setEditing, confirming, setConfirming, error, setError, notice, setNotice, busy, run } =
    useListEditor<Referent>(onChanged);

  const save = (body: ReferentBody) => editing === "new"
    ? run(() => partnersApi.createReferent(client, departement, body), "Le référent a été ajouté.")
    : editing && run(() => partnersApi.updateReferent(client, editing, body), "Le référent a été modifié.");

  return (
    <section aria-labelledby="referents-title" className="fr-mb-5w">
      <h2 id="referents-title" className="fr-h4">Référents</h2>
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      {!editing && <ApiErrorAlert error={error} />}
      {referents.length === 0 ? <p>{`Aucun référent de ${partner.name} n’est enregistré dans ce département.`}</p> : (
        <div className="fr-table fr-table--sm fr-table--multiline">
          <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
            <table>
              <caption>{`Référents de ${partner.name} (${referents.length})`}</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th><th scope="col">Contact</th><th scope="col">Périmètre</th><th scope="col">Validité</th>
                  {editable && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {referents.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}{r.function && <span className="maillage-block fr-text--xs fr-mb-0">{r.function}</span>}</th>
                    <td>{[r.email, r.phone].filter(Boolean).map((c) => <span key={c} className="maillage-block">{c}</span>)}{!r.email && !r.phone && "—"}</td>
                    <td>{r.structure_id ? structures.get(r.structure_id) ?? "Une structure" : "Tout le département"}</td>
                    <td>
                      {validity(r)}
                      {!isValidAt(r.valid_from, r.valid_to, at) && <span className="maillage-block"><Badge as="span" small severity="warning">Hors période de validité</Badge></span>}
                    </td>
                    {editable && (
                      <td>
                        <ul className="fr-btns-group fr-btns-group--sm fr-mb-0">
                          <li><Button type="button" size="small" priority="secondary" title={`Modifier le référent ${r.name}`}
                            onClick={() => { setError(null); setNotice(""); setEditing(r); }}>Modifier</Button></li>
                          <li>
                            {confirming === r.id ? (
                              <Button type="button" size="small" disabled={busy} title={`Confirmer le retrait du référent ${r.name}`}
                                onClick={() => void run(() => partnersApi.deleteReferent(client, r), "Le référent a été retiré.")}>Confirmer le retrait</Button>
                            ) : (
                              <Button type="button" size="small" priority="tertiary" title={`Retirer le référent ${r.name}`} onClick={() => setConfirming(r.id)}>Retirer</Button>
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
      {editable && !editing && (
        <Button type="button" iconId="fr-icon-user-add-line" onClick={() => { setError(null); setNotice(""); setEditing("new"); }}>Ajouter un référent</Button>
      )}
      {editing && (
        <ReferentForm key={editing === "new" ? "new" : editing.id} partner={partner} referent={editing === "new" ? null : editing}
          structures={options} error={error} busy={busy} onSubmit={(body) => void save(body)} onCancel={() => { setEditing(null); setError(null); }} />
      )}
    </section>
  );
}

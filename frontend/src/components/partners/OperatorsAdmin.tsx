import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { partnersApi, type Operator } from "../../api/partners";
import { ApiError, toApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import { createOperatorBody, updateOperatorBody, type OperatorDraft } from "../../partners/operatorForm";
import { formatDate } from "../../registry/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";
import { OperatorForm } from "./OperatorForm";

type Props = {
  /** Every operator, in the socle today or not. */
  operators: Operator[];
  /** After a write: the directory is read again. */
  onSaved: (notice: string) => Promise<void> | void;
};

const period = (o: Operator) => {
  if (!o.socle_from) return "Hors socle";
  return o.socle_to ? `Du ${formatDate(o.socle_from)} au ${formatDate(o.socle_to)}` : `Depuis le ${formatDate(o.socle_from)}`;
};

/** Administration des opérateurs nationaux (admin only): every operator, add one, edit one (dated names). */
export function OperatorsAdmin({ operators, onSaved }: Props) {
  const client = useApi();
  const [editing, setEditing] = useState<Operator | "new" | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (draft: OperatorDraft) => {
    if (!editing) return;
    setBusy(true);
    setError(null);
    try {
      if (editing === "new") await partnersApi.createOperator(client, createOperatorBody(draft));
      else await partnersApi.updateOperator(client, editing, updateOperatorBody(editing, draft));
      const notice = editing === "new" ? "L’opérateur a été ajouté." : "L’opérateur a été modifié.";
      setEditing(null);
      await onSaved(notice);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const start = (o: Operator | "new") => {
    setError(null);
    setEditing(o);
  };

  return (
    <section className="fr-mt-3w" aria-labelledby="operators-admin-title">
      <h2 id="operators-admin-title" className="fr-h4">Administration des opérateurs nationaux</h2>
      <div className="fr-table fr-table--sm fr-table--multiline">
        <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
          <table>
            <caption>Tous les opérateurs nationaux</caption>
            <thead><tr><th scope="col">Opérateur</th><th scope="col">Code</th><th scope="col">Période dans le socle</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              {operators.map((o) => (
                <tr key={o.code}>
                  <th scope="row">
                    {o.name}
                    {o.names.length > 1 && <span className="maillage-block fr-text--xs fr-mb-0">{`Noms précédents : ${o.names.filter((n) => n.name !== o.name).map((n) => n.name).join(", ")}`}</span>}
                  </th>
                  <td>{o.code}</td>
                  <td>{period(o)}</td>
                  <td><Button type="button" size="small" priority="secondary" title={`Modifier ${o.name}`} onClick={() => start(o)}>Modifier</Button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div></div></div>
      </div>
      {!editing && <ApiErrorAlert error={error} />}
      {!editing && <Button type="button" iconId="fr-icon-add-line" onClick={() => start("new")}>Ajouter un opérateur</Button>}
      {editing && (
        <OperatorForm key={editing === "new" ? "new" : editing.code} operator={editing === "new" ? null : editing} error={error} busy={busy}
          onSubmit={(d) => void save(d)} onCancel={() => { setEditing(null); setError(null); }} />
      )}
    </section>
  );
}

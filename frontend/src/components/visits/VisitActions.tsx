import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../../api/client";
import { ApiError, toApiError } from "../../api/problem";
import { toAction, toFinding, type Action, type Finding } from "../../api/visits";
import { useApi } from "../../auth/AuthContext";
import { OWNER_TYPES, addDays, isoDate, validateAction, type ActionDraft, type OwnerType } from "../../visits/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";
import { ActionsTable } from "./ActionsTable";

const FIELDS = ["description", "owner_type", "owner_label", "due_date", "finding_id"];

/** Actions of a visit: list and creation (client checks, then the server's messages on the same fields). */
export function VisitActions({ visitId, visitDay, editable, onChange }: { visitId: string; visitDay: string; editable: boolean; onChange: () => void }) {
  const client = useApi();
  const [actions, setActions] = useState<Action[] | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [draft, setDraft] = useState<ActionDraft & { finding_id: string }>({
    description: "", owner_type: "structure", owner_label: "", due_date: addDays(isoDate(new Date()), 30), finding_id: "",
  });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [a, f] = await Promise.all([
        unwrap(client.api.GET("/visits/{id}/actions", { params: { path: { id: visitId } } })),
        unwrap(client.api.GET("/visits/{id}/findings", { params: { path: { id: visitId } } })),
      ]);
      setActions((a.items ?? []).map(toAction));
      setFindings((f.items ?? []).map(toFinding));
    } catch (err) {
      setError(toApiError(err));
    }
  }, [client, visitId]);

  useEffect(() => {
    void load();
  }, [load]);

  const message = (field: string) => local[field] ?? error?.fieldError(field);
  const stateOf = (field: string) => {
    const m = message(field);
    return m ? { state: "error" as const, stateRelatedMessage: m } : {};
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const problems = validateAction(draft, visitDay);
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(client.api.POST("/visits/{id}/actions", {
        params: { path: { id: visitId } },
        body: {
          description: draft.description.trim(),
          owner_type: draft.owner_type as OwnerType,
          owner_label: draft.owner_label.trim(),
          due_date: draft.due_date,
          ...(draft.finding_id ? { finding_id: draft.finding_id } : {}),
        },
      }));
      setDraft({ ...draft, description: "", owner_label: "", finding_id: "" });
      setNotice("L’action est ajoutée.");
      await load();
      onChange();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="fr-mb-5w" aria-labelledby="actions-title">
      <h2 id="actions-title" className="fr-h4">Actions</h2>
      {actions === null && !error && <p role="status">Chargement des actions…</p>}
      {actions && actions.length === 0 && <p>Aucune action.</p>}
      {actions && actions.length > 0 && <ActionsTable actions={actions} caption="Actions décidées lors de la visite" />}
      {notice && <p role="status" className="fr-valid-text">{notice}</p>}
      <ApiErrorAlert error={error} shownFields={FIELDS} />
      {editable && (
        <form onSubmit={submit} noValidate className="fr-p-3w maillage-box">
          <h3 className="fr-h6">Ajouter une action</h3>
          <Input label="Action à mener" textArea {...stateOf("description")}
            nativeTextAreaProps={{ name: "action_description", rows: 2, maxLength: 2000, value: draft.description, onChange: (e) => setDraft({ ...draft, description: e.target.value }) }} />
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <Select label="Porteur" {...stateOf("owner_type")}
                nativeSelectProps={{ name: "action_owner_type", value: draft.owner_type, onChange: (e) => setDraft({ ...draft, owner_type: e.target.value }) }}>
                {(Object.keys(OWNER_TYPES) as OwnerType[]).map((o) => <option key={o} value={o}>{OWNER_TYPES[o]}</option>)}
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Nom du porteur (facultatif)" hintText="Par exemple : CAF de la Haute-Saône." {...stateOf("owner_label")}
                nativeInputProps={{ name: "action_owner_label", maxLength: 200, value: draft.owner_label, onChange: (e) => setDraft({ ...draft, owner_label: e.target.value }) }} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Échéance" {...stateOf("due_date")}
                nativeInputProps={{ name: "action_due_date", type: "date", value: draft.due_date, onChange: (e) => setDraft({ ...draft, due_date: e.target.value }) }} />
            </div>
          </div>
          {findings.length > 0 && (
            <Select label="Constat lié (facultatif)" {...stateOf("finding_id")}
              nativeSelectProps={{ name: "action_finding_id", value: draft.finding_id, onChange: (e) => setDraft({ ...draft, finding_id: e.target.value }) }}>
              <option value="">Aucun</option>
              {findings.map((f) => <option key={f.id} value={f.id}>{f.description.slice(0, 80)}</option>)}
            </Select>
          )}
          <Button type="submit" priority="secondary" disabled={busy}>Ajouter l’action</Button>
        </form>
      )}
    </section>
  );
}

import { useState, type FormEvent } from "react";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { createRegionTarget, createTarget, deleteTarget, patchTarget, type Target, type TargetProgress } from "../../api/labelling";
import { ApiError, toApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import { TARGET_FORMATS, formatText } from "../../labelling/labels";
import { EMPTY_TARGET, gapText, targetBody, targetForm, targetTitle, validateTarget, type TargetFormValues } from "../../labelling/targets";
import { formatDate } from "../../registry/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";

type Props = {
  departement: string;
  /** When set, the région's targets (the département is then ignored). */
  region?: string;
  targets: Target[];
  progress: TargetProgress[];
  /** Cantons without a labelled structure (for the targets asking for every canton). */
  uncovered: number;
  editable: boolean;
  /** After a write: the targets and the progress are read again. */
  onChange: (notice: string) => Promise<void> | void;
};

const FIELDS = ["label", "due_date", "count", "format", "every_canton"];

/** Objectifs du département: table with their progress; create, edit (PATCH with If-Match), delete. */
export function TargetsEditor({ departement, region, targets, progress, uncovered, editable, onChange }: Props) {
  const client = useApi();
  const [editing, setEditing] = useState<Target | "new" | null>(null);
  const [values, setValues] = useState<TargetFormValues>(EMPTY_TARGET);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const area = region ? "de la région" : "du département";
  const progressOf = (t: Target) => progress.find((p) => p.target.id === t.id);
  const start = (t: Target | "new") => {
    setEditing(t);
    setValues(targetForm(t === "new" ? null : t));
    setLocal({});
    setError(null);
  };
  const message = (field: string) => local[field] ?? error?.fieldError(field);
  const stateOf = (field: string) => {
    const m = message(field);
    return m ? { state: "error" as const, stateRelatedMessage: m } : {};
  };

  async function run(action: () => Promise<unknown>, notice: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      setEditing(null);
      await onChange(notice);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = validateTarget(values);
    setLocal(problems);
    if (Object.keys(problems).length > 0 || !editing) return;
    const body = targetBody(values);
    const create = () => (region ? createRegionTarget(client, region, body) : createTarget(client, departement, body));
    if (editing === "new") void run(create, "L’objectif a été ajouté.");
    else void run(() => patchTarget(client, editing, body), "L’objectif a été modifié.");
  }

  function remove(t: Target) {
    if (!window.confirm(`Supprimer l’objectif « ${targetTitle(t, formatDate)} » ?`)) return;
    void run(() => deleteTarget(client, t), "L’objectif a été supprimé.");
  }

  return (
    <section className="fr-mb-5w" aria-labelledby="targets-title">
      <h2 id="targets-title" className="fr-h4">Objectifs</h2>
      {!editing && <ApiErrorAlert error={error} />}
      {targets.length === 0 ? <p>Aucun objectif n’est fixé pour {region ? "cette région" : "ce département"}.</p> : (
        <div className="fr-table fr-table--sm maillage-table">
          <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
            <table>
              <caption>Objectifs {area} et écart</caption>
              <thead>
                <tr>
                  <th scope="col">Objectif</th><th scope="col">Échéance</th><th scope="col">Cible</th><th scope="col">Atteint</th>
                  <th scope="col">Écart</th>{editable && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {targets.map((t) => {
                  const p = progressOf(t);
                  const title = targetTitle(t, formatDate);
                  return (
                    <tr key={t.id}>
                      <th scope="row">
                        {title}
                        <span className="maillage-block fr-text--xs fr-mb-0">{formatText(t.format)}{t.every_canton ? " — chaque canton couvert" : ""}</span>
                      </th>
                      <td>{formatDate(t.due_date)}</td>
                      <td>{t.count}</td>
                      <td>{p ? p.achieved : "—"}</td>
                      <td>{p ? <Badge as="span" small severity={p.met ? "success" : "warning"}>{gapText(p, uncovered)}</Badge> : "—"}</td>
                      {editable && (
                        <td>
                          <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline-sm fr-mb-0">
                            <li><Button type="button" size="small" priority="secondary" onClick={() => start(t)}>Modifier<span className="fr-sr-only"> {title}</span></Button></li>
                            <li><Button type="button" size="small" priority="tertiary" disabled={busy} onClick={() => remove(t)}>Supprimer<span className="fr-sr-only"> {title}</span></Button></li>
                          </ul>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div></div></div>
        </div>
      )}
      {editable && !editing && <Button type="button" iconId="fr-icon-add-line" onClick={() => start("new")}>Ajouter un objectif</Button>}
      {editing && (
        <form className="maillage-box fr-p-3w fr-mt-3w" onSubmit={submit} noValidate aria-labelledby="target-form-title">
          <h3 id="target-form-title" className="fr-h6">{editing === "new" ? "Nouvel objectif" : "Modifier l’objectif"}</h3>
          <ApiErrorAlert error={error} shownFields={FIELDS} />
          <Input label="Intitulé (facultatif)" hintText="Par exemple : « Objectif préfectoral 2026 »." {...stateOf("label")}
            nativeInputProps={{ name: "label", maxLength: 200, value: values.label, onChange: (e) => setValues({ ...values, label: e.target.value }) }} />
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Échéance" {...stateOf("due_date")}
                nativeInputProps={{ name: "due_date", type: "date", value: values.due_date, onChange: (e) => setValues({ ...values, due_date: e.target.value }) }} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Nombre de structures labellisées" {...stateOf("count")}
                nativeInputProps={{ name: "count", type: "number", min: 0, step: 1, value: values.count, onChange: (e) => setValues({ ...values, count: e.target.value }) }} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Select label="Format" {...stateOf("format")}
                nativeSelectProps={{ name: "format", value: values.format, onChange: (e) => setValues({ ...values, format: e.target.value }) }}>
                <option value="">Tous formats</option>
                {TARGET_FORMATS.map((f) => <option key={f} value={f}>{formatText(f)}</option>)}
              </Select>
            </div>
          </div>
          <Checkbox options={[{ label: "Chaque canton couvert", hintText: "L’objectif demande aussi au moins une structure labellisée par canton.",
            nativeInputProps: { name: "every_canton", checked: values.every_canton, onChange: (e) => setValues({ ...values, every_canton: e.target.checked }) } }]} />
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li><Button type="submit" disabled={busy}>Enregistrer l’objectif</Button></li>
            <li><Button type="button" priority="secondary" onClick={() => { setEditing(null); setError(null); }}>Annuler</Button></li>
          </ul>
        </form>
      )}
    </section>
  );
}

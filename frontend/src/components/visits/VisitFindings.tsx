import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../../api/client";
import { ApiError, toApiError } from "../../api/problem";
import { toFinding, type Finding } from "../../api/visits";
import { useApi, useCurrentUser } from "../../auth/AuthContext";
import { SEVERITIES, canRequestWatch, label, type Severity } from "../../visits/labels";
import { ApiErrorAlert, fieldState } from "../ApiErrorAlert";

const SEVERITY_BADGE: Record<string, "info" | "warning" | "error" | undefined> = {
  observation: undefined, mineure: "info", majeure: "warning", critique: "error",
};

/** Constats of a visit: list and creation (a serious one may ask for the structure to be put under watch). */
export function VisitFindings({ visitId, editable, onChange }: { visitId: string; editable: boolean; onChange: () => void }) {
  const client = useApi();
  const me = useCurrentUser();
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [description, setDescription] = useState("");
  const [severity, setSeverity] = useState<Severity>("observation");
  const [watch, setWatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const page = await unwrap(client.api.GET("/visits/{id}/findings", { params: { path: { id: visitId } } }));
      setFindings((page.items ?? []).map(toFinding));
    } catch (err) {
      setError(toApiError(err));
    }
  }, [client, visitId]);

  useEffect(() => {
    void load();
  }, [load]);

  const watchAllowed = canRequestWatch(me.role) && (severity === "majeure" || severity === "critique");

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await unwrap(client.api.POST("/visits/{id}/findings", {
        params: { path: { id: visitId } },
        body: { description, severity, watch_requested: watchAllowed && watch },
      }));
      setDescription("");
      setSeverity("observation");
      setWatch(false);
      setNotice("Le constat est ajouté.");
      await load();
      onChange();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="fr-mb-5w" aria-labelledby="findings-title">
      <h2 id="findings-title" className="fr-h4">Constats</h2>
      {findings === null && !error && <p role="status">Chargement des constats…</p>}
      {findings && findings.length === 0 && <p>Aucun constat.</p>}
      {findings && findings.length > 0 && (
        <ul>
          {findings.map((f) => (
            <li key={f.id} className="fr-mb-1w">
              <Badge as="span" small noIcon severity={SEVERITY_BADGE[f.severity]}>{label(SEVERITIES, f.severity)}</Badge>{" "}
              {f.description}
              {f.watch_requested && <> <Badge as="span" small noIcon severity="error">Mise sous surveillance demandée</Badge></>}
            </li>
          ))}
        </ul>
      )}
      {notice && <p role="status" className="fr-valid-text">{notice}</p>}
      <ApiErrorAlert error={error} shownFields={["description", "severity", "watch_requested"]} />
      {editable && (
        <form onSubmit={submit} noValidate className="fr-p-3w maillage-box">
          <h3 className="fr-h6">Ajouter un constat</h3>
          <Input label="Description du constat" textArea {...fieldState(error, "description")}
            nativeTextAreaProps={{ name: "finding_description", rows: 3, maxLength: 4000, value: description, onChange: (e) => setDescription(e.target.value) }} />
          <Select label="Gravité" {...fieldState(error, "severity")}
            nativeSelectProps={{ name: "finding_severity", value: severity, onChange: (e) => setSeverity(e.target.value as Severity) }}>
            {(Object.keys(SEVERITIES) as Severity[]).map((s) => <option key={s} value={s}>{SEVERITIES[s]}</option>)}
          </Select>
          {watchAllowed && (
            <Checkbox {...fieldState(error, "watch_requested")} options={[{
              label: "Demander la mise sous surveillance de la structure",
              hintText: "Pour un constat majeur ou critique ; la décision revient à la labellisation.",
              nativeInputProps: { name: "watch_requested", checked: watch, onChange: (e) => setWatch(e.target.checked) },
            }]} />
          )}
          <Button type="submit" priority="secondary" disabled={busy}>Ajouter le constat</Button>
        </form>
      )}
    </section>
  );
}

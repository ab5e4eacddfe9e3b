import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../../api/client";
import { headerParams } from "../../api/models";
import { ApiError, toApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import {
  AGENT_ROLE_LABELS, etpText, toAgent, TRAINING_KIND_LABELS, type Agent, type AgentRole, type TrainingKind,
} from "../../hours/agents";
import { formatDate } from "../../registry/labels";
import { ApiErrorAlert, fieldState } from "../ApiErrorAlert";
import { Loading } from "../Loading";

type AgentDraft = { name: string; work_email: string; role: AgentRole; etp: string; start_date: string; end_date: string };
type TrainingDraft = { kind: TrainingKind; provider: string; days: string; completed_on: string };
const EMPTY_AGENT: AgentDraft = { name: "", work_email: "", role: "agent", etp: "1", start_date: "", end_date: "" };
const EMPTY_TRAINING: TrainingDraft = { kind: "initial", provider: "CNFPT", days: "", completed_on: "" };
const AGENT_FIELDS = ["name", "work_email", "role", "etp", "start_date", "end_date"] as const;
const TRAINING_FIELDS = ["kind", "provider", "days", "completed_on"] as const;

type Props = { structureId: string; editable: boolean };

/** Onglet Agents: the agents assigned to the structure, their share, dates and trainings (ADR 0006). */
export function AgentsTab({ structureId, editable }: Props) {
  const client = useApi();
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<Agent | "new" | null>(null);
  const [draft, setDraft] = useState<AgentDraft>(EMPTY_AGENT);
  const [training, setTraining] = useState<{ agent: Agent; draft: TrainingDraft } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const list = await unwrap(client.api.GET("/structures/{id}/agents", { params: { path: { id: structureId } } }));
      setAgents((list.items ?? []).map(toAgent).sort((a, b) => a.name.localeCompare(b.name, "fr")));
      setLoadError(null);
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, [client, structureId]);

  useEffect(() => {
    void load();
  }, [load]);

  const assignmentOf = (agent: Agent) => agent.assignments.find((a) => a.structure_id === structureId) ?? agent.assignments[0];

  const startEdit = (agent: Agent | "new") => {
    setTraining(null);
    setError(null);
    setNotice("");
    setEditing(agent);
    if (agent === "new") {
      setDraft(EMPTY_AGENT);
    } else {
      const a = assignmentOf(agent);
      setDraft({ name: agent.name, work_email: agent.work_email, role: agent.role, etp: String(a?.etp ?? 1), start_date: a?.start_date ?? "", end_date: a?.end_date ?? "" });
    }
  };

  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setNotice(message);
      setEditing(null);
      setTraining(null);
      setConfirming(null);
      await load();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const submitAgent = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const etp = Number.parseFloat(draft.etp.replace(",", "."));
    const body = {
      name: draft.name.trim(), work_email: draft.work_email.trim(), role: draft.role,
      ...(Number.isFinite(etp) ? { etp } : {}),
      ...(draft.end_date ? { end_date: draft.end_date } : {}),
    };
    if (editing === "new") {
      void run(() => unwrap(client.api.POST("/structures/{id}/agents", {
        params: { path: { id: structureId } }, body: { ...body, ...(draft.start_date ? { start_date: draft.start_date } : {}) },
      })), "L’agent a été ajouté.");
    } else if (editing) {
      void run(() => unwrap(client.api.PATCH("/agents/{id}", {
        params: { path: { id: editing.id }, header: headerParams({ "If-Match": `"${editing.version}"` }) }, body,
      })), "L’agent a été modifié.");
    }
  };

  const submitTraining = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!training) return;
    const d = training.draft;
    const days = Number.parseFloat(d.days.replace(",", "."));
    void run(() => unwrap(client.api.POST("/agents/{id}/trainings", {
      params: { path: { id: training.agent.id } },
      body: { kind: d.kind, provider: d.provider.trim(), ...(Number.isFinite(days) ? { days } : {}), ...(d.completed_on ? { completed_on: d.completed_on } : {}) },
    })), "La formation a été enregistrée.");
  };

  const remove = (agent: Agent) => run(() => unwrap(client.api.DELETE("/agents/{id}", {
    params: { path: { id: agent.id }, header: headerParams({ "If-Match": `"${agent.version}"` }) },
  })), "L’agent a été retiré.");

  if (loadError) return <ApiErrorAlert error={loadError} />;
  if (!agents) return <Loading />;

  const text = (field: keyof AgentDraft) => ({
    name: field, value: draft[field],
    onChange: (e: { target: { value: string } }) => setDraft((o) => ({ ...o, [field]: e.target.value })),
  });
  const trainingText = (field: keyof TrainingDraft) => ({
    name: field, value: training?.draft[field] ?? "",
    onChange: (e: { target: { value: string } }) => setTraining((o) => (o ? { ...o, draft: { ...o.draft, [field]: e.target.value } } : o)),
  });

  return (
    <>
      <h3 className="fr-h5">Agents de la structure</h3>
      <p className="fr-text--sm">Un agent est formé quand sa formation initiale (CNFPT) est terminée. Chaque modification réévalue la conformité de la structure.</p>
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      {!editing && !training && <ApiErrorAlert error={error} />}
      {agents.length === 0 ? <p>Aucun agent n’est affecté à cette structure.</p> : (
        <div className="fr-table fr-table--sm">
          <div className="fr-table__wrapper"><div className="fr-table__container" tabIndex={0} role="region" aria-label="Agents de la structure"><div className="fr-table__content">
            <table>
              <caption>Agents affectés ({agents.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th><th scope="col">Rôle</th><th scope="col">Affectation</th>
                  <th scope="col">Formation</th>{editable && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {agents.map((agent) => {
                  const a = assignmentOf(agent);
                  return (
                    <tr key={agent.id}>
                      <th scope="row">{agent.name}{agent.work_email && <span className="maillage-block fr-text--xs fr-mb-0">{agent.work_email}</span>}</th>
                      <td>{AGENT_ROLE_LABELS[agent.role]}</td>
                      <td>
                        {a ? <>{etpText(a.etp)}<span className="maillage-block fr-text--xs fr-mb-0">depuis le {formatDate(a.start_date)}{a.end_date ? `, jusqu’au ${formatDate(a.end_date)}` : ""}</span></> : "—"}
                      </td>
                      <td>
                        {agent.trained
                          ? <Badge as="span" small severity="success">Formé</Badge>
                          : <Badge as="span" small severity="warning">Formation initiale non terminée</Badge>}
                        {agent.trainings.length > 0 && (
                          <ul className="maillage-week-issues fr-text--xs fr-mb-0">
                            {agent.trainings.map((t) => (
                              <li key={t.id}>{TRAINING_KIND_LABELS[t.kind]}{t.provider ? ` — ${t.provider}` : ""}{t.days ? `, ${t.days} j` : ""}{t.completed_on ? `, terminée le ${formatDate(t.completed_on)}` : ", en cours"}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                      {editable && (
                        <td>
                          <ul className="fr-btns-group fr-btns-group--sm fr-mb-0">
                            <li><Button type="button" size="small" priority="secondary" title={`Modifier ${agent.name}`} onClick={() => startEdit(agent)}>Modifier</Button></li>
                            <li><Button type="button" size="small" priority="secondary" title={`Ajouter une formation à ${agent.name}`}
                              onClick={() => { setEditing(null); setError(null); setNotice(""); setTraining({ agent, draft: EMPTY_TRAINING }); }}>Ajouter une formation</Button></li>
                            <li>
                              {confirming === agent.id ? (
                                <Button type="button" size="small" title={`Confirmer le retrait de ${agent.name}`} disabled={busy} onClick={() => void remove(agent)}>Confirmer le retrait</Button>
                              ) : (
                                <Button type="button" size="small" priority="tertiary" title={`Retirer ${agent.name}`} onClick={() => setConfirming(agent.id)}>Retirer</Button>
                              )}
                            </li>
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
      {editable && !editing && !training && (
        <Button type="button" iconId="fr-icon-add-line" onClick={() => startEdit("new")}>Ajouter un agent</Button>
      )}
      {editing && (
        <form className="maillage-box fr-p-3w fr-mt-3w" onSubmit={submitAgent} noValidate>
          <h4 className="fr-h6">{editing === "new" ? "Nouvel agent" : `Modifier ${editing.name}`}</h4>
          <ApiErrorAlert error={error} shownFields={AGENT_FIELDS} />
          <Input label="Nom" {...fieldState(error, "name")} nativeInputProps={{ ...text("name"), required: true, autoComplete: "off" }} />
          <Input label="Adresse e-mail professionnelle" {...fieldState(error, "work_email")} nativeInputProps={{ ...text("work_email"), type: "email", autoComplete: "off" }} />
          <Select label="Rôle" {...fieldState(error, "role")} nativeSelectProps={text("role")}>
            {(Object.keys(AGENT_ROLE_LABELS) as AgentRole[]).map((r) => <option key={r} value={r}>{AGENT_ROLE_LABELS[r]}</option>)}
          </Select>
          <Input label="Part d’ETP dans la structure" hintText="Entre 0,01 et 1" {...fieldState(error, "etp")}
            nativeInputProps={{ ...text("etp"), inputMode: "decimal" }} />
          {editing === "new" && (
            <Input label="Début de l’affectation" hintText="Aujourd’hui si vide" {...fieldState(error, "start_date")} nativeInputProps={{ ...text("start_date"), type: "date" }} />
          )}
          <Input label="Fin de l’affectation" hintText="Facultatif" {...fieldState(error, "end_date")} nativeInputProps={{ ...text("end_date"), type: "date" }} />
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li><Button type="submit" disabled={busy}>Enregistrer</Button></li>
            <li><Button type="button" priority="secondary" onClick={() => { setEditing(null); setError(null); }}>Annuler</Button></li>
          </ul>
        </form>
      )}
      {training && (
        <form className="maillage-box fr-p-3w fr-mt-3w" onSubmit={submitTraining} noValidate>
          <h4 className="fr-h6">{`Nouvelle formation de ${training.agent.name}`}</h4>
          <ApiErrorAlert error={error} shownFields={TRAINING_FIELDS} />
          <Select label="Type de formation" {...fieldState(error, "kind")} nativeSelectProps={trainingText("kind")}>
            {(Object.keys(TRAINING_KIND_LABELS) as TrainingKind[]).map((k) => <option key={k} value={k}>{TRAINING_KIND_LABELS[k]}</option>)}
          </Select>
          <Input label="Organisme" {...fieldState(error, "provider")} nativeInputProps={trainingText("provider")} />
          <Input label="Durée (jours)" {...fieldState(error, "days")} nativeInputProps={{ ...trainingText("days"), inputMode: "decimal" }} />
          <Input label="Terminée le" hintText="Vide si la formation est en cours" {...fieldState(error, "completed_on")}
            nativeInputProps={{ ...trainingText("completed_on"), type: "date" }} />
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li><Button type="submit" disabled={busy}>Enregistrer la formation</Button></li>
            <li><Button type="button" priority="secondary" onClick={() => { setTraining(null); setError(null); }}>Annuler</Button></li>
          </ul>
        </form>
      )}
    </>
  );
}

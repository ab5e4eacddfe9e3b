import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { getAudit, putAudit, type Audit, type AuditCriterion } from "../../api/labelling";
import { ApiError, toApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import { answerErrorKeys, answersOf, auditBody, auditSummary, byCategory, isLocked, type AuditAnswers } from "../../labelling/audit";
import { AUDIT_STATUS_LABELS, auditStatusLabel, auditStatusSeverity } from "../../labelling/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";
import { Loading } from "../Loading";
import "./labelling.css";

const MANUAL_STATUSES = ["conforme", "non_conforme", "sans_objet"] as const;

function LockedCriterion({ c }: { c: AuditCriterion }) {
  return (
    <div className="maillage-audit-row" role="group" aria-label={c.label}>
      <p className="fr-mb-1v"><strong>{c.label}</strong> <span className="fr-text--xs maillage-muted">({c.code})</span></p>
      <p className="fr-mb-0">
        <Badge as="span" small severity={auditStatusSeverity(c.status)}>{auditStatusLabel(c.status)}</Badge>{" "}
        <span className="fr-text--sm">Évalué automatiquement par le contrôle de conformité (non modifiable).</span>
      </p>
      {c.comment && <p className="fr-text--sm fr-mb-0">{c.comment}</p>}
    </div>
  );
}

type RowProps = { c: AuditCriterion; answers: AuditAnswers; setAnswer: (code: string, patch: Partial<{ status: string; comment: string }>) => void; editable: boolean; message?: string };

function ManualCriterion({ c, answers, setAnswer, editable, message }: RowProps) {
  const a = answers[c.code] ?? { status: "", comment: "" };
  return (
    <div className="maillage-audit-row">
      <RadioButtons legend={<><strong>{c.label}</strong> <span className="fr-text--xs maillage-muted">({c.code})</span></>} name={`audit-${c.code}`}
        orientation="horizontal" small disabled={!editable}
        {...(message ? { state: "error" as const, stateRelatedMessage: message } : {})}
        options={MANUAL_STATUSES.map((s) => ({
          label: AUDIT_STATUS_LABELS[s],
          nativeInputProps: { value: s, checked: a.status === s, onChange: () => setAnswer(c.code, { status: s }) },
        }))} />
      <Input className="fr-mb-0" label={<>Commentaire<span className="fr-sr-only"> sur « {c.label} »</span> (facultatif)</>} disabled={!editable}
        nativeInputProps={{ name: `audit-${c.code}-comment`, maxLength: 2000, value: a.comment, onChange: (e) => setAnswer(c.code, { comment: e.target.value }) }} />
    </div>
  );
}

/** Audit qualité: the grid by category; automatic criteria locked with their compliance status, manual ones answered. */
export function AuditPanel({ structureId, editable }: { structureId: string; editable: boolean }) {
  const client = useApi();
  const [audit, setAudit] = useState<Audit | null>(null);
  const [answers, setAnswers] = useState<AuditAnswers>({});
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const a = await getAudit(client, structureId);
      setAudit(a);
      setAnswers(answersOf(a.criteria));
      setLoadError(null);
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, [client, structureId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (loadError) return <ApiErrorAlert error={loadError} />;
  if (!audit) return <Loading label="Chargement de la grille d’audit…" />;

  const setAnswer = (code: string, patch: Partial<{ status: string; comment: string }>) =>
    setAnswers((all) => ({ ...all, [code]: { ...(all[code] ?? { status: "", comment: "" }), ...patch } }));
  const canEdit = editable && audit.editable;
  const summary = auditSummary(audit.criteria, answers);
  const errorKeys = answerErrorKeys(audit.criteria, answers);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!audit) return;
    setBusy(true);
    setError(null);
    setNotice("");
    try {
      const saved = await putAudit(client, structureId, audit.version, auditBody(audit.criteria, answers));
      setAudit(saved);
      setAnswers(answersOf(saved.criteria));
      setNotice(saved.complete ? "L’audit est enregistré et complet." : "L’audit est enregistré ; des critères restent à vérifier.");
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} noValidate aria-labelledby="audit-title">
      <h4 id="audit-title" className="fr-h6">Grille d’audit {audit.grid_version && `(version ${audit.grid_version})`}</h4>
      <p role="status" data-testid="audit-summary">
        {summary.answered} critère{summary.answered > 1 ? "s" : ""} sur {summary.manual} renseigné{summary.answered > 1 ? "s" : ""} par l’audit,
        {" "}{summary.automatic} évalué{summary.automatic > 1 ? "s" : ""} automatiquement
        {summary.failing > 0 ? `, ${summary.failing} non conforme${summary.failing > 1 ? "s" : ""}` : ""}.
        {audit.complete ? " Audit complet." : " Audit incomplet."}
      </p>
      {editable && !audit.editable && (
        <Alert role={undefined} className="fr-mb-3w" severity="info" small
          description="L’audit se renseigne lorsque la structure est à l’état « Audit demandé » ; la grille est affichée pour information." />
      )}
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      {error?.status === 412 ? (
        <Alert className="fr-mb-3w" severity="error" role="alert" title="L’audit a été modifié entre-temps"
          description={<>
            <p className="fr-mb-1w">Rechargez-le pour repartir de la dernière version (vos réponses seront perdues).</p>
            <Button type="button" size="small" priority="secondary" onClick={() => { setError(null); void load(); }}>Recharger l’audit</Button>
          </>} />
      ) : <ApiErrorAlert error={error} shownFields={["answers"]} />}
      {byCategory(audit.criteria).map((group) => (
        <fieldset key={group.category} className="fr-fieldset fr-mb-3w">
          <legend className="fr-fieldset__legend fr-h6 fr-mb-0">{group.category}</legend>
          <div className="fr-fieldset__element">
            {group.criteria.map((c) => (isLocked(c)
              ? <LockedCriterion key={c.code} c={c} />
              : <ManualCriterion key={c.code} c={c} answers={answers} setAnswer={setAnswer} editable={canEdit}
                message={error?.fieldError(errorKeys.get(c.code) ?? `answers.${c.code}`)} />))}
          </div>
        </fieldset>
      ))}
      {canEdit && <Button type="submit" disabled={busy}>Enregistrer l’audit</Button>}
    </form>
  );
}

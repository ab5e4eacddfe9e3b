import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { unwrap } from "../api/client";
import { headerParams } from "../api/models";
import { ApiError, toApiError } from "../api/problem";
import { toVisit, type Visit } from "../api/visits";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert, fieldState } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { usePageTitle } from "../components/usePageTitle";
import { ChecklistFields, answerValue, draftOf, type AnswerDraft, type Answers } from "../components/visits/ChecklistFields";
import { PeopleEditor, peopleInput, type Person } from "../components/visits/PeopleEditor";
import { VisitActions } from "../components/visits/VisitActions";
import { VisitAttachments } from "../components/visits/VisitAttachments";
import { VisitFindings } from "../components/visits/VisitFindings";
import { VISIT_STATUSES, VISIT_TYPES, canWriteVisits, formatDate, isoDate, label } from "../visits/labels";

const SHOWN = ["planned_date", "planned_time", "duration_minutes", "done_date", "visitors", "people_met", "report", "answers", "cancel_reason"];

type Draft = {
  planned_date: string; planned_time: string; duration: string; done_date: string; report: string;
  visitors: Person[]; people_met: Person[]; answers: Answers;
};

function draftOfVisit(v: Visit): Draft {
  const answers: Answers = {};
  for (const item of v.checklist?.items ?? []) answers[item.id] = draftOf(item);
  return {
    planned_date: v.planned_date,
    planned_time: v.planned_time,
    duration: String(v.duration_minutes),
    done_date: v.done_date,
    report: v.report,
    visitors: v.visitors.map((p) => ({ ...p })),
    people_met: v.people_met.map((p) => ({ ...p })),
    answers,
  };
}

/** The answers of a draft as the API takes them (prefilled questions and blank answers left out). */
export function answersInput(visit: Visit, answers: Answers) {
  const out: { item_id: string; value: unknown; comment?: string }[] = [];
  for (const item of visit.checklist?.items ?? []) {
    if (item.prefill) continue;
    const value = answerValue(item.answer_type, answers[item.id]);
    if (value === undefined) continue;
    out.push({ item_id: item.id, value, ...(answers[item.id]?.comment ? { comment: answers[item.id].comment } : {}) });
  }
  return out;
}

/** Fiche visite: planning, record (checklist, report), findings, actions, attachments; cancel or delete. */
export function VisitPage() {
  const { id = "" } = useParams();
  const client = useApi();
  const me = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const [visit, setVisit] = useState<Visit | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [busy, setBusy] = useState(false);
  const [cancelReason, setCancelReason] = useState("");
  const [cancelling, setCancelling] = useState(false);
  usePageTitle(visit ? `${label(VISIT_TYPES, visit.type)} – ${visit.structure.name}` : "Visite");

  /** Reads the visit; `keepDraft` (after a finding, action or attachment changed) keeps what is being typed. */
  const load = useCallback(async (keepDraft = false) => {
    try {
      const v = toVisit(await unwrap(client.api.GET("/visits/{id}", { params: { path: { id } } })));
      setVisit(v);
      setDraft((current) => (keepDraft && current ? current : draftOfVisit(v)));
      setLoadError(null);
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, [client, id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (loadError) return <div className="fr-my-7w"><h1>Visite</h1><ApiErrorAlert error={loadError} /></div>;
  if (!visit || !draft) return <Loading />;

  const writable = canWriteVisits(me.role) && (me.role !== "animateur" || visit.type === "animateur");
  const editable = writable && visit.status !== "annulee";
  const planned = visit.status === "planifiee";
  const status = VISIT_STATUSES[visit.status as keyof typeof VISIT_STATUSES];
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setAnswer = (itemId: string, d: AnswerDraft) => set({ answers: { ...draft.answers, [itemId]: d } });

  /** The client adds the ETag it last saw for the visit; passed explicitly for the typed header. */
  const ifMatch = () => {
    const etag = client.etagFor(`/visits/${id}`);
    return headerParams(etag ? { "If-Match": etag } : {});
  };

  async function patch(body: Record<string, unknown>, message: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const v = toVisit(await unwrap(client.api.PATCH("/visits/{id}", { params: { path: { id }, header: ifMatch() }, body: body as never })));
      setVisit(v);
      setDraft(draftOfVisit(v));
      setNotice(message);
      return true;
    } catch (err) {
      setError(toApiError(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const planningBody = () => ({
    planned_date: draft.planned_date || undefined,
    planned_time: draft.planned_time,
    duration_minutes: Number(draft.duration) || 120,
    visitors: peopleInput(draft.visitors),
  });

  const savePlanning = (e: FormEvent) => {
    e.preventDefault();
    void patch(planningBody(), "La visite est enregistrée.");
  };

  const saveRecord = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {
      done_date: draft.done_date || undefined,
      report: draft.report,
      people_met: peopleInput(draft.people_met).map((p) => ({ name: p.name, function: p.function })),
      answers: answersInput(visit, draft.answers),
      ...(planned ? { status: "realisee", visitors: peopleInput(draft.visitors) } : {}),
    };
    void patch(body, planned ? "Le compte rendu est enregistré : la visite est réalisée." : "Le compte rendu est enregistré.");
  };

  async function cancelVisit() {
    if (await patch({ status: "annulee", cancel_reason: cancelReason }, "La visite est annulée.")) setCancelling(false);
  }

  async function deleteVisit() {
    if (!window.confirm("Supprimer définitivement cette visite planifiée ?")) return;
    setBusy(true);
    try {
      await unwrap(client.api.DELETE("/visits/{id}", { params: { path: { id }, header: ifMatch() } }));
      navigate("/visites", { state: { notice: "La visite a été supprimée." } });
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  }

  const deletable = writable && planned && visit.counts.findings === 0 && visit.counts.open_actions === 0 && visit.counts.attachments === 0;
  const today = isoDate(new Date());

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel={visit.structure.name} homeLinkProps={{ to: "/" }}
        segments={[{ label: "Visites", linkProps: { to: "/visites" } }]} />
      <div className="maillage-page-head fr-mb-3w">
        <div>
          <h1 className="fr-mb-1w">{label(VISIT_TYPES, visit.type)} – {visit.structure.name}</h1>
          <ul className="fr-badges-group">
            <li><Badge as="span" noIcon severity={status?.severity}>{status?.label ?? visit.status}</Badge></li>
            <li><Badge as="span" noIcon>{visit.done_date ? `Réalisée le ${formatDate(visit.done_date)}` : `Prévue le ${formatDate(visit.planned_date)}${visit.planned_time ? ` à ${visit.planned_time}` : ""}`}</Badge></li>
          </ul>
          <p className="fr-mb-0"><Link to={`/structures/${visit.structure.id}?onglet=visites`}>Voir la structure{visit.structure.commune_name ? ` (${visit.structure.commune_name})` : ""}</Link></p>
        </div>
        {editable && (
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mb-0">
            {planned && <li><Button priority="secondary" iconId="fr-icon-close-circle-line" onClick={() => setCancelling(true)}>Annuler la visite</Button></li>}
            {deletable && <li><Button priority="tertiary" iconId="fr-icon-delete-line" disabled={busy} onClick={() => void deleteVisit()}>Supprimer</Button></li>}
          </ul>
        )}
      </div>
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      {visit.status === "annulee" && (
        <Alert className="fr-mb-3w" severity="info" small description={`Visite annulée. Motif : ${visit.cancel_reason || "non précisé"}`} />
      )}
      <ApiErrorAlert error={error} shownFields={SHOWN} />
      {cancelling && (
        <section className="fr-mb-4w fr-p-3w maillage-box" aria-labelledby="cancel-title">
          <h2 id="cancel-title" className="fr-h5">Annuler la visite</h2>
          <Input label="Motif de l’annulation" textArea {...fieldState(error, "cancel_reason")}
            nativeTextAreaProps={{ name: "cancel_reason", maxLength: 1000, value: cancelReason, onChange: (e) => setCancelReason(e.target.value) }} />
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li><Button disabled={busy} onClick={() => void cancelVisit()}>Confirmer l’annulation</Button></li>
            <li><Button priority="secondary" onClick={() => setCancelling(false)}>Ne pas annuler</Button></li>
          </ul>
        </section>
      )}

      <section className="fr-mb-5w" aria-labelledby="planning-title">
        <h2 id="planning-title" className="fr-h4">Planification</h2>
        <form onSubmit={savePlanning} noValidate>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Date prévue" disabled={!editable || !planned} {...fieldState(error, "planned_date")}
                nativeInputProps={{ name: "planned_date", type: "date", value: draft.planned_date, onChange: (e) => set({ planned_date: e.target.value }) }} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Heure" hintText="Vide : toute la journée." disabled={!editable || !planned} {...fieldState(error, "planned_time")}
                nativeInputProps={{ name: "planned_time", type: "time", value: draft.planned_time, onChange: (e) => set({ planned_time: e.target.value }) }} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Durée en minutes" disabled={!editable || !planned} {...fieldState(error, "duration_minutes")}
                nativeInputProps={{ name: "duration_minutes", type: "number", min: 15, max: 720, value: draft.duration, onChange: (e) => set({ duration: e.target.value }) }} />
            </div>
          </div>
          <PeopleEditor legend="Visiteurs (nom et fonction)" field="visitors" people={draft.visitors} onChange={(visitors) => set({ visitors })}
            max={10} readOnly={!editable || !planned} error={error} addLabel="Ajouter un visiteur" />
          {editable && planned && <Button type="submit" priority="secondary" disabled={busy}>Enregistrer la planification</Button>}
        </form>
      </section>

      <section className="fr-mb-5w" aria-labelledby="record-title">
        <h2 id="record-title" className="fr-h4">Compte rendu</h2>
        <form onSubmit={saveRecord} noValidate>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <Input label="Date de réalisation" hintText="Au plus tard aujourd’hui." disabled={!editable} {...fieldState(error, "done_date")}
                nativeInputProps={{ name: "done_date", type: "date", max: today, value: draft.done_date, onChange: (e) => set({ done_date: e.target.value }) }} />
            </div>
          </div>
          <PeopleEditor legend="Personnes rencontrées" field="people_met" people={draft.people_met} onChange={(people_met) => set({ people_met })}
            max={30} readOnly={!editable} error={error} addLabel="Ajouter une personne rencontrée" />
          {visit.checklist ? (
            <>
              <h3 className="fr-h5">{visit.checklist.title} (version {visit.checklist.template_number})</h3>
              {error?.fieldError("answers") && !error.fieldError("answers[0]") && (
                <p className="fr-error-text fr-mb-2w">{error.errors.answers}</p>
              )}
              <ChecklistFields items={visit.checklist.items} answers={draft.answers} onChange={setAnswer} readOnly={!editable} error={error} />
            </>
          ) : <p className="maillage-muted">Aucune grille de visite pour ce type de visite.</p>}
          <Input label="Compte rendu libre" textArea disabled={!editable} {...fieldState(error, "report")}
            nativeTextAreaProps={{ name: "report", rows: 6, maxLength: 20000, value: draft.report, onChange: (e) => set({ report: e.target.value }) }} />
          {editable && <Button type="submit" disabled={busy}>Enregistrer le compte rendu</Button>}
        </form>
      </section>

      <VisitFindings visitId={visit.id} editable={editable} onChange={() => void load(true)} />
      <VisitActions visitId={visit.id} visitDay={visit.done_date || visit.planned_date} editable={editable} onChange={() => void load(true)} />
      <VisitAttachments visitId={visit.id} editable={editable} onChange={() => void load(true)} />
    </div>
  );
}

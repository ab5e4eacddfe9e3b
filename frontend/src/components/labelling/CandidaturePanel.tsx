import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { getCandidature, putCandidature, type Candidature, type CompletenessItem } from "../../api/labelling";
import { ApiError, toApiError } from "../../api/problem";
import type { Structure } from "../../api/registry";
import { useApi } from "../../auth/AuthContext";
import {
  PREMISES_QUESTIONS, candidatureBody, candidatureForm, siteRowIndexes, type CandidatureFormValues, type YesNo,
} from "../../labelling/candidature";
import { completenessLabel } from "../../labelling/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";
import { Loading } from "../Loading";
import { CandidatureDocuments } from "./CandidatureDocuments";
import { SitesEditor } from "./SitesEditor";

const SHOWN = ["carrier_name", "carrier_siret", "planned_sites", "partners_planned", "premises", "notes"];

/** The completeness checks of the file (the same as the audit request's guard). */
export function Completeness({ items }: { items: CompletenessItem[] }) {
  if (items.length === 0) return null;
  const missing = items.filter((i) => !i.ok).length;
  return (
    <section className="fr-mb-4w" aria-labelledby="completeness-title">
      <h4 id="completeness-title" className="fr-h6">Complétude du dossier</h4>
      <p>{missing === 0 ? "Le dossier est complet : l’audit peut être demandé." : `${missing} point${missing > 1 ? "s" : ""} à compléter avant de demander l’audit.`}</p>
      <ul className="maillage-completeness" aria-label="Points de complétude">
        {items.map((i) => (
          <li key={i.field}>
            <span className={i.ok ? "fr-icon-success-fill fr-label--success" : "fr-icon-error-fill fr-label--error"} aria-hidden="true" />{" "}
            <strong>{completenessLabel(i.field)}</strong> : {i.ok ? "complet" : "à compléter"}
            {i.message && <span className="maillage-block fr-text--sm fr-mb-0">{i.message}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `writer`: the actor may keep this file; `locked`: the state no longer lets it change (from the audit request on). */
type Props = { structure: Structure; writer: boolean; locked: boolean };

/** Dossier de candidature: carrier, planned sites, partners, premises, notes (PUT with If-Match), completeness, documents. */
export function CandidaturePanel({ structure, writer, locked }: Props) {
  const editable = writer && !locked;
  const client = useApi();
  const [candidature, setCandidature] = useState<Candidature | null | undefined>(undefined);
  const [values, setValues] = useState<CandidatureFormValues | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (keepForm = false) => {
    try {
      const c = await getCandidature(client, structure.id);
      setCandidature(c);
      if (!keepForm) setValues(candidatureForm(c, { carrier_name: structure.carrier.name, carrier_siret: structure.carrier.siret }));
      setLoadError(null);
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, [client, structure.id, structure.carrier.name, structure.carrier.siret]);

  useEffect(() => {
    void load();
  }, [load]);

  if (loadError) return <ApiErrorAlert error={loadError} />;
  if (candidature === undefined || !values) return <Loading label="Chargement du dossier de candidature…" />;

  const set = (patch: Partial<CandidatureFormValues>) => setValues({ ...values, ...patch });
  const stateOf = (field: string) => {
    const m = error?.fieldError(field);
    return m ? { state: "error" as const, stateRelatedMessage: m } : {};
  };
  const rows = siteRowIndexes(values);
  const siteMessage = (index: number, field: string) => {
    const wireIndex = rows.indexOf(index);
    return wireIndex < 0 ? undefined : error?.errors[`planned_sites[${wireIndex}].${field}`];
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!values) return;
    setBusy(true);
    setError(null);
    setNotice("");
    try {
      const saved = await putCandidature(client, structure.id, candidature?.version ?? 0, candidatureBody(values));
      setCandidature(saved);
      setValues(candidatureForm(saved));
      setNotice("Le dossier de candidature a été enregistré.");
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {candidature === null && (
        <p>{editable ? "Aucun dossier de candidature pour l’instant : remplissez-le puis enregistrez-le." : "Aucun dossier de candidature pour l’instant."}</p>
      )}
      {writer && locked && (
        <Alert role={undefined} className="fr-mb-3w" severity="info" small
          description="Le dossier ne se modifie plus depuis la demande d’audit : il reste tel que la décision l’a examiné." />
      )}
      {candidature && <Completeness items={candidature.completeness} />}
      <form onSubmit={save} noValidate aria-labelledby="candidature-form-title" className="fr-mb-5w">
        <h4 id="candidature-form-title" className="fr-h6">Dossier</h4>
        {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
        {error?.status === 412 ? (
          <Alert className="fr-mb-3w" severity="error" role="alert" title="Le dossier a été modifié entre-temps"
            description={<>
              <p className="fr-mb-1w">Rechargez-le pour repartir de la dernière version (vos modifications seront perdues).</p>
              <Button type="button" size="small" priority="secondary" onClick={() => { setError(null); void load(); }}>Recharger le dossier</Button>
            </>} />
        ) : <ApiErrorAlert error={error} shownFields={SHOWN} />}
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-8">
            <Input label="Porteur du projet" disabled={!editable} {...stateOf("carrier_name")}
              nativeInputProps={{ name: "carrier_name", maxLength: 200, value: values.carrier_name, onChange: (e) => set({ carrier_name: e.target.value }) }} />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input label="SIRET du porteur (facultatif)" hintText="14 chiffres" disabled={!editable} {...stateOf("carrier_siret")}
              nativeInputProps={{ name: "carrier_siret", inputMode: "numeric", maxLength: 20, value: values.carrier_siret, onChange: (e) => set({ carrier_siret: e.target.value }) }} />
          </div>
        </div>
        <SitesEditor departement={structure.departement_code} sites={values.sites} onChange={(sites) => set({ sites })} readOnly={!editable}
          message={siteMessage} listError={error?.errors.planned_sites} />
        <Input label="Partenaires prévus" hintText="Un partenaire par ligne, par exemple « CAF de la Haute-Saône »." textArea disabled={!editable}
          {...stateOf("partners_planned")}
          nativeTextAreaProps={{ name: "partners_planned", rows: 4, value: values.partners, onChange: (e) => set({ partners: e.target.value }) }} />
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Locaux</legend>
          {PREMISES_QUESTIONS.map((q) => (
            <div key={q.key} className="fr-fieldset__element">
              <RadioButtons legend={q.label} hintText={q.hint || undefined} name={q.key} orientation="horizontal" disabled={!editable}
                {...stateOf(`premises.${q.key}`)}
                options={(["oui", "non"] as YesNo[]).map((answer) => ({
                  label: answer === "oui" ? "Oui" : "Non",
                  nativeInputProps: { value: answer, checked: values[q.key] === answer, onChange: () => set({ [q.key]: answer }) },
                }))} />
            </div>
          ))}
          <div className="fr-fieldset__element">
            <Input label="Précisions sur les locaux (facultatif)" textArea disabled={!editable} {...stateOf("premises.notes")}
              nativeTextAreaProps={{ name: "premises_notes", rows: 2, maxLength: 2000, value: values.premises_notes, onChange: (e) => set({ premises_notes: e.target.value }) }} />
          </div>
        </fieldset>
        <Input label="Notes (facultatif)" textArea disabled={!editable} {...stateOf("notes")}
          nativeTextAreaProps={{ name: "notes", rows: 3, maxLength: 5000, value: values.notes, onChange: (e) => set({ notes: e.target.value }) }} />
        {editable && <Button type="submit" disabled={busy}>Enregistrer le dossier</Button>}
      </form>
      {candidature ? (
        <CandidatureDocuments structureId={structure.id} documents={candidature.documents} candidatureVersion={candidature.version}
          editable={editable} onChange={() => load(true)} />
      ) : (
        <p className="maillage-muted">Les pièces du dossier pourront être déposées une fois le dossier enregistré.</p>
      )}
    </>
  );
}

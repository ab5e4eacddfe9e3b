import { useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import "../hours/hours.css";
import type { Modality, PermanenceBody } from "../../api/partners";
import type { ApiError } from "../../api/problem";
import { MODALITY_LABELS } from "../../partners/labels";
import { toPermanenceBody, type PartnerOption, type PermanenceDraft } from "../../partners/permanenceForm";
import { ApiErrorAlert, fieldState } from "../ApiErrorAlert";
import { WeekGrid, type StopOption } from "../hours/WeekGrid";

const FIELDS = ["partner_kind", "partner_id", "modality", "stop_id", "booking_url", "summary", "public_note", "internal_note"] as const;

type Props = {
  title: string;
  /** An existing permanence keeps its partner (the API refuses a change). */
  partnerLocked: boolean;
  initial: PermanenceDraft;
  partners: PartnerOption[];
  stops: StopOption[];
  error: ApiError | null;
  busy: boolean;
  onSubmit: (body: PermanenceBody) => void;
  onCancel: () => void;
};

/** Éditeur d’une permanence: partner, modality, stop, booking link, notes and hours (the weekly grid, schedule 0). */
export function PermanenceForm({ title, partnerLocked, initial, partners, stops, error, busy, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState<PermanenceDraft>(initial);
  const set = (patch: Partial<PermanenceDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const text = (field: "booking_url" | "summary" | "public_note" | "internal_note") => ({
    name: field, value: draft[field], onChange: (e: { target: { value: string } }) => set({ [field]: e.target.value }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(toPermanenceBody(draft));
  };
  const gridFields = error ? Object.keys(error.errors).filter((k) => k.startsWith("schedules[0].slots[")) : [];
  const partnerError = error?.fieldError("partner_id") ?? error?.fieldError("partner_kind");

  return (
    <form className="maillage-box fr-p-3w fr-mt-3w" onSubmit={submit} noValidate aria-labelledby="permanence-form-title">
      <h3 id="permanence-form-title" className="fr-h5">{title}</h3>
      <ApiErrorAlert error={error} shownFields={[...FIELDS, ...gridFields]} />
      <Select label="Partenaire" disabled={partnerLocked}
        hint={partnerLocked ? "Le partenaire d’une permanence ne change pas : pour un autre partenaire, ajoutez une permanence." : partners.length === 1 ? "Votre organisation" : undefined}
        state={partnerError ? "error" : "default"} stateRelatedMessage={partnerError}
        nativeSelectProps={{ name: "partner", value: draft.partner, onChange: (e) => set({ partner: e.target.value }), required: true }}>
        {partners.length > 1 && <option value="" disabled>Choisissez un partenaire</option>}
        {(["operator", "local"] as const).map((kind) => {
          const group = partners.filter((p) => p.kind === kind);
          return group.length > 0 && (
            <optgroup key={kind} label={kind === "operator" ? "Opérateurs nationaux" : "Partenaires locaux"}>
              {group.map((p) => <option key={p.key} value={p.key}>{p.label}</option>)}
            </optgroup>
          );
        })}
      </Select>
      <RadioButtons legend="Modalité" name="modality" orientation="horizontal" {...fieldState(error, "modality")}
        options={(Object.keys(MODALITY_LABELS) as Modality[]).map((m) => ({
          label: MODALITY_LABELS[m],
          nativeInputProps: { value: m, checked: draft.modality === m, onChange: () => set({ modality: m }) },
        }))} />
      {stops.length > 0 && (
        <Select label="Arrêt" hint="Pour une structure itinérante : l’arrêt où se tient la permanence" {...fieldState(error, "stop_id")}
          nativeSelectProps={{ name: "stop_id", value: draft.stop_id, onChange: (e) => set({ stop_id: e.target.value }) }}>
          <option value="">Aucun arrêt en particulier</option>
          {stops.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
        </Select>
      )}
      <Input label="Lien de prise de rendez-vous" hintText="Facultatif, adresse complète (https://…)" {...fieldState(error, "booking_url")}
        nativeInputProps={{ ...text("booking_url"), type: "url" }} />
      <Input label="Information au public" hintText="Facultatif, publiée avec la permanence" textArea {...fieldState(error, "public_note")}
        nativeTextAreaProps={text("public_note")} />
      <Input label="Note interne" hintText="Facultatif, visible des seuls utilisateurs de Maillage" textArea {...fieldState(error, "internal_note")}
        nativeTextAreaProps={text("internal_note")} />
      <h4 className="fr-h6 fr-mt-3w">Horaires de la permanence</h4>
      <p className="fr-text--sm">
        Ajoutez un créneau par jour de permanence. Pour une permanence mensuelle, choisissez « Toutes les n semaines », 4 semaines, à
        partir de la date de la première permanence.
      </p>
      <Input label="Rythme en clair" hintText="Facultatif, quand les semaines ne suffisent pas à le dire : « 1er mardi du mois »"
        {...fieldState(error, "summary")} nativeInputProps={text("summary")} />
      <WeekGrid slots={draft.slots} onChange={(slots) => set({ slots })} scheduleIndex={0} error={error} stops={[]} editable showAgents={false} />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <li><Button type="submit" disabled={busy}>Enregistrer la permanence</Button></li>
        <li><Button type="button" priority="secondary" onClick={onCancel}>Annuler</Button></li>
      </ul>
    </form>
  );
}

import { useState, type FormEvent } from "react";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { ApiError } from "../../api/problem";
import {
  fieldsOfSchedule, SCHEDULE_KIND_LABELS, SCHEDULE_STATUS_LABELS, scheduleTitle, validityText,
  type HoursDraft, type NewSchedule, type ScheduleKind, type SchedulePatch, type ScheduleStatus,
} from "../../hours/schedules";
import { fieldState, invalidProps } from "../ApiErrorAlert";

type ListProps = {
  draft: HoursDraft;
  editable: boolean;
  /** The 422 of the last save, or of the live preview: rows with errors are marked. */
  error: ApiError | null;
  onSelect: (index: number) => void;
  onRemove: (index: number) => void;
  onAdd: (input: NewSchedule) => void;
};

const NEW: NewSchedule = { kind: "seasonal", valid_from: "", valid_to: "", copyMain: true };

/** The form of a new seasonal or temporary schedule (added to the draft; saved with "Enregistrer"). */
function AddSchedule({ onAdd, onCancel }: { onAdd: (input: NewSchedule) => void; onCancel: () => void }) {
  const [input, setInput] = useState<NewSchedule>(NEW);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onAdd(input);
  };
  return (
    <form className="maillage-box fr-p-3w fr-mb-3w" onSubmit={submit} noValidate aria-labelledby="new-schedule-title">
      <h4 id="new-schedule-title" className="fr-h6">Nouveaux horaires saisonniers ou temporaires</h4>
      <p className="fr-text--sm">
        Pendant leur période de validité, ces horaires remplacent les horaires habituels (des horaires temporaires
        remplacent aussi des horaires saisonniers).
      </p>
      <Select label="Type" nativeSelectProps={{ name: "kind", value: input.kind, onChange: (e) => setInput({ ...input, kind: e.target.value as NewSchedule["kind"] }) }}>
        <option value="seasonal">{SCHEDULE_KIND_LABELS.seasonal}</option>
        <option value="temporary">{SCHEDULE_KIND_LABELS.temporary}</option>
      </Select>
      <div className="maillage-slot-fields">
        <Input label="Valables du" nativeInputProps={{ name: "valid_from", type: "date", value: input.valid_from, onChange: (e) => setInput({ ...input, valid_from: e.target.value }) }} />
        <Input label="au" nativeInputProps={{ name: "valid_to", type: "date", value: input.valid_to, onChange: (e) => setInput({ ...input, valid_to: e.target.value }) }} />
      </div>
      <Checkbox small options={[{
        label: "Reprendre les créneaux des horaires habituels",
        hintText: "Sinon la grille de ces horaires commence vide.",
        nativeInputProps: { name: "copy_main", checked: input.copyMain, onChange: (e) => setInput({ ...input, copyMain: e.target.checked }) },
      }]} />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li><Button type="submit">Ajouter ces horaires</Button></li>
        <li><Button type="button" priority="secondary" onClick={onCancel}>Annuler</Button></li>
      </ul>
    </form>
  );
}

/** The schedules of the structure: which one the grid shows, removal of the added layers, and the "add" form. */
export function ScheduleList({ draft, editable, error, onSelect, onRemove, onAdd }: ListProps) {
  const [adding, setAdding] = useState(false);
  const rows = draft.schedules.map((s, index) => {
    const name = `${scheduleTitle(s.base)} (${validityText(s.base).toLowerCase()})`;
    const invalid = error ? fieldsOfSchedule(error.errors, index).length > 0 : false;
    const selected = index === draft.selected;
    return (
      <tr key={s.key} aria-current={selected ? "true" : undefined} className={selected ? "maillage-row--selected" : undefined}>
        <th scope="row">
          {scheduleTitle(s.base)}
          {s.base.status === "draft" && <> <Badge as="span" small noIcon>Brouillon</Badge></>}
          {invalid && <> <Badge as="span" small severity="error">À corriger</Badge></>}
        </th>
        <td>{validityText(s.base)}</td>
        <td>{s.slots.length}</td>
        <td>
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mb-0">
            <li>
              {selected ? <span className="fr-text--sm fr-mb-0">Dans la grille</span> : (
                <Button type="button" size="small" priority="secondary" onClick={() => onSelect(index)}
                  nativeButtonProps={{ "aria-label": `${editable ? "Modifier" : "Afficher"} les créneaux : ${name}` }}>
                  {editable ? "Modifier" : "Afficher"}
                </Button>
              )}
            </li>
            {editable && index !== draft.main && (
              <li>
                <Button type="button" size="small" priority="tertiary" onClick={() => onRemove(index)}
                  nativeButtonProps={{ "aria-label": `Retirer : ${name}` }}>
                  Retirer
                </Button>
              </li>
            )}
          </ul>
        </td>
      </tr>
    );
  });
  return (
    <>
      <div className="fr-table fr-table--sm fr-mb-2w">
        <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
          <table>
            <caption>Horaires de la structure</caption>
            <thead>
              <tr>
                <th scope="col">Horaires</th>
                <th scope="col">Validité</th>
                <th scope="col">Créneaux</th>
                <th scope="col">Grille</th>
              </tr>
            </thead>
            <tbody>{rows}</tbody>
          </table>
        </div></div></div>
      </div>
      {editable && !adding && (
        <Button type="button" priority="secondary" iconId="fr-icon-add-line" className="fr-mb-3w" onClick={() => setAdding(true)}>
          Ajouter des horaires saisonniers ou temporaires
        </Button>
      )}
      {editable && adding && (
        <AddSchedule onCancel={() => setAdding(false)} onAdd={(input) => { setAdding(false); onAdd(input); }} />
      )}
    </>
  );
}

type MetaProps = {
  draft: HoursDraft;
  index: number;
  editable: boolean;
  error: ApiError | null;
  onChange: (patch: SchedulePatch) => void;
};

/** Validity, kind, priority and status of a schedule other than the main one, with the server's field errors. */
export function ScheduleMeta({ draft, index, editable, error, onChange }: MetaProps) {
  const s = draft.schedules[index].base;
  const field = (name: string) => fieldState(error, `schedules[${index}].${name}`);
  const invalid = (name: string) => invalidProps(error, `schedules[${index}].${name}`);
  return (
    <fieldset className="fr-fieldset maillage-box fr-p-2w fr-mb-2w" disabled={!editable} aria-labelledby="schedule-meta-legend">
      <legend id="schedule-meta-legend" className="fr-fieldset__legend fr-text--md">Période de validité et publication</legend>
      <div className="maillage-slot-fields">
        <Select label="Type" {...field("kind")} nativeSelectProps={{ name: "schedule_kind", ...invalid("kind"), value: s.kind ?? "regular", onChange: (e) => onChange({ kind: e.target.value as ScheduleKind }) }}>
          {(Object.keys(SCHEDULE_KIND_LABELS) as ScheduleKind[]).map((k) => <option key={k} value={k}>{SCHEDULE_KIND_LABELS[k]}</option>)}
        </Select>
        <Input label="Du" {...field("valid_from")} nativeInputProps={{ name: "schedule_valid_from", ...invalid("valid_from"), type: "date", value: s.valid_from ?? "", onChange: (e) => onChange({ valid_from: e.target.value }) }} />
        <Input label="Au" {...field("valid_to")} nativeInputProps={{ name: "schedule_valid_to", ...invalid("valid_to"), type: "date", value: s.valid_to ?? "", onChange: (e) => onChange({ valid_to: e.target.value }) }} />
      </div>
      <div className="maillage-slot-fields">
        <Input label="Priorité" hintText="Entre deux horaires du même type valables le même jour, la priorité la plus haute l’emporte."
          {...field("priority")} nativeInputProps={{
            name: "schedule_priority", ...invalid("priority"), type: "number", inputMode: "numeric", value: String(s.priority ?? 0),
            onChange: (e) => onChange({ priority: Number.parseInt(e.target.value, 10) || 0 }),
          }} />
        <Select label="Statut" hint="Des horaires en brouillon ne sont ni publiés ni comptés dans la conformité enregistrée."
          {...field("status")} nativeSelectProps={{ name: "schedule_status", ...invalid("status"), value: s.status ?? "published", onChange: (e) => onChange({ status: e.target.value as ScheduleStatus }) }}>
          {(Object.keys(SCHEDULE_STATUS_LABELS) as ScheduleStatus[]).map((k) => <option key={k} value={k}>{SCHEDULE_STATUS_LABELS[k]}</option>)}
        </Select>
      </div>
    </fieldset>
  );
}

/** The fields of schedule i shown next to their input (meta and slots): the others go to the general alert. */
export function shownFieldsOf(index: number): string[] {
  return ["kind", "valid_from", "valid_to", "priority", "status", "slots"].map((f) => `schedules[${index}].${f}`);
}

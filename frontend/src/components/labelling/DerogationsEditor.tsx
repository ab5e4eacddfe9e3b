import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { Blocked } from "../../api/labelling";
import { derogationCriteria, type DerogationDraft } from "../../labelling/transitions";

type Props = {
  value: DerogationDraft[];
  onChange: (value: DerogationDraft[]) => void;
  blocked: Blocked[];
  /** The message of a field, e.g. "derogations[0].until" (local check or server answer). */
  message: (field: string) => string | undefined;
};

let nextKey = 0;

/** Derogations given when labelling: which criterion, the justification and the end date, one row each. */
export function DerogationsEditor({ value, onChange, blocked, message }: Props) {
  const criteria = derogationCriteria(blocked);
  const set = (index: number, patch: Partial<DerogationDraft>) => onChange(value.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  const stateOf = (field: string) => {
    const m = message(field);
    return m ? { state: "error" as const, stateRelatedMessage: m } : {};
  };
  return (
    <fieldset className="fr-fieldset">
      <legend className="fr-fieldset__legend fr-text--regular">
        Dérogations
        <span className="fr-hint-text">Une dérogation couvre un critère non satisfait jusqu’à une date de fin ; elle est inscrite à l’historique.</span>
      </legend>
      {value.length === 0 && <p className="fr-fieldset__element maillage-muted">Aucune dérogation.</p>}
      {value.map((d, index) => (
        <div key={d.key} className="fr-fieldset__element maillage-box fr-p-2w" role="group" aria-label={`Dérogation ${index + 1}`}>
          <Select label="Critère" {...stateOf(`derogations[${index}].criterion`)}
            nativeSelectProps={{ name: `derogation-${index}-criterion`, value: d.criterion, onChange: (e) => set(index, { criterion: e.target.value }) }}>
            <option value="">Choisissez le critère</option>
            {criteria.map((c) => <option key={c.code} value={c.code}>{c.label}{c.failing ? " (non satisfait)" : ""}</option>)}
          </Select>
          <Input label="Justification" textArea {...stateOf(`derogations[${index}].justification`)}
            nativeTextAreaProps={{ name: `derogation-${index}-justification`, rows: 2, maxLength: 2000, value: d.justification, onChange: (e) => set(index, { justification: e.target.value }) }} />
          <Input label="Fin de la dérogation" {...stateOf(`derogations[${index}].until`)}
            nativeInputProps={{ name: `derogation-${index}-until`, type: "date", value: d.until, onChange: (e) => set(index, { until: e.target.value }) }} />
          <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" onClick={() => onChange(value.filter((_, i) => i !== index))}>
            Retirer<span className="fr-sr-only"> la dérogation {index + 1}</span>
          </Button>
        </div>
      ))}
      <div className="fr-fieldset__element">
        <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line"
          onClick={() => {
            nextKey += 1;
            onChange([...value, { key: `derogation-${nextKey}`, criterion: criteria.find((c) => c.failing)?.code ?? "", justification: "", until: "" }]);
          }}>
          Ajouter une dérogation
        </Button>
      </div>
    </fieldset>
  );
}

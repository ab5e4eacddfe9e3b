import { useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { EMPTY_FILTERS, type StructureFilterValues } from "../../registry/filters";
import {
  CARRIER_TYPES, FORMATS, LABEL_STATUS_FILTER, QUALITY_FLAGS, carrierTypeLabel, formatLabel, labelStatusLabel, qualityLabel,
} from "../../registry/labels";

type Option = { code: string; label: string };
type Props = {
  value: StructureFilterValues;
  /** Département choices; the select is shown only when there are several. */
  departementOptions: Option[];
  onChange: (value: StructureFilterValues) => void;
};

/** Filters of the structure list: search, département, format, statut, porteur, alerte qualité. */
export function StructureFilters({ value, departementOptions, onChange }: Props) {
  const [draft, setDraft] = useState(value);
  const set = (key: keyof StructureFilterValues) => (v: string) => setDraft((d) => ({ ...d, [key]: v }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ ...draft, q: draft.q.trim() });
  };
  const select = (key: keyof StructureFilterValues, label: string, options: Option[]) => (
    <Select label={label} nativeSelectProps={{ name: key, value: draft[key], onChange: (e) => set(key)(e.target.value) }}>
      <option value="">Tous</option>
      {options.map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
    </Select>
  );
  return (
    <form onSubmit={onSubmit} aria-label="Filtrer les structures" role="search" className="fr-mb-3w">
      <div className="fr-grid-row fr-grid-row--gutters maillage-filters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Nom ou commune"
            hintText="Sans tenir compte des accents"
            nativeInputProps={{ type: "search", name: "q", value: draft.q, onChange: (e) => set("q")(e.target.value) }}
          />
        </div>
        {departementOptions.length > 1 && (
          <div className="fr-col-12 fr-col-md-4">{select("departement", "Département", departementOptions)}</div>
        )}
        <div className="fr-col-12 fr-col-md-4">
          {select("format", "Format", FORMATS.map((f) => ({ code: f, label: formatLabel(f) })))}
        </div>
        <div className="fr-col-12 fr-col-md-4">
          {select("label_status", "Statut de label", LABEL_STATUS_FILTER.map((s) => ({ code: s, label: labelStatusLabel(s) })))}
        </div>
        <div className="fr-col-12 fr-col-md-4">
          {select("carrier_type", "Type de porteur", CARRIER_TYPES.map((c) => ({ code: c, label: carrierTypeLabel(c) })))}
        </div>
        <div className="fr-col-12 fr-col-md-4">
          {select("quality", "Alerte qualité", QUALITY_FLAGS.map((q) => ({ code: q, label: qualityLabel(q) })))}
        </div>
        <div className="fr-col-12">
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
            <li><Button type="submit" iconId="fr-icon-filter-line">Filtrer</Button></li>
            <li>
              <Button type="button" priority="tertiary" onClick={() => { setDraft(EMPTY_FILTERS); onChange(EMPTY_FILTERS); }}>
                Réinitialiser les filtres
              </Button>
            </li>
          </ul>
        </div>
      </div>
    </form>
  );
}

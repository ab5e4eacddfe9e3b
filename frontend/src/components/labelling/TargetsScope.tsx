import { SegmentedControl } from "@codegouvfr/react-dsfr/SegmentedControl";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TargetLevel } from "../../labelling/scope";
import { regionLabel, type ReferenceData } from "../useReferenceData";

type SwitchProps = { level: TargetLevel; onChange: (level: TargetLevel) => void };

/** The "Département / Région" switch of the targets page (admin and region users). */
export function LevelSwitch({ level, onChange }: SwitchProps) {
  const segment = (id: TargetLevel, label: string) => ({
    label, nativeInputProps: { value: id, checked: level === id, onChange: () => onChange(id) },
  });
  return (
    <SegmentedControl className="fr-mb-3w" legend="Échelon des objectifs" hideLegend name="niveau-objectifs"
      segments={[segment("departement", "Département"), segment("region", "Région")]} />
  );
}

type RegionProps = { choices: string[]; value: string; onChange: (code: string) => void; refs: ReferenceData | null };

/** The région select, shown only when the actor has more than one (the admin). */
export function RegionSelect({ choices, value, onChange, refs }: RegionProps) {
  if (choices.length <= 1) return null;
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-4">
        <Select label="Région" nativeSelectProps={{ name: "region", value, onChange: (e) => onChange(e.target.value) }}>
          {choices.map((code) => <option key={code} value={code}>{regionLabel(code, refs)}</option>)}
        </Select>
      </div>
    </div>
  );
}

import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Tag } from "@codegouvfr/react-dsfr/Tag";

type Option = { code: string; label: string };
type Props = {
  options: Option[];
  value: string[];
  onChange: (value: string[]) => void;
  state?: "error" | "default";
  stateRelatedMessage?: string;
};

const CHECKBOX_LIMIT = 12;

/** Multi-choice of départements: checkboxes for a few options, a select plus removable tags for many. */
export function DepartementPicker({ options, value, onChange, state = "default", stateRelatedMessage }: Props) {
  const toggle = (code: string, checked: boolean) =>
    onChange(checked ? [...value, code] : value.filter((c) => c !== code));

  if (options.length <= CHECKBOX_LIMIT) {
    return (
      <Checkbox
        legend="Départements"
        hintText="Le ou les départements du compte."
        state={state}
        stateRelatedMessage={stateRelatedMessage}
        options={options.map((o) => ({
          label: o.label,
          nativeInputProps: {
            name: "departements",
            value: o.code,
            checked: value.includes(o.code),
            onChange: (e) => toggle(o.code, e.target.checked),
          },
        }))}
      />
    );
  }

  const labelOf = (code: string) => options.find((o) => o.code === code)?.label ?? code;
  return (
    <div className="fr-mb-3w">
      <Select
        label="Départements"
        hint="Choisissez un département pour l’ajouter au compte."
        state={state}
        stateRelatedMessage={stateRelatedMessage}
        nativeSelectProps={{
          name: "departements",
          value: "",
          onChange: (e) => e.target.value && !value.includes(e.target.value) && onChange([...value, e.target.value]),
        }}
      >
        <option value="">Ajouter un département</option>
        {options.filter((o) => !value.includes(o.code)).map((o) => (
          <option key={o.code} value={o.code}>{o.label}</option>
        ))}
      </Select>
      {value.length > 0 && (
        <ul className="fr-tags-group" aria-label="Départements choisis">
          {value.map((code) => (
            <li key={code}>
              <Tag dismissible nativeButtonProps={{ type: "button", onClick: () => toggle(code, false), "aria-label": `Retirer ${labelOf(code)}` }}>
                {labelOf(code)}
              </Tag>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { ApiError } from "../../api/problem";

export type Person = { user_id?: string | null; name: string; function: string };

type Props = {
  legend: string;
  /** Field of the API ("visitors", "people_met") for the server's messages and the inputs' names. */
  field: string;
  people: Person[];
  onChange: (people: Person[]) => void;
  max: number;
  readOnly: boolean;
  error: ApiError | null;
  addLabel: string;
};

/** A list of people (name and function); an account among them (user_id) keeps its name read-only. */
export function PeopleEditor({ legend, field, people, onChange, max, readOnly, error, addLabel }: Props) {
  const set = (index: number, patch: Partial<Person>) => onChange(people.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  return (
    <fieldset className="fr-fieldset">
      <legend className="fr-fieldset__legend fr-text--regular">{legend}</legend>
      {people.length === 0 && <p className="fr-fieldset__element maillage-muted">Personne pour l’instant.</p>}
      {people.map((person, index) => {
        const nameError = error?.fieldError(`${field}[${index}].name`) ?? error?.fieldError(`${field}[${index}].user_id`) ?? error?.fieldError(`${field}[${index}]`);
        return (
          <div key={index} className="fr-fieldset__element">
            <div className="fr-grid-row fr-grid-row--gutters maillage-filters">
              <div className="fr-col-12 fr-col-md-5">
                <Input label={`Nom (personne ${index + 1})`} hintText={person.user_id ? "Compte Maillage" : undefined}
                  disabled={readOnly || Boolean(person.user_id)}
                  {...(nameError ? { state: "error" as const, stateRelatedMessage: nameError } : {})}
                  nativeInputProps={{ name: `${field}-${index}-name`, value: person.name, maxLength: 200, onChange: (e) => set(index, { name: e.target.value }) }} />
              </div>
              <div className="fr-col-12 fr-col-md-5">
                <Input label={`Fonction (personne ${index + 1})`} disabled={readOnly}
                  nativeInputProps={{ name: `${field}-${index}-function`, value: person.function, maxLength: 200, onChange: (e) => set(index, { function: e.target.value }) }} />
              </div>
              {!readOnly && (
                <div className="fr-col-12 fr-col-md-2 fr-mb-3w">
                  <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line"
                    onClick={() => onChange(people.filter((_, i) => i !== index))}>
                    Retirer<span className="fr-sr-only"> la personne {index + 1}</span>
                  </Button>
                </div>
              )}
            </div>
          </div>
        );
      })}
      {!readOnly && people.length < max && (
        <div className="fr-fieldset__element">
          <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line"
            onClick={() => onChange([...people, { name: "", function: "" }])}>{addLabel}</Button>
        </div>
      )}
    </fieldset>
  );
}

/** People as the API takes them: empty rows dropped; an account sends its id (the server fills its name). */
export function peopleInput(people: Person[]): { user_id?: string; name?: string; function?: string }[] {
  return people
    .filter((p) => p.user_id || p.name.trim())
    .map((p) => (p.user_id ? { user_id: p.user_id, function: p.function.trim() } : { name: p.name.trim(), function: p.function.trim() }));
}

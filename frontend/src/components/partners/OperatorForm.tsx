import { useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { Operator } from "../../api/partners";
import type { ApiError } from "../../api/problem";
import { OPERATOR_FIELDS, operatorDraft, renames, validateOperator, type OperatorDraft } from "../../partners/operatorForm";
import { ApiErrorAlert } from "../ApiErrorAlert";

type Props = {
  operator: Operator | null;
  error: ApiError | null;
  busy: boolean;
  onSubmit: (draft: OperatorDraft) => void;
  onCancel: () => void;
};

/** Création ou modification d’un opérateur national (admin): a new name is dated, the code never changes. */
export function OperatorForm({ operator, error, busy, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState<OperatorDraft>(() => operatorDraft(operator));
  const [local, setLocal] = useState<Record<string, string>>({});
  const text = (field: keyof OperatorDraft) => ({
    name: field, value: draft[field],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value })),
  });
  const state = (field: string) => {
    const message = local[field] ?? error?.fieldError(field);
    return message ? { state: "error" as const, stateRelatedMessage: message } : {};
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = validateOperator(draft, !operator);
    setLocal(problems);
    if (Object.keys(problems).length === 0) onSubmit(draft);
  };
  const renaming = !operator || renames(operator, draft);
  return (
    <form className="maillage-box fr-p-3w fr-mb-3w" onSubmit={submit} noValidate aria-labelledby="operator-form-title">
      <h3 id="operator-form-title" className="fr-h6">{operator ? `Modifier ${operator.name}` : "Nouvel opérateur national"}</h3>
      <ApiErrorAlert error={error} shownFields={[...OPERATOR_FIELDS]} />
      {!operator && (
        <Input label="Code" hintText="Lettres minuscules, chiffres et _ (par exemple : urssaf) ; il ne change plus ensuite." {...state("code")}
          nativeInputProps={{ ...text("code"), required: true, autoComplete: "off" }} />
      )}
      <Input label="Nom" {...state("name")} nativeInputProps={{ ...text("name"), required: true, autoComplete: "off" }} />
      <Input label="Nom court" hintText="Facultatif, pour la matrice de couverture (par exemple : CAF)" {...state("short_name")}
        nativeInputProps={{ ...text("short_name"), autoComplete: "off" }} />
      {renaming && (
        <Input label={operator ? "Nouveau nom applicable à partir du" : "Nom applicable à partir du"}
          hintText={operator ? "Facultatif, aujourd’hui par défaut ; les noms précédents restent dans l’historique." : "Facultatif"}
          {...state("renamed_on")} nativeInputProps={{ ...text("renamed_on"), type: "date" }} />
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Dans le socle à partir du" hintText="Facultatif" {...state("socle_from")} nativeInputProps={{ ...text("socle_from"), type: "date" }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Dans le socle jusqu’au" hintText="Facultatif" {...state("socle_to")} nativeInputProps={{ ...text("socle_to"), type: "date" }} />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li><Button type="submit" disabled={busy}>Enregistrer l’opérateur</Button></li>
        <li><Button type="button" priority="secondary" onClick={onCancel}>Annuler</Button></li>
      </ul>
    </form>
  );
}

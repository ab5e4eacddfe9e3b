import { useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { PartnerKind, Referent, ReferentBody } from "../../api/partners";
import type { ApiError } from "../../api/problem";
import { ApiErrorAlert, fieldState } from "../ApiErrorAlert";

const FIELDS = ["name", "function", "email", "phone", "structure_id", "valid_from", "valid_to"] as const;
type Draft = Record<(typeof FIELDS)[number], string>;

const toDraft = (r: Referent | null): Draft => ({
  name: r?.name ?? "", function: r?.function ?? "", email: r?.email ?? "", phone: r?.phone ?? "",
  structure_id: r?.structure_id ?? "", valid_from: r?.valid_from ?? "", valid_to: r?.valid_to ?? "",
});

type Props = {
  partner: { kind: PartnerKind; id: string };
  referent: Referent | null;
  /** Structures of the département, sorted by name: a referent may be one structure's only. */
  structures: { id: string; name: string }[];
  error: ApiError | null;
  busy: boolean;
  onSubmit: (body: ReferentBody) => void;
  onCancel: () => void;
};

/** Ajout ou modification d’un référent: name, function, contact, département or one structure, validity dates. */
export function ReferentForm({ partner, referent, structures, error, busy, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(referent));
  const text = (field: keyof Draft) => ({
    name: field, value: draft[field],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({
      partner_kind: partner.kind, partner_id: partner.id, structure_id: draft.structure_id,
      name: draft.name.trim(), function: draft.function.trim(), email: draft.email.trim(), phone: draft.phone.trim(),
      valid_from: draft.valid_from, valid_to: draft.valid_to,
    });
  };
  return (
    <form className="maillage-box fr-p-3w fr-mb-3w" onSubmit={submit} noValidate aria-labelledby="referent-form-title">
      <h3 id="referent-form-title" className="fr-h6">{referent ? `Modifier le référent ${referent.name}` : "Nouveau référent"}</h3>
      <ApiErrorAlert error={error} shownFields={FIELDS} />
      <Input label="Nom du référent" {...fieldState(error, "name")} nativeInputProps={{ ...text("name"), required: true, autoComplete: "off" }} />
      <Input label="Fonction" hintText="Facultatif" {...fieldState(error, "function")} nativeInputProps={text("function")} />
      <Input label="Adresse e-mail" {...fieldState(error, "email")} nativeInputProps={{ ...text("email"), type: "email", autoComplete: "off" }} />
      <Input label="Téléphone" hintText="Facultatif" {...fieldState(error, "phone")} nativeInputProps={{ ...text("phone"), type: "tel" }} />
      <Select label="Périmètre" hint="Le référent couvre tout le département, ou une seule structure" {...fieldState(error, "structure_id")}
        nativeSelectProps={text("structure_id")}>
        <option value="">Tout le département</option>
        {structures.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </Select>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input label="En fonction depuis le" hintText="Facultatif" {...fieldState(error, "valid_from")} nativeInputProps={{ ...text("valid_from"), type: "date" }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Jusqu’au" hintText="Facultatif" {...fieldState(error, "valid_to")} nativeInputProps={{ ...text("valid_to"), type: "date" }} />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li><Button type="submit" disabled={busy}>Enregistrer le référent</Button></li>
        <li><Button type="button" priority="secondary" onClick={onCancel}>Annuler</Button></li>
      </ul>
    </form>
  );
}

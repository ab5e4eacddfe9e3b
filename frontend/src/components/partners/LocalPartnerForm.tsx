import { useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { LocalPartner, LocalPartnerBody, LocalPartnerType } from "../../api/partners";
import type { ApiError } from "../../api/problem";
import { LOCAL_PARTNER_TYPES } from "../../partners/labels";
import { ApiErrorAlert, fieldState } from "../ApiErrorAlert";

const FIELDS = ["name", "type", "type_label", "contact_email", "phone", "website", "notes"] as const;
type Draft = Record<(typeof FIELDS)[number], string>;

function toDraft(p: LocalPartner | null): Draft {
  return {
    name: p?.name ?? "", type: p?.type ?? "mission_locale", type_label: p?.type_label ?? "", contact_email: p?.contact_email ?? "",
    phone: p?.phone ?? "", website: p?.website ?? "", notes: p?.notes ?? "",
  };
}

/** The body of POST/PATCH: trimmed values; the free label only with the type "autre". */
export function toLocalPartnerBody(d: Draft): LocalPartnerBody {
  return {
    name: d.name.trim(), type: d.type as LocalPartnerType, ...(d.type === "autre" ? { type_label: d.type_label.trim() } : { type_label: "" }),
    contact_email: d.contact_email.trim(), phone: d.phone.trim(), website: d.website.trim(), notes: d.notes.trim(),
  };
}

type Props = {
  partner: LocalPartner | null;
  error: ApiError | null;
  busy: boolean;
  onSubmit: (body: LocalPartnerBody) => void;
  onCancel: () => void;
};

/** Création ou modification d’un partenaire local: type from the list, "autre" with a free label, contact, notes. */
export function LocalPartnerForm({ partner, error, busy, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(partner));
  const text = (field: keyof Draft) => ({
    name: field, value: draft[field],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(toLocalPartnerBody(draft));
  };
  return (
    <form className="maillage-box fr-p-3w fr-mb-3w" onSubmit={submit} noValidate aria-labelledby="local-partner-form-title">
      <h3 id="local-partner-form-title" className="fr-h6">{partner ? `Modifier ${partner.name}` : "Nouveau partenaire local"}</h3>
      <ApiErrorAlert error={error} shownFields={FIELDS} />
      <Input label="Nom" {...fieldState(error, "name")} nativeInputProps={{ ...text("name"), required: true, autoComplete: "off" }} />
      <Select label="Type de partenaire" {...fieldState(error, "type")} nativeSelectProps={text("type")}>
        {Object.entries(LOCAL_PARTNER_TYPES).map(([code, label]) => <option key={code} value={code}>{label}</option>)}
      </Select>
      {draft.type === "autre" && (
        <Input label="Type (précisez)" hintText="Par exemple : point d’accès au droit, écrivain public" {...fieldState(error, "type_label")}
          nativeInputProps={{ ...text("type_label"), required: true }} />
      )}
      <Input label="Adresse e-mail de contact" hintText="Facultatif" {...fieldState(error, "contact_email")}
        nativeInputProps={{ ...text("contact_email"), type: "email", autoComplete: "off" }} />
      <Input label="Téléphone" hintText="Facultatif" {...fieldState(error, "phone")} nativeInputProps={{ ...text("phone"), type: "tel" }} />
      <Input label="Site internet" hintText="Facultatif, adresse complète (https://…)" {...fieldState(error, "website")}
        nativeInputProps={{ ...text("website"), type: "url" }} />
      <Input label="Notes" hintText="Facultatif, visibles des utilisateurs du département" textArea {...fieldState(error, "notes")}
        nativeTextAreaProps={text("notes")} />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li><Button type="submit" disabled={busy}>Enregistrer le partenaire</Button></li>
        <li><Button type="button" priority="secondary" onClick={onCancel}>Annuler</Button></li>
      </ul>
    </form>
  );
}

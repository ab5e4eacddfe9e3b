import { useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { ApiClientBody, ApiClientUpdate, MachineClient } from "../../api/partners";
import type { ApiError } from "../../api/problem";
import { SCOPES, partnerKey, splitPartnerKey } from "../../partners/labels";
import type { PartnerOption } from "../../partners/permanenceForm";
import { ApiErrorAlert, fieldState } from "../ApiErrorAlert";
import { DepartementPicker } from "../DepartementPicker";

const FIELDS = ["name", "organisation_kind", "organisation_id", "departements", "scopes", "valid_from", "valid_to"] as const;

type Props = {
  organisations: PartnerOption[];
  departements: { code: string; label: string }[];
  initialDepartement: string;
  /** The client edited (PATCH): its organisation is shown, not changed. Absent: a new client. */
  editing?: MachineClient | null;
  error: ApiError | null;
  busy: boolean;
  onSubmit: (body: ApiClientBody) => void;
  onUpdate?: (c: MachineClient, body: ApiClientUpdate) => void;
  onCancel: () => void;
};

/** Nouveau client API (the secret comes back once) or its modification: name, départements, scopes and validity. */
export function ApiClientForm({ organisations, departements, initialDepartement, editing, error, busy, onSubmit, onUpdate, onCancel }: Props) {
  const [name, setName] = useState(editing?.name ?? "");
  const [organisation, setOrganisation] = useState(editing ? partnerKey(editing.organisation_kind, editing.organisation_id) : "");
  const [deps, setDeps] = useState<string[]>(editing?.departements ?? (initialDepartement ? [initialDepartement] : []));
  const [scopes, setScopes] = useState<string[]>(editing?.scopes ?? ["structures:read"]);
  const [validFrom, setValidFrom] = useState(editing?.valid_from ?? "");
  const [validTo, setValidTo] = useState(editing?.valid_to ?? "");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (editing) {
      onUpdate?.(editing, { name: name.trim(), departements: deps, scopes, valid_from: validFrom, valid_to: validTo });
      return;
    }
    const org = splitPartnerKey(organisation);
    onSubmit({
      name: name.trim(), organisation_kind: org?.kind ?? "operator", organisation_id: org?.id ?? "", departements: deps, scopes,
      ...(validFrom ? { valid_from: validFrom } : {}), ...(validTo ? { valid_to: validTo } : {}),
    });
  };
  const orgError = error?.fieldError("organisation_id") ?? error?.fieldError("organisation_kind");
  const depError = error?.fieldError("departements");
  const scopeError = error?.fieldError("scopes");

  return (
    <form className="maillage-box fr-p-3w fr-mb-3w" onSubmit={submit} noValidate aria-labelledby="api-client-form-title">
      <h2 id="api-client-form-title" className="fr-h5">{editing ? `Modifier le client API « ${editing.name} »` : "Nouveau client API"}</h2>
      <ApiErrorAlert error={error} shownFields={FIELDS} />
      <Input label="Nom du client" hintText="Le logiciel et son éditeur, par exemple « Logiciel de rendez-vous de la CAF 70 »"
        {...fieldState(error, "name")} nativeInputProps={{ name: "name", value: name, onChange: (e) => setName(e.target.value), required: true, autoComplete: "off" }} />
      <Select label="Organisation" hint={editing ? "L’organisation d’un client ne change pas : créez-en un autre." : "Le client agit au nom de cette organisation"}
        disabled={Boolean(editing)} state={orgError ? "error" : "default"} stateRelatedMessage={orgError}
        nativeSelectProps={{ name: "organisation", value: organisation, onChange: (e) => setOrganisation(e.target.value), required: true }}>
        <option value="" disabled>Choisissez une organisation</option>
        {editing && !organisations.some((o) => o.key === organisation) && <option value={organisation}>{editing.organisation_id}</option>}
        {organisations.map((o) => <option key={o.key} value={o.key}>{o.label}</option>)}
      </Select>
      <DepartementPicker options={departements} value={deps} onChange={setDeps} state={depError ? "error" : "default"} stateRelatedMessage={depError} />
      <Checkbox legend="Droits (scopes)" hintText="Ce que le client pourra faire avec son jeton" state={scopeError ? "error" : "default"} stateRelatedMessage={scopeError}
        options={SCOPES.map((s) => ({
          label: s.label, hintText: s.code,
          nativeInputProps: { name: "scopes", value: s.code, checked: scopes.includes(s.code),
            onChange: (e) => setScopes((list) => (e.target.checked ? [...list, s.code] : list.filter((c) => c !== s.code))) },
        }))} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Valide à partir du" hintText={editing ? "Facultatif" : "Aujourd’hui si vide"} {...fieldState(error, "valid_from")}
            nativeInputProps={{ type: "date", value: validFrom, onChange: (e) => setValidFrom(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Valide jusqu’au" hintText="Facultatif" {...fieldState(error, "valid_to")}
            nativeInputProps={{ type: "date", value: validTo, onChange: (e) => setValidTo(e.target.value) }} />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li><Button type="submit" disabled={busy}>{editing ? "Enregistrer le client" : "Créer le client"}</Button></li>
        <li><Button type="button" priority="secondary" onClick={onCancel}>Annuler</Button></li>
      </ul>
    </form>
  );
}

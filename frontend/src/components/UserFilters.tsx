import { useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { ROLES, ROLE_LABELS } from "../auth/roles";

export type UserFilterValues = { departement: string; role: string; active: string; q: string };

type Props = {
  value: UserFilterValues;
  departementOptions: { code: string; label: string }[];
  onChange: (value: UserFilterValues) => void;
};

/** Filters of the user list: département, rôle, statut and a free-text search. */
export function UserFilters({ value, departementOptions, onChange }: Props) {
  const [draft, setDraft] = useState(value);
  const set = (key: keyof UserFilterValues) => (v: string) => setDraft((d) => ({ ...d, [key]: v }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ ...draft, q: draft.q.trim() });
  };
  return (
    <form onSubmit={onSubmit} aria-label="Filtrer les utilisateurs" role="search" className="fr-mb-3w">
      <div className="fr-grid-row fr-grid-row--gutters maillage-filters">
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label="Nom ou e-mail"
            nativeInputProps={{ type: "search", name: "q", value: draft.q, onChange: (e) => set("q")(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select label="Département" nativeSelectProps={{ name: "departement", value: draft.departement, onChange: (e) => set("departement")(e.target.value) }}>
            <option value="">Tous</option>
            {departementOptions.map((d) => <option key={d.code} value={d.code}>{d.label}</option>)}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Select label="Rôle" nativeSelectProps={{ name: "role", value: draft.role, onChange: (e) => set("role")(e.target.value) }}>
            <option value="">Tous</option>
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Select label="Statut" nativeSelectProps={{ name: "active", value: draft.active, onChange: (e) => set("active")(e.target.value) }}>
            <option value="">Tous</option>
            <option value="true">Actifs</option>
            <option value="false">Désactivés</option>
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-2 fr-mb-3w">
          <Button type="submit" iconId="fr-icon-filter-line">Filtrer</Button>
        </div>
      </div>
    </form>
  );
}

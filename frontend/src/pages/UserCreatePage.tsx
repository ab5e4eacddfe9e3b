import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { ButtonsGroup } from "@codegouvfr/react-dsfr/ButtonsGroup";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap, type Schemas } from "../api/client";
import { headerParams, toUser } from "../api/models";
import { idempotencyKeys } from "../api/idempotency";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ROLE_LABELS, creatableRoles, roleNeedsDepartements, type Role } from "../auth/roles";
import { ApiErrorAlert, fieldState, invalidProps } from "../components/ApiErrorAlert";
import { MIN_PASSWORD_LENGTH } from "../components/ChangePasswordForm";
import { DepartementPicker } from "../components/DepartementPicker";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel, useReferenceData } from "../components/useReferenceData";

type CreateUserRequest = Schemas["CreateUserRequest"];
const FIELDS = ["email", "name", "role", "departements", "region_code", "partner_org", "password"] as const;
const nextKey = idempotencyKeys();

/** Body of POST /users with only the fields that matter for the chosen role. */
export function buildCreateUserBody(form: {
  email: string; name: string; role: Role; departements: string[]; regionCode: string; partnerOrg: string; password: string;
}): CreateUserRequest {
  const body: CreateUserRequest = { email: form.email.trim(), name: form.name.trim(), role: form.role, password: form.password };
  if (roleNeedsDepartements(form.role)) body.departements = form.departements;
  if (form.role === "region") body.region_code = form.regionCode;
  if (form.role === "partner") body.partner_org = form.partnerOrg.trim();
  return body;
}

/** Nouvel utilisateur: creation form; the server's field errors are shown on the fields. */
export function UserCreatePage() {
  usePageTitle("Nouvel utilisateur");
  const client = useApi();
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const navigate = useNavigate();
  const roles = creatableRoles(me.role);
  const ownDepartements = me.role === "admin" ? null : me.departements;
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("animateur") ? "animateur" : roles[0]);
  const [departements, setDepartements] = useState<string[]>(ownDepartements?.length === 1 ? ownDepartements : []);
  const [regionCode, setRegionCode] = useState("");
  const [partnerOrg, setPartnerOrg] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const departementOptions = (ownDepartements ?? refs?.departements.map((d) => d.code) ?? [])
    .map((code) => ({ code, label: departementLabel(code, refs) }));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const body = buildCreateUserBody({ email, name, role, departements, regionCode, partnerOrg, password });
    try {
      const created = toUser(await unwrap(client.api.POST("/users", {
        params: { header: headerParams({ "Idempotency-Key": nextKey(body) }) },
        body,
      })));
      navigate(`/utilisateurs/${created.id}`, { state: { created: true } });
    } catch (err) {
      setError(toApiError(err));
      setSubmitting(false);
    }
  };

  const text = (value: string, set: (v: string) => void, extra: Record<string, unknown> = {}) => ({
    value, onChange: (e: { target: { value: string } }) => set(e.target.value), required: true, ...extra,
  });

  return (
    <div className="fr-my-4w">
      <Breadcrumb
        currentPageLabel="Nouvel utilisateur"
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Utilisateurs", linkProps: { to: "/utilisateurs" } }]}
      />
      <h1>Nouvel utilisateur</h1>
      <ApiErrorAlert error={error} shownFields={FIELDS} />
      <form onSubmit={onSubmit} noValidate aria-label="Nouvel utilisateur" className="fr-col-12 fr-col-md-8">
        <p className="fr-text--sm">Tous les champs sont obligatoires.</p>
        <Input label="Adresse e-mail" hintText="Format attendu : nom@domaine.fr" {...fieldState(error, "email")}
          nativeInputProps={{ type: "email", name: "email", ...invalidProps(error, "email"), autoComplete: "off", ...text(email, setEmail) }} />
        <Input label="Nom" hintText="Prénom et nom" {...fieldState(error, "name")}
          nativeInputProps={{ name: "name", ...invalidProps(error, "name"), autoComplete: "off", ...text(name, setName) }} />
        <Select label="Rôle" {...fieldState(error, "role")}
          nativeSelectProps={{ name: "role", ...invalidProps(error, "role"), value: role, onChange: (e) => setRole(e.target.value as Role) }}>
          {roles.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
        </Select>
        {roleNeedsDepartements(role) && (
          <DepartementPicker options={departementOptions} value={departements} onChange={setDepartements}
            {...fieldState(error, "departements")} />
        )}
        {role === "region" && (
          <Select label="Région" {...fieldState(error, "region_code")}
            nativeSelectProps={{ name: "region_code", ...invalidProps(error, "region_code"), ...text(regionCode, setRegionCode) }}>
            <option value="" disabled>Choisissez une région</option>
            {(refs?.regions ?? []).map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
          </Select>
        )}
        {role === "partner" && (
          <Input label="Organisation partenaire" hintText="Par exemple : CAF, CPAM, France Travail" {...fieldState(error, "partner_org")}
            nativeInputProps={{ name: "partner_org", ...invalidProps(error, "partner_org"), ...text(partnerOrg, setPartnerOrg) }} />
        )}
        <Input label="Mot de passe initial" hintText={`Au moins ${MIN_PASSWORD_LENGTH} caractères. Communiquez-le à la personne, qui le changera dans « Mon compte ».`}
          {...fieldState(error, "password")}
          nativeInputProps={{ type: "password", name: "password", ...invalidProps(error, "password"), autoComplete: "new-password", minLength: MIN_PASSWORD_LENGTH, ...text(password, setPassword) }} />
        <ButtonsGroup inlineLayoutWhen="sm and up" buttons={[
          { children: "Créer l’utilisateur", type: "submit", disabled: submitting },
          { children: "Annuler", priority: "secondary", linkProps: { to: "/utilisateurs" } },
        ]} />
      </form>
    </div>
  );
}

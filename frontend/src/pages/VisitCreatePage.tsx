import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../api/client";
import { idempotencyKeys } from "../api/idempotency";
import { headerParams } from "../api/models";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert, fieldState } from "../components/ApiErrorAlert";
import { usePageTitle } from "../components/usePageTitle";
import { PeopleEditor, peopleInput, type Person } from "../components/visits/PeopleEditor";
import { VISIT_TYPES, visitTypesFor, type VisitType } from "../visits/labels";

const nextKey = idempotencyKeys();
const SHOWN = ["structure_id", "type", "planned_date", "planned_time", "duration_minutes", "visitors", "people_met"];

/** Planifier une visite: POST /visits (planned), prefilled from the plan (?structure=&type=&date=). */
export function VisitCreatePage() {
  usePageTitle("Planifier une visite");
  const client = useApi();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const types = visitTypesFor(me.role);
  const [structures, setStructures] = useState<{ id: string; name: string; commune_name: string }[] | null>(null);
  const [structureId, setStructureId] = useState(params.get("structure") ?? "");
  const requestedType = params.get("type") as VisitType | null;
  const [type, setType] = useState<VisitType>(requestedType && types.includes(requestedType) ? requestedType : types[0]);
  const [plannedDate, setPlannedDate] = useState(params.get("date") ?? "");
  const [plannedTime, setPlannedTime] = useState("");
  const [duration, setDuration] = useState("120");
  const [withMe, setWithMe] = useState(true);
  const [visitors, setVisitors] = useState<Person[]>([]);
  const [peopleMet, setPeopleMet] = useState<Person[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    unwrap(client.api.GET("/structures", { params: { query: { limit: 200 } } }))
      .then((page) => !cancelled && setStructures((page.items ?? []).map((s) => ({ id: s.id ?? "", name: s.name ?? "", commune_name: s.commune_name ?? "" }))
        .sort((a, b) => a.name.localeCompare(b.name, "fr"))))
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      structure_id: structureId || undefined,
      type,
      status: "planifiee" as const,
      planned_date: plannedDate || undefined,
      planned_time: plannedTime,
      duration_minutes: Number(duration) || 120,
      visitors: [...(withMe ? [{ user_id: me.id }] : []), ...peopleInput(visitors)],
      people_met: peopleInput(peopleMet).map((p) => ({ name: p.name, function: p.function })),
    };
    try {
      const visit = await unwrap(client.api.POST("/visits", { body, params: { header: headerParams({ "Idempotency-Key": nextKey(body) }) } }));
      navigate(`/visites/${visit.id}`, { state: { notice: "La visite est planifiée." } });
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  }

  const known = structures?.some((s) => s.id === structureId) ?? true;
  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Planifier une visite" homeLinkProps={{ to: "/" }}
        segments={[{ label: "Visites", linkProps: { to: "/visites" } }]} />
      <h1>Planifier une visite</h1>
      <ApiErrorAlert error={error} shownFields={SHOWN} />
      <form onSubmit={submit} noValidate>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Select label="Structure visitée" {...fieldState(error, "structure_id")}
              nativeSelectProps={{ name: "structure_id", required: true, value: structureId, onChange: (e) => setStructureId(e.target.value) }}>
              <option value="">{structures ? "Choisir une structure" : "Chargement des structures…"}</option>
              {!known && <option value={structureId}>Structure choisie dans le plan</option>}
              {(structures ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}{s.commune_name ? ` (${s.commune_name})` : ""}</option>)}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Select label="Type de visite" {...fieldState(error, "type")}
              nativeSelectProps={{ name: "type", value: type, onChange: (e) => setType(e.target.value as VisitType) }}>
              {types.map((t) => <option key={t} value={t}>{VISIT_TYPES[t]}</option>)}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input label="Date prévue" {...fieldState(error, "planned_date")}
              nativeInputProps={{ name: "planned_date", type: "date", required: true, value: plannedDate, onChange: (e) => setPlannedDate(e.target.value) }} />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input label="Heure (facultatif)" hintText="Vide : toute la journée." {...fieldState(error, "planned_time")}
              nativeInputProps={{ name: "planned_time", type: "time", value: plannedTime, onChange: (e) => setPlannedTime(e.target.value) }} />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input label="Durée en minutes" hintText="De 15 à 720." {...fieldState(error, "duration_minutes")}
              nativeInputProps={{ name: "duration_minutes", type: "number", min: 15, max: 720, value: duration, onChange: (e) => setDuration(e.target.value) }} />
          </div>
        </div>
        <Checkbox options={[{ label: `Je participe à la visite (${me.name || me.email})`,
          nativeInputProps: { name: "with_me", checked: withMe, onChange: (e) => setWithMe(e.target.checked) } }]} />
        <PeopleEditor legend="Autres visiteurs (nom et fonction)" field="visitors" people={visitors} onChange={setVisitors}
          max={withMe ? 9 : 10} readOnly={false} error={error} addLabel="Ajouter un visiteur" />
        <PeopleEditor legend="Personnes rencontrées" field="people_met" people={peopleMet} onChange={setPeopleMet}
          max={30} readOnly={false} error={error} addLabel="Ajouter une personne rencontrée" />
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li><Button type="submit" disabled={busy}>Planifier la visite</Button></li>
          <li><Button type="button" priority="secondary" onClick={() => navigate(-1)}>Annuler</Button></li>
        </ul>
      </form>
    </div>
  );
}

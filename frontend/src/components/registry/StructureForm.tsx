import { useEffect, useRef, useState, type FormEvent } from "react";
import { ButtonsGroup } from "@codegouvfr/react-dsfr/ButtonsGroup";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../../api/client";
import { toGroup, toStructureSummary, type CoordinatesSource, type Group, type StructureSummary } from "../../api/registry";
import type { ApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import { CARRIER_TYPES, FORMATS, carrierTypeLabel, formatLabel } from "../../registry/labels";
import {
  STRUCTURE_FORM_FIELDS, hasOwnCoordinates, type StructureFormTextKey, type StructureFormValues,
} from "../../registry/structureForm";
import { ApiErrorAlert, fieldState, invalidProps } from "../ApiErrorAlert";
import { CommunePicker } from "./CommunePicker";

type Props = {
  mode: "create" | "edit";
  initial: StructureFormValues;
  /** Id of the structure being edited (left out of the main sites an antenna may attach to). */
  structureId?: string;
  /** Where the edited structure's coordinates come from (the reset offer names it). */
  coordinatesSource?: CoordinatesSource;
  departementOptions: { code: string; label: string }[];
  error: ApiError | null;
  submitting: boolean;
  onSubmit: (values: StructureFormValues) => void;
  cancelTo: string;
};

/** Main sites and multi-site groups of a département (choices for "site principal" and "groupe"). */
function useDepartementChoices(departement: string) {
  const client = useApi();
  const [sites, setSites] = useState<StructureSummary[]>([]);
  const [groups, setGroups] = useState<Group[]>([]);
  useEffect(() => {
    if (!departement) return;
    let cancelled = false;
    (async () => {
      const all: StructureSummary[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i += 1) {
        const page = await unwrap(client.api.GET("/structures", { params: { query: { departement, format: "site", limit: 200, cursor } } }));
        all.push(...(page.items ?? []).map(toStructureSummary));
        cursor = page.next_cursor ?? undefined;
        if (!cursor) break;
      }
      const groupPage = await unwrap(client.api.GET("/groups", { params: { query: { departement } } }));
      if (!cancelled) {
        setSites(all);
        setGroups((groupPage.items ?? []).map(toGroup));
      }
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [client, departement]);
  return { sites, groups };
}

/** Creation and edition form of a structure; the server's field errors appear on their fields. */
export function StructureForm({ mode, initial, structureId, coordinatesSource, departementOptions, error, submitting, onSubmit, cancelTo }: Props) {
  const [v, setValues] = useState(initial);
  const alertRef = useRef<HTMLDivElement>(null);
  // After a rejected submission, bring the summary of the errors into view (the fields say the rest).
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);
  const { sites, groups } = useDepartementChoices(v.departement_code);
  const set = (key: StructureFormTextKey) => (value: string) => setValues((old) => ({ ...old, [key]: value }));
  // Coordinates of its own (from the ANCT file or typed) can be dropped: the structure goes back to its commune's centre.
  const canReset = mode === "edit" && hasOwnCoordinates(initial);
  const resetting = canReset && v.reset_coordinates;

  const text = (key: StructureFormTextKey, field: string = key, extra: Record<string, unknown> = {}) => ({
    name: field,
    value: v[key],
    onChange: (e: { target: { value: string } }) => set(key)(e.target.value),
    ...invalidProps(error, field),
    ...extra,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(v);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={mode === "create" ? "Nouvelle structure" : "Modifier la structure"}>
      <div ref={alertRef} tabIndex={-1} className="maillage-focus-target">
        <ApiErrorAlert error={error} shownFields={STRUCTURE_FORM_FIELDS} />
      </div>
      <p className="fr-text--sm">Le nom, la commune et le format sont obligatoires ; les autres champs sont facultatifs.</p>

      <fieldset className="fr-fieldset" aria-labelledby="identity-legend">
        <legend className="fr-fieldset__legend fr-h5" id="identity-legend">Identité</legend>
        <div className="fr-fieldset__element">
          {mode === "create" && departementOptions.length > 1 && (
            <Select label="Département" {...fieldState(error, "departement_code")}
              nativeSelectProps={{ ...text("departement_code"), onChange: (e) => setValues((o) => ({ ...o, departement_code: e.target.value, commune_code: "", commune_name: "", parent_id: "", group_id: "" })) }}>
              <option value="" disabled>Choisissez un département</option>
              {departementOptions.map((d) => <option key={d.code} value={d.code}>{d.label}</option>)}
            </Select>
          )}
          <Input label="Nom" hintText="Par exemple : France services de Jussey" {...fieldState(error, "name")}
            nativeInputProps={{ ...text("name"), required: true, autoComplete: "off" }} />
          <Input label="Identifiant ANCT (facultatif)" hintText="Le numéro de la liste nationale, ou temp_N s’il est provisoire."
            {...fieldState(error, "id_fs")} nativeInputProps={{ ...text("id_fs"), autoComplete: "off" }} />
          <Select label="Format" {...fieldState(error, "format")} nativeSelectProps={text("format")}>
            {FORMATS.map((f) => <option key={f} value={f}>{formatLabel(f)}</option>)}
          </Select>
          {v.format === "antenne" && (
            <Select label="Site principal de rattachement" hint="Une antenne est rattachée à un site principal du même département."
              {...fieldState(error, "parent_id")} nativeSelectProps={text("parent_id")}>
              <option value="">Choisissez le site principal</option>
              {sites.filter((s) => s.id !== structureId).map((s) => (
                <option key={s.id} value={s.id}>{s.name} ({s.commune_name || "commune inconnue"})</option>
              ))}
            </Select>
          )}
          <Select label="Groupe multi-site (facultatif)" {...fieldState(error, "group_id")} nativeSelectProps={text("group_id")}>
            <option value="">Aucun groupe</option>
            {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </Select>
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="place-legend">
        <legend className="fr-fieldset__legend fr-h5" id="place-legend">Localisation</legend>
        <div className="fr-fieldset__element">
          <CommunePicker
            departement={v.departement_code}
            value={{ code: v.commune_code, name: v.commune_name }}
            onChange={(c) => setValues((o) => ({ ...o, commune_code: c.code, commune_name: c.name, postcode: o.postcode || c.postcode }))}
            {...fieldState(error, "commune_code")}
          />
          <Input label="Adresse" {...fieldState(error, "address")} nativeInputProps={{ ...text("address"), autoComplete: "street-address" }} />
          <Input label="Complément d’adresse" {...fieldState(error, "address_complement")} nativeInputProps={text("address_complement")} />
          <Input label="Code postal" hintText="5 chiffres" {...fieldState(error, "postcode")}
            nativeInputProps={{ ...text("postcode"), inputMode: "numeric", autoComplete: "postal-code", maxLength: 5 }} />
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <Input label="Latitude (facultatif)" hintText="Par exemple 47,6235. Vide : centre de la commune."
                disabled={resetting} {...fieldState(error, "latitude")} nativeInputProps={{ ...text("latitude"), inputMode: "decimal" }} />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Input label="Longitude (facultatif)" hintText="Par exemple 6,1547." disabled={resetting} {...fieldState(error, "longitude")}
                nativeInputProps={{ ...text("longitude"), inputMode: "decimal" }} />
            </div>
          </div>
          {canReset && (
            <Checkbox small options={[{
              label: "Revenir au centre de la commune",
              hintText: `Les coordonnées actuelles (${coordinatesSource === "manual" ? "saisies à la main" : "issues du fichier ANCT"}) seront effacées ; la structure sera placée au centre de sa commune.`,
              nativeInputProps: {
                name: "reset_coordinates",
                checked: v.reset_coordinates,
                onChange: (e) => setValues((o) => ({ ...o, reset_coordinates: e.target.checked })),
              },
            }]} />
          )}
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="contact-legend">
        <legend className="fr-fieldset__legend fr-h5" id="contact-legend">Contact</legend>
        <div className="fr-fieldset__element">
          <Input label="Téléphone" hintText="Par exemple : 03 84 75 64 76" {...fieldState(error, "phone")}
            nativeInputProps={{ ...text("phone"), type: "tel", autoComplete: "off" }} />
          <Input label="Adresse e-mail" hintText="Format attendu : nom@domaine.fr" {...fieldState(error, "email")}
            nativeInputProps={{ ...text("email"), type: "email", autoComplete: "off" }} />
          <Input label="Site web" hintText="Format attendu : https://www.exemple.fr" {...fieldState(error, "website")}
            nativeInputProps={{ ...text("website"), type: "url", autoComplete: "off" }} />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="carrier-legend">
        <legend className="fr-fieldset__legend fr-h5" id="carrier-legend">Porteur</legend>
        <div className="fr-fieldset__element">
          <Select label="Type de porteur" {...fieldState(error, "carrier.type")} nativeSelectProps={text("carrier_type", "carrier.type")}>
            {CARRIER_TYPES.map((c) => <option key={c} value={c}>{carrierTypeLabel(c)}</option>)}
          </Select>
          <Input label="Nom du porteur" {...fieldState(error, "carrier.name")} nativeInputProps={text("carrier_name", "carrier.name")} />
          <Input label="SIRET du porteur" hintText="14 chiffres" {...fieldState(error, "carrier.siret")}
            nativeInputProps={{ ...text("carrier_siret", "carrier.siret"), inputMode: "numeric", autoComplete: "off" }} />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="more-legend">
        <legend className="fr-fieldset__legend fr-h5" id="more-legend">Accessibilité et commentaire</legend>
        <div className="fr-fieldset__element">
          <Input textArea label="Accessibilité" hintText="Accès pour les personnes à mobilité réduite, stationnement, transports…"
            {...fieldState(error, "accessibility_notes")} nativeTextAreaProps={{ ...text("accessibility_notes"), rows: 3 }} />
          <Input textArea label="Commentaire" {...fieldState(error, "comment")} nativeTextAreaProps={{ ...text("comment"), rows: 3 }} />
        </div>
      </fieldset>

      <ButtonsGroup inlineLayoutWhen="sm and up" buttons={[
        { children: mode === "create" ? "Créer la structure" : "Enregistrer les modifications", type: "submit", disabled: submitting },
        { children: "Annuler", priority: "secondary", linkProps: { to: cancelTo } },
      ]} />
    </form>
  );
}

import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { newSiteRow, type SiteRow } from "../../labelling/candidature";
import { CommunePicker } from "../registry/CommunePicker";

type Props = {
  departement: string;
  sites: SiteRow[];
  onChange: (sites: SiteRow[]) => void;
  readOnly: boolean;
  /** The message of a row's field ("name", "commune_code", "address"), or of the whole list with field "". */
  message: (index: number, field: string) => string | undefined;
  listError?: string;
};

const MAX_SITES = 20;

/** Sites prévus of a candidature: one fieldset per site (name, commune, address), rows added and removed. */
export function SitesEditor({ departement, sites, onChange, readOnly, message, listError }: Props) {
  const set = (index: number, patch: Partial<SiteRow>) => onChange(sites.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const stateOf = (index: number, field: string) => {
    const m = message(index, field);
    return m ? { state: "error" as const, stateRelatedMessage: m } : {};
  };
  return (
    <fieldset className={`fr-fieldset${listError ? " fr-fieldset--error" : ""}`} aria-describedby={listError ? "sites-error" : undefined}>
      <legend className="fr-fieldset__legend">Sites prévus</legend>
      {sites.length === 0 && <p className="fr-fieldset__element maillage-muted">Aucun site prévu.</p>}
      {sites.map((site, index) => (
        <div key={site.key} className="fr-fieldset__element maillage-box fr-p-2w" role="group" aria-label={`Site prévu ${index + 1}`}>
          <Input label={`Nom du site ${index + 1}`} disabled={readOnly} {...stateOf(index, "name")}
            nativeInputProps={{ name: `site-${index}-name`, maxLength: 200, value: site.name, onChange: (e) => set(index, { name: e.target.value }) }} />
          {readOnly ? (
            <p>Commune : {site.commune_name || site.commune_code || "—"}</p>
          ) : (
            <CommunePicker departement={departement} legend={`Commune du site ${index + 1}`} name={`site-${index}-commune`}
              value={{ code: site.commune_code, name: site.commune_name }}
              onChange={(c) => set(index, { commune_code: c.code, commune_name: c.name })}
              {...stateOf(index, "commune_code")} />
          )}
          <Input label={`Adresse du site ${index + 1}`} disabled={readOnly} {...stateOf(index, "address")}
            nativeInputProps={{ name: `site-${index}-address`, maxLength: 300, value: site.address, onChange: (e) => set(index, { address: e.target.value }) }} />
          {!readOnly && (
            <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" onClick={() => onChange(sites.filter((_, i) => i !== index))}>
              Retirer<span className="fr-sr-only"> le site {index + 1}</span>
            </Button>
          )}
        </div>
      ))}
      {!readOnly && sites.length < MAX_SITES && (
        <div className="fr-fieldset__element">
          <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line" onClick={() => onChange([...sites, newSiteRow()])}>
            Ajouter un site
          </Button>
        </div>
      )}
      {listError && <p id="sites-error" className="fr-error-text fr-fieldset__element">{listError}</p>}
    </fieldset>
  );
}

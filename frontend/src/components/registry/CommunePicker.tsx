import { useEffect, useId, useState } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../../api/client";
import { toCommune, type Commune } from "../../api/registry";
import { useApi } from "../../auth/AuthContext";

type Props = {
  /** Département the commune must belong to ("" = any). */
  departement: string;
  value: { code: string; name: string };
  onChange: (commune: { code: string; name: string; postcode: string }) => void;
  legend?: string;
  name?: string;
  state?: "error" | "default";
  stateRelatedMessage?: string;
};

const MIN_CHARS = 2;

function optionLabel(c: Commune) {
  const postcode = c.postcodes[0] ? `${c.postcodes[0]} ` : "";
  return `${c.name} (${postcode}– INSEE ${c.code})`;
}

/** Accessible commune choice: a search field (name, postcode or INSEE code) and the select of the matches. */
export function CommunePicker({ departement, value, onChange, legend = "Commune", name = "commune_code", state = "default", stateRelatedMessage }: Props) {
  const client = useApi();
  const id = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Commune[]>([]);
  const [status, setStatus] = useState("");

  useEffect(() => {
    const q = query.trim();
    if (q.length < MIN_CHARS) {
      setResults([]);
      setStatus("");
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      unwrap(client.api.GET("/communes", { params: { query: { q, departement: departement || undefined, limit: 20 } } }))
        .then((page) => {
          if (cancelled) return;
          const found = (page.items ?? []).map(toCommune);
          setResults(found);
          setStatus(found.length === 0 ? "Aucune commune trouvée." : `${found.length} commune${found.length > 1 ? "s" : ""} trouvée${found.length > 1 ? "s" : ""} : choisissez-la dans la liste.`);
          if (!value.code && found[0]) onChange({ code: found[0].code, name: found[0].name, postcode: found[0].postcodes[0] ?? "" });
        })
        .catch(() => !cancelled && setStatus("La recherche de communes a échoué."));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // onChange and value are read at answer time on purpose: a new search is made only when the text changes.
  }, [client, query, departement]);

  const options = results.some((c) => c.code === value.code) || !value.code
    ? results
    : [{ code: value.code, name: value.name, departement_code: departement, postcodes: [] }, ...results];

  const onSelect = (code: string) => {
    const c = options.find((o) => o.code === code);
    onChange(c ? { code: c.code, name: c.name, postcode: c.postcodes[0] ?? "" } : { code: "", name: "", postcode: "" });
  };

  return (
    <fieldset className={`fr-fieldset${state === "error" ? " fr-fieldset--error" : ""}`} aria-labelledby={`${id}-legend`}>
      <legend className="fr-fieldset__legend" id={`${id}-legend`}>{legend}</legend>
      <div className="fr-fieldset__element">
        <Input
          label="Rechercher une commune"
          hintText="Au moins 2 caractères : nom, code postal ou code INSEE."
          nativeInputProps={{ type: "search", value: query, autoComplete: "off", onChange: (e) => setQuery(e.target.value) }}
        />
        <p className="fr-hint-text fr-mt-n2w fr-mb-2w" role="status" aria-live="polite">{status}</p>
      </div>
      <div className="fr-fieldset__element">
        <Select
          label="Commune retenue"
          state={state}
          stateRelatedMessage={stateRelatedMessage}
          nativeSelectProps={{
            name,
            value: value.code,
            onChange: (e) => onSelect(e.target.value),
            ...(state === "error" ? { "aria-invalid": true } : {}),
          }}
        >
          <option value="">{options.length ? "Choisissez une commune" : "Recherchez d’abord une commune"}</option>
          {options.map((c) => (
            <option key={c.code} value={c.code}>{c.postcodes.length ? optionLabel(c) : `${c.name} (INSEE ${c.code})`}</option>
          ))}
        </Select>
      </div>
    </fieldset>
  );
}

import { useSearchParams } from "react-router";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useApi, useCurrentUser } from "../../auth/AuthContext";
import { departementChoices } from "../territory";
import { departementLabel, useReferenceData, type ReferenceData } from "../useReferenceData";

/**
 * The département of a partners page, from `?departement=` (the first of the user's territory by default), and its
 * select, shown only when the user has more than one département.
 */
export function useDepartementParam(): {
  departement: string; refs: ReferenceData | null; params: URLSearchParams;
  setParam: (key: string, value: string) => void; picker: React.ReactNode;
} {
  const client = useApi();
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const [params, setParams] = useSearchParams();
  const choices = departementChoices(me, refs);
  const requested = params.get("departement") ?? "";
  const departement = choices.includes(requested) ? requested : choices[0] ?? "";

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const picker = choices.length > 1 ? (
    <Select label="Département" nativeSelectProps={{ value: departement, onChange: (e) => setParam("departement", e.target.value) }}>
      {choices.map((code) => <option key={code} value={code}>{departementLabel(code, refs)}</option>)}
    </Select>
  ) : null;

  return { departement, refs, params, setParam, picker };
}

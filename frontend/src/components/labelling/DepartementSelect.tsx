import { useSearchParams } from "react-router";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { ApiClient } from "../../api/client";
import { useCurrentUser } from "../../auth/AuthContext";
import { departementChoices } from "../territory";
import { departementLabel, useReferenceData } from "../useReferenceData";

/** The département of a labelling screen (?departement=…), among those of the actor's territory. */
export function useDepartementParam(client: ApiClient) {
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const [params, setParams] = useSearchParams();
  const choices = departementChoices(me, refs);
  const requested = params.get("departement") ?? "";
  const departement = choices.includes(requested) ? requested : choices[0] ?? "";
  const choose = (code: string) => setParams({ departement: code });
  return { refs, choices, departement, choose };
}

type Props = { choices: string[]; value: string; onChange: (code: string) => void; refs: ReturnType<typeof useReferenceData> };

/** The département select, shown only when the actor has more than one. */
export function DepartementSelect({ choices, value, onChange, refs }: Props) {
  if (choices.length <= 1) return null;
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-4">
        <Select label="Département" nativeSelectProps={{ name: "departement", value, onChange: (e) => onChange(e.target.value) }}>
          {choices.map((code) => <option key={code} value={code}>{departementLabel(code, refs)}</option>)}
        </Select>
      </div>
    </div>
  );
}

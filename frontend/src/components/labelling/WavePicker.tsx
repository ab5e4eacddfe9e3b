import { useEffect, useId, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { createWave, getWaves, type Wave } from "../../api/labelling";
import { ApiError, toApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import { formatDate } from "../../registry/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";

type Props = {
  departement: string;
  value: string;
  onChange: (waveId: string) => void;
  canCreate: boolean;
  error?: string;
};

/** The wave of a labelling: a select of the département's waves and, inline, "Créer une vague" (name and date). */
export function WavePicker({ departement, value, onChange, canCreate, error }: Props) {
  const client = useApi();
  const id = useId();
  const [waves, setWaves] = useState<Wave[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState({ name: "", date: "" });
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    getWaves(client, departement)
      .then((list) => !cancelled && setWaves(list.sort((a, b) => b.date.localeCompare(a.date))))
      .catch((err) => !cancelled && setLoadError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, departement]);

  async function create() {
    const problems: Record<string, string> = {};
    if (!draft.name.trim()) problems.name = "Nommez la vague, par exemple « Vague du 1er janvier 2027 ».";
    if (!draft.date) problems.date = "Indiquez la date de la vague.";
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setCreateError(null);
    try {
      const wave = await createWave(client, departement, { name: draft.name.trim(), date: draft.date });
      setWaves((list) => [wave, ...(list ?? []).filter((w) => w.id !== wave.id)]);
      onChange(wave.id);
      setCreating(false);
      setDraft({ name: "", date: "" });
    } catch (err) {
      setCreateError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const message = (field: string) => local[field] ?? createError?.fieldError(field);
  const stateOf = (field: string) => {
    const m = message(field);
    return m ? { state: "error" as const, stateRelatedMessage: m } : {};
  };

  return (
    <div className="fr-mb-3w">
      <ApiErrorAlert error={loadError} />
      <Select label="Vague de labellisation" hint="La date de la vague devient la date de label de la structure."
        {...(error ? { state: "error" as const, stateRelatedMessage: error } : {})}
        nativeSelectProps={{ name: "wave_id", value, onChange: (e) => onChange(e.target.value), ...(error ? { "aria-invalid": true } : {}) }}>
        <option value="">{waves === null ? "Chargement des vagues…" : waves.length ? "Choisissez une vague" : "Aucune vague : créez-en une"}</option>
        {(waves ?? []).map((w) => <option key={w.id} value={w.id}>{w.name} ({formatDate(w.date)})</option>)}
      </Select>
      {canCreate && !creating && (
        <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line" onClick={() => setCreating(true)}>
          Créer une vague
        </Button>
      )}
      {creating && (
        <div className="maillage-box fr-p-2w" role="group" aria-labelledby={`${id}-title`}>
          <p id={`${id}-title`} className="fr-text--bold fr-mb-1w">Nouvelle vague</p>
          <ApiErrorAlert error={createError} shownFields={["name", "date"]} />
          <Input label="Nom de la vague" {...stateOf("name")}
            nativeInputProps={{ name: "wave_name", maxLength: 200, value: draft.name, onChange: (e) => setDraft({ ...draft, name: e.target.value }) }} />
          <Input label="Date de la vague" {...stateOf("date")}
            nativeInputProps={{ name: "wave_date", type: "date", value: draft.date, onChange: (e) => setDraft({ ...draft, date: e.target.value }) }} />
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-mb-0">
            <li><Button type="button" size="small" disabled={busy} onClick={() => void create()}>Créer la vague</Button></li>
            <li><Button type="button" size="small" priority="secondary" onClick={() => { setCreating(false); setLocal({}); setCreateError(null); }}>Annuler</Button></li>
          </ul>
        </div>
      )}
    </div>
  );
}

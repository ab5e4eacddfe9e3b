import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ButtonsGroup } from "@codegouvfr/react-dsfr/ButtonsGroup";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { unwrap } from "../../api/client";
import { headerParams } from "../../api/models";
import { ApiError, toApiError } from "../../api/problem";
import { toStop, type Stop } from "../../api/registry";
import { useApi } from "../../auth/AuthContext";
import { ApiErrorAlert, fieldState, invalidProps } from "../ApiErrorAlert";
import { CommunePicker } from "./CommunePicker";
import { StopsImport } from "./StopsImport";

type Draft = { label: string; address: string; commune_code: string; commune_name: string };
const EMPTY: Draft = { label: "", address: "", commune_code: "", commune_name: "" };
const STOP_FIELDS = ["label", "address", "commune_code"] as const;

type Props = { structureId: string; departement: string; editable: boolean };

/** Arrêts of an itinerant structure, in order; add, edit and remove through /structures/{id}/stops. */
export function StopsEditor({ structureId, departement, editable }: Props) {
  const client = useApi();
  const [stops, setStops] = useState<Stop[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<Stop | "new" | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const page = await unwrap(client.api.GET("/structures/{id}/stops", { params: { path: { id: structureId } } }));
      setStops((page.items ?? []).map(toStop).sort((a, b) => a.position - b.position));
      setLoadError(null);
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, [client, structureId]);

  useEffect(() => {
    void load();
  }, [load]);

  const startEdit = (stop: Stop | "new") => {
    setEditing(stop);
    setError(null);
    setNotice("");
    setDraft(stop === "new" ? EMPTY : {
      label: stop.label, address: stop.address, commune_code: stop.commune_code ?? "",
      commune_name: stop.commune_name || (stop.commune_code ?? ""),
    });
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    // A new stop goes at the end of the round; the order changes with "Monter" / "Descendre".
    const body = { label: draft.label.trim(), address: draft.address.trim(), commune_code: draft.commune_code };
    try {
      if (editing === "new") {
        await unwrap(client.api.POST("/structures/{id}/stops", { params: { path: { id: structureId } }, body }));
        setNotice(`L’arrêt « ${body.label} » a été ajouté.`);
      } else if (editing) {
        await unwrap(client.api.PATCH("/structures/{id}/stops/{stop_id}", {
          params: { path: { id: structureId, stop_id: editing.id }, header: headerParams({ "If-Match": `"${editing.version}"` }) },
          body,
        }));
        setNotice(`L’arrêt « ${body.label} » a été modifié.`);
      }
      setEditing(null);
      await load();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  /**
   * Moves a stop one place up or down: one PATCH of its position (the server shifts the stop it passes, atomically),
   * then the list is read again.
   */
  const onMove = async (stop: Stop, offset: -1 | 1) => {
    setBusy(true);
    setError(null);
    setNotice("");
    try {
      const moved = toStop(await unwrap(client.api.PATCH("/structures/{id}/stops/{stop_id}", {
        params: { path: { id: structureId, stop_id: stop.id }, header: headerParams({ "If-Match": `"${stop.version}"` }) },
        body: { position: stop.position + offset },
      })));
      setNotice(`L’arrêt « ${stop.label} » est maintenant en position ${moved.position || stop.position + offset}.`);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      await load();
      setBusy(false);
    }
  };

  const onDelete = async (stop: Stop) => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(client.api.DELETE("/structures/{id}/stops/{stop_id}", {
        params: { path: { id: structureId, stop_id: stop.id }, header: headerParams({ "If-Match": `"${stop.version}"` }) },
      }));
      setNotice(`L’arrêt « ${stop.label} » a été retiré.`);
      setConfirming(null);
      await load();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <ApiErrorAlert error={loadError} />;
  if (!stops) return <p role="status">Chargement des arrêts…</p>;

  const actions = (stop: Stop, index: number) => confirming === stop.id ? (
    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
      <li><Button size="small" disabled={busy} onClick={() => void onDelete(stop)}>Confirmer le retrait de « {stop.label} »</Button></li>
      <li><Button size="small" priority="secondary" onClick={() => setConfirming(null)}>Annuler</Button></li>
    </ul>
  ) : (
    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
      {index > 0 && (
        <li><Button size="small" priority="tertiary" disabled={busy} onClick={() => void onMove(stop, -1)} nativeButtonProps={{ "aria-label": `Monter l’arrêt ${stop.label}` }}>Monter</Button></li>
      )}
      {index < (stops?.length ?? 0) - 1 && (
        <li><Button size="small" priority="tertiary" disabled={busy} onClick={() => void onMove(stop, 1)} nativeButtonProps={{ "aria-label": `Descendre l’arrêt ${stop.label}` }}>Descendre</Button></li>
      )}
      <li><Button size="small" priority="secondary" onClick={() => startEdit(stop)} nativeButtonProps={{ "aria-label": `Modifier l’arrêt ${stop.label}` }}>Modifier</Button></li>
      <li><Button size="small" priority="tertiary" onClick={() => setConfirming(stop.id)} nativeButtonProps={{ "aria-label": `Retirer l’arrêt ${stop.label}` }}>Retirer</Button></li>
    </ul>
  );

  return (
    <section aria-labelledby="stops-title" className="fr-mt-4w">
      <h3 id="stops-title">Arrêts de la tournée</h3>
      {notice && <Alert className="fr-mb-2w" severity="success" small role="status" description={notice} />}
      {!editing && <ApiErrorAlert error={error} />}
      {stops.length === 0 ? <p>Aucun arrêt enregistré.</p> : (
        <Table
          caption="Arrêts, dans l’ordre de la tournée"
          headers={["Ordre", "Arrêt", "Adresse", "Commune", ...(editable ? ["Actions"] : [])]}
          data={stops.map((s, i) => [
            String(i + 1), s.label, s.address || "—",
            s.commune_name || s.commune_code || "—",
            ...(editable ? [actions(s, i)] : []),
          ])}
        />
      )}
      {editable && !editing && (
        <Button iconId="fr-icon-add-line" priority="secondary" onClick={() => startEdit("new")}>Ajouter un arrêt</Button>
      )}
      {editable && !editing && <StopsImport structureId={structureId} onApplied={load} />}
      {editable && editing && (
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="stop-form-title" className="fr-mt-3w">
          <h4 id="stop-form-title">{editing === "new" ? "Ajouter un arrêt" : `Modifier l’arrêt « ${editing.label} »`}</h4>
          <ApiErrorAlert error={error} shownFields={STOP_FIELDS} />
          <Input label="Nom de l’arrêt" hintText="Par exemple : Place de la mairie" {...fieldState(error, "label")}
            nativeInputProps={{ name: "label", value: draft.label, required: true, ...invalidProps(error, "label"), onChange: (e) => setDraft((d) => ({ ...d, label: e.target.value })) }} />
          <Input label="Adresse (facultatif)" {...fieldState(error, "address")}
            nativeInputProps={{ name: "address", value: draft.address, ...invalidProps(error, "address"), onChange: (e) => setDraft((d) => ({ ...d, address: e.target.value })) }} />
          <CommunePicker legend="Commune de l’arrêt" name="stop_commune_code" departement={departement}
            value={{ code: draft.commune_code, name: draft.commune_name }}
            onChange={(c) => setDraft((d) => ({ ...d, commune_code: c.code, commune_name: c.name }))}
            {...fieldState(error, "commune_code")} />
          <ButtonsGroup inlineLayoutWhen="sm and up" buttons={[
            { children: editing === "new" ? "Ajouter l’arrêt" : "Enregistrer l’arrêt", type: "submit", disabled: busy },
            { children: "Annuler", priority: "secondary", type: "button", onClick: () => setEditing(null) },
          ]} />
        </form>
      )}
    </section>
  );
}

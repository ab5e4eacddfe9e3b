import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import "./hours.css";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { unwrap, type Schemas } from "../../api/client";
import { headerParams } from "../../api/models";
import { ApiError, toApiError } from "../../api/problem";
import type { Structure } from "../../api/registry";
import { useApi } from "../../auth/AuthContext";
import {
  addSchedule, fromSchedules, removeSchedule, scheduleName, selectSchedule, setHolidays, setSlots, toBody, updateSchedule,
  type HoursDraft,
} from "../../hours/schedules";
import { HOURS_DAYS } from "../../registry/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";
import { Loading } from "../Loading";
import { ComplianceHistory } from "./ComplianceHistory";
import { CompliancePanel } from "./CompliancePanel";
import { HolidayPolicy } from "./HolidayPolicy";
import { ScheduleList, ScheduleMeta, shownFieldsOf } from "./ScheduleList";
import { StopHoursRaw } from "./StopHoursRaw";
import { previewMessage, useCompliancePreview, useSlotOptions } from "./useHoursData";
import { WeekGrid } from "./WeekGrid";

/** The ANCT cells as imported, kept visible in a collapsed section. */
function RawHours({ structure: s }: { structure: Structure }) {
  const days = HOURS_DAYS.filter((d) => d.key in s.hours_raw);
  const known = new Set(HOURS_DAYS.map((d) => d.key));
  const others = Object.keys(s.hours_raw).filter((k) => !known.has(k));
  return (
    <Accordion label="Horaires de la liste nationale ANCT (cellules importées)" className="fr-mt-3w">
      {days.length + others.length === 0 ? (
        <p>Aucune cellule d’horaires dans la liste nationale.</p>
      ) : (
        <Table caption="Cellules de la liste nationale ANCT" headers={["Jour", "Cellule importée"]}
          data={[...days.map((d) => [d.label, s.hours_raw[d.key] || "Non renseigné"]), ...others.map((k) => [k, s.hours_raw[k] || "Non renseigné"])]} />
      )}
    </Accordion>
  );
}

type Props = { structure: Structure; editable: boolean };

type WireSet = Schemas["ScheduleSet"];

/**
 * Onglet Horaires: the structure's schedules (regular, seasonal, temporary), the weekly grid of the one selected, the
 * public-holiday policy, the live compliance of the whole draft set (server preview), the OSM string, save, and the
 * recorded compliance history.
 */
export function HoursTab({ structure, editable }: Props) {
  const client = useApi();
  const id = structure.id;
  const [draft, setDraft] = useState<HoursDraft | null>(null);
  const [saved, setSaved] = useState<{ body: string; set: WireSet } | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [osm, setOsm] = useState<{ osm: string; notes: string[] }>({ osm: "", notes: [] });
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);
  const [savedCount, setSavedCount] = useState(0);
  const version = useRef<number | null>(null);
  const { stops, agents } = useSlotOptions(client, structure);

  const loadFormats = useCallback(async () => {
    try {
      const f = await unwrap(client.api.GET("/structures/{id}/hours/formats", { params: { path: { id } } }));
      setOsm({ osm: f.osm ?? "", notes: f.osm_notes ?? [] });
    } catch {
      setOsm({ osm: "", notes: [] });
    }
  }, [client, id]);

  /** Takes a set read from (or written to) the server as the saved state; the selection stays when it can. */
  const accept = useCallback((set: WireSet, selected?: number) => {
    const next = fromSchedules(id, set.schedules ?? [], set.holidays);
    version.current = set.version ?? null;
    setDraft(selected === undefined ? next : selectSchedule(next, selected));
    setSaved({ body: JSON.stringify(toBody(next)), set });
  }, [id]);

  const load = useCallback(async () => {
    try {
      accept(await unwrap(client.api.GET("/structures/{id}/schedules", { params: { path: { id } } })));
      setLoadError(null);
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, [client, id, accept]);

  useEffect(() => {
    void load();
    void loadFormats();
  }, [load, loadFormats]);

  const body = useMemo(() => (draft ? JSON.stringify(toBody(draft)) : ""), [draft]);
  const dirty = body !== "" && body !== saved?.body;
  const preview = useCompliancePreview(client, id, body);
  // Field errors: those of the last save, else those of the live preview (a 422 as the user types).
  const fieldError = saveError ?? (preview.error?.status === 422 ? preview.error : null);

  /** A change of the draft; a refused save's field errors give way to the live preview's, which follow the edits. */
  const edit = (next: HoursDraft) => {
    setNotice("");
    if (saveError?.status === 422) setSaveError(null);
    setDraft(next);
  };

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setSaveError(null);
    setNotice("");
    const ifMatch = client.etagFor(`/structures/${id}/schedules`) ?? (version.current !== null ? `"${version.current}"` : undefined);
    const input: Schemas["ScheduleSetInput"] = toBody(draft);
    try {
      const set = await unwrap(client.api.PUT("/structures/{id}/schedules", {
        params: { path: { id }, header: headerParams(ifMatch ? { "If-Match": ifMatch } : {}) }, body: input,
      }));
      accept(set, draft.selected);
      setNotice("Les horaires ont été enregistrés.");
      setSavedCount((n) => n + 1);
      await loadFormats();
    } catch (err) {
      setSaveError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    if (!saved || !draft) return;
    setSaveError(null);
    setNotice("");
    setDraft(selectSchedule(fromSchedules(id, saved.set.schedules ?? [], saved.set.holidays), draft.selected));
  };

  if (loadError) return <ApiErrorAlert error={loadError} />;
  if (!draft) return <Loading />;

  const selected = draft.schedules[draft.selected];
  const gridTitle = draft.selected === draft.main ? "Créneaux des horaires habituels" : `Créneaux : ${scheduleName(selected.base)}`;

  return (
    <>
      <div className="maillage-hours-layout">
        <div className="maillage-hours-grid">
          <h3 className="fr-h5 fr-mb-1w">Horaires d’accueil</h3>
          <p className="fr-text--sm">
            {editable
              ? "Saisissez les créneaux de chaque jour, et si besoin des horaires saisonniers ou temporaires. La conformité est évaluée par le serveur à chaque modification ; rien n’est enregistré avant « Enregistrer »."
              : "Créneaux d’accueil de la structure."}
          </p>
          {saveError?.status === 412 ? (
            <Alert className="fr-mb-3w" severity="error" role="alert" title="Les horaires ont été modifiés entre-temps"
              description={<>
                <p className="fr-mb-1w">Quelqu’un a enregistré d’autres horaires depuis l’ouverture de cette page. Rechargez-les pour repartir de la dernière version (vos modifications seront perdues).</p>
                <Button type="button" size="small" priority="secondary" onClick={() => { setSaveError(null); void load(); void loadFormats(); }}>Recharger les horaires</Button>
              </>} />
          ) : (
            <ApiErrorAlert error={saveError} shownFields={[...shownFieldsOf(draft.selected), "holidays"]} />
          )}
          {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
          <ScheduleList draft={draft} editable={editable} error={fieldError}
            onSelect={(i) => setDraft(selectSchedule(draft, i))}
            onRemove={(i) => edit(removeSchedule(draft, i))}
            onAdd={(input) => edit(addSchedule(draft, id, input))} />
          {draft.holidays && (
            <HolidayPolicy policy={draft.holidays} editable={editable} error={fieldError} onChange={(p) => edit(setHolidays(draft, p))} />
          )}
          <h4 className="fr-h6 fr-mb-1w" id="grid-title">{gridTitle}</h4>
          {draft.selected !== draft.main && (
            <ScheduleMeta draft={draft} index={draft.selected} editable={editable} error={fieldError}
              onChange={(patch) => edit(updateSchedule(draft, draft.selected, patch))} />
          )}
          <WeekGrid key={selected.key} slots={selected.slots} onChange={(slots) => edit(setSlots(draft, draft.selected, slots))}
            scheduleIndex={draft.selected} error={fieldError} stops={stops} agents={agents} editable={editable} />
          {editable && (
            <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
              <li><Button type="button" onClick={() => void save()} disabled={busy || !dirty}>Enregistrer</Button></li>
              <li>
                <Button type="button" priority="secondary" disabled={busy || !dirty} onClick={cancel}>
                  Annuler les modifications
                </Button>
              </li>
            </ul>
          )}
        </div>
        <CompliancePanel report={preview.report} loading={preview.loading} error={preview.error ? previewMessage(preview.error) : null}
          osm={osm.osm} osmNotes={osm.notes} dirty={dirty} />
      </div>
      <ComplianceHistory structureId={id} reload={savedCount} />
      {structure.format === "itinerant" && <StopHoursRaw items={saved?.set.stop_hours_raw ?? []} stops={stops} />}
      <RawHours structure={structure} />
    </>
  );
}

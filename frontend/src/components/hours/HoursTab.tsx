import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import "./hours.css";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { unwrap } from "../../api/client";
import { headerParams } from "../../api/models";
import { ApiError, toApiError } from "../../api/problem";
import type { Structure } from "../../api/registry";
import { useApi } from "../../auth/AuthContext";
import { fromSchedules, toSchedules, type HoursDraft } from "../../hours/model";
import { HOURS_DAYS } from "../../registry/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";
import { Loading } from "../Loading";
import { CompliancePanel, type Report } from "./CompliancePanel";
import { WeekGrid, type AgentOption, type StopOption } from "./WeekGrid";

const PREVIEW_DELAY_MS = 400;

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

/** Onglet Horaires: weekly grid of the regular schedule, live compliance (server preview), OSM string, save. */
export function HoursTab({ structure, editable }: Props) {
  const client = useApi();
  const id = structure.id;
  const [draft, setDraft] = useState<HoursDraft | null>(null);
  const [saved, setSaved] = useState<string>("");
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [stops, setStops] = useState<StopOption[]>([]);
  const [agents, setAgents] = useState<AgentOption[]>([]);
  const [osm, setOsm] = useState<{ osm: string; notes: string[] }>({ osm: "", notes: [] });
  const [report, setReport] = useState<Report | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);
  const sequence = useRef(0);
  const version = useRef<number | null>(null);

  const loadFormats = useCallback(async () => {
    try {
      const f = await unwrap(client.api.GET("/structures/{id}/hours/formats", { params: { path: { id } } }));
      setOsm({ osm: f.osm ?? "", notes: f.osm_notes ?? [] });
    } catch {
      setOsm({ osm: "", notes: [] });
    }
  }, [client, id]);

  const load = useCallback(async () => {
    try {
      const set = await unwrap(client.api.GET("/structures/{id}/schedules", { params: { path: { id } } }));
      const next = fromSchedules(id, set.schedules ?? []);
      version.current = set.version ?? null;
      setDraft(next);
      setSaved(JSON.stringify(toSchedules(next)));
      setLoadError(null);
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, [client, id]);

  useEffect(() => {
    void load();
    void loadFormats();
  }, [load, loadFormats]);

  useEffect(() => {
    if (structure.format !== "itinerant") return;
    unwrap(client.api.GET("/structures/{id}/stops", { params: { path: { id } } }))
      .then((page) => setStops((page.items ?? [])
        .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
        .map((s) => ({ id: s.id ?? "", label: [s.label, s.commune_name].filter(Boolean).join(" — ") || "Arrêt" }))))
      .catch(() => setStops([]));
  }, [client, id, structure.format]);

  useEffect(() => {
    unwrap(client.api.GET("/structures/{id}/agents", { params: { path: { id } } }))
      .then((list) => setAgents((list.items ?? []).map((a) => ({ id: a.id ?? "", name: a.name ?? "" }))
        .sort((a, b) => a.name.localeCompare(b.name, "fr"))))
      .catch(() => setAgents([]));
  }, [client, id]);

  const body = useMemo(() => (draft ? JSON.stringify(toSchedules(draft)) : ""), [draft]);
  const dirty = body !== "" && body !== saved;

  // Live evaluation of the draft by the server, debounced; an answer older than the latest request is dropped.
  useEffect(() => {
    if (!body) return;
    const seq = ++sequence.current;
    setPreviewing(true);
    const timer = setTimeout(() => {
      unwrap(client.api.POST("/structures/{id}/compliance/preview", {
        params: { path: { id } }, body: { schedules: JSON.parse(body) as HoursDraft["schedules"] },
      }))
        .then((r) => {
          if (seq !== sequence.current) return;
          setReport(r);
          setPreviewError(null);
        })
        .catch((err) => {
          if (seq !== sequence.current) return;
          const e = toApiError(err);
          const fields = Object.values(e.errors);
          setPreviewError(e.status === 422
            ? `Évaluation impossible tant que la saisie contient des erreurs${fields.length ? ` : ${fields.join(" ; ")}` : "."}`
            : e.title);
        })
        .finally(() => {
          if (seq === sequence.current) setPreviewing(false);
        });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, id, body]);

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setSaveError(null);
    setNotice("");
    const ifMatch = client.etagFor(`/structures/${id}/schedules`) ?? (version.current !== null ? `"${version.current}"` : undefined);
    try {
      const set = await unwrap(client.api.PUT("/structures/{id}/schedules", {
        params: { path: { id }, header: headerParams(ifMatch ? { "If-Match": ifMatch } : {}) }, body: { schedules: toSchedules(draft) },
      }));
      const next = fromSchedules(id, set.schedules ?? []);
      version.current = set.version ?? null;
      setDraft(next);
      setSaved(JSON.stringify(toSchedules(next)));
      setNotice("Les horaires ont été enregistrés.");
      await loadFormats();
    } catch (err) {
      setSaveError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <ApiErrorAlert error={loadError} />;
  if (!draft) return <Loading />;

  const gridFields = saveError ? Object.keys(saveError.errors).filter((k) => k.startsWith(`schedules[${draft.index}].slots[`)) : [];

  return (
    <>
      <div className="maillage-hours-layout">
        <div className="maillage-hours-grid">
          <h3 className="fr-h5 fr-mb-1w">Horaires d’accueil habituels</h3>
          <p className="fr-text--sm">
            {editable
              ? "Saisissez les créneaux de chaque jour. La conformité est évaluée par le serveur à chaque modification ; rien n’est enregistré avant « Enregistrer »."
              : "Créneaux d’accueil habituels de la structure."}
          </p>
          {saveError?.status === 412 ? (
            <Alert className="fr-mb-3w" severity="error" role="alert" title="Les horaires ont été modifiés entre-temps"
              description={<>
                <p className="fr-mb-1w">Quelqu’un a enregistré d’autres horaires depuis l’ouverture de cette page. Rechargez-les pour repartir de la dernière version (vos modifications seront perdues).</p>
                <Button type="button" size="small" priority="secondary" onClick={() => { setSaveError(null); void load(); void loadFormats(); }}>Recharger les horaires</Button>
              </>} />
          ) : (
            <ApiErrorAlert error={saveError} shownFields={gridFields} />
          )}
          {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
          <WeekGrid slots={draft.slots} onChange={(slots) => { setNotice(""); setDraft({ ...draft, slots }); }}
            scheduleIndex={draft.index} error={saveError} stops={stops} agents={agents} editable={editable} />
          {editable && (
            <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
              <li><Button type="button" onClick={() => void save()} disabled={busy || !dirty}>Enregistrer</Button></li>
              <li>
                <Button type="button" priority="secondary" disabled={busy || !dirty}
                  onClick={() => { setSaveError(null); setNotice(""); setDraft(fromSchedules(id, JSON.parse(saved) as HoursDraft["schedules"])); }}>
                  Annuler les modifications
                </Button>
              </li>
            </ul>
          )}
          {draft.schedules.length > 1 && (
            <p className="fr-text--sm">Les autres horaires de la structure (saisonniers, temporaires, arrêts, autres canaux) sont conservés tels quels.</p>
          )}
        </div>
        <CompliancePanel report={report} loading={previewing} error={previewError} osm={osm.osm} osmNotes={osm.notes} dirty={dirty} />
      </div>
      <RawHours structure={structure} />
    </>
  );
}

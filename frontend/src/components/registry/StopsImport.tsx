import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { unwrap, type Schemas } from "../../api/client";
import { ApiError, toApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import {
  communeText, hasChanges, parseStopsFile, stopStatusLabel, toStopImportReport, type StopImportReport,
} from "../../hours/stopsImport";
import { ApiErrorAlert } from "../ApiErrorAlert";

type Props = {
  structureId: string;
  /** Called once an import is applied: the stops (and so the hours) are read again. */
  onApplied: () => void | Promise<void>;
};

type LoadedFile = { name: string; stops: Record<string, unknown>[] };

/** The file's text (FileReader: also where Blob.text is missing). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsText(file, "utf-8");
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

function ReportView({ report, file }: { report: StopImportReport; file: LoadedFile }) {
  const dry = report.dry_run;
  const word = (n: number, one: string, many: string) => (n > 1 ? many : one);
  const counts = [
    { key: "created", n: report.created, label: dry ? "à créer" : word(report.created, "créé", "créés") },
    { key: "updated", n: report.updated, label: dry ? "à modifier" : word(report.updated, "modifié", "modifiés") },
    { key: "unchanged", n: report.unchanged, label: word(report.unchanged, "inchangé", "inchangés") },
    { key: "rejected", n: report.rejected, label: word(report.rejected, "rejeté", "rejetés") },
  ];
  return (
    <>
      <ul className="maillage-stats" aria-label="Résumé de l’import des arrêts">
        {counts.map((c) => (
          <li key={c.key} className="maillage-stat" data-testid={`stops-${c.key}`}>
            <span className="maillage-stat__value">{c.n}</span> <span className="maillage-stat__label">{c.label}</span>
          </li>
        ))}
      </ul>
      <Table
        caption={dry ? `Simulation de l’import de ${file.name}` : `Import de ${file.name}`}
        headers={["N°", "Arrêt", "Commune", "Statut", "Horaires (OpenStreetMap)", "Créneaux", "Semaines", "Raisons"]}
        data={report.rows.map((r) => [
          String(r.index + 1),
          r.name || "—",
          communeText(r, file.stops),
          stopStatusLabel(r.status, dry),
          r.osm ? <code key="osm">{r.osm}</code> : "—",
          String(r.slots),
          r.week_rule,
          r.reasons.length ? <ul key="reasons" className="maillage-week-issues">{r.reasons.map((x) => <li key={x}>{x}</li>)}</ul> : "—",
        ])}
      />
    </>
  );
}

/**
 * Import of the bus's stops from the published list (a JSON file, one object per stop with its OSM hours):
 * a simulation (dry run) first, then "Appliquer l’import" writes the same plan.
 */
export function StopsImport({ structureId, onApplied }: Props) {
  const client = useApi();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [report, setReport] = useState<StopImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const choose = async (chosen: File | undefined) => {
    setReport(null);
    setError(null);
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    let text: string;
    try {
      text = await readText(chosen);
    } catch {
      setFileError("Le fichier n’a pas pu être lu.");
      return;
    }
    const parsed = parseStopsFile(text);
    if ("error" in parsed) setFileError(parsed.error);
    else setFile({ name: chosen.name, stops: parsed.stops });
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = toStopImportReport(await unwrap(client.api.POST("/structures/{id}/stops/import", {
        params: { path: { id: structureId }, query: { dry_run: dryRun } }, body: file.stops as Schemas["PublishedStop"][],
      })));
      setReport(r);
      if (!dryRun) await onApplied();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const onSimulate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) {
      setFileError(fileError ?? "Choisissez le fichier JSON des arrêts avant de lancer la simulation.");
      return;
    }
    void run(true);
  };

  const restart = () => {
    setReport(null);
    setFile(null);
    setError(null);
    if (input.current) input.current.value = "";
  };

  if (!open) {
    return (
      <Button className="fr-ml-md-2w fr-mt-2w fr-mt-md-0" priority="secondary" iconId="fr-icon-upload-line" onClick={() => setOpen(true)}>
        Importer les arrêts depuis la liste publiée
      </Button>
    );
  }

  return (
    <section className="maillage-box fr-p-3w fr-mt-3w" aria-labelledby="stops-import-title">
      <h4 id="stops-import-title">Importer les arrêts depuis la liste publiée</h4>
      <p className="fr-text--sm">
        Déposez la liste des arrêts du bus au format JSON (liste data·inclusion / ANCT, une entrée par arrêt avec ses
        horaires au format OpenStreetMap). Chaque entrée devient un arrêt de la tournée (reconnu par son nom et sa
        commune) et ses horaires des créneaux de cet arrêt. Une simulation montre d’abord le résultat ; rien n’est
        enregistré avant « Appliquer l’import ».
      </p>
      <ApiErrorAlert error={error} />
      {!report && (
        <form onSubmit={onSimulate} noValidate aria-label="Fichier des arrêts">
          <Upload className="fr-mb-2w" label="Fichier des arrêts" hint="Format JSON : une liste d’arrêts."
            state={fileError ? "error" : "default"} stateRelatedMessage={fileError ?? ""}
            nativeInputProps={{ name: "stops_file", accept: ".json,application/json", ref: input, onChange: (e) => void choose(e.target.files?.[0]) }} />
          {file && <p className="fr-text--sm">{file.name} : {plural(file.stops.length, "arrêt", "arrêts")} dans le fichier.</p>}
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li><Button type="submit" iconId="fr-icon-search-line" disabled={busy}>{busy ? "Simulation en cours…" : "Simuler l’import"}</Button></li>
            <li><Button type="button" priority="secondary" onClick={() => { restart(); setOpen(false); }}>Fermer</Button></li>
          </ul>
        </form>
      )}
      {report && file && report.dry_run && (
        <>
          <Alert className="fr-mb-2w" severity="info" small description="Simulation : rien n’a encore été enregistré. Vérifiez le rapport, puis appliquez l’import." />
          <ReportView report={report} file={file} />
          {!hasChanges(report) && <p>Ce fichier ne crée ni ne modifie aucun arrêt : il n’y a rien à appliquer.</p>}
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
            <li><Button iconId="fr-icon-check-line" disabled={busy || !hasChanges(report)} onClick={() => void run(false)}>{busy ? "Import en cours…" : "Appliquer l’import"}</Button></li>
            <li><Button priority="secondary" onClick={restart}>Choisir un autre fichier</Button></li>
          </ul>
        </>
      )}
      {report && file && !report.dry_run && (
        <>
          <Alert className="fr-mb-2w" severity="success" role="status" small
            description={`L’import des arrêts a été appliqué : ${plural(report.created, "arrêt créé", "arrêts créés")}, ${plural(report.updated, "modifié", "modifiés")}. Les horaires des arrêts sont dans l’onglet Horaires.`} />
          <ReportView report={report} file={file} />
          <Button priority="secondary" onClick={() => { restart(); setOpen(false); }}>Fermer</Button>
        </>
      )}
    </section>
  );
}

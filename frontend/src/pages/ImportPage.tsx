import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Stepper } from "@codegouvfr/react-dsfr/Stepper";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { unwrap, type ApiClient } from "../api/client";
import { ApiError, toApiError } from "../api/problem";
import { toImportReport, type ImportReport } from "../api/registry";
import { useApi } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { ImportReportView } from "../components/registry/ImportReportView";
import { usePageTitle } from "../components/usePageTitle";

const STEPS = ["Déposer le fichier", "Vérifier la simulation", "Import appliqué"];

/** POST /imports/anct (multipart, field "file"): a dry run, or the same plan applied with ?apply=true. */
export async function postImport(client: ApiClient, file: File, apply: boolean): Promise<ImportReport> {
  const form = new FormData();
  form.append("file", file, file.name);
  return toImportReport(await unwrap(client.api.POST("/imports/anct", {
    params: { query: apply ? { apply: true } : {} },
    // FormData goes as is: the browser sets the multipart Content-Type with its boundary.
    body: form as never,
  })));
}

/** Importer la liste ANCT: upload → dry-run report → apply → applied report. */
export function ImportPage() {
  usePageTitle("Importer la liste ANCT");
  const client = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [missingFile, setMissingFile] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const step = !report ? 1 : report.applied ? 3 : 2;

  const run = async (apply: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await postImport(client, file, apply));
      requestAnimationFrame(() => headingRef.current?.focus());
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const onSimulate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissingFile(!file);
    if (file) void run(false);
  };

  const restart = () => {
    setReport(null);
    setFile(null);
    setError(null);
  };

  const nothingToApply = report && report.summary.create + report.summary.update === 0;

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Importer la liste ANCT" homeLinkProps={{ to: "/" }}
        segments={[{ label: "Structures", linkProps: { to: "/structures" } }]} />
      <h1>Importer la liste nationale ANCT</h1>
      <Stepper currentStep={step} stepCount={STEPS.length} title={STEPS[step - 1]} nextTitle={STEPS[step]} />
      <h2 ref={headingRef} tabIndex={-1} className="fr-sr-only">{STEPS[step - 1]}</h2>
      <ApiErrorAlert error={error} />

      {step === 1 && (
        <form onSubmit={onSimulate} noValidate aria-label="Fichier à importer">
          <p>
            Déposez le fichier CSV de la liste nationale des France services (disposition ANCT). Une simulation montre
            d’abord ce qui serait créé, modifié ou rejeté ; rien n’est enregistré avant que vous appliquiez l’import.
            Seules les lignes de votre territoire sont importées.
          </p>
          <Upload
            className="fr-mb-3w"
            label="Fichier de la liste nationale"
            hint="Format CSV (virgule ou point-virgule), encodé en UTF-8 ou Latin-1."
            state={missingFile ? "error" : "default"}
            stateRelatedMessage="Choisissez un fichier avant de lancer la simulation."
            nativeInputProps={{
              name: "file",
              accept: ".csv,text/csv",
              onChange: (e) => {
                setFile(e.target.files?.[0] ?? null);
                setMissingFile(false);
              },
            }}
          />
          <Button type="submit" iconId="fr-icon-search-line" disabled={busy}>
            {busy ? "Simulation en cours…" : "Lancer la simulation"}
          </Button>
        </form>
      )}

      {step === 2 && report && (
        <>
          <Alert className="fr-mb-3w" severity="info" small
            description="Simulation : rien n’a encore été enregistré. Vérifiez le rapport, puis appliquez l’import." />
          <ImportReportView report={report} />
          {nothingToApply && <p className="fr-mt-3w">Ce fichier ne crée ni ne modifie aucune structure : il n’y a rien à appliquer.</p>}
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mt-3w">
            <li>
              <Button iconId="fr-icon-check-line" disabled={busy || Boolean(nothingToApply)} onClick={() => void run(true)}>
                {busy ? "Import en cours…" : "Appliquer l’import"}
              </Button>
            </li>
            <li><Button priority="secondary" onClick={restart}>Choisir un autre fichier</Button></li>
          </ul>
        </>
      )}

      {step === 3 && report && (
        <>
          <Alert className="fr-mb-3w" severity="success" role="status" title="L’import a été appliqué"
            description="Les créations et modifications sont enregistrées et inscrites au journal des modifications." />
          <ImportReportView report={report} />
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mt-3w">
            <li><Button linkProps={{ to: "/structures" }} iconId="fr-icon-list-unordered">Voir la liste des structures</Button></li>
            <li><Button priority="secondary" onClick={restart}>Importer un autre fichier</Button></li>
          </ul>
        </>
      )}
    </div>
  );
}

import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ApiError } from "../../api/problem";
import { toApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import { fetchExport, saveBlob } from "../../registry/download";
import { exportQuery, type ExportFormat, type StructureFilterValues } from "../../registry/filters";
import { ApiErrorAlert } from "../ApiErrorAlert";

const FORMATS: { format: ExportFormat; text: string; title: string }[] = [
  { format: "csv", text: "CSV", title: "Exporter en CSV (séparateur point-virgule)" },
  { format: "xlsx", text: "Excel", title: "Exporter au format Excel (.xlsx)" },
  { format: "anct", text: "Format ANCT", title: "Exporter dans la disposition nationale ANCT" },
];

/** "Exporter" CSV / Excel / Format ANCT with the list's filters. */
export function ExportButtons({ filters }: { filters: StructureFilterValues }) {
  const client = useApi();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<ApiError | null>(null);

  const onExport = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    setNotice("Préparation du fichier…");
    try {
      const { blob, filename } = await fetchExport(client, exportQuery(filters, format));
      saveBlob(blob, filename);
      setNotice(`Fichier « ${filename} » téléchargé.`);
    } catch (err) {
      setNotice("");
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="export-title" className="fr-mb-3w">
      <h2 id="export-title" className="fr-h6 fr-mb-1w">Exporter la sélection</h2>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        {FORMATS.map(({ format, text, title }) => (
          <li key={format}>
            <Button priority="secondary" size="small" iconId="fr-icon-download-line" title={title} disabled={busy !== null}
              onClick={() => void onExport(format)}>
              {text}
            </Button>
          </li>
        ))}
      </ul>
      <p className="fr-text--sm fr-mb-0" role="status" aria-live="polite">{notice}</p>
      <ApiErrorAlert error={error} />
    </section>
  );
}

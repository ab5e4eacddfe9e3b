import { useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { deleteDocument, downloadDocument, uploadDocument, type CandidatureDocument } from "../../api/labelling";
import { ApiError, parseProblem, toApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, documentKindLabel, type DocumentKind } from "../../labelling/labels";
import { formatDateTime } from "../../registry/labels";
import { saveBlob } from "../../registry/download";
import { ApiErrorAlert } from "../ApiErrorAlert";

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const ACCEPT = [
  "application/pdf", "image/png", "image/jpeg", "application/vnd.oasis.opendocument.text",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".pdf", ".png", ".jpg", ".jpeg", ".odt", ".docx",
].join(",");

/** The French message of a refused upload (413, 415), the server's own message otherwise. */
export function documentErrorMessage(error: ApiError): string {
  if (error.status === 413) return "Le fichier dépasse la taille maximale de 10 Mo.";
  if (error.status === 415) return "Ce type de fichier n’est pas accepté : déposez un PDF, une image PNG ou JPEG, un document ODT ou DOCX.";
  return error.fieldError("file") ?? error.fieldError("kind") ?? error.detail ?? error.title;
}

export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
}

type Props = {
  structureId: string;
  documents: CandidatureDocument[];
  candidatureVersion: number;
  editable: boolean;
  /** Called after an upload or a deletion: the candidature (documents, completeness, version) is read again. */
  onChange: () => Promise<void> | void;
};

/** Pièces du dossier: list with downloads (with the token), upload (kind + file, multipart) and deletion. */
export function CandidatureDocuments({ structureId, documents, candidatureVersion, editable, onChange }: Props) {
  const client = useApi();
  const [kind, setKind] = useState<DocumentKind>("dossier");
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setUploadError(null);
    setNotice("");
    if (!file) return setUploadError("Choisissez un fichier.");
    if (file.size > MAX_DOCUMENT_BYTES) return setUploadError(documentErrorMessage(parseProblem(413, {})));
    setBusy(true);
    try {
      await uploadDocument(client, structureId, file, kind);
      setFile(null);
      setInputKey((k) => k + 1);
      setNotice(`La pièce « ${file.name} » a été déposée.`);
      await onChange();
    } catch (err) {
      setUploadError(documentErrorMessage(toApiError(err)));
    } finally {
      setBusy(false);
    }
  }

  async function download(d: CandidatureDocument) {
    setError(null);
    try {
      saveBlob(await downloadDocument(client, structureId, d.id), d.name);
    } catch (err) {
      setError(toApiError(err));
    }
  }

  async function remove(d: CandidatureDocument) {
    if (!window.confirm(`Supprimer la pièce « ${d.name} » ?`)) return;
    setError(null);
    setNotice("");
    try {
      await deleteDocument(client, structureId, d.id, candidatureVersion);
      setNotice(`La pièce « ${d.name} » a été supprimée.`);
      await onChange();
    } catch (err) {
      setError(toApiError(err));
    }
  }

  return (
    <section className="fr-mb-5w" aria-labelledby="documents-title">
      <h4 id="documents-title" className="fr-h6">Pièces du dossier</h4>
      <ApiErrorAlert error={error} />
      {notice && <p role="status" className="fr-valid-text fr-mb-2w">{notice}</p>}
      {documents.length === 0 ? <p>Aucune pièce déposée.</p> : (
        <ul aria-label="Pièces déposées">
          {documents.map((d) => (
            <li key={d.id} className="fr-mb-1w">
              <Button priority="tertiary no outline" size="small" iconId="fr-icon-download-line" onClick={() => void download(d)}>
                {d.name} ({sizeText(d.size)})
              </Button>
              <span className="fr-text--sm"> {documentKindLabel(d.kind)}{d.uploaded_at && `, déposée le ${formatDateTime(d.uploaded_at)}`}</span>
              {editable && (
                <Button priority="tertiary no outline" size="small" iconId="fr-icon-delete-line" onClick={() => void remove(d)}>
                  Supprimer<span className="fr-sr-only"> {d.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form onSubmit={submit} noValidate className="fr-p-3w maillage-box" aria-label="Déposer une pièce">
          <Select label="Nature de la pièce" nativeSelectProps={{ name: "kind", value: kind, onChange: (e) => setKind(e.target.value as DocumentKind) }}>
            {DOCUMENT_KINDS.map((k) => <option key={k} value={k}>{DOCUMENT_KIND_LABELS[k]}</option>)}
          </Select>
          <Upload key={inputKey} className="fr-mb-2w" label="Fichier"
            hint="PDF, PNG, JPEG, ODT ou DOCX, 10 Mo au plus."
            state={uploadError ? "error" : "default"} stateRelatedMessage={uploadError ?? undefined}
            nativeInputProps={{ name: "file", accept: ACCEPT, onChange: (e) => { setFile(e.target.files?.[0] ?? null); setUploadError(null); } }} />
          <Button type="submit" priority="secondary" disabled={busy}>Déposer la pièce</Button>
        </form>
      )}
    </section>
  );
}

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { unwrap } from "../../api/client";
import { headerParams } from "../../api/models";
import { ApiError, parseProblem, toApiError } from "../../api/problem";
import { toAttachment, type Attachment } from "../../api/visits";
import { useApi } from "../../auth/AuthContext";
import { saveBlob } from "../../registry/download";
import { ApiErrorAlert } from "../ApiErrorAlert";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The French message of a refused upload (413, 415) — the server's own title otherwise. */
export function uploadErrorMessage(error: ApiError): string {
  if (error.status === 413) return "Le fichier dépasse la taille maximale de 10 Mo.";
  if (error.status === 415) return "Ce type de fichier n’est pas accepté : déposez une photo (JPEG, PNG, WebP) ou un PDF.";
  if (error.code === "attachment.too_many") return "Une visite compte au plus 30 pièces jointes.";
  return error.title;
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
}

/** Pièces jointes of a visit: photos and PDF (10 Mo each), downloaded with the token, deleted with their ETag. */
export function VisitAttachments({ visitId, editable, onChange }: { visitId: string; editable: boolean; onChange: () => void }) {
  const client = useApi();
  const [items, setItems] = useState<Attachment[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  const load = useCallback(async () => {
    try {
      const page = await unwrap(client.api.GET("/visits/{id}/attachments", { params: { path: { id: visitId } } }));
      setItems((page.items ?? []).map(toAttachment));
    } catch (err) {
      setError(toApiError(err));
    }
  }, [client, visitId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setUploadError(null);
    if (!file) {
      setUploadError("Choisissez un fichier.");
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setUploadError(uploadErrorMessage(parseProblem(413, {})));
      return;
    }
    setBusy(true);
    try {
      const form = new FormData();
      form.append("file", file, file.name);
      await unwrap(client.api.POST("/visits/{id}/attachments", { params: { path: { id: visitId } }, body: form as never }));
      setFile(null);
      setInputKey((k) => k + 1);
      await load();
      onChange();
    } catch (err) {
      setUploadError(uploadErrorMessage(toApiError(err)));
    } finally {
      setBusy(false);
    }
  }

  async function download(a: Attachment) {
    setError(null);
    try {
      const result = await client.api.GET("/visits/{id}/attachments/{attachment_id}", {
        params: { path: { id: visitId, attachment_id: a.id } },
        parseAs: "blob",
      });
      if (!result.response.ok) throw parseProblem(result.response.status, result.error, result.response.headers);
      saveBlob(result.data as unknown as Blob, a.name);
    } catch (err) {
      setError(toApiError(err));
    }
  }

  async function remove(a: Attachment) {
    if (!window.confirm(`Supprimer la pièce jointe « ${a.name} » ?`)) return;
    setError(null);
    try {
      await unwrap(client.api.DELETE("/visits/{id}/attachments/{attachment_id}", {
        params: { path: { id: visitId, attachment_id: a.id }, header: headerParams({ "If-Match": `"${a.sha256}"` }) },
      }));
      await load();
      onChange();
    } catch (err) {
      setError(toApiError(err));
    }
  }

  return (
    <section className="fr-mb-5w" aria-labelledby="attachments-title">
      <h2 id="attachments-title" className="fr-h4">Pièces jointes</h2>
      <ApiErrorAlert error={error} />
      {items === null && !error && <p role="status">Chargement des pièces jointes…</p>}
      {items && items.length === 0 && <p>Aucune pièce jointe.</p>}
      {items && items.length > 0 && (
        <ul>
          {items.map((a) => (
            <li key={a.id} className="fr-mb-1w">
              <Button priority="tertiary no outline" size="small" iconId="fr-icon-download-line" onClick={() => void download(a)}>
                {a.name} ({size(a.size)})
              </Button>
              {editable && (
                <Button priority="tertiary no outline" size="small" iconId="fr-icon-delete-line" onClick={() => void remove(a)}>
                  Supprimer<span className="fr-sr-only"> {a.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form onSubmit={submit} noValidate className="fr-p-3w maillage-box">
          <Upload key={inputKey} className="fr-mb-2w" label="Ajouter une photo ou un PDF"
            hint="JPEG, PNG, WebP ou PDF, 10 Mo au plus."
            state={uploadError ? "error" : "default"} stateRelatedMessage={uploadError ?? undefined}
            nativeInputProps={{ name: "file", accept: "image/jpeg,image/png,image/webp,application/pdf",
              onChange: (e) => {
                setFile(e.target.files?.[0] ?? null);
                setUploadError(null);
              } }} />
          <Button type="submit" priority="secondary" disabled={busy}>Déposer le fichier</Button>
        </form>
      )}
    </section>
  );
}

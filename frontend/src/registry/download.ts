// Exports: the file is fetched with the bearer token (a plain link would not carry it), then saved from a blob.
import type { ApiClient } from "../api/client";
import { headerParams } from "../api/models";
import { parseProblem, toApiError } from "../api/problem";
import type { ExportFormat } from "./filters";

const ACCEPT: Record<ExportFormat, string> = {
  csv: "text/csv",
  anct: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The file name of a Content-Disposition header (RFC 6266: filename* wins over filename). */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? (plain[1] ?? plain[2]).trim() : fallback;
}

/** GET /structures/export?… and returns the file. */
export async function fetchExport(client: ApiClient, query: Record<string, string>): Promise<{ blob: Blob; filename: string }> {
  const format = (query.format ?? "csv") as ExportFormat;
  let result;
  try {
    result = await client.api.GET("/structures/export", {
      // The handler takes the list's filters (label_status, carrier_type, quality…) beyond those the spec names.
      params: { query: query as never, header: headerParams({ Accept: `${ACCEPT[format]}, application/problem+json` }) },
      parseAs: "blob",
    });
  } catch (error) {
    throw toApiError(error);
  }
  if (!result.response.ok) throw parseProblem(result.response.status, result.error, result.response.headers);
  const extension = format === "xlsx" ? "xlsx" : "csv";
  const fallback = `structures${format === "anct" ? "-anct" : ""}.${extension}`;
  return {
    blob: result.data as unknown as Blob,
    filename: filenameFromDisposition(result.response.headers.get("Content-Disposition"), fallback),
  };
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

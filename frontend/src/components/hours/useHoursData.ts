import { useEffect, useRef, useState } from "react";
import { unwrap, type ApiClient, type Schemas } from "../../api/client";
import { ApiError, toApiError } from "../../api/problem";
import type { Structure } from "../../api/registry";
import type { Report } from "./CompliancePanel";
import type { AgentOption, StopOption } from "./WeekGrid";

const PREVIEW_DELAY_MS = 400;

/** The stops (itinerant structures) and the assigned agents a slot can name. */
export function useSlotOptions(client: ApiClient, structure: Structure) {
  const id = structure.id;
  const [stops, setStops] = useState<StopOption[]>([]);
  const [agents, setAgents] = useState<AgentOption[]>([]);

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

  return { stops, agents };
}

/** The French sentence of a preview that the server could not evaluate. */
export function previewMessage(e: ApiError): string {
  const fields = Object.values(e.errors);
  return e.status === 422
    ? `Évaluation impossible tant que la saisie contient des erreurs${fields.length ? ` : ${fields.join(" ; ")}` : "."}`
    : e.title;
}

/**
 * Live evaluation of the draft by the server (POST /compliance/preview with the whole draft set), debounced; an
 * answer older than the latest request is dropped. `error` is the preview's own error (a 422 carries the fields).
 */
export function useCompliancePreview(client: ApiClient, id: string, body: string) {
  const [report, setReport] = useState<Report | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const sequence = useRef(0);

  useEffect(() => {
    if (!body) return;
    const seq = ++sequence.current;
    setLoading(true);
    const timer = setTimeout(() => {
      unwrap(client.api.POST("/structures/{id}/compliance/preview", { params: { path: { id } }, body: JSON.parse(body) as Schemas["ScheduleSetInput"] }))
        .then((r) => {
          if (seq !== sequence.current) return;
          setReport(r);
          setError(null);
        })
        .catch((err) => {
          if (seq === sequence.current) setError(toApiError(err));
        })
        .finally(() => {
          if (seq === sequence.current) setLoading(false);
        });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, id, body]);

  return { report, loading, error };
}

// Import of a bus's stops from the published list (data·inclusion / ANCT JSON, one object per stop with an OSM
// `horaires` string): reading the file, and the report of POST /structures/{id}/stops/import. No React.
import { WEEK_RULE_LABELS, type WeekRuleKind } from "./model";

export type StopImportStatus = "created" | "updated" | "unchanged" | "rejected";

export type StopImportRow = {
  index: number;
  name: string;
  commune_code: string;
  stop_id: string | null;
  status: StopImportStatus;
  osm: string;
  slots: number;
  week_rule: string;
  reasons: string[];
};

export type StopImportReport = {
  dry_run: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rows: StopImportRow[];
};

type WireWeekRule = string | { kind?: string; interval?: number; anchor?: string } | null | undefined;

type WireRow = {
  index?: number; name?: string; commune_code?: string; stop_id?: string | null; status?: string; osm?: string;
  slots?: number; week_rule?: WireWeekRule; reasons?: string[] | null;
};

type WireReport = {
  dry_run?: boolean; created?: number; updated?: number; unchanged?: number; rejected?: number; rows?: WireRow[] | null;
};

/** "odd" → "Semaines impaires"; "mixed" when the slots differ; an every-n rule with its interval; else as sent. */
export function weekRuleLabel(rule: WireWeekRule): string {
  const kind = typeof rule === "string" ? rule : rule?.kind ?? "";
  if (!kind) return "—";
  if (kind === "mixed") return "Variable selon les créneaux";
  if (kind === "every_n" && typeof rule === "object" && rule?.interval) return `Toutes les ${rule.interval} semaines`;
  return WEEK_RULE_LABELS[kind as WeekRuleKind] ?? kind;
}

export function toStopImportReport(w: WireReport): StopImportReport {
  return {
    dry_run: w.dry_run ?? true,
    created: w.created ?? 0,
    updated: w.updated ?? 0,
    unchanged: w.unchanged ?? 0,
    rejected: w.rejected ?? 0,
    rows: (w.rows ?? []).map((r, i) => ({
      index: r.index ?? i,
      name: r.name ?? "",
      commune_code: r.commune_code ?? "",
      stop_id: r.stop_id || null,
      status: (r.status ?? "rejected") as StopImportStatus,
      osm: r.osm ?? "",
      slots: r.slots ?? 0,
      week_rule: weekRuleLabel(r.week_rule),
      reasons: r.reasons ?? [],
    })),
  };
}

const STATUS_LABELS: Record<StopImportStatus, [string, string]> = {
  created: ["à créer", "créé"],
  updated: ["à modifier", "modifié"],
  unchanged: ["inchangé", "inchangé"],
  rejected: ["rejeté", "rejeté"],
};

/** "à créer" in a simulation, "créé" once applied. */
export function stopStatusLabel(status: string, dryRun: boolean): string {
  const labels = STATUS_LABELS[status as StopImportStatus];
  return labels ? labels[dryRun ? 0 : 1] : status;
}

/** What an import would change: nothing to apply when every row is unchanged or rejected. */
export function hasChanges(r: StopImportReport): boolean {
  return r.created + r.updated > 0;
}

/** The stops of the file: a JSON array of objects, or a French message saying why it is not one. */
export function parseStopsFile(text: string): { stops: Record<string, unknown>[] } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { error: "Le fichier n’est pas du JSON valide." };
  }
  if (!Array.isArray(parsed)) return { error: "Le fichier doit contenir une liste (tableau JSON) d’arrêts." };
  if (parsed.length === 0) return { error: "Le fichier ne contient aucun arrêt." };
  if (!parsed.every((x) => x !== null && typeof x === "object" && !Array.isArray(x))) {
    return { error: "Chaque élément de la liste doit être un arrêt (objet JSON)." };
  }
  return { stops: parsed as Record<string, unknown>[] };
}

/** The commune of row i as the file names it ("Saint-Fraigne"), next to its INSEE code. */
export function communeText(row: Pick<StopImportRow, "index" | "commune_code">, file: Record<string, unknown>[]): string {
  const name = file[row.index]?.commune;
  const label = typeof name === "string" ? name : "";
  if (label && row.commune_code) return `${label} (${row.commune_code})`;
  return label || row.commune_code || "—";
}

// Compliance history of a structure (GET /structures/{id}/compliance/history, newest first) turned into periods:
// "Conforme depuis le …", "Non conforme du … au …", each with the change that started it. No React.
import type { components } from "../api/schema";
import { criterionLabel, verdictLabel, weekLabel, type Verdict } from "./model";

type Schemas = components["schemas"];
export type Evaluation = Schemas["ComplianceEvaluation"];
type Report = Schemas["hours.Report"];

/** The server's history holds at most this many evaluations (ADR 0006). */
export const HISTORY_LIMIT = 100;

export const CAUSE_LABELS: Record<string, string> = {
  "schedules.replace": "modification des horaires",
  "exception.create": "ajout d’une fermeture ou d’horaires exceptionnels",
  "exception.update": "modification d’une fermeture ou d’horaires exceptionnels",
  "exception.delete": "suppression d’une fermeture ou d’horaires exceptionnels",
  "agent.create": "ajout d’un agent",
  "agent.update": "modification d’un agent",
  "agent.delete": "retrait d’un agent",
  "agent.training": "formation d’un agent enregistrée",
  "import.anct": "import de la liste nationale ANCT",
  "import.stops": "import des arrêts publiés du bus",
  "demo.agents": "données de démonstration",
};

/** The status of a period as a sentence starts ("Non conforme depuis le …"). */
export const PERIOD_STATUS_LABELS: Record<Verdict, string> = {
  ok: "Conforme",
  warning: "À surveiller (jours fériés)",
  failure: "Non conforme",
  unknown: "Conformité non établie (données manquantes)",
};

export function causeLabel(cause: string | undefined): string {
  return (cause && CAUSE_LABELS[cause]) || cause || "changement non précisé";
}

/** A run of consecutive evaluations with the same status: from `since` until `until` (null: still the case). */
export type Period = {
  status: Verdict;
  since: string;
  until: string | null;
  /** The change whose evaluation started the period. */
  cause: string;
  ruleSet: string;
  evaluations: number;
  /** The oldest period of a full history may have started before its first evaluation shown. */
  startsBeforeHistory: boolean;
};

/** Periods, newest first, from evaluations in any order (sorted by date here). */
export function historyPeriods(items: Evaluation[]): Period[] {
  const sorted = items
    .filter((e) => e.evaluated_at)
    .sort((a, b) => (a.evaluated_at ?? "").localeCompare(b.evaluated_at ?? ""));
  const periods: Period[] = [];
  for (const e of sorted) {
    const status = (e.status ?? "unknown") as Verdict;
    const last = periods.at(-1);
    if (last && last.status === status) {
      last.evaluations++;
      continue;
    }
    if (last) last.until = e.evaluated_at ?? null;
    periods.push({
      status, since: e.evaluated_at ?? "", until: null, cause: e.cause ?? "", ruleSet: e.rule_set ?? "", evaluations: 1,
      startsBeforeHistory: false,
    });
  }
  if (periods.length > 0 && sorted.length >= HISTORY_LIMIT) periods[0].startsBeforeHistory = true;
  return periods.reverse();
}

const dayFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });
const timeFormat = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });

/** "3 mars 2026 à 14:05". */
export function formatInstant(rfc3339: string): string {
  const d = new Date(rfc3339);
  return Number.isNaN(d.getTime()) ? rfc3339 : `${dayFormat.format(d)} à ${timeFormat.format(d)}`;
}

/** "Conforme depuis le …", "Non conforme du … au …" ("depuis au moins le …" when the history is cut). */
export function periodText(p: Period): string {
  const label = PERIOD_STATUS_LABELS[p.status] ?? verdictLabel(p.status);
  const since = `${p.startsBeforeHistory ? "au moins " : ""}le ${formatInstant(p.since)}`;
  if (!p.until) return `${label} depuis ${since}`;
  return `${label} du ${formatInstant(p.since).replace(/ à .*$/, "")}${p.startsBeforeHistory ? " (au moins)" : ""} au ${formatInstant(p.until).replace(/ à .*$/, "")}`;
}

const RANK: Record<string, number> = { ok: 0, unknown: 1, warning: 2, failure: 3 };

/**
 * Why the structure is in its current status, from the stored report: the criteria of the typical week that are
 * not ok with their explanation ("Heures d’ouverture hebdomadaires (non conforme) : 20 h d’ouverture …"), then the
 * criteria that are ok in the typical week but not in some real weeks, with those weeks.
 */
export function currentReasons(report: Pick<Report, "typical_week" | "weeks">): string[] {
  const typical = (report.typical_week?.criteria ?? []).filter((c) => c.status && c.status !== "ok");
  const lines = typical.map((c) => `${criterionLabel(c.code)} (${verdictLabel(c.status).toLowerCase()})${c.explanation ? ` : ${c.explanation}` : ""}`);
  const seen = new Set(typical.map((c) => c.code));
  const byCode = new Map<string, { status: string; weeks: string[] }>();
  for (const w of report.weeks ?? []) {
    for (const c of w.criteria ?? []) {
      if (!c.code || !c.status || c.status === "ok" || seen.has(c.code)) continue;
      const entry = byCode.get(c.code) ?? { status: c.status, weeks: [] };
      if ((RANK[c.status] ?? 0) > (RANK[entry.status] ?? 0)) entry.status = c.status;
      entry.weeks.push(weekLabel(w.week).toLowerCase());
      byCode.set(c.code, entry);
    }
  }
  for (const [code, e] of byCode) {
    lines.push(`${criterionLabel(code)} (${verdictLabel(e.status).toLowerCase()}) : ${e.weeks.join(", ")}`);
  }
  return lines;
}

// Month calendar and exceptions helpers (no React).
export type ExceptionType = "closed" | "reduced" | "extra" | "replace";

export const EXCEPTION_TYPE_LABELS: Record<ExceptionType, string> = {
  closed: "Fermeture",
  reduced: "Horaires réduits",
  extra: "Ouverture supplémentaire",
  replace: "Horaires remplacés",
};

const pad = (n: number) => String(n).padStart(2, "0");

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** First and last day of a month ("2026-12" → ["2026-12-01", "2026-12-31"]). */
export function monthRange(month: string): [string, string] {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [isoDate(y, m, 1), isoDate(y, m, last)];
}

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** Weeks (Monday first) of a month, each day an ISO date or null outside the month. */
export function monthWeeks(month: string): (string | null)[][] {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const firstWeekday = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // 0 = Monday
  const cells: (string | null)[] = [...Array<null>(firstWeekday).fill(null)];
  for (let d = 1; d <= last; d++) cells.push(isoDate(y, m, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Wall-clock "09:00" of an RFC 3339 time written in the structure's zone. */
export function wallClock(rfc3339: string | undefined): string {
  const m = /T(\d{2}:\d{2})/.exec(rfc3339 ?? "");
  return m ? m[1] : "";
}

export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

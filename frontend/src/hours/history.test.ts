import { describe, expect, it } from "vitest";
import { causeLabel, currentReasons, HISTORY_LIMIT, historyPeriods, periodText, type Evaluation } from "./history";

const ev = (at: string, status: Evaluation["status"], cause = "schedules.replace"): Evaluation => ({
  id: at, evaluated_at: at, status, cause, rule_set: "fs-2025-06", changed: false,
});

describe("compliance history", () => {
  it("groups consecutive evaluations of the same status into periods, newest first", () => {
    // The API answers newest first; the order of the input does not matter.
    const items = [
      ev("2026-03-10T09:00:00Z", "failure", "agent.delete"),
      ev("2026-03-02T09:00:00Z", "ok", "agent.training"),
      ev("2026-03-01T09:00:00Z", "ok", "schedules.replace"),
      ev("2026-02-01T09:00:00Z", "failure", "import.anct"),
    ];
    const periods = historyPeriods(items);
    expect(periods.map((p) => [p.status, p.since, p.until, p.cause, p.evaluations])).toEqual([
      ["failure", "2026-03-10T09:00:00Z", null, "agent.delete", 1],
      ["ok", "2026-03-01T09:00:00Z", "2026-03-10T09:00:00Z", "schedules.replace", 2],
      ["failure", "2026-02-01T09:00:00Z", "2026-03-01T09:00:00Z", "import.anct", 1],
    ]);
    expect(historyPeriods([...items].reverse())).toEqual(periods);
    expect(periods.some((p) => p.startsBeforeHistory)).toBe(false);
  });

  it("says since when in French, and that a full history may have started earlier", () => {
    const [current, past] = historyPeriods([ev("2026-03-10T13:05:00Z", "failure"), ev("2026-03-01T09:00:00Z", "ok")]);
    expect(periodText(current)).toBe("Non conforme depuis le 10 mars 2026 à 14:05");
    expect(periodText(past)).toBe("Conforme du 1 mars 2026 au 10 mars 2026");
    const full = Array.from({ length: HISTORY_LIMIT }, (_, i) => ev(`2026-01-${String((i % 28) + 1).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:00:00Z`, "unknown"));
    const [only] = historyPeriods(full);
    expect(only.startsBeforeHistory).toBe(true);
    expect(periodText(only)).toMatch(/^Conformité non établie \(données manquantes\) depuis au moins le /);
  });

  it("gives the change that started a period and the reasons of the current status", () => {
    expect(causeLabel("schedules.replace")).toBe("modification des horaires");
    expect(causeLabel("something.new")).toBe("something.new");
    expect(currentReasons({
      typical_week: { criteria: [
        { code: "weekly_hours", status: "failure", explanation: "20 h d’ouverture sur la semaine type : 4 h de moins que les 24 h requises." },
        { code: "open_days", status: "ok", explanation: "5 jours" },
        { code: "premises", status: "unknown" },
      ] },
      weeks: [
        { week: "2026-W50", criteria: [{ code: "open_days", status: "warning" }, { code: "premises", status: "unknown" }] },
        { week: "2026-W51", criteria: [{ code: "open_days", status: "failure" }, { code: "weekly_hours", status: "failure" }] },
        { week: "2026-W52", criteria: [{ code: "open_days", status: "ok" }] },
      ],
    })).toEqual([
      "Heures d’ouverture hebdomadaires (non conforme) : 20 h d’ouverture sur la semaine type : 4 h de moins que les 24 h requises.",
      "Locaux (inconnu)",
      "Jours d’ouverture (non conforme) : semaine 50 (2026), semaine 51 (2026)",
    ]);
  });
});

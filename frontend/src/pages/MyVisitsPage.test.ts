import { describe, expect, it } from "vitest";
import { toVisit } from "../api/visits";
import { groupByMonth } from "./MyVisitsPage";

describe("groupByMonth", () => {
  it("groups visits by the month of their date (done, else planned), in order", () => {
    const visits = [
      toVisit({ id: "c", planned_date: "2026-12-15", status: "planifiee" }),
      toVisit({ id: "a", planned_date: "2026-10-02", done_date: "2026-11-24", status: "realisee" }),
      toVisit({ id: "b", planned_date: "2026-12-08", planned_time: "10:30", status: "planifiee" }),
    ];
    expect(groupByMonth(visits).map((g) => [g.month, g.visits.map((v) => v.id)])).toEqual([
      ["2026-11", ["a"]],
      ["2026-12", ["b", "c"]],
    ]);
  });
});

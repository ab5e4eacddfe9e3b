import { describe, expect, it } from "vitest";
import { monthRange, monthWeeks, shiftMonth, wallClock } from "./calendar";

describe("calendar helpers", () => {
  it("builds Monday-first weeks of a month", () => {
    const weeks = monthWeeks("2026-12");
    expect(weeks[0]).toEqual([null, "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(weeks.at(-1)?.[3]).toBe("2026-12-31");
    expect(monthRange("2027-02")).toEqual(["2027-02-01", "2027-02-28"]);
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(wallClock("2026-12-01T09:30:00+01:00")).toBe("09:30");
  });
});

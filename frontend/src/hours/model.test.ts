import { describe, expect, it } from "vitest";
import {
  addSlot, removeSlot, slotsOfDay, splitSlot, toDraftSlot, toWireSlot, weekRuleOf, weekRuleText,
  type DraftSlot,
} from "./model";

const slot = (patch: Partial<DraftSlot> = {}): DraftSlot => ({
  ...toDraftSlot({ weekday: 1, start: "09:00", end: "12:00", planned_agents: 2 }), ...patch,
});

describe("hours model", () => {
  it("adds a morning slot on an empty day and an afternoon one after it", () => {
    let slots = addSlot([], 2);
    expect(slots).toHaveLength(1);
    expect(slots[0]).toMatchObject({ weekday: 2, start: "09:00", end: "12:00", rule: "every", access: "sans_rdv", planned_agents: "" });
    slots = [{ ...slots[0], planned_agents: "2", access: "mixte" }];
    slots = addSlot(slots, 2);
    expect(slotsOfDay(slots, 2).map(({ slot: s }) => `${s.start}-${s.end}`)).toEqual(["09:00-12:00", "13:00-16:00"]);
    expect(slots[1]).toMatchObject({ planned_agents: "2", access: "mixte" });
  });

  it("splits a slot at its middle (quarter hour) and removes one", () => {
    const s = slot({ start: "09:00", end: "17:30" });
    const split = splitSlot([s], s.key);
    expect(split.map((x) => `${x.start}-${x.end}`)).toEqual(["09:00-13:15", "13:15-17:30"]);
    expect(split[0].key).not.toBe(split[1].key);
    expect(splitSlot([slot({ start: "09:00", end: "09:20" })], "x")).toHaveLength(1);
    const short = slot({ start: "09:00", end: "09:20" });
    expect(splitSlot([short], short.key)).toEqual([short]);
    expect(removeSlot(split, split[0].key).map((x) => x.start)).toEqual(["13:15"]);
  });

  it("maps week rules both ways", () => {
    expect(weekRuleOf({ rule: "every", interval: "", anchor: "" })).toEqual({ kind: "every" });
    expect(weekRuleOf({ rule: "odd", interval: "3", anchor: "2026-01-05" })).toEqual({ kind: "odd" });
    expect(weekRuleOf({ rule: "even", interval: "", anchor: "" })).toEqual({ kind: "even" });
    expect(weekRuleOf({ rule: "every_n", interval: "3", anchor: "2026-01-05" })).toEqual({ kind: "every_n", interval: 3, anchor: "2026-01-05" });
    const back = toDraftSlot({ weekday: 3, start: "14:00", end: "17:00", week_rule: { kind: "every_n", interval: 3, anchor: "2026-01-05" } });
    expect(back).toMatchObject({ rule: "every_n", interval: "3", anchor: "2026-01-05", planned_agents: "" });
    expect(weekRuleText(back)).toBe("Toutes les 3 semaines à partir du 05/01/2026");
    expect(weekRuleText({ rule: "odd", interval: "", anchor: "" })).toBe("Semaines impaires");
    expect(toWireSlot(back)).toEqual({
      weekday: 3, start: "14:00", end: "17:00", week_rule: { kind: "every_n", interval: 3, anchor: "2026-01-05" },
      access: "sans_rdv", planned_agents: 0,
    });
  });
});

import { describe, expect, it } from "vitest";
import { addSlot } from "./model";
import {
  addSchedule, fieldsOfSchedule, fromSchedules, removeSchedule, scheduleName, scheduleTitle, selectSchedule, setHolidays,
  setSlots, toBody, toSchedules, updateSchedule, validityText,
} from "./schedules";
import type { WireSchedule } from "./model";

const regular: WireSchedule = {
  id: "s1", owner_kind: "structure", owner_id: "fs", kind: "regular", channel: "accueil", status: "published", priority: 0,
  slots: [{ weekday: 1, start: "09:00", end: "12:00", planned_agents: 2, week_rule: { kind: "every" }, access: "sans_rdv" }],
};
const summer: WireSchedule = {
  id: "s2", owner_kind: "structure", owner_id: "fs", kind: "seasonal", channel: "accueil", status: "published", priority: 0,
  valid_from: "2027-07-01", valid_to: "2027-08-31", slots: [{ weekday: 6, start: "09:00", end: "12:00", planned_agents: 2 }],
};

describe("schedule set draft", () => {
  it("opens on the regular accueil schedule and writes every schedule back in the API's order", () => {
    const draft = fromSchedules("fs", [summer, regular]);
    expect(draft).toMatchObject({ main: 1, selected: 1, holidays: null });
    const edited = setSlots(draft, draft.main, addSlot(draft.schedules[draft.main].slots, 2));
    const body = toSchedules(edited);
    expect(body.map((s) => s.id)).toEqual(["s2", "s1"]);
    expect(body[1].slots?.map((s) => s.weekday)).toEqual([1, 2]);
    expect(body[0]).toMatchObject({ kind: "seasonal", valid_from: "2027-07-01", valid_to: "2027-08-31" });
    expect(body[0].slots).toEqual([{ weekday: 6, start: "09:00", end: "12:00", week_rule: { kind: "every" }, access: "sans_rdv", planned_agents: 2 }]);
    expect(toBody(edited)).toEqual({ schedules: body });
  });

  it("creates the regular schedule when the structure has none", () => {
    const empty = fromSchedules("fs", []);
    expect(toSchedules(empty)).toEqual([{ owner_kind: "structure", owner_id: "fs", kind: "regular", channel: "accueil", status: "published", slots: [] }]);
    const onlyDraft = fromSchedules("fs", [{ ...regular, status: "draft" }]);
    expect(onlyDraft.schedules).toHaveLength(2);
    expect(onlyDraft.main).toBe(1);
  });

  it("adds a seasonal schedule with a copy of the regular slots, above the seasonal ones it may overlap", () => {
    const draft = fromSchedules("fs", [regular, summer]);
    const next = addSchedule(draft, "fs", { kind: "seasonal", valid_from: "2028-07-01", valid_to: "2028-08-31", copyMain: true });
    expect(next.selected).toBe(2);
    const added = toSchedules(next)[2];
    expect(added).toMatchObject({ owner_kind: "structure", owner_id: "fs", kind: "seasonal", channel: "accueil", status: "published", priority: 1, valid_from: "2028-07-01", valid_to: "2028-08-31" });
    expect(added.id).toBeUndefined();
    expect(added.slots).toEqual(toSchedules(draft)[0].slots);
    expect(next.schedules[2].slots[0].key).not.toBe(draft.schedules[0].slots[0].key);

    const empty = addSchedule(draft, "fs", { kind: "temporary", valid_from: "", valid_to: "", copyMain: false });
    const temporary = toSchedules(empty)[2];
    expect(temporary).toEqual({ owner_kind: "structure", owner_id: "fs", channel: "accueil", kind: "temporary", status: "published", priority: 0, slots: [] });
  });

  it("edits the validity and status of a schedule, leaving an emptied date out", () => {
    const draft = fromSchedules("fs", [regular, summer]);
    const next = updateSchedule(draft, 1, { valid_to: "2027-09-15", status: "draft", priority: 3 });
    expect(toSchedules(next)[1]).toMatchObject({ valid_from: "2027-07-01", valid_to: "2027-09-15", status: "draft", priority: 3 });
    const cleared = toSchedules(updateSchedule(next, 1, { valid_from: "" }))[1];
    expect("valid_from" in cleared).toBe(false);
    expect(toSchedules(next)[0]).toEqual(toSchedules(draft)[0]);
  });

  it("removes an added schedule, never the regular one, and keeps the indexes right", () => {
    const draft = selectSchedule(fromSchedules("fs", [summer, regular, { ...summer, id: "s3", kind: "temporary" }]), 2);
    expect(draft.main).toBe(1);
    expect(removeSchedule(draft, 1)).toBe(draft);
    const first = removeSchedule(draft, 0);
    expect(first).toMatchObject({ main: 0, selected: 1 });
    expect(toSchedules(first).map((s) => s.id)).toEqual(["s1", "s3"]);
    const selectedGone = removeSchedule(first, 1);
    expect(selectedGone).toMatchObject({ main: 0, selected: 0 });
    expect(selectSchedule(first, 9)).toBe(first);
  });

  it("carries the holiday policy only when the server has one", () => {
    const without = fromSchedules("fs", [regular]);
    expect(setHolidays(without, { closed_on_public_holidays: false })).toBe(without);
    const draft = fromSchedules("fs", [regular], { closed_on_public_holidays: true });
    expect(draft.holidays).toEqual({ closed_on_public_holidays: true, open_on_pentecost_monday: false });
    const next = setHolidays(draft, { open_on_pentecost_monday: true });
    expect(toBody(next).holidays).toEqual({ closed_on_public_holidays: true, open_on_pentecost_monday: true });
  });

  it("names schedules in French and finds a schedule's fields in a 422", () => {
    expect(scheduleTitle(regular)).toBe("Horaires habituels");
    expect(scheduleTitle({ ...regular, channel: "telephone" })).toBe("Horaires habituels (téléphone)");
    expect(scheduleTitle({ ...regular, owner_kind: "stop" })).toBe("Horaires habituels (arrêt)");
    expect(validityText(summer)).toBe("Du 1 juillet 2027 au 31 août 2027");
    expect(validityText({ valid_from: "2027-07-01" })).toBe("À partir du 1 juillet 2027");
    expect(validityText({})).toBe("Toute l’année");
    expect(scheduleName(summer)).toBe("Horaires saisonniers — du 1 juillet 2027 au 31 août 2027");
    expect(scheduleName(regular)).toBe("Horaires habituels");
    const fields = { "schedules[1].valid_to": "x", "schedules[1].slots[0].end": "y", "schedules[10].kind": "z", "holidays": "w" };
    expect(fieldsOfSchedule(fields, 1)).toEqual(["schedules[1].valid_to", "schedules[1].slots[0].end"]);
  });
});

import { describe, expect, it } from "vitest";
import { toStructure } from "../api/registry";
import { buildPatchBody, checkCoordinates, formFromStructure } from "./structureForm";

const vesoul = (source: string) => formFromStructure(toStructure({
  id: "s-1", name: "France services de Vesoul", commune_code: "70550", latitude: 47.638, longitude: 6.169, coordinates_source: source as "data",
}));

describe("structure form bodies", () => {
  it("sends reset_coordinates (and no coordinates) when the box is ticked or both fields are emptied", () => {
    const initial = vesoul("data");
    expect(buildPatchBody(initial, { ...initial, reset_coordinates: true, latitude: "48" })).toEqual({ reset_coordinates: true });
    expect(buildPatchBody(initial, { ...initial, latitude: " ", longitude: "" })).toEqual({ reset_coordinates: true });
    expect(checkCoordinates({ ...initial, latitude: "", longitude: "" }, initial)).toBeNull();
    expect(checkCoordinates({ ...initial, reset_coordinates: true, latitude: "n’importe quoi" }, initial)).toBeNull();
  });

  it("sends typed coordinates as numbers, and still wants both of them", () => {
    const initial = vesoul("manual");
    expect(buildPatchBody(initial, { ...initial, latitude: "47,62", longitude: "6,15" })).toEqual({ latitude: 47.62, longitude: 6.15 });
    expect(checkCoordinates({ ...initial, latitude: "47,62", longitude: "" }, initial)?.fieldError("latitude")).toBe("Latitude et longitude vont ensemble.");
    expect(buildPatchBody(initial, initial)).toEqual({});
  });

  it("never resets the coordinates of a structure at its commune's centre already", () => {
    const initial = vesoul("commune");
    expect(initial.latitude).toBe("");
    expect(buildPatchBody(initial, { ...initial, reset_coordinates: true })).toEqual({});
  });
});

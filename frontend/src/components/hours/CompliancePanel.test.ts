import { describe, expect, it } from "vitest";
import { measuredText } from "./CompliancePanel";

describe("measuredText", () => {
  it("shows the measure against the threshold with the unit", () => {
    expect(measuredText({ code: "partner_socle", status: "failure", measured: 11, threshold: 13, unit: "opérateurs" })).toMatch(
      /^Mesuré : 11 opérateurs — seuil : 13 opérateurs$/,
    );
  });

  it("shows nothing for an unknown criterion without figures, even when it carries a unit", () => {
    expect(measuredText({ code: "partner_socle", status: "unknown", measured: null, threshold: null, unit: "opérateurs" } as never)).toBeNull();
    expect(measuredText({ code: "premises", status: "unknown" })).toBeNull();
  });
});

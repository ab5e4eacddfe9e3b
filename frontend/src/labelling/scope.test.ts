import { describe, expect, it } from "vitest";
import type { User } from "../api/models";
import type { ReferenceData } from "../components/useReferenceData";
import { canSeeRegion, canWriteRegionTargets, pickRegion, regionChoices, targetLevel } from "./scope";

const user = (role: User["role"], region_code?: string) => ({ role, region_code, departements: ["70"] }) as unknown as User;
const refs = { departements: [], regions: [{ code: "27", name: "Bourgogne-Franche-Comté" }, { code: "84", name: "Auvergne-Rhône-Alpes" }] } as unknown as ReferenceData;

describe("targets level", () => {
  it("opens a region user on its région and the others on a département", () => {
    expect(targetLevel(user("region", "27"), null)).toBe("region");
    expect(targetLevel(user("region", "27"), "departement")).toBe("departement");
    expect(targetLevel(user("admin"), null)).toBe("departement");
    expect(targetLevel(user("admin"), "region")).toBe("region");
    expect(targetLevel(user("prefecture"), "region")).toBe("departement");
  });

  it("offers every région to the admin and its own to a region user", () => {
    expect(regionChoices(user("admin"), refs)).toEqual(["27", "84"]);
    expect(regionChoices(user("region", "27"), refs)).toEqual(["27"]);
    expect(regionChoices(user("animateur"), refs)).toEqual([]);
    expect(pickRegion(["27", "84"], "84")).toBe("84");
    expect(pickRegion(["27"], "84")).toBe("27");
    expect(pickRegion([], null)).toBe("");
  });

  it("lets only the admin write a région's targets", () => {
    expect(canSeeRegion("region")).toBe(true);
    expect(canSeeRegion("prefecture")).toBe(false);
    expect(canWriteRegionTargets("admin")).toBe(true);
    expect(canWriteRegionTargets("region")).toBe(false);
  });
});

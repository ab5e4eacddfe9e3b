import { describe, expect, it } from "vitest";
import { buildCreateUserBody } from "../pages/UserCreatePage";
import { creatableRoles, roleLabel } from "./roles";

describe("roles", () => {
  it("labels roles in French", () => {
    expect(roleLabel("admin")).toBe("Administrateur national");
    expect(roleLabel("region")).toBe("Niveau régional");
    expect(roleLabel("prefecture")).toBe("Préfecture");
    expect(roleLabel("animateur")).toBe("Animateur départemental");
    expect(roleLabel("structure")).toBe("France services");
    expect(roleLabel("partner")).toBe("Partenaire");
  });

  it("lets only an admin create admin and region accounts", () => {
    expect(creatableRoles("admin")).toContain("region");
    expect(creatableRoles("prefecture")).toEqual(["prefecture", "animateur", "structure", "partner"]);
    expect(creatableRoles("animateur")).toEqual([]);
  });
});

describe("buildCreateUserBody", () => {
  const base = { email: " a@b.fr ", name: " Camille ", departements: ["70"], regionCode: "27", partnerOrg: " CAF ", password: "x".repeat(12) };

  it("sends départements for a departmental role, nothing else", () => {
    expect(buildCreateUserBody({ ...base, role: "animateur" })).toEqual({
      email: "a@b.fr", name: "Camille", role: "animateur", password: base.password, departements: ["70"],
    });
  });

  it("sends the région for a region user and the organisation for a partner", () => {
    expect(buildCreateUserBody({ ...base, role: "region" })).toMatchObject({ region_code: "27" });
    expect(buildCreateUserBody({ ...base, role: "region" })).not.toHaveProperty("departements");
    expect(buildCreateUserBody({ ...base, role: "partner" })).toMatchObject({ partner_org: "CAF", departements: ["70"] });
  });
});

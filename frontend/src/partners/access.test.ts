import { describe, expect, it } from "vitest";
import { navigationFor } from "../components/navigation";
import { canManageApiClients, canReadCoverage, canWriteForPartner, canWriteLocalPartners, canWritePermanences, isOwnOrganisation } from "./access";

describe("partners access", () => {
  it("lets managers write any partner's rows and a partner user only its organisation's", () => {
    expect(canWriteForPartner({ role: "animateur", partner_org: null }, "cnaf")).toBe(true);
    expect(canWriteForPartner({ role: "partner", partner_org: "CNAF" }, "cnaf")).toBe(true);
    expect(canWriteForPartner({ role: "partner", partner_org: "CNAF" }, "msa")).toBe(false);
    expect(canWriteForPartner({ role: "structure", partner_org: null }, "cnaf")).toBe(false);
    expect(canWriteForPartner({ role: "region", partner_org: null }, "cnaf")).toBe(false);
    expect(isOwnOrganisation({ role: "prefecture", partner_org: "cnaf" }, "cnaf")).toBe(false);
    expect(canWritePermanences({ role: "partner", partner_org: null })).toBe(false);
    expect(canWritePermanences({ role: "partner", partner_org: "cnaf" })).toBe(true);
  });

  it("keeps local partners to managers and API clients to admin and prefecture", () => {
    expect(["admin", "prefecture", "animateur", "region", "structure", "partner"].map(canWriteLocalPartners)).toEqual([true, true, true, false, false, false]);
    expect(["admin", "prefecture", "animateur", "region", "structure", "partner"].map(canManageApiClients)).toEqual([true, true, false, false, false, false]);
    expect(canReadCoverage("structure")).toBe(false);
    expect(canReadCoverage("partner")).toBe(true);
  });

  it("puts Partenaires in every menu and Clients API in the admin and prefecture ones", () => {
    const entries = (role: string) => navigationFor(role).map((i) => i.text).filter((t) => t === "Partenaires" || t === "Clients API");
    expect(entries("prefecture")).toEqual(["Partenaires", "Clients API"]);
    expect(entries("admin")).toEqual(["Partenaires", "Clients API"]);
    expect(entries("animateur")).toEqual(["Partenaires"]);
    expect(entries("partner")).toEqual(["Partenaires"]);
  });
});

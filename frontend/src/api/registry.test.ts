import { describe, expect, it } from "vitest";
import { flattenDiff, snakeCase, toImportReport, toStructure } from "./registry";

describe("registry models", () => {
  it("normalizes a structure with defaults", () => {
    const s = toStructure({ id: "s-1", name: "France services de Gy", format: "antenne", carrier: { type: "commune" } });
    expect(s).toMatchObject({ id: "s-1", format: "antenne", id_fs: null, latitude: null, coordinates_source: "none", quality_flags: [] });
    expect(s.carrier).toEqual({ type: "commune", name: "", siret: "" });
  });

  it("reads the audit diff in the server's Go field names and in snake_case", () => {
    expect(snakeCase("AddressComplement")).toBe("address_complement");
    expect(snakeCase("IDFS")).toBe("id_fs");
    expect(snakeCase("phone")).toBe("phone");
    expect(flattenDiff({
      Phone: { from: "03 84 75 64 76", to: "03 84 75 00 00" },
      Carrier: { from: { Type: "autre", Name: "", SIRET: "" }, to: { Type: "commune", Name: "", SIRET: "21700550300016" } },
    })).toEqual([
      { field: "phone", from: "03 84 75 64 76", to: "03 84 75 00 00" },
      { field: "carrier.type", from: "autre", to: "commune" },
      { field: "carrier.siret", from: "", to: "21700550300016" },
    ]);
  });

  it("reads the API's names of newer entries (carrier flattened) as they are, and old Go names as the same fields", () => {
    expect(flattenDiff({
      phone: { from: "03 84 75 64 76", to: "03 84 75 12 34" },
      "carrier.siret": { from: "", to: "21700550300016" },
      coordinates_source: { from: "data", to: "commune" },
      commune_name: { from: "Vesoul", to: "Quers" },
      hours_raw: { from: { h_lundi: "09:00 - 12:00" }, to: {} },
    })).toEqual([
      { field: "phone", from: "03 84 75 64 76", to: "03 84 75 12 34" },
      { field: "carrier.siret", from: "", to: "21700550300016" },
      { field: "coordinates_source", from: "data", to: "commune" },
      { field: "commune_name", from: "Vesoul", to: "Quers" },
      { field: "hours_raw", from: { h_lundi: "09:00 - 12:00" }, to: {} },
    ]);
    expect(flattenDiff({
      CoordinatesSource: { from: "data", to: "commune" },
      CommuneLabel: { from: "Vesoul", to: "Quers" },
      Departement: { from: "70", to: "70" },
      MemberIDs: { from: ["a"], to: ["a", "b"] },
    }).map((c) => c.field)).toEqual(["coordinates_source", "commune_name", "departement_code", "member_ids"]);
  });

  it("sorts an import row's changes and keeps rejected rows' problems", () => {
    const report = toImportReport({
      summary: { update: 1 },
      updates: [{ line: 21, id: "s-1", name: "Vesoul", changes: { phone: { from: "a", to: "b" }, email: { from: "c", to: "d" } } }],
      rejected: [{ line: 4, problems: [{ line: 4, column: "id_fs", message: "Illisible." }], cells: { lib_fs: "X" } }],
    });
    expect(report.summary).toEqual({ create: 0, update: 1, unchanged: 0, rejected: 0, warnings: 0 });
    expect(report.updates[0].changes.map((c) => c.field)).toEqual(["email", "phone"]);
    expect(report.rejected[0]).toEqual({ line: 4, problems: [{ line: 4, column: "id_fs", message: "Illisible." }], cells: { lib_fs: "X" } });
  });
});

import { describe, expect, it } from "vitest";
import {
  EMPTY_FILTERS, exportQuery, filtersFromParams, filtersToParams, listQuery, toQueryString,
} from "./filters";

describe("structure filters", () => {
  it("reads the URL and drops unknown codes", () => {
    const filters = filtersFromParams(new URLSearchParams("departement=70&format=antenne&quality=nope&carrier_type=commune&q=%20vésoul%20&x=1"));
    expect(filters).toEqual({ ...EMPTY_FILTERS, departement: "70", format: "antenne", carrier_type: "commune", q: "vésoul" });
  });

  it("builds the list query string with only the set filters, cursor and limit", () => {
    const filters = { ...EMPTY_FILTERS, departement: "70", format: "itinerant" as const, label_status: "labellise", quality: "temporary_id", q: "Gy" };
    expect(toQueryString(listQuery(filters, "abc", 50))).toBe(
      "departement=70&format=itinerant&label_status=labellise&quality=temporary_id&q=Gy&cursor=abc&limit=50",
    );
    expect(toQueryString(listQuery(EMPTY_FILTERS))).toBe("");
  });

  it("names the structures' format structure_format in the export query", () => {
    const filters = { ...EMPTY_FILTERS, departement: "70", format: "site", carrier_type: "la_poste" };
    expect(toQueryString(exportQuery(filters, "anct"))).toBe("format=anct&departement=70&carrier_type=la_poste&structure_format=site");
    expect(exportQuery(EMPTY_FILTERS, "xlsx")).toEqual({ format: "xlsx" });
  });

  it("keeps the page URL short", () => {
    expect(filtersToParams({ ...EMPTY_FILTERS, departement: "70", q: "  " })).toEqual({ departement: "70" });
  });
});

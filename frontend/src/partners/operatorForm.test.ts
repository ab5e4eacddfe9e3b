import { describe, expect, it } from "vitest";
import type { Operator } from "../api/partners";
import { createOperatorBody, operatorDraft, updateOperatorBody, validateOperator } from "./operatorForm";

const caf: Operator = {
  code: "cnaf", name: "CNAF – Caisses d’allocations familiales", short_name: "CAF", names: [], socle_from: "2019-07-01", socle_to: null,
  in_socle: true, version: 4,
};

describe("operator form", () => {
  it("sends only the socle period when the names do not change, and a dated name when they do", () => {
    const draft = operatorDraft(caf);
    expect(draft).toMatchObject({ code: "cnaf", short_name: "CAF", socle_from: "2019-07-01", socle_to: "" });
    expect(updateOperatorBody(caf, { ...draft, socle_to: "2027-12-31" })).toEqual({ socle_from: "2019-07-01", socle_to: "2027-12-31" });
    expect(updateOperatorBody(caf, { ...draft, name: " Caisse nationale ", renamed_on: "2027-01-01" })).toEqual({
      socle_from: "2019-07-01", socle_to: "", name: "Caisse nationale", short_name: "CAF", renamed_on: "2027-01-01",
    });
  });

  it("creates with the code, the name as default short name, and no empty date", () => {
    const body = createOperatorBody({ code: " urssaf ", name: "Urssaf", short_name: "", renamed_on: "", socle_from: "2027-01-01", socle_to: "" });
    expect(body).toEqual({ code: "urssaf", name: "Urssaf", short_name: "Urssaf", socle_from: "2027-01-01" });
  });

  it("checks the code on creation, the name and the socle period", () => {
    const empty = operatorDraft(null);
    expect(validateOperator(empty, true)).toEqual({
      code: "Code invalide : lettres minuscules, chiffres et _, 2 à 31 caractères.", name: "Indiquez le nom de l’opérateur.",
    });
    expect(validateOperator({ ...empty, code: "Urssaf", name: "U" }, true)).toHaveProperty("code");
    expect(validateOperator({ ...empty, name: "U", socle_to: "2027-01-01" }, false)).toEqual({ socle_from: "Une fin de socle demande un début." });
    expect(validateOperator({ ...empty, name: "U", socle_from: "2027-02-01", socle_to: "2027-01-01" }, false)).toHaveProperty("socle_to");
  });
});

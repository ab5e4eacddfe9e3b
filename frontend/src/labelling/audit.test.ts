import { describe, expect, it } from "vitest";
import type { AuditCriterion } from "../api/labelling";
import { answerErrorKeys, answersOf, auditBody, auditSummary, byCategory } from "./audit";

const c = (code: string, category: string, automatic: boolean, status = "a_verifier", comment = ""): AuditCriterion =>
  ({ code, label: `Critère ${code}`, category, automatic, status, comment, locked: automatic });

const grid = [
  c("Q01", "Horaires", true, "non_conforme"),
  c("Q02", "Locaux", false, "conforme", "Bureau fermé"),
  c("Q03", "Horaires", false),
  c("Q04", "Locaux", false),
];

describe("audit form", () => {
  it("groups the grid by category in order of first appearance", () => {
    expect(byCategory(grid).map((g) => [g.category, g.criteria.map((x) => x.code)])).toEqual([
      ["Horaires", ["Q01", "Q03"]],
      ["Locaux", ["Q02", "Q04"]],
    ]);
  });

  it("drafts only the manual criteria, a_verifier as unanswered", () => {
    expect(answersOf(grid)).toEqual({ Q02: { status: "conforme", comment: "Bureau fermé" }, Q03: { status: "", comment: "" }, Q04: { status: "", comment: "" } });
  });

  it("sends the answered manual criteria, never the automatic ones", () => {
    const answers = { ...answersOf(grid), Q01: { status: "conforme", comment: "forcé" }, Q04: { status: "sans_objet", comment: " Pas d’étage " } };
    expect(auditBody(grid, answers)).toEqual({
      answers: [
        { code: "Q02", status: "conforme", comment: "Bureau fermé" },
        { code: "Q04", status: "sans_objet", comment: "Pas d’étage" },
      ],
    });
    expect(auditSummary(grid, answers)).toEqual({ manual: 3, answered: 2, automatic: 1, failing: 1 });
    expect([...answerErrorKeys(grid, answers)]).toEqual([["Q02", "answers[0]"], ["Q04", "answers[1]"]]);
  });

  it("treats a criterion locked by the server as automatic", () => {
    const locked = { ...c("Q05", "Agents", false, "conforme"), locked: true };
    expect(answersOf([locked])).toEqual({});
    expect(auditBody([locked], { Q05: { status: "non_conforme", comment: "" } })).toEqual({ answers: [] });
  });
});

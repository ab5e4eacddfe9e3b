// The audit form without React: the grid grouped by category, the manual answers and the PUT body.
import type { AuditCriterion } from "../api/labelling";

export type AnswerDraft = { status: string; comment: string };
export type AuditAnswers = Record<string, AnswerDraft>;

/** Criteria grouped by category, in the grid's order of first appearance. */
export function byCategory(criteria: AuditCriterion[]): { category: string; criteria: AuditCriterion[] }[] {
  const groups = new Map<string, AuditCriterion[]>();
  for (const c of criteria) {
    const key = c.category || "Autres critères";
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.entries()].map(([category, list]) => ({ category, criteria: list }));
}

/** Whether a criterion is filled by the compliance engine (shown, never sent). */
export function isLocked(c: AuditCriterion): boolean {
  return c.automatic || c.locked;
}

/** The drafts of the manual criteria ("a_verifier" means not answered yet). */
export function answersOf(criteria: AuditCriterion[]): AuditAnswers {
  const out: AuditAnswers = {};
  for (const c of criteria) {
    if (isLocked(c)) continue;
    out[c.code] = { status: c.status === "a_verifier" ? "" : c.status, comment: c.comment };
  }
  return out;
}

/** The PUT /structures/{id}/audit body: the manual criteria answered (automatic ones would be a 422). */
export function auditBody(criteria: AuditCriterion[], answers: AuditAnswers): { answers: { code: string; status: string; comment: string }[] } {
  const out: { code: string; status: string; comment: string }[] = [];
  for (const c of criteria) {
    if (isLocked(c)) continue;
    const a = answers[c.code];
    if (!a || !a.status) continue;
    out.push({ code: c.code, status: a.status, comment: a.comment.trim() });
  }
  return { answers: out };
}

/** Counts for the summary line: manual answered / manual total, and the non-compliant criteria. */
export function auditSummary(criteria: AuditCriterion[], answers: AuditAnswers) {
  const manual = criteria.filter((c) => !isLocked(c));
  const answered = manual.filter((c) => answers[c.code]?.status).length;
  const failing = criteria.filter((c) => (isLocked(c) ? c.status : answers[c.code]?.status) === "non_conforme").length;
  return { manual: manual.length, answered, automatic: criteria.length - manual.length, failing };
}

/** The server's error of an answer: answers[i] of the body is the i-th answered manual criterion. */
export function answerErrorKeys(criteria: AuditCriterion[], answers: AuditAnswers): Map<string, string> {
  const keys = new Map<string, string>();
  let i = 0;
  for (const c of criteria) {
    if (isLocked(c) || !answers[c.code]?.status) continue;
    keys.set(c.code, `answers[${i}]`);
    i += 1;
  }
  return keys;
}

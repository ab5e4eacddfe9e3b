import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ChecklistItem } from "../../api/visits";
import { ChecklistFields, answerValue, draftOf, prefillText } from "./ChecklistFields";

const item = (id: string, answer_type: string, extra: Partial<ChecklistItem> = {}): ChecklistItem => ({
  id, position: Number(id.slice(1)), section: "Accueil", label: `Question ${id}`, help: "", answer_type, required: false,
  prefill: null, answer: null, ...extra,
});

const items: ChecklistItem[] = [
  item("q1", "yes_no", { required: true }),
  item("q2", "scale_1_4"),
  item("q3", "text"),
  item("q4", "number", { section: "Agents" }),
  item("q5", "number", { section: "Activité", prefill: { kind: "activity_last_month", available: false, value: null, as_of: null, note: "Indisponible : la fréquentation n’est pas encore suivie." } }),
  item("q6", "number", { section: "Suivi", prefill: { kind: "open_actions", available: true, value: 3, as_of: "2026-11-24", note: "dont 1 en retard" } }),
];

describe("ChecklistFields", () => {
  it("renders each answer type with its own field and prefilled items read-only", () => {
    const onChange = vi.fn();
    render(<ChecklistFields items={items} answers={{ q1: { value: "true", comment: "" } }} onChange={onChange} readOnly={false} error={null} />);
    const yesNo = screen.getByRole("group", { name: /Question q1 \(obligatoire\)/ });
    expect(within(yesNo).getByLabelText("Oui")).toBeChecked();
    expect(within(yesNo).getByLabelText("Non")).not.toBeChecked();
    const scale = screen.getByRole("group", { name: /Question q2/ });
    expect(within(scale).getAllByRole("radio").map((r) => (r as HTMLInputElement).value)).toEqual(["1", "2", "3", "4"]);
    expect(screen.getByLabelText("Question q3").tagName).toBe("TEXTAREA");
    expect(screen.getByLabelText("Question q4")).toHaveAttribute("type", "number");
    expect(screen.queryByLabelText("Question q5")).toBeNull();
    expect(screen.getByText("Indisponible : la fréquentation n’est pas encore suivie.")).toBeInTheDocument();
    expect(screen.getByText("3 — dont 1 en retard")).toBeInTheDocument();
    fireEvent.click(within(scale).getByLabelText("3"));
    expect(onChange).toHaveBeenCalledWith("q2", { value: "3", comment: "" });
  });

  it("shows the server's message on the answer it names", () => {
    const error = { fieldError: (f: string) => (f === "answers[3].value" ? "Un nombre est attendu." : undefined) };
    render(<ChecklistFields items={items} answers={{}} onChange={() => undefined} readOnly={false} error={error as never} />);
    expect(screen.getByText("Un nombre est attendu.")).toBeInTheDocument();
  });
});

describe("answers", () => {
  it("turns drafts into the API's values per type", () => {
    expect(answerValue("yes_no", { value: "false", comment: "" })).toBe(false);
    expect(answerValue("scale_1_4", { value: "4", comment: "" })).toBe(4);
    expect(answerValue("number", { value: "2,5", comment: "" })).toBe(2.5);
    expect(answerValue("text", { value: " ok ", comment: "" })).toBe("ok");
    expect(answerValue("text", { value: "  ", comment: "" })).toBeUndefined();
    expect(answerValue("number", undefined)).toBeUndefined();
  });

  it("reads stored answers back and words prefills", () => {
    expect(draftOf(item("q1", "yes_no", { answer: { value: true, comment: "vu" } }))).toEqual({ value: "true", comment: "vu" });
    expect(draftOf(item("q4", "number", { answer: { value: 2, comment: "" } }))).toEqual({ value: "2", comment: "" });
    expect(prefillText(items[4])).toBe("Indisponible : la fréquentation n’est pas encore suivie.");
  });
});

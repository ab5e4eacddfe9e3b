import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import type { ApiError } from "../../api/problem";
import type { ChecklistItem } from "../../api/visits";
import { labelStatusLabel } from "../../registry/labels";

export type AnswerDraft = { value: string; comment: string };
export type Answers = Record<string, AnswerDraft>;

/** The draft (text) form of a stored answer value. */
export function draftOf(item: ChecklistItem): AnswerDraft {
  const v = item.answer?.value;
  let value = "";
  if (typeof v === "boolean") value = v ? "true" : "false";
  else if (typeof v === "number") value = String(v);
  else if (typeof v === "string") value = v;
  return { value, comment: item.answer?.comment ?? "" };
}

/** The API value of a draft answer for an answer type; undefined when the question is left unanswered. */
export function answerValue(answerType: string, draft: AnswerDraft | undefined): boolean | number | string | undefined {
  const raw = draft?.value.trim() ?? "";
  if (raw === "") return undefined;
  switch (answerType) {
    case "yes_no":
      return raw === "true";
    case "scale_1_4":
    case "number": {
      const n = Number(raw.replace(",", "."));
      return Number.isFinite(n) ? n : undefined;
    }
    default:
      return raw;
  }
}

/** How a prefilled figure reads: its value, or the note saying why it is unavailable. */
export function prefillText(item: ChecklistItem): string {
  const p = item.prefill;
  if (!p) return "";
  if (!p.available) return p.note || "Indisponible";
  let value = p.value === null || p.value === undefined ? "" : String(p.value);
  if (p.kind === "label_status" && value) value = labelStatusLabel(value);
  return [value, p.note].filter(Boolean).join(" — ");
}

type Props = {
  items: ChecklistItem[];
  answers: Answers;
  onChange: (itemId: string, draft: AnswerDraft) => void;
  readOnly: boolean;
  error: ApiError | null;
};

const SCALE = ["1", "2", "3", "4"];

/** The checklist of a visit, one field per question according to its answer type (ADR 0005). */
export function ChecklistFields({ items, answers, onChange, readOnly, error }: Props) {
  const sections: { name: string; items: { item: ChecklistItem; index: number }[] }[] = [];
  items.forEach((item, index) => {
    const last = sections[sections.length - 1];
    if (last && last.name === item.section) last.items.push({ item, index });
    else sections.push({ name: item.section, items: [{ item, index }] });
  });
  return (
    <>
      {sections.map((section) => (
        <fieldset key={section.name || "-"} className="fr-fieldset">
          <legend className="fr-fieldset__legend"><h4 className="fr-h6 fr-mb-0">{section.name || "Questions"}</h4></legend>
          {section.items.map(({ item, index }) => (
            <div key={item.id} className="fr-fieldset__element">
              <ChecklistField item={item} draft={answers[item.id] ?? { value: "", comment: "" }}
                onChange={(d) => onChange(item.id, d)} readOnly={readOnly}
                serverError={error?.fieldError(`answers[${index}].value`) ?? error?.fieldError(`answers[${index}]`)} />
            </div>
          ))}
        </fieldset>
      ))}
    </>
  );
}

type FieldProps = {
  item: ChecklistItem;
  draft: AnswerDraft;
  onChange: (draft: AnswerDraft) => void;
  readOnly: boolean;
  serverError?: string;
};

export function ChecklistField({ item, draft, onChange, readOnly, serverError }: FieldProps) {
  const label = `${item.label}${item.required ? " (obligatoire)" : ""}`;
  const state = serverError ? { state: "error" as const, stateRelatedMessage: serverError } : {};
  const name = `answer-${item.id}`;
  if (item.prefill) {
    return (
      <div className="fr-mb-2w" data-answer-type={item.answer_type}>
        <p className="fr-mb-0"><strong>{item.label}</strong> <span className="fr-badge fr-badge--sm fr-badge--no-icon">Prérempli</span></p>
        <p className={`fr-mb-0${item.prefill.available ? "" : " maillage-muted"}`}>{prefillText(item)}</p>
      </div>
    );
  }
  if (item.answer_type === "yes_no" || item.answer_type === "scale_1_4") {
    const choices = item.answer_type === "yes_no"
      ? [{ value: "true", label: "Oui" }, { value: "false", label: "Non" }]
      : SCALE.map((v) => ({ value: v, label: v }));
    return (
      <RadioButtons
        legend={label}
        hintText={item.help || (item.answer_type === "scale_1_4" ? "De 1 (insuffisant) à 4 (très satisfaisant)." : undefined)}
        orientation="horizontal"
        disabled={readOnly}
        {...state}
        options={choices.map((c) => ({
          label: c.label,
          nativeInputProps: { name, value: c.value, checked: draft.value === c.value, onChange: () => onChange({ ...draft, value: c.value }) },
        }))}
      />
    );
  }
  if (item.answer_type === "number") {
    return (
      <Input label={label} hintText={item.help || undefined} disabled={readOnly} {...state}
        nativeInputProps={{ name, type: "number", inputMode: "decimal", value: draft.value, onChange: (e) => onChange({ ...draft, value: e.target.value }) }} />
    );
  }
  return (
    <Input label={label} hintText={item.help || undefined} disabled={readOnly} textArea {...state}
      nativeTextAreaProps={{ name, rows: 3, maxLength: 4000, value: draft.value, onChange: (e) => onChange({ ...draft, value: e.target.value }) }} />
  );
}

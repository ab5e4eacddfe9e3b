import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ApiError } from "../../api/problem";
import {
  ACCESS_LABELS, addSlot, removeSlot, slotsOfDay, splitSlot, updateSlot, WEEK_RULE_LABELS, WEEKDAYS,
  type Access, type DraftSlot, type WeekRuleKind,
} from "../../hours/model";

export type StopOption = { id: string; label: string };
export type AgentOption = { id: string; name: string };

type Props = {
  slots: DraftSlot[];
  onChange: (slots: DraftSlot[]) => void;
  /** Index of the edited schedule in the PUT body, for the 422 field paths. */
  scheduleIndex: number;
  error: ApiError | null;
  stops: StopOption[];
  /** Agents currently assigned to the structure, who can be named on a slot. */
  agents?: AgentOption[];
  editable: boolean;
  /** Whether a slot has its "Agents prévus" field (false for a partner's permanence, which plans no agent). */
  showAgents?: boolean;
};

type FieldProps = { id: string; label: string; error?: string; children: (describedBy: string | undefined) => React.ReactNode };

function Field({ id, label, error, children }: FieldProps) {
  const messageId = `${id}-message`;
  return (
    <div className={`fr-input-group fr-mb-1w${error ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>{label}</label>
      {children(error ? messageId : undefined)}
      {error && <p id={messageId} className="fr-error-text">{error}</p>}
    </div>
  );
}

/** Weekly grid of the edited schedule: per weekday its slots (start–end, planned agents, week rule, access, stop). */
export function WeekGrid({ slots, onChange, scheduleIndex, error, stops, agents = [], editable, showAgents = true }: Props) {
  const fieldError = (index: number, field: string) => error?.fieldError(`schedules[${scheduleIndex}].slots[${index}].${field}`);
  return (
    <div className="maillage-week-grid">
      {WEEKDAYS.map(({ day, label }) => {
        const daySlots = slotsOfDay(slots, day);
        return (
          <section key={day} className="fr-mb-3w" aria-labelledby={`day-${day}`}>
            <h5 id={`day-${day}`} className="fr-h6 fr-mb-1w">{label}</h5>
            {daySlots.length === 0 && <p className="fr-text--sm fr-mb-1w">Fermé</p>}
            {daySlots.map(({ slot, index }, position) => {
              const id = `slot-${slot.key}`;
              const set = (patch: Partial<DraftSlot>) => onChange(updateSlot(slots, slot.key, patch));
              const slotError = error?.fieldError(`schedules[${scheduleIndex}].slots[${index}]`);
              const name = `${label}, créneau ${position + 1}`;
              return (
                <fieldset key={slot.key} className="fr-fieldset maillage-slot fr-mb-1w" aria-label={name} disabled={!editable}>
                  <legend className="fr-sr-only">{name}</legend>
                  <div className="maillage-slot-fields">
                    <Field id={`${id}-start`} label="Début" error={fieldError(index, "start")}>
                      {(d) => <input className="fr-input" type="time" id={`${id}-start`} value={slot.start} aria-describedby={d}
                        aria-invalid={d ? true : undefined} onChange={(e) => set({ start: e.target.value })} />}
                    </Field>
                    <Field id={`${id}-end`} label="Fin" error={fieldError(index, "end")}>
                      {(d) => <input className="fr-input" type="time" id={`${id}-end`} value={slot.end} aria-describedby={d}
                        aria-invalid={d ? true : undefined} onChange={(e) => set({ end: e.target.value })} />}
                    </Field>
                    {showAgents && (
                      <Field id={`${id}-agents`} label="Agents prévus" error={fieldError(index, "planned_agents") ?? fieldError(index, "agent_ids")}>
                        {(d) => <input className="fr-input" type="number" min={0} max={20} inputMode="numeric" id={`${id}-agents`}
                          value={slot.planned_agents} aria-describedby={d} aria-invalid={d ? true : undefined}
                          onChange={(e) => set({ planned_agents: e.target.value })} />}
                      </Field>
                    )}
                    <Field id={`${id}-rule`} label="Semaines" error={fieldError(index, "week_rule.kind")}>
                      {(d) => (
                        <select className="fr-select" id={`${id}-rule`} value={slot.rule} aria-describedby={d}
                          onChange={(e) => set({ rule: e.target.value as WeekRuleKind })}>
                          {(Object.keys(WEEK_RULE_LABELS) as WeekRuleKind[]).map((k) => <option key={k} value={k}>{WEEK_RULE_LABELS[k]}</option>)}
                        </select>
                      )}
                    </Field>
                    {slot.rule === "every_n" && (
                      <>
                        <Field id={`${id}-interval`} label="Toutes les (semaines)" error={fieldError(index, "week_rule.interval")}>
                          {(d) => <input className="fr-input" type="number" min={2} max={52} id={`${id}-interval`} value={slot.interval}
                            aria-describedby={d} aria-invalid={d ? true : undefined} onChange={(e) => set({ interval: e.target.value })} />}
                        </Field>
                        <Field id={`${id}-anchor`} label="À partir du" error={fieldError(index, "week_rule.anchor")}>
                          {(d) => <input className="fr-input" type="date" id={`${id}-anchor`} value={slot.anchor}
                            aria-describedby={d} aria-invalid={d ? true : undefined} onChange={(e) => set({ anchor: e.target.value })} />}
                        </Field>
                      </>
                    )}
                    <Field id={`${id}-access`} label="Accès" error={fieldError(index, "access")}>
                      {(d) => (
                        <select className="fr-select" id={`${id}-access`} value={slot.access} aria-describedby={d}
                          onChange={(e) => set({ access: e.target.value as Access })}>
                          {(Object.keys(ACCESS_LABELS) as Access[]).map((k) => <option key={k} value={k}>{ACCESS_LABELS[k]}</option>)}
                        </select>
                      )}
                    </Field>
                    {stops.length > 0 && (
                      <Field id={`${id}-stop`} label="Arrêt" error={fieldError(index, "stop_id")}>
                        {(d) => (
                          <select className="fr-select" id={`${id}-stop`} value={slot.stop_id} aria-describedby={d}
                            onChange={(e) => set({ stop_id: e.target.value })}>
                            <option value="">Aucun arrêt</option>
                            {stops.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
                          </select>
                        )}
                      </Field>
                    )}
                  </div>
                  {(agents.length > 0 || slot.agent_ids.length > 0) && (
                    <details className="fr-mb-1w">
                      <summary className="fr-text--sm">
                        {`Agents nommés : ${slot.agent_ids.length === 0 ? "aucun" : slot.agent_ids.map((a) => agents.find((x) => x.id === a)?.name ?? "agent retiré").join(", ")}`}
                      </summary>
                      <fieldset className="fr-fieldset fr-mb-0" aria-label={`Agents nommés, ${name}`}>
                        {agents.map((agent) => {
                          const boxId = `${id}-agent-${agent.id}`;
                          const checked = slot.agent_ids.includes(agent.id);
                          return (
                            <div key={agent.id} className="fr-fieldset__element fr-fieldset__element--inline">
                              <div className="fr-checkbox-group fr-checkbox-group--sm">
                                <input type="checkbox" id={boxId} checked={checked}
                                  onChange={() => set({ agent_ids: checked ? slot.agent_ids.filter((a) => a !== agent.id) : [...slot.agent_ids, agent.id] })} />
                                <label className="fr-label" htmlFor={boxId}>{agent.name}</label>
                              </div>
                            </div>
                          );
                        })}
                      </fieldset>
                      {fieldError(index, "agent_ids") && <p className="fr-error-text fr-mt-0">{fieldError(index, "agent_ids")}</p>}
                    </details>
                  )}
                  {slotError && !fieldError(index, "start") && !fieldError(index, "end") && (
                    <p className="fr-error-text fr-mt-0">{slotError}</p>
                  )}
                  {editable && (
                    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mb-0">
                      <li>
                        <Button type="button" priority="tertiary" size="small" title={`Scinder : ${name}`}
                          onClick={() => onChange(splitSlot(slots, slot.key))}>Scinder</Button>
                      </li>
                      <li>
                        <Button type="button" priority="tertiary" size="small" title={`Supprimer : ${name}`}
                          onClick={() => onChange(removeSlot(slots, slot.key))}>Supprimer</Button>
                      </li>
                    </ul>
                  )}
                </fieldset>
              );
            })}
            {editable && (
              <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line"
                onClick={() => onChange(addSlot(slots, day))}>
                {`Ajouter un créneau le ${label.toLowerCase()}`}
              </Button>
            )}
          </section>
        );
      })}
    </div>
  );
}

// Agents of a structure (ADR 0006): normalized objects and French labels.
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type AgentRole = "agent" | "referent" | "responsable";
export type TrainingKind = "initial" | "partner" | "immersion" | "continuing";

export const AGENT_ROLE_LABELS: Record<AgentRole, string> = { agent: "Agent", referent: "Référent", responsable: "Responsable" };
export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = {
  initial: "Formation initiale (CNFPT)",
  partner: "Formation des partenaires",
  immersion: "Immersion",
  continuing: "Formation continue",
};

export type Training = { id: string; kind: TrainingKind; provider: string; days: number | null; completed_on: string | null };
export type Assignment = { structure_id: string; etp: number; start_date: string | null; end_date: string | null };
export type Agent = {
  id: string; name: string; work_email: string; role: AgentRole; trained: boolean; version: number;
  assignments: Assignment[]; trainings: Training[];
};

export function toAgent(a: Schemas["Agent"]): Agent {
  return {
    id: a.id ?? "",
    name: a.name ?? "",
    work_email: a.work_email ?? "",
    role: a.role ?? "agent",
    trained: a.trained ?? false,
    version: a.version ?? 1,
    assignments: (a.assignments ?? []).map((x) => ({
      structure_id: x.structure_id ?? "", etp: x.etp ?? 1, start_date: x.start_date ?? null, end_date: x.end_date ?? null,
    })),
    trainings: (a.trainings ?? []).map((t) => ({
      id: t.id ?? "", kind: t.kind ?? "initial", provider: t.provider ?? "", days: t.days ?? null, completed_on: t.completed_on ?? null,
    })),
  };
}

/** "0,5 ETP" */
export function etpText(etp: number): string {
  return `${etp.toLocaleString("fr-FR", { maximumFractionDigits: 2 })} ETP`;
}

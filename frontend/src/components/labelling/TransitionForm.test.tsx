import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { AllowedTransition } from "../../api/labelling";
import type { Role } from "../../auth/roles";
import { json, problem } from "../../test/fakeApi";
import { renderAuthed } from "./testing";
import { TransitionForm } from "./TransitionForm";

const audit: AllowedTransition = { to: "audit_demande", label: "Demander l’audit", reason_required: false, negative: false, needs_wave: false, blocked: [], hint: "" };
const reject: AllowedTransition = { to: "rejete", label: "Rejeter la candidature", reason_required: true, negative: true, needs_wave: false, blocked: [], hint: "" };
const label: AllowedTransition = {
  to: "labellise", label: "Labelliser", reason_required: false, negative: false, needs_wave: true, hint: "",
  blocked: [{ code: "compliance.weekly_hours", message: "Ouverture prévue 20 h par semaine, 24 h requises." }],
};
const state = { structure_id: "fs", state: "audit_demande", version: 5, history: [], allowed: [] };

function setup(transition: AllowedTransition, post: (req: Request) => Response | Promise<Response>, role: Role = "prefecture") {
  const onDone = vi.fn();
  const onReload = vi.fn();
  const fake = renderAuthed(
    <TransitionForm structureId="fs" departement="70" transition={transition} version={4} onDone={onDone} onCancel={() => undefined} onReload={onReload} />,
    {
      "POST /structures/fs/label/transitions": post,
      "GET /departements/70/waves": () => json({ items: [{ id: "w1", name: "Vague du 1er janvier 2022", date: "2022-01-01", labelled_count: 20 }] }),
      "POST /departements/70/waves": async (req) => json({ id: "w2", ...(await req.json() as object), labelled_count: 0 }, { status: 201 }),
    },
    role,
  );
  return { ...fake, onDone, onReload };
}

describe("TransitionForm", () => {
  it("posts the transition with If-Match and hands the new state over", async () => {
    const user = userEvent.setup();
    const { calls, onDone } = setup(audit, () => json(state, { headers: { ETag: '"5"' } }));
    await user.click(await screen.findByRole("button", { name: "Confirmer : Demander l’audit" }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const post = calls.find((c) => c.method === "POST" && c.url.endsWith("/label/transitions"));
    expect(post?.headers.get("If-Match")).toBe('"4"');
    expect(await post?.json()).toEqual({ to: "audit_demande" });
    expect(onDone.mock.calls[0][0]).toMatchObject({ state: "audit_demande", version: 5 });
  });

  it("requires a reason for a negative transition before sending", async () => {
    const user = userEvent.setup();
    const { calls } = setup(reject, () => json(state));
    expect(await screen.findByLabelText(/Motif \(obligatoire\)/)).toBeRequired();
    await user.click(screen.getByRole("button", { name: "Confirmer : Rejeter la candidature" }));
    expect(await screen.findByText("Indiquez le motif de cette décision.")).toBeInTheDocument();
    expect(calls.some((c) => c.method === "POST" && c.url.endsWith("/transitions"))).toBe(false);
  });

  it("shows each failing guard of a 422 label.guard_failed in the dialog", async () => {
    const user = userEvent.setup();
    setup(audit, () => problem(422, {
      title: "Les conditions de cette décision ne sont pas remplies.", code: "label.guard_failed",
      errors: { hours: "Ouverture prévue 20 h par semaine, 24 h requises.", agents: "2 agents au moins doivent être rattachés." },
    }));
    await user.click(await screen.findByRole("button", { name: "Confirmer : Demander l’audit" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Les conditions de cette décision ne sont pas remplies.");
    expect(alert).toHaveTextContent("Ouverture prévue 20 h par semaine, 24 h requises.");
    expect(alert).toHaveTextContent("2 agents au moins doivent être rattachés.");
  });

  it("asks to reload on 412", async () => {
    const user = userEvent.setup();
    const { onReload } = setup(audit, () => problem(412, { title: "Modifié entre-temps", code: "precondition_failed" }));
    await user.click(await screen.findByRole("button", { name: "Confirmer : Demander l’audit" }));
    expect(await screen.findByText("La situation a changé, rechargez")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Recharger la situation" }));
    expect(onReload).toHaveBeenCalled();
  });

  it("labels in a wave created inline, with a derogation on the failing criterion", async () => {
    const user = userEvent.setup();
    const { calls, onDone } = setup(label, () => json({ ...state, state: "labellise", version: 6 }));
    expect(await screen.findByText("Ouverture prévue 20 h par semaine, 24 h requises.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Confirmer : Labelliser" }));
    expect(await screen.findByText("Choisissez la vague de labellisation, ou créez-la.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Créer une vague" }));
    await user.type(screen.getByLabelText("Nom de la vague"), "Vague de décembre");
    await user.type(screen.getByLabelText("Date de la vague"), "2026-12-01");
    await user.click(screen.getByRole("button", { name: "Créer la vague" }));
    await waitFor(() => expect(screen.getByLabelText(/Vague de labellisation/)).toHaveValue("w2"));
    await user.click(screen.getByRole("button", { name: "Ajouter une dérogation" }));
    expect(screen.getByLabelText("Critère")).toHaveValue("weekly_hours");
    await user.type(screen.getByLabelText("Justification"), "Travaux jusqu’en juin");
    await user.type(screen.getByLabelText("Fin de la dérogation"), "2027-06-30");
    await user.click(screen.getByRole("button", { name: "Confirmer : Labelliser" }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const post = calls.find((c) => c.method === "POST" && c.url.endsWith("/label/transitions"));
    expect(await post?.json()).toEqual({
      to: "labellise", wave_id: "w2",
      derogations: [{ criterion: "weekly_hours", justification: "Travaux jusqu’en juin", until: "2027-06-30" }],
    });
  });

  it("offers no derogation to an animator", async () => {
    setup(label, () => json(state), "animateur");
    await screen.findByRole("button", { name: "Confirmer : Labelliser" });
    expect(screen.queryByRole("button", { name: "Ajouter une dérogation" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Créer une vague" })).toBeNull();
  });
});

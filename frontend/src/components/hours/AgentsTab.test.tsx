import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../../auth/AuthContext";
import { fakeClient, json, makeUser, session } from "../../test/fakeApi";
import { AgentsTab } from "./AgentsTab";

type WireAgent = { id: string; name: string; work_email: string; role: string; trained: boolean; version: number;
  assignments: { structure_id: string; etp: number; start_date: string }[]; trainings: { id: string; kind: string; provider: string; completed_on?: string }[] };

function setup() {
  let agents: WireAgent[] = [{ id: "a1", name: "Alice Martin", work_email: "alice@fs.test", role: "referent", trained: true, version: 2,
    assignments: [{ structure_id: "fs", etp: 1, start_date: "2025-01-06" }], trainings: [{ id: "t1", kind: "initial", provider: "CNFPT", completed_on: "2025-02-01" }] }];
  const fake = fakeClient({
    "POST /auth/refresh": () => json(session(makeUser())),
    "GET /structures/fs/agents": () => json({ items: agents }),
    "POST /structures/fs/agents": async (req) => {
      const body = (await req.json()) as { name: string; work_email: string; role: string; etp: number };
      const agent = { id: "a2", name: body.name, work_email: body.work_email, role: body.role, trained: false, version: 1,
        assignments: [{ structure_id: "fs", etp: body.etp, start_date: "2026-11-24" }], trainings: [] };
      agents = [...agents, agent];
      return json(agent, { status: 201 });
    },
    "POST /agents/a2/trainings": async (req) => {
      const t = (await req.json()) as { kind: string; provider: string; completed_on: string };
      agents = agents.map((a) => (a.id === "a2" ? { ...a, trained: t.kind === "initial" && !!t.completed_on, trainings: [{ id: "t2", ...t }] } : a));
      return json({ id: "t2", ...t }, { status: 201 });
    },
    "DELETE /agents/a1": () => {
      agents = agents.filter((a) => a.id !== "a1");
      return new Response(null, { status: 204 });
    },
  });
  render(<AuthProvider client={fake.client}><AgentsTab structureId="fs" editable /></AuthProvider>);
  return fake;
}

describe("AgentsTab", () => {
  it("lists, adds an agent with its ETP, records its initial training and removes an agent", async () => {
    const user = userEvent.setup();
    const fake = setup();
    const alice = await screen.findByRole("row", { name: /Alice Martin/ });
    expect(alice).toHaveTextContent("Référent");
    expect(alice).toHaveTextContent("1 ETP");
    expect(alice).toHaveTextContent("Formé");
    await user.click(screen.getByRole("button", { name: "Ajouter un agent" }));
    await user.type(screen.getByLabelText("Nom"), "Bruno Petit");
    await user.clear(screen.getByLabelText(/Part d’ETP/));
    await user.type(screen.getByLabelText(/Part d’ETP/), "0,5");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    await screen.findByText("L’agent a été ajouté.");
    const post = fake.calls.find((c) => c.method === "POST" && c.url.endsWith("/structures/fs/agents"));
    expect(await post?.json()).toMatchObject({ name: "Bruno Petit", etp: 0.5, role: "agent" });
    const bruno = screen.getByRole("row", { name: /Bruno Petit/ });
    expect(bruno).toHaveTextContent("Formation initiale non terminée");
    await user.click(within(bruno).getByRole("button", { name: "Ajouter une formation" }));
    await user.type(screen.getByLabelText(/Terminée le/), "2026-10-01");
    await user.click(screen.getByRole("button", { name: "Enregistrer la formation" }));
    await screen.findByText("La formation a été enregistrée.");
    expect(screen.getByRole("row", { name: /Bruno Petit/ })).toHaveTextContent("Formation initiale (CNFPT) — CNFPT");
    await user.click(within(screen.getByRole("row", { name: /Alice Martin/ })).getByRole("button", { name: "Retirer" }));
    await user.click(screen.getByRole("button", { name: "Confirmer le retrait" }));
    await screen.findByText("L’agent a été retiré.");
    expect(screen.queryByRole("row", { name: /Alice Martin/ })).toBeNull();
    const del = fake.calls.find((c) => c.method === "DELETE");
    expect(del?.headers.get("If-Match")).toBe('"2"');
  });
});

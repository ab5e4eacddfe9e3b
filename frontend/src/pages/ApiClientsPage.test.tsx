import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../auth/AuthContext";
import { RequireAuth } from "../components/RequireAuth";
import { fakeClient, json, makeUser, session } from "../test/fakeApi";
import { ApiClientsPage } from "./ApiClientsPage";

const created = {
  id: "c-1", client_id: "mcl_abc", name: "Logiciel CAF 70", organisation_kind: "operator", organisation_id: "cnaf",
  departements: ["70"], scopes: ["structures:read"], secrets: [{ id: "s-1", created_at: "2026-11-24T10:00:00Z" }], version: 1,
};

describe("ApiClientsPage", () => {
  it("creates a client and shows its secret once, until it is dismissed", async () => {
    const user = userEvent.setup();
    let items: unknown[] = [];
    let body: Record<string, unknown> = {};
    const { client } = fakeClient({
      "POST /auth/refresh": () => json(session(makeUser())),
      "GET /departements": () => json({ items: [{ code: "70", name: "Haute-Saône" }] }),
      "GET /regions": () => json({ items: [] }),
      "GET /operators": () => json({ items: [{ code: "cnaf", name: "CNAF – CAF", in_socle: true }], socle_count: 1 }),
      "GET /departements/70/local-partners": () => json({ items: [] }),
      "GET /api-clients": () => json({ items }),
      "POST /api-clients": async (request) => {
        body = (await request.json()) as Record<string, unknown>;
        items = [created];
        return json({ ...created, client_secret: "very-secret-value" }, { status: 201 });
      },
    });
    render(<MemoryRouter initialEntries={["/clients-api"]}><AuthProvider client={client}><Routes>
      <Route element={<RequireAuth />}><Route path="/clients-api" element={<ApiClientsPage />} /></Route>
    </Routes></AuthProvider></MemoryRouter>);
    await screen.findByText(/Aucun client API/);
    await user.click(screen.getByRole("button", { name: "Créer un client API" }));
    await user.type(screen.getByLabelText(/Nom du client/), "Logiciel CAF 70");
    await user.selectOptions(screen.getByRole("combobox", { name: /Organisation/ }), "operator:cnaf");
    await user.click(screen.getByRole("button", { name: "Créer le client" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Secret du client « Logiciel CAF 70 » : affiché une seule fois");
    expect(within(alert).getByLabelText("Secret du client")).toHaveValue("very-secret-value");
    expect(within(alert).getByLabelText(/client_id/)).toHaveValue("mcl_abc");
    expect(body).toEqual({ name: "Logiciel CAF 70", organisation_kind: "operator", organisation_id: "cnaf", departements: ["70"], scopes: ["structures:read"] });
    expect(await screen.findByRole("table", { name: /Clients API/ })).toHaveTextContent("mcl_abc");

    await user.click(within(alert).getByRole("button", { name: "J’ai conservé le secret" }));
    expect(screen.queryByDisplayValue("very-secret-value")).toBeNull();
    expect(document.body.textContent).not.toContain("very-secret-value");
    expect(screen.getByText("Le secret du client « Logiciel CAF 70 » n’est plus affiché.")).toBeInTheDocument();
  });

  it("edits a client's name, départements, scopes and validity with If-Match", async () => {
    const user = userEvent.setup();
    let patch: Request | null = null;
    const { client } = fakeClient({
      "POST /auth/refresh": () => json(session(makeUser({ departements: ["70", "25"] }))),
      "GET /departements": () => json({ items: [{ code: "70", name: "Haute-Saône" }, { code: "25", name: "Doubs" }] }),
      "GET /regions": () => json({ items: [] }),
      "GET /operators": () => json({ items: [{ code: "cnaf", name: "CNAF – CAF", in_socle: true }], socle_count: 1 }),
      "GET /departements/70/local-partners": () => json({ items: [] }),
      "GET /api-clients": () => json({ items: [created] }),
      "PATCH /api-clients/c-1": async (request) => {
        patch = request.clone();
        return json({ ...created, name: "Logiciel CAF", version: 2 });
      },
    });
    render(<MemoryRouter initialEntries={["/clients-api"]}><AuthProvider client={client}><Routes>
      <Route element={<RequireAuth />}><Route path="/clients-api" element={<ApiClientsPage />} /></Route>
    </Routes></AuthProvider></MemoryRouter>);
    const table = await screen.findByRole("table", { name: /Clients API/ }, { timeout: 5000 });
    await user.click(within(table).getByRole("button", { name: "Modifier" }));
    expect(screen.getByRole("heading", { name: "Modifier le client API « Logiciel CAF 70 »" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: /Organisation/ })).toBeDisabled();
    const name = screen.getByLabelText(/Nom du client/);
    await user.clear(name);
    await user.type(name, "Logiciel CAF");
    await user.click(screen.getByLabelText(/Doubs/));
    await user.click(screen.getByLabelText(/referents:write/));
    await user.type(screen.getByLabelText(/Valide jusqu’au/), "2027-12-31");
    await user.click(screen.getByRole("button", { name: "Enregistrer le client" }));
    expect(await screen.findByText("Le client « Logiciel CAF » a été modifié.")).toBeInTheDocument();
    expect(patch).not.toBeNull();
    const sent = patch as unknown as Request;
    expect(sent.headers.get("If-Match")).toBe('"1"');
    expect(await sent.json()).toEqual({
      name: "Logiciel CAF", departements: ["70", "25"], scopes: ["structures:read", "referents:write"], valid_from: "", valid_to: "2027-12-31",
    });
  }, 30_000);
});

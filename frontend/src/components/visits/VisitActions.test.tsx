import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../../auth/AuthContext";
import { fakeClient, json, makeUser, problem, session } from "../../test/fakeApi";
import { VisitActions } from "./VisitActions";

function renderActions(post: () => Response) {
  const fake = fakeClient({
    "POST /auth/refresh": () => json(session(makeUser())),
    "GET /visits/v-1/actions": () => json({ items: [] }),
    "GET /visits/v-1/findings": () => json({ items: [] }),
    "POST /visits/v-1/actions": post,
  });
  render(
    <MemoryRouter>
      <AuthProvider client={fake.client}>
        <VisitActions visitId="v-1" visitDay="2026-11-20" editable onChange={() => undefined} />
      </AuthProvider>
    </MemoryRouter>,
  );
  return fake;
}

describe("VisitActions", () => {
  it("checks the form before sending and puts each message on its field", async () => {
    const fake = renderActions(() => json({}));
    await screen.findByText("Aucune action.");
    const due = screen.getByLabelText("Échéance");
    await userEvent.clear(due);
    await userEvent.type(due, "2026-11-01");
    await userEvent.click(screen.getByRole("button", { name: "Ajouter l’action" }));
    expect(await screen.findByText("Décrivez l’action à mener.")).toBeInTheDocument();
    expect(screen.getByText("L’échéance ne peut pas précéder la visite.")).toBeInTheDocument();
    expect(fake.calls.some((c) => c.method === "POST" && c.url.endsWith("/actions"))).toBe(false);
  });

  it("shows the server's field errors on their fields", async () => {
    renderActions(() => problem(422, { title: "Certaines informations sont invalides.", code: "validation_failed",
      errors: { due_date: "L’échéance doit suivre la visite (serveur).", owner_label: "Trop long." } }));
    await screen.findByText("Aucune action.");
    await userEvent.type(screen.getByLabelText("Action à mener"), "Afficher les horaires");
    await userEvent.click(screen.getByRole("button", { name: "Ajouter l’action" }));
    await waitFor(() => expect(screen.getByText("L’échéance doit suivre la visite (serveur).")).toBeInTheDocument());
    expect(screen.getByText("Trop long.")).toBeInTheDocument();
  });
});

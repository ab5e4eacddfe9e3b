import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../auth/AuthContext";
import { fakeClient, json, makeUser, problem, session } from "../test/fakeApi";
import { LoginPage } from "./LoginPage";

function renderLogin(routes: Parameters<typeof fakeClient>[0]) {
  const fake = fakeClient({ "POST /auth/refresh": () => problem(401, { code: "auth.refresh_missing" }), ...routes });
  render(
    <MemoryRouter initialEntries={["/connexion"]}>
      <AuthProvider client={fake.client}>
        <Routes>
          <Route path="/connexion" element={<LoginPage />} />
          <Route path="/" element={<h1>Tableau de bord</h1>} />
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
  return fake;
}

async function submit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText(/Adresse e-mail/), email);
  await user.type(screen.getByLabelText("Mot de passe"), password);
  await user.click(screen.getByRole("button", { name: "Se connecter" }));
}

describe("LoginPage", () => {
  it("shows the server's field error on the field and the general error in an alert", async () => {
    renderLogin({
      "POST /auth/login": () => problem(400, {
        title: "Certaines informations sont invalides.",
        detail: "Corrigez les champs signalés.",
        code: "validation_failed",
        errors: { email: "L’adresse e-mail n’est pas valide." },
      }),
    });
    await submit("pas-une-adresse", "x");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Certaines informations sont invalides.");
    expect(alert).toHaveTextContent("Corrigez les champs signalés.");
    const fieldMessage = screen.getByText("L’adresse e-mail n’est pas valide.");
    const email = screen.getByLabelText(/Adresse e-mail/);
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email.getAttribute("aria-describedby")).toContain(fieldMessage.id);
    expect(fieldMessage.closest(".fr-input-group")).toHaveClass("fr-input-group--error");
  });

  it("shows the French message of a 401", async () => {
    renderLogin({
      "POST /auth/login": () => problem(401, { title: "Adresse e-mail ou mot de passe incorrect.", code: "auth.invalid_credentials" }),
    });
    await submit("prefecture.70@maillage.test", "mauvais-mot-de-passe");
    expect(await screen.findByRole("alert")).toHaveTextContent("Adresse e-mail ou mot de passe incorrect.");
  });

  it("shows how long to wait after too many attempts", async () => {
    renderLogin({
      "POST /auth/login": () => problem(429, { title: "Trop de tentatives de connexion.", code: "auth.too_many_attempts" }, { "Retry-After": "90" }),
    });
    await submit("prefecture.70@maillage.test", "mauvais-mot-de-passe");
    expect(await screen.findByRole("alert")).toHaveTextContent("Vous pourrez réessayer dans 1 minute et 30 secondes.");
  });

  it("logs in and goes to the dashboard", async () => {
    const { calls } = renderLogin({ "POST /auth/login": () => json(session(makeUser())) });
    await submit("prefecture.70@maillage.test", "maillage-demo-2026");
    expect(await screen.findByRole("heading", { name: "Tableau de bord" })).toBeInTheDocument();
    const login = calls.find((c) => c.url.endsWith("/auth/login"));
    expect(await login?.json()).toEqual({ email: "prefecture.70@maillage.test", password: "maillage-demo-2026" });
  });
});

import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../auth/AuthContext";
import type { Role } from "../auth/roles";
import { RequireAuth } from "../components/RequireAuth";
import { fakeClient, json, makeUser, problem, session } from "../test/fakeApi";
import { RuleSetsPage } from "./RuleSetsPage";

const base = {
  source: "", min_weekly_minutes: 1440, min_open_days: 5, min_agents_present: 2, trained_agents_required: true,
  partner_socle_required: true, premises_required: true, created_at: "2026-11-24T10:00:00Z", created_by: "Maillage",
};
const STORED = [
  { ...base, code: "fs-2019", title: "Charte France services (2019)", valid_from: "2019-07-01", in_force: false },
  { ...base, code: "fs-2025-06", title: "Référentiel France services (2025)", source: "Arrêté du 16 juin 2025", valid_from: "2025-06-16", in_force: true },
];

function renderPage(role: Role, post?: (body: Record<string, unknown>) => Response) {
  let items: Record<string, unknown>[] = [...STORED];
  const fake = fakeClient({
    "POST /auth/refresh": () => json(session(makeUser({ role, departements: role === "admin" ? [] : ["70"] }))),
    "GET /rule-sets": () => json({ items }),
    "POST /rule-sets": async (req) => {
      const body = (await req.json()) as Record<string, unknown>;
      if (post) return post(body);
      const created = { ...body, in_force: false, created_at: "2026-11-24T11:00:00Z", created_by: "Admin" };
      items = [...items, created];
      return json(created, { status: 201 });
    },
    "DELETE /rule-sets/fs-2099-01": () => {
      items = items.filter((r) => r.code !== "fs-2099-01");
      return new Response(null, { status: 204 });
    },
  });
  render(
    <MemoryRouter initialEntries={["/regles-label"]}>
      <AuthProvider client={fake.client}>
        <Routes>
          <Route element={<RequireAuth />}><Route path="/regles-label" element={<RuleSetsPage />} /></Route>
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
  return fake;
}

const rows = () => within(screen.getByRole("table", { name: "Versions des règles d’ouverture" })).getAllByRole("row").slice(1);

async function fillForm(user: ReturnType<typeof userEvent.setup>, hours: string) {
  await user.click(await screen.findByRole("button", { name: "Publier une nouvelle version" }));
  const form = screen.getByRole("form", { name: "Nouvelle version des règles" });
  await user.type(within(form).getByLabelText(/^Code/), "fs-2099-01");
  await user.type(within(form).getByLabelText("Intitulé"), "Référentiel 2099");
  await user.type(within(form).getByLabelText(/^Texte de référence/), "Arrêté du 1er janvier 2099");
  await user.type(within(form).getByLabelText("En vigueur à partir du"), "2099-01-01");
  const weekly = within(form).getByLabelText(/^Heures d’ouverture par semaine/);
  expect(weekly).toHaveValue("24");
  await user.clear(weekly);
  await user.type(weekly, hours);
  await user.click(within(form).getByLabelText("Locaux"));
  return form;
}

describe("RuleSetsPage", () => {
  it("lists the versions, newest first, with the one in force marked and thresholds in hours", async () => {
    renderPage("prefecture");
    await screen.findByRole("table", { name: "Versions des règles d’ouverture" });
    const [current, old] = rows();
    expect(current).toHaveTextContent("Référentiel France services (2025)");
    expect(current).toHaveTextContent("En vigueur");
    expect(current).toHaveTextContent("24 h");
    expect(current).not.toHaveTextContent("1440");
    expect(old).toHaveTextContent("Remplacée");
    expect(screen.queryByRole("button", { name: "Publier une nouvelle version" })).toBeNull();
    expect(screen.queryByRole("columnheader", { name: "Actions" })).toBeNull();
  });

  it("lets an admin publish a version typed in hours (posted in minutes), then remove it before it applies", async () => {
    const user = userEvent.setup();
    const fake = renderPage("admin");
    await fillForm(user, "26,5");
    await user.click(screen.getByRole("button", { name: "Publier cette version" }));
    await screen.findByText("La version « fs-2099-01 » a été publiée : elle s’appliquera à partir du 1 janvier 2099.");
    const post = fake.calls.find((c) => c.method === "POST" && c.url.endsWith("/rule-sets"));
    expect(await post!.json()).toEqual({
      code: "fs-2099-01", title: "Référentiel 2099", source: "Arrêté du 1er janvier 2099", valid_from: "2099-01-01",
      min_weekly_minutes: 1590, min_open_days: 5, min_agents_present: 2,
      trained_agents_required: true, partner_socle_required: true, premises_required: false,
    });
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[0]).toHaveTextContent("À venir");
    expect(rows()[0]).toHaveTextContent("26,5 h");
    expect(rows()[0]).toHaveTextContent("Agents formés, socle des partenaires");
    expect(rows()[0]).not.toHaveTextContent("locaux");
    expect(rows()[1]).toHaveTextContent("Agents formés, socle des partenaires, locaux");
    expect(within(rows()[1]).queryByRole("button")).toBeNull();

    await user.click(within(rows()[0]).getByRole("button", { name: "Supprimer la version fs-2099-01" }));
    await user.click(screen.getByRole("button", { name: "Confirmer la suppression de « fs-2099-01 »" }));
    await screen.findByText("La version « fs-2099-01 » a été supprimée.");
    await waitFor(() => expect(rows()).toHaveLength(2));
  });

  it("shows the server's errors on their fields: the hours field for the weekly minutes, the code when taken", async () => {
    const user = userEvent.setup();
    let answer = 422;
    renderPage("admin", () => answer === 422
      ? problem(422, { title: "Certaines informations sont invalides.", code: "validation_failed", errors: { min_weekly_minutes: "Le seuil doit être compris entre 1 minute et 168 heures." } })
      : problem(409, { title: "Ce code est déjà pris.", detail: "Une version porte déjà le code fs-2099-01.", code: "rule_set.code_taken" }));
    const form = await fillForm(user, "200");
    await user.click(within(form).getByRole("button", { name: "Publier cette version" }));
    await within(form).findByText("Le seuil doit être compris entre 1 minute et 168 heures.");
    expect(within(form).getByLabelText(/^Heures d’ouverture par semaine/)).toHaveAttribute("aria-invalid", "true");

    answer = 409;
    await user.click(within(form).getByRole("button", { name: "Publier cette version" }));
    await within(form).findByText("Une version porte déjà le code fs-2099-01.");

    await user.clear(within(form).getByLabelText(/^Heures d’ouverture par semaine/));
    await user.type(within(form).getByLabelText(/^Heures d’ouverture par semaine/), "beaucoup");
    await user.click(within(form).getByRole("button", { name: "Publier cette version" }));
    await within(form).findByText("Indiquez un nombre d’heures, par exemple 24 ou 24,5.");
  });
});

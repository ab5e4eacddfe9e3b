import { render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../auth/AuthContext";
import { ROLES, type Role } from "../auth/roles";
import { fakeClient, json, makeUser, session } from "../test/fakeApi";
import { AppHeader } from "./AppHeader";
import { isNavItemActive, navigationFor } from "./navigation";

const expected: Record<Role, string[]> = {
  admin: ["Accueil", "Structures", "Visites", "Conformité", "Règles du label", "Labellisation", "Partenaires", "Clients API", "Utilisateurs"],
  prefecture: ["Accueil", "Structures", "Visites", "Conformité", "Règles du label", "Labellisation", "Partenaires", "Clients API", "Utilisateurs"],
  region: ["Accueil", "Structures", "Visites", "Conformité", "Règles du label", "Labellisation", "Partenaires"],
  animateur: ["Accueil", "Structures", "Visites", "Conformité", "Règles du label", "Labellisation", "Partenaires"],
  structure: ["Accueil", "Structures", "Visites", "Règles du label", "Partenaires"],
  partner: ["Accueil", "Structures", "Règles du label", "Partenaires"],
};

describe("navigationFor", () => {
  it.each(ROLES)("gives %s the right menu", (role) => {
    expect(navigationFor(role).map((i) => i.text)).toEqual(expected[role]);
  });

  it("has no menu without a session and marks the active entry", () => {
    expect(navigationFor(undefined)).toEqual([]);
    expect(isNavItemActive({ text: "Accueil", to: "/" }, "/utilisateurs")).toBe(false);
    expect(isNavItemActive({ text: "Utilisateurs", to: "/utilisateurs" }, "/utilisateurs/42")).toBe(true);
    expect(isNavItemActive({ text: "Structures", to: "/structures" }, "/structures/carte")).toBe(true);
    expect(isNavItemActive({ text: "Structures", to: "/structures" }, "/structuresx")).toBe(false);
    expect(navigationFor("structure").find((i) => i.text === "Visites")?.to).toBe("/visites");
    expect(navigationFor("prefecture").find((i) => i.text === "Visites")?.to).toBe("/visites/plan");
  });
});

describe("AppHeader", () => {
  it.each(ROLES)("shows the menu, Mon compte and Se déconnecter to %s", async (role) => {
    const { client } = fakeClient({ "POST /auth/refresh": () => json(session(makeUser({ role }))) });
    render(
      <MemoryRouter initialEntries={["/"]}>
        <AuthProvider client={client}>
          <AppHeader />
        </AuthProvider>
      </MemoryRouter>,
    );
    const nav = await screen.findByRole("navigation", { name: "Menu principal" });
    expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(expected[role]);
    expect(screen.getAllByRole("link", { name: "Mon compte" }).length).toBeGreaterThan(0);
    expect(screen.getAllByRole("button", { name: "Se déconnecter" }).length).toBeGreaterThan(0);
  });

  it("shows neither menu nor logout without a session", async () => {
    const { client, calls } = fakeClient({});
    render(
      <MemoryRouter>
        <AuthProvider client={client}>
          <AppHeader />
        </AuthProvider>
      </MemoryRouter>,
    );
    await waitFor(() => expect(calls.length).toBe(1));
    expect(screen.queryByRole("navigation", { name: "Menu principal" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Se déconnecter" })).toBeNull();
  });
});

// End-to-end journeys against the real Go server, database and built SPA (see server.mjs).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import { DEMO_PASSWORD, login, newPage, startStack } from "./server.mjs";

const ACCOUNTS = [
  { email: "admin@maillage.test", role: "Administrateur national", menu: ["Accueil", "Structures", "Visites", "Conformité", "Règles du label", "Labellisation", "Partenaires", "Clients API", "Utilisateurs"] },
  { email: "region.bfc@maillage.test", role: "Niveau régional", menu: ["Accueil", "Structures", "Visites", "Conformité", "Règles du label", "Labellisation", "Partenaires"] },
  { email: "prefecture.70@maillage.test", role: "Préfecture", menu: ["Accueil", "Structures", "Visites", "Conformité", "Règles du label", "Labellisation", "Partenaires", "Clients API", "Utilisateurs"] },
  { email: "prefecture.57@maillage.test", role: "Préfecture", menu: ["Accueil", "Structures", "Visites", "Conformité", "Règles du label", "Labellisation", "Partenaires", "Clients API", "Utilisateurs"] },
  { email: "prefecture.60@maillage.test", role: "Préfecture", menu: ["Accueil", "Structures", "Visites", "Conformité", "Règles du label", "Labellisation", "Partenaires", "Clients API", "Utilisateurs"] },
  { email: "animateur.70@maillage.test", role: "Animateur départemental", menu: ["Accueil", "Structures", "Visites", "Conformité", "Règles du label", "Labellisation", "Partenaires"] },
  { email: "structure.70@maillage.test", role: "France services", menu: ["Accueil", "Structures", "Visites", "Règles du label", "Partenaires"] },
  { email: "partenaire.caf.70@maillage.test", role: "Partenaire", menu: ["Accueil", "Structures", "Règles du label", "Partenaires"] },
];

let stack;

before(async () => {
  stack = await startStack();
});

after(async () => {
  await stack?.stop();
});

async function menuOf(page) {
  const nav = page.getByRole("navigation", { name: "Menu principal" });
  return (await nav.getByRole("link").allTextContents()).map((t) => t.trim());
}

describe("connexion", () => {
  for (const account of ACCOUNTS) {
    test(`${account.email} logs in and sees the menu of its role`, async () => {
      const { context, page, errors, external } = await newPage(stack);
      try {
        await login(page, account.email);
        assert.deepEqual(await menuOf(page), account.menu);
        await page.getByText(account.role, { exact: true }).first().waitFor();
        assert.ok(await page.getByRole("link", { name: "Mon compte" }).first().isVisible());
        assert.ok(await page.getByRole("button", { name: "Se déconnecter" }).first().isVisible());
        assert.deepEqual(errors, []);
        assert.deepEqual(external, [], "no request leaves the server (offline)");
      } finally {
        await context.close();
      }
    });
  }

  test("a wrong password shows the French error", async () => {
    const { context, page } = await newPage(stack);
    try {
      await page.goto("/connexion");
      await page.getByLabel("Adresse e-mail").fill("prefecture.70@maillage.test");
      await page.getByLabel("Mot de passe").fill("pas-le-bon-mot-de-passe");
      await page.getByRole("button", { name: "Se connecter" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "Adresse e-mail ou mot de passe incorrect." });
      await alert.waitFor();
      assert.equal(new URL(page.url()).pathname, "/connexion");
    } finally {
      await context.close();
    }
  });

  test("a protected page sends to /connexion, and back after login; reload keeps the session", async () => {
    const { context, page } = await newPage(stack);
    try {
      await page.goto("/mon-compte");
      await page.waitForURL("**/connexion");
      await page.getByLabel("Adresse e-mail").fill("animateur.70@maillage.test");
      await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.getByRole("heading", { level: 1, name: "Mon compte" }).waitFor();
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Mon compte" }).waitFor();
      await page.getByText("animateur.70@maillage.test").waitFor();
      await page.getByRole("button", { name: "Se déconnecter" }).first().click();
      await page.waitForURL("**/connexion");
      await page.goto("/");
      await page.waitForURL("**/connexion");
    } finally {
      await context.close();
    }
  });
});

describe("session partagée entre onglets", () => {
  test("two tabs restoring the session with the same refresh cookie both stay signed in (409 auth.refresh_race, one retry)", async () => {
    const { context, page } = await newPage(stack);
    try {
      await login(page, "animateur.70@maillage.test");
      // Two tabs opening at once both send the refresh cookie they share. Hold the first two refreshes, let the
      // first through, then send the second with that same (now rotated) cookie, as the racing tab did (Chromium
      // would attach the new cookie to a merely continued request, hence route.fetch): the server answers 409
      // auth.refresh_race, and the tab retries once with the new cookie.
      const cookieHeader = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
      const held = [];
      let release;
      let firstFinished;
      const bothSent = new Promise((resolve) => {
        release = resolve;
      });
      const firstDone = new Promise((resolve) => {
        firstFinished = resolve;
      });
      context.on("requestfinished", (request) => {
        if (held[0] && request === held[0].request()) firstFinished();
      });
      await context.route("**/api/v1/auth/refresh", async (route) => {
        if (held.length >= 2) return route.continue();
        held.push(route);
        if (held.length === 2) release();
        await bothSent;
        if (route !== held[1]) return route.continue();
        await firstDone;
        const response = await route.fetch({ headers: { ...(await route.request().allHeaders()), cookie: cookieHeader } });
        return route.fulfill({ response });
      });
      const statuses = [];
      context.on("response", (response) => {
        if (response.url().endsWith("/auth/refresh")) statuses.push(response.status());
      });
      const second = await context.newPage();
      await Promise.all([page.goto("/mon-compte"), second.goto("/mon-compte")]);
      for (const tab of [page, second]) {
        await tab.getByRole("heading", { level: 1, name: "Mon compte" }).waitFor();
        await tab.getByText("animateur.70@maillage.test").first().waitFor();
      }
      assert.deepEqual(statuses.toSorted(), [200, 200, 409], `refresh answers: ${statuses.join(", ")}`);
    } finally {
      await context.close();
    }
  });
});

describe("utilisateurs", () => {
  test("a prefecture user of 70 creates a user and finds it in the list", async () => {
    const { context, page, errors } = await newPage(stack);
    const email = `agent.${Date.now()}@maillage.test`;
    try {
      await login(page, "prefecture.70@maillage.test");
      await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Utilisateurs" }).click();
      await page.getByRole("heading", { level: 1, name: "Utilisateurs" }).waitFor();
      await page.getByRole("link", { name: "Créer un utilisateur" }).click();
      await page.getByRole("heading", { level: 1, name: "Nouvel utilisateur" }).waitFor();
      await page.getByLabel("Adresse e-mail").fill(email);
      await page.getByRole("textbox", { name: /^Nom / }).fill("Camille Martin");
      await page.getByLabel("Rôle").selectOption("animateur");
      const dep70 = page.getByRole("checkbox", { name: /^70/ });
      if (!(await dep70.isChecked())) await dep70.check({ force: true });
      await page.getByLabel("Mot de passe initial").fill("un-mot-de-passe-solide");
      await page.getByRole("button", { name: "Créer l’utilisateur" }).click();
      await page.getByRole("heading", { level: 1, name: /Camille Martin/ }).waitFor();
      await page.getByText("L’utilisateur a été créé.").waitFor();

      await page.goto("/utilisateurs");
      await page.getByLabel("Nom ou e-mail").fill(email);
      await page.getByRole("button", { name: "Filtrer" }).click();
      const row = page.getByRole("row").filter({ hasText: email });
      await row.waitFor();
      assert.match(await row.innerText(), /Animateur départemental/);
      assert.match(await row.innerText(), /70/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("the server's field error is shown on the field (e-mail already taken)", async () => {
    const { context, page } = await newPage(stack);
    try {
      await login(page, "prefecture.70@maillage.test");
      await page.goto("/utilisateurs/nouveau");
      await page.getByLabel("Adresse e-mail").fill("animateur.70@maillage.test");
      await page.getByRole("textbox", { name: /^Nom / }).fill("Doublon");
      await page.getByLabel("Mot de passe initial").fill("un-mot-de-passe-solide");
      await page.getByRole("button", { name: "Créer l’utilisateur" }).click();
      // The message is the server's; the SPA marks the field invalid and shows the message under it.
      const email = page.locator('input[name="email"][aria-invalid="true"]');
      await email.waitFor();
      const describedBy = await email.getAttribute("aria-describedby");
      assert.ok(describedBy, "the e-mail input points at its error message");
      assert.ok((await page.locator(`[id="${describedBy.split(" ")[0]}"]`).innerText()).trim().length > 0);
    } finally {
      await context.close();
    }
  });
});

describe("accessibilité et rendu", () => {
  const pages = [
    { name: "connexion", path: "/connexion", heading: "Connexion à Maillage", anonymous: true },
    { name: "accueil", path: "/", heading: "Tableau de bord" },
    { name: "utilisateurs", path: "/utilisateurs", heading: "Utilisateurs" },
    { name: "mon-compte", path: "/mon-compte", heading: "Mon compte" },
  ];

  for (const target of pages) {
    test(`axe-core finds no serious or critical violation on ${target.name}`, async () => {
      const { context, page } = await newPage(stack);
      try {
        if (!target.anonymous) await login(page, "prefecture.70@maillage.test");
        await page.goto(target.path);
        await page.getByRole("heading", { level: 1, name: target.heading }).waitFor();
        if (target.name === "utilisateurs") await page.getByRole("table").waitFor();
        if (target.name === "connexion" || target.name === "utilisateurs") {
          await page.screenshot({ path: `/tmp/e2e-${target.name}.png`, fullPage: true });
        }
        const results = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
          .analyze();
        const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        const report = blocking.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        assert.deepEqual(report, []);
      } finally {
        await context.close();
      }
    });
  }
});

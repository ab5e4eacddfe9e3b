// End-to-end journey of the visits (issue 8, ADR 0005) against the real Go server, database and built SPA:
// plan a prefectoral visit from the plan, record it with a finding and an action due in 30 days, see the action on
// the structure, then restart the server with its test clock 32 days ahead (CLOCK_OFFSET, APP_ENV=test) and find
// the action in "Actions en retard".
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import { login, newPage, startStack } from "./server.mjs";

let stack;

before(async () => {
  stack = await startStack();
});

after(async () => {
  await stack?.stop();
});

const ACTION = `Afficher les horaires d’ouverture à l’entrée (e2e ${Date.now()})`;
const FINDING = "Horaires absents de la porte d’entrée";

async function watch(page) {
  const consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  return consoleErrors;
}

async function axeBlocking(page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Checks a DSFR radio (its input is drawn by its label). */
async function choose(page, question, option) {
  await page.getByRole("group", { name: question }).getByLabel(option, { exact: true }).check({ force: true });
}

let visitUrl = "";
let structureName = "";

describe("visites", () => {
  test("prefecture.70 plans a visit from the plan, records it with a finding and an action, and sees the action on the structure", async () => {
    const { context, page, errors, external } = await newPage(stack);
    try {
      await login(page, "prefecture.70@maillage.test");
      const consoleErrors = await watch(page);

      // 1. The plan of the current year.
      await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Visites" }).click();
      await page.getByRole("heading", { level: 1, name: "Plan des visites" }).waitFor();
      const year = new Date().getFullYear();
      await page.getByRole("table", { name: `Visites préfectorales ${year} par structure et par trimestre` }).waitFor();
      assert.equal(await page.getByLabel("Année").inputValue(), String(year));
      for (const text of ["Faite", "Planifiée", "En retard", "Manquante"]) {
        assert.ok(await page.getByRole("table").getByText(text, { exact: true }).count() > 0, `the plan shows « ${text} »`);
      }
      assert.deepEqual(await axeBlocking(page), [], "axe on the plan");
      await page.screenshot({ path: "/tmp/visits-plan.png", fullPage: true });

      // 2. Plan from a cell: Q1 when it is still to come or under way, else the first missing (or à venir) cell.
      const q1 = page.getByRole("link", { name: /^Planifier la visite T1 de / });
      const cell = (await q1.count()) > 0 ? q1.first() : page.getByRole("link", { name: /^Planifier la visite T\d de / }).first();
      const cellLabel = await cell.getAttribute("aria-label");
      structureName = cellLabel.replace(/^Planifier la visite T\d de /, "");
      await cell.click();
      await page.getByRole("heading", { level: 1, name: "Planifier une visite" }).waitFor();
      await page.getByLabel("Structure visitée").locator("option", { hasText: structureName }).first().waitFor({ state: "attached" });
      assert.equal(await page.getByLabel("Type de visite").inputValue(), "prefectorale");
      const plannedDate = await page.getByLabel("Date prévue").inputValue();
      assert.match(plannedDate, /^\d{4}-\d{2}-\d{2}$/, "a date in the quarter is proposed");
      assert.deepEqual(await axeBlocking(page), [], "axe on the planning form");
      await page.getByRole("button", { name: "Ajouter un visiteur" }).click();
      await page.getByLabel("Nom (personne 1)").first().fill("Claire Martin");
      await page.getByLabel("Fonction (personne 1)").first().fill("Sous-préfète de Lure");
      await page.getByRole("button", { name: "Planifier la visite" }).click();
      await page.getByText("La visite est planifiée.").waitFor();
      visitUrl = new URL(page.url()).pathname;
      assert.match(visitUrl, /^\/visites\/[0-9a-f-]{36}$/);
      await page.getByRole("heading", { level: 1, name: `Visite préfectorale – ${structureName}` }).waitFor();

      // 3. Back on the plan, the cell reads « Planifiée ».
      await page.goto("/visites/plan");
      const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: structureName }) });
      await row.getByRole("link", { name: new RegExp(`^Voir la visite T\\d de `) }).first().waitFor();
      assert.ok((await row.getByText("Planifiée", { exact: true }).count()) > 0, "the planned cell");

      // 4. Record it done today: checklist, report, then a finding and an action due in 30 days.
      await page.goto(visitUrl);
      await page.getByRole("heading", { level: 2, name: "Compte rendu" }).waitFor();
      const today = await page.evaluate(() => {
        const d = new Date();
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
      });
      await page.getByLabel("Date de réalisation").fill(today);
      await choose(page, /Les horaires d’ouverture sont affichés/, "Non");
      await choose(page, /Qualité de l’accueil/, "3");
      await page.getByLabel(/Nombre d’agents présents/).fill("2");
      await page.getByText(/Indisponible/).first().waitFor();
      await page.getByLabel("Compte rendu libre").fill("Accueil correct ; les horaires ne sont pas affichés.");
      assert.deepEqual(await axeBlocking(page), [], "axe on the visit form");
      await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
      await page.getByText("Le compte rendu est enregistré : la visite est réalisée.").waitFor();
      await page.getByText("Réalisée", { exact: true }).first().waitFor();

      await page.getByLabel("Description du constat").fill(FINDING);
      await page.getByLabel("Gravité").selectOption("mineure");
      await page.getByRole("button", { name: "Ajouter le constat" }).click();
      await page.getByText("Le constat est ajouté.").waitFor();
      await page.getByRole("listitem").filter({ hasText: FINDING }).waitFor();

      await page.getByLabel("Action à mener").fill(ACTION);
      await page.getByLabel("Nom du porteur (facultatif)").fill("France services");
      const due = await page.getByLabel("Échéance").inputValue();
      const in30 = new Date(`${today}T12:00:00Z`);
      in30.setUTCDate(in30.getUTCDate() + 30);
      assert.equal(due, in30.toISOString().slice(0, 10), "the due date defaults to 30 days from today");
      await page.getByRole("button", { name: "Ajouter l’action" }).click();
      await page.getByText("L’action est ajoutée.").waitFor();
      await page.getByRole("cell", { name: ACTION }).waitFor();
      await page.screenshot({ path: "/tmp/visits-visit.png", fullPage: true });

      // 5. A file that is neither a photo nor a PDF is refused in French; a PNG is kept.
      await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("pas une image") });
      await page.getByRole("button", { name: "Déposer le fichier" }).click();
      await page.getByText("Ce type de fichier n’est pas accepté : déposez une photo (JPEG, PNG, WebP) ou un PDF.").waitFor();
      const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
      await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "accueil.png", mimeType: "image/png", buffer: png });
      await page.getByRole("button", { name: "Déposer le fichier" }).click();
      await page.getByRole("button", { name: /^accueil\.png/ }).waitFor();

      // 6. The structure's Visites tab: the visit and the open action with its owner and due date.
      await page.getByRole("link", { name: /^Voir la structure/ }).click();
      await page.getByRole("tab", { name: "Visites", selected: true }).waitFor();
      await page.getByRole("cell", { name: ACTION }).waitFor();
      const actionRow = page.getByRole("row").filter({ hasText: ACTION });
      assert.match(await actionRow.innerText(), /La structure – France services/);
      assert.match(await actionRow.innerText(), /Ouverte/i);
      await page.getByRole("link", { name: /^Visite préfectorale du / }).first().waitFor();

      // 7. Mes visites: the visit, grouped by month, and the calendar link shown once.
      await page.goto("/visites");
      await page.getByRole("heading", { level: 1, name: "Mes visites" }).waitFor();
      await page.getByRole("link", { name: `Visite préfectorale – ${structureName}` }).first().waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on Mes visites");
      await page.screenshot({ path: "/tmp/visits-mine.png", fullPage: true });
      await page.getByRole("button", { name: "Créer un lien d’abonnement" }).click();
      const feedUrl = await page.getByLabel("Lien d’abonnement").inputValue();
      assert.match(feedUrl, /\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const feed = await fetch(feedUrl.replace(/^https?:\/\/[^/]+/, stack.baseUrl));
      assert.equal(feed.status, 200);
      assert.match(await feed.text(), /BEGIN:VCALENDAR/);
      await page.getByRole("button", { name: "Révoquer le lien" }).click();
      await page.getByText(/Le lien d’abonnement est révoqué/).waitFor();
      assert.equal((await fetch(feedUrl.replace(/^https?:\/\/[^/]+/, stack.baseUrl))).status, 404, "a revoked link is gone");

      assert.deepEqual(errors, [], "no uncaught page error");
      // The refused upload answers 415 by design: Chromium logs that failed request.
      assert.deepEqual(consoleErrors.filter((m) => !/status of 415/.test(m)), [], "no console error");
      assert.deepEqual(external, [], "no request leaves the server");
    } finally {
      await context.close();
    }
  });

  test("32 days later (server test clock), the action is in « Actions en retard »", async () => {
    assert.ok(visitUrl, "the first journey recorded a visit");
    // 32 days ahead: the action due in 30 days is overdue by 2 days.
    await stack.restart({ CLOCK_OFFSET: "768h" });
    const { context, page, errors } = await newPage(stack);
    try {
      await login(page, "prefecture.70@maillage.test");
      const consoleErrors = await watch(page);
      await page.goto("/visites/actions-en-retard");
      await page.getByRole("heading", { level: 1, name: "Actions en retard" }).waitFor();
      const row = page.getByRole("row").filter({ hasText: ACTION });
      await row.waitFor();
      const text = await row.innerText();
      assert.match(text, new RegExp(structureName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      assert.match(text, /En retard de 2 jours/i);
      assert.deepEqual(await axeBlocking(page), [], "axe on Actions en retard");
      await page.screenshot({ path: "/tmp/visits-overdue.png", fullPage: true });
      assert.deepEqual(errors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
      await stack.restart({});
    }
  });
});

// End-to-end journey of the opening hours editor: weekly grid, live compliance (server preview), save, OSM string,
// against the real Go server, database and built SPA (see server.mjs).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import { login, newPage, startStack } from "./server.mjs";

const STRUCTURE = "France services Rioz";
const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"];

let stack;

before(async () => {
  stack = await startStack();
});

after(async () => {
  await stack?.stop();
});

async function axeBlocking(page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Adds a 09:00–13:00 slot with 2 planned agents on a day ("lundi"): the new slot is the day's last one. */
async function addMorning(page, day) {
  await page.getByRole("button", { name: `Ajouter un créneau le ${day}` }).click();
  const label = day[0].toUpperCase() + day.slice(1);
  const slot = page.getByRole("group", { name: new RegExp(`^${label}, créneau \\d+$`) }).last();
  await slot.getByLabel("Début").fill("09:00");
  await slot.getByLabel("Fin").fill("13:00");
  await slot.getByLabel("Agents prévus").fill("2");
}

function criterion(page, label) {
  return page.getByRole("list", { name: "Critères de la semaine type" }).getByRole("listitem").filter({ hasText: label }).first();
}

describe("horaires d’ouverture", () => {
  test("prefecture.70 sets 20 h over five days, sees the failure, adds Saturday morning, saves and sees the OSM string", async () => {
    const { context, page, errors, external } = await newPage(stack);
    try {
      await login(page, "prefecture.70@maillage.test");
      const consoleErrors = [];
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });

      await page.goto("/structures?q=Rioz");
      await page.getByRole("link", { name: STRUCTURE, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: STRUCTURE }).waitFor();
      await page.getByRole("tab", { name: "Horaires" }).click();
      await page.getByRole("heading", { name: "Conformité de la semaine type" }).waitFor();
      await page.getByRole("list", { name: "Critères de la semaine type" }).waitFor();

      // Clear the imported week, then Mo–Fr 09:00–13:00 with 2 agents: 20 h.
      const remove = page.getByRole("button", { name: "Supprimer", exact: true });
      while ((await remove.count()) > 0) await remove.first().click();
      for (const day of WEEKDAYS) await addMorning(page, day);

      const hours = criterion(page, "Heures d’ouverture hebdomadaires");
      await hours.getByText("Non conforme").waitFor();
      await hours.getByText(/20 h d’ouverture sur la semaine type : 4 h de moins que les 24 h requises/).waitFor();
      assert.match(await hours.innerText(), /Mesuré : 20 h — seuil : 24 h/);
      assert.deepEqual(await axeBlocking(page), [], "axe on the hours tab");

      // Saturday morning: 24 h over 6 days.
      await addMorning(page, "samedi");
      await hours.getByText("Conforme", { exact: true }).waitFor();
      await criterion(page, "Jours d’ouverture").getByText("Conforme", { exact: true }).waitFor();
      assert.match(await hours.innerText(), /24 h d’ouverture/);

      await page.getByRole("button", { name: "Enregistrer" }).click();
      await page.getByText("Les horaires ont été enregistrés.").waitFor();
      const osm = page.getByTestId("osm-hours");
      await osm.filter({ hasText: "Sa 09:00-13:00" }).waitFor();
      assert.match(await osm.innerText(), /Mo-Sa 09:00-13:00|Sa 09:00-13:00/);

      // The saved week is read back after a reload.
      await page.reload();
      await page.getByRole("group", { name: "Samedi, créneau 1" }).waitFor();
      assert.equal(await page.getByRole("group", { name: "Samedi, créneau 1" }).getByLabel("Début").inputValue(), "09:00");
      await page.getByRole("button", { name: "Horaires de la liste nationale ANCT (cellules importées)" }).waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the hours tab after saving");

      await page.screenshot({ path: "/tmp/hours-editor.png", fullPage: true });

      // Calendar: a closure on the first Monday of next month, seen in the month view.
      const now = new Date();
      const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
      while (first.getUTCDay() !== 1) first.setUTCDate(first.getUTCDate() + 1);
      const closed = first.toISOString().slice(0, 10);
      const day = first.getUTCDate();
      await page.getByRole("tab", { name: "Calendrier" }).click();
      await page.getByRole("button", { name: "Ajouter une exception" }).click();
      await page.getByLabel("Du", { exact: true }).fill(closed);
      await page.getByLabel("Motif (interne)").fill("Formation de l’équipe");
      await page.getByLabel("Message au public").fill("Fermé exceptionnellement pour formation.");
      await page.getByRole("button", { name: "Enregistrer l’exception" }).click();
      await page.getByText("L’exception a été enregistrée.").waitFor();
      await page.getByRole("list", { name: "Exceptions à venir" }).getByText("Message au public : Fermé exceptionnellement pour formation.").waitFor();
      await page.getByRole("button", { name: "Mois suivant" }).click();
      const month = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Lundi" }) });
      const cell = (d) => month.locator("td").filter({ has: page.locator("span.fr-text--bold", { hasText: new RegExp(`^${d}$`) }) });
      await cell(day).getByText("Fermé").waitFor();
      await cell(day + 1).getByText("09:00–13:00").waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the calendar tab");

      // Agents: the seeded trained agents, a new one with an initial CNFPT training.
      await page.getByRole("tab", { name: "Agents" }).click();
      const agents = page.getByRole("table", { name: /Agents affectés/ });
      await agents.waitFor();
      assert.ok((await agents.getByText("Formé", { exact: true }).count()) >= 1, "the seeded agents are trained");
      await page.getByRole("button", { name: "Ajouter un agent" }).click();
      await page.getByLabel("Nom").fill("Camille Essai");
      await page.getByLabel("Adresse e-mail professionnelle").fill("camille.essai@rioz.test");
      await page.getByLabel("Part d’ETP dans la structure").fill("0,5");
      await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
      await page.getByText("L’agent a été ajouté.").waitFor();
      const row = agents.getByRole("row").filter({ hasText: "Camille Essai" });
      await row.getByText("Formation initiale non terminée").waitFor();
      assert.match(await row.innerText(), /0,5 ETP/);
      await row.getByRole("button", { name: "Ajouter une formation" }).click();
      await page.getByLabel("Terminée le").fill("2026-10-01");
      await page.getByRole("button", { name: "Enregistrer la formation" }).click();
      await page.getByText("La formation a été enregistrée.").waitFor();
      await row.getByText("Formé", { exact: true }).waitFor();
      assert.match(await row.innerText(), /Formation initiale \(CNFPT\) — CNFPT/);
      assert.deepEqual(await axeBlocking(page), [], "axe on the agents tab");

      // Conformité du département: Rioz is listed, the filter by criterion works.
      await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Conformité" }).click();
      await page.getByRole("heading", { level: 1, name: "Conformité des horaires et des agents" }).waitFor();
      const structures = page.getByRole("table", { name: /structures?/ }).last();
      await structures.getByRole("link", { name: STRUCTURE, exact: true }).waitFor();
      assert.match(await page.getByRole("list", { name: "Synthèse" }).innerText(), /non conforme\s+\d+/i);
      await page.getByRole("combobox", { name: /^Critère/ }).selectOption("weekly_hours");
      await page.getByRole("table", { name: /où « Heures d’ouverture hebdomadaires » n’est pas satisfait/ }).waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the compliance page");
      await page.screenshot({ path: "/tmp/hours-conformite.png", fullPage: true });
      assert.deepEqual(errors, [], "no uncaught page error");
      assert.deepEqual(consoleErrors, [], "no console error");
      assert.deepEqual(external, [], "no request leaves the server (offline)");
    } finally {
      await context.close();
    }
  });
});

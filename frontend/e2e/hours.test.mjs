// End-to-end journey of the opening hours editor: weekly grid, live compliance (server preview), save, OSM string,
// against the real Go server, database and built SPA (see server.mjs).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import { DEMO_PASSWORD, frontendDir, login, newPage, startStack } from "./server.mjs";

const STRUCTURE = "France services Rioz";
const SEASONAL_STRUCTURE = "France services de Marnay";
const BUS_FILE = path.join(frontendDir, "e2e/fixtures/bus-france-services-charente.json");
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

/** An ISO date (UTC) as "YYYY-MM-DD". */
const iso = (d) => d.toISOString().slice(0, 10);

/** ISO week number and its year of a UTC date. */
function isoWeek(date) {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const first = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  return { year: d.getUTCFullYear(), week: Math.ceil(((d - first) / 86_400_000 + 1) / 7) };
}

/** Next month's first and last day, and a full week inside it whose Wednesday is no fixed public holiday. */
function nextMonthPlan() {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0));
  const monday = new Date(first);
  while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() + 1);
  monday.setUTCDate(monday.getUTCDate() + 7); // the second Monday: its week lies inside the month
  const fixed = ["01-01", "05-01", "05-08", "07-14", "08-15", "11-01", "11-11", "12-25"];
  const wednesday = () => new Date(Date.UTC(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate() + 2));
  if (fixed.includes(iso(wednesday()).slice(5))) monday.setUTCDate(monday.getUTCDate() + 7);
  return { from: iso(first), to: iso(last), monday, wednesday: wednesday(), ...isoWeek(monday) };
}

/** A bearer token of a demo account, for the API calls a journey prepares its data with. */
async function apiToken(email) {
  const response = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  assert.equal(response.status, 200, `login of ${email}`);
  return (await response.json()).access_token;
}

describe("horaires saisonniers, règles du label, import des arrêts", () => {
  test("prefecture.70 adds summer-like hours for next month, sees them in the 12 weeks, the calendar and the history", async () => {
    const { context, page, errors, external } = await newPage(stack);
    const plan = nextMonthPlan();
    try {
      await login(page, "prefecture.70@maillage.test");
      await page.goto("/structures?q=Marnay");
      await page.getByRole("link", { name: SEASONAL_STRUCTURE, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: SEASONAL_STRUCTURE }).waitFor();
      await page.getByRole("tab", { name: "Horaires" }).click();
      const schedules = page.getByRole("table", { name: "Horaires de la structure" });
      await schedules.waitFor();
      assert.equal(await page.getByLabel("Fermé les jours fériés").isChecked(), true, "closed on public holidays by default");
      await page.getByRole("list", { name: "Critères de la semaine type" }).waitFor();

      // A seasonal schedule over next month, starting empty: Wednesday morning only.
      await page.getByRole("button", { name: "Ajouter des horaires saisonniers ou temporaires" }).click();
      const form = page.getByRole("form", { name: "Nouveaux horaires saisonniers ou temporaires" });
      await form.getByLabel("Valables du").fill(plan.from);
      await form.getByLabel("au", { exact: true }).fill(plan.to);
      await form.getByLabel("Reprendre les créneaux des horaires habituels").uncheck({ force: true });
      assert.deepEqual(await axeBlocking(page), [], "axe on the new seasonal schedule form");
      await form.getByRole("button", { name: "Ajouter ces horaires" }).click();
      await page.getByRole("heading", { name: /^Créneaux : Horaires saisonniers — du / }).waitFor();
      assert.equal(await page.getByRole("group", { name: /^Lundi, créneau/ }).count(), 0, "the seasonal grid starts empty");
      await addMorning(page, "mercredi");

      // The live panel evaluates the whole draft: the weeks of next month fail on the weekly hours.
      const week = page.getByRole("row", { name: new RegExp(`Semaine ${plan.week} \\(${plan.year}\\)`) });
      await week.getByText(/Heures d’ouverture hebdomadaires : Non conforme/).waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the hours tab with a seasonal schedule");

      await page.getByRole("button", { name: "Enregistrer" }).click();
      await page.getByText("Les horaires ont été enregistrés.").waitFor();
      await page.reload();
      await schedules.getByRole("row", { name: /Horaires saisonniers/ }).waitFor();
      assert.match(await schedules.getByRole("row", { name: /Horaires saisonniers/ }).innerText(), /Du 1 \S+ \d{4} au \d+ \S+ \d{4}\s+1\s/);
      const history = page.getByRole("list", { name: "Périodes de conformité, de la plus récente à la plus ancienne" });
      // Marnay already failed (one trained agent): the current period lists, among its reasons, next month's weeks.
      const latest = history.getByRole("listitem").first();
      await latest.getByText(new RegExp(`^Heures d’ouverture hebdomadaires \\(non conforme\\) : .*semaine ${plan.week} \\(${plan.year}\\)`)).waitFor();
      assert.match(await latest.innerText(), /^Non conforme depuis le \d+ \S+ \d{4} à \d{2}:\d{2} :/);
      await page.screenshot({ path: "/tmp/hours-seasonal.png", fullPage: true });

      // Calendar of next month: the seasonal schedule governs (Wednesday morning, Monday closed).
      await page.getByRole("tab", { name: "Calendrier" }).click();
      await page.getByRole("button", { name: "Mois suivant" }).click();
      const month = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Lundi" }) });
      const cell = (d) => month.locator("td").filter({ has: page.locator("span.fr-text--bold", { hasText: new RegExp(`^${d}$`) }) });
      await cell(plan.wednesday.getUTCDate()).getByText("09:00–13:00").waitFor();
      await cell(plan.monday.getUTCDate()).getByText("Fermé").waitFor();
      assert.deepEqual(errors, [], "no uncaught page error");
      assert.deepEqual(external, [], "no request leaves the server (offline)");
    } finally {
      await context.close();
    }
  });

  test("admin publishes a rule set valid from 2030; a prefecture user sees it listed but no form", async () => {
    const admin = await newPage(stack);
    try {
      await login(admin.page, "admin@maillage.test");
      const { page } = admin;
      await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Règles du label" }).click();
      await page.getByRole("heading", { level: 1, name: "Règles du label France services" }).waitFor();
      const table = page.getByRole("table", { name: "Versions des règles d’ouverture" });
      const current = table.getByRole("row").filter({ hasText: "Référentiel France services (2025)" });
      await current.getByText("En vigueur", { exact: true }).waitFor();
      assert.match(await current.innerText(), /24 h/);

      await page.getByRole("button", { name: "Publier une nouvelle version" }).click();
      const form = page.getByRole("form", { name: "Nouvelle version des règles" });
      await form.getByLabel(/^Code/).fill("fs-2030-01");
      await form.getByLabel("Intitulé").fill("Référentiel France services (2030)");
      await form.getByLabel(/^Texte de référence/).fill("Arrêté d’essai du 1er janvier 2030");
      await form.getByLabel("En vigueur à partir du").fill("2030-01-01");
      await form.getByLabel(/^Heures d’ouverture par semaine/).fill("26,5");
      assert.deepEqual(await axeBlocking(page), [], "axe on the rule set form");
      await form.getByRole("button", { name: "Publier cette version" }).click();
      await page.getByText("La version « fs-2030-01 » a été publiée : elle s’appliquera à partir du 1 janvier 2030.").waitFor();
      const added = table.getByRole("row").filter({ hasText: "Référentiel France services (2030)" });
      await added.getByText("À venir", { exact: true }).waitFor();
      assert.match(await added.innerText(), /26,5 h/);
      assert.match(await current.innerText(), /en vigueur/i, "the 2025 set is still in force");

      // The same code again: 409 on the code field.
      await page.getByRole("button", { name: "Publier une nouvelle version" }).click();
      await form.getByLabel(/^Code/).fill("fs-2030-01");
      await form.getByLabel("Intitulé").fill("Doublon");
      await form.getByLabel("En vigueur à partir du").fill("2031-01-01");
      await form.getByRole("button", { name: "Publier cette version" }).click();
      await form.locator(".fr-input-group--error").filter({ has: page.getByLabel(/^Code/) }).waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the rule sets page");
      await page.screenshot({ path: "/tmp/hours-rule-sets.png", fullPage: true });
      assert.deepEqual(admin.errors, [], "no uncaught page error (admin)");
    } finally {
      await admin.context.close();
    }

    const prefecture = await newPage(stack);
    try {
      await login(prefecture.page, "prefecture.70@maillage.test");
      const { page } = prefecture;
      await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Règles du label" }).click();
      const table = page.getByRole("table", { name: "Versions des règles d’ouverture" });
      await table.getByRole("row").filter({ hasText: "Référentiel France services (2030)" }).getByText("À venir", { exact: true }).waitFor();
      assert.equal(await page.getByRole("button", { name: "Publier une nouvelle version" }).count(), 0, "no form for a prefecture");
      assert.equal(await table.getByRole("button").count(), 0, "no action for a prefecture");
      assert.deepEqual(prefecture.errors, [], "no uncaught page error (prefecture)");
    } finally {
      await prefecture.context.close();
    }
  });

  test("admin imports the published Charente bus stops into a new bus and sees 12 stops", async () => {
    const token = await apiToken("admin@maillage.test");
    const created = await fetch(`${stack.baseUrl}/api/v1/structures`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        departement_code: "16", name: "Bus France services du Ruffécois", commune_code: "16292", format: "itinerant",
        carrier: { type: "association", name: "Emmaüs Ruffec" },
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const bus = await created.json();
    const stops = JSON.parse(await readFile(BUS_FILE, "utf8"));
    assert.equal(stops.length, 12, "the published file lists 12 stops");

    const { context, page, errors, external } = await newPage(stack);
    try {
      await login(page, "admin@maillage.test");
      await page.goto(`/structures/${bus.id}?onglet=localisation`);
      await page.getByRole("heading", { name: "Arrêts de la tournée" }).waitFor();
      await page.getByText("Aucun arrêt enregistré.").waitFor();
      await page.getByRole("button", { name: "Importer les arrêts depuis la liste publiée" }).click();
      await page.locator('input[type="file"][name="stops_file"]').setInputFiles(BUS_FILE);
      await page.getByText("bus-france-services-charente.json : 12 arrêts dans le fichier.").waitFor();
      await page.getByRole("button", { name: "Simuler l’import" }).click();
      const simulation = page.getByRole("table", { name: "Simulation de l’import de bus-france-services-charente.json" });
      await simulation.waitFor();
      assert.equal(await simulation.getByRole("row").count(), 13, "12 rows and the header");
      const first = simulation.getByRole("row").nth(1);
      assert.match(await first.innerText(), /Saint-Fraigne \(16317\)/);
      assert.match(await first.innerText(), /à créer/);
      assert.match(await first.innerText(), /Mo 09:30-12:30,13:30-15:30; PH off/);
      assert.match(await first.innerText(), /Semaines impaires/);
      assert.match(await page.getByTestId("stops-created").innerText(), /12\s+à créer/);
      assert.deepEqual(await axeBlocking(page), [], "axe on the stops import simulation");

      await page.getByRole("button", { name: "Appliquer l’import" }).click();
      await page.getByText(/L’import des arrêts a été appliqué : 12 arrêts créés/).waitFor();
      const list = page.getByRole("table", { name: "Arrêts, dans l’ordre de la tournée" });
      await list.waitFor();
      assert.equal(await list.getByRole("row").count(), 13, "12 stops and the header");
      await list.getByRole("row").filter({ hasText: "Verteuil-sur-Charente" }).waitFor();
      await page.screenshot({ path: "/tmp/hours-stops-import.png", fullPage: true });

      // The stops' hours are in the bus's regular schedule, each slot on its stop.
      await page.getByRole("tab", { name: "Horaires" }).click();
      const monday = page.getByRole("group", { name: "Lundi, créneau 1" });
      await monday.waitFor();
      assert.match(await monday.getByLabel("Arrêt").locator("option:checked").innerText(), /Saint-Fraigne/);
      await page.getByRole("list", { name: "Périodes de conformité, de la plus récente à la plus ancienne" })
        .getByText(/Après : import des arrêts publiés du bus/).waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the bus's hours tab");
      assert.deepEqual(errors, [], "no uncaught page error");
      assert.deepEqual(external, [], "no request leaves the server (offline)");
    } finally {
      await context.close();
    }
  });
});

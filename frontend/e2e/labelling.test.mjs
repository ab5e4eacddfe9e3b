// End-to-end journey of the labelling (issue 6, ADR 0007) against the real Go server, database and built SPA:
// prefecture.70 creates a project in Haute-Saône, fills its candidature with a document, deposits it, has it
// instructed, asks for the audit while the planned hours are short of 24 h (refused, with the reason), adds two
// trained agents and 25 h over five days, asks again, completes the audit, labels the structure in a new wave and
// sees the département's progress move from 23 to 24 labelled structures.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import { DEMO_PASSWORD, login, newPage, startStack } from "./server.mjs";

const NAME = `France services de Gray-la-Ville (e2e ${Date.now().toString(36)})`;
const WAVE = "Vague e2e";
const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"];
// The smallest file the server's content sniffing takes for a PDF.
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1");

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

async function watch(page) {
  const consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  return consoleErrors;
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Picks a commune through the CommunePicker inside `scope` (search, then the first match). */
async function pickCommune(scope, search) {
  await scope.getByLabel("Rechercher une commune").fill(search);
  const select = scope.getByLabel("Commune retenue");
  await select.locator("option", { hasText: search }).first().waitFor({ state: "attached" });
  const value = await select.locator("option", { hasText: search }).first().getAttribute("value");
  await select.selectOption(value);
}

/** Opens a sub-view of the Labellisation tab (a DSFR segmented control: its radios are drawn by their labels). */
async function view(page, label) {
  const group = page.getByRole("group", { name: "Volet de la labellisation" });
  await group.locator("label", { hasText: label }).click();
  assert.ok(await group.getByLabel(label, { exact: true }).isChecked(), `« ${label} » is selected`);
}

/** Clicks a transition button and returns the open dialog. */
async function openDecision(page, label) {
  await page.getByRole("button", { name: label, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: label });
  await dialog.getByRole("button", { name: `Confirmer : ${label}` }).waitFor();
  // The DSFR modal fades in: wait for it to be opaque (axe measures contrasts on what is painted).
  await page.waitForFunction(() => getComputedStyle(document.getElementById("label-transition")).opacity === "1");
  return dialog;
}

/** Waits for the DSFR modal to have faded out (axe would otherwise measure its half-transparent texts). */
async function dialogClosed(page) {
  await page.waitForFunction(() => {
    const style = getComputedStyle(document.getElementById("label-transition"));
    return style.visibility === "hidden" || style.opacity === "0" || style.display === "none";
  });
}

async function decide(page, label, state) {
  const dialog = await openDecision(page, label);
  await dialog.getByRole("button", { name: `Confirmer : ${label}` }).click();
  await page.getByText(`Décision enregistrée : la structure est désormais « ${state} ».`).waitFor();
  await dialogClosed(page);
}

/** The labelled count on the targets page. */
async function labelledOnTargets(page) {
  await page.goto("/objectifs");
  await page.getByRole("heading", { level: 1, name: "Objectifs et progression de la labellisation" }).waitFor();
  const stat = page.getByTestId("stat-labelled");
  await stat.waitFor();
  return (await stat.innerText()).replace(/\s+/g, " ").trim();
}

/** GET an API path as a demo account (Node side, through POST /auth/login): the JSON answer. */
async function apiGet(email, apiPath) {
  const login = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  assert.equal(login.status, 200, `login of ${email}`);
  const { access_token: token } = await login.json();
  const response = await fetch(`${stack.baseUrl}/api/v1${apiPath}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, `GET ${apiPath}`);
  return response.json();
}

/** Adds a 09:00–14:00 slot with 2 planned agents on a day ("lundi"): the new slot is the day's last one. */
async function addSlot(page, day) {
  await page.getByRole("button", { name: `Ajouter un créneau le ${day}` }).click();
  const label = day[0].toUpperCase() + day.slice(1);
  const slot = page.getByRole("group", { name: new RegExp(`^${label}, créneau \\d+$`) }).last();
  await slot.getByLabel("Début").fill("09:00");
  await slot.getByLabel("Fin").fill("14:00");
  await slot.getByLabel("Agents prévus").fill("2");
}

async function addTrainedAgent(page, name, email) {
  await page.getByRole("button", { name: "Ajouter un agent" }).click();
  await page.getByLabel("Nom", { exact: true }).fill(name);
  await page.getByLabel("Adresse e-mail professionnelle").fill(email);
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await page.getByText("L’agent a été ajouté.").waitFor();
  const row = page.getByRole("row").filter({ hasText: name });
  await row.getByRole("button", { name: "Ajouter une formation" }).click();
  await page.getByLabel("Terminée le").fill("2026-10-01");
  await page.getByRole("button", { name: "Enregistrer la formation" }).click();
  await page.getByText("La formation a été enregistrée.").waitFor();
  await row.getByText("Formé", { exact: true }).waitFor();
}

describe("labellisation", () => {
  test("prefecture.70 takes a project in Haute-Saône from candidature to label and sees the progress move from 23 to 24", async () => {
    const { context, page, errors, external } = await newPage(stack);
    try {
      await login(page, "prefecture.70@maillage.test");
      const consoleErrors = await watch(page);

      // 0. Progress before: 23 labelled structures, the pipeline board.
      assert.equal(await labelledOnTargets(page), "23 labellisées aujourd’hui");
      await page.getByRole("table", { name: "Objectifs du département et écart" }).waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the targets page");
      await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Labellisation" }).click();
      await page.getByRole("heading", { level: 1, name: "Suivi des candidatures au label" }).waitFor();
      await page.getByTestId("pipeline-total").filter({ hasText: "dont 23 labellisées" }).waitFor();
      await page.getByRole("heading", { level: 2, name: /^Labellisée/ }).waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the pipeline board");
      await page.screenshot({ path: "/tmp/label-board.png", fullPage: true });

      // 1. A new project in Haute-Saône.
      await page.goto("/structures/nouvelle");
      await page.getByRole("heading", { level: 1, name: "Nouvelle structure" }).waitFor();
      await page.getByLabel(/^Nom/).first().fill(NAME);
      await pickCommune(page.getByRole("group", { name: "Commune" }), "Gray");
      await page.getByLabel("Nom du porteur").fill("Commune de Gray");
      await page.getByRole("button", { name: "Créer la structure" }).click();
      await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
      const structureUrl = new URL(page.url()).pathname;

      // 2. The Labellisation tab: a project, the deposit blocked until a file exists.
      await page.getByRole("tab", { name: "Labellisation" }).click();
      await page.getByRole("heading", { name: "Situation du label" }).waitFor();
      await page.getByTestId("label-date").filter({ hasText: "Pas encore labellisée." }).waitFor();
      await page.getByText("Saisissez d’abord le dossier de candidature.").waitFor();

      // 3. The candidature file, then a document.
      await view(page, "Dossier de candidature");
      const carrier = page.getByLabel("Porteur du projet");
      await carrier.waitFor();
      assert.equal(await carrier.inputValue(), "Commune de Gray");
      const site = page.getByRole("group", { name: "Site prévu 1" });
      await site.getByLabel("Nom du site 1").fill("Mairie de Gray");
      await pickCommune(site, "Gray");
      await site.getByLabel("Adresse du site 1").fill("1 place Charles de Gaulle");
      await page.getByLabel(/^Partenaires prévus/).fill("CAF de la Haute-Saône\nFrance Travail");
      for (const question of [/bureau confidentiel/, /poste informatique/, /mobilité réduite/]) {
        await page.getByRole("group", { name: question }).getByLabel("Oui", { exact: true }).check({ force: true });
      }
      await page.getByRole("button", { name: "Enregistrer le dossier" }).click();
      await page.getByText("Le dossier de candidature a été enregistré.").waitFor();
      const points = page.getByRole("list", { name: "Points de complétude" });
      await points.getByText("Pièces du dossier", { exact: true }).waitFor();
      assert.match(await points.innerText(), /Pièces du dossier : à compléter/);
      await page.getByLabel("Nature de la pièce").selectOption("dossier");
      await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "dossier-candidature.pdf", mimeType: "application/pdf", buffer: PDF });
      await page.getByRole("button", { name: "Déposer la pièce" }).click();
      await page.getByText("La pièce « dossier-candidature.pdf » a été déposée.").waitFor();
      await page.getByRole("list", { name: "Pièces déposées" }).getByRole("button", { name: /^dossier-candidature\.pdf/ }).waitFor();
      await points.filter({ hasText: "Pièces du dossier : complet" }).waitFor();
      assert.match(await points.innerText(), /Horaires prévus : à compléter/);
      assert.deepEqual(await axeBlocking(page), [], "axe on the candidature form");
      await page.screenshot({ path: "/tmp/label-candidature.png", fullPage: true });

      // 4. Deposit, then instruction.
      await view(page, "Suivi du label");
      await decide(page, "Déposer la candidature", "Candidature déposée");
      await decide(page, "Mettre en instruction", "En instruction");

      // 5. The audit is refused while the hours are short of 24 h: the reason is shown in the dialog.
      const dialog = await openDecision(page, "Demander l’audit");
      assert.deepEqual(await axeBlocking(page), [], "axe on the transition dialog");
      await dialog.getByRole("button", { name: "Confirmer : Demander l’audit" }).click();
      const refusal = dialog.getByRole("alert");
      await refusal.getByText("Les conditions de cette décision ne sont pas remplies.").waitFor();
      assert.match(await refusal.innerText(), /24 h/);
      await page.screenshot({ path: "/tmp/label-refused.png", fullPage: true });
      await dialog.getByRole("button", { name: "Annuler" }).click();
      await dialogClosed(page);

      // 6. Two agents with their initial training, then 25 h over five days with 2 planned agents.
      await page.getByRole("tab", { name: "Agents" }).click();
      await addTrainedAgent(page, "Agathe Essai", "agathe.essai@gray.test");
      await addTrainedAgent(page, "Bastien Essai", "bastien.essai@gray.test");
      await page.getByRole("tab", { name: "Horaires" }).click();
      await page.getByRole("button", { name: "Ajouter un créneau le lundi" }).waitFor();
      for (const day of WEEKDAYS) await addSlot(page, day);
      await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
      await page.getByText("Les horaires ont été enregistrés.").waitFor();

      // 7. The audit asked again: accepted.
      await page.getByRole("tab", { name: "Labellisation" }).click();
      await page.getByRole("heading", { name: "Situation du label" }).waitFor();
      await decide(page, "Demander l’audit", "Audit demandé");

      // The file the audit is asked on no longer changes.
      await view(page, "Dossier de candidature");
      await page.getByText(/Le dossier ne se modifie plus depuis la demande d’audit/).waitFor();
      assert.equal(await page.getByRole("button", { name: "Enregistrer le dossier" }).count(), 0);

      // 8. The audit: automatic criteria locked, every manual one answered "Conforme".
      await view(page, "Audit qualité");
      await page.getByRole("button", { name: "Enregistrer l’audit" }).waitFor();
      const manual = page.locator("fieldset.fr-fieldset .fr-radio-group input[value='conforme']");
      const count = await manual.count();
      assert.ok(count > 10, `the grid has manual criteria (${count})`);
      for (let i = 0; i < count; i += 1) await manual.nth(i).check({ force: true });
      assert.deepEqual(await axeBlocking(page), [], "axe on the audit form");
      await page.getByRole("button", { name: "Enregistrer l’audit" }).click();
      await page.getByText("L’audit est enregistré et complet.").waitFor();
      await page.screenshot({ path: "/tmp/label-audit.png", fullPage: true });

      // 9. Labelled in a new wave created from the dialog.
      await view(page, "Suivi du label");
      const labelling = await openDecision(page, "Labelliser");
      await labelling.getByRole("button", { name: "Créer une vague" }).click();
      await labelling.getByLabel("Nom de la vague", { exact: true }).fill(WAVE);
      await labelling.getByLabel("Date de la vague", { exact: true }).fill(today());
      await labelling.getByRole("button", { name: "Créer la vague" }).click();
      await labelling.getByLabel(/^Vague de labellisation/).locator("option:checked", { hasText: WAVE }).waitFor({ state: "attached" });
      assert.deepEqual(await axeBlocking(page), [], "axe on the labelling dialog");
      await labelling.getByRole("button", { name: "Confirmer : Labelliser" }).click();
      await page.getByText("Décision enregistrée : la structure est désormais « Labellisée ».").waitFor();
      await dialogClosed(page);
      await page.getByTestId("label-date").filter({ hasText: `Labellisée le` }).filter({ hasText: WAVE }).waitFor();
      const history = page.getByRole("list", { name: "Historique du label" });
      assert.match(await history.getByRole("listitem").first().innerText(), /Audit demandé → Labellisée/);
      assert.ok(await history.getByRole("listitem").count() >= 4, "the four decisions are in the history");
      assert.deepEqual(await axeBlocking(page), [], "axe on the labelling tab");
      await page.screenshot({ path: "/tmp/label-tab.png", fullPage: true });

      // 10. Progress after: 24, the new wave in the chart's data.
      assert.equal(await labelledOnTargets(page), "24 labellisées aujourd’hui");
      const waves = page.getByRole("table", { name: "Données du graphique : labellisations par vague" });
      const row = waves.getByRole("row").filter({ hasText: WAVE });
      assert.match(await row.innerText(), /24$/);
      await page.getByRole("img", { name: "Labellisations par vague et cumul" }).waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the targets page after labelling");
      await page.screenshot({ path: "/tmp/label-targets.png", fullPage: true });

      // The structure left the board's projects for its labelled column.
      await page.goto("/labellisation");
      await page.getByTestId("pipeline-total").filter({ hasText: "dont 24 labellisées" }).waitFor();
      const labelled = page.getByRole("list", { name: "Structures : Labellisée" });
      await labelled.getByRole("link", { name: NAME }).waitFor();
      assert.equal(new URL(await labelled.getByRole("link", { name: NAME }).evaluate((a) => a.href)).pathname, structureUrl);

      assert.deepEqual(errors, [], "no uncaught page error");
      // Expected failures: the candidature's 404 before it exists, the refused audit request (422).
      assert.deepEqual(consoleErrors.filter((m) => !/status of (404|422)/.test(m)), [], "no other console error");
      assert.deepEqual(external, [], "no request leaves the server (offline)");
    } catch (error) {
      await page.screenshot({ path: "/tmp/label-failure.png", fullPage: true }).catch(() => undefined);
      const alerts = await page.locator("[role=alert], [role=status]").allInnerTexts().catch(() => []);
      console.error("Alerts and statuses on the page at the failure:", alerts.filter((t) => t.trim()));
      throw error;
    } finally {
      await context.close();
    }
  });

  test("region.bfc opens the targets page at the région level and sees the région's labelled count", async () => {
    const { context, page, errors, external } = await newPage(stack);
    try {
      const expected = (await apiGet("region.bfc@maillage.test", "/regions/27/label-progress")).labelled;
      assert.ok(expected > 0, "the demo région has labelled structures");
      await login(page, "region.bfc@maillage.test");
      await page.goto("/objectifs");
      const level = page.getByRole("group", { name: "Échelon des objectifs" });
      await level.waitFor();
      assert.ok(await level.getByLabel("Région", { exact: true }).isChecked(), "a region user opens on its région");
      await page.getByTestId("targets-place").filter({ hasText: /^Région Bourgogne-Franche-Comté/ }).waitFor();
      const stat = (await page.getByTestId("stat-labelled").innerText()).replace(/\s+/g, " ").trim();
      assert.equal(stat, `${expected} labellisée${expected > 1 ? "s" : ""} aujourd’hui`);
      assert.equal(await page.getByRole("button", { name: "Ajouter un objectif" }).count(), 0, "a region user reads the targets");
      assert.deepEqual(await axeBlocking(page), [], "axe on the région's targets page");
      assert.deepEqual(errors, [], "no uncaught page error");
      assert.deepEqual(external, [], "no request leaves the server (offline)");
    } finally {
      await context.close();
    }
  });
});

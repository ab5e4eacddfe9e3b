// End-to-end journeys of the network registry (structures list, map, structure page, edit, stops, import, export)
// against the real Go server, database and built SPA (see server.mjs).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import { frontendDir, login, newPage, startStack } from "./server.mjs";

const EXTRACT = path.resolve(frontendDir, "../pkg/anct/testdata/liste-fs-20221201-extrait-57-60-70.csv");
const OLD_PHONE = "03 84 75 64 76"; // France services de Vesoul (ANCT 2494) in the national list
const IMPORTED_PHONE = "03 84 75 00 00";
const FIXED_PHONE = "03 84 75 12 34";

let stack;

before(async () => {
  stack = await startStack();
});

after(async () => {
  await stack?.stop();
});

/** Header and the Haute-Saône rows of the ANCT extract, Vesoul's phone changed. */
async function haSaoneFile() {
  const lines = (await readFile(EXTRACT, "utf8")).split(/\r?\n/).filter((line) => line !== "");
  const rows = lines.slice(1).filter((line) => line.split(",")[1] === "70");
  assert.equal(rows.length, 24, "the extract holds 24 structures of the 70");
  const changed = rows.map((line) => (line.startsWith("2494,") ? line.replace(`,${OLD_PHONE},`, `,${IMPORTED_PHONE},`) : line));
  assert.notDeepEqual(changed, rows, "Vesoul's phone was changed");
  return Buffer.from(`${[lines[0], ...changed].join("\r\n")}\r\n`, "utf8");
}

/** Watches a page for console errors and CSP violations (in the page and, through the console, its workers). */
async function watch(page) {
  const consoleErrors = [];
  const violations = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const list = (window.__cspViolations ??= []);
      list.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const cspViolations = async () => [...violations, ...((await page.evaluate(() => window.__cspViolations ?? [])) ?? [])];
  return { consoleErrors, cspViolations };
}

async function axeBlocking(page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function cellsOf(row) {
  return (await row.getByRole("cell").allInnerTexts()).map((t) => t.trim());
}

describe("registre des structures", () => {
  test("prefecture.70 imports the Haute-Saône list, sees it on the list and the map, fixes a phone and exports it", async () => {
    const { context, page, errors, external } = await newPage(stack);
    const started = Date.now();
    try {
      await login(page, "prefecture.70@maillage.test");
      // The refresh attempt of the login page (no cookie yet) is a 401 by design: watch from here on.
      const { consoleErrors, cspViolations } = await watch(page);

      // 1. Import wizard: upload → dry run.
      await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Structures" }).click();
      await page.getByRole("heading", { level: 1, name: "Structures France services" }).waitFor();
      await page.getByRole("link", { name: "Importer la liste ANCT" }).click();
      await page.getByRole("heading", { level: 1, name: "Importer la liste nationale ANCT" }).waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the import wizard (upload step)");
      await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "liste-fs-70.csv", mimeType: "text/csv", buffer: await haSaoneFile() });
      await page.getByRole("button", { name: "Lancer la simulation" }).click();
      await page.getByRole("heading", { name: "Résultat de la simulation" }).waitFor();
      assert.equal((await page.getByTestId("count-unchanged").innerText()).replace(/\s+/g, " "), "23 inchangées");
      assert.equal((await page.getByTestId("count-update").innerText()).replace(/\s+/g, " "), "1 à modifier");
      assert.equal((await page.getByTestId("count-create").innerText()).replace(/\s+/g, " "), "0 à créer");
      assert.equal((await page.getByTestId("count-rejected").innerText()).replace(/\s+/g, " "), "0 rejetées");
      const diffTable = page.getByRole("table", { name: "Structures à modifier" });
      assert.deepEqual(await cellsOf(diffTable.getByRole("row").nth(1)), ["21", "France services de Vesoul", "Téléphone", OLD_PHONE, IMPORTED_PHONE]);
      await page.screenshot({ path: "/tmp/reg-import.png", fullPage: true });
      assert.deepEqual(await axeBlocking(page), [], "axe on the import wizard (dry-run report)");

      // 2. Apply.
      await page.getByRole("button", { name: "Appliquer l’import" }).click();
      await page.getByText("L’import a été appliqué").waitFor();
      assert.equal((await page.getByTestId("count-update").innerText()).replace(/\s+/g, " "), "1 modifiées");
      await page.getByRole("link", { name: "Voir la liste des structures" }).click();

      // 3. The list: 24 structures.
      await page.getByRole("heading", { level: 1, name: "Structures France services" }).waitFor();
      await page.getByRole("table", { name: "Liste des structures" }).waitFor();
      assert.equal(await page.getByTestId("structure-count").innerText(), "24 structures");
      assert.equal(await page.getByRole("table", { name: "Liste des structures" }).locator("tbody tr").count(), 24);
      const vesoulRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: "France services de Vesoul", exact: true }) });
      assert.deepEqual((await cellsOf(vesoulRow)).slice(1, 5), ["Vesoul", "Site principal", "Labellisée", "Autre"]);
      await page.screenshot({ path: "/tmp/reg-list.png", fullPage: true });
      assert.deepEqual(await axeBlocking(page), [], "axe on the structures list");

      // 4. The map: 24 structures, a canvas, MapLibre's worker running under the CSP.
      await page.getByRole("link", { name: "Voir la carte" }).click();
      await page.getByRole("heading", { level: 1, name: "Carte des structures" }).waitFor();
      await page.getByTestId("map-count").getByText("24 structures affichées sur la carte").waitFor();
      await page.locator(".maillage-map canvas.maplibregl-canvas").waitFor();
      await page.waitForFunction(() => document.querySelector(".maillage-map canvas")?.width > 0);
      await page.waitForTimeout(500); // let the first frame render for the screenshot
      assert.ok(page.workers().length > 0, "MapLibre's web worker started");
      await page.screenshot({ path: "/tmp/reg-map.png", fullPage: true });
      assert.deepEqual(await axeBlocking(page), [], "axe on the map page");

      // 5. The structure page, then the edit form.
      await page.getByRole("link", { name: "Voir la liste" }).first().click();
      await page.getByRole("link", { name: "France services de Vesoul", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "France services de Vesoul" }).waitFor();
      await page.getByText(IMPORTED_PHONE).waitFor();
      await page.screenshot({ path: "/tmp/reg-structure.png", fullPage: true });
      assert.deepEqual(await axeBlocking(page), [], "axe on the structure page");
      await page.getByRole("link", { name: "Modifier", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Modifier « France services de Vesoul »" }).waitFor();
      const phone = page.getByRole("textbox", { name: /^Téléphone/ });
      assert.equal(await phone.inputValue(), IMPORTED_PHONE);
      await phone.fill(FIXED_PHONE);
      await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
      await page.getByText("Les modifications ont été enregistrées.").waitFor();
      await page.getByRole("heading", { level: 1, name: "France services de Vesoul" }).waitFor();
      await page.getByRole("link", { name: FIXED_PHONE }).waitFor();

      // 6. Historique: author prefecture.70, téléphone from → to.
      await page.getByRole("tab", { name: "Historique" }).click();
      const history = page.getByRole("table", { name: "Historique des modifications" });
      await history.waitFor();
      const edit = history.getByRole("row").filter({ hasText: FIXED_PHONE });
      const cells = await cellsOf(edit);
      assert.equal(cells[1], "prefecture.70@maillage.test");
      assert.equal(cells[2], "Modification");
      assert.match(cells[3].replace(/\s+/g, " "), new RegExp(`Téléphone : ${IMPORTED_PHONE} → (devient )?${FIXED_PHONE}`));
      const imported = await cellsOf(history.getByRole("row").filter({ hasText: "Modification par import ANCT" }));
      assert.equal(imported[1], "prefecture.70@maillage.test");
      assert.match(imported[3].replace(/\s+/g, " "), new RegExp(`Téléphone : ${OLD_PHONE} → (devient )?${IMPORTED_PHONE}`));

      // 7. Export CSV: the file holds the new number.
      await page.goto("/structures");
      await page.getByRole("table", { name: "Liste des structures" }).waitFor();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSV" }).click()]);
      assert.match(download.suggestedFilename(), /^structures-.*\.csv$/);
      const csv = await readFile(await download.path(), "utf8");
      const vesoul = csv.split(/\r?\n/).find((line) => line.startsWith("2494;"));
      assert.ok(vesoul, "Vesoul is in the export");
      assert.ok(vesoul.includes(`;${FIXED_PHONE};`), `the export holds the new number: ${vesoul}`);
      assert.equal(csv.split(/\r?\n/).filter((line) => line.trim() !== "").length, 25, "header and 24 structures");

      assert.deepEqual(errors, [], "no uncaught page error");
      assert.deepEqual(consoleErrors, [], "no console error");
      assert.deepEqual(await cspViolations(), [], "no CSP violation");
      assert.deepEqual(external, [], "no request leaves the server (offline)");
      console.log(`registry journey: ${Date.now() - started} ms`);
    } finally {
      await context.close();
    }
  });

  test("prefecture.70 adds stops to the bus France services Quers, moves one up, then puts the bus back at its commune's centre", async () => {
    const { context, page, errors } = await newPage(stack);
    try {
      await login(page, "prefecture.70@maillage.test");
      const { consoleErrors, cspViolations } = await watch(page);
      await page.goto("/structures?q=Quers");
      await page.getByRole("link", { name: "France services Quers", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "France services Quers" }).waitFor();
      await page.getByRole("tab", { name: "Localisation" }).click();
      await page.getByRole("heading", { name: "Arrêts de la tournée" }).waitFor();

      // Three stops, each added at the end of the round.
      for (const label of ["Mairie", "École", "Salle des fêtes"]) {
        await page.getByRole("button", { name: "Ajouter un arrêt" }).click();
        await page.getByRole("textbox", { name: /^Nom de l’arrêt/ }).fill(label);
        await page.getByRole("searchbox", { name: /^Rechercher une commune/ }).fill("Quers");
        await page.getByText(/commune(s)? trouvée/).waitFor();
        await page.getByRole("button", { name: "Ajouter l’arrêt" }).click();
        await page.getByText(`L’arrêt « ${label} » a été ajouté.`).waitFor();
      }
      const table = page.getByRole("table", { name: "Arrêts, dans l’ordre de la tournée" });
      const order = async () => {
        const rows = table.locator("tbody tr");
        const out = [];
        for (let i = 0; i < (await rows.count()); i += 1) out.push((await cellsOf(rows.nth(i))).slice(0, 4).join(" | "));
        return out;
      };
      assert.deepEqual(await order(), ["1 | Mairie | — | Quers", "2 | École | — | Quers", "3 | Salle des fêtes | — | Quers"]);

      // "Monter": one PATCH of the position (its body is checked by the unit test); the server shifts École down.
      const patches = [];
      page.on("request", (request) => {
        if (request.method() === "PATCH" && request.url().includes("/stops/")) patches.push(request.url());
      });
      await page.getByRole("button", { name: "Monter l’arrêt Salle des fêtes" }).click();
      await page.getByText("L’arrêt « Salle des fêtes » est maintenant en position 2.").waitFor();
      assert.deepEqual(await order(), ["1 | Mairie | — | Quers", "2 | Salle des fêtes | — | Quers", "3 | École | — | Quers"]);
      assert.equal(patches.length, 1, `one PATCH per move: ${patches.join(", ")}`);
      await page.getByRole("button", { name: "Monter l’arrêt Salle des fêtes" }).click();
      await page.getByText("L’arrêt « Salle des fêtes » est maintenant en position 1.").waitFor();
      assert.deepEqual(await order(), ["1 | Salle des fêtes | — | Quers", "2 | Mairie | — | Quers", "3 | École | — | Quers"]);
      assert.deepEqual(await axeBlocking(page), [], "axe on the stops editor");

      // The order survives a reload; the history names the stop and its new place.
      await page.reload();
      await table.waitFor();
      assert.deepEqual(await order(), ["1 | Salle des fêtes | — | Quers", "2 | Mairie | — | Quers", "3 | École | — | Quers"]);
      await page.getByRole("tab", { name: "Historique" }).click();
      const history = page.getByRole("table", { name: "Historique des modifications" });
      await history.waitFor();
      const moves = history.getByRole("row").filter({ hasText: "Modification d’un arrêt « Salle des fêtes »" });
      assert.ok((await moves.count()) >= 2, "both moves of Salle des fêtes are in the history");
      assert.match((await cellsOf(moves.first()))[3].replace(/\s+/g, " "), /Ordre : 2 → (devient )?1/);

      // Its coordinates come from the ANCT file: "Revenir au centre de la commune" drops them (reset_coordinates).
      await page.getByRole("tab", { name: "Localisation" }).click();
      await page.getByText("Source : issues du fichier").waitFor();
      await page.getByRole("link", { name: "Modifier", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Modifier « France services Quers »" }).waitFor();
      await page.getByText("Revenir au centre de la commune").click();
      assert.ok(await page.getByRole("textbox", { name: /^Latitude/ }).isDisabled(), "the typed coordinates no longer count");
      await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
      await page.getByText("Les modifications ont été enregistrées.").waitFor();
      await page.getByRole("tab", { name: "Localisation" }).click();
      await page.getByText("Source : centre de la commune").waitFor();

      assert.deepEqual(errors, [], "no uncaught page error");
      assert.deepEqual(consoleErrors, [], "no console error");
      assert.deepEqual(await cspViolations(), [], "no CSP violation");
    } finally {
      await context.close();
    }
  });

  test("a structure account sees its own structure, without history or creation", async () => {
    const { context, page, errors } = await newPage(stack);
    try {
      await login(page, "structure.70@maillage.test");
      await page.goto("/structures");
      await page.getByRole("table", { name: "Liste des structures" }).waitFor();
      assert.equal(await page.getByTestId("structure-count").innerText(), "1 structure");
      assert.equal(await page.getByRole("link", { name: "Nouvelle structure" }).count(), 0);
      await page.getByRole("link", { name: "France services de Vesoul", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "France services de Vesoul" }).waitFor();
      // The hours tabs (issue 5) are built in parallel: check the registry's tabs, Visites, and no Historique.
      const tabs = await page.getByRole("tab").allInnerTexts();
      assert.deepEqual(tabs.slice(0, 3), ["Identité", "Porteur", "Localisation"]);
      assert.ok(tabs.includes("Visites"), `a structure account has the Visites tab (${tabs.join(", ")})`);
      assert.ok(!tabs.includes("Historique"), "a structure account has no Historique tab");
      // A structure account reads its structure's visits (ADR 0005), without planning any.
      await page.getByRole("tab", { name: "Visites" }).click();
      await page.getByRole("heading", { level: 3, name: "Visites passées" }).waitFor();
      assert.ok((await page.getByRole("link", { name: /^Visite préfectorale du / }).count()) > 0, "Vesoul's past visits");
      assert.equal(await page.getByRole("link", { name: "Planifier une visite" }).count(), 0);
      assert.ok(await page.getByRole("link", { name: "Modifier", exact: true }).isVisible(), "a structure account edits its own structure");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

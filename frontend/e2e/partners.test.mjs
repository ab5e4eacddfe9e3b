// End-to-end journey of the partners (issue 7, ADR 0008) against the real Go server, database and built SPA: a CAF
// partner user adds a monthly visio permanence at a Haute-Saône structure; the prefecture of the 70 sees it on the
// structure and in the coverage matrix; it creates an API client whose secret is shown once; a machine client then
// gets a token, lists the structures of the 70, and gets 404 on a structure of another département; last, the client
// subscribes a loopback receiver to the events, a change of the permanence is delivered signed, and replayed.
import assert from "node:assert/strict";
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import { DEMO_PASSWORD, login, newPage, startStack } from "./server.mjs";

const CAF_USER = "partenaire.caf.70@maillage.test";
const STRUCTURE = "France services Rioz";
const BOOKING = "https://rendezvous.caf.test/70/rioz";
const CLIENT_NAME = "Logiciel de rendez-vous CAF 70 (e2e)";
const LOCAL_PARTNER = "Point d’accès au droit de Lure";

let stack;
let receiver;

before(async () => {
  stack = await startStack();
  receiver = await startReceiver();
});

after(async () => {
  await stack?.stop();
  await receiver?.close();
});

/** A webhook receiver on loopback that records every request (headers, raw body) and answers 204. */
function startReceiver() {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({
      url: `http://127.0.0.1:${server.address().port}/maillage/webhooks`,
      requests,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

/** Waits until `find` returns something (a request recorded by the receiver), or fails after `ms`. */
async function eventually(find, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`${what} never came within ${ms} ms`);
}

/** Checks Maillage-Webhook-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body)). */
function assertSigned(request, secret) {
  const timestamp = request.headers["maillage-webhook-timestamp"];
  const signature = request.headers["maillage-webhook-signature"] ?? "";
  assert.match(timestamp, /^\d+$/, "a Unix timestamp header");
  assert.ok(Math.abs(Date.now() / 1000 - Number(timestamp)) < 300, "a fresh timestamp");
  const expected = createHmac("sha256", secret).update(`${timestamp}.${request.body}`).digest("hex");
  const given = signature.replace(/^v1=/, "");
  assert.ok(given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected)), "a valid v1 signature");
}

async function axeBlocking(page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function watch(page) {
  const consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  return consoleErrors;
}

/** The first Tuesday of next month (YYYY-MM-DD): the anchor of the monthly permanence. */
function firstTuesdayOfNextMonth() {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function openStructureTab(page, tab) {
  await page.goto(`/structures?q=${encodeURIComponent("Rioz")}`);
  await page.getByRole("link", { name: STRUCTURE, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: STRUCTURE }).waitFor();
  await page.getByRole("tab", { name: tab }).click();
}

/** POST /api/v1/auth/login for a demo account (Node side): its access token. */
async function humanToken(email) {
  const response = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  assert.equal(response.status, 200, `login of ${email}`);
  return (await response.json()).access_token;
}

const credentials = { clientId: "", secret: "" };

/** The row of the e2e client in the Clients API table. */
function clientRow(page) {
  return page.getByRole("table", { name: /^Clients API/ }).getByRole("row").filter({ hasText: CLIENT_NAME });
}

describe("partenaires", () => {
  test("a CAF partner user adds a monthly visio permanence at Rioz", async () => {
    const { context, page, errors, external } = await newPage(stack);
    try {
      await login(page, CAF_USER);
      const consoleErrors = watch(page);
      await openStructureTab(page, "Permanences");
      await page.getByRole("heading", { name: "Permanences des partenaires" }).waitFor();
      await page.getByRole("button", { name: "Ajouter une permanence" }).click();
      const partner = page.getByRole("combobox", { name: /^Partenaire/ });
      const options = await partner.locator("option").allInnerTexts();
      assert.equal(options.length, 1, `a partner user only gets its organisation (got ${options.join(", ")})`);
      assert.match(options[0], /CAF/);
      await page.getByRole("group", { name: "Modalité" }).getByLabel("Permanence en visio", { exact: true }).check({ force: true });
      await page.getByLabel("Lien de prise de rendez-vous").fill(BOOKING);
      await page.getByLabel("Rythme en clair").fill("1er mardi du mois");
      await page.getByLabel("Information au public").fill("Rendez-vous en visio avec un conseiller CAF, dans la salle de la France services.");
      await page.getByRole("button", { name: "Ajouter un créneau le mardi" }).click();
      const slot = page.getByRole("group", { name: "Mardi, créneau 1" });
      await slot.getByLabel("Début").fill("09:00");
      await slot.getByLabel("Fin").fill("12:00");
      await slot.getByLabel("Semaines").selectOption("every_n");
      await slot.getByLabel("Toutes les (semaines)").fill("4");
      await slot.getByLabel("À partir du").fill(firstTuesdayOfNextMonth());
      assert.deepEqual(await axeBlocking(page), [], "axe on the permanence editor");
      await page.screenshot({ path: "/tmp/partners-permanence-editor.png", fullPage: true });
      await page.getByRole("button", { name: "Enregistrer la permanence" }).click();
      await page.getByText("La permanence a été ajoutée.").waitFor();
      const card = page.getByRole("list", { name: "Permanences de la structure" }).getByRole("listitem").filter({ hasText: "Permanence en visio" }).first();
      await card.waitFor();
      assert.match(await card.innerText(), /1er mardi du mois/);
      assert.equal(await card.getByRole("link", { name: "Prendre rendez-vous" }).getAttribute("href"), BOOKING);
      assert.deepEqual(await axeBlocking(page), [], "axe on the permanences tab");
      await page.screenshot({ path: "/tmp/partners-permanence.png", fullPage: true });
      assert.deepEqual(errors, [], "no uncaught page error");
      assert.deepEqual(consoleErrors, [], "no console error");
      assert.deepEqual(external, [], "no request leaves the server (offline)");
    } finally {
      await context.close();
    }
  });

  test("prefecture.70 sees the permanence on the structure and in the coverage matrix, and creates an API client", async () => {
    const { context, page, errors, external } = await newPage(stack);
    try {
      await login(page, "prefecture.70@maillage.test");
      const consoleErrors = watch(page);

      // The structure's Permanences tab.
      await openStructureTab(page, "Permanences");
      const card = page.getByRole("list", { name: "Permanences de la structure" }).getByRole("listitem").filter({ hasText: "Permanence en visio" }).first();
      await card.waitFor();
      assert.match(await card.innerText(), /CAF/);
      assert.deepEqual(await axeBlocking(page), [], "axe on the permanences tab (prefecture)");

      // The directory and the CAF's page.
      await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Partenaires" }).click();
      await page.getByRole("heading", { level: 1, name: "Partenaires" }).waitFor();
      const operators = page.getByRole("table", { name: /opérateurs du socle/ });
      await operators.waitFor();
      assert.ok((await operators.getByRole("row").count()) >= 14, "13 operators of the socle today, and the header row");
      assert.deepEqual(await axeBlocking(page), [], "axe on the partners directory");

      // A local partner of a free type.
      await page.getByRole("button", { name: "Ajouter un partenaire local" }).click();
      await page.getByLabel("Nom", { exact: true }).fill(LOCAL_PARTNER);
      await page.getByLabel("Type de partenaire").selectOption("autre");
      await page.getByLabel("Type (précisez)").fill("Point d’accès au droit");
      await page.getByLabel("Adresse e-mail de contact").fill("pad.lure@justice.test");
      assert.deepEqual(await axeBlocking(page), [], "axe on the local partner form");
      await page.getByRole("button", { name: "Enregistrer le partenaire" }).click();
      await page.getByText("Le partenaire local a été ajouté.").waitFor();
      const local = page.getByRole("table", { name: /partenaires? loca/ }).getByRole("row").filter({ hasText: LOCAL_PARTNER });
      await local.getByText("Point d’accès au droit", { exact: true }).waitFor();
      await page.screenshot({ path: "/tmp/partners-directory.png", fullPage: true });
      await operators.getByRole("link", { name: /CAF/ }).click();
      await page.getByRole("heading", { level: 2, name: "Permanences dans les structures" }).waitFor();
      const permanences = page.getByRole("table", { name: /^Permanences de / });
      await permanences.getByRole("link", { name: STRUCTURE }).waitFor();
      assert.match(await permanences.innerText(), /Permanence en visio/);

      // A referent of the CAF for the whole département, from today.
      await page.getByRole("button", { name: "Ajouter un référent" }).click();
      await page.getByLabel("Nom du référent").fill("Julien Morel");
      await page.getByRole("textbox", { name: /^Fonction/ }).fill("Référente partenariats France services");
      await page.getByLabel("Adresse e-mail").fill("julien.morel@caf70.test");
      assert.equal(await page.getByLabel("Périmètre").inputValue(), "", "the whole département by default");
      await page.getByLabel("En fonction depuis le").fill(new Date().toISOString().slice(0, 10));
      assert.deepEqual(await axeBlocking(page), [], "axe on the referent form");
      await page.getByRole("button", { name: "Enregistrer le référent" }).click();
      await page.getByText("Le référent a été ajouté.").waitFor();
      const referents = page.getByRole("table", { name: /^Référents de / });
      assert.match(await referents.getByRole("row").filter({ hasText: "Julien Morel" }).innerText(), /Tout le département/);
      assert.deepEqual(await axeBlocking(page), [], "axe on the partner page");
      await page.screenshot({ path: "/tmp/partners-partner-page.png", fullPage: true });

      // The coverage matrix: the CAF cell of Rioz is covered by the visio permanence.
      await page.goto("/partenaires/couverture");
      await page.getByRole("heading", { level: 1, name: "Couverture du socle des partenaires" }).waitFor();
      const matrix = page.getByRole("table", { name: /^Couverture au / });
      await matrix.waitFor();
      const headers = await matrix.getByRole("columnheader").allInnerTexts();
      const cafColumn = headers.findIndex((h) => /CAF/.test(h));
      assert.ok(cafColumn > 0, `a CAF column (${headers.join(" | ")})`);
      const row = matrix.getByRole("row").filter({ has: page.getByRole("rowheader", { name: STRUCTURE, exact: true }) });
      const cafCell = row.getByRole("cell").nth(cafColumn - 1);
      assert.match(await cafCell.innerText(), /permanence visio/i);
      assert.match(await cafCell.innerText(), /référent/i);
      assert.match(await cafCell.getAttribute("title"), /: couvert/);
      // The département referent covers the CAF everywhere: its total is every structure.
      const totals = matrix.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Structures couvertes/ }) });
      const total = (await totals.getByRole("rowheader").innerText()).match(/sur (\d+)/)[1];
      assert.equal(await totals.getByRole("cell").nth(cafColumn - 1).innerText(), total);
      assert.deepEqual(await axeBlocking(page), [], "axe on the coverage matrix");
      await page.screenshot({ path: "/tmp/partners-coverage.png", fullPage: true });
      await page.getByText("Seulement les lacunes").click();
      await page.getByRole("table", { name: /avec au moins une lacune/ }).or(page.getByText(/^Aucune lacune/)).first().waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the coverage matrix, gaps only");

      // API clients: a client of the CAF for the 70, reading structures; its secret is shown once.
      await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Clients API" }).click();
      await page.getByRole("heading", { level: 1, name: "Clients API" }).waitFor();
      await page.getByRole("button", { name: "Créer un client API" }).click();
      await page.getByLabel("Nom du client").fill(CLIENT_NAME);
      await page.getByRole("combobox", { name: /^Organisation/ }).selectOption("operator:cnaf");
      assert.ok(await page.getByRole("checkbox", { name: /70/ }).isChecked(), "the 70 is chosen");
      assert.ok(await page.getByRole("checkbox", { name: /Lire les structures/ }).isChecked(), "structures:read is chosen");
      assert.deepEqual(await axeBlocking(page), [], "axe on the API client form");
      await page.getByRole("button", { name: "Créer le client" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "affiché une seule fois" });
      await alert.waitFor();
      credentials.clientId = await alert.getByLabel(/client_id/).inputValue();
      credentials.secret = await alert.getByLabel("Secret du client").inputValue();
      assert.ok(credentials.clientId && credentials.secret.length >= 32, "client id and secret are shown");
      const clients = page.getByRole("table", { name: /^Clients API/ });
      await clients.getByText(credentials.clientId).waitFor();
      assert.match(await clients.innerText(), /Jamais/);
      assert.deepEqual(await axeBlocking(page), [], "axe on the API clients page with the secret");
      await page.screenshot({ path: "/tmp/partners-api-client.png", fullPage: true });
      await alert.getByRole("button", { name: "J’ai conservé le secret" }).click();
      await page.getByText(`Le secret du client « ${CLIENT_NAME} » n’est plus affiché.`).waitFor();
      assert.equal(await page.getByText(credentials.secret).count(), 0, "the secret is gone from the page");
      await page.reload();
      await clients.getByText(credentials.clientId).waitFor();
      assert.ok(!(await page.content()).includes(credentials.secret), "the secret is never shown again");

      assert.deepEqual(errors, [], "no uncaught page error");
      assert.deepEqual(consoleErrors, [], "no console error");
      assert.deepEqual(external, [], "no request leaves the server (offline)");
    } finally {
      await context.close();
    }
  });

  test("the machine client gets a token, lists the structures of the 70 and gets 404 elsewhere", async () => {
    assert.ok(credentials.secret, "the previous test created the client");
    const tokenResponse = await fetch(`${stack.baseUrl}/api/v1/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.secret }),
    });
    assert.equal(tokenResponse.status, 200, await tokenResponse.clone().text());
    const token = await tokenResponse.json();
    assert.equal(token.token_type, "Bearer");
    assert.ok(token.expires_in > 0 && token.expires_in <= 600);
    assert.match(token.scope, /structures:read/);
    const bearer = { Authorization: `Bearer ${token.access_token}`, Accept: "application/json" };

    const list = await fetch(`${stack.baseUrl}/api/v1/structures?departement=70&limit=200`, { headers: bearer });
    assert.equal(list.status, 200);
    const names = (await list.json()).items.map((s) => s.name);
    assert.ok(names.includes(STRUCTURE), "Rioz is listed");

    // A structure of the Moselle, found by the admin.
    const admin = await humanToken("admin@maillage.test");
    const moselle = await fetch(`${stack.baseUrl}/api/v1/structures?departement=57&limit=1`, { headers: { Authorization: `Bearer ${admin}` } });
    const [other] = (await moselle.json()).items;
    assert.ok(other?.id, "a structure of the 57 exists");
    const refused = await fetch(`${stack.baseUrl}/api/v1/structures/${other.id}`, { headers: bearer });
    assert.equal(refused.status, 404, "another département's structure is outside the client's territory");

    // A wrong secret is refused in the RFC 6749 form.
    const wrong = await fetch(`${stack.baseUrl}/api/v1/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: credentials.clientId, client_secret: "not-the-secret" }),
    });
    assert.equal(wrong.status, 401);
    assert.equal((await wrong.json()).error, "invalid_client");
  });

  test("the client subscribes a receiver, a permanence change is delivered signed, and replayed", async () => {
    const { context, page, errors, external } = await newPage(stack);
    try {
      await login(page, "prefecture.70@maillage.test");
      const consoleErrors = watch(page);
      await page.goto("/clients-api");
      await clientRow(page).getByRole("link", { name: "Webhooks" }).click();
      await page.getByRole("heading", { level: 1, name: `Webhooks — ${CLIENT_NAME}` }).waitFor();
      await page.getByRole("button", { name: "S’abonner à des événements" }).click();
      await page.getByLabel("Adresse de réception (URL)").fill(receiver.url);
      assert.ok(await page.getByRole("checkbox", { name: /Permanence modifiée/ }).isChecked(), "every event is proposed");
      assert.deepEqual(await axeBlocking(page), [], "axe on the webhook form");
      await page.getByRole("button", { name: "Enregistrer l’abonnement" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "affiché une seule fois" });
      await alert.waitFor();
      const signingSecret = await alert.getByLabel("Secret de signature").inputValue();
      assert.ok(signingSecret.length >= 32, "the signing secret is shown");
      await page.getByRole("table", { name: /^Abonnements de / }).getByText(receiver.url).waitFor();
      assert.deepEqual(await axeBlocking(page), [], "axe on the webhooks page with the signing secret");
      await alert.getByRole("button", { name: "J’ai conservé le secret" }).click();

      // A change of the CAF permanence at Rioz is delivered to the receiver, signed.
      await openStructureTab(page, "Permanences");
      await page.getByRole("list", { name: "Permanences de la structure" }).getByRole("listitem").filter({ hasText: "Permanence en visio" }).first()
        .getByRole("button", { name: "Modifier" }).click();
      await page.getByLabel("Information au public").fill("Rendez-vous en visio, salle 2 de la France services.");
      await page.getByRole("button", { name: "Enregistrer la permanence" }).click();
      await page.getByText("La permanence a été modifiée.").waitFor();
      const delivered = await eventually(() => receiver.requests.find((r) => JSON.parse(r.body).event === "permanence.changed"), 30_000, "permanence.changed");
      assertSigned(delivered, signingSecret);
      const payload = JSON.parse(delivered.body);
      assert.equal(payload.departement, "70");
      assert.equal(payload.object.type, "permanence");
      assert.equal(delivered.headers["maillage-webhook-id"], payload.id);

      // The deliveries page shows it delivered; a replay sends it again.
      await page.goto("/clients-api");
      await clientRow(page).getByRole("link", { name: "Webhooks" }).click();
      await page.getByRole("table", { name: /^Abonnements de / }).getByRole("row").filter({ hasText: receiver.url })
        .getByRole("link", { name: "Livraisons" }).click();
      await page.getByRole("heading", { level: 1, name: "Livraisons du webhook" }).waitFor();
      const deliveries = page.getByRole("table", { name: /^Livraisons/ });
      const row = deliveries.getByRole("row").filter({ hasText: "Permanence modifiée" }).first();
      await row.getByText("Livrée", { exact: true }).waitFor();
      assert.match(await row.innerText(), /HTTP 204/);
      assert.deepEqual(await axeBlocking(page), [], "axe on the deliveries page");
      await page.screenshot({ path: "/tmp/partners-deliveries.png", fullPage: true });
      const before = receiver.requests.length;
      await row.getByRole("button", { name: "Rejouer" }).click();
      await page.getByText(/sera renvoyée/).waitFor();
      const replayed = await eventually(() => receiver.requests.slice(before).find((r) => JSON.parse(r.body).event === "permanence.changed"), 30_000, "the replay");
      assertSigned(replayed, signingSecret);

      assert.deepEqual(errors, [], "no uncaught page error");
      assert.deepEqual(consoleErrors, [], "no console error");
      assert.deepEqual(external, [], "no request leaves the server (offline)");
    } finally {
      await context.close();
    }
  });
});

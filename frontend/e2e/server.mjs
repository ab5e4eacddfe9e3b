// Shared end-to-end setup: a fresh PostgreSQL database, the Go server (migrated, demo data) serving the built SPA,
// and headless Chromium. Everything started here is stopped and dropped again, also when a test fails.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium } from "playwright-core";

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
export const frontendDir = path.resolve(here, "..");

export const DEMO_PASSWORD = "maillage-demo-2026";
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-quic", "--no-first-run", "--disable-sync",
];

const BIN = path.resolve(frontendDir, process.env.MAILLAGE_BIN ?? "../bin/maillage");
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable";
const STATIC_DIR = path.join(frontendDir, "dist");

function databaseUrl(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** psql from $PSQL, the PATH, or Debian's /usr/lib/postgresql/<version>/bin. */
function psqlPath() {
  if (process.env.PSQL) return process.env.PSQL;
  const onPath = (process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "psql")).find(existsSync);
  if (onPath) return onPath;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((v) => path.join(root, v, "bin", "psql")).find(existsSync) ?? "psql";
}

async function psql(sql) {
  try {
    await run(psqlPath(), ["-X", "-w", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, ADMIN_URL]);
  } catch (error) {
    throw new Error(`psql failed (${sql}): ${error.stderr || error.message}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function maillage(args, env) {
  try {
    return await run(BIN, args, { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`maillage ${args.join(" ")} failed: ${error.stderr || error.message}`);
  }
}

async function waitReady(baseUrl, server, logs) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`maillage serve exited (${server.exitCode}):\n${logs.join("")}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`GET /readyz never answered 200:\n${logs.join("")}`);
}

async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the whole stack. Returns { baseUrl, browser, logs, stop, restart }. Call stop() in an after() hook:
 * it closes the browser, kills the server and drops the database; restart(extraEnv) restarts the server alone.
 */
export async function startStack() {
  if (!existsSync(BIN)) throw new Error(`Go binary not found at ${BIN} (build it: go build -o bin/maillage ./api, or set MAILLAGE_BIN)`);
  if (!existsSync(path.join(STATIC_DIR, "index.html"))) throw new Error(`${STATIC_DIR}/index.html missing: run npm run build first`);

  const dbName = `maillage_e2e_${randomBytes(6).toString("hex")}`;
  const logs = [];
  let server = null;
  let browser = null;
  let dbCreated = false;
  let restart = async () => undefined;

  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await stopProcess(server);
    if (dbCreated) await psql(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  };

  try {
    await psql(`CREATE DATABASE "${dbName}"`);
    dbCreated = true;
    const port = await freePort();
    const env = {
      ...process.env,
      APP_ENV: "test",
      DATABASE_URL: databaseUrl(dbName),
      HTTP_ADDR: `127.0.0.1:${port}`,
      STATIC_DIR,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    };
    await maillage(["migrate"], env);
    await maillage(["seed", "demo"], env);
    server = spawn(BIN, ["serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout.on("data", (d) => logs.push(d.toString()));
    server.stderr.on("data", (d) => logs.push(d.toString()));
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitReady(baseUrl, server, logs);
    /**
     * Restarts `serve` on the same database and port with extra environment, e.g. { CLOCK_OFFSET: "768h" }: the
     * server's injected clock (APP_ENV=test only) then runs that far ahead, so deadlines pass.
     */
    restart = async (extraEnv = {}) => {
      await stopProcess(server);
      server = spawn(BIN, ["serve"], { env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
      server.stdout.on("data", (d) => logs.push(d.toString()));
      server.stderr.on("data", (d) => logs.push(d.toString()));
      await waitReady(baseUrl, server, logs);
    };
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    });
    return { baseUrl, browser, logs, dbName, stop, restart: (extraEnv) => restart(extraEnv) };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/**
 * A new browser context and page in French. `errors` collects uncaught page errors; `external` collects requests
 * that leave the server under test (the SPA must work offline: fonts, icons and scripts are all served locally).
 */
export async function newPage(stack) {
  const context = await stack.browser.newContext({ baseURL: stack.baseUrl, locale: "fr-FR", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  const external = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(stack.baseUrl) && !url.startsWith("data:") && !url.startsWith("blob:")) external.push(url);
  });
  return { context, page, errors, external };
}

/** Logs in through the Connexion page and waits for the dashboard. */
export async function login(page, email, password = DEMO_PASSWORD) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor();
}

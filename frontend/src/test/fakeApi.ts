import { createApiClient, type Schemas } from "../api/client";

type WireUser = Schemas["User"];

export const BASE_URL = "http://localhost/api/v1";

type Handler = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "Content-Type": "application/json", ...(init.headers ?? {}) },
  });
}

export function problem(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: "about:blank", status, ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

/** A fake fetch answering "METHOD /path" (path below /api/v1, no query) and recording requests. */
export function fakeFetch(routes: Record<string, Handler>) {
  const calls: Request[] = [];
  const fetch = async (request: Request) => {
    calls.push(request.clone());
    const path = new URL(request.url).pathname.replace(/^\/api\/v1/, "");
    const handler = routes[`${request.method} ${path}`];
    if (!handler) return problem(404, { title: "Introuvable", code: "not_found" });
    return handler(request);
  };
  return { fetch, calls };
}

/** A user as the API sends it. */
export function makeUser(overrides: Partial<WireUser> = {}): WireUser {
  return {
    id: "u-1",
    email: "prefecture.70@maillage.test",
    name: "Préfecture de la Haute-Saône",
    role: "prefecture",
    departements: ["70"],
    structure_ids: [],
    active: true,
    created_at: "2026-11-24T10:00:00Z",
    updated_at: "2026-11-24T10:00:00Z",
    ...overrides,
  };
}

export function session(user: WireUser, token = "access-1") {
  return { access_token: token, token_type: "Bearer", expires_in: 900, user };
}

export function fakeClient(routes: Record<string, Handler>) {
  const fake = fakeFetch(routes);
  return { client: createApiClient({ baseUrl: BASE_URL, fetch: fake.fetch }), calls: fake.calls };
}

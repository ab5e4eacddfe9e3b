import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, unwrap, type Schemas } from "./client";
import { fakeClient, json, makeUser, problem, session } from "../test/fakeApi";

const expired = () => problem(401, { title: "Votre session a expiré.", code: "auth.token_expired" });
const race = () => problem(409, { title: "La session vient d’être renouvelée par un autre onglet : réessayez.", code: "auth.refresh_race" });
const refreshCalls = (calls: Request[]) => calls.filter((c) => new URL(c.url).pathname.endsWith("/auth/refresh"));

afterEach(() => {
  vi.useRealTimers();
});

describe("API client", () => {
  it("refreshes once on 401 and retries with the new token", async () => {
    let token = "access-1";
    const { client, calls } = fakeClient({
      "POST /auth/login": () => json(session(makeUser(), "access-1")),
      "POST /auth/refresh": () => {
        token = "access-2";
        return json(session(makeUser(), "access-2"));
      },
      "GET /users": (req) =>
        req.headers.get("Authorization") === `Bearer ${token}` && token === "access-2"
          ? json({ items: [makeUser()], next_cursor: null })
          : expired(),
    });
    await client.login("prefecture.70@maillage.test", "maillage-demo-2026");
    const page = await unwrap(client.api.GET("/users"));
    expect(page.items).toHaveLength(1);
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      "POST /api/v1/auth/login",
      "GET /api/v1/users",
      "POST /api/v1/auth/refresh",
      "GET /api/v1/users",
    ]);
    expect(calls[3].headers.get("Authorization")).toBe("Bearer access-2");
    expect(client.getAccessToken()).toBe("access-2");
  });

  it("shares one refresh between concurrent 401s and retries the request body", async () => {
    let refreshes = 0;
    const { client } = fakeClient({
      "POST /auth/refresh": () => {
        refreshes += 1;
        return json(session(makeUser(), "fresh"));
      },
      "GET /auth/me": (req) => (req.headers.get("Authorization") === "Bearer fresh" ? json(makeUser()) : expired()),
      "POST /auth/password": async (req) =>
        req.headers.get("Authorization") === "Bearer fresh"
          ? ((await req.json()).new_password === "nouveau-mot-de-passe" ? new Response(null, { status: 204 }) : problem(400, {}))
          : expired(),
    });
    await Promise.all([
      unwrap(client.api.GET("/auth/me")),
      unwrap(client.api.POST("/auth/password", { body: { current_password: "a", new_password: "nouveau-mot-de-passe" } })),
    ]);
    expect(refreshes).toBe(1);
  });

  it("ends the session when the refresh fails, and does not loop", async () => {
    const listener = vi.fn();
    const { client, calls } = fakeClient({
      "POST /auth/refresh": () => problem(401, { title: "Session expirée.", code: "auth.refresh_reused" }),
      "GET /users": expired,
    });
    client.onSessionChange(listener);
    await expect(unwrap(client.api.GET("/users"))).rejects.toMatchObject({ status: 401, code: "auth.token_expired" });
    expect(calls).toHaveLength(2);
    expect(listener).toHaveBeenCalledWith(null);
  });

  it("retries a refresh that raced another tab once, after a short wait, for every caller at once", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    const listener = vi.fn();
    let attempts = 0;
    const { client, calls } = fakeClient({
      "POST /auth/refresh": () => {
        attempts += 1;
        return attempts === 1 ? race() : json(session(makeUser(), "after-race"));
      },
    });
    client.onSessionChange(listener);
    const first = client.refresh();
    const second = client.refresh();
    await vi.advanceTimersByTimeAsync(299);
    expect(refreshCalls(calls)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const [a, b] = await Promise.all([first, second]);
    expect(a?.accessToken).toBe("after-race");
    expect(b).toBe(a);
    expect(refreshCalls(calls)).toHaveLength(2);
    expect(client.getAccessToken()).toBe("after-race");
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(expect.objectContaining({ accessToken: "after-race" }));
  });

  it("ends the session when the retried refresh races again, without a third attempt", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    const listener = vi.fn();
    const { client, calls } = fakeClient({
      "POST /auth/refresh": race,
      "GET /users": expired,
    });
    client.onSessionChange(listener);
    const result = unwrap(client.api.GET("/users")).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(300);
    expect(await result).toMatchObject({ status: 401, code: "auth.token_expired" });
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      "GET /api/v1/users",
      "POST /api/v1/auth/refresh",
      "POST /api/v1/auth/refresh",
    ]);
    expect(listener).toHaveBeenCalledWith(null);
    expect(client.getAccessToken()).toBeNull();
  });

  it("does not retry a refresh refused for another reason (409 of another code)", async () => {
    const { client, calls } = fakeClient({
      "POST /auth/refresh": () => problem(409, { title: "Conflit.", code: "conflict" }),
    });
    expect(await client.refresh()).toBeNull();
    expect(refreshCalls(calls)).toHaveLength(1);
  });

  it("does not refresh when the login itself answers 401", async () => {
    const { client, calls } = fakeClient({
      "POST /auth/login": () => problem(401, { title: "Adresse e-mail ou mot de passe incorrect.", code: "auth.invalid_credentials" }),
    });
    const error = await client.login("x@maillage.test", "mauvais").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).title).toBe("Adresse e-mail ou mot de passe incorrect.");
    expect(calls).toHaveLength(1);
  });

  it("sends If-Match with the ETag of the last GET of the object", async () => {
    const { client, calls } = fakeClient({
      "GET /users/u-1": () => json(makeUser(), { headers: { ETag: '"v1"' } }),
      "PATCH /users/u-1": (req) =>
        req.headers.get("If-Match") === '"v1"'
          ? json(makeUser({ active: false }), { headers: { ETag: '"v2"' } })
          : problem(428, { code: "precondition_required" }),
    });
    await unwrap(client.api.GET("/users/{id}", { params: { path: { id: "u-1" } } }));
    expect(client.etagFor("/users/u-1")).toBe('"v1"');
    const updated = await unwrap(client.api.PATCH("/users/{id}", {
      params: { path: { id: "u-1" }, header: { "If-Match": "" } },
      body: { active: false },
    }));
    expect(updated.active).toBe(false);
    expect(calls[1].headers.get("If-Match")).toBe('"v1"');
    expect(client.etagFor("/users/u-1")).toBe('"v2"');
  });

  it("turns a network failure into an ApiError with status 0", async () => {
    const { client } = fakeClient({
      "GET /regions": () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await expect(unwrap(client.api.GET("/regions"))).rejects.toMatchObject({ status: 0, code: "network_error" });
  });

  it("types and parses the registry's application/problem+json errors", async () => {
    const { client } = fakeClient({
      "PATCH /structures/s-1": () => problem(422, {
        title: "Certains champs sont invalides.",
        code: "validation_failed",
        errors: { "carrier.siret": "SIRET invalide." },
      }),
    });
    const result = await client.api.PATCH("/structures/{id}", {
      params: { path: { id: "s-1" }, header: { "If-Match": '"1"' } },
      body: { carrier: { siret: "123" } },
    });
    // The spec labels error bodies application/problem+json: openapi-fetch types them as Problem.
    const body: Schemas["Problem"] | undefined = result.error;
    expect(body?.errors).toEqual({ "carrier.siret": "SIRET invalide." });
    const error = await unwrap(Promise.resolve(result)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldError("carrier.siret")).toBe("SIRET invalide.");
    expect((error as ApiError).otherFieldErrors(["carrier.siret"])).toEqual([]);
  });
});

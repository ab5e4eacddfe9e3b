// Typed API client: openapi-fetch over a fetch wrapper that adds the bearer token,
// refreshes the session once on 401 (retrying once a refresh that raced another tab), and remembers ETags for If-Match.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";
import { toSession, type Session } from "./models";
import { ApiError, parseProblem, toApiError } from "./problem";

export type Schemas = components["schemas"];
export type { Session, User } from "./models";

export type FetchLike = (input: Request) => Promise<Response>;
export type SessionListener = (session: Session | null) => void;

export type ApiClientOptions = {
  /** Absolute base URL of the API; default: same origin + /api/v1. */
  baseUrl?: string;
  /** The fetch implementation (tests pass a fake one). */
  fetch?: FetchLike;
  /** Wait before retrying a refresh that lost a race with another tab (409 auth.refresh_race); default 300 ms. */
  refreshRaceDelayMs?: number;
};

const WRITE_METHODS = new Set(["PATCH", "PUT", "DELETE"]);
/** Endpoints whose 401 means "bad credentials" or "no session", never "token expired". */
const NO_REFRESH_PATHS = ["/auth/login", "/auth/refresh", "/auth/logout"];
/** Problem code of a refresh token presented again just after another tab of the browser rotated it (ADR 0003). */
const REFRESH_RACE = "auth.refresh_race";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function problemCode(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.json();
    const code = typeof body === "object" && body !== null ? (body as { code?: unknown }).code : undefined;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

function defaultBaseUrl(): string {
  const origin = typeof window !== "undefined" ? window.location.origin : "http://localhost";
  return `${origin}/api/v1`;
}

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl()).replace(/\/$/, "");
  const rawFetch: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const raceDelay = options.refreshRaceDelayMs ?? 300;
  const basePath = new URL(baseUrl).pathname;
  const etags = new Map<string, string>();
  const listeners = new Set<SessionListener>();
  let accessToken: string | null = null;
  let refreshing: Promise<Session | null> | null = null;

  /** Key of an object for the ETag cache: its path below the base URL, without query. */
  const objectKey = (url: string) => new URL(url).pathname.slice(basePath.length) || "/";

  function notify(session: Session | null) {
    for (const listener of listeners) listener(session);
  }

  function startSession(session: Session | null) {
    accessToken = session?.accessToken ?? null;
    if (!session) etags.clear();
    notify(session);
  }

  const postRefresh = () => rawFetch(
    new Request(`${baseUrl}/auth/refresh`, {
      method: "POST",
      credentials: "include",
      headers: { Accept: "application/json" },
    }),
  );

  /**
   * One refresh, and at most one retry: a 409 auth.refresh_race means another tab of this browser rotated the shared
   * cookie a moment ago; after a short wait the browser sends the new cookie. A second race ends the session.
   */
  async function doRefresh(): Promise<Session | null> {
    try {
      let response = await postRefresh();
      if (response.status === 409 && (await problemCode(response)) === REFRESH_RACE) {
        await sleep(raceDelay);
        response = await postRefresh();
      }
      const session = response.ok ? toSession((await response.json()) as Schemas["TokenResponse"]) : null;
      startSession(session);
      return session;
    } catch {
      startSession(null);
      return null;
    }
  }

  /** POST /auth/refresh; concurrent callers share one request, its race retry included (a refresh token is single-use). */
  function refresh(): Promise<Session | null> {
    if (!refreshing) {
      const pending = doRefresh();
      refreshing = pending;
      void pending.finally(() => {
        if (refreshing === pending) refreshing = null;
      });
    }
    return refreshing;
  }

  async function send(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    if (accessToken) headers.set("Authorization", `Bearer ${accessToken}`);
    const key = objectKey(request.url);
    if (WRITE_METHODS.has(request.method) && !headers.get("If-Match")) {
      const etag = etags.get(key);
      if (etag) headers.set("If-Match", etag);
      else headers.delete("If-Match");
    }
    const response = await rawFetch(new Request(request, { headers, credentials: "include" }));
    const etag = response.headers.get("ETag");
    if (response.ok && etag && (request.method === "GET" || WRITE_METHODS.has(request.method))) {
      etags.set(key, etag);
    }
    return response;
  }

  async function authFetch(request: Request): Promise<Response> {
    const retry = request.clone();
    const response = await send(request);
    const path = objectKey(request.url);
    if (response.status !== 401 || NO_REFRESH_PATHS.includes(path)) return response;
    const session = await refresh();
    if (!session) return response;
    return send(retry);
  }

  const api = createClient<paths>({
    baseUrl,
    credentials: "include",
    headers: { Accept: "application/json, application/problem+json" },
    fetch: authFetch,
  });

  async function login(email: string, password: string): Promise<Session> {
    const session = toSession(await unwrap(api.POST("/auth/login", { body: { email, password } })));
    if (!session) throw parseProblem(500, { title: "La réponse du serveur ne contient pas de jeton d’accès." });
    startSession(session);
    return session;
  }

  async function logout(): Promise<void> {
    try {
      await api.POST("/auth/logout");
    } catch {
      // The local session ends whatever the server answers.
    }
    startSession(null);
  }

  return {
    api,
    login,
    logout,
    refresh,
    /** The ETag last seen for an object path such as "/users/42" (from a GET or a write). */
    etagFor: (path: string) => etags.get(path),
    getAccessToken: () => accessToken,
    onSessionChange(listener: SessionListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

type Result<D> = { data?: D; error?: unknown; response: Response };

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError built from the problem+json. */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await call;
  } catch (error) {
    throw toApiError(error);
  }
  if (!result.response.ok) {
    throw parseProblem(result.response.status, result.error, result.response.headers);
  }
  return result.data as D;
}

export { ApiError };

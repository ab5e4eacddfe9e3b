// RFC 9457 problem details (application/problem+json) turned into a typed error.

export type FieldErrors = Record<string, string>;

/** Error raised by the API client for every non-2xx answer (and for network failures, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldErrors;
  readonly requestId: string | undefined;
  /** Seconds to wait before retrying, from the Retry-After header (429, 503). */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    errors?: FieldErrors;
    requestId?: string;
    retryAfter?: number;
  }) {
    super(init.detail ? `${init.title} ${init.detail}` : init.title);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? {};
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }

  /** Message for one form field; also matches nested keys such as "departements[0]" or "departements.0". */
  fieldError(field: string): string | undefined {
    if (this.errors[field]) return this.errors[field];
    const nested = Object.keys(this.errors).find(
      (key) => key.startsWith(`${field}[`) || key.startsWith(`${field}.`),
    );
    return nested ? this.errors[nested] : undefined;
  }

  /** Field errors whose field is not in `shown` (so the page can list them in the general alert). */
  otherFieldErrors(shown: readonly string[]): string[] {
    return Object.entries(this.errors)
      .filter(([key]) => !shown.some((f) => key === f || key.startsWith(`${f}[`) || key.startsWith(`${f}.`)))
      .map(([, message]) => message);
  }
}

const FALLBACK_TITLES: Record<number, string> = {
  0: "Le serveur est injoignable. Vérifiez votre connexion et réessayez.",
  400: "La demande est invalide.",
  401: "Votre session a expiré. Veuillez vous reconnecter.",
  403: "Vous n’avez pas les droits nécessaires pour cette action.",
  404: "L’élément demandé est introuvable.",
  409: "L’opération est en conflit avec l’état actuel des données.",
  412: "Cet élément a été modifié entre-temps. Rechargez la page et recommencez.",
  422: "Certaines informations sont invalides.",
  428: "La version de l’élément modifié est manquante. Rechargez la page et recommencez.",
  429: "Trop de tentatives. Veuillez patienter avant de réessayer.",
};

function fallbackTitle(status: number): string {
  return FALLBACK_TITLES[status] ?? "Une erreur inattendue est survenue. Réessayez plus tard.";
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** Accepts {field: "msg"}, {field: ["msg", …]} and [{field|name|pointer, message|detail|reason}]. */
export function normalizeFieldErrors(raw: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (Array.isArray(raw)) {
    for (const item of raw) {
      if (!item || typeof item !== "object") continue;
      const rec = item as Record<string, unknown>;
      const field = asString(rec.field) ?? asString(rec.name) ?? asString(rec.pointer)?.replace(/^#?\//, "");
      const message = asString(rec.message) ?? asString(rec.detail) ?? asString(rec.reason);
      if (field && message && !out[field]) out[field] = message;
    }
    return out;
  }
  if (raw && typeof raw === "object") {
    for (const [field, value] of Object.entries(raw as Record<string, unknown>)) {
      const message = Array.isArray(value) ? asString(value[0]) : asString(value);
      if (message) out[field] = message;
    }
  }
  return out;
}

/** Retry-After is either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

/** Builds an ApiError from a status, a (possibly already parsed) body and the response headers. */
export function parseProblem(status: number, body: unknown, headers?: Headers | null): ApiError {
  let parsed: unknown = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
  }
  const problem = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  const title = asString(problem.title) ?? fallbackTitle(status);
  return new ApiError({
    status,
    code: asString(problem.code) ?? `http_${status}`,
    title,
    detail: asString(problem.detail),
    errors: normalizeFieldErrors(problem.errors),
    requestId: asString(problem.request_id) ?? headers?.get("X-Request-Id") ?? undefined,
    retryAfter: parseRetryAfter(headers?.get("Retry-After")),
  });
}

/** Wraps anything thrown while calling the API (network failure, bug) into an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ status: 0, code: "network_error", title: fallbackTitle(0) });
}

/** "30 secondes", "1 minute", "2 minutes et 5 secondes". */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;
  if (minutes === 0) return plural(rest, "seconde");
  if (rest === 0) return plural(minutes, "minute");
  return `${plural(minutes, "minute")} et ${plural(rest, "seconde")}`;
}

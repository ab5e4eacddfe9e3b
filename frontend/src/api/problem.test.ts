import { describe, expect, it } from "vitest";
import { ApiError, formatWait, normalizeFieldErrors, parseProblem, parseRetryAfter } from "./problem";

describe("parseProblem", () => {
  it("reads a problem+json body with field errors", () => {
    const error = parseProblem(400, {
      type: "https://maillage.test/problems/validation_failed",
      title: "Certaines informations sont invalides.",
      status: 400,
      detail: "Corrigez les champs signalés.",
      code: "validation_failed",
      errors: { email: "L’adresse e-mail est invalide.", "departements[0]": "Département inconnu." },
      request_id: "req-1",
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("validation_failed");
    expect(error.title).toBe("Certaines informations sont invalides.");
    expect(error.detail).toBe("Corrigez les champs signalés.");
    expect(error.requestId).toBe("req-1");
    expect(error.fieldError("email")).toBe("L’adresse e-mail est invalide.");
    expect(error.fieldError("departements")).toBe("Département inconnu.");
    expect(error.fieldError("name")).toBeUndefined();
    expect(error.otherFieldErrors(["email"])).toEqual(["Département inconnu."]);
  });

  it("parses a raw JSON string and the Retry-After header", () => {
    const headers = new Headers({ "Retry-After": "120" });
    const error = parseProblem(429, '{"title":"Trop de tentatives.","code":"auth.too_many_attempts"}', headers);
    expect(error.code).toBe("auth.too_many_attempts");
    expect(error.retryAfter).toBe(120);
  });

  it("falls back to a French title when the body is not a problem", () => {
    const error = parseProblem(502, "<html>Bad gateway</html>");
    expect(error.code).toBe("http_502");
    expect(error.title).toBe("Une erreur inattendue est survenue. Réessayez plus tard.");
    expect(error.errors).toEqual({});
    expect(parseProblem(403, undefined).title).toBe("Vous n’avez pas les droits nécessaires pour cette action.");
  });

  it("accepts field errors given as arrays", () => {
    expect(normalizeFieldErrors([{ field: "email", message: "Déjà utilisée." }])).toEqual({ email: "Déjà utilisée." });
    expect(normalizeFieldErrors({ password: ["Trop court.", "Trop simple."] })).toEqual({ password: "Trop court." });
    expect(normalizeFieldErrors(null)).toEqual({});
  });
});

describe("parseRetryAfter and formatWait", () => {
  it("handles seconds and HTTP dates", () => {
    const now = new Date("2026-11-24T10:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30);
    expect(parseRetryAfter("Tue, 24 Nov 2026 10:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("says the wait in French", () => {
    expect(formatWait(1)).toBe("1 seconde");
    expect(formatWait(45)).toBe("45 secondes");
    expect(formatWait(60)).toBe("1 minute");
    expect(formatWait(125)).toBe("2 minutes et 5 secondes");
  });
});

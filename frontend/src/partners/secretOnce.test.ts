import { describe, expect, it, vi } from "vitest";
import { copyToClipboard, NO_SECRET, secretReducer, type SecretState } from "./secretOnce";

const reveal = { type: "reveal" as const, subject: "du client « Logiciel CAF »", clientId: "mcl_123", secret: "s3cr3t-value" };

describe("secretReducer", () => {
  it("shows a secret once, remembers the copy, and forgets the secret when dismissed", () => {
    let state: SecretState = secretReducer(NO_SECRET, reveal);
    expect(state).toMatchObject({ status: "shown", secret: "s3cr3t-value", clientId: "mcl_123", copied: "no" });
    state = secretReducer(state, { type: "copied", ok: true });
    expect(state).toMatchObject({ status: "shown", copied: "yes" });
    state = secretReducer(state, { type: "dismiss" });
    expect(state).toEqual({ status: "dismissed", subject: "du client « Logiciel CAF »" });
    expect(JSON.stringify(state)).not.toContain("s3cr3t");
  });

  it("ignores copies and dismissals when nothing is shown, and an empty secret", () => {
    expect(secretReducer(NO_SECRET, { type: "copied", ok: true })).toBe(NO_SECRET);
    expect(secretReducer(NO_SECRET, { type: "dismiss" })).toBe(NO_SECRET);
    expect(secretReducer(NO_SECRET, { ...reveal, secret: "" })).toBe(NO_SECRET);
    const dismissed: SecretState = { status: "dismissed", subject: "x" };
    expect(secretReducer(dismissed, { type: "copied", ok: false })).toBe(dismissed);
  });

  it("replaces a shown secret by the next one (rotation) and resets the copy state", () => {
    const first = secretReducer(secretReducer(NO_SECRET, reveal), { type: "copied", ok: false });
    const next = secretReducer(first, { ...reveal, secret: "other", previousExpiresAt: "2026-12-01T10:00:00Z" });
    expect(next).toMatchObject({ status: "shown", secret: "other", copied: "no", previousExpiresAt: "2026-12-01T10:00:00Z" });
  });
});

describe("copyToClipboard", () => {
  it("reports success and refusal", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    expect(await copyToClipboard("abc", { writeText })).toBe(true);
    expect(writeText).toHaveBeenCalledWith("abc");
    expect(await copyToClipboard("abc", { writeText: vi.fn().mockRejectedValue(new Error("denied")) })).toBe(false);
    expect(await copyToClipboard("abc", undefined)).toBe(false);
  });
});

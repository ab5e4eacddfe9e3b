/** A random key for the Idempotency-Key header (crypto.randomUUID needs a secure context). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Same body → same key (a retried submission is not created twice); another body → a new key. */
export function idempotencyKeys() {
  let last: { body: string; key: string } | null = null;
  return (body: unknown): string => {
    const serialized = JSON.stringify(body);
    if (!last || last.body !== serialized) last = { body: serialized, key: newIdempotencyKey() };
    return last.key;
  };
}

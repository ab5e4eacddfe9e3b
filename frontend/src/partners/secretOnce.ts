// A secret shown once (API client secret, webhook signing secret): it lives only in this state, from the answer
// that created it until the user dismisses it; nothing else keeps it. No React.

export type SecretState =
  | { status: "none" }
  | {
    status: "shown";
    /** What the secret belongs to, as a complement ("du client « Logiciel CAF »"). */
    subject: string;
    clientId: string | null;
    secret: string;
    /** Until when the previous secret stays valid, after a rotation. */
    previousExpiresAt: string | null;
    copied: "no" | "yes" | "failed";
  }
  | { status: "dismissed"; subject: string };

export type SecretAction =
  | { type: "reveal"; subject: string; secret: string; clientId?: string | null; previousExpiresAt?: string | null }
  | { type: "copied"; ok: boolean }
  | { type: "dismiss" };

export const NO_SECRET: SecretState = { status: "none" };

export function secretReducer(state: SecretState, action: SecretAction): SecretState {
  switch (action.type) {
    case "reveal":
      if (!action.secret) return state;
      return {
        status: "shown", subject: action.subject, clientId: action.clientId ?? null, secret: action.secret,
        previousExpiresAt: action.previousExpiresAt ?? null, copied: "no",
      };
    case "copied":
      return state.status === "shown" ? { ...state, copied: action.ok ? "yes" : "failed" } : state;
    case "dismiss":
      // The secret is dropped: only the subject remains, for the "no longer shown" notice.
      return state.status === "shown" ? { status: "dismissed", subject: state.subject } : state;
  }
}

/** Copies a secret with the Clipboard API; false when the browser refuses (then the user copies it by hand). */
export async function copyToClipboard(text: string, clipboard: Pick<Clipboard, "writeText"> | undefined = globalThis.navigator?.clipboard): Promise<boolean> {
  if (!clipboard) return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

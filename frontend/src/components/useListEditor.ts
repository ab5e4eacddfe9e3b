import { useState } from "react";
import { toApiError, type ApiError } from "../api/problem";

/**
 * The state of a list edited in place (one form open at a time, a delete to confirm, one action under way) and
 * `run`, which performs an action, announces it, closes the form and reloads — or keeps the form open with the
 * API's error. Used by the partners' lists (local partners, referents, permanences) and the webhooks of an API client.
 */
export function useListEditor<T>(reload: () => Promise<unknown>) {
  const [editing, setEditing] = useState<T | "new" | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    setNotice("");
    try {
      await action();
      setNotice(message);
      setEditing(null);
      setConfirming(null);
      await reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return { editing, setEditing, confirming, setConfirming, error, setError, notice, setNotice, busy, run };
}

import { useEffect, useState } from "react";
import { unwrap, type ApiClient } from "../api/client";

/** The names of the structures of a département (all pages of GET /structures), for selects and links. */
export function useStructureNames(client: ApiClient, departement: string): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (!departement) return;
    let cancelled = false;
    (async () => {
      const map = new Map<string, string>();
      let cursor: string | undefined;
      do {
        const page = await unwrap(client.api.GET("/structures", { params: { query: { departement, limit: 200, ...(cursor ? { cursor } : {}) } } }));
        for (const s of page.items ?? []) if (s.id) map.set(s.id, s.name ?? s.id);
        cursor = page.next_cursor || undefined;
      } while (cursor && !cancelled);
      if (!cancelled) setNames(map);
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [client, departement]);
  return names;
}

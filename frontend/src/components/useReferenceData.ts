import { useEffect, useState } from "react";
import { unwrap, type ApiClient } from "../api/client";
import { toDepartement, toPage, toRegion, type Departement, type Region } from "../api/models";

export type ReferenceData = { departements: Departement[]; regions: Region[] };

const cache = new WeakMap<ApiClient, Promise<ReferenceData>>();

/** GET /departements and GET /regions answer the whole (small) reference lists in one page. */
function load(client: ApiClient): Promise<ReferenceData> {
  const { api } = client;
  return Promise.all([
    unwrap(api.GET("/departements")).then((page) => toPage(page, toDepartement).items),
    unwrap(api.GET("/regions")).then((page) => toPage(page, toRegion).items),
  ]).then(([departements, regions]) => ({ departements, regions }));
}

/** Régions and départements (reference data), loaded once per client; null while loading or on error. */
export function useReferenceData(client: ApiClient): ReferenceData | null {
  const [data, setData] = useState<ReferenceData | null>(null);
  useEffect(() => {
    let cancelled = false;
    let pending = cache.get(client);
    if (!pending) {
      pending = load(client);
      cache.set(client, pending);
      pending.catch(() => cache.delete(client));
    }
    pending.then((value) => !cancelled && setData(value), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [client]);
  return data;
}

export function departementLabel(code: string, refs: ReferenceData | null): string {
  const found = refs?.departements.find((d) => d.code === code);
  return found ? `${found.code} – ${found.name}` : code;
}

export function regionLabel(code: string, refs: ReferenceData | null): string {
  const found = refs?.regions.find((r) => r.code === code);
  return found ? `${found.name} (${found.code})` : code;
}

import { useEffect, useState } from "react";
import { partnersApi, type MachineClient } from "../../api/partners";
import type { ApiClient } from "../../api/client";

/** One API client (GET /api-clients/{id}); null while loading or when it cannot be read. */
export function useMachineClient(client: ApiClient, id: string): MachineClient | null {
  const [found, setFound] = useState<MachineClient | null>(null);
  useEffect(() => {
    let cancelled = false;
    partnersApi.apiClient(client, id)
      .then((c) => !cancelled && setFound(c))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [client, id]);
  return found;
}

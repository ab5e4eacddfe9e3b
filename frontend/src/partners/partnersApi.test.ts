import { describe, expect, it } from "vitest";
import { partnersApi, toPermanence, withoutPartner } from "../api/partners";
import { fakeClient, json } from "../test/fakeApi";

describe("partnersApi", () => {
  it("sends updates without the partner, with If-Match from the version", async () => {
    expect(withoutPartner({ partner_kind: "operator" as const, partner_id: "cnaf", name: "x" })).toEqual({ name: "x" });
    let patch: { ifMatch: string | null; body: unknown } = { ifMatch: null, body: null };
    const { client } = fakeClient({
      "PATCH /permanences/p-1": async (request) => {
        patch = { ifMatch: request.headers.get("If-Match"), body: await request.json() };
        return json({ id: "p-1", version: 4 });
      },
    });
    const permanence = toPermanence({ id: "p-1", partner_kind: "operator", partner_id: "cnaf", version: 3 });
    await partnersApi.updatePermanence(client, permanence, {
      partner_kind: "operator", partner_id: "cnaf", stop_id: "", modality: "visio", booking_url: "", summary: "", public_note: "Salle 2",
      internal_note: "", schedules: [],
    });
    expect(patch.ifMatch).toBe("\"3\"");
    expect(patch.body).toEqual({ stop_id: "", modality: "visio", booking_url: "", summary: "", public_note: "Salle 2", internal_note: "", schedules: [] });
  });

  it("returns a created client's secret once, beside the client", async () => {
    const { client } = fakeClient({
      "POST /api-clients": () => json({ id: "c-1", client_id: "mc_1", name: "Logiciel", status: "active", client_secret: "mcs_secret" }, { status: 201 }),
      "POST /api-clients/c-1/secrets": () => json({ client_secret: "mcs_next", old_secret_expires_at: "2026-12-01T10:00:00Z", secret: { id: "s-2" } }, { status: 201 }),
    });
    const created = await partnersApi.createApiClient(client, {
      name: "Logiciel", organisation_kind: "operator", organisation_id: "cnaf", departements: ["70"], scopes: ["structures:read"],
    });
    expect(created.secret).toBe("mcs_secret");
    expect(created.item).toMatchObject({ id: "c-1", client_id: "mc_1", status: "active" });
    expect(JSON.stringify(created.item)).not.toContain("mcs_secret");
    const rotated = await partnersApi.rotateSecret(client, created.item);
    expect(rotated).toMatchObject({ secret: "mcs_next", expires_old_at: "2026-12-01T10:00:00Z", item: created.item });
  });
});

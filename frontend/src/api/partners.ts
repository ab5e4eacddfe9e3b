// Partners (ADR 0008): operators and the socle, local partners, referents, permanences, coverage, API clients and
// webhooks. Normalized objects (the generated types mark every field optional) and the calls the screens make.
import { unwrap, type ApiClient } from "./client";
import { headerParams } from "./models";
import type { components } from "./schema";
import type { WireSchedule } from "../hours/model";

type S = components["schemas"];

const str = (v: string | null | undefined) => v ?? "";
const opt = (v: string | null | undefined) => (v === undefined || v === null || v === "" ? null : v);
const list = <W, T>(page: { items?: W[] | null } | undefined, map: (w: W) => T): T[] => (page?.items ?? []).map(map);
const ifMatch = (version: number) => headerParams({ "If-Match": `"${version}"` });

export type PartnerKind = "operator" | "local";
export type Modality = "physique" | "visio" | "telephone";

export type Operator = {
  code: string; name: string; short_name: string; names: { name: string; from: string | null; to: string | null }[];
  socle_from: string | null; socle_to: string | null; in_socle: boolean; version: number;
};
export type LocalPartner = {
  id: string; departement_code: string; type: string; type_label: string; name: string; contact_email: string;
  phone: string; website: string; notes: string; version: number;
};
export type Referent = {
  id: string; partner_kind: PartnerKind; partner_id: string; partner_name: string; departement_code: string;
  structure_id: string | null; name: string; function: string; email: string; phone: string;
  valid_from: string | null; valid_to: string | null; version: number;
};
export type Permanence = {
  id: string; structure_id: string; structure_name: string; stop_id: string | null; partner_kind: PartnerKind;
  partner_id: string; partner_name: string; modality: Modality; booking_url: string; public_note: string;
  internal_note: string; schedules: WireSchedule[]; osm: string; summary: string; version: number;
};
export type PartnerSummary = {
  kind: PartnerKind; id: string; name: string; type: string; type_label: string; departement_code: string;
  operator: Operator | null; local: LocalPartner | null;
};
export type PartnerPageData = { partner: PartnerSummary; referents: Referent[]; permanences: Permanence[] };
export type CoverageCell = { operator: string; covered: boolean; how: string[] };
export type CoverageRow = { structure_id: string; structure_name: string; cells: CoverageCell[]; missing: number };
/** An operator column: `name` in full, `short_name` for the matrix ("CAF"). */
export type CoverageOperator = { code: string; name: string; short_name: string };
export type Coverage = {
  at: string; operators: CoverageOperator[]; rows: CoverageRow[];
  summary: { structures: number; fully_covered: number };
};
export type ClientSecretInfo = { id: string; created_at: string | null; expires_at: string | null; last_used_at: string | null };
export type MachineClient = {
  id: string; client_id: string; name: string; organisation_kind: PartnerKind; organisation_id: string;
  departements: string[]; scopes: string[]; valid_from: string | null; valid_to: string | null;
  /** The server's verdict for today: "inactive" is outside the validity dates. */
  status: "active" | "revoked" | "inactive";
  last_used_at: string | null; revoked_at: string | null; created_at: string | null; secrets: ClientSecretInfo[]; version: number;
};
export type Webhook = {
  id: string; api_client_id: string; url: string; events: string[]; active: boolean; created_at: string | null; version: number;
};
export type DeliveryStatus = "pending" | "delivered" | "failed" | "dead";
export type Delivery = {
  id: string; event: string; object_type: string; object_id: string; replay_of: string | null; status: DeliveryStatus; attempts: number; last_status_code: number | null;
  last_error: string; next_attempt_at: string | null; delivered_at: string | null; created_at: string | null;
};

const kindOf = (v: string | null | undefined): PartnerKind => (v === "local" ? "local" : "operator");

export function toOperator(o: S["Operator"]): Operator {
  return {
    code: str(o.code), name: str(o.name), short_name: str(o.short_name) || str(o.name),
    names: (o.names ?? []).map((n) => ({ name: str(n.name), from: opt(n.from), to: opt(n.to) })),
    socle_from: opt(o.socle_from), socle_to: opt(o.socle_to), in_socle: o.in_socle === true, version: o.version ?? 0,
  };
}

export function toLocalPartner(p: S["LocalPartner"]): LocalPartner {
  return {
    id: str(p.id), departement_code: str(p.departement_code), type: str(p.type), type_label: str(p.type_label),
    name: str(p.name), contact_email: str(p.contact_email), phone: str(p.phone), website: str(p.website),
    notes: str(p.notes), version: p.version ?? 0,
  };
}

export function toReferent(r: S["Referent"]): Referent {
  return {
    id: str(r.id), partner_kind: kindOf(r.partner_kind), partner_id: str(r.partner_id), partner_name: str(r.partner_name),
    departement_code: str(r.departement_code), structure_id: opt(r.structure_id), name: str(r.name), function: str(r.function),
    email: str(r.email), phone: str(r.phone), valid_from: opt(r.valid_from), valid_to: opt(r.valid_to), version: r.version ?? 0,
  };
}

export function toPermanence(p: S["Permanence"]): Permanence {
  const modality = p.modality === "visio" || p.modality === "telephone" ? p.modality : "physique";
  return {
    id: str(p.id), structure_id: str(p.structure_id), structure_name: str(p.structure_name), stop_id: opt(p.stop_id),
    partner_kind: kindOf(p.partner_kind), partner_id: str(p.partner_id), partner_name: str(p.partner_name), modality,
    booking_url: str(p.booking_url), public_note: str(p.public_note), internal_note: str(p.internal_note),
    schedules: p.schedules ?? [], osm: str(p.osm), summary: str(p.summary), version: p.version ?? 0,
  };
}

export function toCoverage(c: S["PartnerCoverage"] | undefined): Coverage {
  return {
    at: str(c?.at),
    operators: (c?.operators ?? []).map((o) => ({ code: str(o.code), name: str(o.name), short_name: str(o.short_name) || str(o.name) })),
    rows: (c?.rows ?? []).map((r) => ({
      structure_id: str(r.structure_id), structure_name: str(r.structure_name), missing: r.missing ?? 0,
      cells: (r.cells ?? []).map((cell) => ({ operator: str(cell.operator), covered: cell.covered === true, how: cell.how ?? [] })),
    })),
    summary: { structures: c?.summary?.structures ?? 0, fully_covered: c?.summary?.fully_covered ?? 0 },
  };
}

export function toPartnerPage(d: S["PartnerPage"], kind: PartnerKind, id: string): PartnerPageData {
  const p = d.partner ?? {};
  const local = p.local ? toLocalPartner(p.local) : null;
  return {
    partner: {
      kind, id: str(p.id) || id, name: str(p.name), type: local?.type ?? "", type_label: local?.type_label ?? "",
      departement_code: local?.departement_code ?? "", operator: p.operator ? toOperator(p.operator) : null, local,
    },
    referents: (d.referents ?? []).map(toReferent),
    permanences: (d.permanences ?? []).map(toPermanence),
  };
}

export function toMachineClient(c: S["APIClient"]): MachineClient {
  return {
    id: str(c.id), client_id: str(c.client_id), name: str(c.name), organisation_kind: kindOf(c.organisation_kind),
    organisation_id: str(c.organisation_id), departements: c.departements ?? [], scopes: c.scopes ?? [],
    valid_from: opt(c.valid_from), valid_to: opt(c.valid_to), status: c.status ?? "active", last_used_at: opt(c.last_used_at),
    revoked_at: opt(c.revoked_at), created_at: opt(c.created_at), version: c.version ?? 0,
    secrets: (c.secrets ?? []).map((s) => ({ id: str(s.id), created_at: opt(s.created_at), expires_at: opt(s.expires_at), last_used_at: opt(s.last_used_at) })),
  };
}

export function toWebhook(w: S["Webhook"]): Webhook {
  return {
    id: str(w.id), api_client_id: str(w.api_client_id), url: str(w.url), events: w.events ?? [], active: w.active !== false,
    created_at: opt(w.created_at), version: w.version ?? 0,
  };
}

export function toDelivery(d: S["WebhookDelivery"]): Delivery {
  return {
    id: str(d.id), event: str(d.event), object_type: str(d.object_type), object_id: str(d.object_id), replay_of: opt(d.replay_of),
    status: d.status ?? "pending", attempts: d.attempts ?? 0, last_status_code: d.last_status_code ?? null,
    last_error: str(d.last_error), next_attempt_at: opt(d.next_attempt_at), delivered_at: opt(d.delivered_at), created_at: opt(d.created_at),
  };
}

/** A secret as the API shows it once: on creation or rotation of a client, on creation of a webhook. */
export type Revealed<T> = { item: T; secret: string; expires_old_at: string | null };

const path = <P>(p: P) => ({ params: { path: p } });

/** The body of an update: never the partner (the API refuses any change of it, even to the same one). */
export function withoutPartner<T extends { partner_kind: PartnerKind; partner_id: string }>(body: T): Omit<T, "partner_kind" | "partner_id"> {
  const copy: Partial<T> = { ...body };
  delete copy.partner_kind;
  delete copy.partner_id;
  return copy as Omit<T, "partner_kind" | "partner_id">;
}

export const partnersApi = {
  operators: async (client: ApiClient, at: string) => {
    const page = await unwrap(client.api.GET("/operators", { params: { query: { at } } }));
    return { items: list(page, toOperator), socle_count: page.socle_count ?? 0 };
  },
  createOperator: async (client: ApiClient, body: OperatorBody) => toOperator(await unwrap(client.api.POST("/operators", { body }))),
  updateOperator: async (client: ApiClient, o: Operator, body: OperatorBody) =>
    toOperator(await unwrap(client.api.PATCH("/operators/{id}", { params: { path: { id: o.code }, header: ifMatch(o.version) }, body }))),
  localPartners: async (client: ApiClient, code: string) =>
    list(await unwrap(client.api.GET("/departements/{code}/local-partners", path({ code }))), toLocalPartner),
  createLocalPartner: (client: ApiClient, code: string, body: LocalPartnerBody) =>
    unwrap(client.api.POST("/departements/{code}/local-partners", { ...path({ code }), body })),
  updateLocalPartner: (client: ApiClient, p: LocalPartner, body: LocalPartnerBody) =>
    unwrap(client.api.PATCH("/local-partners/{id}", { params: { path: { id: p.id }, header: ifMatch(p.version) }, body })),
  deleteLocalPartner: (client: ApiClient, p: LocalPartner) =>
    unwrap(client.api.DELETE("/local-partners/{id}", { params: { path: { id: p.id }, header: ifMatch(p.version) } })),

  partner: async (client: ApiClient, kind: PartnerKind, id: string, departement: string): Promise<PartnerPageData> =>
    toPartnerPage(await unwrap(client.api.GET("/partners/{kind}/{id}", { params: { path: { kind, id }, query: { departement } } })), kind, id),
  referents: async (client: ApiClient, code: string) =>
    list(await unwrap(client.api.GET("/departements/{code}/referents", path({ code }))), toReferent),
  createReferent: (client: ApiClient, code: string, body: ReferentBody) =>
    unwrap(client.api.POST("/departements/{code}/referents", { ...path({ code }), body })),
  updateReferent: (client: ApiClient, r: Referent, body: ReferentBody) =>
    unwrap(client.api.PATCH("/referents/{id}", { params: { path: { id: r.id }, header: ifMatch(r.version) }, body: withoutPartner(body) })),
  deleteReferent: (client: ApiClient, r: Referent) =>
    unwrap(client.api.DELETE("/referents/{id}", { params: { path: { id: r.id }, header: ifMatch(r.version) } })),

  permanences: async (client: ApiClient, id: string) =>
    list(await unwrap(client.api.GET("/structures/{id}/permanences", path({ id }))), toPermanence),
  createPermanence: (client: ApiClient, id: string, body: PermanenceBody) =>
    unwrap(client.api.POST("/structures/{id}/permanences", { ...path({ id }), body })),
  updatePermanence: (client: ApiClient, p: Permanence, body: PermanenceBody) =>
    unwrap(client.api.PATCH("/permanences/{id}", { params: { path: { id: p.id }, header: ifMatch(p.version) }, body: withoutPartner(body) })),
  deletePermanence: (client: ApiClient, p: Permanence) =>
    unwrap(client.api.DELETE("/permanences/{id}", { params: { path: { id: p.id }, header: ifMatch(p.version) } })),

  coverage: async (client: ApiClient, code: string, at: string) =>
    toCoverage(await unwrap(client.api.GET("/departements/{code}/partners/coverage", { params: { path: { code }, query: { at } } }))),

  apiClients: async (client: ApiClient, departement?: string) =>
    list(await unwrap(client.api.GET("/api-clients", { params: { query: departement ? { departement } : {} } })), toMachineClient),
  apiClient: async (client: ApiClient, id: string) => toMachineClient(await unwrap(client.api.GET("/api-clients/{id}", path({ id })))),
  createApiClient: async (client: ApiClient, body: ApiClientBody): Promise<Revealed<MachineClient>> => {
    const created = await unwrap(client.api.POST("/api-clients", { body }));
    return { item: toMachineClient(created), secret: str(created.client_secret), expires_old_at: null };
  },
  updateApiClient: async (client: ApiClient, c: MachineClient, body: ApiClientUpdate) =>
    toMachineClient(await unwrap(client.api.PATCH("/api-clients/{id}", { params: { path: { id: c.id }, header: ifMatch(c.version) }, body }))),
  rotateSecret: async (client: ApiClient, c: MachineClient): Promise<Revealed<MachineClient>> => {
    const r = await unwrap(client.api.POST("/api-clients/{id}/secrets", { ...path({ id: c.id }), body: {} }));
    return { item: c, secret: str(r.client_secret), expires_old_at: opt(r.old_secret_expires_at) };
  },
  revokeApiClient: (client: ApiClient, c: MachineClient) => unwrap(client.api.POST("/api-clients/{id}/revoke", path({ id: c.id }))),

  webhooks: async (client: ApiClient, id: string) =>
    list(await unwrap(client.api.GET("/api-clients/{id}/webhooks", path({ id }))), toWebhook),
  createWebhook: async (client: ApiClient, id: string, body: WebhookBody): Promise<Revealed<Webhook>> => {
    const created = await unwrap(client.api.POST("/api-clients/{id}/webhooks", { ...path({ id }), body }));
    return { item: toWebhook(created), secret: str(created.signing_secret), expires_old_at: null };
  },
  updateWebhook: (client: ApiClient, w: Webhook, body: WebhookBody) =>
    unwrap(client.api.PATCH("/webhooks/{id}", { params: { path: { id: w.id }, header: ifMatch(w.version) }, body })),
  deleteWebhook: (client: ApiClient, w: Webhook) =>
    unwrap(client.api.DELETE("/webhooks/{id}", { params: { path: { id: w.id }, header: ifMatch(w.version) } })),
  deliveries: async (client: ApiClient, id: string) =>
    list(await unwrap(client.api.GET("/webhooks/{id}/deliveries", path({ id }))), toDelivery),
  replayDelivery: (client: ApiClient, id: string) => unwrap(client.api.POST("/webhook-deliveries/{id}/replay", path({ id }))),
};

/** POST /operators (with `code`) or PATCH /operators/{code} (never `code`; a new name applies from `renamed_on`). */
export type OperatorBody = {
  code?: string; name?: string; short_name?: string; renamed_on?: string; socle_from?: string; socle_to?: string;
};
export type LocalPartnerType = NonNullable<S["LocalPartnerInput"]["type"]>;
export type LocalPartnerBody = {
  type: LocalPartnerType; type_label?: string; name: string; contact_email?: string; phone?: string; website?: string; notes?: string;
};
/** A referent's fields; "" clears structure_id (the whole département) and the dates (the API reads "" as none). */
export type ReferentBody = {
  partner_kind: PartnerKind; partner_id: string; structure_id: string; name: string; function: string; email: string;
  phone: string; valid_from: string; valid_to: string;
};
export type PermanenceBody = {
  partner_kind: PartnerKind; partner_id: string; stop_id: string; modality: Modality; booking_url: string;
  summary: string; public_note: string; internal_note: string; schedules: WireSchedule[];
};
export type ApiClientBody = {
  name: string; organisation_kind: PartnerKind; organisation_id: string; departements: string[]; scopes: string[];
  valid_from?: string; valid_to?: string;
};
/** PATCH /api-clients/{id}: never the organisation (the API refuses it); "" clears a validity date. */
export type ApiClientUpdate = { name: string; departements: string[]; scopes: string[]; valid_from: string; valid_to: string };
export type WebhookBody = { url: string; events: string[]; active: boolean };

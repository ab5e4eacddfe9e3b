// The SPA's view of the API objects. Generated types mark every field optional (swag emits no "required"),
// so responses are normalized here once, with explicit defaults, instead of in every component.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type User = {
  id: string;
  email: string;
  name: string;
  role: string;
  region_code: string | null;
  departements: string[];
  structure_ids: string[];
  partner_org: string | null;
  active: boolean;
  last_login_at: string | null;
  created_at: string | null;
  updated_at: string | null;
};

export type Departement = { code: string; name: string; region_code: string | null };
export type Region = { code: string; name: string };
export type Page<T> = { items: T[]; next_cursor: string | null };
export type Session = { accessToken: string; expiresIn: number | null; user: User };

const str = (v: string | null | undefined) => v ?? "";
const opt = (v: string | null | undefined) => (v === undefined || v === null || v === "" ? null : v);

export function toUser(u: Schemas["User"] | undefined): User {
  return {
    id: str(u?.id),
    email: str(u?.email),
    name: str(u?.name),
    role: str(u?.role),
    region_code: opt(u?.region_code),
    departements: u?.departements ?? [],
    structure_ids: u?.structure_ids ?? [],
    partner_org: opt(u?.partner_org),
    active: u?.active !== false,
    last_login_at: opt(u?.last_login_at),
    created_at: opt(u?.created_at),
    updated_at: opt(u?.updated_at),
  };
}

export function toDepartement(d: Schemas["Departement"]): Departement {
  return { code: str(d.code), name: str(d.name), region_code: opt(d.region_code) };
}

export function toRegion(r: Schemas["Region"]): Region {
  return { code: str(r.code), name: str(r.name) };
}

export function toPage<W, T>(page: { items?: W[] | null; next_cursor?: string | null } | undefined, map: (w: W) => T): Page<T> {
  return { items: (page?.items ?? []).map(map), next_cursor: opt(page?.next_cursor) };
}

export function toSession(t: Schemas["TokenResponse"] | undefined): Session | null {
  if (!t?.access_token) return null;
  return { accessToken: t.access_token, expiresIn: t.expires_in ?? null, user: toUser(t.user) };
}

/**
 * Header parameters for a call. Typed `never` on purpose: it fits whether or not the generated spec declares
 * the header (swag may or may not carry `@Param If-Match header …`), while path, query and body stay checked.
 */
export function headerParams(headers: Record<string, string>): never {
  return headers as never;
}

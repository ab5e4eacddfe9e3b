// Who may do what with partners (ADR 0008 "Roles"); the API enforces it, the SPA only hides what would be refused.
import { ROLES, type Role } from "../auth/roles";

type Actor = { role: string; partner_org: string | null };

/** Every role reads the partners of its territory. */
export const PARTNER_READER_ROLES: readonly Role[] = ROLES;
/** The coverage matrix: the roles that steer a network, and partner users for their territory. */
export const COVERAGE_READER_ROLES: readonly Role[] = ["admin", "region", "prefecture", "animateur", "partner"];
/** API clients and webhooks: admin and prefecture only. */
export const API_CLIENT_ROLES: readonly Role[] = ["admin", "prefecture"];

const MANAGERS = ["admin", "prefecture", "animateur"];

export function canReadCoverage(role: string): boolean {
  return (COVERAGE_READER_ROLES as readonly string[]).includes(role);
}

export function canManageApiClients(role: string): boolean {
  return (API_CLIENT_ROLES as readonly string[]).includes(role);
}

/** Operators (national partners): only the admin creates and edits them. */
export function canManageOperators(role: string): boolean {
  return role === "admin";
}

export function canWriteLocalPartners(role: string): boolean {
  return MANAGERS.includes(role);
}

/**
 * Whether a partner user belongs to this organisation: its `partner_org` is an operator code or a local partner id
 * (they never collide: a code is a word, an id a UUID), compared without case ("CNAF" is "cnaf").
 */
export function isOwnOrganisation(actor: Actor, id: string): boolean {
  if (actor.role !== "partner" || !actor.partner_org) return false;
  return actor.partner_org.trim().toLowerCase() === id.toLowerCase();
}

/** Referents and permanences of an organisation: managers of the territory, and the organisation's own users. */
export function canWriteForPartner(actor: Actor, id: string): boolean {
  return MANAGERS.includes(actor.role) || isOwnOrganisation(actor, id);
}

/** Whether the actor may write some permanence at all (to show the editor). */
export function canWritePermanences(actor: Actor): boolean {
  return MANAGERS.includes(actor.role) || (actor.role === "partner" && Boolean(actor.partner_org));
}

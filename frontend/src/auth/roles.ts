// Roles of the API (ADR 0001) and their French labels.

export const ROLES = ["admin", "region", "prefecture", "animateur", "structure", "partner"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrateur national",
  region: "Niveau régional",
  prefecture: "Préfecture",
  animateur: "Animateur départemental",
  structure: "France services",
  partner: "Partenaire",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function roleLabel(role: string): string {
  return isRole(role) ? ROLE_LABELS[role] : role;
}

/** Roles allowed to administer user accounts. */
export const USER_ADMIN_ROLES: readonly Role[] = ["admin", "prefecture"];

export function canManageUsers(role: string): boolean {
  return (USER_ADMIN_ROLES as readonly string[]).includes(role);
}

/** Roles an actor may give to a new account: only an admin creates admin and region accounts. */
export function creatableRoles(actorRole: string): Role[] {
  if (actorRole === "admin") return [...ROLES];
  if (actorRole === "prefecture") return ["prefecture", "animateur", "structure", "partner"];
  return [];
}

/** Roles whose accounts are scoped to départements. */
export function roleNeedsDepartements(role: string): boolean {
  return ["prefecture", "animateur", "structure", "partner"].includes(role);
}

/** Roles that create and delete structures and import the ANCT list (ADR 0004). */
export const REGISTRY_MANAGER_ROLES: readonly Role[] = ["admin", "prefecture"];
/** Roles that steer a network: quality report and audit log. */
export const NETWORK_STEERING_ROLES: readonly Role[] = ["admin", "region", "prefecture", "animateur"];

export function canManageRegistry(role: string): boolean {
  return (REGISTRY_MANAGER_ROLES as readonly string[]).includes(role);
}

/** The audit log (and so a structure's "Historique") is read by admin, region, prefecture and animateur. */
export function canReadAudit(role: string): boolean {
  return (NETWORK_STEERING_ROLES as readonly string[]).includes(role);
}

export function canSeeQuality(role: string): boolean {
  return (NETWORK_STEERING_ROLES as readonly string[]).includes(role);
}

/** PATCH of a structure and its stops: admin, prefecture, animateur, and a structure account on its own ones. */
export function canEditStructure(user: { role: string; structure_ids: string[] }, structureId: string): boolean {
  if (["admin", "prefecture", "animateur"].includes(user.role)) return true;
  return user.role === "structure" && user.structure_ids.includes(structureId);
}

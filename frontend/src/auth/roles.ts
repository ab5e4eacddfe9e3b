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

import type { User } from "../api/models";

/** Compact territory for tables: "70, 90", "Région 27", "National". */
export function shortTerritory(user: User): string {
  if (user.role === "admin") return "National";
  if (user.role === "region") return user.region_code ? `Région ${user.region_code}` : "—";
  const deps = user.departements;
  return deps.length ? deps.join(", ") : "—";
}

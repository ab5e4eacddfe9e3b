import type { User } from "../api/models";
import { departementLabel, regionLabel, type ReferenceData } from "./useReferenceData";

/** A French sentence-like description of a user's territory. */
export function describeTerritory(user: User, refs: ReferenceData | null): string {
  if (user.role === "admin") return "National (tous les départements)";
  if (user.role === "region" && user.region_code) return `Région ${regionLabel(user.region_code, refs)}`;
  const deps = user.departements;
  if (deps.length === 0) return "Aucun territoire attribué";
  const labels = deps.map((code) => departementLabel(code, refs)).join(", ");
  return `${deps.length > 1 ? "Départements" : "Département"} ${labels}`;
}

/** The départements a user can pick in the registry: all for admin, the région's for region, else its own. */
export function departementChoices(user: User, refs: ReferenceData | null): string[] {
  if (user.role === "admin") return refs?.departements.map((d) => d.code) ?? [];
  if (user.role === "region") {
    return refs?.departements.filter((d) => d.region_code === user.region_code).map((d) => d.code) ?? [];
  }
  return user.departements;
}

// The level of the targets page without React: a département or a région (admin and region users), from the URL.
import type { User } from "../api/models";
import type { ReferenceData } from "../components/useReferenceData";

export type TargetLevel = "departement" | "region";

/** Region users and the admin also read the région's targets and progress. */
export const canSeeRegion = (role: string) => role === "admin" || role === "region";

/** Only the admin writes a région's targets (a region user reads them). */
export const canWriteRegionTargets = (role: string) => role === "admin";

/** The régions a user can pick: every one for the admin, its own for a region user, none for the others. */
export function regionChoices(user: User, refs: ReferenceData | null): string[] {
  if (user.role === "admin") return refs?.regions.map((r) => r.code) ?? [];
  if (user.role === "region" && user.region_code) return [user.region_code];
  return [];
}

/** The level asked by ?niveau=…: region users default to their région, the others to a département. */
export function targetLevel(user: User, requested: string | null): TargetLevel {
  if (!canSeeRegion(user.role)) return "departement";
  if (requested === "region" || requested === "departement") return requested;
  return user.role === "region" ? "region" : "departement";
}

/** The région shown: the requested one when allowed, else the first choice ("" when none). */
export function pickRegion(choices: string[], requested: string | null): string {
  return requested && choices.includes(requested) ? requested : choices[0] ?? "";
}

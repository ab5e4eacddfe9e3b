import { NETWORK_STEERING_ROLES } from "../auth/roles";

/** GET /departements/{code}/compliance: admin, region, prefecture, animateur (ADR 0006). */
export const COMPLIANCE_READER_ROLES = NETWORK_STEERING_ROLES;

export function canReadDepartementCompliance(role: string): boolean {
  return (COMPLIANCE_READER_ROLES as readonly string[]).includes(role);
}

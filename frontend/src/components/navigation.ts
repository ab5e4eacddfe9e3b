import { canManageUsers } from "../auth/roles";
import { canReadDepartementCompliance } from "../hours/access";
import { canReadPlan, canReadVisits } from "../visits/labels";
import { canReadLabelling } from "../labelling/labels";
import { canManageApiClients } from "../partners/access";

/** `section`: the path prefix the entry stands for when it differs from `to` ("/visites" for "/visites/plan"). */
export type NavItem = { text: string; to: string; section?: string };

/** Main menu entries for a role ("Mon compte" and logout live in the header quick access). */
export function navigationFor(role: string | undefined): NavItem[] {
  if (!role) return [];
  const items: NavItem[] = [{ text: "Accueil", to: "/" }, { text: "Structures", to: "/structures" }];
  if (canReadPlan(role)) items.push({ text: "Visites", to: "/visites/plan", section: "/visites" });
  else if (canReadVisits(role)) items.push({ text: "Visites", to: "/visites" });
  if (canReadDepartementCompliance(role)) items.push({ text: "Conformité", to: "/conformite" });
  items.push({ text: "Règles du label", to: "/regles-label" });
  if (canReadLabelling(role)) items.push({ text: "Labellisation", to: "/labellisation" });
  items.push({ text: "Partenaires", to: "/partenaires" });
  if (canManageApiClients(role)) items.push({ text: "Clients API", to: "/clients-api" });
  if (canManageUsers(role)) items.push({ text: "Utilisateurs", to: "/utilisateurs" });
  return items;
}

/** Whether a menu entry is the current page ("/" only matches itself). */
export function isNavItemActive(item: NavItem, pathname: string): boolean {
  if (item.to === "/") return pathname === "/";
  const base = item.section ?? item.to;
  return pathname === base || pathname.startsWith(`${base}/`);
}

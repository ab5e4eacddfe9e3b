import { canManageUsers } from "../auth/roles";

export type NavItem = { text: string; to: string };

/** Main menu entries for a role ("Mon compte" and logout live in the header quick access). */
export function navigationFor(role: string | undefined): NavItem[] {
  if (!role) return [];
  const items: NavItem[] = [{ text: "Accueil", to: "/" }, { text: "Structures", to: "/structures" }];
  if (canManageUsers(role)) items.push({ text: "Utilisateurs", to: "/utilisateurs" });
  return items;
}

/** Whether a menu entry is the current page ("/" only matches itself). */
export function isNavItemActive(item: NavItem, pathname: string): boolean {
  if (item.to === "/") return pathname === "/";
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}

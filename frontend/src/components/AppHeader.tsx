import { Header, type HeaderProps } from "@codegouvfr/react-dsfr/Header";
import { headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { useLocation, useNavigate } from "react-router";
import { useAuth } from "../auth/AuthContext";
import { isNavItemActive, navigationFor } from "./navigation";

export const brandTop = (
  <>
    République
    <br />
    Française
  </>
);

export const homeLinkProps = { to: "/", title: "Accueil – Maillage – République Française" };

/** DSFR header: menu per role, "Mon compte", "Se déconnecter" and the display settings. */
export function AppHeader() {
  const { state, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const user = state.status === "authenticated" ? state.user : null;

  const onLogout = async () => {
    await logout();
    navigate("/connexion", { replace: true });
  };

  const quickAccessItems: HeaderProps.QuickAccessItem[] = user
    ? [
        { iconId: "fr-icon-account-circle-line", text: "Mon compte", linkProps: { to: "/mon-compte" } },
        {
          iconId: "fr-icon-logout-box-r-line",
          text: "Se déconnecter",
          buttonProps: { type: "button", onClick: () => void onLogout() },
        },
        headerFooterDisplayItem,
      ]
    : [headerFooterDisplayItem];

  const navigation = navigationFor(user?.role).map((item) => ({
    text: item.text,
    linkProps: { to: item.to },
    isActive: isNavItemActive(item, location.pathname),
  }));

  return (
    <Header
      brandTop={brandTop}
      homeLinkProps={homeLinkProps}
      serviceTitle="Maillage"
      serviceTagline="Pilotage du réseau France services"
      quickAccessItems={quickAccessItems}
      navigation={navigation.length > 0 ? navigation : undefined}
    />
  );
}

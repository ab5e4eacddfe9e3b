import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { Outlet } from "react-router";
import { AppHeader, brandTop, homeLinkProps } from "./AppHeader";

/** Page frame: skip links, DSFR header, main content, DSFR footer. */
export function Layout() {
  return (
    <>
      <SkipLinks
        links={[
          { label: "Contenu", anchor: "#contenu" },
          { label: "Pied de page", anchor: "#fr-footer" },
        ]}
      />
      <AppHeader />
      <main id="contenu" role="main" tabIndex={-1} className="fr-container fr-pb-7w">
        <Outlet />
      </main>
      <Footer
        id="fr-footer"
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        accessibility="non compliant"
        contentDescription="Maillage est l’outil des préfectures pour piloter le réseau France services de leur département : structures, labellisation, visites, partenaires et activité."
        bottomItems={[headerFooterDisplayItem]}
      />
    </>
  );
}

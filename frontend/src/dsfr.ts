import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { addDisplayTranslations } from "@codegouvfr/react-dsfr/Display";
import { Link } from "react-router";

declare module "@codegouvfr/react-dsfr/spa" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

/** Starts react-dsfr (French, colour scheme from the user's system) with react-router links. */
export function startDsfr() {
  // Typographic apostrophes in the display settings' French texts.
  addDisplayTranslations({
    lang: "fr",
    messages: {
      "display settings": "Paramètres d’affichage",
      "pick a theme": "Choisissez un thème pour personnaliser l’apparence du site.",
    },
  });
  startReactDsfr({ defaultColorScheme: "system", Link, useLang: () => "fr" });
}

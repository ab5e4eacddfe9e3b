import { CallOut } from "@codegouvfr/react-dsfr/CallOut";
import { Link } from "react-router";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { canManageUsers, roleLabel } from "../auth/roles";
import { describeTerritory } from "../components/territory";
import { usePageTitle } from "../components/usePageTitle";
import { useReferenceData } from "../components/useReferenceData";

/** Tableau de bord: who you are and your territory (figures come with later features). */
export function HomePage() {
  usePageTitle("Tableau de bord");
  const user = useCurrentUser();
  const refs = useReferenceData(useApi());
  return (
    <div className="fr-my-7w">
      <h1>Tableau de bord</h1>
      <p className="fr-text--lead">Bonjour {user.name}.</p>
      <CallOut title="Votre profil" titleAs="h2">
        Vous êtes connecté en tant que <strong>{roleLabel(user.role)}</strong>
        {user.partner_org ? <> ({user.partner_org})</> : null}.
        <br />
        Territoire : <strong data-testid="territory">{describeTerritory(user, refs)}</strong>
      </CallOut>
      <h2>Accès rapides</h2>
      <ul>
        <li><Link to="/structures">Structures</Link> : les France services de votre territoire, leur carte et leurs exports</li>
        <li><Link to="/mon-compte">Mon compte</Link> : vos informations et votre mot de passe</li>
        {canManageUsers(user.role) && (
          <li><Link to="/utilisateurs">Utilisateurs</Link> : les comptes de votre territoire</li>
        )}
      </ul>
      <p className="fr-text--sm">
        Les indicateurs du réseau France services (labellisation, visites, activité) apparaîtront ici au fur et à mesure de leur mise en service.
      </p>
    </div>
  );
}

import { Link } from "react-router";
import { usePageTitle } from "../components/usePageTitle";

export function NotFoundPage() {
  usePageTitle("Page non trouvée");
  return (
    <div className="fr-my-7w">
      <h1>Page non trouvée</h1>
      <p>La page que vous cherchez n’existe pas ou a été déplacée.</p>
      <Link to="/" className="fr-link">Retour à l’accueil</Link>
    </div>
  );
}

import { useApi, useCurrentUser } from "../auth/AuthContext";
import { roleLabel } from "../auth/roles";
import { ChangePasswordForm } from "../components/ChangePasswordForm";
import { describeTerritory } from "../components/territory";
import { usePageTitle } from "../components/usePageTitle";
import { useReferenceData } from "../components/useReferenceData";

/** Mon compte: the user's own information and the password change form. */
export function AccountPage() {
  usePageTitle("Mon compte");
  const user = useCurrentUser();
  const refs = useReferenceData(useApi());
  return (
    <div className="fr-my-7w">
      <h1>Mon compte</h1>
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="profile-title">
          <h2 id="profile-title">Mes informations</h2>
          <dl className="maillage-dl">
            <dt>Nom</dt>
            <dd>{user.name}</dd>
            <dt>Adresse e-mail</dt>
            <dd>{user.email}</dd>
            <dt>Rôle</dt>
            <dd>{roleLabel(user.role)}</dd>
            <dt>Territoire</dt>
            <dd>{describeTerritory(user, refs)}</dd>
            {user.partner_org && (
              <>
                <dt>Organisation partenaire</dt>
                <dd>{user.partner_org}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="fr-col-12 fr-col-md-6">
          <ChangePasswordForm />
        </section>
      </div>
    </div>
  );
}

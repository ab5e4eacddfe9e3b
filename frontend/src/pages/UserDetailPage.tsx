import { useCallback, useEffect, useState } from "react";
import { useLocation, useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { unwrap } from "../api/client";
import { headerParams, toUser, type User } from "../api/models";
import { ApiError, toApiError } from "../api/problem";
import { useApi } from "../auth/AuthContext";
import { roleLabel } from "../auth/roles";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { UserStatusBadge } from "../components/UserStatusBadge";
import { describeTerritory } from "../components/territory";
import { usePageTitle } from "../components/usePageTitle";
import { useReferenceData } from "../components/useReferenceData";

const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short" });
function formatDate(value: string | null | undefined): string {
  if (!value) return "Jamais";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** Fiche utilisateur: details and Désactiver / Réactiver (PATCH {active} with If-Match). */
export function UserDetailPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const client = useApi();
  const refs = useReferenceData(client);
  const [user, setUser] = useState<User | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? "L’utilisateur a été créé." : null,
  );
  const [busy, setBusy] = useState(false);
  usePageTitle(user ? user.name : "Utilisateur");

  const load = useCallback(async () => {
    try {
      setUser(toUser(await unwrap(client.api.GET("/users/{id}", { params: { path: { id } } }))));
      setLoadError(null);
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, [client, id]);

  useEffect(() => {
    void load();
  }, [load]);

  const setActive = async (active: boolean) => {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      const etag = client.etagFor(`/users/${id}`);
      const updated = toUser(await unwrap(client.api.PATCH("/users/{id}", {
        params: { path: { id }, header: headerParams(etag ? { "If-Match": etag } : {}) },
        body: { active },
      })));
      setUser(updated);
      setNotice(active ? "Le compte a été réactivé." : "Le compte a été désactivé. Ses sessions en cours ont été fermées.");
    } catch (err) {
      const apiError = toApiError(err);
      setActionError(apiError);
      if (apiError.status === 412 || apiError.status === 428) await load();
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <div className="fr-my-7w"><h1>Utilisateur</h1><ApiErrorAlert error={loadError} /></div>;
  if (!user) return <Loading />;

  return (
    <div className="fr-my-4w">
      <Breadcrumb
        currentPageLabel={user.name}
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Utilisateurs", linkProps: { to: "/utilisateurs" } }]}
      />
      <h1>{user.name} <UserStatusBadge active={user.active} /></h1>
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      <ApiErrorAlert error={actionError} />
      <dl className="maillage-dl">
        <dt>Adresse e-mail</dt>
        <dd>{user.email}</dd>
        <dt>Rôle</dt>
        <dd>{roleLabel(user.role)}</dd>
        <dt>Territoire</dt>
        <dd>{describeTerritory(user, refs)}</dd>
        {user.partner_org && (<><dt>Organisation partenaire</dt><dd>{user.partner_org}</dd></>)}
        <dt>Dernière connexion</dt>
        <dd>{formatDate(user.last_login_at)}</dd>
        <dt>Créé le</dt>
        <dd>{formatDate(user.created_at)}</dd>
      </dl>
      {user.active ? (
        <Button priority="secondary" iconId="fr-icon-close-circle-line" disabled={busy} onClick={() => void setActive(false)}>
          Désactiver le compte
        </Button>
      ) : (
        <Button iconId="fr-icon-check-line" disabled={busy} onClick={() => void setActive(true)}>
          Réactiver le compte
        </Button>
      )}
    </div>
  );
}

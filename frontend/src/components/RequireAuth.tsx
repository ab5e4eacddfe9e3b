import { Navigate, Outlet, useLocation } from "react-router";
import { useAuth } from "../auth/AuthContext";
import { Loading } from "./Loading";

/** Renders the child routes for a logged-in user, or sends to /connexion (and back afterwards). */
export function RequireAuth() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === "loading") return <Loading />;
  if (state.status === "anonymous") {
    const from = location.pathname + location.search;
    return <Navigate to="/connexion" replace state={{ from }} />;
  }
  return <Outlet />;
}

/** Renders the child routes only for the given roles; others get a "forbidden" notice. */
export function RequireRole({ roles }: { roles: readonly string[] }) {
  const { state } = useAuth();
  if (state.status !== "authenticated") return null;
  if (!roles.includes(state.user.role)) {
    return (
      <div className="fr-my-7w">
        <h1>Accès refusé</h1>
        <p>Votre rôle ne vous permet pas d’accéder à cette page.</p>
      </div>
    );
  }
  return <Outlet />;
}

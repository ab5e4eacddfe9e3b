import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { unwrap } from "../api/client";
import { toPage, toUser, type User } from "../api/models";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { isRole, roleLabel } from "../auth/roles";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { UserFilters, type UserFilterValues } from "../components/UserFilters";
import { UserStatusBadge } from "../components/UserStatusBadge";
import { shortTerritory } from "../components/userTerritory";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel, useReferenceData } from "../components/useReferenceData";

const PAGE_SIZE = 50;

function filtersFrom(params: URLSearchParams): UserFilterValues {
  return {
    departement: params.get("departement") ?? "",
    role: params.get("role") ?? "",
    active: params.get("active") ?? "",
    q: params.get("q") ?? "",
  };
}

function toParams(filters: UserFilterValues): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ""));
}

/** Utilisateurs: filterable list of the accounts of the caller's territory, cursor pagination. */
export function UsersPage() {
  usePageTitle("Utilisateurs");
  const client = useApi();
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  // cursors[i] is the cursor of page i (undefined for the first page).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [items, setItems] = useState<User[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    let cancelled = false;
    setItems(null);
    setError(null);
    const query = {
      departement: filters.departement || undefined,
      role: isRole(filters.role) ? filters.role : undefined,
      active: filters.active === "" ? undefined : filters.active === "true",
      q: filters.q || undefined,
      cursor,
      limit: PAGE_SIZE,
    };
    unwrap(client.api.GET("/users", { params: { query } }))
      .then((wire) => {
        if (cancelled) return;
        const page = toPage(wire, toUser);
        setItems(page.items);
        setNextCursor(page.next_cursor);
      })
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, filters, cursor]);

  const departementOptions = (me.role === "admin" ? refs?.departements.map((d) => d.code) ?? [] : me.departements)
    .map((code) => ({ code, label: departementLabel(code, refs) }));

  const onFilter = (value: UserFilterValues) => {
    setCursors([undefined]);
    setParams(toParams(value));
  };

  return (
    <div className="fr-my-7w">
      <div className="fr-grid-row fr-grid-row--middle fr-mb-3w" style={{ justifyContent: "space-between" }}>
        <h1 className="fr-mb-0">Utilisateurs</h1>
        <Button linkProps={{ to: "/utilisateurs/nouveau" }} iconId="fr-icon-user-add-line">
          Créer un utilisateur
        </Button>
      </div>
      <UserFilters key={params.toString()} value={filters} departementOptions={departementOptions} onChange={onFilter} />
      <ApiErrorAlert error={error} />
      {items === null && !error && <Loading label="Chargement des utilisateurs…" />}
      {items && items.length === 0 && <p role="status">Aucun utilisateur ne correspond à ces critères.</p>}
      {items && items.length > 0 && (
        <Table
          caption="Liste des utilisateurs"
          headers={["Nom", "Adresse e-mail", "Rôle", "Territoire", "Statut"]}
          data={items.map((u) => [
            <Link key="name" to={`/utilisateurs/${u.id}`}>{u.name}</Link>,
            u.email,
            roleLabel(u.role),
            shortTerritory(u),
            <UserStatusBadge key="status" active={u.active} />,
          ])}
        />
      )}
      {(cursors.length > 1 || nextCursor) && (
      <nav aria-label="Pagination" className="fr-mt-2w">
        <ul className="maillage-actions">
          {cursors.length > 1 && (
            <li>
              <Button priority="secondary" iconId="fr-icon-arrow-left-line" onClick={() => setCursors((c) => c.slice(0, -1))}>
                Précédent
              </Button>
            </li>
          )}
          {nextCursor && (
            <li>
              <Button priority="secondary" iconId="fr-icon-arrow-right-line" iconPosition="right" onClick={() => setCursors((c) => [...c, nextCursor])}>
                Suivant
              </Button>
            </li>
          )}
        </ul>
      </nav>
      )}
    </div>
  );
}

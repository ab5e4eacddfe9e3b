import { useEffect, useMemo, useState } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { unwrap } from "../api/client";
import { toStructureSummary, type StructureSummary } from "../api/registry";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { canManageRegistry, canSeeQuality } from "../auth/roles";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { ExportButtons } from "../components/registry/ExportButtons";
import { QualityBadges } from "../components/registry/QualityBadges";
import { StructureFilters } from "../components/registry/StructureFilters";
import { departementChoices } from "../components/territory";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel, useReferenceData } from "../components/useReferenceData";
import { filtersFromParams, filtersToParams, listQuery, type StructureFilterValues } from "../registry/filters";
import { carrierTypeLabel, formatLabel, labelStatusLabel } from "../registry/labels";

const PAGE_SIZE = 50;

function plural(n: number, one: string, many: string) {
  return `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;
}

/** Structures: the registry list of the caller's territory, filters, cursor pagination and exports. */
export function StructuresPage() {
  usePageTitle("Structures");
  const client = useApi();
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const [params, setParams] = useSearchParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [items, setItems] = useState<StructureSummary[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const cursor = cursors[cursors.length - 1];
  const choices = departementChoices(me, refs);
  const multiDepartement = me.role === "admin" || me.role === "region" || me.departements.length > 1;

  useEffect(() => {
    let cancelled = false;
    setItems(null);
    setError(null);
    unwrap(client.api.GET("/structures", { params: { query: listQuery(filters, cursor, PAGE_SIZE) } }))
      .then((page) => {
        if (cancelled) return;
        setItems((page.items ?? []).map(toStructureSummary));
        setNextCursor(page.next_cursor ?? null);
        // How many structures match the filters in all pages (absent from an older server: then the page says it).
        setTotal(typeof page.total === "number" ? page.total : null);
      })
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, filters, cursor]);

  const onFilter = (value: StructureFilterValues) => {
    setCursors([undefined]);
    setParams(filtersToParams(value));
  };

  const departementOptions = multiDepartement ? choices.map((code) => ({ code, label: departementLabel(code, refs) })) : [];
  const onlyPage = cursors.length === 1 && !nextCursor;
  const count = total ?? (items && onlyPage ? items.length : null);
  const mapLink = `/structures/carte${params.toString() ? `?${params.toString()}` : ""}`;

  return (
    <div className="fr-my-7w">
      <div className="fr-grid-row fr-grid-row--middle fr-mb-3w maillage-page-head">
        <h1 className="fr-mb-0">Structures France services</h1>
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mb-0">
          <li><Button priority="secondary" iconId="fr-icon-map-pin-2-line" linkProps={{ to: mapLink }}>Voir la carte</Button></li>
          {canSeeQuality(me.role) && (
            <li><Button priority="secondary" iconId="fr-icon-alert-line" linkProps={{ to: "/structures/qualite" }}>Qualité des données</Button></li>
          )}
          {canManageRegistry(me.role) && (
            <>
              <li><Button priority="secondary" iconId="fr-icon-upload-line" linkProps={{ to: "/structures/import" }}>Importer la liste ANCT</Button></li>
              <li><Button iconId="fr-icon-add-line" linkProps={{ to: "/structures/nouvelle" }}>Nouvelle structure</Button></li>
            </>
          )}
        </ul>
      </div>
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      <StructureFilters key={params.toString()} value={filters} departementOptions={departementOptions} onChange={onFilter} />
      <ExportButtons filters={filters} />
      <ApiErrorAlert error={error} />
      {items === null && !error && <Loading label="Chargement des structures…" />}
      {items && (
        <p role="status" className="fr-mb-2w" data-testid="structure-count">
          {count !== null
            ? plural(count, "structure", "structures")
            : `${plural(items.length, "structure", "structures")} sur cette page`}
          {count !== null && !onlyPage ? ` (page ${cursors.length})` : ""}
        </p>
      )}
      {items && items.length === 0 && <p>Aucune structure ne correspond à ces critères.</p>}
      {items && items.length > 0 && (
        <Table
          caption="Liste des structures"
          className="maillage-table"
          headers={[
            "Nom",
            ...(multiDepartement ? ["Département"] : []),
            "Commune",
            "Format",
            "Statut de label",
            "Type de porteur",
            "Alertes qualité",
          ]}
          data={items.map((s) => [
            <Link key="name" to={`/structures/${s.id}`}>{s.name}</Link>,
            ...(multiDepartement ? [s.departement_code] : []),
            s.commune_name || "—",
            formatLabel(s.format),
            labelStatusLabel(s.label_status),
            carrierTypeLabel(s.carrier_type),
            <QualityBadges key="quality" flags={s.quality_flags} />,
          ])}
        />
      )}
      {(cursors.length > 1 || nextCursor) && (
        <nav aria-label="Pagination" className="fr-mt-2w">
          <ul className="maillage-actions">
            {cursors.length > 1 && (
              <li>
                <Button priority="secondary" iconId="fr-icon-arrow-left-line" onClick={() => setCursors((c) => c.slice(0, -1))}>
                  Page précédente
                </Button>
              </li>
            )}
            {nextCursor && (
              <li>
                <Button priority="secondary" iconId="fr-icon-arrow-right-line" iconPosition="right"
                  onClick={() => setCursors((c) => [...c, nextCursor])}>
                  Page suivante
                </Button>
              </li>
            )}
          </ul>
        </nav>
      )}
    </div>
  );
}

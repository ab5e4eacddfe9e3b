import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { ToggleSwitch } from "@codegouvfr/react-dsfr/ToggleSwitch";
import { getPipeline, type PipelineColumn } from "../api/labelling";
import { ApiError, toApiError } from "../api/problem";
import { useApi } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { DepartementSelect, useDepartementParam } from "../components/labelling/DepartementSelect";
import { LabellingNav } from "../components/labelling/LabellingNav";
import "../components/labelling/labelling.css";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel } from "../components/useReferenceData";
import { formatText, plural, stateLabel, stateSeverity } from "../labelling/labels";
import { formatDate } from "../registry/labels";

/** One column of the board: the state, its count and a card per structure. */
function BoardColumn({ column }: { column: PipelineColumn }) {
  const title = stateLabel(column.state, column.label);
  const id = `board-${column.state}`;
  return (
    <li className={`maillage-board__column maillage-board__column--${column.state}`}>
      <section aria-labelledby={id}>
        <h2 id={id} className="fr-h6 fr-mb-2w">
          <span>{title}</span>
          <Badge as="span" small noIcon severity={stateSeverity(column.state)}>{plural(column.count, "structure")}</Badge>
        </h2>
        {column.items.length === 0 ? <p className="fr-text--sm maillage-muted fr-mb-0">Aucune structure.</p> : (
          <ul className="maillage-board__cards" aria-label={`Structures : ${title}`} tabIndex={column.items.length > 5 ? 0 : undefined}>
            {column.items.map((item) => (
              <li key={item.structure_id} className="maillage-board__card">
                <p className="fr-text--bold"><Link to={`/structures/${item.structure_id}?onglet=labellisation`}>{item.name}</Link></p>
                <p className="fr-text--sm">{[item.commune, formatText(item.format)].filter(Boolean).join(" — ")}</p>
                {item.since && <p className="fr-text--xs maillage-muted">Depuis le {formatDate(item.since)}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </li>
  );
}

/** Suivi des candidatures: the département's structures by label state (GET /departements/{code}/label-pipeline). */
export function LabellingPage() {
  usePageTitle("Suivi des candidatures au label");
  const client = useApi();
  const { refs, choices, departement, choose } = useDepartementParam(client);
  const [columns, setColumns] = useState<PipelineColumn[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [hideEmpty, setHideEmpty] = useState(false);

  useEffect(() => {
    if (!departement) return;
    let cancelled = false;
    setColumns(null);
    setError(null);
    getPipeline(client, departement)
      .then((c) => !cancelled && setColumns(c))
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, departement]);

  const total = columns?.reduce((n, c) => n + c.count, 0) ?? 0;
  const shown = (columns ?? []).filter((c) => !hideEmpty || c.count > 0);

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Suivi des candidatures" homeLinkProps={{ to: "/" }} segments={[]} />
      <h1>Suivi des candidatures au label</h1>
      <LabellingNav current="board" departement={departement} />
      <DepartementSelect choices={choices} value={departement} onChange={choose} refs={refs} />
      <ApiErrorAlert error={error} />
      {!departement && refs && <p>Aucun département dans votre territoire.</p>}
      {departement && !columns && !error && <Loading label="Chargement du suivi des candidatures…" />}
      {columns && (
        <>
          <p role="status" data-testid="pipeline-total">
            {departementLabel(departement, refs)} : {plural(total, "structure")}, dont{" "}
            {plural(columns.find((c) => c.state === "labellise")?.count ?? 0, "labellisée")}.
          </p>
          <ToggleSwitch label="Masquer les états sans structure" checked={hideEmpty} onChange={setHideEmpty} showCheckedHint={false} className="fr-mb-2w" />
          <ul className="maillage-board" aria-label="Structures par état du label">
            {shown.map((c) => <BoardColumn key={c.state} column={c} />)}
          </ul>
        </>
      )}
    </div>
  );
}

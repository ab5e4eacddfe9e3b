import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link } from "react-router";
import { formatDate, isPlannable, planStateOf } from "../../visits/labels";

import type { PlanCellData } from "../../api/visits";

type Props = {
  cell: PlanCellData;
  structureName: string;
  /** Link to the planning form for a missing/à venir cell; null when the caller cannot plan. */
  planHref: string | null;
};

/** One cell of the visit plan: a badge with the state in words, the visit's date, and a link when there is one. */
export function PlanCell({ cell, structureName, planHref }: Props) {
  const { label, severity } = planStateOf(cell.state);
  const badge = <Badge as="span" small noIcon severity={severity}>{label}</Badge>;
  const quarter = `T${cell.quarter}`;
  return (
    <>
      {badge}
      {cell.date && <span className="fr-text--xs fr-mb-0 maillage-block">{formatDate(cell.date)}</span>}
      {cell.visit_id && (
        <Link className="fr-link fr-text--sm maillage-block" to={`/visites/${cell.visit_id}`}
          aria-label={`Voir la visite ${quarter} de ${structureName}`}>Voir</Link>
      )}
      {!cell.visit_id && planHref && isPlannable(cell.state) && (
        <Link className="fr-link fr-text--sm maillage-block" to={planHref}
          aria-label={`Planifier la visite ${quarter} de ${structureName}`}>Planifier</Link>
      )}
    </>
  );
}

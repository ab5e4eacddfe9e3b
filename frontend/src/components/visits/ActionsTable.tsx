import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link } from "react-router";
import type { Action } from "../../api/visits";
import { ACTION_STATUSES, OWNER_TYPES, formatDate, label } from "../../visits/labels";

type Props = { actions: Action[]; caption: string; showStructure?: boolean; showVisit?: boolean };

/** Actions with their owner, due date and status (overdue ones say by how many days). */
export function ActionsTable({ actions, caption, showStructure = false, showVisit = false }: Props) {
  return (
    <div className="fr-table maillage-table maillage-actions">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption className="fr-sr-only">{caption}</caption>
              <thead>
                <tr>
                  {showStructure && <th scope="col">Structure</th>}
                  <th scope="col">Action</th>
                  <th scope="col">Porteur</th>
                  <th scope="col">Échéance</th>
                  <th scope="col">Statut</th>
                  {showVisit && <th scope="col">Visite</th>}
                </tr>
              </thead>
              <tbody>
                {actions.map((a) => (
                  <tr key={a.id}>
                    {showStructure && <td><Link to={`/structures/${a.structure.id}?onglet=visites`}>{a.structure.name}</Link></td>}
                    <td>{a.description}</td>
                    <td>{[label(OWNER_TYPES, a.owner_type), a.owner_label].filter(Boolean).join(" – ")}</td>
                    <td>{formatDate(a.due_date)}</td>
                    <td>
                      <ul className="fr-badges-group">
                        <li><Badge as="span" small noIcon severity={a.status === "close" ? "success" : "info"}>{label(ACTION_STATUSES, a.status)}</Badge></li>
                        {a.overdue && <li><Badge as="span" small noIcon severity="error">En retard de {a.days_overdue} jour{a.days_overdue > 1 ? "s" : ""}</Badge></li>}
                      </ul>
                    </td>
                    {showVisit && <td><Link to={`/visites/${a.visit_id}`}>Voir la visite</Link></td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

import { Link } from "react-router";
import { useCurrentUser } from "../../auth/AuthContext";
import { canReadPlan, canWriteVisits } from "../../visits/labels";

type Current = "plan" | "mine" | "overdue" | "new";

/** Links between the visits screens the role may open. */
export function VisitsNav({ current }: { current: Current }) {
  const me = useCurrentUser();
  const links: { key: Current; to: string; text: string }[] = [];
  if (canReadPlan(me.role)) links.push({ key: "plan", to: "/visites/plan", text: "Plan des visites" });
  links.push({ key: "mine", to: "/visites", text: "Mes visites" });
  if (canReadPlan(me.role)) links.push({ key: "overdue", to: "/visites/actions-en-retard", text: "Actions en retard" });
  if (canWriteVisits(me.role)) links.push({ key: "new", to: "/visites/nouvelle", text: "Planifier une visite" });
  return (
    <nav aria-label="Visites" className="fr-mb-3w">
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        {links.map((l) => (
          <li key={l.key}>
            <Link className={`fr-btn fr-btn--sm ${l.key === current ? "" : "fr-btn--secondary"}`} to={l.to}
              aria-current={l.key === current ? "page" : undefined}>{l.text}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

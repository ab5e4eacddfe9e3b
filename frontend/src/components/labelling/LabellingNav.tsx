import { Link } from "react-router";

type Current = "board" | "targets";

/** Links between the two département screens of the labelling (the département choice is kept). */
export function LabellingNav({ current, departement }: { current: Current; departement: string }) {
  const query = departement ? `?departement=${encodeURIComponent(departement)}` : "";
  const links: { key: Current; to: string; text: string }[] = [
    { key: "board", to: `/labellisation${query}`, text: "Suivi des candidatures" },
    { key: "targets", to: `/objectifs${query}`, text: "Objectifs et progression" },
  ];
  return (
    <nav aria-label="Labellisation" className="fr-mb-3w">
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

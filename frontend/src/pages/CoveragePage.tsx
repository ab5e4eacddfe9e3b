import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { partnersApi, type Coverage } from "../api/partners";
import { ApiError, toApiError } from "../api/problem";
import { useApi } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import "../components/partners/partners.css";
import { useDepartementParam } from "../components/partners/useDepartementParam";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel } from "../components/useReferenceData";
import { coverageView, type ViewCell } from "../partners/coverage";
import { partnerHref, today } from "../partners/labels";
import { formatDate } from "../registry/labels";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One cell: its state in words with an icon (never colour alone), and the full sentence as title. */
function Cell({ cell }: { cell: ViewCell }) {
  return (
    <td className={cell.covered ? "maillage-covered" : "maillage-gap"} title={cell.title}>
      <span className={cell.covered ? "fr-icon-check-line fr-icon--sm" : "fr-icon-warning-line fr-icon--sm"} aria-hidden="true" /> {cell.text}
      <span className="fr-sr-only">{` — ${cell.operatorName}`}</span>
    </td>
  );
}

/** Couverture du socle: structures × operators of the socle at a date, gaps highlighted, totals per operator. */
export function CoveragePage() {
  usePageTitle("Couverture du socle des partenaires");
  const client = useApi();
  const { departement, refs, params, setParam, picker } = useDepartementParam();
  const requestedDate = params.get("date") ?? "";
  const at = DATE.test(requestedDate) ? requestedDate : today();
  const gapsOnly = params.get("lacunes") === "1";
  const [data, setData] = useState<Coverage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!departement) return;
    let cancelled = false;
    setData(null);
    setError(null);
    partnersApi.coverage(client, departement, at)
      .then((c) => !cancelled && setData(c))
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, departement, at]);

  const view = useMemo(() => (data ? coverageView(data, { gapsOnly }) : null), [data, gapsOnly]);

  return (
    <div className="fr-my-4w">
      <h1>Couverture du socle des partenaires</h1>
      <p>
        Pour chaque structure, les opérateurs du socle en vigueur à la date choisie : couverts par un référent (du département ou de
        la structure) ou une permanence, sinon signalés comme lacune.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters maillage-filters">
        {picker && <div className="fr-col-12 fr-col-md-4">{picker}</div>}
        <div className="fr-col-12 fr-col-md-3">
          <Input label="Date" hintText="Le socle en vigueur à cette date" nativeInputProps={{
            type: "date", value: at, onChange: (e) => DATE.test(e.target.value) && setParam("date", e.target.value === today() ? "" : e.target.value),
          }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Checkbox options={[{ label: "Seulement les lacunes", hintText: "Les structures où un opérateur n’est pas couvert",
            nativeInputProps: { checked: gapsOnly, onChange: (e) => setParam("lacunes", e.target.checked ? "1" : "") } }]} />
        </div>
      </div>
      <ApiErrorAlert error={error} />
      {!departement && refs && <p>Aucun département dans votre territoire.</p>}
      {departement && !view && !error && <Loading label="Calcul de la couverture…" />}
      {view && (
        <>
          <ul className="maillage-stats" aria-label="Synthèse">
            <li className="maillage-stat maillage-stat--info"><span className="maillage-stat__value">{view.structures}</span>structures</li>
            <li className="maillage-stat maillage-stat--success"><span className="maillage-stat__value">{view.fullyCovered}</span>entièrement couvertes</li>
            <li className="maillage-stat maillage-stat--error"><span className="maillage-stat__value">{view.gaps}</span>{view.gaps > 1 ? "lacunes" : "lacune"}</li>
          </ul>
          {view.rows.length === 0 ? (
            <p role="status">{gapsOnly ? "Aucune lacune : chaque structure couvre tout le socle à cette date." : "Aucune structure dans ce département."}</p>
          ) : (
            <div className="fr-table fr-table--bordered fr-table--sm maillage-table maillage-coverage">
              <div className="fr-table__wrapper"><div className="fr-table__container" tabIndex={0} role="region" aria-label="Matrice de couverture"><div className="fr-table__content">
                <table>
                  <caption>
                    {`Couverture au ${formatDate(at)} — ${departementLabel(departement, refs)} : ${view.rows.length} structure${view.rows.length > 1 ? "s" : ""}${gapsOnly ? " avec au moins une lacune" : ""}, ${view.operators.length} opérateurs du socle`}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Structure</th>
                      {view.operators.map((op) => (
                        <th key={op.code} scope="col">
                          <Link to={partnerHref("operator", op.code, departement)} title={op.name}>{op.short_name}</Link>
                        </th>
                      ))}
                      <th scope="col">Lacunes</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.rows.map((row) => (
                      <tr key={row.structure_id}>
                        <th scope="row"><Link to={`/structures/${row.structure_id}?onglet=permanences`}>{row.structure_name}</Link></th>
                        {row.cells.map((cell) => <Cell key={cell.operator} cell={cell} />)}
                        <td>{row.missing}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{`Structures couvertes (sur ${view.structures})`}</th>
                      {view.totals.map((t) => <td key={t.code} title={`${t.name} : ${t.covered} structure(s) couverte(s), ${t.gaps} lacune(s)`}>{t.covered}</td>)}
                      <td>{view.gaps}</td>
                    </tr>
                  </tfoot>
                </table>
              </div></div></div>
            </div>
          )}
        </>
      )}
    </div>
  );
}

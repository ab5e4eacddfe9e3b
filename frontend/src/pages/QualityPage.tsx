import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../api/client";
import { ApiError, toApiError } from "../api/problem";
import { toQualitySummary, type QualitySummary } from "../api/registry";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { departementChoices } from "../components/territory";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel, useReferenceData } from "../components/useReferenceData";

/** Qualité des données: per flag, its count and the structures concerned (GET /departements/{code}/quality). */
export function QualityPage() {
  usePageTitle("Qualité des données");
  const client = useApi();
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const [params, setParams] = useSearchParams();
  const choices = departementChoices(me, refs);
  const requested = params.get("departement") ?? "";
  const [populated, setPopulated] = useState<string | null>(null);
  const [summary, setSummary] = useState<QualitySummary | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const several = choices.length > 1;

  // With several départements, start on one that holds structures (that of the first structure in the list).
  useEffect(() => {
    if (!several || requested) return;
    let cancelled = false;
    unwrap(client.api.GET("/structures", { params: { query: { limit: 1 } } }))
      .then((page) => !cancelled && setPopulated(page.items?.[0]?.departement_code ?? ""))
      .catch(() => !cancelled && setPopulated(""));
    return () => {
      cancelled = true;
    };
  }, [client, several, requested]);

  let departement = "";
  if (choices.includes(requested)) departement = requested;
  else if (!several) departement = choices[0] ?? "";
  else if (populated !== null) departement = choices.includes(populated) ? populated : choices[0];
  const choosing = several && !departement;

  useEffect(() => {
    if (!departement) return;
    let cancelled = false;
    setSummary(null);
    setError(null);
    unwrap(client.api.GET("/departements/{code}/quality", { params: { path: { code: departement } } }))
      .then((q) => !cancelled && setSummary(toQualitySummary(q)))
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, departement]);

  const flagged = summary?.flags.reduce((n, f) => n + f.count, 0) ?? 0;

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Qualité des données" homeLinkProps={{ to: "/" }}
        segments={[{ label: "Structures", linkProps: { to: "/structures" } }]} />
      <h1>Qualité des données</h1>
      {choices.length > 1 && (
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Département" nativeSelectProps={{ value: departement, onChange: (e) => setParams({ departement: e.target.value }) }}>
            {choices.map((code) => <option key={code} value={code}>{departementLabel(code, refs)}</option>)}
          </Select>
        </div>
      )}
      <ApiErrorAlert error={error} />
      {!departement && refs && !choosing && <p>Aucun département dans votre territoire.</p>}
      {choosing && <Loading label="Chargement du rapport de qualité…" />}
      {departement && !summary && !error && <Loading label="Chargement du rapport de qualité…" />}
      {summary && (
        <>
          <p role="status">
            {departementLabel(summary.departement_code, refs)} : {summary.structures} structure{summary.structures > 1 ? "s" : ""},
            {" "}{flagged === 0 ? "aucune alerte." : `${flagged} alerte${flagged > 1 ? "s" : ""}.`}
          </p>
          {summary.flags.map((flag) => (
            <section key={flag.code} aria-labelledby={`flag-${flag.code}`} className="fr-mb-4w">
              <h2 id={`flag-${flag.code}`} className="fr-h4">
                {flag.label} <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--warning">{flag.count}</span>
              </h2>
              {flag.structures.length === 0 ? <p>Aucune structure concernée.</p> : (
                <>
                  <ul>
                    {flag.structures.map((s) => (
                      <li key={s.id}>
                        <Link to={`/structures/${s.id}`}>{s.name}</Link>{s.commune_name ? ` – ${s.commune_name}` : ""}
                      </li>
                    ))}
                  </ul>
                  <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
                    to={`/structures?departement=${summary.departement_code}&quality=${flag.code}`}>
                    Voir ces structures dans la liste
                  </Link>
                </>
              )}
            </section>
          ))}
        </>
      )}
    </div>
  );
}

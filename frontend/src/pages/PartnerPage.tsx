import { useCallback, useEffect, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { partnersApi, type PartnerKind, type PartnerPageData, type Permanence } from "../api/partners";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { ReferentsSection } from "../components/partners/ReferentsSection";
import { useStructureNames } from "../components/useStructureNames";
import { usePageTitle } from "../components/usePageTitle";
import { departementChoices } from "../components/territory";
import { departementLabel, useReferenceData } from "../components/useReferenceData";
import { canWriteForPartner } from "../partners/access";
import { localPartnerTypeLabel, MODALITY_LABELS, partnerKindLabel } from "../partners/labels";
import { PermanenceHours } from "../components/partners/PermanenceHours";

function PermanencesTable({ permanences, names, partnerName }: { permanences: Permanence[]; names: Map<string, string>; partnerName: string }) {
  if (permanences.length === 0) return <p>{`${partnerName} ne tient aucune permanence dans les structures de ce département.`}</p>;
  const name = (p: Permanence) => p.structure_name || names.get(p.structure_id) || "Structure";
  return (
    <div className="fr-table fr-table--sm fr-table--multiline">
      <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
        <table>
          <caption>{`Permanences de ${partnerName} (${permanences.length})`}</caption>
          <thead><tr><th scope="col">Structure</th><th scope="col">Modalité</th><th scope="col">Horaires</th><th scope="col">Prise de rendez-vous</th></tr></thead>
          <tbody>
            {[...permanences].sort((a, b) => name(a).localeCompare(name(b), "fr")).map((p) => (
              <tr key={p.id}>
                <th scope="row"><Link to={`/structures/${p.structure_id}?onglet=permanences`}>{name(p)}</Link></th>
                <td>{MODALITY_LABELS[p.modality]}</td>
                <td>
                  <PermanenceHours permanence={p} />
                  {p.public_note && <span className="maillage-block fr-text--xs fr-mb-0">{p.public_note}</span>}
                </td>
                <td>{p.booking_url
                  ? <a className="fr-link fr-text--sm" href={p.booking_url} target="_blank" rel="noreferrer" title={`Prendre rendez-vous : ${name(p)} (nouvelle fenêtre)`}>Prendre rendez-vous</a>
                  : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div></div></div>
    </div>
  );
}

/** Page d’un partenaire dans un département: its referents (editable) and its permanences across structures. */
export function PartnerPage() {
  const { kind: rawKind = "", id = "" } = useParams();
  const [params] = useSearchParams();
  const client = useApi();
  const me = useCurrentUser();
  const refs = useReferenceData(client);
  const choices = departementChoices(me, refs);
  const requested = params.get("departement") ?? "";
  const departement = requested || choices[0] || "";
  const kind: PartnerKind = rawKind === "local" ? "local" : "operator";
  const [data, setData] = useState<PartnerPageData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const names = useStructureNames(client, departement);
  usePageTitle(data?.partner.name || "Partenaire");

  const load = useCallback(async () => {
    if (!departement) return;
    try {
      setData(await partnersApi.partner(client, kind, id, departement));
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }, [client, kind, id, departement]);

  useEffect(() => {
    void load();
  }, [load]);

  const crumbs = [{ label: "Partenaires", linkProps: { to: `/partenaires?departement=${departement}` } }];
  if (error) return <div className="fr-my-4w"><h1>Partenaire</h1><ApiErrorAlert error={error} /></div>;
  if (!data) return <Loading />;
  const partner = data.partner;
  const name = partner.name || id;

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel={name} homeLinkProps={{ to: "/" }} segments={crumbs} />
      <h1 className="fr-mb-1w">{name}</h1>
      <ul className="fr-badges-group fr-mb-3w">
        <li><Badge as="span" severity="info" noIcon>{partnerKindLabel(kind)}</Badge></li>
        {kind === "local" && partner.type && <li><Badge as="span" noIcon>{localPartnerTypeLabel(partner.type, partner.type_label)}</Badge></li>}
        <li><Badge as="span" noIcon>{departementLabel(departement, refs)}</Badge></li>
      </ul>
      <ReferentsSection partner={{ kind, id, name }} departement={departement} referents={data.referents} structures={names}
        editable={canWriteForPartner(me, id)} onChanged={load} />
      <section aria-labelledby="permanences-title">
        <h2 id="permanences-title" className="fr-h4">Permanences dans les structures</h2>
        <p className="fr-text--sm">Les permanences se créent et se modifient depuis l’onglet « Permanences » de chaque structure.</p>
        <PermanencesTable permanences={data.permanences} names={names} partnerName={name} />
      </section>
    </div>
  );
}

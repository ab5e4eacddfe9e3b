import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { unwrap } from "../../api/client";
import { partnersApi, type LocalPartner, type Operator, type Permanence, type PermanenceBody } from "../../api/partners";
import { ApiError, toApiError } from "../../api/problem";
import type { Structure } from "../../api/registry";
import { useApi, useCurrentUser } from "../../auth/AuthContext";
import { canWriteForPartner, canWritePermanences } from "../../partners/access";
import { MODALITY_LABELS, partnerHref, today } from "../../partners/labels";
import { emptyDraft, fromPermanence, partnerOptions } from "../../partners/permanenceForm";
import { ApiErrorAlert } from "../ApiErrorAlert";
import type { StopOption } from "../hours/WeekGrid";
import { Loading } from "../Loading";
import { PermanenceForm } from "./PermanenceForm";
import { PermanenceHours } from "./PermanenceHours";
import { useListEditor } from "../useListEditor";
import "./partners.css";

type Partners = { operators: Operator[]; locals: LocalPartner[] };

/** The partners a permanence can be given to, and the stops of an itinerant structure. */
function usePermanenceOptions(structure: Structure) {
  const client = useApi();
  const [partners, setPartners] = useState<Partners>({ operators: [], locals: [] });
  const [stops, setStops] = useState<StopOption[]>([]);
  useEffect(() => {
    partnersApi.operators(client, today()).then((o) => setPartners((p) => ({ ...p, operators: o.items.filter((x) => x.in_socle) }))).catch(() => undefined);
    partnersApi.localPartners(client, structure.departement_code).then((locals) => setPartners((p) => ({ ...p, locals }))).catch(() => undefined);
  }, [client, structure.departement_code]);
  useEffect(() => {
    if (structure.format !== "itinerant") return;
    unwrap(client.api.GET("/structures/{id}/stops", { params: { path: { id: structure.id } } }))
      .then((page) => setStops((page.items ?? []).sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
        .map((s) => ({ id: s.id ?? "", label: [s.label, s.commune_name].filter(Boolean).join(" — ") || "Arrêt" }))))
      .catch(() => setStops([]));
  }, [client, structure.id, structure.format]);
  return { partners, stops };
}

/** Onglet Permanences: the partners' permanences at the structure, their editor and removal (ADR 0008). */
export function PermanencesTab({ structure }: { structure: Structure }) {
  const client = useApi();
  const me = useCurrentUser();
  const [items, setItems] = useState<Permanence[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const { partners, stops } = usePermanenceOptions(structure);

  const load = useCallback(async () => {
    try {
      setItems((await partnersApi.permanences(client, structure.id)).sort((a, b) => a.partner_name.localeCompare(b.partner_name, "fr")));
      setLoadError(null);
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, [client, structure.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const { editing, setEditing, confirming, setConfirming, error, setError, notice, setNotice, busy, run } =
    useListEditor<Permanence>(load);

  const save = (body: PermanenceBody) => editing === "new"
    ? run(() => partnersApi.createPermanence(client, structure.id, body), "La permanence a été ajoutée.")
    : editing && run(() => partnersApi.updatePermanence(client, editing, body), "La permanence a été modifiée.");

  if (loadError) return <ApiErrorAlert error={loadError} />;
  if (!items) return <Loading />;

  const current = editing && editing !== "new" ? { kind: editing.partner_kind, id: editing.partner_id, name: editing.partner_name } : undefined;
  const options = partnerOptions(partners.operators, partners.locals, me, current);
  const stopName = (id: string | null) => stops.find((s) => s.id === id)?.label;

  return (
    <>
      <h3 className="fr-h5">Permanences des partenaires</h3>
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      {!editing && <ApiErrorAlert error={error} />}
      {items.length === 0 ? <p>Aucune permanence de partenaire n’est enregistrée dans cette structure.</p> : (
        <ul className="maillage-cards" aria-label="Permanences de la structure">
          {items.map((p) => {
            const writable = canWriteForPartner(me, p.partner_id);
            return (
              <li key={p.id} className="maillage-box fr-p-2w fr-mb-2w">
                <h4 className="fr-h6 fr-mb-1w">
                  <Link to={partnerHref(p.partner_kind, p.partner_id, structure.departement_code)}>{p.partner_name || p.partner_id}</Link>
                </h4>
                <ul className="fr-badges-group fr-mb-1w">
                  <li><Badge as="span" small severity="info" noIcon>{MODALITY_LABELS[p.modality]}</Badge></li>
                  {p.stop_id && <li><Badge as="span" small noIcon>{`Arrêt : ${stopName(p.stop_id) ?? "arrêt de la tournée"}`}</Badge></li>}
                </ul>
                <p className="fr-mb-1w"><PermanenceHours permanence={p} /></p>
                {p.public_note && <p className="fr-text--sm fr-mb-1w">{`Information au public : ${p.public_note}`}</p>}
                {p.internal_note && <p className="fr-text--sm fr-mb-1w">{`Note interne : ${p.internal_note}`}</p>}
                {p.booking_url && (
                  <p className="fr-text--sm fr-mb-1w">
                    <a className="fr-link" href={p.booking_url} target="_blank" rel="noreferrer" title={`Prendre rendez-vous avec ${p.partner_name} (nouvelle fenêtre)`}>Prendre rendez-vous</a>
                  </p>
                )}
                {writable && (
                  <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mb-0">
                    <li><Button type="button" size="small" priority="secondary" title={`Modifier la permanence de ${p.partner_name}`}
                      onClick={() => { setError(null); setNotice(""); setEditing(p); }}>Modifier</Button></li>
                    <li>
                      {confirming === p.id ? (
                        <Button type="button" size="small" disabled={busy} title={`Confirmer la suppression de la permanence de ${p.partner_name}`}
                          onClick={() => void run(() => partnersApi.deletePermanence(client, p), "La permanence a été supprimée.")}>Confirmer la suppression</Button>
                      ) : (
                        <Button type="button" size="small" priority="tertiary" title={`Supprimer la permanence de ${p.partner_name}`} onClick={() => setConfirming(p.id)}>Supprimer</Button>
                      )}
                    </li>
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canWritePermanences(me) && !editing && options.length > 0 && (
        <Button type="button" iconId="fr-icon-add-line" onClick={() => { setError(null); setNotice(""); setEditing("new"); }}>Ajouter une permanence</Button>
      )}
      {editing && (
        <PermanenceForm key={editing === "new" ? "new" : editing.id}
          title={editing === "new" ? "Nouvelle permanence" : `Modifier la permanence de ${editing.partner_name}`} partnerLocked={editing !== "new"}
          initial={editing === "new" ? emptyDraft(options.length === 1 ? options[0].key : "") : fromPermanence(editing)}
          partners={options} stops={stops} error={error} busy={busy}
          onSubmit={(body) => void save(body)} onCancel={() => { setEditing(null); setError(null); }} />
      )}
    </>
  );
}

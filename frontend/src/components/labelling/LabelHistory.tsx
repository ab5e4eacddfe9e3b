import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { HistoryEntry } from "../../api/labelling";
import { complianceStatusLabel, stateLabel } from "../../labelling/labels";
import { derogationCriterionLabel } from "../../labelling/transitions";
import { formatDate, formatDateTime } from "../../registry/labels";
import "./labelling.css";

const COMPLIANCE_SEVERITY: Record<string, "success" | "warning" | "error" | undefined> = { ok: "success", warning: "warning", failure: "error" };

/** The label's history, most recent first: date, from → to, actor, reason, wave, derogations, compliance snapshot. */
export function LabelHistory({ history }: { history: HistoryEntry[] }) {
  const entries = [...history].sort((a, b) => b.at.localeCompare(a.at));
  if (entries.length === 0) return <p>Aucune décision enregistrée pour l’instant.</p>;
  return (
    <ol className="maillage-timeline" aria-label="Historique du label">
      {entries.map((h) => (
        <li key={h.id}>
          <p className="fr-text--sm fr-mb-1v maillage-muted"><time dateTime={h.at}>{formatDateTime(h.at)}</time>{h.actor_label && ` — ${h.actor_label}`}</p>
          <p className="fr-mb-1v">
            <strong>{h.from ? `${stateLabel(h.from)} → ${stateLabel(h.to)}` : stateLabel(h.to)}</strong>
            {" "}
            <Badge as="span" small noIcon severity={COMPLIANCE_SEVERITY[h.compliance_status]}>
              Conformité : {complianceStatusLabel(h.compliance_status).toLowerCase()}
            </Badge>
          </p>
          {h.reason && <p className="fr-mb-1v">Motif : {h.reason}</p>}
          {h.wave && <p className="fr-mb-1v">Vague : {h.wave.name} ({formatDate(h.wave.date)})</p>}
          {h.derogations.length > 0 && (
            <>
              <p className="fr-mb-1v">Dérogations accordées :</p>
              <ul className="fr-mb-1v">
                {h.derogations.map((d, i) => (
                  <li key={i}>{derogationCriterionLabel(d.criterion)} jusqu’au {formatDate(d.until)} : {d.justification}</li>
                ))}
              </ul>
            </>
          )}
          {h.document_ids.length > 0 && <p className="fr-text--sm fr-mb-0">{h.document_ids.length} pièce{h.document_ids.length > 1 ? "s" : ""} jointe{h.document_ids.length > 1 ? "s" : ""}</p>}
        </li>
      ))}
    </ol>
  );
}

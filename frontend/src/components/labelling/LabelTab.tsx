import { useState } from "react";
import { useSearchParams } from "react-router";
import { SegmentedControl } from "@codegouvfr/react-dsfr/SegmentedControl";
import type { Structure } from "../../api/registry";
import { useCurrentUser } from "../../auth/AuthContext";
import { canWriteAudit, canWriteCandidature, isCandidatureLocked } from "../../labelling/labels";
import { AuditPanel } from "./AuditPanel";
import { CandidaturePanel } from "./CandidaturePanel";
import { LabelStatusPanel } from "./LabelStatusPanel";

const VIEWS = [
  { id: "suivi", label: "Suivi du label" },
  { id: "candidature", label: "Dossier de candidature" },
  { id: "audit", label: "Audit qualité" },
] as const;
type View = (typeof VIEWS)[number]["id"];

type Props = { structure: Structure; editable: boolean; onStateChange?: () => void };

/** Onglet Labellisation: the label's situation and history, the candidature file, the quality audit (ADR 0007). */
export function LabelTab({ structure, editable, onStateChange }: Props) {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const requested = params.get("volet");
  // Local state first: a controlled radio must change at once (the URL follows in a router transition).
  const [view, setView] = useState<View>(VIEWS.some((v) => v.id === requested) ? (requested as View) : "suivi");
  const choose = (next: View) => {
    setView(next);
    const p = new URLSearchParams(params);
    if (next === "suivi") p.delete("volet");
    else p.set("volet", next);
    setParams(p, { replace: true });
  };
  const segment = (v: (typeof VIEWS)[number]) => ({
    label: v.label,
    nativeInputProps: { value: v.id, checked: view === v.id, onChange: () => choose(v.id) },
  });
  return (
    <>
      <SegmentedControl className="fr-mb-4w" legend="Volet de la labellisation" hideLegend name="volet-labellisation"
        segments={[segment(VIEWS[0]), segment(VIEWS[1]), segment(VIEWS[2])]} />
      {view === "suivi" && (
        <LabelStatusPanel structureId={structure.id} departement={structure.departement_code} onChange={() => onStateChange?.()} />
      )}
      {view === "candidature" && (
        <CandidaturePanel structure={structure} writer={editable && canWriteCandidature(me.role)}
          locked={isCandidatureLocked(structure.label_status)} />
      )}
      {view === "audit" && <AuditPanel structureId={structure.id} editable={canWriteAudit(me.role)} />}
    </>
  );
}

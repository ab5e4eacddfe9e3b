import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { Schemas } from "../../api/client";
import type { StopOption } from "./WeekGrid";

type Props = { items: Schemas["StopHoursRaw"][]; stops: StopOption[] };

/** A bus's stop hours as published in the imported file; those the import could not read are to be entered by hand. */
export function StopHoursRaw({ items, stops }: Props) {
  if (items.length === 0) return null;
  const names = new Map(stops.map((s) => [s.id, s.label]));
  const toReview = items.filter((i) => i.needs_review).length;
  const label = `Horaires publiés des arrêts (fichier importé)${toReview ? ` — ${toReview} à relire` : ""}`;
  return (
    <Accordion label={label} className="fr-mt-3w">
      <Table caption="Horaires des arrêts tels que publiés" headers={["Arrêt", "Horaires publiés", "Semaines", "État"]}
        data={items.map((i) => [
          names.get(i.stop_id ?? "") ?? "Arrêt",
          <code key="raw">{i.raw || "—"}</code>,
          i.week_note || "—",
          i.needs_review
            ? <span key="state"><Badge as="span" small severity="warning">À relire</Badge>{i.reason ? ` ${i.reason}` : ""}</span>
            : "Repris dans les créneaux",
        ])} />
    </Accordion>
  );
}

import type { Permanence } from "../../api/partners";
import { permanenceHours } from "../../partners/permanenceForm";

/** A permanence's hours: its summary, its slots in full when they say more, and its OSM opening_hours string. */
export function PermanenceHours({ permanence, showOsm = true }: { permanence: Permanence; showOsm?: boolean }) {
  const { summary, slots } = permanenceHours(permanence);
  return (
    <>
      <span className="maillage-block">{summary}</span>
      {slots && <span className="maillage-block fr-text--sm fr-mb-0">{`Créneaux : ${slots}`}</span>}
      {showOsm && permanence.osm && (
        <span className="maillage-block fr-text--xs fr-mb-0">Format OpenStreetMap : <code>{permanence.osm}</code></span>
      )}
    </>
  );
}

import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { QUALITY_SHORT_LABELS, qualityLabel } from "../../registry/labels";

/** The data-quality flags of a structure as warning badges; "long" gives the full French labels. */
export function QualityBadges({ flags, long = false }: { flags: string[]; long?: boolean }) {
  if (flags.length === 0) return long ? <p className="fr-mb-0">Aucune alerte.</p> : <span className="fr-sr-only">Aucune</span>;
  return (
    <ul className="fr-badges-group">
      {flags.map((flag) => (
        <li key={flag}>
          <Badge as="span" severity="warning" small={!long} noIcon={!long}>
            {long ? qualityLabel(flag) : (QUALITY_SHORT_LABELS[flag] ?? qualityLabel(flag))}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Group, Structure } from "../../api/registry";
import {
  COORDINATES_SOURCE_LABELS, carrierTypeLabel, formatDate, formatLabel, labelStatusLabel,
} from "../../registry/labels";
import { QualityBadges } from "./QualityBadges";

const empty = <span className="maillage-muted">Non renseigné</span>;
const orEmpty = (value: string | null | undefined): ReactNode => (value ? value : empty);

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

type IdentityProps = {
  structure: Structure;
  parent: { id: string; name: string } | null;
  group: Group | null;
};

/** Onglet Identité. */
export function StructureIdentity({ structure: s, parent, group }: IdentityProps) {
  const history = s.id_fs_history.filter((h) => h.id_fs !== s.id_fs || h.to);
  return (
    <dl className="maillage-dl">
      <Item term="Nom">{s.name}</Item>
      <Item term="Identifiant ANCT">{orEmpty(s.id_fs)}</Item>
      {history.length > 0 && (
        <Item term="Identifiants ANCT précédents">
          <ul>
            {history.map((h) => (
              <li key={`${h.id_fs}-${h.from}`}>
                {h.id_fs} : du {formatDate(h.from)}{h.to ? ` au ${formatDate(h.to)}` : " à aujourd’hui"}
              </li>
            ))}
          </ul>
        </Item>
      )}
      <Item term="Département">{s.departement_code}</Item>
      <Item term="Format">{formatLabel(s.format)}</Item>
      {s.format === "antenne" && (
        <Item term="Site principal">
          {parent ? <Link to={`/structures/${parent.id}`}>{parent.name}</Link> : s.parent_id ? "Site principal hors de votre territoire" : empty}
        </Item>
      )}
      <Item term="Groupe multi-site">{group ? group.name : s.group_id ? "Groupe inconnu" : "Aucun"}</Item>
      <Item term="Statut de label">
        {labelStatusLabel(s.label_status)}
        {s.label_date ? `, depuis le ${formatDate(s.label_date)}` : ""}
        <br />
        <span className="fr-hint-text">Géré par la labellisation : non modifiable ici.</span>
      </Item>
      <Item term="Téléphone">{s.phone ? <a href={`tel:${s.phone.replace(/\s/g, "")}`}>{s.phone}</a> : empty}</Item>
      <Item term="Adresse e-mail">{s.email ? <a href={`mailto:${s.email}`}>{s.email}</a> : empty}</Item>
      <Item term="Site web">
        {s.website ? <a href={s.website} target="_blank" rel="noopener noreferrer" title={`${s.website} – nouvelle fenêtre`}>{s.website}</a> : empty}
      </Item>
      <Item term="Accessibilité">{orEmpty(s.accessibility_notes)}</Item>
      {s.comment && <Item term="Commentaire">{s.comment}</Item>}
      <Item term="Alertes qualité"><QualityBadges flags={s.quality_flags} long /></Item>
    </dl>
  );
}

/** Onglet Porteur. */
export function StructureCarrier({ structure: s }: { structure: Structure }) {
  return (
    <dl className="maillage-dl">
      <Item term="Type de porteur">{carrierTypeLabel(s.carrier.type)}</Item>
      <Item term="Nom du porteur">{orEmpty(s.carrier.name)}</Item>
      <Item term="SIRET">{orEmpty(s.carrier.siret)}</Item>
    </dl>
  );
}

const coordinateFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 6 });

/** Onglet Localisation (without the stops, which have their own editor). */
export function StructurePlace({ structure: s }: { structure: Structure }) {
  const hasPosition = s.latitude !== null && s.longitude !== null;
  return (
    <dl className="maillage-dl">
      <Item term="Adresse">{orEmpty(s.address)}</Item>
      <Item term="Complément d’adresse">{orEmpty(s.address_complement)}</Item>
      <Item term="Code postal">{orEmpty(s.postcode)}</Item>
      <Item term="Commune">{s.commune_name ? `${s.commune_name}${s.commune_code ? ` (INSEE ${s.commune_code})` : " (commune non identifiée)"}` : empty}</Item>
      <Item term="Coordonnées">
        {hasPosition
          ? `Latitude ${coordinateFormat.format(s.latitude as number)}, longitude ${coordinateFormat.format(s.longitude as number)}`
          : "Aucune"}
        <br />
        <span className="fr-hint-text">Source : {COORDINATES_SOURCE_LABELS[s.coordinates_source] ?? s.coordinates_source}</span>
      </Item>
    </dl>
  );
}

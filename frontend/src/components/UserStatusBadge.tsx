import { Badge } from "@codegouvfr/react-dsfr/Badge";

export function UserStatusBadge({ active }: { active: boolean }) {
  return active ? (
    <Badge severity="success" small>Actif</Badge>
  ) : (
    <Badge severity="error" small>Désactivé</Badge>
  );
}

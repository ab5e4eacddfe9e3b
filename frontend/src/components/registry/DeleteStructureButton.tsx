import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { unwrap } from "../../api/client";
import { headerParams } from "../../api/models";
import { ApiError, toApiError } from "../../api/problem";
import type { Structure } from "../../api/registry";
import { useApi } from "../../auth/AuthContext";
import { ApiErrorAlert } from "../ApiErrorAlert";

const confirmModal = createModal({ id: "supprimer-structure", isOpenedByDefault: false });

/** "Supprimer" for a project never labelled, behind a confirmation modal (DELETE with If-Match). */
export function DeleteStructureButton({ structure, onDeleted }: { structure: Structure; onDeleted: () => void }) {
  const client = useApi();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const onConfirm = async () => {
    setBusy(true);
    setError(null);
    try {
      // If-Match: the ETag of the structure page's GET.
      const etag = client.etagFor(`/structures/${structure.id}`);
      await unwrap(client.api.DELETE("/structures/{id}", {
        params: { path: { id: structure.id }, header: headerParams(etag ? { "If-Match": etag } : {}) },
      }));
      confirmModal.close();
      onDeleted();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button priority="tertiary" iconId="fr-icon-delete-line" nativeButtonProps={confirmModal.buttonProps}>
        Supprimer
      </Button>
      <confirmModal.Component
        title="Supprimer ce projet de structure ?"
        buttons={[
          { children: "Annuler", priority: "secondary", doClosesModal: true },
          { children: "Supprimer définitivement", iconId: "fr-icon-delete-line", doClosesModal: false, disabled: busy, onClick: () => void onConfirm() },
        ]}
      >
        <p>
          « {structure.name} » n’a jamais été labellisée : elle peut être supprimée. Cette action est définitive ; elle reste
          inscrite au journal des modifications.
        </p>
        <ApiErrorAlert error={error} />
      </confirmModal.Component>
    </>
  );
}

import { useCallback, useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { unwrap } from "../../api/client";
import { ApiError, toApiError } from "../../api/problem";
import { toAuditEntry, type AuditChange, type AuditEntry } from "../../api/registry";
import { useApi } from "../../auth/AuthContext";
import { HIDDEN_HISTORY_FIELDS, auditActionLabel, fieldLabel, formatDateTime, formatValue } from "../../registry/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";

const PAGE_SIZE = 50;

/** Fields worth listing: creations and removals are whole snapshots, so none is listed for them. */
export function visibleChanges(entry: AuditEntry): AuditChange[] {
  const changes = entry.changes.filter((c) => !HIDDEN_HISTORY_FIELDS.has(c.field));
  if (entry.action.endsWith("create") || entry.action.endsWith("delete")) return [];
  return changes;
}

function ChangeList({ entry }: { entry: AuditEntry }) {
  const changes = visibleChanges(entry);
  if (changes.length === 0) return <>—</>;
  return (
    <ul className="maillage-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <strong>{fieldLabel(c.field)}</strong> : {formatValue(c.field, c.from)}{" "}
          <span aria-hidden="true">→</span><span className="fr-sr-only">devient</span> {formatValue(c.field, c.to)}
        </li>
      ))}
    </ul>
  );
}

/** Onglet Historique: the structure's audit entries, newest first. */
export function StructureHistory({ structureId }: { structureId: string }) {
  const client = useApi();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const fetchPage = useCallback((after?: string) =>
    unwrap(client.api.GET("/audit", {
      params: { query: { object_type: "structure", object_id: structureId, limit: PAGE_SIZE, cursor: after } },
    })), [client, structureId]);

  useEffect(() => {
    let cancelled = false;
    setEntries(null);
    fetchPage()
      .then((page) => {
        if (cancelled) return;
        setEntries(page.items.map(toAuditEntry));
        setCursor(page.next_cursor ?? null);
      })
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [fetchPage]);

  const more = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(cursor);
      setEntries((old) => [...(old ?? []), ...page.items.map(toAuditEntry)]);
      setCursor(page.next_cursor ?? null);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setLoadingMore(false);
    }
  };

  if (error) return <ApiErrorAlert error={error} />;
  if (!entries) return <p role="status">Chargement de l’historique…</p>;
  if (entries.length === 0) return <p>Aucune modification enregistrée.</p>;
  return (
    <>
      <Table
        caption="Historique des modifications"
        className="maillage-table"
        headers={["Date", "Auteur", "Action", "Modifications"]}
        data={entries.map((e) => [
          formatDateTime(e.at),
          e.actor_type === "system" ? "Système (import)" : e.actor_label || "—",
          e.subject ? `${auditActionLabel(e.action)} « ${e.subject} »` : auditActionLabel(e.action),
          <ChangeList key="changes" entry={e} />,
        ])}
      />
      {cursor && (
        <Button priority="secondary" disabled={loadingMore} onClick={() => void more()}>Afficher les entrées plus anciennes</Button>
      )}
    </>
  );
}

import { Link } from "react-router";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { ImportReport } from "../../api/registry";
import { fieldLabel, formatValue } from "../../registry/labels";

const COUNTS: { key: keyof ImportReport["summary"]; label: (applied: boolean) => string; tone: string }[] = [
  { key: "create", label: (a) => (a ? "créées" : "à créer"), tone: "success" },
  { key: "update", label: (a) => (a ? "modifiées" : "à modifier"), tone: "info" },
  { key: "unchanged", label: () => "inchangées", tone: "neutral" },
  { key: "rejected", label: () => "rejetées", tone: "error" },
  { key: "warnings", label: () => "avertissements", tone: "warning" },
];

function StructureName({ id, name }: { id: string | null; name: string }) {
  return id ? <Link to={`/structures/${id}`}>{name}</Link> : <>{name}</>;
}

/** An ANCT import report (dry run or applied): counts, then creations, modifications, rejections and warnings. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { summary, applied } = report;
  const changeRows = report.updates.flatMap((row) =>
    row.changes.map((c, i) => [
      i === 0 ? String(row.line) : "",
      i === 0 ? <StructureName key="name" id={row.id} name={row.name} /> : "",
      fieldLabel(c.field),
      formatValue(c.field, c.from),
      formatValue(c.field, c.to),
    ]),
  );
  const rejectedRows = report.rejected.flatMap((row) =>
    (row.problems.length ? row.problems : [{ line: row.line, column: "", message: "Ligne rejetée." }]).map((p) => [
      String(row.line), p.column || "—", p.message, row.cells.lib_fs || row.cells.id_fs || "—",
    ]),
  );

  return (
    <div className="maillage-import-report">
      <p>
        Fichier <strong>{report.file.name}</strong> : {report.file.rows} ligne{report.file.rows > 1 ? "s" : ""} lue{report.file.rows > 1 ? "s" : ""}
        {report.file.encoding ? ` (encodage ${report.file.encoding}, séparateur « ${report.file.delimiter} »)` : ""}.
      </p>
      <h3>{applied ? "Résultat de l’import" : "Résultat de la simulation"}</h3>
      <ul className="maillage-stats" aria-label="Résumé">
        {COUNTS.map(({ key, label, tone }) => (
          <li key={key} className={`maillage-stat maillage-stat--${tone}`} data-testid={`count-${key}`}>
            <span className="maillage-stat__value">{summary[key]}</span>{" "}
            <span className="maillage-stat__label">{label(applied)}</span>
          </li>
        ))}
      </ul>

      {report.creates.length > 0 && (
        <Table
          caption={applied ? "Structures créées" : "Structures à créer"}
          headers={["Ligne", "Identifiant ANCT", "Nom", "Département"]}
          data={report.creates.map((r) => [String(r.line), r.id_fs || "—", r.name, r.departement_code])}
        />
      )}
      {changeRows.length > 0 && (
        <Table
          caption={applied ? "Structures modifiées" : "Structures à modifier"}
          headers={["Ligne", "Structure", "Champ", "Avant", "Après"]}
          data={changeRows}
        />
      )}
      {rejectedRows.length > 0 && (
        <Table
          caption="Lignes rejetées"
          headers={["Ligne", "Colonne", "Raison", "Structure"]}
          data={rejectedRows}
        />
      )}
      {report.warnings.length > 0 && (
        <Table
          caption="Avertissements"
          headers={["Ligne", "Colonne", "Message"]}
          data={report.warnings.map((w) => [String(w.line), w.column || "—", w.message])}
        />
      )}
      {report.unchanged.length > 0 && (
        <Accordion label={`Voir les ${report.unchanged.length} structure${report.unchanged.length > 1 ? "s" : ""} inchangée${report.unchanged.length > 1 ? "s" : ""}`}>
          <ul>
            {report.unchanged.map((r) => (
              <li key={r.line}>Ligne {r.line} : <StructureName id={r.id} name={r.name || r.id_fs} /></li>
            ))}
          </ul>
        </Accordion>
      )}
    </div>
  );
}

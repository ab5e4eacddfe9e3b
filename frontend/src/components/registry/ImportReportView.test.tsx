import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { toImportReport } from "../../api/registry";
import { ImportReportView } from "./ImportReportView";

const dryRun = toImportReport({
  applied: false,
  file: { name: "fs70.csv", rows: 26, encoding: "utf-8", delimiter: "," },
  summary: { create: 1, update: 1, unchanged: 23, rejected: 1, warnings: 1 },
  creates: [{ line: 26, id_fs: "9999", name: "France services Test", departement_code: "70" }],
  updates: [{
    line: 21, id: "s-vesoul", id_fs: "2494", name: "France services de Vesoul", departement_code: "70",
    changes: { phone: { from: "03 84 75 64 76", to: "03 84 75 00 00" } },
  }],
  unchanged: Array.from({ length: 23 }, (_, i) => ({ line: i + 2, id: `s-${i}`, id_fs: String(400 + i), name: `Structure ${i}` })),
  rejected: [{ line: 25, problems: [{ line: 25, column: "insee_dep", message: "Département 57 hors de votre territoire : ligne non importée." }], cells: { lib_fs: "France services Entrange" } }],
  warnings: [{ line: 26, column: "h_mardi", message: "Horaires \"n importe quoi\" illisibles : conservés tels quels, à ressaisir." }],
});

function renderReport(report = dryRun) {
  render(<MemoryRouter><ImportReportView report={report} /></MemoryRouter>);
}

describe("ImportReportView", () => {
  it("shows the counts of a dry run", () => {
    renderReport();
    const summary = screen.getByRole("list", { name: "Résumé" });
    const items = within(summary).getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual(["1 à créer", "1 à modifier", "23 inchangées", "1 rejetées", "1 avertissements"]);
    expect(screen.getByText("Résultat de la simulation")).toBeInTheDocument();
  });

  it("lists a modification with its field diff from → to and a link to the structure", () => {
    renderReport();
    const table = screen.getByRole("table", { name: "Structures à modifier" });
    const row = within(table).getAllByRole("row")[1];
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "21", "France services de Vesoul", "Téléphone", "03 84 75 64 76", "03 84 75 00 00",
    ]);
    expect(within(row).getByRole("link", { name: "France services de Vesoul" })).toHaveAttribute("href", "/structures/s-vesoul");
  });

  it("lists a rejected row with its line, column and reason, creations and warnings", () => {
    renderReport();
    const rejected = screen.getByRole("table", { name: "Lignes rejetées" });
    expect(within(rejected).getAllByRole("row")[1]).toHaveTextContent(
      "25insee_depDépartement 57 hors de votre territoire : ligne non importée.France services Entrange",
    );
    expect(screen.getByRole("table", { name: "Structures à créer" })).toHaveTextContent("France services Test");
    expect(screen.getByRole("table", { name: "Avertissements" })).toHaveTextContent("h_mardi");
  });

  it("words an applied report in the past tense", () => {
    renderReport({ ...dryRun, applied: true });
    expect(screen.getByText("Résultat de l’import")).toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Structures modifiées" })).toBeInTheDocument();
    expect(screen.getByText("modifiées")).toBeInTheDocument();
  });
});

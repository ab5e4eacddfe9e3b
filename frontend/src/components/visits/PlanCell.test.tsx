import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { PlanCell } from "./PlanCell";

function renderCell(state: string, extra: { visit_id?: string; date?: string } = {}, planHref: string | null = "/visites/nouvelle?structure=s-1") {
  return render(
    <MemoryRouter>
      <PlanCell cell={{ quarter: 1, state, visit_id: extra.visit_id ?? null, date: extra.date ?? null }} structureName="France services de Vesoul" planHref={planHref} />
    </MemoryRouter>,
  );
}

describe("PlanCell", () => {
  it.each([
    ["done", "Faite", "fr-badge--success"],
    ["planned", "Planifiée", "fr-badge--info"],
    ["missing", "Manquante", "fr-badge--warning"],
    ["overdue", "En retard", "fr-badge--error"],
    ["not_due", "À venir", "fr-badge--new"],
  ])("shows %s as the badge « %s » (%s)", (state, text, css) => {
    renderCell(state);
    const badge = screen.getByText(text);
    expect(badge).toHaveClass("fr-badge", css);
  });

  it("shows a non-labelled structure with a neutral badge and nothing to plan", () => {
    renderCell("not_labelled");
    const badge = screen.getByText("Non labellisée");
    expect(badge.className).not.toMatch(/fr-badge--(success|info|warning|error|new)/);
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("links a missing cell to the planning form", () => {
    renderCell("missing");
    expect(screen.getByRole("link", { name: "Planifier la visite T1 de France services de Vesoul" }))
      .toHaveAttribute("href", "/visites/nouvelle?structure=s-1");
  });

  it("links a cell with a visit to the visit, with its date", () => {
    renderCell("done", { visit_id: "v-1", date: "2026-02-12" });
    expect(screen.getByText("12 février 2026")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Voir la visite T1 de France services de Vesoul" })).toHaveAttribute("href", "/visites/v-1");
    expect(screen.queryByText("Planifier")).toBeNull();
  });

  it("offers no planning link to a read-only role", () => {
    renderCell("not_due", {}, null);
    expect(screen.getByText("À venir")).toBeInTheDocument();
    expect(screen.queryByRole("link")).toBeNull();
  });
});

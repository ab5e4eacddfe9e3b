import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../auth/AuthContext";
import { RequireAuth } from "../components/RequireAuth";
import { fakeClient, json, makeUser, session } from "../test/fakeApi";
import { CoveragePage } from "./CoveragePage";

const coverage = {
  at: "2026-11-24",
  operators: [{ code: "cnaf", name: "Allocations familiales (CNAF – CAF)", short_name: "CAF" }, { code: "msa", name: "Mutualité sociale agricole", short_name: "MSA" }],
  rows: [
    { structure_id: "a", structure_name: "France services Rioz", missing: 1, cells: [
      { operator: "cnaf", covered: true, how: ["permanence:visio"] }, { operator: "msa", covered: false, how: [] }] },
    { structure_id: "b", structure_name: "France services de Gy", missing: 0, cells: [
      { operator: "cnaf", covered: true, how: ["referent"] }, { operator: "msa", covered: true, how: ["referent"] }] },
  ],
  summary: { structures: 2, fully_covered: 1 },
};

describe("CoveragePage", () => {
  it("shows covered cells and gaps in words with a title, totals, and filters the gaps", async () => {
    const user = userEvent.setup();
    const { client, calls } = fakeClient({
      "POST /auth/refresh": () => json(session(makeUser())),
      "GET /departements": () => json({ items: [{ code: "70", name: "Haute-Saône" }] }),
      "GET /regions": () => json({ items: [] }),
      "GET /departements/70/partners/coverage": () => json(coverage),
    });
    render(<MemoryRouter initialEntries={["/partenaires/couverture?date=2026-11-24"]}><AuthProvider client={client}><Routes>
      <Route element={<RequireAuth />}><Route path="/partenaires/couverture" element={<CoveragePage />} /></Route>
    </Routes></AuthProvider></MemoryRouter>);
    const table = await screen.findByRole("table", { name: /2 structures, 2 opérateurs du socle/ });
    const rioz = within(table).getByRole("row", { name: /France services Rioz/ });
    const cells = within(rioz).getAllByRole("cell");
    expect(cells[0]).toHaveTextContent("Permanence visio");
    expect(cells[0]).toHaveAttribute("title", "CAF à France services Rioz : couvert (permanence visio)");
    expect(cells[1]).toHaveTextContent("Lacune");
    expect(cells[1]).toHaveClass("maillage-gap");
    const totals = within(table).getByRole("row", { name: /Structures couvertes \(sur 2\)/ });
    expect(within(totals).getAllByRole("cell").map((c) => c.textContent)).toEqual(["2", "1", "1"]);
    expect(new URL(calls.find((c) => c.url.includes("/coverage"))!.url).searchParams.get("at")).toBe("2026-11-24");

    await user.click(screen.getByLabelText(/Seulement les lacunes/));
    const filtered = await screen.findByRole("table", { name: /1 structure avec au moins une lacune/ });
    expect(within(filtered).queryByText("France services de Gy")).toBeNull();
    expect(within(filtered).getByText("France services Rioz")).toBeInTheDocument();
  });
});

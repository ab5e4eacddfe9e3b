import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { StopHoursRaw } from "./StopHoursRaw";

describe("StopHoursRaw", () => {
  it("lists the published hours of each stop and counts those to review", async () => {
    render(<StopHoursRaw stops={[{ id: "a", label: "Mairie — Tusson" }, { id: "b", label: "École — Luxé" }]} items={[
      { stop_id: "a", raw: "Tu 09:00-12:30; PH off", week_note: "Semaine impaire", needs_review: false },
      { stop_id: "b", raw: "sunrise-sunset", week_note: "", needs_review: true, reason: "Horaires illisibles." },
    ]} />);
    const toggle = screen.getByRole("button", { name: "Horaires publiés des arrêts (fichier importé) — 1 à relire" });
    await userEvent.setup().click(toggle);
    const rows = within(screen.getByRole("table", { name: "Horaires des arrêts tels que publiés" })).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell").map((c) => c.textContent))).toEqual([
      ["Mairie — Tusson", "Tu 09:00-12:30; PH off", "Semaine impaire", "Repris dans les créneaux"],
      ["École — Luxé", "sunrise-sunset", "—", "À relire Horaires illisibles."],
    ]);
  });

  it("shows nothing for a structure without imported stop hours", () => {
    const { container } = render(<StopHoursRaw stops={[]} items={[]} />);
    expect(container).toBeEmptyDOMElement();
  });
});

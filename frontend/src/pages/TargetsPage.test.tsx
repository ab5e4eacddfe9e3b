import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderAuthed } from "../components/labelling/testing";
import { json } from "../test/fakeApi";
import { LabellingPage } from "./LabellingPage";
import { TargetsPage } from "./TargetsPage";

const target = { id: "t1", due_date: "2026-12-31", count: 23, format: null, every_canton: false, label: "Objectif 2026", version: 2 };

function progress(labelled: number) {
  return {
    labelled, by_state: { projet: 2, instruction: 1, labellise: labelled }, by_format: { site: labelled },
    targets: [{ target, achieved: labelled, gap: Math.max(0, 23 - labelled), met: labelled >= 23 }],
    cantons: { total: 17, covered: 15, uncovered: [{ code: "7001", name: "Canton de Dampierre" }] },
    waves: [{ id: "w1", name: "Vague 1", date: "2020-01-01", count: labelled, cumulative: labelled }],
  };
}

describe("TargetsPage", () => {
  it("shows the progress and edits a target with If-Match", async () => {
    const user = userEvent.setup();
    let labelled = 22;
    const fake = renderAuthed(<TargetsPage />, {
      "GET /departements/70/targets": () => json({ items: [target] }),
      "GET /departements/70/label-progress": () => json(progress(labelled)),
      "PATCH /targets/t1": async (req) => {
        labelled = 23;
        return json({ ...target, ...(await req.json() as object), version: 3 });
      },
    });
    expect(await screen.findByTestId("stat-labelled")).toHaveTextContent("22 labellisées aujourd’hui");
    expect(screen.getByTestId("stat-pipeline")).toHaveTextContent("3 en cours de labellisation");
    expect(screen.getByTestId("stat-cantons")).toHaveTextContent("15 / 17 cantons couverts");
    const table = screen.getByRole("table", { name: "Objectifs du département et écart" });
    const row = within(table).getByRole("row", { name: /Objectif 2026/ });
    expect(row).toHaveTextContent("1 structure à labelliser");
    await user.click(within(row).getByRole("button", { name: /^Modifier/ }));
    const count = screen.getByLabelText("Nombre de structures labellisées");
    await user.clear(count);
    await user.type(count, "24");
    await user.click(screen.getByRole("button", { name: "Enregistrer l’objectif" }));
    await screen.findByText("L’objectif a été modifié.");
    const patch = fake.calls.find((c) => c.method === "PATCH");
    expect(patch?.headers.get("If-Match")).toBe('"2"');
    expect(await patch?.json()).toEqual({ label: "Objectif 2026", due_date: "2026-12-31", count: 24, format: null, every_canton: false });
    await waitFor(() => expect(screen.getByTestId("stat-labelled")).toHaveTextContent("23 labellisées aujourd’hui"));
  });

  it("is read-only for an animator", async () => {
    renderAuthed(<TargetsPage />, {
      "GET /departements/70/targets": () => json({ items: [target] }),
      "GET /departements/70/label-progress": () => json(progress(23)),
    }, "animateur");
    await screen.findByRole("table", { name: "Objectifs du département et écart" });
    expect(screen.queryByRole("button", { name: "Ajouter un objectif" })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Modifier/ })).toBeNull();
    expect(screen.getByText("Objectif atteint")).toBeInTheDocument();
  });

  it("opens a region user on its région's targets and progress, read-only", async () => {
    const user = userEvent.setup();
    const fake = renderAuthed(<TargetsPage />, {
      "GET /regions": () => json({ items: [{ code: "27", name: "Bourgogne-Franche-Comté" }] }),
      "GET /departements": () => json({ items: [{ code: "70", name: "Haute-Saône", region_code: "27" }] }),
      "GET /regions/27/targets": () => json({ items: [target] }),
      "GET /regions/27/label-progress": () => json(progress(40)),
      "GET /departements/70/targets": () => json({ items: [] }),
      "GET /departements/70/label-progress": () => json(progress(7)),
    }, "region", ["/"], { region_code: "27", departements: [] });
    expect(await screen.findByTestId("targets-place")).toHaveTextContent("Région Bourgogne-Franche-Comté (27) : 40 structures labellisées");
    expect(screen.getByRole("table", { name: "Objectifs de la région et écart" })).toHaveTextContent("Objectif atteint");
    expect(screen.queryByRole("button", { name: "Ajouter un objectif" })).toBeNull();
    await user.click(screen.getByLabelText("Département"));
    expect(await screen.findByTestId("stat-labelled")).toHaveTextContent("7 labellisées aujourd’hui");
    expect(fake.calls.some((c) => c.url.endsWith("/departements/70/label-progress"))).toBe(true);
  });

  it("lets the admin add a région target", async () => {
    const user = userEvent.setup();
    const fake = renderAuthed(<TargetsPage />, {
      "GET /regions": () => json({ items: [{ code: "27", name: "Bourgogne-Franche-Comté" }, { code: "84", name: "Auvergne-Rhône-Alpes" }] }),
      "GET /departements": () => json({ items: [{ code: "70", name: "Haute-Saône", region_code: "27" }] }),
      "GET /regions/84/targets": () => json({ items: [] }),
      "GET /regions/84/label-progress": () => json({ ...progress(3), targets: [] }),
      "POST /regions/84/targets": async (req) => json({ ...target, ...(await req.json() as object), id: "t9", version: 1 }, { status: 201 }),
    }, "admin", ["/?niveau=region&region=84"], { departements: [] });
    expect(await screen.findByTestId("targets-place")).toHaveTextContent("Région Auvergne-Rhône-Alpes (84) : 3 structures labellisées");
    expect(screen.getByText("Aucun objectif n’est fixé pour cette région.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Ajouter un objectif" }));
    await user.type(screen.getByLabelText("Échéance"), "2027-06-30");
    await user.type(screen.getByLabelText("Nombre de structures labellisées"), "12");
    await user.click(screen.getByRole("button", { name: "Enregistrer l’objectif" }));
    await screen.findByText("L’objectif a été ajouté.");
    const post = fake.calls.find((c) => c.method === "POST" && c.url.endsWith("/regions/84/targets"));
    expect(await post?.json()).toMatchObject({ due_date: "2027-06-30", count: 12 });
  });
});

describe("LabellingPage", () => {
  it("shows a column per state with its count and a card per structure", async () => {
    const user = userEvent.setup();
    renderAuthed(<LabellingPage />, {
      "GET /departements/70/label-pipeline": () => json({
        columns: [
          { state: "projet", label: "Projet", count: 1, items: [{ structure_id: "s1", name: "FS Gray", commune: "Gray", format: "site", since: "2026-11-02" }] },
          { state: "candidature_deposee", label: "Candidature déposée", count: 0, items: [] },
          { state: "labellise", label: "Labellisée", count: 1, items: [{ structure_id: "s2", name: "FS Vesoul", commune: "Vesoul", format: "itinerant", since: null }] },
        ],
      }),
    });
    expect(await screen.findByTestId("pipeline-total")).toHaveTextContent("2 structures, dont 1 labellisée");
    const projects = screen.getByRole("list", { name: "Structures : Projet" });
    expect(within(projects).getByRole("link", { name: "FS Gray" })).toHaveAttribute("href", "/structures/s1?onglet=labellisation");
    expect(projects).toHaveTextContent("Gray — Site principal");
    expect(projects).toHaveTextContent("Depuis le 2 novembre 2026");
    expect(screen.getByRole("heading", { name: /Candidature déposée\s*0 structure/ })).toBeInTheDocument();
    await user.click(screen.getByLabelText("Masquer les états sans structure"));
    expect(screen.queryByRole("heading", { name: /Candidature déposée/ })).toBeNull();
    expect(screen.getByRole("list", { name: "Structures : Labellisée" })).toHaveTextContent("Vesoul — Itinérante");
  });
});

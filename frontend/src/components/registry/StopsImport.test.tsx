import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { AuthProvider } from "../../auth/AuthContext";
import { fakeClient, json, makeUser, problem, session } from "../../test/fakeApi";
import { StopsImport } from "./StopsImport";

const FILE = [
  { nom: "Bus France Services - [Face à la boulangerie]", commune: "Saint-Fraigne", code_insee: 16317, horaires: "Mo 09:30-12:30,13:30-15:30; PH off", ouverture: "Semaine impaire" },
  { nom: "Bus France Services - [Place de la mairie]", commune: "Nulle-Part", code_insee: 99999, horaires: "sunrise-sunset", ouverture: "" },
];

const row = (status: string, index: number) => index === 0
  ? { index: 0, name: "Face à la boulangerie", commune_code: "16317", stop_id: status === "created" ? "st-1" : "", status, osm: FILE[0].horaires, slots: 2, week_rule: "odd", reasons: [] }
  : { index: 1, name: "Place de la mairie", commune_code: "", stop_id: "", status: "rejected", osm: "sunrise-sunset", slots: 0, week_rule: "", reasons: ["Commune introuvable dans le département : Nulle-Part."] };

function setup(answer?: () => Response) {
  const bodies: { dryRun: string | null; body: unknown }[] = [];
  const fake = fakeClient({
    "POST /auth/refresh": () => json(session(makeUser())),
    "POST /structures/bus/stops/import": async (req) => {
      const dryRun = new URL(req.url).searchParams.get("dry_run");
      bodies.push({ dryRun, body: await req.json() });
      if (answer) return answer();
      const applied = dryRun === "false";
      return json({ dry_run: !applied, created: 1, updated: 0, unchanged: 0, rejected: 1, rows: [row("created", 0), row("rejected", 1)] });
    },
  });
  const onApplied = vi.fn();
  render(<AuthProvider client={fake.client}><StopsImport structureId="bus" onApplied={onApplied} /></AuthProvider>);
  return { bodies, onApplied };
}

async function upload(user: ReturnType<typeof userEvent.setup>, content: string, name = "arrets.json") {
  await user.click(screen.getByRole("button", { name: "Importer les arrêts depuis la liste publiée" }));
  await user.upload(screen.getByLabelText(/Fichier des arrêts/, { selector: "input" }), new File([content], name, { type: "application/json" }));
}

describe("StopsImport", () => {
  it("simulates the import with the file's array, shows the report, then applies it and refreshes the stops", async () => {
    const user = userEvent.setup();
    const { bodies, onApplied } = setup();
    await upload(user, JSON.stringify(FILE));
    await screen.findByText("arrets.json : 2 arrêts dans le fichier.");
    await user.click(screen.getByRole("button", { name: "Simuler l’import" }));
    const table = await screen.findByRole("table", { name: "Simulation de l’import de arrets.json" });
    expect(bodies[0]).toEqual({ dryRun: "true", body: FILE });
    const [first, second] = within(table).getAllByRole("row").slice(1).map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
    expect(first).toEqual(["1", "Face à la boulangerie", "Saint-Fraigne (16317)", "à créer", "Mo 09:30-12:30,13:30-15:30; PH off", "2", "Semaines impaires", "—"]);
    expect(second).toEqual(["2", "Place de la mairie", "Nulle-Part", "rejeté", "sunrise-sunset", "0", "—", "Commune introuvable dans le département : Nulle-Part."]);
    expect(screen.getByTestId("stops-created")).toHaveTextContent("1 à créer");
    expect(onApplied).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Appliquer l’import" }));
    await screen.findByText(/L’import des arrêts a été appliqué : 1 arrêt créé, 0 modifié\./);
    expect(bodies[1]).toEqual({ dryRun: "false", body: FILE });
    expect(screen.getByRole("table", { name: "Import de arrets.json" })).toHaveTextContent("créé");
    expect(screen.getByTestId("stops-rejected")).toHaveTextContent("1 rejeté");
    await waitFor(() => expect(onApplied).toHaveBeenCalledTimes(1));
  });

  it("refuses a file that is not a JSON list without calling the server", async () => {
    const user = userEvent.setup();
    const { bodies } = setup();
    await upload(user, '{"nom":"x"}', "arret.json");
    await screen.findByText("Le fichier doit contenir une liste (tableau JSON) d’arrêts.");
    await user.click(screen.getByRole("button", { name: "Simuler l’import" }));
    expect(bodies).toHaveLength(0);
  });

  it("shows the server's refusal, and offers nothing to apply when nothing changes", async () => {
    const user = userEvent.setup();
    let refuse = true;
    setup(() => refuse
      ? problem(422, { title: "Seule une France services itinérante a des arrêts : changez d’abord le format de la structure.", code: "stops.not_itinerant" })
      : json({ dry_run: true, created: 0, updated: 0, unchanged: 1, rejected: 0, rows: [{ ...row("unchanged", 0), stop_id: "st-1" }] }));
    await upload(user, JSON.stringify(FILE.slice(0, 1)));
    await user.click(screen.getByRole("button", { name: "Simuler l’import" }));
    await screen.findByText("Seule une France services itinérante a des arrêts : changez d’abord le format de la structure.");
    refuse = false;
    await user.click(screen.getByRole("button", { name: "Simuler l’import" }));
    await screen.findByText("Ce fichier ne crée ni ne modifie aucun arrêt : il n’y a rien à appliquer.");
    expect(screen.getByRole("button", { name: "Appliquer l’import" })).toBeDisabled();
  });
});

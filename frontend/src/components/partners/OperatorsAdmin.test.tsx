import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PartnersPage } from "../../pages/PartnersPage";
import { json, problem } from "../../test/fakeApi";
import { renderAuthed } from "../labelling/testing";

const caf = {
  code: "cnaf", name: "CNAF – CAF", short_name: "CAF", names: [{ name: "CNAF – CAF", from: "2019-07-01" }], socle_from: "2019-07-01",
  in_socle: true, version: 4,
};

function routes(extra: Parameters<typeof renderAuthed>[1] = {}) {
  return {
    "GET /departements": () => json({ items: [{ code: "70", name: "Haute-Saône", region_code: "27" }] }),
    "GET /regions": () => json({ items: [] }),
    "GET /operators": () => json({ items: [caf], socle_count: 1 }),
    "GET /departements/70/local-partners": () => json({ items: [] }),
    "GET /departements/70/referents": () => json({ items: [] }),
    ...extra,
  };
}

describe("PartnersPage: operators administration", () => {
  it("lets the admin add an operator (per-field errors) and rename one with If-Match", async () => {
    const user = userEvent.setup();
    let posts = 0;
    const fake = renderAuthed(<PartnersPage />, routes({
      "POST /operators": () => (++posts === 1
        ? problem(422, { title: "Données invalides", code: "validation_failed", errors: [{ field: "code", message: "Ce code existe déjà." }] })
        : json({ ...caf, code: "urssaf", name: "Urssaf", version: 1 }, { status: 201 })),
      "PATCH /operators/cnaf": () => json({ ...caf, name: "Caisse nationale", version: 5 }),
    }), "admin", ["/partenaires?departement=70"], { departements: [] });
    const table = await screen.findByRole("table", { name: "Tous les opérateurs nationaux" }, { timeout: 5000 });

    await user.click(screen.getByRole("button", { name: "Ajouter un opérateur" }));
    await user.type(screen.getByLabelText(/^Code/), "urssaf");
    await user.type(screen.getByLabelText(/^Nom$/), "Urssaf");
    await user.click(screen.getByRole("button", { name: "Enregistrer l’opérateur" }));
    expect(await screen.findByText("Ce code existe déjà.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer l’opérateur" }));
    expect(await screen.findByText("L’opérateur a été ajouté.")).toBeInTheDocument();
    const post = fake.calls.filter((c) => c.method === "POST" && c.url.endsWith("/operators")).at(-1);
    expect(await post?.json()).toEqual({ code: "urssaf", name: "Urssaf", short_name: "Urssaf" });

    await user.click(within(table).getByRole("button", { name: "Modifier" }));
    const name = screen.getByLabelText(/^Nom$/);
    await user.clear(name);
    await user.type(name, "Caisse nationale");
    await user.type(screen.getByLabelText(/^Nouveau nom applicable/), "2027-01-01");
    await user.click(screen.getByRole("button", { name: "Enregistrer l’opérateur" }));
    expect(await screen.findByText("L’opérateur a été modifié.")).toBeInTheDocument();
    const patch = fake.calls.find((c) => c.method === "PATCH");
    expect(patch?.headers.get("If-Match")).toBe('"4"');
    expect(await patch?.json()).toEqual({ socle_from: "2019-07-01", socle_to: "", name: "Caisse nationale", short_name: "CAF", renamed_on: "2027-01-01" });
  }, 30_000);

  it("shows no operator buttons to a prefecture", async () => {
    renderAuthed(<PartnersPage />, routes(), "prefecture", ["/partenaires"]);
    await screen.findByRole("heading", { name: /Opérateurs nationaux du socle/ }, { timeout: 5000 });
    expect(screen.queryByRole("table", { name: "Tous les opérateurs nationaux" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Ajouter un opérateur" })).toBeNull();
  });
});

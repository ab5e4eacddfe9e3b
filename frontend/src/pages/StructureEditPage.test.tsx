import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../auth/AuthContext";
import { RequireAuth } from "../components/RequireAuth";
import { fakeClient, json, makeUser, problem, session } from "../test/fakeApi";
import { StructureCreatePage } from "./StructureCreatePage";
import { StructureEditPage } from "./StructureEditPage";

const VESOUL = {
  id: "s-1", id_fs: "2494", id_fs_history: [], departement_code: "70", name: "France services de Vesoul",
  commune_code: "70550", commune_name: "Vesoul", address: "Place des Rêpes", address_complement: "", postcode: "70000",
  latitude: 47.638, longitude: 6.169, coordinates_source: "data", phone: "03 84 75 64 76", email: "services@vesoul.fr",
  website: "", format: "site", parent_id: null, group_id: null, carrier: { type: "autre", name: "", siret: "" },
  label_status: "labellise", label_date: "2022-01-01", accessibility_notes: "", hours_raw: {}, comment: "",
  quality_flags: [], version: 3,
};

type Routes = Parameters<typeof fakeClient>[0];

function renderAt(path: string, routes: Routes) {
  const fake = fakeClient({
    "POST /auth/refresh": () => json(session(makeUser())),
    "GET /structures": () => json({ items: [], next_cursor: null }),
    "GET /groups": () => json({ items: [], next_cursor: null }),
    "GET /departements": () => json({ items: [{ code: "70", name: "Haute-Saône", region_code: "27" }] }),
    "GET /regions": () => json({ items: [] }),
    ...routes,
  });
  render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider client={fake.client}>
        <Routes>
          <Route element={<RequireAuth />}>
            <Route path="/structures/nouvelle" element={<StructureCreatePage />} />
            <Route path="/structures/:id/modifier" element={<StructureEditPage />} />
            <Route path="/structures/:id" element={<h1>Fiche</h1>} />
          </Route>
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
  return fake;
}

describe("structure form", () => {
  it("sends only the changed fields with If-Match, and shows the server's errors on their fields (carrier.siret)", async () => {
    const fake = renderAt("/structures/s-1/modifier", {
      "GET /structures/s-1": () => json(VESOUL, { headers: { ETag: '"3"' } }),
      "PATCH /structures/s-1": () => problem(422, {
        title: "Certains champs sont invalides.",
        code: "validation_failed",
        errors: {
          "carrier.siret": "SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.",
          phone: "Numéro de téléphone invalide.",
        },
      }),
    });
    const user = userEvent.setup();
    const phone = await screen.findByLabelText(/^Téléphone/);
    await user.clear(phone);
    await user.type(phone, "12");
    await user.type(screen.getByLabelText(/^SIRET du porteur/), "123");
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));

    const siret = screen.getByLabelText(/^SIRET du porteur/);
    await waitFor(() => expect(siret).toHaveAttribute("aria-invalid", "true"));
    const message = screen.getByText("SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.");
    expect(siret.getAttribute("aria-describedby")).toContain(message.id);
    expect(screen.getByLabelText(/^Téléphone/)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Numéro de téléphone invalide.")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Certains champs sont invalides.");

    const patch = fake.calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("If-Match")).toBe('"3"');
    expect(await patch.json()).toEqual({ phone: "12", carrier: { siret: "123" } });
  });

  it("says the structure changed in between on 412 and reloads it on demand", async () => {
    let version = 3;
    const fake = renderAt("/structures/s-1/modifier", {
      "GET /structures/s-1": () => json({ ...VESOUL, version }, { headers: { ETag: `"${version}"` } }),
      "PATCH /structures/s-1": () => problem(412, { title: "La ressource a changé.", code: "precondition_failed" }),
    });
    const user = userEvent.setup();
    const name = await screen.findByLabelText(/^Nom\s*Par exemple/);
    await user.type(name, " (centre)");
    version = 4;
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(await screen.findByText("Cette structure a été modifiée entre-temps")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Recharger la structure" }));
    await waitFor(() => expect(fake.calls.filter((c) => c.method === "GET" && c.url.endsWith("/structures/s-1"))).toHaveLength(2));
    expect(await screen.findByLabelText(/^Nom\s*Par exemple/)).toHaveValue("France services de Vesoul");
  });

  it("offers to go back to the commune's centre when the structure has its own coordinates, with reset_coordinates", async () => {
    const fake = renderAt("/structures/s-1/modifier", {
      "GET /structures/s-1": () => json(VESOUL, { headers: { ETag: '"3"' } }),
      "PATCH /structures/s-1": () => json({ ...VESOUL, latitude: 47.62, longitude: 6.15, coordinates_source: "commune", version: 4 }),
    });
    const user = userEvent.setup();
    const reset = await screen.findByRole("checkbox", { name: /^Revenir au centre de la commune/ });
    expect(reset).toHaveAccessibleName(/coordonnées actuelles \(issues du fichier ANCT\) seront effacées/);
    expect(screen.getByLabelText(/^Latitude/)).toHaveValue("47,638");
    await user.click(reset);
    expect(screen.getByLabelText(/^Latitude/)).toBeDisabled();
    expect(screen.getByLabelText(/^Longitude/)).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    await screen.findByRole("heading", { name: "Fiche" });
    const patch = fake.calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("If-Match")).toBe('"3"');
    expect(await patch.json()).toEqual({ reset_coordinates: true });
  });

  it("takes both coordinates emptied as going back to the commune's centre", async () => {
    const fake = renderAt("/structures/s-1/modifier", {
      "GET /structures/s-1": () => json({ ...VESOUL, coordinates_source: "manual" }, { headers: { ETag: '"3"' } }),
      "PATCH /structures/s-1": () => json(VESOUL),
    });
    const user = userEvent.setup();
    await user.clear(await screen.findByLabelText(/^Latitude/));
    await user.clear(screen.getByLabelText(/^Longitude/));
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    await screen.findByRole("heading", { name: "Fiche" });
    expect(await fake.calls.find((c) => c.method === "PATCH")!.json()).toEqual({ reset_coordinates: true });
  });

  it("does not offer the reset when the coordinates are the commune's centre already", async () => {
    renderAt("/structures/s-1/modifier", {
      "GET /structures/s-1": () => json({ ...VESOUL, coordinates_source: "commune" }, { headers: { ETag: '"3"' } }),
    });
    expect(await screen.findByLabelText(/^Latitude/)).toHaveValue("");
    expect(screen.queryByRole("checkbox", { name: /^Revenir au centre de la commune/ })).toBeNull();
  });

  it("creates with an Idempotency-Key and the département of a single-département user", async () => {
    const fake = renderAt("/structures/nouvelle", {
      "GET /communes": () => json({ items: [{ code_insee: "70292", name: "Jussey", departement_code: "70", postcodes: ["70500"] }] }),
      "POST /structures": () => json({ ...VESOUL, id: "s-new", label_status: "projet" }, { status: 201 }),
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^Nom\s*Par exemple/), "France services de Jussey");
    await user.type(screen.getByLabelText(/^Rechercher une commune/), "Jussey");
    await waitFor(() => expect(screen.getByLabelText(/^Commune retenue/)).toHaveValue("70292"));
    await user.type(screen.getByLabelText(/^SIRET du porteur/), "21700550300016");
    await user.click(screen.getByRole("button", { name: "Créer la structure" }));
    await screen.findByRole("heading", { name: "Fiche" });
    const post = fake.calls.find((c) => c.method === "POST" && c.url.endsWith("/structures"))!;
    expect(post.headers.get("Idempotency-Key")).toMatch(/.{16,}/);
    expect(await post.json()).toMatchObject({
      departement_code: "70", name: "France services de Jussey", commune_code: "70292", postcode: "70500", format: "site",
      carrier: { type: "autre", name: "", siret: "21700550300016" },
    });
  });
});

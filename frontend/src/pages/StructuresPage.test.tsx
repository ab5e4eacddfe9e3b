import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthProvider } from "../auth/AuthContext";
import type { Role } from "../auth/roles";
import { RequireAuth } from "../components/RequireAuth";
import { fakeClient, json, makeUser, session } from "../test/fakeApi";
import { StructuresPage } from "./StructuresPage";

const summary = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `s-${i}`, id_fs: String(400 + i), name: `France services ${i}`, departement_code: "70", commune_code: "70550",
  commune_name: "Vesoul", format: "site", label_status: "labellise", carrier_type: "commune", quality_flags: [], ...extra,
});

function renderList(path: string, routes: Parameters<typeof fakeClient>[0], role: Role = "prefecture") {
  const fake = fakeClient({
    "POST /auth/refresh": () => json(session(makeUser({ role }))),
    "GET /departements": () => json({ items: [{ code: "70", name: "Haute-Saône", region_code: "27" }] }),
    "GET /regions": () => json({ items: [] }),
    ...routes,
  });
  render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider client={fake.client}>
        <Routes>
          <Route element={<RequireAuth />}>
            <Route path="/structures" element={<StructuresPage />} />
          </Route>
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
  return fake;
}

const queryOf = (request: Request) => new URL(request.url).search.slice(1);

afterEach(() => vi.restoreAllMocks());

describe("StructuresPage", () => {
  it("sends the URL's filters to the API and the filter form's choices as a new query", async () => {
    const fake = renderList("/structures?format=antenne&q=vesoul", {
      "GET /structures": () => json({ items: [summary(1, { format: "antenne", quality_flags: ["temporary_id"] })], next_cursor: null, total: 1 }),
    });
    const table = await screen.findByRole("table", { name: "Liste des structures" });
    expect(within(table).getAllByRole("row")[1]).toHaveTextContent("France services 1VesoulAntenneLabelliséeCommuneIdentifiant provisoire");
    expect(screen.getByTestId("structure-count")).toHaveTextContent("1 structure");
    const lists = () => fake.calls.filter((c) => c.method === "GET" && new URL(c.url).pathname.endsWith("/structures"));
    expect(queryOf(lists()[0])).toBe("format=antenne&q=vesoul&limit=50");

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Alerte qualité"), "empty_contact");
    await user.selectOptions(screen.getByLabelText("Type de porteur"), "la_poste");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    await waitFor(() => expect(lists()).toHaveLength(2));
    expect(queryOf(lists()[1])).toBe("format=antenne&carrier_type=la_poste&quality=empty_contact&q=vesoul&limit=50");
  });

  it("shows how many structures match in all (the list's total) and pages with the cursor", async () => {
    const fake = renderList("/structures?quality=empty_contact", {
      "GET /structures": (req) => new URL(req.url).searchParams.get("cursor")
        ? json({ items: [summary(51)], next_cursor: null, total: 51 })
        : json({ items: Array.from({ length: 50 }, (_, i) => summary(i)), next_cursor: "c2", total: 51 }),
    });
    await screen.findByRole("table");
    expect(screen.getByTestId("structure-count")).toHaveTextContent(/^51 structures \(page 1\)$/);
    await userEvent.setup().click(screen.getByRole("button", { name: "Page suivante" }));
    await screen.findByRole("link", { name: "France services 51" });
    expect(screen.getByTestId("structure-count")).toHaveTextContent(/^51 structures \(page 2\)$/);
    const last = fake.calls.filter((c) => new URL(c.url).pathname.endsWith("/structures")).at(-1)!;
    expect(queryOf(last)).toBe("quality=empty_contact&cursor=c2&limit=50");
    expect(screen.getByRole("button", { name: "Page précédente" })).toBeInTheDocument();
    // The total comes with the list: no other endpoint is asked for it.
    expect(fake.calls.some((c) => new URL(c.url).pathname.includes("/quality"))).toBe(false);
  });

  it("says the count is the page's when the server gives no total", async () => {
    renderList("/structures", {
      "GET /structures": () => json({ items: Array.from({ length: 50 }, (_, i) => summary(i)), next_cursor: "c2" }),
    });
    await screen.findByRole("table");
    expect(screen.getByTestId("structure-count")).toHaveTextContent("50 structures sur cette page");
  });

  it("exports with the bearer token and the list's filters (structure_format), then saves the file", async () => {
    const createObjectURL = vi.fn(() => "blob:export");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const fake = renderList("/structures?format=site", {
      "GET /structures": () => json({ items: [summary(1)], next_cursor: null }),
      "GET /structures/export": () => new Response("\ufeffidentifiant_anct;nom\n2494;Vesoul\n", {
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": "attachment; filename=\"structures-2026-11-24.csv\"; filename*=UTF-8''structures-2026-11-24.csv" },
      }),
    });
    await screen.findByRole("table");
    await userEvent.setup().click(screen.getByRole("button", { name: "CSV" }));
    await screen.findByText("Fichier « structures-2026-11-24.csv » téléchargé.");
    const request = fake.calls.find((c) => new URL(c.url).pathname.endsWith("/structures/export"))!;
    expect(queryOf(request)).toBe("format=csv&structure_format=site");
    expect(request.headers.get("Authorization")).toBe("Bearer access-1");
    expect(createObjectURL).toHaveBeenCalledOnce();
    expect(click).toHaveBeenCalledOnce();
  });

  it("offers creation and import to a prefecture only", async () => {
    renderList("/structures", { "GET /structures": () => json({ items: [], next_cursor: null }) }, "animateur");
    await screen.findByText("Aucune structure ne correspond à ces critères.");
    expect(screen.queryByRole("link", { name: "Nouvelle structure" })).toBeNull();
    expect(screen.queryByRole("link", { name: "Importer la liste ANCT" })).toBeNull();
    expect(screen.getByRole("link", { name: "Qualité des données" })).toBeInTheDocument();
  });
});

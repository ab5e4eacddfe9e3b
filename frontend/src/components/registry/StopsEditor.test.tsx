import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../../auth/AuthContext";
import { fakeClient, json, makeUser, problem, session } from "../../test/fakeApi";
import { StopsEditor } from "./StopsEditor";

type WireStop = { id: string; structure_id: string; position: number; label: string; address: string; commune_code: string; commune_name: string; version: number };

const stop = (id: string, position: number, label: string, commune: [string, string]): WireStop => ({
  id, structure_id: "bus", position, label, address: "", commune_code: commune[0], commune_name: commune[1], version: 1,
});

/** A server keeping positions 1..n: a PATCH of `position` moves the stop and shifts those in between. */
function busServer(stale = false) {
  let stops = [
    stop("a", 1, "Mairie", ["70432", "Quers"]),
    stop("b", 2, "École", ["70285", "Ehuns"]),
    stop("c", 3, "Salle des fêtes", ["70432", "Quers"]),
  ];
  const fake = fakeClient({
    "POST /auth/refresh": () => json(session(makeUser())),
    "GET /structures/bus/stops": () => json({ items: [...stops].sort((x, y) => x.position - y.position) }),
    "PATCH /structures/bus/stops/c": async (req) => {
      if (stale) return problem(412, { title: "Cet arrêt a été modifié entre-temps.", code: "precondition_failed" });
      const body = (await req.json()) as { position: number };
      const moved = stops.find((s) => s.id === "c")!;
      const from = moved.position;
      const to = Math.max(1, Math.min(body.position, stops.length));
      stops = stops.map((s) => {
        if (s.id === "c") return { ...s, position: to, version: s.version + 1 };
        if (to < from && s.position >= to && s.position < from) return { ...s, position: s.position + 1, version: s.version + 1 };
        if (to > from && s.position <= to && s.position > from) return { ...s, position: s.position - 1, version: s.version + 1 };
        return s;
      });
      return json(stops.find((s) => s.id === "c"), { headers: { ETag: '"2"' } });
    },
  });
  render(<AuthProvider client={fake.client}><StopsEditor structureId="bus" departement="70" editable /></AuthProvider>);
  return fake;
}

const order = () => within(screen.getByRole("table", { name: "Arrêts, dans l’ordre de la tournée" }))
  .getAllByRole("row").slice(1).map((row) => within(row).getAllByRole("cell").slice(0, 4).map((c) => c.textContent).join(" | "));

describe("StopsEditor", () => {
  it("shows each stop's commune from the stop itself, without looking communes up", async () => {
    const fake = busServer();
    await screen.findByRole("table", { name: "Arrêts, dans l’ordre de la tournée" });
    expect(order()).toEqual(["1 | Mairie | — | Quers", "2 | École | — | Ehuns", "3 | Salle des fêtes | — | Quers"]);
    expect(fake.calls.some((c) => new URL(c.url).pathname.endsWith("/communes"))).toBe(false);
  });

  it("moves a stop up with one PATCH of its position (If-Match), then reads the list again", async () => {
    const fake = busServer();
    await screen.findByRole("table", { name: "Arrêts, dans l’ordre de la tournée" });
    await userEvent.setup().click(screen.getByRole("button", { name: "Monter l’arrêt Salle des fêtes" }));
    await screen.findByText("L’arrêt « Salle des fêtes » est maintenant en position 2.");
    await waitFor(() => expect(order()).toEqual(["1 | Mairie | — | Quers", "2 | Salle des fêtes | — | Quers", "3 | École | — | Ehuns"]));

    const writes = fake.calls.filter((c) => c.method !== "GET" && !c.url.endsWith("/auth/refresh"));
    expect(writes).toHaveLength(1);
    expect(writes[0].method).toBe("PATCH");
    expect(writes[0].headers.get("If-Match")).toBe('"1"');
    expect(await writes[0].json()).toEqual({ position: 2 });
    expect(fake.calls.filter((c) => c.method === "GET" && c.url.endsWith("/stops"))).toHaveLength(2);
  });

  it("says so when the stop changed in between, and shows the server's order again", async () => {
    const fake = busServer(true);
    await screen.findByRole("table", { name: "Arrêts, dans l’ordre de la tournée" });
    await userEvent.setup().click(screen.getByRole("button", { name: "Monter l’arrêt Salle des fêtes" }));
    expect(await screen.findByText("Cet arrêt a été modifié entre-temps.")).toBeInTheDocument();
    await waitFor(() => expect(fake.calls.filter((c) => c.method === "GET" && c.url.endsWith("/stops"))).toHaveLength(2));
    expect(order()[2]).toBe("3 | Salle des fêtes | — | Quers");
  });
});

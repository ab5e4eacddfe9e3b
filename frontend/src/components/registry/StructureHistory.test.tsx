import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../../auth/AuthContext";
import { fakeClient, json, makeUser, session } from "../../test/fakeApi";
import { StructureHistory } from "./StructureHistory";

describe("StructureHistory", () => {
  it("lists who changed which field from → to (old Go names and the API's names), without technical fields or creation snapshots", async () => {
    const { client, calls } = fakeClient({
      "POST /auth/refresh": () => json(session(makeUser())),
      "GET /audit": () => json({
        items: [
          {
            id: "2", at: "2026-11-24T11:22:04Z", actor_type: "user", actor_label: "prefecture.70@maillage.test",
            action: "structure.update", object_type: "structure", object_id: "s-1", departements: ["70"],
            diff: { Phone: { from: "03 84 75 00 00", to: "03 84 75 12 34" }, Version: { from: 2, to: 3 }, UpdatedAt: { from: "a", to: "b" } },
          },
          {
            id: "3", at: "2026-11-24T11:23:00Z", actor_type: "user", actor_label: "animateur.70@maillage.test",
            action: "stop.update", object_type: "structure", object_id: "s-1", departements: ["70"],
            after: { Label: "Place de la mairie" }, diff: { Position: { from: 3, to: 2 } },
          },
          {
            id: "4", at: "2026-11-24T11:24:00Z", actor_type: "user", actor_label: "prefecture.70@maillage.test",
            action: "structure.update", object_type: "structure", object_id: "s-1", departements: ["70"],
            diff: {
              "carrier.siret": { from: "", to: "21700550300016" },
              coordinates_source: { from: "manual", to: "commune" },
              latitude: { from: 47.62, to: 47.6234 },
            },
          },
          {
            id: "5", at: "2026-11-24T11:25:00Z", actor_type: "user", actor_label: "animateur.70@maillage.test",
            action: "stop.update", object_type: "structure", object_id: "s-1", departements: ["70"],
            after: { label: "Salle des fêtes", position: 1 }, diff: { position: { from: 2, to: 1 } },
          },
          {
            id: "1", at: "2026-11-24T11:20:33Z", actor_type: "system", actor_label: "système",
            action: "structure.import_create", object_type: "structure", object_id: "s-1", departements: ["70"],
            diff: { Name: { from: null, to: "France services de Vesoul" } },
          },
        ],
        next_cursor: null,
      }),
    });
    render(<AuthProvider client={client}><StructureHistory structureId="s-1" /></AuthProvider>);
    const table = await screen.findByRole("table", { name: "Historique des modifications" });
    const rows = within(table).getAllByRole("row").slice(1).map((row) => within(row).getAllByRole("cell").map((c) => c.textContent));
    expect(rows[0].slice(1)).toEqual(["prefecture.70@maillage.test", "Modification", "Téléphone : 03 84 75 00 00 →devient 03 84 75 12 34"]);
    expect(rows[1].slice(1)).toEqual(["animateur.70@maillage.test", "Modification d’un arrêt « Place de la mairie »", "Ordre : 3 →devient 2"]);
    expect(rows[2].slice(1)).toEqual([
      "prefecture.70@maillage.test", "Modification",
      "SIRET du porteur : (vide) →devient 21700550300016Source des coordonnées : saisies →devient centre de la communeLatitude : 47,62 →devient 47,6234",
    ]);
    expect(rows[3].slice(1)).toEqual(["animateur.70@maillage.test", "Modification d’un arrêt « Salle des fêtes »", "Ordre : 2 →devient 1"]);
    expect(rows[4].slice(1)).toEqual(["Système (import)", "Création par import ANCT", "—"]);
    expect(new URL(calls.find((c) => c.url.includes("/audit"))!.url).search).toBe("?object_type=structure&object_id=s-1&limit=50");
  });
});

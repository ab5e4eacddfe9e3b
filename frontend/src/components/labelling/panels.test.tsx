import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { toStructure } from "../../api/registry";
import { json, problem } from "../../test/fakeApi";
import { AuditPanel } from "./AuditPanel";
import { CandidaturePanel } from "./CandidaturePanel";
import { LabelStatusPanel } from "./LabelStatusPanel";
import { ProgressChart } from "./ProgressChart";
import { renderAuthed } from "./testing";

describe("LabelStatusPanel", () => {
  it("shows the state, the label date and wave, one button per allowed transition with its blocking guards, and the history", async () => {
    renderAuthed(<LabelStatusPanel structureId="fs" departement="70" />, {
      "GET /structures/fs/label": () => json({
        structure_id: "fs", state: "instruction", state_label: "En instruction", label_date: null, wave: null, version: 3,
        history: [
          { id: "h1", from: "projet", to: "candidature_deposee", at: "2026-11-02T09:00:00Z", actor_label: "Préfecture de la Haute-Saône", compliance_status: "failure" },
          { id: "h2", from: "candidature_deposee", to: "instruction", at: "2026-11-03T09:00:00Z", actor_label: "Préfecture de la Haute-Saône", reason: "Dossier reçu", compliance_status: "failure" },
        ],
        allowed: [
          { to: "audit_demande", label: "Demander l’audit", blocked: [{ code: "hours", message: "Ouverture prévue 20 h par semaine, 24 h requises." }] },
          { to: "rejete", label: "Rejeter", reason_required: true, negative: true, blocked: [] },
        ],
      }, { headers: { ETag: '"3"' } }),
    });
    expect(await screen.findByText("En instruction")).toBeInTheDocument();
    expect(screen.getByTestId("label-date")).toHaveTextContent("Pas encore labellisée.");
    expect(screen.getByRole("button", { name: "Demander l’audit" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Rejeter" })).toBeEnabled();
    expect(screen.getByText("Ouverture prévue 20 h par semaine, 24 h requises.")).toBeInTheDocument();
    const items = within(screen.getByRole("list", { name: "Historique du label" })).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Candidature déposée → En instruction");
    expect(items[0]).toHaveTextContent("Motif : Dossier reçu");
    expect(items[0]).toHaveTextContent("Conformité : non conforme");
    expect(items[1]).toHaveTextContent("Projet → Candidature déposée");
  });

  it("says when the role has no decision to take", async () => {
    renderAuthed(<LabelStatusPanel structureId="fs" departement="70" />, {
      "GET /structures/fs/label": () => json({ state: "labellise", label_date: "2022-01-01", wave: { id: "w", name: "Vague 1", date: "2022-01-01" }, version: 1, history: [], allowed: [] }),
    }, "region");
    expect(await screen.findByText("Aucune décision ne vous revient dans la situation actuelle.")).toBeInTheDocument();
    expect(screen.getByTestId("label-date")).toHaveTextContent("Labellisée le 1 janvier 2022 — Vague 1.");
  });
});

const structure = toStructure({ id: "fs", name: "France services Essai", departement_code: "70", format: "site", carrier: { type: "commune", name: "Commune d’Essai" } });

describe("CandidaturePanel", () => {
  it("creates the file without If-Match, then saves it with the version and shows the completeness", async () => {
    const user = userEvent.setup();
    const bodies: unknown[] = [];
    let version = 0;
    const fake = renderAuthed(<CandidaturePanel structure={structure} writer locked={false} />, {
      "GET /structures/fs/candidature": () => problem(404, { title: "Aucun dossier", code: "candidature.not_found" }),
      "PUT /structures/fs/candidature": async (req) => {
        const body = await req.json() as Record<string, unknown>;
        bodies.push(body);
        version += 1;
        return json({
          ...body, id: "c1", version, documents: [],
          completeness: [
            { field: "carrier", ok: true, message: "" },
            { field: "hours", ok: false, message: "Ouverture prévue 20 h par semaine, 24 h requises." },
          ],
        }, { headers: { ETag: `"${version}"` } });
      },
    });
    const carrier = await screen.findByLabelText("Porteur du projet");
    expect(carrier).toHaveValue("Commune d’Essai");
    expect(screen.getByText("Les pièces du dossier pourront être déposées une fois le dossier enregistré.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Nom du site 1"), "Mairie");
    await user.type(screen.getByLabelText(/^Partenaires prévus/), "CAF{enter}MSA");
    await user.click(within(screen.getByRole("group", { name: /bureau confidentiel/ })).getByLabelText("Oui"));
    await user.click(screen.getByRole("button", { name: "Enregistrer le dossier" }));
    await screen.findByText("Le dossier de candidature a été enregistré.");
    const puts = fake.calls.filter((c) => c.method === "PUT");
    expect(puts[0].headers.get("If-Match")).toBeNull();
    expect(bodies[0]).toMatchObject({
      carrier_name: "Commune d’Essai", planned_sites: [{ name: "Mairie", commune_code: "", address: "" }], partners_planned: ["CAF", "MSA"],
      premises: { confidential_office: true, it_equipment: null, accessibility: null, notes: "" },
    });
    const points = screen.getByRole("list", { name: "Points de complétude" });
    expect(points).toHaveTextContent("Horaires prévus : à compléter");
    expect(points).toHaveTextContent("Ouverture prévue 20 h par semaine, 24 h requises.");
    expect(screen.getByText("1 point à compléter avant de demander l’audit.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer le dossier" }));
    await waitFor(() => expect(fake.calls.filter((c) => c.method === "PUT")).toHaveLength(2));
    expect(fake.calls.filter((c) => c.method === "PUT")[1].headers.get("If-Match")).toBe('"1"');
  });
});

describe("CandidaturePanel once the audit is requested", () => {
  it("shows the file read-only", async () => {
    renderAuthed(<CandidaturePanel structure={structure} writer locked />, {
      "GET /structures/fs/candidature": () => json({ id: "c1", version: 2, carrier_name: "Commune d’Essai", planned_sites: [{ name: "Mairie" }],
        documents: [{ id: "d1", name: "dossier.pdf", size: 2048, kind: "dossier" }], completeness: [] }),
    });
    expect(await screen.findByLabelText("Porteur du projet")).toBeDisabled();
    expect(screen.getByText(/Le dossier ne se modifie plus depuis la demande d’audit/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Enregistrer le dossier" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Déposer la pièce" })).toBeNull();
    expect(screen.getByRole("button", { name: "dossier.pdf (2 Ko)" })).toBeInTheDocument();
  });
});

describe("AuditPanel", () => {
  it("locks the automatic criteria and sends the manual answers with If-Match", async () => {
    const user = userEvent.setup();
    const fake = renderAuthed(<AuditPanel structureId="fs" editable />, {
      "GET /structures/fs/audit": () => json({
        grid_version: "qualite-2025", complete: false, editable: true, version: 2,
        criteria: [
          { code: "H1", label: "Ouverture 24 h sur 5 jours", category: "Horaires", automatic: true, status: "conforme", locked: true },
          { code: "L1", label: "Bureau confidentiel", category: "Locaux", automatic: false, status: "a_verifier" },
        ],
      }),
      "PUT /structures/fs/audit": () => json({ grid_version: "qualite-2025", complete: true, editable: true, version: 3, criteria: [] }),
    });
    const locked = await screen.findByRole("group", { name: "Ouverture 24 h sur 5 jours" });
    expect(locked).toHaveTextContent("Conforme");
    expect(within(locked).queryByRole("radio")).toBeNull();
    await user.click(within(screen.getByRole("group", { name: /Bureau confidentiel/ })).getByLabelText("Non conforme"));
    await user.type(screen.getByLabelText(/Commentaire sur « Bureau confidentiel »/), "Pas de porte");
    await user.click(screen.getByRole("button", { name: "Enregistrer l’audit" }));
    await screen.findByText("L’audit est enregistré et complet.");
    const put = fake.calls.find((c) => c.method === "PUT");
    expect(put?.headers.get("If-Match")).toBe('"2"');
    expect(await put?.json()).toEqual({ answers: [{ code: "L1", status: "non_conforme", comment: "Pas de porte" }] });
  });
});

describe("AuditPanel before the audit is requested", () => {
  it("shows the grid for information only", async () => {
    renderAuthed(<AuditPanel structureId="fs" editable />, {
      "GET /structures/fs/audit": () => json({ grid_version: "qualite-2025", editable: false, version: 0,
        criteria: [{ code: "L1", label: "Bureau confidentiel", category: "Locaux", automatic: false, status: "a_verifier" }] }),
    });
    expect(await screen.findByText(/L’audit se renseigne lorsque la structure est à l’état « Audit demandé »/)).toBeInTheDocument();
    expect(within(screen.getByRole("group", { name: /Bureau confidentiel/ })).getByLabelText("Conforme")).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Enregistrer l’audit" })).toBeNull();
  });
});

describe("ProgressChart", () => {
  it("draws the waves and gives the same data as a table", () => {
    render(<ProgressChart targets={[{ label: "Objectif 2026", count: 24 }]} waves={[
      { id: "a", name: "Vague 1", date: "2020-01-01", count: 20, cumulative: 20 },
      { id: "b", name: "Vague 2", date: "2022-01-01", count: 3, cumulative: 23 },
    ]} />);
    const img = screen.getByRole("img", { name: "Labellisations par vague et cumul" });
    expect(img).toHaveAccessibleDescription(/23 structures labellisées au total après la dernière vague ; objectif : Objectif 2026 \(24\)/);
    expect(img.querySelectorAll("rect")).toHaveLength(2);
    const table = screen.getByRole("table", { name: "Données du graphique : labellisations par vague" });
    expect(within(table).getAllByRole("row").map((r) => r.textContent)).toEqual([
      "VagueDateLabellisées lors de la vagueCumul", "Vague 11 janvier 20202020", "Vague 21 janvier 2022323",
    ]);
  });
});

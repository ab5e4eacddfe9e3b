import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuthProvider } from "../../auth/AuthContext";
import { fakeClient, json, makeUser, session } from "../../test/fakeApi";
import { CalendarTab } from "./CalendarTab";

describe("CalendarTab", () => {
  it("lists the exceptions, adds a reduced day with its slot and shows the month's intervals", async () => {
    const user = userEvent.setup();
    const today = new Date().toISOString().slice(0, 10);
    let exceptions = [{ id: "x1", type: "closed", from: "2099-12-24", to: "2099-12-26", reason: "Fêtes", public_message: "Fermé pour les fêtes.", slots: [], version: 1 }];
    const fake = fakeClient({
      "POST /auth/refresh": () => json(session(makeUser())),
      "GET /structures/fs/exceptions": () => json({ items: exceptions }),
      "POST /structures/fs/exceptions": async (req) => {
        const body = (await req.json()) as Record<string, unknown>;
        exceptions = [...exceptions, { id: "x2", version: 1, slots: [], reason: "", public_message: "", type: "reduced", from: today, to: today, ...body }];
        return json(exceptions.at(-1), { status: 201 });
      },
      "GET /structures/fs/calendar": () => json({ structure_id: "fs", timezone: "Europe/Paris", intervals: [
        { date: `${today.slice(0, 7)}-02`, start: `${today.slice(0, 7)}-02T09:00:00+01:00`, end: `${today.slice(0, 7)}-02T12:30:00+01:00`, source: "regular" },
      ] }),
    });
    render(<AuthProvider client={fake.client}><CalendarTab structureId="fs" editable /></AuthProvider>);
    const list = await screen.findByRole("list", { name: "Exceptions à venir" });
    expect(within(list).getByText("Fermeture du 24 décembre 2099 au 26 décembre 2099", { exact: false })).toBeInTheDocument();
    expect(within(list).getByText("Message au public : Fermé pour les fêtes.")).toBeInTheDocument();
    expect(await screen.findByText("09:00–12:30")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Ajouter une exception" }));
    await user.selectOptions(screen.getByLabelText("Type"), "reduced");
    await user.clear(screen.getByLabelText("à"));
    await user.type(screen.getByLabelText("à"), "11:00");
    await user.type(screen.getByLabelText("Motif (interne)"), "Réunion");
    await user.click(screen.getByRole("button", { name: "Enregistrer l’exception" }));
    await screen.findByText("L’exception a été enregistrée.");
    const post = fake.calls.find((c) => c.method === "POST" && c.url.includes("/exceptions"));
    expect(await post?.json()).toEqual({ type: "reduced", from: today, to: today, reason: "Réunion", public_message: "", slots: [{ start: "09:00", end: "11:00" }] });
    await waitFor(() => expect(screen.getAllByRole("listitem").some((li) => li.textContent?.includes("Horaires réduits"))).toBe(true));
  });
});

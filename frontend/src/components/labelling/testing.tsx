// Test helpers of the labelling components: render under a session restored from a fake API.
import type { ReactNode } from "react";
import { render } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { AuthProvider, useAuth } from "../../auth/AuthContext";
import type { Role } from "../../auth/roles";
import { fakeClient, json, makeUser, session } from "../../test/fakeApi";

type Handler = Parameters<typeof fakeClient>[0][string];

function WhenAuthenticated({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  return state.status === "authenticated" ? <>{children}</> : null;
}

/** Renders `ui` once the fake session (role `role`) is restored; returns the recorded requests. */
export function renderAuthed(ui: ReactNode, routes: Record<string, Handler>, role: Role = "prefecture", initialEntries = ["/"],
  user: Parameters<typeof makeUser>[0] = {}) {
  const fake = fakeClient({ "POST /auth/refresh": () => json(session(makeUser({ role, ...user }))), ...routes });
  render(
    <MemoryRouter initialEntries={initialEntries}>
      <AuthProvider client={fake.client}>
        <WhenAuthenticated>{ui}</WhenAuthenticated>
      </AuthProvider>
    </MemoryRouter>,
  );
  return fake;
}

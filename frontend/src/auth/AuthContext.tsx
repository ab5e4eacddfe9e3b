import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { ApiClient, User } from "../api/client";

export type AuthState =
  | { status: "loading" }
  | { status: "anonymous" }
  | { status: "authenticated"; user: User };

type AuthContextValue = {
  client: ApiClient;
  state: AuthState;
  login: (email: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
};

const AuthContext = createContext<AuthContextValue | null>(null);

/** Holds the session: restores it at start through the refresh cookie, follows login, logout and expiry. */
export function AuthProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });

  useEffect(() => {
    const unsubscribe = client.onSessionChange((session) =>
      setState(session ? { status: "authenticated", user: session.user } : { status: "anonymous" }),
    );
    void client.refresh();
    return unsubscribe;
  }, [client]);

  const login = useCallback(async (email: string, password: string) => {
    const session = await client.login(email, password);
    return session.user;
  }, [client]);

  const logout = useCallback(() => client.logout(), [client]);

  const value = useMemo(() => ({ client, state, login, logout }), [client, state, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth must be used inside <AuthProvider>");
  return value;
}

/** The API client of the current session. */
export function useApi(): ApiClient {
  return useAuth().client;
}

/** The logged-in user; only for components rendered under <RequireAuth>. */
export function useCurrentUser(): User {
  const { state } = useAuth();
  if (state.status !== "authenticated") throw new Error("useCurrentUser needs an authenticated session");
  return state.user;
}

import { useState } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { createApiClient, type ApiClient } from "./api/client";
import { AuthProvider } from "./auth/AuthContext";
import { USER_ADMIN_ROLES } from "./auth/roles";
import { Layout } from "./components/Layout";
import { RequireAuth, RequireRole } from "./components/RequireAuth";
import { AccountPage } from "./pages/AccountPage";
import { HomePage } from "./pages/HomePage";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { UserCreatePage } from "./pages/UserCreatePage";
import { UserDetailPage } from "./pages/UserDetailPage";
import { UsersPage } from "./pages/UsersPage";

/** All client-side routes (the Go server answers index.html for each of them). */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/connexion" element={<LoginPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          <Route path="/mon-compte" element={<AccountPage />} />
          <Route element={<RequireRole roles={USER_ADMIN_ROLES} />}>
            <Route path="/utilisateurs" element={<UsersPage />} />
            <Route path="/utilisateurs/nouveau" element={<UserCreatePage />} />
            <Route path="/utilisateurs/:id" element={<UserDetailPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

export function App({ client }: { client?: ApiClient }) {
  const [apiClient] = useState(() => client ?? createApiClient());
  return (
    <BrowserRouter>
      <AuthProvider client={apiClient}>
        <AppRoutes />
      </AuthProvider>
    </BrowserRouter>
  );
}

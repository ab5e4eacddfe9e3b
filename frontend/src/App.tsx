import { useState } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { createApiClient, type ApiClient } from "./api/client";
import { AuthProvider } from "./auth/AuthContext";
import { NETWORK_STEERING_ROLES, REGISTRY_MANAGER_ROLES, USER_ADMIN_ROLES } from "./auth/roles";
import { Layout } from "./components/Layout";
import { RequireAuth, RequireRole } from "./components/RequireAuth";
import { AccountPage } from "./pages/AccountPage";
import { HomePage } from "./pages/HomePage";
import { ImportPage } from "./pages/ImportPage";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { QualityPage } from "./pages/QualityPage";
import { HoursCompliancePage } from "./pages/HoursCompliancePage";
import { RuleSetsPage } from "./pages/RuleSetsPage";
import { COMPLIANCE_READER_ROLES } from "./hours/access";
import { StructureCreatePage } from "./pages/StructureCreatePage";
import { StructureEditPage } from "./pages/StructureEditPage";
import { StructureMapPage } from "./pages/StructureMapPage";
import { StructurePage } from "./pages/StructurePage";
import { StructuresPage } from "./pages/StructuresPage";
import { UserCreatePage } from "./pages/UserCreatePage";
import { UserDetailPage } from "./pages/UserDetailPage";
import { UsersPage } from "./pages/UsersPage";
import { MyVisitsPage } from "./pages/MyVisitsPage";
import { OverdueActionsPage } from "./pages/OverdueActionsPage";
import { VisitCreatePage } from "./pages/VisitCreatePage";
import { VisitPage } from "./pages/VisitPage";
import { VisitPlanPage } from "./pages/VisitPlanPage";
import { VISIT_PLAN_ROLES, VISIT_READER_ROLES, VISIT_WRITER_ROLES } from "./visits/labels";
import { LABEL_READER_ROLES } from "./labelling/labels";
import { LabellingPage } from "./pages/LabellingPage";
import { TargetsPage } from "./pages/TargetsPage";
import { API_CLIENT_ROLES, COVERAGE_READER_ROLES } from "./partners/access";
import { ApiClientsPage } from "./pages/ApiClientsPage";
import { CoveragePage } from "./pages/CoveragePage";
import { PartnerPage } from "./pages/PartnerPage";
import { PartnersPage } from "./pages/PartnersPage";
import { WebhookDeliveriesPage } from "./pages/WebhookDeliveriesPage";
import { WebhooksPage } from "./pages/WebhooksPage";

/** All client-side routes (the Go server answers index.html for each of them). */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/connexion" element={<LoginPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          <Route path="/mon-compte" element={<AccountPage />} />
          <Route path="/structures" element={<StructuresPage />} />
          <Route path="/structures/carte" element={<StructureMapPage />} />
          <Route path="/structures/:id" element={<StructurePage />} />
          <Route path="/structures/:id/modifier" element={<StructureEditPage />} />
          <Route path="/regles-label" element={<RuleSetsPage />} />
          <Route element={<RequireRole roles={REGISTRY_MANAGER_ROLES} />}>
            <Route path="/structures/nouvelle" element={<StructureCreatePage />} />
            <Route path="/structures/import" element={<ImportPage />} />
          </Route>
          <Route element={<RequireRole roles={NETWORK_STEERING_ROLES} />}>
            <Route path="/structures/qualite" element={<QualityPage />} />
          </Route>
          <Route element={<RequireRole roles={COMPLIANCE_READER_ROLES} />}>
            <Route path="/conformite" element={<HoursCompliancePage />} />
          </Route>
          <Route element={<RequireRole roles={LABEL_READER_ROLES} />}>
            <Route path="/labellisation" element={<LabellingPage />} />
            <Route path="/objectifs" element={<TargetsPage />} />
          </Route>
          <Route element={<RequireRole roles={VISIT_READER_ROLES} />}>
            <Route path="/visites" element={<MyVisitsPage />} />
            <Route path="/visites/:id" element={<VisitPage />} />
          </Route>
          <Route element={<RequireRole roles={VISIT_PLAN_ROLES} />}>
            <Route path="/visites/plan" element={<VisitPlanPage />} />
            <Route path="/visites/actions-en-retard" element={<OverdueActionsPage />} />
          </Route>
          <Route element={<RequireRole roles={VISIT_WRITER_ROLES} />}>
            <Route path="/visites/nouvelle" element={<VisitCreatePage />} />
          </Route>
          <Route element={<RequireRole roles={USER_ADMIN_ROLES} />}>
            <Route path="/utilisateurs" element={<UsersPage />} />
            <Route path="/utilisateurs/nouveau" element={<UserCreatePage />} />
            <Route path="/utilisateurs/:id" element={<UserDetailPage />} />
          </Route>
          <Route path="/partenaires" element={<PartnersPage />} />
          <Route path="/partenaires/:kind/:id" element={<PartnerPage />} />
          <Route element={<RequireRole roles={COVERAGE_READER_ROLES} />}>
            <Route path="/partenaires/couverture" element={<CoveragePage />} />
          </Route>
          <Route element={<RequireRole roles={API_CLIENT_ROLES} />}>
            <Route path="/clients-api" element={<ApiClientsPage />} />
            <Route path="/clients-api/:id/webhooks" element={<WebhooksPage />} />
            <Route path="/clients-api/:clientId/webhooks/:id/livraisons" element={<WebhookDeliveriesPage />} />
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

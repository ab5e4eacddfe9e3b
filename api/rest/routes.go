package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/labelling"
	"maillage/pkg/partner"
	"maillage/pkg/visit"
)

// Access says who may call a route: nobody needs a token for a public route; Roles nil means any authenticated
// caller; otherwise the caller's role must be listed (403 if not). Partner software (API clients, ADR 0008) may
// call only the routes that list one of its token's scopes in ClientScopes (403 otherwise); roles do not apply
// to it.
type Access struct {
	Public       bool
	Roles        []auth.Role
	ClientScopes []string
}

// forClients opens the route to API clients holding one of the scopes.
func (a Access) forClients(scopes ...string) Access {
	a.ClientScopes = scopes
	return a
}

var (
	public   = Access{Public: true}
	signedIn = Access{}
)

func rolesOnly(roles ...auth.Role) Access { return Access{Roles: roles} }

// Scope says how a route is tied to a territory, for the cross-tenant test matrix: the matrix expects 404 when
// the object (or the département in the path) lies outside the caller's territory.
type Scope string

const (
	ScopeNone        Scope = ""            // reference data, the caller's own session
	ScopeObject      Scope = "object"      // :id names an object that belongs to départements
	ScopeDepartement Scope = "departement" // :code names a département
	ScopeQuery       Scope = "query"       // a list filtered to the caller's territory
	ScopeRegion      Scope = "region"      // :code names a région (labelling, ADR 0007)
)

// Route is one line of the route table.
type Route struct {
	Method   string
	Path     string // Echo syntax, relative to /api/v1
	Handler  echo.HandlerFunc
	Access   Access
	Scope    Scope
	Resource string // object type behind :id, used by the tests to build own/other fixtures
	// BodyLimit overrides the 1 MiB default (uploads only).
	BodyLimit int64
	// TooLarge is the error of a body over BodyLimit (default: request.too_large).
	TooLarge *apperr.Error
	// SecretAnswer marks a POST whose answer carries a secret: Idempotency-Key is not honoured, so the answer is
	// never stored for replays.
	SecretAnswer bool
}

const apiPrefix = "/api/v1"

// routes is THE route table: every API endpoint, who may call it and how it is scoped.
func routes(h *Handlers) []Route {
	manageRegistry := rolesOnly(auth.RoleAdmin, auth.RolePrefecture)
	editStructure := rolesOnly(auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur, auth.RoleStructure)
	steerNetwork := rolesOnly(auth.RoleAdmin, auth.RoleRegion, auth.RolePrefecture, auth.RoleAnimateur)
	readVisits := rolesOnly(auth.RoleAdmin, auth.RoleRegion, auth.RolePrefecture, auth.RoleAnimateur, auth.RoleStructure)
	planVisits := rolesOnly(auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur)
	followActions := rolesOnly(auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur, auth.RoleStructure)
	managePartners := rolesOnly(auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur)
	writeForPartner := rolesOnly(auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur, auth.RolePartner)
	return []Route{
		// Authentication and the caller's own account
		{Method: http.MethodPost, Path: "/auth/login", Handler: h.login, Access: public},
		{Method: http.MethodPost, Path: "/auth/refresh", Handler: h.refresh, Access: public},
		{Method: http.MethodPost, Path: "/auth/logout", Handler: h.logout, Access: public},
		{Method: http.MethodGet, Path: "/auth/me", Handler: h.me, Access: signedIn},
		{Method: http.MethodPost, Path: "/auth/password", Handler: h.changePassword, Access: signedIn},

		// Accounts
		{Method: http.MethodGet, Path: "/users", Handler: h.listUsers, Access: rolesOnly(auth.RoleAdmin, auth.RolePrefecture), Scope: ScopeQuery},
		{Method: http.MethodPost, Path: "/users", Handler: h.createUser, Access: rolesOnly(auth.RoleAdmin, auth.RolePrefecture)},
		{Method: http.MethodGet, Path: "/users/:id", Handler: h.getUser, Access: rolesOnly(auth.RoleAdmin, auth.RolePrefecture), Scope: ScopeObject, Resource: "user"},
		{Method: http.MethodPatch, Path: "/users/:id", Handler: h.updateUser, Access: rolesOnly(auth.RoleAdmin, auth.RolePrefecture), Scope: ScopeObject, Resource: "user"},

		// Audit log
		{Method: http.MethodGet, Path: "/audit", Handler: h.listAudit, Access: rolesOnly(auth.RoleAdmin, auth.RoleRegion, auth.RolePrefecture, auth.RoleAnimateur), Scope: ScopeQuery},

		// Network registry: structures, stops of buses, multi-site groups, exports, ANCT import
		{Method: http.MethodGet, Path: "/structures", Handler: h.listStructures, Access: signedIn.forClients(partner.ScopeStructuresRead), Scope: ScopeQuery},
		{Method: http.MethodPost, Path: "/structures", Handler: h.createStructure, Access: manageRegistry},
		{Method: http.MethodGet, Path: "/structures.geojson", Handler: h.structuresGeoJSON, Access: signedIn, Scope: ScopeQuery},
		{Method: http.MethodGet, Path: "/structures/export", Handler: h.exportStructures, Access: signedIn, Scope: ScopeQuery},
		{Method: http.MethodGet, Path: "/structures/:id", Handler: h.getStructure, Access: signedIn.forClients(partner.ScopeStructuresRead), Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPatch, Path: "/structures/:id", Handler: h.updateStructure, Access: editStructure, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodDelete, Path: "/structures/:id", Handler: h.deleteStructure, Access: manageRegistry, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/stops", Handler: h.listStops, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPost, Path: "/structures/:id/stops", Handler: h.createStop, Access: editStructure, Scope: ScopeObject, Resource: "bus"},
		{Method: http.MethodPatch, Path: "/structures/:id/stops/:stop_id", Handler: h.updateStop, Access: editStructure, Scope: ScopeObject, Resource: "stop"},
		{Method: http.MethodDelete, Path: "/structures/:id/stops/:stop_id", Handler: h.deleteStop, Access: editStructure, Scope: ScopeObject, Resource: "stop"},
		{Method: http.MethodGet, Path: "/groups", Handler: h.listGroups, Access: signedIn, Scope: ScopeQuery},
		{Method: http.MethodPost, Path: "/groups", Handler: h.createGroup, Access: manageRegistry},
		{Method: http.MethodGet, Path: "/groups/:id", Handler: h.getGroup, Access: signedIn, Scope: ScopeObject, Resource: "group"},
		{Method: http.MethodPatch, Path: "/groups/:id", Handler: h.updateGroup, Access: manageRegistry, Scope: ScopeObject, Resource: "group"},
		{Method: http.MethodDelete, Path: "/groups/:id", Handler: h.deleteGroup, Access: manageRegistry, Scope: ScopeObject, Resource: "group"},
		{Method: http.MethodGet, Path: "/departements/:code/quality", Handler: h.departementQuality, Access: steerNetwork, Scope: ScopeDepartement},
		{Method: http.MethodPost, Path: "/imports/anct", Handler: h.importANCT, Access: manageRegistry, BodyLimit: importBodyLimit},

		// Visits: plan, record, follow up (ADR 0005)
		{Method: http.MethodGet, Path: "/visits", Handler: h.listVisits, Access: readVisits, Scope: ScopeQuery},
		{Method: http.MethodPost, Path: "/visits", Handler: h.createVisit, Access: planVisits},
		{Method: http.MethodGet, Path: "/visits.ics", Handler: h.visitsICS, Access: readVisits, Scope: ScopeQuery},
		{Method: http.MethodGet, Path: "/visits/:id", Handler: h.getVisit, Access: readVisits, Scope: ScopeObject, Resource: "visit"},
		{Method: http.MethodPatch, Path: "/visits/:id", Handler: h.updateVisit, Access: planVisits, Scope: ScopeObject, Resource: "visit"},
		{Method: http.MethodDelete, Path: "/visits/:id", Handler: h.deleteVisit, Access: planVisits, Scope: ScopeObject, Resource: "visit"},
		{Method: http.MethodGet, Path: "/visits/:id/findings", Handler: h.listFindings, Access: readVisits, Scope: ScopeObject, Resource: "visit"},
		{Method: http.MethodPost, Path: "/visits/:id/findings", Handler: h.createFinding, Access: planVisits, Scope: ScopeObject, Resource: "visit"},
		{Method: http.MethodPatch, Path: "/visits/:id/findings/:finding_id", Handler: h.updateFinding, Access: planVisits, Scope: ScopeObject, Resource: "finding"},
		{Method: http.MethodDelete, Path: "/visits/:id/findings/:finding_id", Handler: h.deleteFinding, Access: planVisits, Scope: ScopeObject, Resource: "finding"},
		{Method: http.MethodGet, Path: "/visits/:id/actions", Handler: h.listVisitActions, Access: readVisits, Scope: ScopeObject, Resource: "visit"},
		{Method: http.MethodPost, Path: "/visits/:id/actions", Handler: h.createAction, Access: planVisits, Scope: ScopeObject, Resource: "visit"},
		{Method: http.MethodGet, Path: "/visits/:id/attachments", Handler: h.listAttachments, Access: readVisits, Scope: ScopeObject, Resource: "visit"},
		{Method: http.MethodPost, Path: "/visits/:id/attachments", Handler: h.uploadAttachment, Access: planVisits, Scope: ScopeObject, Resource: "visit",
			BodyLimit: attachmentBodyLimit, TooLarge: visit.ErrAttachmentTooLarge},
		{Method: http.MethodGet, Path: "/visits/:id/attachments/:attachment_id", Handler: h.downloadAttachment, Access: readVisits, Scope: ScopeObject, Resource: "attachment"},
		{Method: http.MethodDelete, Path: "/visits/:id/attachments/:attachment_id", Handler: h.deleteAttachment, Access: planVisits, Scope: ScopeObject, Resource: "attachment"},
		{Method: http.MethodGet, Path: "/actions", Handler: h.listActions, Access: readVisits, Scope: ScopeQuery},
		{Method: http.MethodGet, Path: "/actions/:id", Handler: h.getAction, Access: readVisits, Scope: ScopeObject, Resource: "action"},
		{Method: http.MethodPatch, Path: "/actions/:id", Handler: h.updateAction, Access: followActions, Scope: ScopeObject, Resource: "action"},
		{Method: http.MethodGet, Path: "/departements/:code/visit-plan", Handler: h.visitPlan, Access: steerNetwork, Scope: ScopeDepartement},
		{Method: http.MethodGet, Path: "/departements/:code/overdue-actions", Handler: h.overdueActions, Access: steerNetwork, Scope: ScopeDepartement},
		{Method: http.MethodGet, Path: "/checklist-templates", Handler: h.listChecklistTemplates, Access: steerNetwork, Scope: ScopeQuery},
		{Method: http.MethodPost, Path: "/checklist-templates", Handler: h.createChecklistTemplate, Access: manageRegistry},
		{Method: http.MethodGet, Path: "/checklist-templates/:id", Handler: h.getChecklistTemplate, Access: steerNetwork, Scope: ScopeObject, Resource: "checklist_template"},
		{Method: http.MethodPatch, Path: "/checklist-templates/:id", Handler: h.updateChecklistTemplate, Access: manageRegistry, Scope: ScopeObject, Resource: "checklist_template"},
		{Method: http.MethodDelete, Path: "/checklist-templates/:id", Handler: h.deleteChecklistTemplate, Access: manageRegistry, Scope: ScopeObject, Resource: "checklist_template"},
		{Method: http.MethodPost, Path: "/checklist-templates/:id/publish", Handler: h.publishChecklistTemplate, Access: manageRegistry, Scope: ScopeObject, Resource: "checklist_template"},
		{Method: http.MethodGet, Path: "/calendar-link", Handler: h.getCalendarLink, Access: readVisits},
		{Method: http.MethodPost, Path: "/calendar-link", Handler: h.createCalendarLink, Access: readVisits, SecretAnswer: true},
		{Method: http.MethodDelete, Path: "/calendar-link", Handler: h.revokeCalendarLink, Access: readVisits},
		{Method: http.MethodGet, Path: "/calendar/:token", Handler: h.calendarFeed, Access: public},

		// Opening hours, agents, compliance (ADR 0006)
		{Method: http.MethodGet, Path: "/structures/:id/schedules", Handler: h.getSchedules, Access: signedIn.forClients(partner.ScopeStructuresRead), Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPut, Path: "/structures/:id/schedules", Handler: h.putSchedules, Access: editStructure, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/exceptions", Handler: h.listExceptions, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPost, Path: "/structures/:id/exceptions", Handler: h.createException, Access: editStructure, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPatch, Path: "/structures/:id/exceptions/:exception_id", Handler: h.updateException, Access: editStructure, Scope: ScopeObject, Resource: "exception"},
		{Method: http.MethodDelete, Path: "/structures/:id/exceptions/:exception_id", Handler: h.deleteException, Access: editStructure, Scope: ScopeObject, Resource: "exception"},
		{Method: http.MethodGet, Path: "/structures/:id/calendar", Handler: h.structureCalendar, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/open-at", Handler: h.structureOpenAt, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/hours.ics", Handler: h.structureHoursICS, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/hours/formats", Handler: h.structureHoursFormats, Access: signedIn.forClients(partner.ScopeStructuresRead), Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/agents", Handler: h.listAgents, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPost, Path: "/structures/:id/agents", Handler: h.createAgent, Access: editStructure, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/agents/:id", Handler: h.getAgent, Access: signedIn, Scope: ScopeObject, Resource: "agent"},
		{Method: http.MethodPatch, Path: "/agents/:id", Handler: h.updateAgent, Access: editStructure, Scope: ScopeObject, Resource: "agent"},
		{Method: http.MethodDelete, Path: "/agents/:id", Handler: h.deleteAgent, Access: editStructure, Scope: ScopeObject, Resource: "agent"},
		{Method: http.MethodPost, Path: "/agents/:id/trainings", Handler: h.addTraining, Access: editStructure, Scope: ScopeObject, Resource: "agent"},
		{Method: http.MethodGet, Path: "/structures/:id/compliance", Handler: h.structureCompliance, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPost, Path: "/structures/:id/compliance/preview", Handler: h.previewCompliance, Access: editStructure, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/compliance/history", Handler: h.complianceHistory, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/departements/:code/compliance", Handler: h.departementCompliance, Access: steerNetwork, Scope: ScopeDepartement},
		{Method: http.MethodGet, Path: "/compliance/summary", Handler: h.complianceSummary, Access: rolesOnly(auth.RoleAdmin, auth.RoleRegion), Scope: ScopeQuery},
		{Method: http.MethodGet, Path: "/rule-sets", Handler: h.listRuleSets, Access: signedIn},
		{Method: http.MethodPost, Path: "/rule-sets", Handler: h.createRuleSet, Access: rolesOnly(auth.RoleAdmin)},
		{Method: http.MethodDelete, Path: "/rule-sets/:code", Handler: h.deleteRuleSet, Access: rolesOnly(auth.RoleAdmin), Resource: "rule_set"},
		{Method: http.MethodPost, Path: "/structures/:id/stops/import", Handler: h.importStops, Access: editStructure, Scope: ScopeObject, Resource: "bus"},

		// Partners (ADR 0008): operators and socle, local partners, referents, permanences, coverage, API clients,
		// client credentials, webhooks
		{Method: http.MethodGet, Path: "/operators", Handler: h.listOperators, Access: signedIn},
		{Method: http.MethodPost, Path: "/operators", Handler: h.createOperator, Access: rolesOnly(auth.RoleAdmin)},
		{Method: http.MethodPatch, Path: "/operators/:id", Handler: h.updateOperator, Access: rolesOnly(auth.RoleAdmin), Resource: "operator"},
		{Method: http.MethodGet, Path: "/departements/:code/local-partners", Handler: h.listLocalPartners, Access: signedIn, Scope: ScopeDepartement},
		{Method: http.MethodPost, Path: "/departements/:code/local-partners", Handler: h.createLocalPartner, Access: managePartners, Scope: ScopeDepartement},
		{Method: http.MethodPatch, Path: "/local-partners/:id", Handler: h.updateLocalPartner, Access: managePartners, Scope: ScopeObject, Resource: "local_partner"},
		{Method: http.MethodDelete, Path: "/local-partners/:id", Handler: h.deleteLocalPartner, Access: managePartners, Scope: ScopeObject, Resource: "local_partner"},
		{Method: http.MethodGet, Path: "/partners/:kind/:id", Handler: h.partnerPage, Access: signedIn, Scope: ScopeObject, Resource: "partner"},
		{Method: http.MethodGet, Path: "/departements/:code/referents", Handler: h.listReferents, Access: signedIn.forClients(partner.ScopeReferentsWrite), Scope: ScopeDepartement},
		{Method: http.MethodPost, Path: "/departements/:code/referents", Handler: h.createReferent, Access: writeForPartner.forClients(partner.ScopeReferentsWrite), Scope: ScopeDepartement},
		{Method: http.MethodPatch, Path: "/referents/:id", Handler: h.updateReferent, Access: writeForPartner.forClients(partner.ScopeReferentsWrite), Scope: ScopeObject, Resource: "referent"},
		{Method: http.MethodDelete, Path: "/referents/:id", Handler: h.deleteReferent, Access: writeForPartner.forClients(partner.ScopeReferentsWrite), Scope: ScopeObject, Resource: "referent"},
		{Method: http.MethodGet, Path: "/structures/:id/permanences", Handler: h.listPermanences, Access: signedIn.forClients(partner.ScopeStructuresRead, partner.ScopePermanencesWrite), Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPost, Path: "/structures/:id/permanences", Handler: h.createPermanence, Access: writeForPartner.forClients(partner.ScopePermanencesWrite), Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPatch, Path: "/permanences/:id", Handler: h.updatePermanence, Access: writeForPartner.forClients(partner.ScopePermanencesWrite), Scope: ScopeObject, Resource: "permanence"},
		{Method: http.MethodDelete, Path: "/permanences/:id", Handler: h.deletePermanence, Access: writeForPartner.forClients(partner.ScopePermanencesWrite), Scope: ScopeObject, Resource: "permanence"},
		{Method: http.MethodGet, Path: "/departements/:code/partners/coverage", Handler: h.partnerCoverage, Access: rolesOnly(auth.RoleAdmin, auth.RoleRegion, auth.RolePrefecture, auth.RoleAnimateur, auth.RolePartner), Scope: ScopeDepartement},
		{Method: http.MethodGet, Path: "/api-clients", Handler: h.listAPIClients, Access: manageRegistry, Scope: ScopeQuery},
		{Method: http.MethodPost, Path: "/api-clients", Handler: h.createAPIClient, Access: manageRegistry, SecretAnswer: true},
		{Method: http.MethodGet, Path: "/api-clients/:id", Handler: h.getAPIClient, Access: manageRegistry, Scope: ScopeObject, Resource: "api_client"},
		{Method: http.MethodPatch, Path: "/api-clients/:id", Handler: h.updateAPIClient, Access: manageRegistry, Scope: ScopeObject, Resource: "api_client"},
		{Method: http.MethodPost, Path: "/api-clients/:id/secrets", Handler: h.rotateAPIClientSecret, Access: manageRegistry, Scope: ScopeObject, Resource: "api_client", SecretAnswer: true},
		{Method: http.MethodPost, Path: "/api-clients/:id/revoke", Handler: h.revokeAPIClient, Access: manageRegistry, Scope: ScopeObject, Resource: "api_client"},
		{Method: http.MethodPost, Path: "/oauth/token", Handler: h.issueClientToken, Access: public, SecretAnswer: true},
		{Method: http.MethodGet, Path: "/api-clients/:id/webhooks", Handler: h.listWebhooks, Access: manageRegistry, Scope: ScopeObject, Resource: "api_client"},
		{Method: http.MethodPost, Path: "/api-clients/:id/webhooks", Handler: h.createWebhook, Access: manageRegistry, Scope: ScopeObject, Resource: "api_client", SecretAnswer: true},
		{Method: http.MethodPatch, Path: "/webhooks/:id", Handler: h.updateWebhook, Access: manageRegistry, Scope: ScopeObject, Resource: "webhook"},
		{Method: http.MethodDelete, Path: "/webhooks/:id", Handler: h.deleteWebhook, Access: manageRegistry, Scope: ScopeObject, Resource: "webhook"},
		{Method: http.MethodGet, Path: "/webhooks/:id/deliveries", Handler: h.listWebhookDeliveries, Access: manageRegistry, Scope: ScopeObject, Resource: "webhook"},
		{Method: http.MethodPost, Path: "/webhook-deliveries/:id/replay", Handler: h.replayWebhookDelivery, Access: manageRegistry, Scope: ScopeObject, Resource: "webhook_delivery"},

		// Labelling (ADR 0007): label state and decisions, candidature file and documents, quality audit and its
		// versioned grid, waves, targets, progress, pipeline board
		{Method: http.MethodGet, Path: "/structures/:id/label", Handler: h.getLabel, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPost, Path: "/structures/:id/label/transitions", Handler: h.postTransition, Access: editStructure, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/candidature", Handler: h.getCandidature, Access: readVisits, Scope: ScopeObject, Resource: "candidature"},
		{Method: http.MethodPut, Path: "/structures/:id/candidature", Handler: h.putCandidature, Access: editStructure, Scope: ScopeObject, Resource: "candidature"},
		{Method: http.MethodPost, Path: "/structures/:id/candidature/documents", Handler: h.uploadDocument, Access: editStructure, Scope: ScopeObject, Resource: "candidature",
			BodyLimit: documentBodyLimit, TooLarge: labelling.ErrDocumentTooLarge},
		{Method: http.MethodGet, Path: "/structures/:id/candidature/documents/:doc_id", Handler: h.downloadDocument, Access: readVisits, Scope: ScopeObject, Resource: "candidature_document"},
		{Method: http.MethodDelete, Path: "/structures/:id/candidature/documents/:doc_id", Handler: h.deleteDocument, Access: editStructure, Scope: ScopeObject, Resource: "candidature_document"},
		{Method: http.MethodGet, Path: "/structures/:id/audit", Handler: h.getAudit, Access: readVisits, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPut, Path: "/structures/:id/audit", Handler: h.putAudit, Access: manageRegistry, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/label-grids", Handler: h.listGrids, Access: signedIn},
		{Method: http.MethodPost, Path: "/label-grids", Handler: h.publishGrid, Access: rolesOnly(auth.RoleAdmin)},
		{Method: http.MethodGet, Path: "/label-grids/:version", Handler: h.getGrid, Access: signedIn},
		{Method: http.MethodGet, Path: "/departements/:code/waves", Handler: h.listWaves, Access: steerNetwork, Scope: ScopeDepartement},
		{Method: http.MethodPost, Path: "/departements/:code/waves", Handler: h.createWave, Access: manageRegistry, Scope: ScopeDepartement},
		{Method: http.MethodGet, Path: "/departements/:code/targets", Handler: h.listDepartementTargets, Access: steerNetwork, Scope: ScopeDepartement},
		{Method: http.MethodPost, Path: "/departements/:code/targets", Handler: h.createDepartementTarget, Access: manageRegistry, Scope: ScopeDepartement},
		{Method: http.MethodGet, Path: "/regions/:code/targets", Handler: h.listRegionTargets, Access: rolesOnly(auth.RoleAdmin, auth.RoleRegion), Scope: ScopeRegion},
		{Method: http.MethodPost, Path: "/regions/:code/targets", Handler: h.createRegionTarget, Access: rolesOnly(auth.RoleAdmin), Scope: ScopeRegion},
		{Method: http.MethodPatch, Path: "/targets/:id", Handler: h.updateTarget, Access: manageRegistry, Scope: ScopeObject, Resource: "target"},
		{Method: http.MethodDelete, Path: "/targets/:id", Handler: h.deleteTarget, Access: manageRegistry, Scope: ScopeObject, Resource: "target"},
		{Method: http.MethodGet, Path: "/departements/:code/label-progress", Handler: h.departementProgress, Access: steerNetwork, Scope: ScopeDepartement},
		{Method: http.MethodGet, Path: "/regions/:code/label-progress", Handler: h.regionProgress, Access: rolesOnly(auth.RoleAdmin, auth.RoleRegion), Scope: ScopeRegion},
		{Method: http.MethodGet, Path: "/departements/:code/label-pipeline", Handler: h.labelPipeline, Access: steerNetwork, Scope: ScopeDepartement},

		// Territory reference data
		{Method: http.MethodGet, Path: "/regions", Handler: h.listRegions, Access: signedIn},
		{Method: http.MethodGet, Path: "/departements", Handler: h.listDepartements, Access: signedIn},
		{Method: http.MethodGet, Path: "/departements/:code", Handler: h.getDepartement, Access: signedIn},
		{Method: http.MethodGet, Path: "/departements/:code/outline", Handler: h.departementOutline, Access: signedIn},
		{Method: http.MethodGet, Path: "/communes", Handler: h.searchCommunes, Access: signedIn},

		// Spec
		{Method: http.MethodGet, Path: "/openapi.json", Handler: h.openAPI, Access: public},
	}
}

// Routes exposes the table to the tests (the cross-tenant matrix and the spec coverage test read it).
func Routes(h *Handlers) []Route { return routes(h) }

package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/visit"
)

// Access says who may call a route: nobody needs a token for a public route; Roles nil means any authenticated
// caller; otherwise the caller's role must be listed (403 if not).
type Access struct {
	Public bool
	Roles  []auth.Role
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
		{Method: http.MethodGet, Path: "/structures", Handler: h.listStructures, Access: signedIn, Scope: ScopeQuery},
		{Method: http.MethodPost, Path: "/structures", Handler: h.createStructure, Access: manageRegistry},
		{Method: http.MethodGet, Path: "/structures.geojson", Handler: h.structuresGeoJSON, Access: signedIn, Scope: ScopeQuery},
		{Method: http.MethodGet, Path: "/structures/export", Handler: h.exportStructures, Access: signedIn, Scope: ScopeQuery},
		{Method: http.MethodGet, Path: "/structures/:id", Handler: h.getStructure, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
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
		{Method: http.MethodGet, Path: "/structures/:id/schedules", Handler: h.getSchedules, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPut, Path: "/structures/:id/schedules", Handler: h.putSchedules, Access: editStructure, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/exceptions", Handler: h.listExceptions, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPost, Path: "/structures/:id/exceptions", Handler: h.createException, Access: editStructure, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodPatch, Path: "/structures/:id/exceptions/:exception_id", Handler: h.updateException, Access: editStructure, Scope: ScopeObject, Resource: "exception"},
		{Method: http.MethodDelete, Path: "/structures/:id/exceptions/:exception_id", Handler: h.deleteException, Access: editStructure, Scope: ScopeObject, Resource: "exception"},
		{Method: http.MethodGet, Path: "/structures/:id/calendar", Handler: h.structureCalendar, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/open-at", Handler: h.structureOpenAt, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/hours.ics", Handler: h.structureHoursICS, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
		{Method: http.MethodGet, Path: "/structures/:id/hours/formats", Handler: h.structureHoursFormats, Access: signedIn, Scope: ScopeObject, Resource: "structure"},
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

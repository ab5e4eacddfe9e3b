package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/pkg/auth"
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
}

const apiPrefix = "/api/v1"

// routes is THE route table: every API endpoint, who may call it and how it is scoped.
func routes(h *Handlers) []Route {
	manageRegistry := rolesOnly(auth.RoleAdmin, auth.RolePrefecture)
	editStructure := rolesOnly(auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur, auth.RoleStructure)
	steerNetwork := rolesOnly(auth.RoleAdmin, auth.RoleRegion, auth.RolePrefecture, auth.RoleAnimateur)
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

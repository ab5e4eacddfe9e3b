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
	return []Route{
		// Territory reference data
		{Method: http.MethodGet, Path: "/regions", Handler: h.listRegions, Access: signedIn},
		{Method: http.MethodGet, Path: "/departements", Handler: h.listDepartements, Access: signedIn},
		{Method: http.MethodGet, Path: "/departements/:code", Handler: h.getDepartement, Access: signedIn},
		{Method: http.MethodGet, Path: "/communes", Handler: h.searchCommunes, Access: signedIn},

		// Spec
		{Method: http.MethodGet, Path: "/openapi.json", Handler: h.openAPI, Access: public},
	}
}

// Routes exposes the table to the tests (the cross-tenant matrix and the spec coverage test read it).
func Routes(h *Handlers) []Route { return routes(h) }

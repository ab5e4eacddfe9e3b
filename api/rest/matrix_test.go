package rest_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"maillage/api/rest"
	"maillage/pkg/auth"
	"maillage/pkg/demo"
)

// The cross-tenant matrix: for every route of the table (not a hand-written list), every role, and an object in
// the caller's own territory or in another one, the answer must be
//   - 401 without a token,
//   - 403 when the role may not use the function,
//   - 404 when the object or département lies outside the caller's territory,
//   - something else (success, validation, precondition…) otherwise.
// A new resource type needs one entry in matrixFixtures; a route whose resource has none fails the test.

// matrixCaller is a demo account: its "own" territory is département 70 (Haute-Saône) or région 27, and 57
// (Moselle, région 44) is "other".
type matrixCaller struct {
	role  auth.Role
	email string
}

var matrixCallers = []matrixCaller{
	{auth.RoleAdmin, "admin@maillage.test"},
	{auth.RoleRegion, "region.bfc@maillage.test"},
	{auth.RolePrefecture, "prefecture.70@maillage.test"},
	{auth.RoleAnimateur, "animateur.70@maillage.test"},
	{auth.RoleStructure, "structure.70@maillage.test"},
	{auth.RolePartner, "partenaire.caf.70@maillage.test"},
}

const (
	ownDepartement   = "70"
	otherDepartement = "57"
)

// matrixFixtures give, per resource type, the id of an object in the own and in the other territory.
var matrixFixtures = map[string]func(t *testing.T, s *testServer, own bool) string{
	"user": func(t *testing.T, s *testServer, own bool) string {
		email := "prefecture.57@maillage.test"
		if own {
			email = "animateur.70@maillage.test"
		}
		var id string
		if err := s.db.Raw(`SELECT id FROM users WHERE email = ?`, email).Scan(&id).Error; err != nil || id == "" {
			t.Fatalf("fixture user %s: %v", email, err)
		}
		return id
	},
}

func TestCrossTenantMatrix(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	if err := demo.Seed(context.Background(), s.db, time.Now, ioDiscard{}); err != nil {
		t.Fatal(err)
	}
	tokens := map[auth.Role]string{}
	for _, c := range matrixCallers {
		tokens[c.role] = loginToken(t, s, c.email, demo.Password)
	}
	checked := 0
	for _, r := range rest.Routes(&rest.Handlers{}) {
		if r.Access.Public {
			continue
		}
		for _, own := range []bool{true, false} {
			path, ok := matrixPath(t, s, r, own)
			if !ok {
				continue
			}
			if own { // anonymous
				if rec := s.do(matrixRequest(r, path, "")); rec.Code != http.StatusUnauthorized {
					t.Errorf("%s %s anonymous: %d, want 401", r.Method, path, rec.Code)
				}
			}
			for _, c := range matrixCallers {
				want := expectation(r, c.role, own)
				rec := s.do(matrixRequest(r, path, tokens[c.role]))
				checked++
				if !want.accepts(rec.Code) {
					t.Errorf("%s %s as %s (%s territory): %d, want %s\n%s", r.Method, path, c.role,
						map[bool]string{true: "own", false: "other"}[own], rec.Code, want, rec.Body)
				}
			}
		}
	}
	t.Logf("%d route × role × territory cases checked", checked)
}

// matrixPath fills the route's path parameters for the own or the other territory. Routes without a
// territorial parameter are checked once (as "own").
func matrixPath(t *testing.T, s *testServer, r rest.Route, own bool) (string, bool) {
	path := "/api/v1" + r.Path
	switch {
	case strings.Contains(path, ":code"):
		code := otherDepartement
		if own {
			code = ownDepartement
		}
		return strings.Replace(path, ":code", code, 1), true
	case strings.Contains(path, ":id"):
		fixture, ok := matrixFixtures[r.Resource]
		if !ok {
			t.Fatalf("route %s %s: no matrix fixture for resource %q", r.Method, r.Path, r.Resource)
		}
		return strings.Replace(path, ":id", fixture(t, s, own), 1), true
	default:
		return path, own
	}
}

func matrixRequest(r rest.Route, path, token string) request {
	req := request{method: r.Method, path: path, token: token, headers: map[string]string{}}
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch:
		req.body = map[string]any{}
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		req.headers["If-Match"] = `"1"`
	}
	return req
}

// expected is the set of acceptable statuses.
type expected struct {
	exact   int  // 403 or 404
	allowed bool // anything but 401, 403 and 404
}

func (e expected) accepts(code int) bool {
	if e.allowed {
		return !slices.Contains([]int{401, 403, 404}, code) && code < 500
	}
	return code == e.exact
}

func (e expected) String() string {
	if e.allowed {
		return "an answer other than 401/403/404/5xx"
	}
	return fmt.Sprint(e.exact)
}

func expectation(r rest.Route, role auth.Role, own bool) expected {
	if r.Access.Roles != nil && !slices.Contains(r.Access.Roles, role) {
		return expected{exact: http.StatusForbidden}
	}
	territorial := r.Scope == rest.ScopeObject || r.Scope == rest.ScopeDepartement
	if territorial && !own && role != auth.RoleAdmin {
		return expected{exact: http.StatusNotFound}
	}
	return expected{allowed: true}
}

type ioDiscard struct{}

func (ioDiscard) Write(p []byte) (int, error) { return len(p), nil }

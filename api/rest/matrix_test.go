package rest_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

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

// matrixFixtures give, per resource type, the path parameters of an object in the own and in the other
// territory. The own structure is the one the structure account works in, so it is "own" for every role of 70.
var matrixFixtures = map[string]func(t *testing.T, s *testServer, own bool) map[string]string{
	"user": func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"id": sqlID(t, s, `SELECT id FROM users WHERE email = ?`,
			pick(own, "animateur.70@maillage.test", "prefecture.57@maillage.test"))}
	},
	"structure": func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"id": matrixStructure(t, s, own)}
	},
	"bus": func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"id": matrixBus(t, s, own)}
	},
	"stop": func(t *testing.T, s *testServer, own bool) map[string]string {
		bus := matrixBus(t, s, own)
		return map[string]string{"id": bus, "stop_id": sqlID(t, s,
			`SELECT id FROM structure_stops WHERE structure_id = ? ORDER BY position LIMIT 1`, bus)}
	},
	"group": func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"id": sqlID(t, s, `SELECT id FROM structure_groups WHERE departement_code = ? LIMIT 1`,
			pick(own, ownDepartement, otherDepartement))}
	},
	"visit": func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"id": matrixVisit(t, s, own)}
	},
	"finding": func(t *testing.T, s *testServer, own bool) map[string]string {
		v := matrixVisit(t, s, own)
		return map[string]string{"id": v, "finding_id": sqlID(t, s, `SELECT id FROM findings WHERE visit_id = ?`, v)}
	},
	"attachment": func(t *testing.T, s *testServer, own bool) map[string]string {
		v := matrixVisit(t, s, own)
		return map[string]string{"id": v, "attachment_id": sqlID(t, s, `SELECT id FROM visit_attachments WHERE visit_id = ?`, v)}
	},
	"action": func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"id": sqlID(t, s, `SELECT id FROM action_items WHERE visit_id = ?`, matrixVisit(t, s, own))}
	},
	"checklist_template": func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"id": matrixTemplate(t, s, own)}
	},
	// Hours (ADR 0006): an exception and an agent at version 7, so the matrix's If-Match "1" stops at 412.
	"exception": func(t *testing.T, s *testServer, own bool) map[string]string {
		st := matrixStructure(t, s, own)
		return map[string]string{"id": st, "exception_id": matrixRow(t, s,
			`SELECT id FROM schedule_exceptions WHERE structure_id = ? AND reason = 'matrice'`,
			`INSERT INTO schedule_exceptions (structure_id, owner_kind, owner_id, date_from, date_to, type, reason, version)
				VALUES (?, 'structure', ?, current_date + 30, current_date + 30, 'closed', 'matrice', 7) RETURNING id`, st)}
	},
	// Rule sets are national reference data: one code whatever the territory; fs-2019 is in force, so DELETE
	// stops at 409 and the set stays for the next callers.
	"rule_set": func(t *testing.T, s *testServer, own bool) map[string]string {
		return map[string]string{"code": "fs-2019"}
	},
	// Labelling (ADR 0007): a candidature (version 7: PUT and document DELETE with If-Match "1" stop at 412 or at
	// 409 for the labelled matrix structure) with one document, and a target of the département at version 7.
	"candidature": func(t *testing.T, s *testServer, own bool) map[string]string {
		st := matrixStructure(t, s, own)
		matrixCandidature(t, s, st)
		return map[string]string{"id": st}
	},
	"candidature_document": func(t *testing.T, s *testServer, own bool) map[string]string {
		st := matrixStructure(t, s, own)
		return map[string]string{"id": st, "doc_id": matrixRow(t, s,
			`SELECT id FROM candidature_documents WHERE structure_id = ? AND name = 'matrice.pdf'`,
			`INSERT INTO candidature_documents (candidature_id, structure_id, kind, name, content_type, size_bytes, sha256, content)
				SELECT id, structure_id, 'dossier', 'matrice.pdf', 'application/pdf', 8, 'empreinte', '%PDF-1.4'::bytea
				FROM candidatures WHERE structure_id = ? RETURNING id`, matrixCandidature(t, s, st))}
	},
	"target": func(t *testing.T, s *testServer, own bool) map[string]string {
		dep := pick(own, ownDepartement, otherDepartement)
		var id string
		s.db.Raw(`SELECT id FROM label_targets WHERE scope = 'departement' AND code = ? AND label = 'matrice'`, dep).Scan(&id)
		if id == "" {
			id = sqlID(t, s, `INSERT INTO label_targets (scope, code, due_date, count, label, version)
				VALUES ('departement', ?, DATE '2030-12-31', 30, 'matrice', 7) RETURNING id`, dep)
		}
		return map[string]string{"id": id}
	},
	"agent": func(t *testing.T, s *testServer, own bool) map[string]string {
		st := matrixStructure(t, s, own)
		return map[string]string{"id": matrixRow(t, s,
			`SELECT agent_id FROM agent_assignments WHERE structure_id = ? AND etp = 0.5`,
			`WITH a AS (INSERT INTO agents (name, version) VALUES ('Agent de la matrice', 7) RETURNING id)
				INSERT INTO agent_assignments (agent_id, structure_id, etp, start_date)
				SELECT id, ?, 0.5, current_date - 1 FROM a RETURNING agent_id`, st)}
	},
}

// matrixCandidature gives the structure a candidature file at version 7 (once) and returns the structure's id.
func matrixCandidature(t *testing.T, s *testServer, structureID string) string {
	t.Helper()
	if err := s.db.Exec(`INSERT INTO candidatures (structure_id, carrier_name, version) VALUES (?, 'Porteur de la matrice', 7)
		ON CONFLICT (structure_id) DO NOTHING`, structureID).Error; err != nil {
		t.Fatal(err)
	}
	return structureID
}

// matrixRow returns the id found by lookup, or inserts the row (both queries take the structure id, the insert
// as many times as it has placeholders).
func matrixRow(t *testing.T, s *testServer, lookup, insert, structureID string) string {
	t.Helper()
	var id string
	s.db.Raw(lookup, structureID).Scan(&id)
	if id != "" {
		return id
	}
	args := make([]any, strings.Count(insert, "?"))
	for i := range args {
		args[i] = structureID
	}
	return sqlID(t, s, insert, args...)
}

// matrixVisit is an animator's visit done at the matrix structure (every role that writes visits may write this
// type), with a finding, an action its structure is in charge of and an attachment. The finding's version and
// the attachment's ETag never match the matrix's If-Match "1", so DELETE stops at 412 and the objects stay for
// the next callers; the visit is done, so DELETE stops at 409.
func matrixVisit(t *testing.T, s *testServer, own bool) string {
	st := matrixStructure(t, s, own)
	var id string
	s.db.Raw(`SELECT id FROM visits WHERE structure_id = ? AND report = 'Visite de la matrice'`, st).Scan(&id)
	if id != "" {
		return id
	}
	id = sqlID(t, s, `INSERT INTO visits (structure_id, departement_code, visit_type, status, planned_date, done_date, report)
		SELECT id, departement_code, 'animateur', 'realisee', current_date - 1, current_date - 1, 'Visite de la matrice'
		FROM structures WHERE id = ? RETURNING id`, st)
	for _, q := range []string{
		`INSERT INTO findings (visit_id, structure_id, departement_code, description, severity, version)
			SELECT id, structure_id, departement_code, 'Constat de la matrice', 'mineure', 7 FROM visits WHERE id = ?`,
		`INSERT INTO action_items (visit_id, structure_id, departement_code, description, owner_type, due_date)
			SELECT id, structure_id, departement_code, 'Action de la matrice', 'structure', current_date + 30 FROM visits WHERE id = ?`,
		`INSERT INTO visit_attachments (visit_id, name, content_type, size_bytes, sha256, content)
			SELECT id, 'matrice.pdf', 'application/pdf', 8, 'empreinte', '%PDF-1.4'::bytea FROM visits WHERE id = ?`,
	} {
		if err := s.db.Exec(q, id).Error; err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// matrixTemplate is a published checklist of the own or the other département (PATCH and DELETE stop at 409).
func matrixTemplate(t *testing.T, s *testServer, own bool) string {
	dep := pick(own, ownDepartement, otherDepartement)
	var id string
	s.db.Raw(`SELECT id FROM checklist_templates WHERE departement_code = ?`, dep).Scan(&id)
	if id != "" {
		return id
	}
	id = sqlID(t, s, `INSERT INTO checklist_templates (visit_type, departement_code, title) VALUES ('animateur', ?,
		'Grille de la matrice') RETURNING id`, dep)
	for _, q := range []string{
		`INSERT INTO checklist_items (template_id, position, label, answer_type) VALUES (?, 1, 'Question', 'yes_no')`,
		`UPDATE checklist_templates SET status = 'publiee', number = 1, published_at = now() WHERE id = ?`,
	} {
		if err := s.db.Exec(q, id).Error; err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func pick(own bool, ownValue, otherValue string) string {
	if own {
		return ownValue
	}
	return otherValue
}

func sqlID(t *testing.T, s *testServer, query string, args ...any) string {
	t.Helper()
	var id string
	if err := s.db.Raw(query, args...).Scan(&id).Error; err != nil || id == "" {
		t.Fatalf("fixture %q %v: %v", query, args, err)
	}
	return id
}

// matrixStructure is the structure account's own structure (70), or the Moselle structure of Entrange.
func matrixStructure(t *testing.T, s *testServer, own bool) string {
	if own {
		return sqlID(t, s, `SELECT us.structure_id FROM user_structures us JOIN users u ON u.id = us.user_id
			WHERE u.email = 'structure.70@maillage.test'`)
	}
	return sqlID(t, s, `SELECT id FROM structures WHERE id_fs = '329'`)
}

// matrixBus makes the matrix structure itinerant, with one stop, so the stop routes have something to act on.
func matrixBus(t *testing.T, s *testServer, own bool) string {
	id := matrixStructure(t, s, own)
	if err := s.db.Exec(`UPDATE structures SET format = 'itinerant', parent_id = NULL WHERE id = ?`, id).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec(`INSERT INTO structure_stops (structure_id, position, label)
		SELECT ?, 1, 'Place de la mairie' WHERE NOT EXISTS (SELECT 1 FROM structure_stops WHERE structure_id = ?)`, id, id).Error; err != nil {
		t.Fatal(err)
	}
	return id
}

func TestCrossTenantMatrix(t *testing.T) {
	t.Parallel()
	s, _ := registryServer(t)
	uploadExtract(t, s, loginToken(t, s, "admin@maillage.test", demo.Password), extractPath, true)
	for _, dep := range []string{ownDepartement, otherDepartement} {
		if err := s.db.Exec(`INSERT INTO structure_groups (departement_code, name) VALUES (?, 'Groupe de la matrice')`, dep).Error; err != nil {
			t.Fatal(err)
		}
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
	case r.Scope == rest.ScopeRegion: // a région: Bourgogne-Franche-Comté (70's) or Grand Est (57's)
		return strings.Replace(path, ":code", pick(own, "27", "44"), 1), true
	case strings.Contains(path, ":version"): // a criteria grid version (national reference data)
		return strings.Replace(path, ":version", "qualite-2025", 1), own
	case strings.Contains(path, ":code") && r.Resource != "": // a code that is not a département's (rule sets)
		return strings.Replace(path, ":code", matrixFixtures[r.Resource](t, s, own)["code"], 1), own
	case strings.Contains(path, ":code"):
		return strings.Replace(path, ":code", pick(own, ownDepartement, otherDepartement), 1), true
	case strings.Contains(path, ":id"):
		fixture, ok := matrixFixtures[r.Resource]
		if !ok {
			t.Fatalf("route %s %s: no matrix fixture for resource %q", r.Method, r.Path, r.Resource)
		}
		for name, value := range fixture(t, s, own) {
			path = strings.Replace(path, ":"+name, value, 1)
		}
		if strings.Contains(path, "/:") {
			t.Fatalf("route %s %s: fixture %q leaves a parameter in %s", r.Method, r.Path, r.Resource, path)
		}
		return path, true
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
	territorial := r.Scope == rest.ScopeObject || r.Scope == rest.ScopeDepartement || r.Scope == rest.ScopeRegion
	if territorial && !own && role != auth.RoleAdmin {
		return expected{exact: http.StatusNotFound}
	}
	return expected{allowed: true}
}

type ioDiscard struct{}

func (ioDiscard) Write(p []byte) (int, error) { return len(p), nil }

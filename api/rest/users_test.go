package rest_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"maillage/api/rest"
	"maillage/pkg/demo"
)

func newAccount(email, role string, deps ...string) map[string]any {
	return map[string]any{"email": email, "name": "Compte " + email, "role": role, "departements": deps,
		"password": "un-mot-de-passe-solide"}
}

func TestCreateUserPermissions(t *testing.T) {
	t.Parallel()
	s := seededServer(t)
	admin, pref70 := mint(t, s, "admin@maillage.test"), mint(t, s, "prefecture.70@maillage.test")
	animateur := mint(t, s, "animateur.70@maillage.test")
	cases := []struct {
		name   string
		token  string
		body   map[string]any
		status int
		code   string
	}{
		{"admin in 57", admin, newAccount("a57@maillage.test", "prefecture", "57"), 201, ""},
		{"admin in 70 and 60", admin, newAccount("a70-60@maillage.test", "animateur", "70", "60"), 201, ""},
		{"admin creates an admin", admin, map[string]any{"email": "chef@maillage.test", "name": "Chef", "role": "admin",
			"password": "un-mot-de-passe-solide"}, 201, ""},
		{"prefecture 70 in 70", pref70, newAccount("p70@maillage.test", "animateur", "70"), 201, ""},
		{"prefecture 70 in 57", pref70, newAccount("p57@maillage.test", "animateur", "57"), 403, "auth.out_of_territory"},
		{"prefecture 70 in 70 and 57", pref70, newAccount("p7057@maillage.test", "animateur", "70", "57"), 403, "auth.out_of_territory"},
		{"prefecture 70 creates an admin", pref70, map[string]any{"email": "x@maillage.test", "name": "X",
			"role": "admin", "password": "un-mot-de-passe-solide"}, 403, "user.role_forbidden"},
		{"prefecture 70 creates a regional account", pref70, map[string]any{"email": "r@maillage.test", "name": "R",
			"role": "region", "region_code": "27", "password": "un-mot-de-passe-solide"}, 403, "user.role_forbidden"},
		{"animateur may not create", animateur, newAccount("n@maillage.test", "animateur", "70"), 403, "auth.forbidden"},
	}
	for _, tc := range cases {
		rec := s.do(request{method: http.MethodPost, path: "/api/v1/users", token: tc.token, body: tc.body})
		if rec.Code != tc.status {
			t.Errorf("%s: %d, want %d: %s", tc.name, rec.Code, tc.status, rec.Body)
			continue
		}
		if tc.code != "" {
			if p := problemOf(t, rec); p.Code != tc.code {
				t.Errorf("%s: code %q, want %q", tc.name, p.Code, tc.code)
			}
			continue
		}
		var u rest.UserDTO
		decode(t, rec, &u)
		if rec.Header().Get("Location") != "/api/v1/users/"+u.ID || rec.Header().Get("ETag") != `"1"` || !u.Active {
			t.Errorf("%s: Location %q ETag %q user %+v", tc.name, rec.Header().Get("Location"), rec.Header().Get("ETag"), u)
		}
	}
}

// Each bad field is named (422); a taken e-mail, in any case, is a 409 on the field.
func TestCreateUserValidation(t *testing.T) {
	t.Parallel()
	s := seededServer(t)
	admin := mint(t, s, "admin@maillage.test")
	cases := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"everything wrong", map[string]any{"email": "pas-un-email", "name": " ", "role": "prefecture",
			"departements": []string{}, "password": "court"}, []string{"email", "name", "departements", "password"}},
		{"unknown role", map[string]any{"email": "a@maillage.test", "name": "A", "role": "chef",
			"password": "un-mot-de-passe-solide"}, []string{"role"}},
		{"region without région", map[string]any{"email": "a@maillage.test", "name": "A", "role": "region",
			"password": "un-mot-de-passe-solide"}, []string{"region_code"}},
		{"unknown région", map[string]any{"email": "a@maillage.test", "name": "A", "role": "region",
			"region_code": "99", "password": "un-mot-de-passe-solide"}, []string{"region_code"}},
		{"partner without organisation", newAccount("a@maillage.test", "partner", "70"), []string{"partner_org"}},
		{"structure without structures", newAccount("a@maillage.test", "structure", "70"), []string{"structure_ids"}},
		{"unknown structure", map[string]any{"email": "a@maillage.test", "name": "A", "role": "structure",
			"departements": []string{"70"}, "structure_ids": []string{"7d1f8a52-3c1e-4a57-9b0f-000000000000"},
			"password": "un-mot-de-passe-solide"}, []string{"structure_ids"}},
		{"unknown département", newAccount("a@maillage.test", "animateur", "99"), []string{"departements"}},
		{"malformed département", newAccount("a@maillage.test", "animateur", "7"), []string{"departements"}},
		{"admin with a territory", newAccount("a@maillage.test", "admin", "70"), []string{"departements"}},
		{"unknown field", map[string]any{"email": "a@maillage.test", "mot_de_passe": "x"}, []string{"mot_de_passe"}},
	}
	for _, tc := range cases {
		rec := s.do(request{method: http.MethodPost, path: "/api/v1/users", token: admin, body: tc.body})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422: %s", tc.name, rec.Code, rec.Body)
			continue
		}
		p := problemOf(t, rec)
		for _, f := range tc.fields {
			if p.Errors[f] == "" {
				t.Errorf("%s: no message for %s in %v", tc.name, f, p.Errors)
			}
		}
		if len(p.Errors) != len(tc.fields) {
			t.Errorf("%s: errors %v, want exactly %v", tc.name, p.Errors, tc.fields)
		}
	}
	rec := s.do(request{method: http.MethodPost, path: "/api/v1/users", token: admin,
		body: newAccount("Prefecture.70@Maillage.test", "prefecture", "70")})
	if p := problemOf(t, rec); rec.Code != http.StatusConflict || p.Code != "user.email_taken" || p.Errors["email"] == "" {
		t.Fatalf("duplicate e-mail (other case): %d %+v", rec.Code, p)
	}
}

func TestUserListIsScoped(t *testing.T) {
	t.Parallel()
	s := seededServer(t)
	list := func(token, query string) ([]string, *string) {
		t.Helper()
		rec := s.do(request{method: http.MethodGet, path: "/api/v1/users" + query, token: token})
		if rec.Code != http.StatusOK {
			t.Fatalf("list %s: %d %s", query, rec.Code, rec.Body)
		}
		var out rest.UserList
		decode(t, rec, &out)
		emails := make([]string, len(out.Items))
		for i, u := range out.Items {
			emails[i] = u.Email
		}
		return emails, out.NextCursor
	}
	pref70 := mint(t, s, "prefecture.70@maillage.test")
	all, _ := list(pref70, "")
	want := []string{"animateur.70@maillage.test", "partenaire.caf.70@maillage.test", "prefecture.70@maillage.test",
		"structure.70@maillage.test"}
	if !slices.Equal(all, want) {
		t.Fatalf("prefecture 70 sees %v, want %v", all, want)
	}
	if got, _ := list(pref70, "?departement=57"); len(got) != 0 {
		t.Fatalf("prefecture 70 filtering on 57 sees %v", got)
	}
	if got, _ := list(pref70, "?role=partner"); !slices.Equal(got, []string{"partenaire.caf.70@maillage.test"}) {
		t.Fatalf("role filter: %v", got)
	}
	if got, _ := list(pref70, "?q=CAF"); !slices.Equal(got, []string{"partenaire.caf.70@maillage.test"}) {
		t.Fatalf("q filter: %v", got)
	}
	admin := mint(t, s, "admin@maillage.test")
	var walked []string
	cursor := ""
	for range 10 { // 8 demo accounts in pages of 3
		page, next := list(admin, "?limit=3&cursor="+cursor)
		walked = append(walked, page...)
		if next == nil {
			break
		}
		cursor = *next
	}
	if len(walked) != len(demo.Emails()) || !slices.IsSorted(walked) {
		t.Fatalf("admin pages: %v", walked)
	}
	for _, q := range []string{"?active=peut-etre", "?role=chef", "?cursor=zzz", "?limit=500"} {
		if rec := s.do(request{method: http.MethodGet, path: "/api/v1/users" + q, token: admin}); rec.Code != 422 {
			t.Errorf("%s: %d, want 422", q, rec.Code)
		}
	}
}

func TestGetAndPatchUser(t *testing.T) {
	t.Parallel()
	s := seededServer(t)
	pref70 := mint(t, s, "prefecture.70@maillage.test")
	own, other := userID(t, s, "animateur.70@maillage.test"), userID(t, s, "prefecture.57@maillage.test")
	patch := func(id, ifMatch string, body any) (int, string, string) {
		h := map[string]string{}
		if ifMatch != "" {
			h["If-Match"] = ifMatch
		}
		rec := s.do(request{method: http.MethodPatch, path: "/api/v1/users/" + id, token: pref70, body: body, headers: h})
		return rec.Code, rec.Header().Get("ETag"), rec.Body.String()
	}
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/users/" + own, token: pref70}); rec.Code != 200 ||
		rec.Header().Get("ETag") != `"1"` {
		t.Fatalf("get own: %d %q", rec.Code, rec.Header().Get("ETag"))
	}
	for _, id := range []string{other, "not-a-uuid", "7d1f8a52-3c1e-4a57-9b0f-000000000000"} {
		if rec := s.do(request{method: http.MethodGet, path: "/api/v1/users/" + id, token: pref70}); rec.Code != 404 {
			t.Errorf("get %s: %d, want 404", id, rec.Code)
		}
	}
	if code, _, _ := patch(other, `"1"`, map[string]any{"name": "X"}); code != 404 {
		t.Errorf("patch a 57 account from 70: %d, want 404", code)
	}
	if code, _, _ := patch(own, "", map[string]any{"name": "X"}); code != http.StatusPreconditionRequired {
		t.Errorf("patch without If-Match: %d, want 428", code)
	}
	code, etag, body := patch(own, `"1"`, map[string]any{"name": "Animation 70", "departements": []string{"70"}})
	if code != 200 || etag != `"2"` || !strings.Contains(body, "Animation 70") {
		t.Fatalf("patch: %d %q %s", code, etag, body)
	}
	if code, _, _ := patch(own, `"1"`, map[string]any{"name": "Trop tard"}); code != http.StatusPreconditionFailed {
		t.Errorf("stale If-Match: %d, want 412", code)
	}
	if code, _, b := patch(own, `"2"`, map[string]any{"departements": []string{"70", "57"}}); code != 403 ||
		!strings.Contains(b, "auth.out_of_territory") {
		t.Errorf("adding 57 from 70: %d %s", code, b)
	}
	if code, _, b := patch(own, `"2"`, map[string]any{"role": "admin"}); code != 403 {
		t.Errorf("promoting to admin: %d %s", code, b)
	}
	if code, _, b := patch(own, `"2"`, map[string]any{"role": "partner"}); code != 422 || !strings.Contains(b, "partner_org") {
		t.Errorf("role without its territory fields: %d %s", code, b)
	}
	self := userID(t, s, "prefecture.70@maillage.test")
	if code, _, b := patch(self, `"1"`, map[string]any{"active": false}); code != 403 ||
		!strings.Contains(b, "user.self_change_forbidden") {
		t.Errorf("self-deactivation: %d %s", code, b)
	}
}

func TestDeactivationEndsSessionsAtOnce(t *testing.T) {
	t.Parallel()
	s := seededServer(t)
	rec := login(s, "structure.70@maillage.test", demo.Password, "203.0.113.8")
	var tok rest.TokenResponse
	decode(t, rec, &tok)
	cookie := refreshCookieOf(rec).Value
	if len(tok.User.StructureIDs) != 1 {
		t.Fatalf("demo structure account without its structure: %+v", tok.User)
	}
	admin := mint(t, s, "admin@maillage.test")
	patched := s.do(request{method: http.MethodPatch, path: "/api/v1/users/" + tok.User.ID, token: admin,
		body: map[string]any{"active": false}, headers: map[string]string{"If-Match": `"1"`}})
	if patched.Code != 200 || strings.Contains(patched.Body.String(), `"active":true`) {
		t.Fatalf("deactivate: %d %s", patched.Code, patched.Body)
	}
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/auth/me", token: tok.AccessToken}); rec.Code != 401 {
		t.Fatalf("token of a deactivated account: %d", rec.Code)
	}
	if rec := withCookie(s, "/api/v1/auth/refresh", cookie); rec.Code != 401 {
		t.Fatalf("refresh of a deactivated account: %d", rec.Code)
	}
	if rec := login(s, "structure.70@maillage.test", demo.Password, "203.0.113.8"); rec.Code != 401 ||
		problemOf(t, rec).Code != "auth.invalid_credentials" {
		t.Fatalf("login of a deactivated account: %d", rec.Code)
	}
}

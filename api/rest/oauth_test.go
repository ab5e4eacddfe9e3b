package rest_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"maillage/api/rest"
	"maillage/pkg/demo"
)

// tokenRequest calls the token endpoint with a form body (and HTTP Basic credentials when basic is set).
func tokenRequest(s *testServer, form url.Values, basic string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/api/v1/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if basic != "" {
		req.Header.Set("Authorization", "Basic "+basic)
	}
	rec := httptest.NewRecorder()
	s.e.ServeHTTP(rec, req)
	return rec
}

// clientToken gets a token with client credentials; it returns the status and the token or the OAuth error.
func clientToken(t *testing.T, s *testServer, clientID, secret, scope string) (int, rest.ClientTokenDTO, string) {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {secret}}
	if scope != "" {
		form.Set("scope", scope)
	}
	rec := tokenRequest(s, form, "")
	var tok rest.ClientTokenDTO
	var oerr rest.OAuthErrorDTO
	if rec.Code == http.StatusOK {
		decode(t, rec, &tok)
	} else if err := json.Unmarshal(rec.Body.Bytes(), &oerr); err != nil {
		t.Fatalf("token error body %s: %v", rec.Body, err)
	}
	return rec.Code, tok, oerr.Error
}

// newClient registers a CAF software for Haute-Saône through the API, as the prefecture.
func newClient(t *testing.T, s *testServer, token string, scopes ...string) rest.APIClientCreatedDTO {
	t.Helper()
	var c rest.APIClientCreatedDTO
	call(t, s, "POST", "/api-clients", token, map[string]any{"name": "Logiciel RDV de la CAF 70",
		"organisation_kind": "operator", "organisation_id": "cnaf", "departements": []string{"70"}, "scopes": scopes}, "", 201, &c)
	return c
}

func TestOAuthClientCredentialsFlow(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	c := newClient(t, s, tok["prefecture.70"], "structures:read", "permanences:write")
	if !strings.HasPrefix(c.ClientSecret, "mcs_") || len(c.ClientSecret) != 47 || len(c.Secrets) != 1 || c.Status != "active" {
		t.Fatalf("created %+v", c)
	}
	if n := countRows(t, s, `SELECT count(*) FROM audit_log WHERE object_id = ? AND after::text LIKE '%'||?||'%'`, c.ID, c.ClientSecret[4:20]); n != 0 {
		t.Error("the secret reached the audit log")
	}
	wantProblem(t, "another département", s.do(request{method: "POST", path: "/api/v1/api-clients", token: tok["prefecture.70"],
		body: map[string]any{"name": "X", "organisation_kind": "operator", "organisation_id": "cnaf", "departements": []string{"57"},
			"scopes": []string{"structures:read"}}}), 403, "auth.out_of_territory")
	wantProblem(t, "other prefecture", s.do(request{method: "GET", path: "/api/v1/api-clients/" + c.ID, token: tok["prefecture.57"]}), 404, "api_client.not_found")
	wantProblem(t, "animateur", s.do(request{method: "GET", path: "/api/v1/api-clients", token: tok["animateur.70"]}), 403, "")

	status, granted, _ := clientToken(t, s, c.ClientID, c.ClientSecret, "")
	if status != 200 || granted.TokenType != "Bearer" || granted.ExpiresIn != 600 || granted.Scope != "permanences:write structures:read" {
		t.Fatalf("token: %d %+v", status, granted)
	}
	basic := base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(c.ClientID) + ":" + url.QueryEscape(c.ClientSecret)))
	if rec := tokenRequest(s, url.Values{"grant_type": {"client_credentials"}}, basic); rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("HTTP Basic: %d %s", rec.Code, rec.Body)
	}
	for _, e := range []struct {
		name          string
		form          url.Values
		status        int
		code, content string
	}{
		{"wrong secret", url.Values{"grant_type": {"client_credentials"}, "client_id": {c.ClientID}, "client_secret": {c.ClientSecret + "x"}}, 401, "invalid_client", ""},
		{"unknown client", url.Values{"grant_type": {"client_credentials"}, "client_id": {"mc_inconnu"}, "client_secret": {c.ClientSecret}}, 401, "invalid_client", ""},
		{"password grant", url.Values{"grant_type": {"password"}, "client_id": {c.ClientID}, "client_secret": {c.ClientSecret}}, 400, "unsupported_grant_type", ""},
		{"scope not granted", url.Values{"grant_type": {"client_credentials"}, "client_id": {c.ClientID}, "client_secret": {c.ClientSecret}, "scope": {"referents:write"}}, 400, "invalid_scope", ""},
	} {
		rec := tokenRequest(s, e.form, "")
		if rec.Code != e.status || !strings.Contains(rec.Body.String(), `"error":"`+e.code+`"`) {
			t.Errorf("%s: %d %s, want %d %s", e.name, rec.Code, rec.Body, e.status, e.code)
		}
	}
	if rec := s.do(request{method: "POST", path: "/api/v1/oauth/token", body: map[string]string{"grant_type": "client_credentials"}}); rec.Code != 400 ||
		!strings.Contains(rec.Body.String(), "invalid_request") {
		t.Errorf("JSON body: %d %s", rec.Code, rec.Body)
	}
	clientCalls(t, s, tok, c, granted.AccessToken)
}

// clientCalls checks what a client token opens: its scopes' routes in its départements, nothing else.
func clientCalls(t *testing.T, s *testServer, tok map[string]string, c rest.APIClientCreatedDTO, token string) {
	t.Helper()
	var list struct {
		Items []rest.StructureDTO `json:"items"`
	}
	call(t, s, "GET", "/structures?limit=200", token, nil, "", 200, &list)
	for _, st := range list.Items {
		if st.DepartementCode != "70" {
			t.Errorf("the client sees %s in %s", st.Name, st.DepartementCode)
		}
	}
	if len(list.Items) == 0 {
		t.Error("the client sees no structure of its département")
	}
	wantProblem(t, "other département", s.do(request{method: "GET", path: "/api/v1/structures/" + matrixStructure(t, s, false), token: token}), 404, "structure.not_found")
	wantProblem(t, "route closed to clients", s.do(request{method: "GET", path: "/api/v1/users", token: token}), 403, "auth.client_forbidden")
	wantProblem(t, "scope missing", s.do(request{method: "GET", path: "/api/v1/departements/70/referents", token: token}), 403, "auth.scope_missing")
	free := withoutPermanence(t, s, "70")
	var p rest.PermanenceDTO
	call(t, s, "POST", "/structures/"+free+"/permanences", token, monthlyVisio(), "", 201, &p)
	var entry struct{ ActorType, ActorID, ActorLabel string }
	s.db.Raw(`SELECT actor_type, actor_id, actor_label FROM audit_log WHERE action = 'permanence.create' AND object_id = ?`, p.ID).Scan(&entry)
	if entry.ActorType != "client" || entry.ActorID != c.ID || entry.ActorLabel != "Logiciel RDV de la CAF 70" {
		t.Errorf("audit entry of a client's write: %+v", entry)
	}
	other := monthlyVisio()
	other["partner_kind"], other["partner_id"] = "operator", "msa"
	wantProblem(t, "another organisation", s.do(request{method: "POST", path: "/api/v1/structures/" + free + "/permanences",
		token: token, body: other}), 403, "partner.other_organisation")
	_, readOnly, _ := clientToken(t, s, c.ClientID, c.ClientSecret, "structures:read")
	wantProblem(t, "token without the scope", s.do(request{method: "POST", path: "/api/v1/structures/" + free + "/permanences",
		token: readOnly.AccessToken, body: monthlyVisio()}), 403, "auth.scope_missing")
	var after rest.APIClientDTO
	call(t, s, "GET", "/api-clients/"+c.ID, tok["prefecture.70"], nil, "", 200, &after)
	if after.LastUsedAt == nil || after.Secrets[0].LastUsedAt == nil {
		t.Errorf("last use not recorded: %+v", after)
	}
}

func TestClientSecretRotationAndRevocation(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	c := newClient(t, s, tok["prefecture.70"], "structures:read")
	var rotated rest.APIClientSecretCreatedDTO
	call(t, s, "POST", "/api-clients/"+c.ID+"/secrets", tok["prefecture.70"], nil, "", 201, &rotated)
	if rotated.ClientSecret == c.ClientSecret || time.Until(rotated.OldSecretExpiresAt) < 167*time.Hour {
		t.Fatalf("rotation %+v", rotated)
	}
	for _, secret := range []string{c.ClientSecret, rotated.ClientSecret} {
		if status, _, _ := clientToken(t, s, c.ClientID, secret, ""); status != 200 {
			t.Errorf("during the overlap a secret is refused: %d", status)
		}
	}
	s.advance(7*24*time.Hour + time.Minute)
	if status, _, code := clientToken(t, s, c.ClientID, c.ClientSecret, ""); status != 401 || code != "invalid_client" {
		t.Errorf("the old secret after its expiry: %d %s", status, code)
	}
	_, granted, _ := clientToken(t, s, c.ClientID, rotated.ClientSecret, "")
	call(t, s, "GET", "/structures?limit=1", granted.AccessToken, nil, "", 200, nil)
	tok["prefecture.70"] = loginToken(t, s, "prefecture.70@maillage.test", demo.Password) // a week later

	var revoked rest.APIClientDTO
	call(t, s, "POST", "/api-clients/"+c.ID+"/revoke", tok["prefecture.70"], nil, "", 200, &revoked)
	if revoked.Status != "revoked" || revoked.RevokedAt == nil || auditCount(t, s, "api_client.revoke", c.ID) != 1 {
		t.Errorf("revoked %+v", revoked)
	}
	wantProblem(t, "a token of a revoked client", s.do(request{method: "GET", path: "/api/v1/structures?limit=1", token: granted.AccessToken}), 401, "auth.invalid_token")
	if status, _, code := clientToken(t, s, c.ClientID, rotated.ClientSecret, ""); status != 401 || code != "invalid_client" {
		t.Errorf("a revoked client gets a token: %d %s", status, code)
	}
	wantProblem(t, "rotate a revoked client", s.do(request{method: "POST", path: "/api/v1/api-clients/" + c.ID + "/secrets", token: tok["prefecture.70"]}), 409, "api_client.revoked")
}

func TestExpiredClientIsRefused(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	c := newClient(t, s, tok["admin"], "structures:read")
	_, granted, _ := clientToken(t, s, c.ClientID, c.ClientSecret, "")
	yesterday := time.Now().AddDate(0, 0, -1).Format(time.DateOnly)
	var changed rest.APIClientDTO
	call(t, s, "PATCH", "/api-clients/"+c.ID, tok["prefecture.70"], map[string]any{"valid_to": yesterday}, `"1"`, 200, &changed)
	if changed.Status != "inactive" {
		t.Errorf("status of an expired client: %s", changed.Status)
	}
	if status, _, code := clientToken(t, s, c.ClientID, c.ClientSecret, ""); status != 401 || code != "invalid_client" {
		t.Errorf("an expired client gets a token: %d %s", status, code)
	}
	wantProblem(t, "a token of an expired client", s.do(request{method: "GET", path: "/api/v1/structures?limit=1", token: granted.AccessToken}), 401, "auth.invalid_token")
	wantProblem(t, "valid_to before valid_from", s.do(request{method: "PATCH", path: "/api/v1/api-clients/" + c.ID, token: tok["prefecture.70"],
		body: map[string]any{"valid_from": "2030-01-01"}, headers: map[string]string{"If-Match": `"2"`}}), 422, "validation_failed")
}

// The cross-tenant matrix for partner software: a client of Haute-Saône holding every scope may call the routes
// that declare one of its scopes (404 outside its département), and every other route answers 403.
func TestClientMatrix(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	for _, dep := range []string{ownDepartement, otherDepartement} {
		if err := s.db.Exec(`INSERT INTO structure_groups (departement_code, name) VALUES (?, 'Groupe de la matrice')`, dep).Error; err != nil {
			t.Fatal(err)
		}
	}
	// several clients of the CAF, in turn: each has its own rate budget (RATE_LIMIT_RPS), which one alone would spend
	tokens := make([]string, 4)
	for i := range tokens {
		c := newClient(t, s, tok["prefecture.70"], "structures:read", "permanences:write", "referents:write")
		_, granted, _ := clientToken(t, s, c.ClientID, c.ClientSecret, "")
		tokens[i] = granted.AccessToken
	}
	open, n := 0, 0
	for _, r := range rest.Routes(&rest.Handlers{}) {
		if r.Access.Public {
			continue
		}
		for _, own := range []bool{true, false} {
			path, ok := matrixPath(t, s, r, own)
			if !ok {
				continue
			}
			want := expected{allowed: true}
			territorial := r.Scope == rest.ScopeObject || r.Scope == rest.ScopeDepartement
			switch {
			case len(r.Access.ClientScopes) == 0:
				want = expected{exact: http.StatusForbidden}
			case territorial && !own:
				want = expected{exact: http.StatusNotFound}
			default:
				open++
			}
			n++
			if rec := s.do(matrixRequest(r, path, tokens[n%len(tokens)])); !want.accepts(rec.Code) {
				t.Errorf("%s %s as a client (%s territory): %d, want %s\n%s", r.Method, path,
					map[bool]string{true: "own", false: "other"}[own], rec.Code, want, rec.Body)
			}
		}
	}
	if open < 10 {
		t.Errorf("only %d route checks open to clients", open)
	}
}

// Partner software is rate-limited per client: one client flooding the API is slowed down, another is not.
func TestClientRateLimit(t *testing.T) {
	t.Parallel()
	if os.Getenv("RATE_LIMIT_RPS") == "0" {
		t.Skip("rate limiting disabled (RATE_LIMIT_RPS=0)")
	}
	s, tok := partnersServer(t)
	flood := newClient(t, s, tok["prefecture.70"], "structures:read")
	calm := newClient(t, s, tok["prefecture.70"], "structures:read")
	_, a, _ := clientToken(t, s, flood.ClientID, flood.ClientSecret, "")
	_, b, _ := clientToken(t, s, calm.ClientID, calm.ClientSecret, "")
	limited := 0
	for range 400 {
		if rec := s.do(request{method: "GET", path: "/api/v1/regions", token: a.AccessToken}); rec.Code == http.StatusTooManyRequests {
			limited++
			break
		}
	}
	if limited == 0 {
		t.Fatal("400 requests of one client in a burst were never limited")
	}
	wantProblem(t, "another client", s.do(request{method: "GET", path: "/api/v1/regions", token: b.AccessToken}), 403, "auth.client_forbidden")
}

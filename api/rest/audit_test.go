package rest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"maillage/api/rest"
	"maillage/pkg/auth"
	"maillage/pkg/user"
)

func auditOf(t *testing.T, s *testServer, token, objectID string) (int, []rest.AuditEntryDTO) {
	t.Helper()
	rec := s.do(request{method: http.MethodGet, path: "/api/v1/audit?object_type=user&object_id=" + objectID, token: token})
	if rec.Code != http.StatusOK {
		return rec.Code, nil
	}
	var out rest.AuditList
	decode(t, rec, &out)
	return rec.Code, out.Items
}

// The audit scenarios share one seeded server: they read and write disjoint objects.
func TestAuditOverHTTP(t *testing.T) {
	t.Parallel()
	s := seededServer(t)
	t.Run("writes leave entries", func(t *testing.T) { t.Parallel(); writesLeaveAuditEntries(t, s) })
	t.Run("reads are scoped", func(t *testing.T) { t.Parallel(); auditIsScoped(t, s) })
}

func writesLeaveAuditEntries(t *testing.T, s *testServer) {
	pref70 := mint(t, s, "prefecture.70@maillage.test")
	created := s.do(request{method: http.MethodPost, path: "/api/v1/users", token: pref70,
		body: newAccount("journal@maillage.test", "animateur", "70")})
	var u rest.UserDTO
	decode(t, created, &u)
	patched := s.do(request{method: http.MethodPatch, path: "/api/v1/users/" + u.ID, token: pref70,
		body: map[string]any{"name": "Nouveau nom"}, headers: map[string]string{"If-Match": `"1"`}})
	if created.Code != 201 || patched.Code != 200 {
		t.Fatalf("create %d, patch %d", created.Code, patched.Code)
	}
	code, entries := auditOf(t, s, pref70, u.ID)
	if code != 200 || len(entries) != 2 {
		t.Fatalf("audit: %d %+v", code, entries)
	}
	update, create := entries[0], entries[1] // newest first
	if create.Action != "user.create" || update.Action != "user.update" {
		t.Fatalf("actions %q, %q", create.Action, update.Action)
	}
	for _, e := range entries {
		if e.ActorType != "user" || e.ActorLabel != "prefecture.70@maillage.test" || e.ActorID == "" ||
			e.ObjectType != "user" || e.ObjectID != u.ID || strings.Join(e.Departements, ",") != "70" {
			t.Errorf("entry %+v", e)
		}
		all := string(e.Before) + string(e.After) + string(e.Diff)
		if strings.Contains(all, "argon2") || strings.Contains(all, "password") {
			t.Errorf("secret in the audit log: %s", all)
		}
	}
	if update.RequestID != patched.Header().Get("X-Request-Id") || update.RequestID == "" {
		t.Errorf("request id %q, response had %q", update.RequestID, patched.Header().Get("X-Request-Id"))
	}
	if create.Before != nil || create.After == nil {
		t.Errorf("creation: before %s after %s", create.Before, create.After)
	}
	var diff map[string]map[string]any
	if err := json.Unmarshal(update.Diff, &diff); err != nil {
		t.Fatal(err)
	}
	if len(diff) != 1 || diff["name"]["from"] != "Compte journal@maillage.test" || diff["name"]["to"] != "Nouveau nom" {
		t.Errorf("diff %s", update.Diff)
	}
	var before, after map[string]any
	_ = json.Unmarshal(update.Before, &before)
	_ = json.Unmarshal(update.After, &after)
	if before["name"] != "Compte journal@maillage.test" || after["name"] != "Nouveau nom" || after["email"] != u.Email {
		t.Errorf("before %s after %s", update.Before, update.After)
	}
}

func auditIsScoped(t *testing.T, s *testServer) {
	own, other := userID(t, s, "animateur.70@maillage.test"), userID(t, s, "prefecture.57@maillage.test")
	cases := []struct {
		email    string
		objectID string
		status   int
		entries  int
	}{
		{"prefecture.70@maillage.test", own, 200, 1},
		{"prefecture.70@maillage.test", other, 200, 0},
		{"prefecture.57@maillage.test", other, 200, 1},
		{"animateur.70@maillage.test", own, 200, 1},
		{"region.bfc@maillage.test", own, 200, 1}, // 70 is in région 27
		{"region.bfc@maillage.test", other, 200, 0},
		{"admin@maillage.test", other, 200, 1},
		{"structure.70@maillage.test", own, 403, 0},
		{"partenaire.caf.70@maillage.test", own, 403, 0},
	}
	for _, tc := range cases {
		code, entries := auditOf(t, s, mint(t, s, tc.email), tc.objectID)
		if code != tc.status || len(entries) != tc.entries {
			t.Errorf("%s reading %s: %d with %d entries, want %d with %d", tc.email, tc.objectID, code,
				len(entries), tc.status, tc.entries)
		}
	}
}

func TestAuditLogRefusesChanges(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	createAccount(t, s, user.NewUser{Email: "trace@maillage.test", Role: auth.RoleAdmin}) // one entry to tamper with
	if err := s.db.Exec(`UPDATE audit_log SET actor_label = 'quelqu’un d’autre'`).Error; err == nil {
		t.Error("UPDATE accepted")
	}
	if err := s.db.Exec(`DELETE FROM audit_log`).Error; err == nil {
		t.Error("DELETE accepted")
	}
}

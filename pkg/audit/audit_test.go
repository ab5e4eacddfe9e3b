package audit_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/testkit"
)

type account struct {
	Email        string   `json:"email"`
	Name         string   `json:"name"`
	Departements []string `json:"departements"`
	PasswordHash string   `json:"password_hash"`
	Nested       struct {
		RefreshToken string `json:"refresh_token"`
		Kept         string `json:"kept"`
	} `json:"nested"`
}

func TestRecordWritesActorRequestAndDiffWithoutSecrets(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	actor := auth.Actor{Kind: auth.ActorUser, ID: "u-1", Label: "prefecture.70@maillage.test", Role: auth.RolePrefecture,
		Departements: []string{"70"}}
	ctx := auth.WithRequestID(auth.WithActor(context.Background(), actor), "req-12345678")
	before := account{Email: "a@x.fr", Name: "Avant", Departements: []string{"70"}, PasswordHash: "$argon2id$secret"}
	after := before
	after.Name = "Après"
	after.PasswordHash = "$argon2id$other"
	after.Nested.RefreshToken = "tok"
	after.Nested.Kept = "visible"
	err := db.WithTx(ctx, gdb, func(ctx context.Context) error {
		return audit.Record(ctx, gdb, audit.Entry{Action: "user.update", ObjectType: "user", ObjectID: "u-2",
			Departements: []string{"70"}, Before: before, After: &after})
	})
	if err != nil {
		t.Fatal(err)
	}
	page, err := (&audit.Log{DB: gdb}).List(context.Background(), auth.System, audit.Filter{Limit: 10})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("list: %v %+v", err, page)
	}
	it := page.Items[0]
	if it.ActorType != "user" || it.ActorID != "u-1" || it.ActorLabel != actor.Label || it.RequestID != "req-12345678" {
		t.Fatalf("actor/request not recorded: %+v", it)
	}
	all := string(it.Before) + string(it.After) + string(it.Diff)
	if strings.Contains(all, "argon2id") || strings.Contains(all, "tok\"") || strings.Contains(all, "password") {
		t.Fatalf("secret leaked into the audit log: %s", all)
	}
	var diff map[string]map[string]any
	if err := json.Unmarshal(it.Diff, &diff); err != nil {
		t.Fatal(err)
	}
	if len(diff) != 2 || diff["name"]["from"] != "Avant" || diff["name"]["to"] != "Après" || diff["nested"] == nil {
		t.Fatalf("diff %s", it.Diff)
	}
}

func TestRecordWithoutActorIsSystem(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	if err := audit.Record(context.Background(), gdb, audit.Entry{Action: "user.create", ObjectType: "user",
		ObjectID: "u-1", After: map[string]any{"email": "a@x.fr"}}); err != nil {
		t.Fatal(err)
	}
	page, _ := (&audit.Log{DB: gdb}).List(context.Background(), auth.System, audit.Filter{Limit: 10})
	if len(page.Items) != 1 || page.Items[0].ActorType != "system" || page.Items[0].Before != nil {
		t.Fatalf("%+v", page.Items)
	}
}

func TestListIsScopedAndPaginated(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	ctx := context.Background()
	for i, deps := range [][]string{{"70"}, {"57"}, {"70", "57"}, nil, {"70"}, {"21"}} {
		if err := audit.Record(ctx, gdb, audit.Entry{Action: "user.update", ObjectType: "user",
			ObjectID: string(rune('a' + i)), Departements: deps}); err != nil {
			t.Fatal(err)
		}
	}
	log := &audit.Log{DB: gdb}
	cases := []struct {
		name  string
		actor auth.Actor
		want  string // object ids, newest first
	}{
		{"admin sees everything", auth.Actor{Role: auth.RoleAdmin}, "fedcba"},
		{"prefecture 70", auth.Actor{Role: auth.RolePrefecture, Departements: []string{"70"}}, "eca"},
		{"prefecture 57", auth.Actor{Role: auth.RolePrefecture, Departements: []string{"57"}}, "cb"},
		{"region 27 (its départements)", auth.Actor{Role: auth.RoleRegion, Departements: []string{"21", "70"}}, "feca"},
		{"animateur without territory", auth.Actor{Role: auth.RoleAnimateur}, ""},
	}
	for _, tc := range cases {
		var got strings.Builder
		cursor := ""
		for pages := 0; pages < 10; pages++ {
			page, err := log.List(ctx, tc.actor, audit.Filter{Cursor: cursor, Limit: 2})
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			for _, it := range page.Items {
				got.WriteString(it.ObjectID)
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if got.String() != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got.String(), tc.want)
		}
	}
	if _, err := log.List(ctx, auth.Actor{Role: auth.RoleStructure}, audit.Filter{Limit: 2}); err == nil {
		t.Error("a structure account must not read the log")
	}
	if _, err := log.List(ctx, auth.System, audit.Filter{Cursor: "not-a-cursor", Limit: 2}); err == nil {
		t.Error("a malformed cursor must be refused")
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	if err := audit.Record(context.Background(), gdb, audit.Entry{Action: "x", ObjectType: "user", ObjectID: "1"}); err != nil {
		t.Fatal(err)
	}
	if err := gdb.Exec(`UPDATE audit_log SET action = 'tampered'`).Error; err == nil {
		t.Error("UPDATE of audit_log must be refused")
	}
	if err := gdb.Exec(`DELETE FROM audit_log`).Error; err == nil {
		t.Error("DELETE from audit_log must be refused")
	}
}

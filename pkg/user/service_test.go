package user_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/territory"
	"maillage/pkg/testkit"
	"maillage/pkg/user"
)

var testSecret = []byte("service-test-secret-service-test-secret")

func newService(t *testing.T) (*user.Service, *gorm.DB) {
	t.Helper()
	gdb, _ := testkit.DB(t)
	// Cheap hashing parameters: these tests are about the use cases, the cost is tested in pkg/auth.
	weak := auth.PasswordParams{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	return user.NewService(user.Deps{
		DB: gdb, Territory: &territory.Store{DB: gdb}, Now: time.Now,
		Audit:  func(ctx context.Context, e user.AuditEntry) error { return audit.Record(ctx, gdb, audit.Entry(e)) },
		Hasher: auth.NewHasher(weak, 2),
		Tokens: auth.NewTokens(testSecret, "maillage", "maillage-api", time.Now),
	}), gdb
}

func TestConcurrentUpdatesOneWins(t *testing.T) {
	t.Parallel()
	svc, _ := newService(t)
	ctx := context.Background()
	u, err := svc.Create(ctx, auth.System, user.NewUser{Email: "a@maillage.test", Name: "A", Role: auth.RoleAnimateur,
		Departements: []string{"70"}, Password: "un-mot-de-passe-solide"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([]error, 8)
	for i := range results {
		wg.Go(func() {
			name := "Nom " + string(rune('A'+i))
			_, results[i] = svc.Update(ctx, auth.System, u.ID, 1, user.Changes{Name: &name})
		})
	}
	wg.Wait()
	ok, stale := 0, 0
	for _, err := range results {
		switch {
		case err == nil:
			ok++
		case apperr.IsKind(err, apperr.KindPreconditionFailed):
			stale++
		default:
			t.Fatalf("unexpected error %v", err)
		}
	}
	if ok != 1 || stale != len(results)-1 {
		t.Fatalf("%d succeeded, %d stale: exactly one writer may win version 1", ok, stale)
	}
}

func TestAuthenticateLoadsTheTerritoryFresh(t *testing.T) {
	t.Parallel()
	svc, _ := newService(t)
	ctx := context.Background()
	tokens := auth.NewTokens(testSecret, "maillage", "maillage-api", time.Now)
	region, err := svc.Create(ctx, auth.System, user.NewUser{Email: "sgar@maillage.test", Name: "SGAR",
		Role: auth.RoleRegion, RegionCode: "27", Password: "un-mot-de-passe-solide"})
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := tokens.Issue(region.ID, auth.ActorUser, auth.RoleRegion)
	a, err := svc.Authenticate(ctx, tok.Value)
	if err != nil {
		t.Fatal(err)
	}
	// Bourgogne-Franche-Comté: 21, 25, 39, 58, 70, 71, 89, 90.
	if a.Role != auth.RoleRegion || len(a.Departements) != 8 || !a.CanSeeDepartement("70") || a.CanSeeDepartement("57") {
		t.Fatalf("region actor %+v", a)
	}
	// A change of territory applies to the very next request, with the same token.
	pref, _ := svc.Create(ctx, auth.System, user.NewUser{Email: "p@maillage.test", Name: "P",
		Role: auth.RolePrefecture, Departements: []string{"70"}, Password: "un-mot-de-passe-solide"})
	tok, _ = tokens.Issue(pref.ID, auth.ActorUser, auth.RolePrefecture)
	deps := []string{"57"}
	if _, err := svc.Update(ctx, auth.System, pref.ID, 1, user.Changes{Departements: &deps}); err != nil {
		t.Fatal(err)
	}
	if a, err := svc.Authenticate(ctx, tok.Value); err != nil || a.CanSeeDepartement("70") || !a.CanSeeDepartement("57") {
		t.Fatalf("after the change: %+v %v", a, err)
	}
	if a, err := svc.Authenticate(ctx, tok.Value); err != nil || a.Label != "p@maillage.test" || a.Kind != auth.ActorUser ||
		a.ID != pref.ID || a.StructureIDs == nil || len(a.StructureIDs) != 0 {
		t.Fatalf("actor fields: %+v %v", a, err)
	}
	// A deactivation too: the same, still valid token is refused at once.
	inactive := false
	if _, err := svc.Update(ctx, auth.System, pref.ID, 2, user.Changes{Active: &inactive}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, tok.Value); !apperr.IsKind(err, apperr.KindUnauthenticated) {
		t.Fatalf("deactivated account authenticated: %v", err)
	}
}

func TestConcurrentRefreshesRotateOnce(t *testing.T) {
	t.Parallel()
	svc, _ := newService(t)
	ctx := context.Background()
	if _, err := svc.Create(ctx, auth.System, user.NewUser{Email: "r@maillage.test", Name: "R",
		Role: auth.RoleAnimateur, Departements: []string{"70"}, Password: "un-mot-de-passe-solide"}); err != nil {
		t.Fatal(err)
	}
	sess, err := svc.Login(ctx, "r@maillage.test", "un-mot-de-passe-solide", "192.0.2.10")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { _, errs[i] = svc.Refresh(ctx, sess.RefreshToken) })
	}
	wg.Wait()
	succeeded := 0
	for _, err := range errs {
		if err == nil {
			succeeded++
		} else if e, ok := apperr.As(err); !ok || e.Code != "auth.refresh_race" {
			// the losers came within the grace period: told to retry, the session is not revoked
			t.Fatalf("unexpected error %v", err)
		}
	}
	if succeeded != 1 {
		t.Fatalf("%d rotations of one token succeeded, want exactly 1", succeeded)
	}
}

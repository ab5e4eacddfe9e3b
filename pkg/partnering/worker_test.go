package partnering_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/partner"
	"maillage/pkg/partnering"
	"maillage/pkg/testkit"
)

// recorder is a Sender that answers 200 and remembers the event ids it received.
type recorder struct {
	mu  sync.Mutex
	ids []string
}

func (r *recorder) Send(_ context.Context, _ string, headers map[string]string, _ []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ids = append(r.ids, headers["Maillage-Webhook-Id"])
	return 200, nil
}

// listening inserts an API client of Haute-Saône with a webhook on permanence changes.
func listening(t *testing.T, gdb *gorm.DB) {
	t.Helper()
	for _, q := range []string{
		`INSERT INTO api_clients (id, client_id, name, organisation_kind, operator_code, departements, scopes)
			VALUES ('00000000-0000-4000-8000-000000000001', 'mc_test', 'Test', 'operator', 'cnaf', '{70}', '{structures:read}')`,
		`INSERT INTO webhook_subscriptions (api_client_id, url, events, signing_secret)
			VALUES ('00000000-0000-4000-8000-000000000001', 'https://example.test/hook', '{permanence.changed}', 'whsec_x')`,
	} {
		if err := gdb.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
}

func auditRow(tx *gorm.DB, objectID string) error {
	return tx.Exec(`INSERT INTO audit_log (actor_type, action, object_type, object_id, departements)
		VALUES ('system', 'permanence.update', 'permanence', ?, '{70}')`, objectID).Error
}

// An audit entry whose transaction commits after a later one (so with a lower id than an entry already
// dispatchable) is never skipped: the dispatcher waits for every older transaction, then reads in transaction
// order.
func TestDispatchNeverSkipsALateCommit(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	ctx := context.Background()
	listening(t, gdb)
	w := &partnering.Worker{DB: gdb, Partners: &partner.Store{DB: gdb}, Sender: &recorder{}, Now: time.Now}
	slow := gdb.Begin()
	defer slow.Rollback()
	if err := auditRow(slow, "early-id-late-commit"); err != nil { // takes its id and transaction id first
		t.Fatal(err)
	}
	if err := gdb.Transaction(func(tx *gorm.DB) error { return auditRow(tx, "late-id-early-commit") }); err != nil {
		t.Fatal(err)
	}
	if n, _, err := w.Dispatch(ctx); err != nil || n != 0 {
		t.Fatalf("dispatched %d deliveries (%v) while an older transaction is open: the cursor would jump over it", n, err)
	}
	if err := slow.Commit().Error; err != nil {
		t.Fatal(err)
	}
	var got []string
	deadline := time.Now().Add(10 * time.Second) // transactions of other tests may hold the horizon for a moment
	for len(got) < 2 && time.Now().Before(deadline) {
		if _, _, err := w.Dispatch(ctx); err != nil {
			t.Fatal(err)
		}
		gdb.Raw(`SELECT object_id FROM webhook_deliveries ORDER BY audit_id`).Scan(&got)
		time.Sleep(10 * time.Millisecond)
	}
	if len(got) != 2 || got[0] != "early-id-late-commit" {
		t.Fatalf("deliveries %v, want both entries", got)
	}
}

// Two workers running at once send each delivery once (SELECT … FOR UPDATE SKIP LOCKED).
func TestConcurrentWorkersSendOnce(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	listening(t, gdb)
	for i := range 20 {
		if err := auditRow(gdb, "p"+string(rune('a'+i))); err != nil {
			t.Fatal(err)
		}
	}
	rec := &recorder{}
	var wg sync.WaitGroup
	deadline := time.Now().Add(10 * time.Second)
	for range 2 {
		w := &partnering.Worker{DB: gdb, Partners: &partner.Store{DB: gdb}, Sender: rec, Now: time.Now, Batch: 3}
		wg.Go(func() {
			for time.Now().Before(deadline) {
				if _, _, err := w.RunOnce(context.Background()); err != nil {
					t.Error(err)
					return
				}
				rec.mu.Lock()
				done := len(rec.ids) >= 20
				rec.mu.Unlock()
				if done {
					return
				}
				time.Sleep(5 * time.Millisecond)
			}
		})
	}
	wg.Wait()
	seen := map[string]int{}
	for _, id := range rec.ids {
		seen[id]++
	}
	if len(rec.ids) != 20 || len(seen) != 20 {
		t.Fatalf("%d sends of %d events, want 20 of 20", len(rec.ids), len(seen))
	}
}

package labelflow_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/compliance"
	"maillage/pkg/demo"
	"maillage/pkg/label"
	"maillage/pkg/labelflow"
	"maillage/pkg/labelling"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
	"maillage/pkg/testkit"
)

func service(t *testing.T) (*labelflow.Service, *gorm.DB) {
	t.Helper()
	gdb, _ := testkit.DB(t)
	if err := demo.Seed(context.Background(), gdb, time.Now, nopWriter{}); err != nil {
		t.Fatal(err)
	}
	structures := &structure.Store{DB: gdb}
	hoursService := &compliance.Service{DB: gdb, Structures: structures, Opening: &opening.Store{DB: gdb}, Now: time.Now}
	return &labelflow.Service{DB: gdb, Labels: &label.Store{DB: gdb}, Structures: structures, Compliance: hoursService,
		Opening: &opening.Store{DB: gdb}, Territory: &territory.Store{DB: gdb}, Now: time.Now,
		DetectContentType: http.DetectContentType}, gdb
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }

var prefecture70 = auth.Actor{Kind: auth.ActorUser, ID: "prefecture-70", Label: "prefecture.70@maillage.test",
	Role: auth.RolePrefecture, Departements: []string{"70"}}

func structureOf(t *testing.T, gdb *gorm.DB, idfs string) string {
	t.Helper()
	var id string
	if err := gdb.Raw(`SELECT id FROM structures WHERE id_fs = ?`, idfs).Scan(&id).Error; err != nil || id == "" {
		t.Fatalf("structure %s: %v", idfs, err)
	}
	return id
}

// Two people put the same structure under watch at the same moment, both from version 1: the structure's row lock
// makes the second wait for the first and then see its version: one wins, the other gets 412, one new history row.
func TestLabelConcurrentTransitions(t *testing.T) {
	t.Parallel()
	svc, gdb := service(t)
	id := structureOf(t, gdb, "2494") // Vesoul: labelled from the ANCT list, no history
	ctx := context.Background()
	before, err := svc.State(ctx, prefecture70, id)
	if err != nil {
		t.Fatal(err)
	}
	if before.State != labelling.Labellise || len(before.History) != 0 || before.Version != 1 || before.LabelDate == nil {
		t.Fatalf("Vesoul before: %+v", before)
	}
	const n = 2
	errs := make([]error, n)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			_, errs[i] = svc.Transition(ctx, prefecture70, id, 1, labelflow.TransitionInput{To: "sous_surveillance",
				Reason: "Constat critique lors de la visite trimestrielle"})
		}()
	}
	start.Done()
	done.Wait()
	won, stale := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case apperr.IsKind(err, apperr.KindPreconditionFailed):
			stale++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if won != 1 || stale != 1 {
		t.Fatalf("%d won, %d got 412: %v", won, stale, errs)
	}
	after, err := svc.State(ctx, prefecture70, id)
	if err != nil {
		t.Fatal(err)
	}
	if after.State != labelling.SousSurveillance || after.Version != 2 || len(after.History) != 1 {
		t.Fatalf("after: state %s, version %d, %d history rows", after.State, after.Version, len(after.History))
	}
	var entries int
	gdb.Raw(`SELECT count(*) FROM audit_log WHERE action = 'label.transition' AND object_id = ?`, id).Scan(&entries)
	if entries != 1 {
		t.Fatalf("%d audit entries", entries)
	}
}

// A decision rolled back by a failing guard leaves nothing: no history, no version change, no audit entry.
func TestLabelRefusedTransitionWritesNothing(t *testing.T) {
	t.Parallel()
	svc, gdb := service(t)
	id := structureOf(t, gdb, "2494")
	ctx := context.Background()
	if err := gdb.Exec(`UPDATE structures SET label_status = 'instruction', label_version = label_version + 1 WHERE id = ?`, id).Error; err != nil {
		t.Fatal(err)
	}
	_, err := svc.Transition(ctx, prefecture70, id, 2, labelflow.TransitionInput{To: "audit_demande"})
	if e, ok := apperr.As(err); !ok || e.Code != "label.guard_failed" || e.Fields["candidature"] == "" {
		t.Fatalf("audit request without a file: %v", err)
	}
	var rows, entries, version int
	gdb.Raw(`SELECT count(*) FROM label_transitions WHERE structure_id = ?`, id).Scan(&rows)
	gdb.Raw(`SELECT count(*) FROM audit_log WHERE action = 'label.transition'`).Scan(&entries)
	gdb.Raw(`SELECT label_version FROM structures WHERE id = ?`, id).Scan(&version)
	if rows != 0 || entries != 0 || version != 2 {
		t.Fatalf("refused decision left %d rows, %d entries, version %d", rows, entries, version)
	}
	// another département's structure is not found, whatever the decision
	other := structureOf(t, gdb, "329")
	if _, err := svc.Transition(ctx, prefecture70, other, 1, labelflow.TransitionInput{To: "ferme", Reason: "x"}); !apperr.IsKind(err, apperr.KindNotFound) {
		t.Fatalf("other département: %v", err)
	}
}

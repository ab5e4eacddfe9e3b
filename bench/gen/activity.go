package gen

import (
	"context"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
)

// streamRows writes n rows drawn one at a time (no slice of 500,000 rows in memory).
func (w *writer) streamRows(ctx context.Context, table string, columns []string, n int, row func(i int) []any) error {
	i := 0
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if i == n {
			return nil, nil
		}
		i++
		return row(i - 1), nil
	})
	if _, err := w.tx.CopyFrom(ctx, pgx.Identifier{table}, columns, src); err != nil {
		return fmt.Errorf("%s : %w", table, err)
	}
	return nil
}

var visitColumns = []string{"id", "structure_id", "departement_code", "visit_type", "status", "planned_date", "planned_time",
	"duration_minutes", "done_date", "cancel_reason", "cancelled_at", "report", "created_by", "created_at", "updated_at"}

// visits writes three years of visits over the structures: 75 % done, 20 % planned within six months, 5 %
// cancelled.
func (w *writer) visits(ctx context.Context) error {
	if len(w.sites) == 0 {
		return nil
	}
	r := w.stream("visits")
	types := []string{"prefectorale", "animateur", "audit_qualite", "autre"}
	w.visitSites = make([]int32, 0, w.cfg.Visits)
	err := w.streamRows(ctx, "visits", visitColumns, w.cfg.Visits, func(int) []any {
		si := r.IntN(len(w.sites))
		s := w.sites[si]
		id := newID(r)
		w.visitIDs = append(w.visitIDs, id)
		w.visitSites = append(w.visitSites, int32(si))
		kind := types[pick(r, 50, 35, 10, 5)]
		var planned, done, cancelled any
		status, plannedTime, reason, report := "realisee", "", "", ""
		created := w.day(-1 - r.IntN(1095))
		switch pick(r, 75, 20, 5) {
		case 0:
			planned, done, report = created, created, "Visite réalisée : échanges avec l’équipe, points de vigilance notés."
		case 1:
			status, plannedTime = "planifiee", []string{"", "10:00", "14:00"}[r.IntN(3)]
			planned, created = w.day(1+r.IntN(180)), w.day(-r.IntN(60))
		default:
			status, reason, planned = "annulee", "Indisponibilité de l’équipe", created
			cancelled = created.AddDate(0, 0, -2)
		}
		return []any{id, s.id, s.dep.code, kind, status, planned, plannedTime, 120, done, reason, cancelled, report,
			"Préfecture – " + s.dep.name, created, created}
	})
	w.counts.Visits = len(w.visitIDs)
	return err
}

var auditColumns = []string{"at", "actor_type", "actor_id", "actor_label", "action", "object_type", "object_id",
	"departements", "before", "after", "diff", "request_id"}

// audit writes two years of history in time order: structure and hours edits, visits created and updated, agents
// added, by the generated accounts.
func (w *writer) audit(ctx context.Context) error {
	if w.cfg.AuditRows == 0 || len(w.sites) == 0 || len(w.people) == 0 {
		return nil
	}
	r := w.stream("audit")
	start := w.day(-730)
	step := 730 * 24 * time.Hour / time.Duration(w.cfg.AuditRows)
	err := w.streamRows(ctx, "audit_log", auditColumns, w.cfg.AuditRows, func(i int) []any {
		u := w.people[r.IntN(len(w.people))]
		at := start.Add(time.Duration(i)*step + time.Duration(r.IntN(int(step/time.Millisecond)+1))*time.Millisecond)
		action, objectType, objectID, deps, before, after, diff := w.auditChange(r)
		reqID := make([]byte, 12)
		for b := range reqID {
			reqID[b] = byte(r.IntN(256))
		}
		return []any{at, "user", u.id.String(), u.label, action, objectType, objectID, deps, before, after, diff,
			hex.EncodeToString(reqID)}
	})
	w.counts.AuditRows = w.cfg.AuditRows
	return err
}

// auditChange draws one audited change: its action, object, territory and JSON snapshots (nil: SQL NULL).
func (w *writer) auditChange(r *rand.Rand) (action, objectType, objectID string, deps []string, before, after, diff any) {
	s := w.sites[r.IntN(len(w.sites))]
	deps = []string{s.dep.code}
	switch pick(r, 35, 25, 25, 10, 5) {
	case 0:
		from, to := phone(r), phone(r)
		return "structure.update", "structure", s.id.String(), deps, fmt.Sprintf(`{"phone":%q}`, from),
			fmt.Sprintf(`{"phone":%q}`, to), fmt.Sprintf(`{"phone":{"from":%q,"to":%q}}`, from, to)
	case 1:
		n := 1 + r.IntN(3)
		return "schedules.replace", "structure", s.id.String(), deps, fmt.Sprintf(`{"schedules":%d}`, n),
			fmt.Sprintf(`{"schedules":%d}`, n+1), fmt.Sprintf(`{"schedules":{"from":%d,"to":%d}}`, n, n+1)
	case 2, 3:
		if len(w.visitIDs) == 0 {
			return "structure.update", "structure", s.id.String(), deps, nil, `{"comment":""}`, nil
		}
		k := r.IntN(len(w.visitIDs))
		vs := w.sites[w.visitSites[k]]
		if r.IntN(3) == 0 {
			return "visit.update", "visit", w.visitIDs[k].String(), []string{vs.dep.code}, `{"status":"planifiee"}`,
				`{"status":"realisee"}`, `{"status":{"from":"planifiee","to":"realisee"}}`
		}
		return "visit.create", "visit", w.visitIDs[k].String(), []string{vs.dep.code}, nil,
			`{"status":"planifiee","type":"prefectorale"}`, nil
	default:
		return "agent.create", "agent", newID(r).String(), deps, nil, `{"role":"agent"}`, nil
	}
}

func phone(r *rand.Rand) string {
	return fmt.Sprintf("03 %02d %02d %02d %02d", r.IntN(100), r.IntN(100), r.IntN(100), r.IntN(100))
}

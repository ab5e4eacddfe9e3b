package gen

import (
	"context"
	"crypto/sha256"
	"fmt"
	"time"
)

var permanenceColumns = []string{"id", "structure_id", "departement_code", "stop_id", "partner_kind", "operator_code",
	"modality", "summary"}

// permanences gives every structure 2 to 6 permanences of national operators, each with its own weekly hours (one
// half-day, every week or every 2 or 4 weeks), when the partners' tables exist (migration 00009).
func (w *writer) permanences(ctx context.Context) error {
	ok, err := w.ready(ctx, "permanences", permanenceColumns)
	if err != nil || !ok {
		return err
	}
	r := w.stream("permanences")
	var rows [][]any
	var h hoursRows
	monday := w.day(0)
	for monday.Weekday() != time.Monday {
		monday = monday.AddDate(0, 0, -1)
	}
	for _, s := range w.sites {
		ops := r.Perm(len(w.ref.operators))
		for k := range 2 + r.IntN(5) {
			id := newID(r)
			var stop any
			if len(s.stops) > 0 {
				stop = s.stops[r.IntN(len(s.stops))]
			}
			modality := []string{"physique", "visio", "telephone"}[pick(r, 70, 20, 10)]
			rows = append(rows, []any{id, s.id, s.dep.code, stop, "operator", w.ref.operators[ops[k%len(ops)]], modality, ""})
			schedule := newID(r)
			channel := map[string]string{"physique": "accueil", "visio": "rdv", "telephone": "telephone"}[modality]
			h.schedules = append(h.schedules, []any{schedule, s.id, 0, "permanence", id, channel, "regular", nil, nil, 0, "published"})
			start := []int{540, 840}[r.IntN(2)]
			rule, interval, anchor := "every", 0, any(nil)
			if n := []int{1, 2, 4}[pick(r, 40, 40, 20)]; n > 1 {
				rule, interval, anchor = "every_n", n, monday
			}
			h.slots = append(h.slots, []any{newID(r), schedule, 0, 1 + r.IntN(5), start, start + 180, rule, interval, anchor,
				nil, 1, "sur_rdv"})
		}
	}
	w.counts.Permanences = len(rows)
	w.counts.Schedules += len(h.schedules)
	w.counts.Slots += len(h.slots)
	if err := w.copyRows(ctx, "permanences", permanenceColumns, rows); err != nil {
		return err
	}
	if err := w.copyRows(ctx, "schedules", scheduleColumns, h.schedules); err != nil {
		return err
	}
	return w.copyRows(ctx, "schedule_slots", slotColumns, h.slots)
}

var apiClientColumns = []string{"id", "client_id", "name", "organisation_kind", "operator_code", "departements", "scopes",
	"valid_from", "created_by"}

// apiClients registers the partner software of national operators, one département each, with one secret.
func (w *writer) apiClients(ctx context.Context) error {
	if w.cfg.APIClients == 0 {
		return nil
	}
	ok, err := w.ready(ctx, "api_clients", apiClientColumns)
	if err != nil || !ok {
		return err
	}
	okSecrets, err := w.ready(ctx, "api_client_secrets", []string{"id", "api_client_id", "secret_hash"})
	if err != nil {
		return err
	}
	r := w.stream("api_clients")
	var clients, secrets [][]any
	for i := range w.cfg.APIClients {
		id := newID(r)
		op := w.ref.operators[i%len(w.ref.operators)]
		dep := w.ref.departements[r.IntN(len(w.ref.departements))]
		scopes := []string{"structures:read"}
		if i%3 == 0 {
			scopes = append(scopes, "permanences:write")
		}
		clients = append(clients, []any{id, fmt.Sprintf("bench-%s-%03d", op, i+1), fmt.Sprintf("Logiciel %s (%s)", op, dep.name),
			"operator", op, []string{dep.code}, scopes, w.day(-200), "seed bench"})
		raw := make([]byte, 32)
		for b := range raw {
			raw[b] = byte(r.IntN(256))
		}
		sum := sha256.Sum256(raw)
		secrets = append(secrets, []any{newID(r), id, sum[:]})
	}
	w.counts.APIClients = len(clients)
	if err := w.copyRows(ctx, "api_clients", apiClientColumns, clients); err != nil || !okSecrets {
		return err
	}
	return w.copyRows(ctx, "api_client_secrets", []string{"id", "api_client_id", "secret_hash"}, secrets)
}

// ready tells whether a partners' table is there with the columns written here, and records why not otherwise;
// the national operators must be there too.
func (w *writer) ready(ctx context.Context, table string, columns []string) (bool, error) {
	if !w.ref.tables[table] {
		w.counts.Skipped = append(w.counts.Skipped, table+" (table absente : migration des partenaires non appliquée)")
		return false, nil
	}
	ok, err := hasColumns(ctx, w.tx, table, columns)
	if err != nil {
		return false, err
	}
	if !ok {
		w.counts.Skipped = append(w.counts.Skipped, table+" (colonnes attendues absentes)")
		return false, nil
	}
	if len(w.ref.operators) == 0 {
		w.counts.Skipped = append(w.counts.Skipped, table+" (aucun opérateur national)")
		return false, nil
	}
	return true, nil
}

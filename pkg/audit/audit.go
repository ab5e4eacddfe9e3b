// Package audit writes and reads the append-only audit log: who changed what, when, from which request, with the
// object before and after and the changed fields. Writes join the caller's transaction, so a change and its
// audit entry commit or roll back together.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"gorm.io/gorm"

	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// Entry is one change to record.
type Entry struct {
	Action       string // e.g. "user.create"
	ObjectType   string // e.g. "user"
	ObjectID     string
	Departements []string // the territory the object belongs to: who may read this entry
	Before       any      // nil for a creation
	After        any      // nil for a removal
}

// Record writes the entry with the actor and request id carried by ctx, inside the transaction carried by ctx.
// Secrets (password hashes, tokens) are removed from before and after whatever the caller passes.
func Record(ctx context.Context, gdb *gorm.DB, e Entry) error {
	return RecordAll(ctx, gdb, []Entry{e})
}

// recordBatch bounds one INSERT's parameters (11 per entry, PostgreSQL allows 65,535).
const recordBatch = 1000

// RecordAll writes several entries in as few statements as possible (bulk changes such as an import).
func RecordAll(ctx context.Context, gdb *gorm.DB, entries []Entry) error {
	actor, ok := auth.ActorFrom(ctx)
	if !ok {
		actor = auth.System
	}
	requestID := auth.RequestID(ctx)
	for start := 0; start < len(entries); start += recordBatch {
		chunk := entries[start:min(start+recordBatch, len(entries))]
		values := make([]string, 0, len(chunk))
		args := make([]any, 0, 11*len(chunk))
		for _, e := range chunk {
			b, a, diff, err := encode(e)
			if err != nil {
				return fmt.Errorf("audit %s %s: %w", e.ObjectType, e.ObjectID, err)
			}
			deps := db.TextArray(e.Departements)
			if deps == nil {
				deps = db.TextArray{}
			}
			values = append(values, "(?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)")
			args = append(args, string(actor.Kind), actor.ID, actor.Label, e.Action, e.ObjectType, e.ObjectID, deps,
				b, a, diff, requestID)
		}
		err := db.Conn(ctx, gdb).Exec(`INSERT INTO audit_log (actor_type, actor_id, actor_label, action, object_type,
			object_id, departements, before, after, diff, request_id) VALUES `+strings.Join(values, ", "), args...).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// encode returns the JSON of before, after and their diff, secrets removed.
func encode(e Entry) (before, after, diff any, err error) {
	b, err := snapshot(e.Before)
	if err != nil {
		return nil, nil, nil, err
	}
	a, err := snapshot(e.After)
	if err != nil {
		return nil, nil, nil, err
	}
	if diff, err = jsonOrNil(diffOf(b, a)); err != nil {
		return nil, nil, nil, err
	}
	if before, err = jsonOrNil(b); err != nil {
		return nil, nil, nil, err
	}
	after, err = jsonOrNil(a)
	return before, after, diff, err
}

// snapshot turns a value into its JSON object form, without secrets. Non-object values are kept under "value".
func snapshot(v any) (map[string]any, error) {
	if v == nil || (reflect.ValueOf(v).Kind() == reflect.Pointer && reflect.ValueOf(v).IsNil()) {
		return nil, nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	m, ok := out.(map[string]any)
	if !ok {
		m = map[string]any{"value": out}
	}
	stripSecrets(m)
	return m, nil
}

// secretMarkers name fields that must never reach the audit log, whatever their case or separators.
var secretMarkers = []string{"password", "secret", "token", "hash"}

func isSecret(key string) bool {
	k := strings.ToLower(strings.ReplaceAll(key, "_", ""))
	for _, m := range secretMarkers {
		if strings.Contains(k, m) {
			return true
		}
	}
	return false
}

func stripSecrets(v any) {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			if isSecret(k) {
				delete(t, k)
				continue
			}
			stripSecrets(child)
		}
	case []any:
		for _, child := range t {
			stripSecrets(child)
		}
	}
}

// diffOf lists the top-level fields whose value changed, as {"field": {"from": …, "to": …}}; nil when nothing
// did.
func diffOf(before, after map[string]any) map[string]any {
	if before == nil && after == nil {
		return nil
	}
	out := map[string]any{}
	for k, b := range before {
		if a, ok := after[k]; !ok || !reflect.DeepEqual(a, b) {
			out[k] = map[string]any{"from": b, "to": after[k]}
		}
	}
	for k, a := range after {
		if _, ok := before[k]; !ok {
			out[k] = map[string]any{"from": nil, "to": a}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// jsonOrNil encodes v, or returns nil (SQL NULL) for a nil map.
func jsonOrNil(v map[string]any) (any, error) {
	if v == nil {
		return nil, nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(raw), nil
}

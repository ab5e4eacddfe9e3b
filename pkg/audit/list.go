package audit

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// Log reads the audit log within the reader's territory.
type Log struct {
	DB *gorm.DB
}

// Filter narrows a read of the log; Limit is already bounded by the caller (1–200).
type Filter struct {
	ObjectType string
	ObjectID   string
	Cursor     string
	Limit      int
}

// Item is one recorded change as read back. Before, After and Diff are JSON objects (nil when absent).
type Item struct {
	ID           int64
	At           time.Time
	ActorType    string
	ActorID      string
	ActorLabel   string
	Action       string
	ObjectType   string
	ObjectID     string
	Departements []string
	Before       json.RawMessage
	After        json.RawMessage
	Diff         json.RawMessage
	RequestID    string
}

// Page is a page of items, newest first, and the cursor of the next page ("" at the end).
type Page struct {
	Items      []Item
	NextCursor string
}

// readers are the roles that may read the log; the route table says the same, this keeps the rule true for any
// other caller of the package.
var readers = []auth.Role{auth.RoleAdmin, auth.RoleRegion, auth.RolePrefecture, auth.RoleAnimateur}

type itemRow struct {
	ID           int64
	At           time.Time
	ActorType    string
	ActorID      string
	ActorLabel   string
	Action       string
	ObjectType   string
	ObjectID     string
	Departements db.TextArray
	Before       []byte
	After        []byte
	Diff         []byte
	RequestID    string
}

// List returns entries newest first: admin reads everything; the other readers only entries that touch one of
// their départements.
func (l *Log) List(ctx context.Context, actor auth.Actor, f Filter) (Page, error) {
	if !actor.HasRole(readers...) {
		return Page{}, apperr.Forbidden("auth.forbidden", "Votre rôle ne permet pas de consulter le journal.")
	}
	q := db.Conn(ctx, l.DB).Table("audit_log").Select(`id, at, actor_type, actor_id, actor_label, action,
		object_type, object_id, departements, before, after, diff, request_id`)
	if deps, limited := actor.DepartementFilter(); limited {
		q = q.Where("departements && ?::text[]", db.TextArray(deps))
	}
	if f.ObjectType != "" {
		q = q.Where("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		q = q.Where("object_id = ?", f.ObjectID)
	}
	if f.Cursor != "" {
		after, err := decodeCursor(f.Cursor)
		if err != nil {
			return Page{}, err
		}
		q = q.Where("id < ?", after)
	}
	var rows []itemRow
	if err := q.Order("id DESC").Limit(f.Limit + 1).Scan(&rows).Error; err != nil {
		return Page{}, err
	}
	page := Page{Items: make([]Item, 0, min(len(rows), f.Limit))}
	for i, r := range rows {
		if i == f.Limit {
			page.NextCursor = encodeCursor(rows[i-1].ID)
			break
		}
		page.Items = append(page.Items, r.item())
	}
	return page, nil
}

func (r itemRow) item() Item {
	return Item{ID: r.ID, At: r.At, ActorType: r.ActorType, ActorID: r.ActorID, ActorLabel: r.ActorLabel,
		Action: r.Action, ObjectType: r.ObjectType, ObjectID: r.ObjectID, Departements: []string(r.Departements),
		Before: rawOrNil(r.Before), After: rawOrNil(r.After), Diff: rawOrNil(r.Diff), RequestID: r.RequestID}
}

func rawOrNil(b []byte) json.RawMessage {
	if len(b) == 0 {
		return nil
	}
	return json.RawMessage(b)
}

// The cursor is opaque to clients so its form can change; today it is the last id seen.
func encodeCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("a:" + strconv.FormatInt(id, 10)))
}

func decodeCursor(c string) (int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil && len(raw) > 2 && string(raw[:2]) == "a:" {
		if id, err := strconv.ParseInt(string(raw[2:]), 10, 64); err == nil && id > 0 {
			return id, nil
		}
	}
	return 0, apperr.Invalid("validation_failed", "cursor", "Curseur de pagination invalide.")
}

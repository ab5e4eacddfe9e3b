package structure

import (
	"context"
	"encoding/json"
	"time"

	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// The reads of GET /structures/{id} and of the lists are the API's hottest paths: their rows are scanned by hand
// in the order of selectColumns, without the ORM's per-row reflection.

// scanRows reads rows of selectColumns, each followed by the columns of extra (called per row for its targets).
func scanRows(rows db.Rows, extra func(i int) []any) ([]row, error) {
	var out []row
	for rows.Next() {
		var r row
		dest := []any{&r.ID, &r.IDFS, &r.DepartementCode, &r.Name, &r.CommuneCode, &r.CommuneLabel, &r.Address,
			&r.AddressComplement, &r.Postcode, &r.Latitude, &r.Longitude, &r.CoordinatesSource, &r.Phone, &r.Email,
			&r.Website, &r.Format, &r.ParentID, &r.GroupID, &r.CarrierType, &r.CarrierName, &r.CarrierSiret,
			&r.LabelStatus, &r.LabelDate, &r.Timezone, &r.HolidayCalendar, &r.AccessibilityNotes, &r.HoursRaw,
			&r.Comment, &r.CreatedAt, &r.UpdatedAt, &r.Version, &r.SortKey}
		if extra != nil {
			dest = append(dest, extra(len(out))...)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// historyColumn is a structure's ANCT numbers, oldest first, as JSON; instants in microseconds since the epoch
// so that they decode to exactly what the driver gives for a timestamptz.
const historyColumn = `coalesce((SELECT json_agg(json_build_object('i', h.id_fs,
		'f', (extract(epoch FROM h.from_at) * 1000000)::bigint, 't', (extract(epoch FROM h.to_at) * 1000000)::bigint)
		ORDER BY h.from_at, h.id_fs) FROM structure_id_history h WHERE h.structure_id = s.id), '[]') AS id_fs_history`

// GetWithHistory returns one structure of the actor's territory with its ANCT numbers (History), in one statement.
func (s *Store) GetWithHistory(ctx context.Context, a auth.Actor, id string) (Structure, []IDHistory, error) {
	if !db.IsUUID(id) {
		return Structure{}, nil, ErrNotFound
	}
	q := scoped(db.Conn(ctx, s.DB).Table("structures s").Select(oneColumns+", "+historyColumn), a).
		Where("s.id = ?", id)
	var raw []byte
	var rows []row
	err := db.ReadBuilt(ctx, q, func(r db.Rows) (err error) {
		rows, err = scanRows(r, func(int) []any { return []any{&raw} })
		return err
	})
	if err != nil {
		return Structure{}, nil, err
	}
	if len(rows) == 0 {
		return Structure{}, nil, ErrNotFound
	}
	st, err := rows[0].structure()
	if err != nil {
		return Structure{}, nil, err
	}
	history, err := decodeHistory(raw)
	return st, history, err
}

func decodeHistory(raw []byte) ([]IDHistory, error) {
	var items []struct {
		I string
		F int64
		T *int64
	}
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, err
	}
	var out []IDHistory
	for _, it := range items {
		h := IDHistory{IDFS: it.I, From: time.UnixMicro(it.F)}
		if it.T != nil {
			to := time.UnixMicro(*it.T)
			h.To = &to
		}
		out = append(out, h)
	}
	return out, nil
}

// Page is List with the count of the whole selection (Count), read in the same statement when the page has rows.
func (s *Store) Page(ctx context.Context, a auth.Actor, f Filter, cursor string, limit int) ([]Structure, string, int, error) {
	if f.Quality != "" && f.Quality != FlagUnknownCommune { // computed flags: the count is what List keeps
		list, next, err := s.List(ctx, a, f, cursor, limit)
		if err != nil {
			return nil, "", 0, err
		}
		total, err := s.Count(ctx, a, f)
		return list, next, total, err
	}
	list, next, total, err := s.list(ctx, a, f, cursor, limit, true)
	if err == nil && total < 0 { // an empty page (past the end, or nothing matches): count on its own
		total, err = s.Count(ctx, a, f)
	}
	return list, next, total, err
}

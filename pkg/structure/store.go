package structure

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// Store reads and writes structures. Every read takes the actor and is limited to its territory here, in one
// place; writes are done by use cases that have already read (and so scoped) the object.
type Store struct {
	DB *gorm.DB
}

// ErrNotFound is the 404 of a structure absent or outside the caller's territory.
var ErrNotFound = apperr.NotFound("structure.not_found", "Cette structure n’existe pas ou n’est pas dans votre territoire.")

// Filter selects structures.
type Filter struct {
	Departement  string
	Departements []string
	Commune      string
	Format       Format
	LabelStatus  string
	CarrierType  CarrierType
	GroupID      string
	Text         string
	BBox         *[4]float64 // minLon, minLat, maxLon, maxLat
	Quality      QualityFlag
	IDs          []string
}

const baseColumns = `s.id, s.id_fs, s.departement_code, s.name, s.commune_code, s.commune_label, s.address,
	s.address_complement, s.postcode, s.latitude, s.longitude, s.coordinates_source, s.phone, s.email, s.website,
	s.format, s.parent_id, s.group_id, s.carrier_type, s.carrier_name, s.carrier_siret, s.label_status,
	s.label_date, s.timezone, s.holiday_calendar, s.accessibility_notes, s.hours_raw, s.comment, s.created_at,
	s.updated_at, s.version`

// selectColumns are the columns of a list: the sort key of the name orders the page and makes its cursor.
const selectColumns = baseColumns + `, lower(f_unaccent(s.name)) AS sort_key`

// oneColumns read one structure by id: no page, so no sort key to compute (unaccenting the name was a third of
// PostgreSQL's time on that read).
const oneColumns = baseColumns + `, '' AS sort_key`

// scoped limits a query on "structures s" to the actor's territory.
func scoped(q *gorm.DB, a auth.Actor) *gorm.DB {
	switch {
	case a.IsNational():
		return q
	case a.Role == auth.RoleStructure:
		if len(a.StructureIDs) == 0 {
			return q.Where("false")
		}
		return q.Where("s.id IN ?", a.StructureIDs)
	default:
		deps, _ := a.DepartementFilter()
		if len(deps) == 0 {
			return q.Where("false")
		}
		return q.Where("s.departement_code IN ?", deps)
	}
}

// List returns one page of structures sorted by name, and the cursor of the next page ("" at the end).
func (s *Store) List(ctx context.Context, a auth.Actor, f Filter, cursor string, limit int) ([]Structure, string, error) {
	out, next, _, err := s.list(ctx, a, f, cursor, limit, false)
	return out, next, err
}

// list is List; withTotal adds to every row, in the same statement, the count of the whole selection (-1 when
// the page is empty).
func (s *Store) list(ctx context.Context, a auth.Actor, f Filter, cursor string, limit int, withTotal bool) ([]Structure, string, int, error) {
	q := scoped(db.Conn(ctx, s.DB).Table("structures s").Select(selectColumns), a)
	if withTotal {
		q = q.Select(selectColumns+", (?) AS total", s.countQuery(ctx, a, f))
	}
	q = applyFilter(q, f)
	if cursor != "" {
		key, id, err := db.DecodeCursor(cursor)
		if err != nil {
			return nil, "", 0, err
		}
		q = q.Where("(lower(f_unaccent(s.name)), s.id) > (?, ?)", key, id)
	}
	if limit > 0 {
		q = q.Limit(limit + 1)
	}
	total := -1
	var extra func(int) []any
	if withTotal {
		extra = func(int) []any { return []any{&total} }
	}
	var rows []row
	err := db.ReadBuilt(ctx, q.Order("sort_key, s.id"), func(r db.Rows) (err error) {
		rows, err = scanRows(r, extra)
		return err
	})
	if err != nil {
		return nil, "", 0, err
	}
	next := ""
	if limit > 0 && len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		next = db.EncodeCursor(last.SortKey, last.ID)
	}
	out, err := toStructures(rows)
	if err != nil {
		return nil, "", 0, err
	}
	if f.Quality != "" {
		out = withFlag(out, f.Quality)
	}
	return out, next, total, nil
}

func applyFilter(q *gorm.DB, f Filter) *gorm.DB {
	if f.Departement != "" {
		q = q.Where("s.departement_code = ?", f.Departement)
	}
	if f.Departements != nil {
		q = q.Where("s.departement_code IN ?", f.Departements)
	}
	if f.Commune != "" {
		q = q.Where("s.commune_code = ?", f.Commune)
	}
	if f.Format != "" {
		q = q.Where("s.format = ?", f.Format)
	}
	if f.LabelStatus != "" {
		q = q.Where("s.label_status = ?", f.LabelStatus)
	}
	if f.CarrierType != "" {
		q = q.Where("s.carrier_type = ?", f.CarrierType)
	}
	if f.GroupID != "" {
		q = q.Where("s.group_id = ?", f.GroupID)
	}
	if len(f.IDs) > 0 {
		q = q.Where("s.id IN ?", f.IDs)
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		pattern := "%" + db.EscapeLike(strings.ToLower(t)) + "%"
		q = q.Where("lower(f_unaccent(s.name)) LIKE lower(f_unaccent(?)) OR lower(f_unaccent(s.commune_label)) LIKE lower(f_unaccent(?))",
			pattern, pattern)
	}
	if b := f.BBox; b != nil {
		q = q.Where("s.longitude BETWEEN ? AND ? AND s.latitude BETWEEN ? AND ?", b[0], b[2], b[1], b[3])
	}
	if f.Quality == FlagUnknownCommune { // the only flag cheap to push to SQL; the others are filtered after
		q = q.Where("s.commune_code IS NULL")
	}
	return q
}

func withFlag(list []Structure, flag QualityFlag) []Structure {
	out := list[:0]
	for _, st := range list {
		for _, f := range Quality(st) {
			if f == flag {
				out = append(out, st)
				break
			}
		}
	}
	return out
}

// Count tells how many structures of the actor's territory match the filter.
func (s *Store) Count(ctx context.Context, a auth.Actor, f Filter) (int, error) {
	if f.Quality != "" && f.Quality != FlagUnknownCommune { // computed flags: count what List keeps
		list, _, err := s.List(ctx, a, f, "", 0)
		return len(list), err
	}
	var n int
	err := s.countQuery(ctx, a, f).Scan(&n).Error
	return n, err
}

func (s *Store) countQuery(ctx context.Context, a auth.Actor, f Filter) *gorm.DB {
	return applyFilter(scoped(db.Conn(ctx, s.DB).Table("structures s"), a), f).Select("count(*)")
}

// Get returns one structure of the actor's territory.
func (s *Store) Get(ctx context.Context, a auth.Actor, id string) (Structure, error) {
	if !db.IsUUID(id) {
		return Structure{}, ErrNotFound
	}
	var rows []row
	err := db.ReadBuilt(ctx, scoped(db.Conn(ctx, s.DB).Table("structures s").Select(oneColumns), a).Where("s.id = ?", id),
		func(r db.Rows) (err error) {
			rows, err = scanRows(r, nil)
			return err
		})
	if err != nil {
		return Structure{}, err
	}
	if len(rows) == 0 {
		return Structure{}, ErrNotFound
	}
	return rows[0].structure()
}

// insertColumns are the columns a new structure is written with (id generated here, so a batch needs no
// RETURNING to match rows back).
const insertColumns = `id, id_fs, departement_code, name, commune_code, commune_label, address, address_complement,
	postcode, latitude, longitude, coordinates_source, phone, email, website, format, parent_id, group_id, carrier_type,
	carrier_name, carrier_siret, label_status, label_date, timezone, holiday_calendar, accessibility_notes, hours_raw,
	comment`

const insertPlaceholders = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)`

// insertBatch bounds one statement's parameters (28 per structure; PostgreSQL allows 65,535).
const insertBatch = 500

// Insert creates a structure and records its ANCT number; it returns the structure as stored.
func (s *Store) Insert(ctx context.Context, st Structure) (Structure, error) {
	out, err := s.InsertMany(ctx, []Structure{st})
	if err != nil {
		return Structure{}, err
	}
	return out[0], nil
}

// InsertMany creates structures in batches, each batch one statement that also records the ANCT numbers.
func (s *Store) InsertMany(ctx context.Context, list []Structure) ([]Structure, error) {
	now := time.Now().UTC()
	out := make([]Structure, len(list))
	for start := 0; start < len(list); start += insertBatch {
		chunk := list[start:min(start+insertBatch, len(list))]
		values := make([]string, len(chunk))
		args := make([]any, 0, 28*len(chunk))
		for i, st := range chunk {
			st.ID, st.Version, st.CreatedAt, st.UpdatedAt = uuid.NewString(), 1, now, now
			if st.CoordinatesSource == "" {
				st.CoordinatesSource = CoordsNone
			}
			out[start+i] = st
			r := fromStructure(st)
			values[i] = insertPlaceholders
			args = append(args, r.ID, r.IDFS, r.DepartementCode, r.Name, r.CommuneCode, r.CommuneLabel, r.Address,
				r.AddressComplement, r.Postcode, r.Latitude, r.Longitude, r.CoordinatesSource, r.Phone, r.Email,
				r.Website, r.Format, r.ParentID, r.GroupID, r.CarrierType, r.CarrierName, r.CarrierSiret,
				r.LabelStatus, r.LabelDate, r.Timezone, r.HolidayCalendar, r.AccessibilityNotes, r.HoursRaw, r.Comment)
		}
		err := db.Conn(ctx, s.DB).Exec(`WITH created AS (INSERT INTO structures (`+insertColumns+`) VALUES `+
			strings.Join(values, ", ")+` RETURNING id, id_fs)
			INSERT INTO structure_id_history (structure_id, id_fs) SELECT id, id_fs FROM created WHERE id_fs IS NOT NULL`,
			args...).Error
		if err != nil {
			return nil, uniqueIDFS(err)
		}
	}
	return out, nil
}

// Update writes every field of st if its version is still expectedVersion; otherwise 412.
func (s *Store) Update(ctx context.Context, st Structure, expectedVersion int) (Structure, error) {
	r := fromStructure(st)
	res := db.Conn(ctx, s.DB).Exec(`UPDATE structures SET id_fs = ?, name = ?, commune_code = ?, commune_label = ?,
		address = ?, address_complement = ?, postcode = ?, latitude = ?, longitude = ?, coordinates_source = ?,
		phone = ?, email = ?, website = ?, format = ?, parent_id = ?, group_id = ?, carrier_type = ?, carrier_name = ?,
		carrier_siret = ?, label_status = ?, label_date = ?, accessibility_notes = ?, hours_raw = ?::jsonb, comment = ?,
		updated_at = now(), version = version + 1
		WHERE id = ? AND version = ?`,
		r.IDFS, r.Name, r.CommuneCode, r.CommuneLabel, r.Address, r.AddressComplement, r.Postcode, r.Latitude,
		r.Longitude, r.CoordinatesSource, r.Phone, r.Email, r.Website, r.Format, r.ParentID, r.GroupID, r.CarrierType,
		r.CarrierName, r.CarrierSiret, r.LabelStatus, r.LabelDate, r.AccessibilityNotes, r.HoursRaw, r.Comment,
		st.ID, expectedVersion)
	if res.Error != nil {
		return Structure{}, uniqueIDFS(res.Error)
	}
	if res.RowsAffected == 0 {
		return Structure{}, stale()
	}
	if st.IDFS != nil {
		if err := s.recordIDFS(ctx, st.ID, *st.IDFS); err != nil {
			return Structure{}, err
		}
	}
	return s.Get(ctx, auth.System, st.ID)
}

// Delete removes a structure at the expected version.
func (s *Store) Delete(ctx context.Context, id string, expectedVersion int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM structures WHERE id = ? AND version = ?`, id, expectedVersion)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return stale()
	}
	return nil
}

// recordIDFS closes the previous ANCT number of the structure and opens the new one, if it changed.
func (s *Store) recordIDFS(ctx context.Context, id, idfs string) error {
	conn := db.Conn(ctx, s.DB)
	if err := conn.Exec(`UPDATE structure_id_history SET to_at = now() WHERE structure_id = ? AND id_fs <> ? AND to_at IS NULL`,
		id, idfs).Error; err != nil {
		return err
	}
	return conn.Exec(`INSERT INTO structure_id_history (structure_id, id_fs) VALUES (?, ?)
		ON CONFLICT (structure_id, id_fs) DO UPDATE SET to_at = NULL`, id, idfs).Error
}

// IDHistory is one ANCT number a structure carried.
type IDHistory struct {
	IDFS string
	From time.Time
	To   *time.Time
}

// History lists the ANCT numbers of a structure, oldest first.
func (s *Store) History(ctx context.Context, id string) ([]IDHistory, error) {
	var out []IDHistory
	err := db.Conn(ctx, s.DB).Raw(`SELECT id_fs, from_at AS "from", to_at AS "to" FROM structure_id_history
		WHERE structure_id = ? ORDER BY from_at, id_fs`, id).Scan(&out).Error
	return out, err
}

// FindByIDFS returns the id of the structure that carries or carried an ANCT number, if any.
func (s *Store) FindByIDFS(ctx context.Context, idfs string) (string, bool, error) {
	var ids []string
	err := db.Conn(ctx, s.DB).Raw(`SELECT structure_id FROM structure_id_history WHERE id_fs = ?
		ORDER BY to_at IS NULL DESC LIMIT 1`, idfs).Scan(&ids).Error
	if err != nil || len(ids) == 0 {
		return "", false, err
	}
	return ids[0], true, nil
}

func stale() error {
	return apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch",
		"La structure a été modifiée depuis votre lecture : rechargez-la puis recommencez.")
}

func uniqueIDFS(err error) error {
	if db.IsUniqueViolation(err, "structures_id_fs_key") {
		return apperr.Invalid("structure.id_fs_taken", "id_fs", "Cet identifiant ANCT est déjà porté par une autre structure.")
	}
	return err
}

var errBadHours = errors.New("hours_raw is not a JSON object of strings")

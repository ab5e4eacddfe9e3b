package user

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// store is the SQL of accounts. Every read of accounts goes through scoped(), so the territory rule is written
// once: admin sees every account, a prefecture the accounts holding at least one of its départements.
type store struct {
	db *gorm.DB
}

const userColumns = `u.id::text AS id, u.email, u.name, u.role, coalesce(u.region_code, '') AS region_code,
	coalesce(u.partner_org, '') AS partner_org, u.active, u.last_login_at, u.created_at, u.updated_at, u.version,
	ARRAY(SELECT ud.departement_code FROM user_departements ud WHERE ud.user_id = u.id ORDER BY 1) AS departements,
	ARRAY(SELECT us.structure_id::text FROM user_structures us WHERE us.user_id = u.id ORDER BY 1) AS structure_ids`

type userRow struct {
	ID           string
	Email        string
	Name         string
	Role         string
	RegionCode   string
	PartnerOrg   string
	Active       bool
	LastLoginAt  *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int
	Departements db.TextArray
	StructureIDs db.TextArray
}

func (r userRow) user() User {
	return User{ID: r.ID, Email: r.Email, Name: r.Name, Role: auth.Role(r.Role), RegionCode: r.RegionCode,
		PartnerOrg: r.PartnerOrg, Active: r.Active, LastLoginAt: r.LastLoginAt, CreatedAt: r.CreatedAt,
		UpdatedAt: r.UpdatedAt, Version: r.Version, Departements: nonNil(r.Departements),
		StructureIDs: nonNil(r.StructureIDs)}
}

// scoped starts a query on users (aliased u) limited to the actor's territory.
func (s store) scoped(ctx context.Context, actor auth.Actor) *gorm.DB {
	q := db.Conn(ctx, s.db).Table("users u").Select(userColumns)
	if deps, limited := actor.DepartementFilter(); limited {
		q = q.Where(`EXISTS (SELECT 1 FROM user_departements sd WHERE sd.user_id = u.id
			AND sd.departement_code = ANY(?::text[]))`, db.TextArray(deps))
	}
	return q
}

// get returns one account inside the actor's territory; forUpdate locks the row until the transaction ends.
func (s store) get(ctx context.Context, actor auth.Actor, id string, forUpdate bool) (User, error) {
	if _, err := uuid.Parse(id); err != nil {
		return User{}, notFound()
	}
	q := s.scoped(ctx, actor).Where("u.id = ?", id)
	if forUpdate {
		// Only the account row is locked, not the rows the array subqueries read.
		q = q.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate, Table: clause.Table{Name: "u"}})
	}
	var rows []userRow
	if err := q.Scan(&rows).Error; err != nil {
		return User{}, err
	}
	if len(rows) == 0 {
		return User{}, notFound()
	}
	return rows[0].user(), nil
}

// list returns a page in (lower(email), id) order, which a keyset cursor can resume exactly.
func (s store) list(ctx context.Context, actor auth.Actor, f Filter) (Page, error) {
	q := s.scoped(ctx, actor)
	if f.Departement != "" {
		q = q.Where(`EXISTS (SELECT 1 FROM user_departements fd WHERE fd.user_id = u.id AND fd.departement_code = ?)`,
			strings.ToUpper(f.Departement))
	}
	if f.Role != "" {
		q = q.Where("u.role = ?", f.Role)
	}
	if f.Active != nil {
		q = q.Where("u.active = ?", *f.Active)
	}
	if text := strings.TrimSpace(f.Q); text != "" {
		pattern := "%" + escapeLike(strings.ToLower(text)) + "%"
		q = q.Where("(lower(u.email) LIKE ? OR lower(f_unaccent(u.name)) LIKE lower(f_unaccent(?)))", pattern, pattern)
	}
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor)
		if err != nil {
			return Page{}, err
		}
		q = q.Where("(lower(u.email), u.id) > (?, ?::uuid)", c.Email, c.ID)
	}
	var rows []userRow
	if err := q.Order("lower(u.email), u.id").Limit(f.Limit + 1).Scan(&rows).Error; err != nil {
		return Page{}, err
	}
	page := Page{Items: make([]User, 0, min(len(rows), f.Limit))}
	for i, r := range rows {
		if i == f.Limit {
			last := rows[i-1]
			page.NextCursor = encodeCursor(listCursor{Email: strings.ToLower(last.Email), ID: last.ID})
			break
		}
		page.Items = append(page.Items, r.user())
	}
	return page, nil
}

// insert writes a new account and its territory.
func (s store) insert(ctx context.Context, u User, passwordHash string, now time.Time) error {
	err := db.Conn(ctx, s.db).Exec(`INSERT INTO users (id, email, name, role, region_code, partner_org, active,
		password_hash, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, true, ?, ?, ?, 1)`,
		u.ID, u.Email, u.Name, string(u.Role), nullIfEmpty(u.RegionCode), nullIfEmpty(u.PartnerOrg),
		passwordHash, now, now).Error
	if db.IsUniqueViolation(err, "users_email_key") {
		return &apperr.Error{Kind: apperr.KindConflict, Code: "user.email_taken",
			Message: "Un compte existe déjà avec cette adresse e-mail.",
			Fields:  map[string]string{"email": "Cette adresse e-mail est déjà utilisée."}, Err: err}
	}
	if err != nil {
		return err
	}
	return s.setTerritory(ctx, u)
}

// update writes the changes if the version is still the one read; 0 rows means someone changed it meanwhile.
func (s store) update(ctx context.Context, u User, version int, now time.Time) error {
	res := db.Conn(ctx, s.db).Exec(`UPDATE users SET name = ?, role = ?, region_code = ?, partner_org = ?,
		active = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		u.Name, string(u.Role), nullIfEmpty(u.RegionCode), nullIfEmpty(u.PartnerOrg), u.Active, now, u.ID, version)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return versionMismatch()
	}
	return s.setTerritory(ctx, u)
}

// structureDepartements returns the département of each known structure among ids. Accounts refer to structures
// by id only; this one query is how the account rules learn where a structure lies.
func (s store) structureDepartements(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID              string
		DepartementCode string
	}
	err := db.Conn(ctx, s.db).Raw(`SELECT id::text AS id, departement_code FROM structures
		WHERE id = ANY(?::uuid[])`, db.TextArray(ids)).Scan(&rows).Error
	for _, r := range rows {
		out[r.ID] = r.DepartementCode
	}
	return out, err
}

// setTerritory replaces the account's départements and structures.
func (s store) setTerritory(ctx context.Context, u User) error {
	conn := db.Conn(ctx, s.db)
	err := conn.Exec(`DELETE FROM user_departements WHERE user_id = ?`, u.ID).Error
	if err == nil && len(u.Departements) > 0 {
		err = conn.Exec(`INSERT INTO user_departements (user_id, departement_code)
			SELECT ?, unnest(?::text[])`, u.ID, db.TextArray(u.Departements)).Error
	}
	if err == nil {
		err = conn.Exec(`DELETE FROM user_structures WHERE user_id = ?`, u.ID).Error
	}
	if err == nil && len(u.StructureIDs) > 0 {
		err = conn.Exec(`INSERT INTO user_structures (user_id, structure_id)
			SELECT ?, unnest(?::text[])::uuid`, u.ID, db.TextArray(u.StructureIDs)).Error
		if isForeignKeyViolation(err) { // a structure removed since checkReferences read it
			return apperr.Invalid("validation_failed", "structure_ids", "Structure inconnue.")
		}
	}
	return err
}

func versionMismatch() error {
	return apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch",
		"La ressource a été modifiée depuis votre lecture : rechargez-la puis recommencez.")
}

func isForeignKeyViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23503"
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func escapeLike(s string) string { return db.EscapeLike(s) }

// listCursor is the last row of a page; clients see it base64-encoded and opaque, so its form may change.
type listCursor struct {
	Email string
	ID    string
}

func encodeCursor(c listCursor) string { return db.EncodeCursor(c.Email, c.ID) }

func decodeCursor(s string) (listCursor, error) {
	email, id, err := db.DecodeCursor(s)
	return listCursor{Email: email, ID: id}, err
}

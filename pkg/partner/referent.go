package partner

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// Referent is the named contact of a partner for a département, or for one structure of it, over a period: the
// person agents call to unblock a case.
type Referent struct {
	ID          string
	Partner     Ref
	Departement string
	StructureID string // "" : the whole département
	Name        string
	Function    string
	Email       string
	Phone       string
	ValidFrom   string
	ValidTo     string
	Version     int
}

// ReferentFilter selects referents.
type ReferentFilter struct {
	Departements []string // nil: all
	Partner      *Ref
	StructureID  string // referents of this structure, and those of its whole département
	IDs          []string
}

// ErrReferentNotFound is the 404 of a referent absent or outside the caller's territory.
var ErrReferentNotFound = apperr.NotFound("referent.not_found", "Ce référent n’existe pas ou n’est pas dans votre territoire.")

// ErrStaleReferent is the 412 of a referent changed since it was read.
var ErrStaleReferent = stale("Le référent a été modifié depuis votre lecture : rechargez-le puis recommencez.")

type referentRow struct {
	ID, PartnerKind, OperatorCode, DepartementCode, Name, Function, Email, Phone string
	LocalPartnerID, StructureID, ValidFrom, ValidTo                              *string
	Version                                                                      int
}

func (r referentRow) referent() Referent {
	return Referent{ID: r.ID, Partner: refOf(r.PartnerKind, r.OperatorCode, r.LocalPartnerID),
		Departement: r.DepartementCode, StructureID: deref(r.StructureID), Name: r.Name, Function: r.Function,
		Email: r.Email, Phone: r.Phone, ValidFrom: deref(r.ValidFrom), ValidTo: deref(r.ValidTo), Version: r.Version}
}

// partnerFilter keeps the rows of one partner.
func partnerFilter(q *gorm.DB, r *Ref) *gorm.DB {
	if r == nil {
		return q
	}
	if r.Kind == KindOperator {
		return q.Where("partner_kind = 'operator' AND operator_code = ?", r.ID)
	}
	if !db.IsUUID(r.ID) {
		return q.Where("false")
	}
	return q.Where("partner_kind = 'local' AND local_partner_id = ?", r.ID)
}

// Referents returns the referents matching f, by département, partner and name.
func (s *Store) Referents(ctx context.Context, f ReferentFilter) ([]Referent, error) {
	q := db.Conn(ctx, s.DB).Table("referents").Select(`id, partner_kind, coalesce(operator_code, '') AS operator_code,
		local_partner_id, departement_code, structure_id, name, function, email, phone,
		to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to, version`)
	if f.Departements != nil {
		q = q.Where("departement_code IN ?", f.Departements)
	}
	if f.StructureID != "" {
		q = q.Where("(structure_id = ? OR (structure_id IS NULL AND departement_code = "+
			"(SELECT departement_code FROM structures WHERE id = ?)))", f.StructureID, f.StructureID)
	}
	if f.IDs != nil {
		q = q.Where("id IN ?", f.IDs)
	}
	var rows []referentRow
	if err := partnerFilter(q, f.Partner).Order("departement_code, partner_kind, operator_code, lower(name), id").
		Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Referent, len(rows))
	for i, r := range rows {
		out[i] = r.referent()
	}
	return out, nil
}

// Referent returns one referent of the départements (nil: any).
func (s *Store) Referent(ctx context.Context, deps []string, id string) (Referent, error) {
	if !db.IsUUID(id) {
		return Referent{}, ErrReferentNotFound
	}
	list, err := s.Referents(ctx, ReferentFilter{Departements: deps, IDs: []string{id}})
	if err != nil {
		return Referent{}, err
	}
	if len(list) == 0 {
		return Referent{}, ErrReferentNotFound
	}
	return list[0], nil
}

// SaveReferent inserts (ID "") or updates at the expected version, and returns the row as stored.
func (s *Store) SaveReferent(ctx context.Context, r Referent, version int) (Referent, error) {
	conn := db.Conn(ctx, s.DB)
	op, local := r.Partner.columns()
	if r.ID == "" {
		r.ID = uuid.NewString()
		if err := conn.Exec(`INSERT INTO referents (id, partner_kind, operator_code, local_partner_id, departement_code,
			structure_id, name, function, email, phone, valid_from, valid_to)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS date), CAST(? AS date))`, r.ID, r.Partner.Kind, op, local,
			r.Departement, nullable(r.StructureID), r.Name, r.Function, r.Email, r.Phone, nullable(r.ValidFrom),
			nullable(r.ValidTo)).Error; err != nil {
			return Referent{}, err
		}
		return s.Referent(ctx, nil, r.ID)
	}
	res := conn.Exec(`UPDATE referents SET structure_id = ?, name = ?, function = ?, email = ?, phone = ?,
		valid_from = CAST(? AS date), valid_to = CAST(? AS date), updated_at = now(), version = version + 1
		WHERE id = ? AND version = ?`, nullable(r.StructureID), r.Name, r.Function, r.Email, r.Phone,
		nullable(r.ValidFrom), nullable(r.ValidTo), r.ID, version)
	if res.Error != nil {
		return Referent{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Referent{}, ErrStaleReferent
	}
	return s.Referent(ctx, nil, r.ID)
}

// DeleteReferent removes a referent at the expected version.
func (s *Store) DeleteReferent(ctx context.Context, id string, version int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM referents WHERE id = ? AND version = ?`, id, version)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStaleReferent
	}
	return nil
}

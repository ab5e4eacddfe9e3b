package partner

import (
	"context"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// LocalType is the kind of a local partner; "autre" comes with a free label.
type LocalType string

// LocalTypes lists the known types with their French labels, in display order.
var LocalTypes = []struct {
	Type  LocalType
	Label string
}{
	{"mission_locale", "Mission locale"},
	{"pij", "Point information jeunesse"},
	{"cidff", "CIDFF (droits des femmes et des familles)"},
	{"conciliateur", "Conciliateur de justice"},
	{"france_victimes", "France Victimes"},
	{"mdph", "MDPH"},
	{"adil", "ADIL (information sur le logement)"},
	{"conseiller_numerique", "Conseiller numérique"},
	{"autre", "Autre"},
}

// Label is the French label of a known type ("" for an unknown one).
func (t LocalType) Label() string {
	for _, l := range LocalTypes {
		if l.Type == t {
			return l.Label
		}
	}
	return ""
}

// LocalPartner is a partner of one département (mission locale, CIDFF, conciliateur…).
type LocalPartner struct {
	ID           string
	Departement  string
	Type         LocalType
	TypeLabel    string // free label of an "autre" partner; the type's label otherwise
	Name         string
	ContactEmail string
	Phone        string
	Website      string
	Notes        string
	Version      int
}

// ErrLocalNotFound is the 404 of a local partner absent or outside the caller's territory.
var ErrLocalNotFound = apperr.NotFound("local_partner.not_found",
	"Ce partenaire local n’existe pas ou n’est pas dans votre territoire.")

// ErrStaleLocal is the 412 of a local partner changed since it was read.
var ErrStaleLocal = stale("Le partenaire a été modifié depuis votre lecture : rechargez-le puis recommencez.")

const localColumns = `id, departement_code AS departement, type, type_label, name, contact_email, phone, website, notes, version`

// LocalPartners returns the local partners of the départements (nil: all), by département then name.
func (s *Store) LocalPartners(ctx context.Context, deps []string, ids []string) ([]LocalPartner, error) {
	q := db.Conn(ctx, s.DB).Table("local_partners").Select(localColumns)
	if deps != nil {
		q = q.Where("departement_code IN ?", deps)
	}
	if ids != nil {
		q = q.Where("id IN ?", ids)
	}
	var out []LocalPartner
	err := q.Order("departement_code, lower(name), id").Scan(&out).Error
	return out, err
}

// LocalPartner returns one local partner of the départements (nil: any).
func (s *Store) LocalPartner(ctx context.Context, deps []string, id string) (LocalPartner, error) {
	if !db.IsUUID(id) {
		return LocalPartner{}, ErrLocalNotFound
	}
	list, err := s.LocalPartners(ctx, deps, []string{id})
	if err != nil {
		return LocalPartner{}, err
	}
	if len(list) == 0 {
		return LocalPartner{}, ErrLocalNotFound
	}
	return list[0], nil
}

// SaveLocalPartner inserts (ID "") or updates at the expected version, and returns the row as stored.
func (s *Store) SaveLocalPartner(ctx context.Context, p LocalPartner, version int) (LocalPartner, error) {
	conn := db.Conn(ctx, s.DB)
	if p.ID == "" {
		p.ID = uuid.NewString()
		if err := conn.Exec(`INSERT INTO local_partners (id, departement_code, type, type_label, name, contact_email,
			phone, website, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, p.Departement, p.Type, p.TypeLabel, p.Name,
			p.ContactEmail, p.Phone, p.Website, p.Notes).Error; err != nil {
			return LocalPartner{}, err
		}
		return s.LocalPartner(ctx, nil, p.ID)
	}
	res := conn.Exec(`UPDATE local_partners SET type = ?, type_label = ?, name = ?, contact_email = ?, phone = ?,
		website = ?, notes = ?, updated_at = now(), version = version + 1 WHERE id = ? AND version = ?`,
		p.Type, p.TypeLabel, p.Name, p.ContactEmail, p.Phone, p.Website, p.Notes, p.ID, version)
	if res.Error != nil {
		return LocalPartner{}, res.Error
	}
	if res.RowsAffected == 0 {
		return LocalPartner{}, ErrStaleLocal
	}
	return s.LocalPartner(ctx, nil, p.ID)
}

// LocalPartnerUses counts what hangs off a local partner: referents, permanences and API clients.
func (s *Store) LocalPartnerUses(ctx context.Context, id string) (int, error) {
	var n int
	err := db.Conn(ctx, s.DB).Raw(`SELECT (SELECT count(*) FROM referents WHERE local_partner_id = ?) +
		(SELECT count(*) FROM permanences WHERE local_partner_id = ?) +
		(SELECT count(*) FROM api_clients WHERE local_partner_id = ?)`, id, id, id).Scan(&n).Error
	return n, err
}

// DeleteLocalPartner removes a local partner at the expected version.
func (s *Store) DeleteLocalPartner(ctx context.Context, id string, version int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM local_partners WHERE id = ? AND version = ?`, id, version)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStaleLocal
	}
	return nil
}

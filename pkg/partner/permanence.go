package partner

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// Modality is how a partner receives people at a structure.
type Modality string

const (
	ModalityPhysique  Modality = "physique"  // in person, at the structure
	ModalityVisio     Modality = "visio"     // by video, from the structure's equipment
	ModalityTelephone Modality = "telephone" // by phone, from the structure
)

// Modalities lists the modalities.
var Modalities = []Modality{ModalityPhysique, ModalityVisio, ModalityTelephone}

// Valid tells whether m is a known modality.
func (m Modality) Valid() bool { return slices.Contains(Modalities, m) }

// Permanence is a partner receiving people at a structure (or one stop of a bus). Its hours are schedules of
// owner kind "permanence" and owner id the permanence's id, stored with the structure's hours tables.
type Permanence struct {
	ID           string
	StructureID  string
	Departement  string
	StopID       string
	Partner      Ref
	Modality     Modality
	BookingURL   string
	Summary      string
	PublicNote   string
	InternalNote string
	Version      int
}

// PermanenceFilter selects permanences.
type PermanenceFilter struct {
	Departements []string // nil: all
	StructureIDs []string
	Partner      *Ref
	IDs          []string
}

// ErrPermanenceNotFound is the 404 of a permanence absent or outside the caller's territory.
var ErrPermanenceNotFound = apperr.NotFound("permanence.not_found",
	"Cette permanence n’existe pas ou n’est pas dans votre territoire.")

// ErrStalePermanence is the 412 of a permanence changed since it was read.
var ErrStalePermanence = stale("La permanence a été modifiée depuis votre lecture : rechargez-la puis recommencez.")

type permanenceRow struct {
	ID, StructureID, DepartementCode, PartnerKind, OperatorCode, Modality string
	BookingURL, Summary, PublicNote, InternalNote                         string
	StopID, LocalPartnerID                                                *string
	Version                                                               int
}

// Permanences returns the permanences matching f, by structure and creation.
func (s *Store) Permanences(ctx context.Context, f PermanenceFilter) ([]Permanence, error) {
	q := db.Conn(ctx, s.DB).Table("permanences").Select(`id, structure_id, departement_code, stop_id, partner_kind,
		coalesce(operator_code, '') AS operator_code, local_partner_id, modality, booking_url, summary, public_note,
		internal_note, version`)
	if f.Departements != nil {
		q = q.Where("departement_code IN ?", f.Departements)
	}
	if f.StructureIDs != nil {
		q = q.Where("structure_id IN ?", f.StructureIDs)
	}
	if f.IDs != nil {
		q = q.Where("id IN ?", f.IDs)
	}
	var rows []permanenceRow
	if err := partnerFilter(q, f.Partner).Order("structure_id, created_at, id").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Permanence, len(rows))
	for i, r := range rows {
		out[i] = Permanence{ID: r.ID, StructureID: r.StructureID, Departement: r.DepartementCode, StopID: deref(r.StopID),
			Partner: refOf(r.PartnerKind, r.OperatorCode, r.LocalPartnerID), Modality: Modality(r.Modality),
			BookingURL: r.BookingURL, Summary: r.Summary, PublicNote: r.PublicNote, InternalNote: r.InternalNote,
			Version: r.Version}
	}
	return out, nil
}

// Permanence returns one permanence of the départements (nil: any).
func (s *Store) Permanence(ctx context.Context, deps []string, id string) (Permanence, error) {
	if !db.IsUUID(id) {
		return Permanence{}, ErrPermanenceNotFound
	}
	list, err := s.Permanences(ctx, PermanenceFilter{Departements: deps, IDs: []string{id}})
	if err != nil {
		return Permanence{}, err
	}
	if len(list) == 0 {
		return Permanence{}, ErrPermanenceNotFound
	}
	return list[0], nil
}

// NewPermanenceID gives a permanence its id before it is written (its schedules name it as their owner).
func NewPermanenceID() string { return uuid.NewString() }

// InsertPermanence writes a new permanence (its ID set by NewPermanenceID).
func (s *Store) InsertPermanence(ctx context.Context, p Permanence) (Permanence, error) {
	op, local := p.Partner.columns()
	if err := db.Conn(ctx, s.DB).Exec(`INSERT INTO permanences (id, structure_id, departement_code, stop_id,
		partner_kind, operator_code, local_partner_id, modality, booking_url, summary, public_note, internal_note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, p.StructureID, p.Departement, nullable(p.StopID),
		p.Partner.Kind, op, local, p.Modality, p.BookingURL, p.Summary, p.PublicNote, p.InternalNote).Error; err != nil {
		return Permanence{}, err
	}
	return s.Permanence(ctx, nil, p.ID)
}

// UpdatePermanence writes the permanence at the expected version and moves the version on (a change of its
// hours moves it too).
func (s *Store) UpdatePermanence(ctx context.Context, p Permanence, version int) (Permanence, error) {
	res := db.Conn(ctx, s.DB).Exec(`UPDATE permanences SET stop_id = ?, modality = ?, booking_url = ?, summary = ?,
		public_note = ?, internal_note = ?, updated_at = now(), version = version + 1 WHERE id = ? AND version = ?`,
		nullable(p.StopID), p.Modality, p.BookingURL, p.Summary, p.PublicNote, p.InternalNote, p.ID, version)
	if res.Error != nil {
		return Permanence{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Permanence{}, ErrStalePermanence
	}
	return s.Permanence(ctx, nil, p.ID)
}

// DeletePermanence removes a permanence at the expected version (its schedules are removed by the use case).
func (s *Store) DeletePermanence(ctx context.Context, id string, version int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM permanences WHERE id = ? AND version = ?`, id, version)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStalePermanence
	}
	return nil
}

package label

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// Site is a site a candidature plans.
type Site struct {
	Name, CommuneCode, Address string
}

type siteJSON struct {
	Name        string `json:"name"`
	CommuneCode string `json:"commune_code"`
	Address     string `json:"address"`
}

// Candidature is the candidature file of a structure.
type Candidature struct {
	ID, StructureID                         string
	CarrierName, CarrierSIRET               string
	PlannedSites                            []Site
	PartnersPlanned                         []string
	ConfidentialOffice, ITEquipment, Access *bool
	PremisesNotes, Notes                    string
	CreatedAt, UpdatedAt                    time.Time
	Version                                 int
}

type candidatureRow struct {
	ID, StructureID, CarrierName, CarrierSiret                             string
	PlannedSites                                                           []byte
	PartnersPlanned                                                        db.TextArray
	PremisesConfidentialOffice, PremisesItEquipment, PremisesAccessibility *bool
	PremisesNotes, Notes                                                   string
	CreatedAt, UpdatedAt                                                   time.Time
	Version                                                                int
}

// Candidature returns the candidature of a structure, and whether there is one.
func (s *Store) Candidature(ctx context.Context, structureID string) (Candidature, bool, error) {
	var rows []candidatureRow
	err := db.Conn(ctx, s.DB).Raw(`SELECT id, structure_id, carrier_name, carrier_siret, planned_sites, partners_planned,
		premises_confidential_office, premises_it_equipment, premises_accessibility, premises_notes, notes, created_at,
		updated_at, version FROM candidatures WHERE structure_id = ?`, structureID).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return Candidature{}, false, err
	}
	r := rows[0]
	var sites []siteJSON
	if err := json.Unmarshal(r.PlannedSites, &sites); err != nil {
		return Candidature{}, false, err
	}
	c := Candidature{ID: r.ID, StructureID: r.StructureID, CarrierName: r.CarrierName, CarrierSIRET: r.CarrierSiret,
		PlannedSites: make([]Site, len(sites)), PartnersPlanned: nonNil(r.PartnersPlanned),
		ConfidentialOffice: r.PremisesConfidentialOffice, ITEquipment: r.PremisesItEquipment, Access: r.PremisesAccessibility,
		PremisesNotes: r.PremisesNotes, Notes: r.Notes, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version}
	for i, st := range sites {
		c.PlannedSites[i] = Site(st)
	}
	return c, true, nil
}

// SaveCandidature creates (ID "") or replaces (at the expected version) the candidature of a structure.
func (s *Store) SaveCandidature(ctx context.Context, c Candidature, expected int) (Candidature, error) {
	sites := make([]siteJSON, len(c.PlannedSites))
	for i, st := range c.PlannedSites {
		sites[i] = siteJSON(st)
	}
	raw, err := json.Marshal(sites)
	if err != nil {
		return Candidature{}, err
	}
	args := []any{c.CarrierName, c.CarrierSIRET, string(raw), db.TextArray(nonNil(c.PartnersPlanned)), c.ConfidentialOffice,
		c.ITEquipment, c.Access, c.PremisesNotes, c.Notes}
	conn := db.Conn(ctx, s.DB)
	if c.ID == "" {
		err = conn.Exec(`INSERT INTO candidatures (carrier_name, carrier_siret, planned_sites, partners_planned,
			premises_confidential_office, premises_it_equipment, premises_accessibility, premises_notes, notes, id, structure_id)
			VALUES (?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, uuid.NewString(), c.StructureID)...).Error
		if db.IsUniqueViolation(err, "candidatures_structure_id_key") {
			return Candidature{}, ErrCandidatureStale
		}
	} else {
		res := conn.Exec(`UPDATE candidatures SET carrier_name = ?, carrier_siret = ?, planned_sites = CAST(? AS jsonb),
			partners_planned = ?, premises_confidential_office = ?, premises_it_equipment = ?, premises_accessibility = ?,
			premises_notes = ?, notes = ?, updated_at = now(), version = version + 1 WHERE id = ? AND version = ?`,
			append(args, c.ID, expected)...)
		err = res.Error
		if err == nil && res.RowsAffected == 0 {
			return Candidature{}, ErrCandidatureStale
		}
	}
	if err != nil {
		return Candidature{}, err
	}
	out, _, err := s.Candidature(ctx, c.StructureID)
	return out, err
}

// ErrCandidatureStale is the 412 of a candidature changed (or created) since the caller read it.
var ErrCandidatureStale = apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch",
	"Le dossier de candidature a changé depuis votre lecture : rechargez-le puis recommencez.")

// TouchCandidature moves the version of a candidature on (its documents changed) at the expected version
// (0: whatever it is).
func (s *Store) TouchCandidature(ctx context.Context, id string, expected int) error {
	res := db.Conn(ctx, s.DB).Exec(`UPDATE candidatures SET updated_at = now(), version = version + 1
		WHERE id = ? AND (? = 0 OR version = ?)`, id, expected, expected)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrCandidatureStale
	}
	return nil
}

// LockCandidature locks a candidature row until the end of the transaction (documents are counted under it).
func (s *Store) LockCandidature(ctx context.Context, id string) error {
	return db.Conn(ctx, s.DB).Exec(`SELECT 1 FROM candidatures WHERE id = ? FOR UPDATE`, id).Error
}

// Document is a document of a candidature (without its content).
type Document struct {
	ID, CandidatureID, StructureID, Kind, Name, ContentType string
	Size                                                    int
	SHA256, UploadedBy                                      string
	CreatedAt                                               time.Time
}

// ErrDocumentNotFound is the 404 of a document absent or not of the structure.
var ErrDocumentNotFound = apperr.NotFound("document.not_found", "Ce document n’existe pas ou n’est pas dans votre territoire.")

const documentColumns = `id, candidature_id, structure_id, kind, name, content_type, size_bytes AS size, sha256,
	uploaded_by, created_at`

// Documents lists the documents of a candidature, oldest first.
func (s *Store) Documents(ctx context.Context, candidatureID string) ([]Document, error) {
	out := []Document{}
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+documentColumns+` FROM candidature_documents WHERE candidature_id = ?
		ORDER BY created_at, id`, candidatureID).Scan(&out).Error
	return out, err
}

// Document returns one document of a structure's candidature.
func (s *Store) Document(ctx context.Context, structureID, id string) (Document, error) {
	if !db.IsUUID(id) {
		return Document{}, ErrDocumentNotFound
	}
	var out []Document
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+documentColumns+` FROM candidature_documents WHERE structure_id = ? AND id = ?`,
		structureID, id).Scan(&out).Error
	if err != nil {
		return Document{}, err
	}
	if len(out) == 0 {
		return Document{}, ErrDocumentNotFound
	}
	return out[0], nil
}

// DocumentContent returns the bytes of a document of a structure.
func (s *Store) DocumentContent(ctx context.Context, structureID, id string) ([]byte, error) {
	var rows []struct{ Content []byte }
	err := db.Conn(ctx, s.DB).Raw(`SELECT content FROM candidature_documents WHERE structure_id = ? AND id = ?`,
		structureID, id).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, ErrDocumentNotFound
	}
	return rows[0].Content, nil
}

// InsertDocument stores a document; its kind, name and content type are already checked.
func (s *Store) InsertDocument(ctx context.Context, d Document, content []byte) (Document, error) {
	sum := sha256.Sum256(content)
	d.ID, d.Size, d.SHA256 = uuid.NewString(), len(content), hex.EncodeToString(sum[:])
	err := db.Conn(ctx, s.DB).Exec(`INSERT INTO candidature_documents (id, candidature_id, structure_id, kind, name,
		content_type, size_bytes, sha256, content, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.CandidatureID, d.StructureID, d.Kind, d.Name, d.ContentType, d.Size, d.SHA256, content, d.UploadedBy).Error
	if err != nil {
		return Document{}, err
	}
	return s.Document(ctx, d.StructureID, d.ID)
}

// DeleteDocument removes a document of a structure.
func (s *Store) DeleteDocument(ctx context.Context, structureID, id string) error {
	return db.Conn(ctx, s.DB).Exec(`DELETE FROM candidature_documents WHERE structure_id = ? AND id = ?`, structureID, id).Error
}

// DocumentReferenced tells whether a recorded decision names the document.
func (s *Store) DocumentReferenced(ctx context.Context, id string) (bool, error) {
	var n int
	err := db.Conn(ctx, s.DB).Raw(`SELECT count(*) FROM label_transitions WHERE CAST(? AS uuid) = ANY (document_ids)`, id).
		Scan(&n).Error
	return n > 0, err
}

package labelflow

import (
	"context"
	"fmt"
	"slices"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
	"maillage/pkg/structure"
)

// CandidatureView is a candidature file with its documents and its completeness (the checks of the audit
// request's guard).
type CandidatureView struct {
	Candidature  label.Candidature
	CommuneNames map[string]string // names of the planned sites' communes
	Documents    []label.Document
	Completeness []labelling.Item
}

// ErrCandidatureNotFound is the 404 of a structure without a candidature file.
var ErrCandidatureNotFound = apperr.NotFound("candidature.not_found", "Cette structure n’a pas de dossier de candidature.")

// Candidature reads the candidature file of a structure of the actor's territory.
func (s *Service) Candidature(ctx context.Context, actor auth.Actor, id string) (CandidatureView, error) {
	st, err := s.structureFor(ctx, actor, id, fileReaders, "de consulter un dossier de candidature")
	if err != nil {
		return CandidatureView{}, err
	}
	c, err := s.candidatureOf(ctx, st.ID)
	if err != nil {
		return CandidatureView{}, err
	}
	if c == nil {
		return CandidatureView{}, ErrCandidatureNotFound
	}
	return s.candidatureView(ctx, st, *c)
}

func (s *Service) candidatureView(ctx context.Context, st structure.Structure, c label.Candidature) (CandidatureView, error) {
	docs, err := s.Labels.Documents(ctx, c.ID)
	if err != nil {
		return CandidatureView{}, err
	}
	e, err := s.evaluate(ctx, st)
	if err != nil {
		return CandidatureView{}, err
	}
	f, err := s.fileFacts(ctx, st, &c, e)
	if err != nil {
		return CandidatureView{}, err
	}
	names := map[string]string{}
	for _, p := range c.PlannedSites {
		if p.CommuneCode == "" || names[p.CommuneCode] != "" {
			continue
		}
		if cm, err := s.Territory.Commune(ctx, p.CommuneCode); err == nil {
			names[p.CommuneCode] = cm.Name
		} else if !apperr.IsKind(err, apperr.KindNotFound) {
			return CandidatureView{}, err
		}
	}
	return CandidatureView{Candidature: c, CommuneNames: names, Documents: docs, Completeness: labelling.Completeness(f)}, nil
}

// editableFile reads a structure whose candidature the actor may change now: its role, and a state before the
// audit (409 candidature.locked afterwards: the file the decision was taken on stays as it was).
func (s *Service) editableFile(ctx context.Context, actor auth.Actor, id string) (structure.Structure, error) {
	st, err := s.structureFor(ctx, actor, id, fileWriters, "de modifier un dossier de candidature")
	if err != nil {
		return st, err
	}
	cur, err := s.Labels.Lock(ctx, st.ID)
	if err != nil {
		return st, err
	}
	if !slices.Contains(editableFiles, labelling.State(cur.Status)) {
		return st, apperr.Conflict("candidature.locked", fmt.Sprintf(
			"Le dossier de candidature ne se modifie plus dans l’état « %s ».", labelling.State(cur.Status).Label()))
	}
	return st, nil
}

// SaveCandidature creates or replaces the candidature file (version 0: none expected).
func (s *Service) SaveCandidature(ctx context.Context, actor auth.Actor, id string, version int, in labelling.CandidatureInput) (CandidatureView, bool, error) {
	var out CandidatureView
	var created bool
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.editableFile(ctx, actor, id)
		if err != nil {
			return err
		}
		before, err := s.candidatureOf(ctx, st.ID)
		if err != nil {
			return err
		}
		c := label.Candidature{StructureID: st.ID}
		if before != nil {
			c.ID, c.Version = before.ID, before.Version
		}
		if err := checkVersion(c.Version, version); err != nil {
			return err
		}
		if err := s.validateCandidature(ctx, &in); err != nil {
			return err
		}
		c.CarrierName, c.CarrierSIRET, c.PartnersPlanned, c.Notes = in.CarrierName, in.CarrierSIRET, in.PartnersPlanned, in.Notes
		c.ConfidentialOffice, c.ITEquipment, c.Access = in.Premises.ConfidentialOffice, in.Premises.ITEquipment, in.Premises.Accessibility
		c.PremisesNotes, c.PlannedSites = in.Premises.Notes, make([]label.Site, len(in.PlannedSites))
		for i, p := range in.PlannedSites {
			c.PlannedSites[i] = label.Site(p)
		}
		saved, err := s.Labels.SaveCandidature(ctx, c, version)
		if err != nil {
			return err
		}
		created = before == nil
		if out, err = s.candidatureView(ctx, st, saved); err != nil {
			return err
		}
		action := map[bool]string{true: "candidature.create", false: "candidature.update"}[created]
		return audit.Record(ctx, s.DB, audit.Entry{Action: action, ObjectType: "structure", ObjectID: st.ID,
			Departements: []string{st.Departement}, Before: candidatureSnapshot(before), After: candidatureSnapshot(&saved)})
	})
	return out, created, err
}

// validateCandidature checks the fields, then that the planned sites' communes exist.
func (s *Service) validateCandidature(ctx context.Context, in *labelling.CandidatureInput) error {
	var v apperr.Validation
	if e, ok := apperr.As(labelling.ValidateCandidature(in)); ok {
		for field, message := range e.Fields {
			v.Add(field, message)
		}
	}
	for i, p := range in.PlannedSites {
		if p.CommuneCode == "" {
			continue
		}
		_, err := s.Territory.Commune(ctx, p.CommuneCode)
		if apperr.IsKind(err, apperr.KindNotFound) {
			v.Add(fmt.Sprintf("planned_sites[%d].commune_code", i), "Commune inconnue (code INSEE attendu).")
			continue
		}
		if err != nil {
			return err
		}
	}
	return v.Err()
}

func candidatureSnapshot(c *label.Candidature) map[string]any {
	if c == nil {
		return nil
	}
	sites := make([]string, len(c.PlannedSites))
	for i, p := range c.PlannedSites {
		sites[i] = p.Name + " (" + p.CommuneCode + ")"
	}
	return map[string]any{"carrier_name": c.CarrierName, "carrier_siret": c.CarrierSIRET, "planned_sites": sites,
		"partners_planned": c.PartnersPlanned, "premises.confidential_office": c.ConfidentialOffice,
		"premises.it_equipment": c.ITEquipment, "premises.accessibility": c.Access, "premises.notes": c.PremisesNotes,
		"notes": c.Notes}
}

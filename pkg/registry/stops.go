package registry

import (
	"context"
	"strings"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/structure"
)

// StopFields are the editable fields of a stop (nil: not given).
type StopFields struct {
	Position    *int
	Label       *string
	Address     *string
	CommuneCode *string
	Latitude    *float64
	Longitude   *float64
}

// itinerant returns the structure if the actor may edit it and it is a bus.
func (s *Service) itinerant(ctx context.Context, actor auth.Actor, id string) (structure.Structure, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return st, err
	}
	if !actor.HasRole(canEdit...) {
		return st, apperr.Forbidden("auth.forbidden", "Votre rôle ne permet pas de modifier les arrêts.")
	}
	if st.Format != structure.FormatItinerant {
		return st, apperr.Conflict("structure.not_itinerant", "Seule une France services itinérante a des arrêts.")
	}
	return st, nil
}

// AddStop adds a stop to a bus.
func (s *Service) AddStop(ctx context.Context, actor auth.Actor, structureID string, f StopFields) (structure.Stop, error) {
	var out structure.Stop
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.itinerant(ctx, actor, structureID)
		if err != nil {
			return err
		}
		stop := structure.Stop{StructureID: structureID}
		if err := s.applyStopFields(ctx, st, &stop, f); err != nil {
			return err
		}
		if out, err = s.Structures.InsertStop(ctx, stop); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "stop.create", ObjectType: "structure", ObjectID: structureID,
			Departements: []string{st.Departement}, After: stopView(&out)})
	})
	return out, err
}

// UpdateStop changes a stop at the expected version.
func (s *Service) UpdateStop(ctx context.Context, actor auth.Actor, structureID, stopID string, version int, f StopFields) (structure.Stop, error) {
	var out structure.Stop
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.itinerant(ctx, actor, structureID)
		if err != nil {
			return err
		}
		before, err := s.Structures.Stop(ctx, structureID, stopID)
		if err != nil {
			return err
		}
		stop := before
		if err := s.applyStopFields(ctx, st, &stop, f); err != nil {
			return err
		}
		if out, err = s.Structures.UpdateStop(ctx, stop, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "stop.update", ObjectType: "structure", ObjectID: structureID,
			Departements: []string{st.Departement}, Before: stopView(&before), After: stopView(&out)})
	})
	return out, err
}

// DeleteStop removes a stop at the expected version.
func (s *Service) DeleteStop(ctx context.Context, actor auth.Actor, structureID, stopID string, version int) error {
	return db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.itinerant(ctx, actor, structureID)
		if err != nil {
			return err
		}
		before, err := s.Structures.Stop(ctx, structureID, stopID)
		if err != nil {
			return err
		}
		if err := s.Structures.DeleteStop(ctx, structureID, stopID, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "stop.delete", ObjectType: "structure", ObjectID: structureID,
			Departements: []string{st.Departement}, Before: stopView(&before)})
	})
}

func (s *Service) applyStopFields(ctx context.Context, st structure.Structure, stop *structure.Stop, f StopFields) error {
	var v apperr.Validation
	if f.Label != nil {
		stop.Label = strings.TrimSpace(*f.Label)
	}
	v.Check(stop.Label != "", "label", "Le nom de l’arrêt est obligatoire.")
	if f.Address != nil {
		stop.Address = strings.TrimSpace(*f.Address)
	}
	if f.Position != nil {
		v.Check(*f.Position >= 1, "position", "La position commence à 1.")
		stop.Position = *f.Position
	}
	if f.CommuneCode != nil {
		c, ok, err := s.communeIn(ctx, strings.TrimSpace(*f.CommuneCode), st.Departement, &v)
		if err != nil {
			return err
		}
		stop.CommuneCode = nil
		if ok {
			stop.CommuneCode = &c.CodeINSEE
			if f.Latitude == nil && stop.Latitude == nil {
				stop.Latitude, stop.Longitude = c.Latitude, c.Longitude
			}
		}
	}
	if (f.Latitude == nil) != (f.Longitude == nil) {
		v.Add("latitude", "Latitude et longitude vont ensemble.")
	} else if f.Latitude != nil {
		v.Check(*f.Latitude >= -90 && *f.Latitude <= 90 && *f.Longitude >= -180 && *f.Longitude <= 180, "latitude", "Coordonnées invalides.")
		stop.Latitude, stop.Longitude = f.Latitude, f.Longitude
	}
	return v.Err()
}

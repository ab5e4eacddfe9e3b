package compliance

import (
	"context"

	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
)

// StoredException is an exception with its version (ETag).
type StoredException struct {
	hours.Exception
	Version int
}

func stored(e opening.Exception) StoredException {
	return StoredException{Exception: ExceptionToHours(e), Version: e.Version}
}

// Exceptions lists the exceptions of a structure that end on or after from (all when zero).
func (s *Service) Exceptions(ctx context.Context, actor auth.Actor, id string, from hours.Date) ([]StoredException, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	all, err := s.Opening.Exceptions(ctx, []string{st.ID}, from.String())
	if err != nil {
		return nil, err
	}
	out := make([]StoredException, len(all[st.ID]))
	for i, e := range all[st.ID] {
		out[i] = stored(e)
	}
	return out, nil
}

func (s *Service) checkException(ctx context.Context, st structure.Structure, e *hours.Exception) error {
	if e.Owner.Kind == "" {
		e.Owner = hours.Owner{Kind: hours.OwnerStructure, ID: st.ID}
	}
	if err := e.Validate(); err != nil {
		return err
	}
	probe := hours.Schedule{Owner: e.Owner, Kind: hours.KindRegular, Status: hours.StatusPublished}
	for _, sl := range e.Slots {
		sl.Weekday = 1 // exceptions allow weekday 0; the owner, stop and agent checks are what matter here
		probe.Slots = append(probe.Slots, sl)
	}
	if err := s.validateSchedules(ctx, st, []hours.Schedule{probe}); err != nil {
		return Prefix(unprefix(err, "schedules[0]."), "")
	}
	return nil
}

// SaveException creates (version 0) or updates an exception of a structure and records an evaluation.
func (s *Service) SaveException(ctx context.Context, actor auth.Actor, id string, e hours.Exception, version int) (StoredException, error) {
	var out StoredException
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.editable(ctx, actor, id)
		if err != nil {
			return err
		}
		var before *StoredException
		if e.ID != "" {
			old, err := s.Opening.Exception(ctx, st.ID, e.ID)
			if err != nil {
				return err
			}
			b := stored(old)
			before = &b
		}
		if err := s.checkException(ctx, st, &e); err != nil {
			return err
		}
		row := opening.Exception{ID: e.ID, StructureID: st.ID, OwnerKind: string(e.Owner.Kind), OwnerID: e.Owner.ID,
			From: e.From.String(), To: e.To.String(), Type: string(e.Type), Reason: e.Reason, PublicMessage: e.PublicMessage,
			Slots: slotsFromHours(e.Slots)}
		saved, err := s.Opening.SaveException(ctx, row, version)
		if err != nil {
			return err
		}
		out = stored(saved)
		action := "exception.create"
		if before != nil {
			action = "exception.update"
		}
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: action, ObjectType: "structure", ObjectID: st.ID,
			Departements: []string{st.Departement}, Before: exceptionView(before), After: exceptionView(&out)}); err != nil {
			return err
		}
		return s.record(ctx, action, st)
	})
	return out, err
}

// DeleteException removes an exception at the expected version and records an evaluation.
func (s *Service) DeleteException(ctx context.Context, actor auth.Actor, id, exceptionID string, version int) error {
	return db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.editable(ctx, actor, id)
		if err != nil {
			return err
		}
		old, err := s.Opening.Exception(ctx, st.ID, exceptionID)
		if err != nil {
			return err
		}
		if err := s.Opening.DeleteException(ctx, st.ID, exceptionID, version); err != nil {
			return err
		}
		b := stored(old)
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: "exception.delete", ObjectType: "structure", ObjectID: st.ID,
			Departements: []string{st.Departement}, Before: exceptionView(&b)}); err != nil {
			return err
		}
		return s.record(ctx, "exception.delete", st)
	})
}

// Exception returns one exception of a structure the actor may see (404 for the structure or the exception
// otherwise).
func (s *Service) Exception(ctx context.Context, actor auth.Actor, id, exceptionID string) (StoredException, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return StoredException{}, err
	}
	e, err := s.Opening.Exception(ctx, st.ID, exceptionID)
	if err != nil {
		return StoredException{}, err
	}
	return stored(e), nil
}

func exceptionView(e *StoredException) map[string]any {
	if e == nil {
		return nil
	}
	slots := make([]string, len(e.Slots))
	for i, sl := range e.Slots {
		slots[i] = sl.Start.String() + "–" + sl.End.String()
		if sl.Weekday.Valid() {
			slots[i] = sl.Label()
		}
	}
	return map[string]any{"id": e.ID, "owner_kind": e.Owner.Kind, "owner_id": e.Owner.ID, "from": e.From.String(),
		"to": e.To.String(), "type": e.Type, "reason": e.Reason, "public_message": e.PublicMessage, "slots": slots}
}

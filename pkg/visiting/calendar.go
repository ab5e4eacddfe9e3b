package visiting

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/structure"
	"maillage/pkg/visit"
)

// Calendar scopes: the caller's own visits (those naming them as a visitor; for a structure account, the visits
// of its structures), or every visit of the caller's territory.
const (
	ScopeMine      = "mine"
	ScopeTerritory = "territoire"
)

// calendarWindow is how far back the feed goes (so calendar clients keep recent history and see cancellations).
const calendarWindow = 90 * 24 * time.Hour

const maxCalendarEvents = 1000

// ErrCalendarNotFound is the 404 of an unknown or revoked calendar token.
var ErrCalendarNotFound = apperr.NotFound("calendar.not_found", "Ce lien d’agenda n’existe pas ou a été révoqué.")

// Calendar returns the visits of the feed as calendar events: planned, done and cancelled (as cancelled events)
// from 90 days ago on.
func (s *Service) Calendar(ctx context.Context, a auth.Actor, scope string) ([]visit.CalendarEvent, error) {
	if err := mayRead(a); err != nil {
		return nil, err
	}
	from := visit.ParisDate(s.Now().Add(-calendarWindow))
	f := visit.Filter{From: &from}
	switch scope {
	case "", ScopeMine:
		if a.Role != auth.RoleStructure {
			f.VisitorUserID = a.ID
		}
	case ScopeTerritory:
	default:
		return nil, apperr.Invalid("validation_failed", "scope", "Portée inconnue : mine ou territoire.")
	}
	visits, _, err := s.Visits.List(ctx, a, f, "", maxCalendarEvents)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(visits))
	for i, v := range visits {
		ids[i] = v.StructureID
	}
	sts, err := s.structuresByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]visit.CalendarEvent, len(visits))
	for i, v := range visits {
		out[i] = calendarEvent(v, sts[v.StructureID])
	}
	return out, nil
}

var typeLabels = map[visit.Type]string{visit.TypePrefectorale: "Visite préfectorale",
	visit.TypeAnimateur: "Visite d’animation", visit.TypeAuditQualite: "Audit qualité", visit.TypeAutre: "Visite"}

var statusLabels = map[visit.Status]string{visit.StatusPlanned: "planifiée", visit.StatusDone: "réalisée",
	visit.StatusCancelled: "annulée"}

// calendarEvent describes a visit for a calendar: at its time in the structure's time zone when one is planned,
// else over the whole day. Reports and findings never go into a calendar.
func calendarEvent(v visit.Visit, st structure.Structure) visit.CalendarEvent {
	e := visit.CalendarEvent{UID: v.ID + "@maillage.anct.gouv.fr", Sequence: v.Version, Stamp: v.UpdatedAt,
		Cancelled: v.Status == visit.StatusCancelled, Summary: typeLabels[v.Type] + " — " + st.Name}
	day := v.Date()
	if v.Status != visit.StatusDone && v.PlannedDate != nil {
		day = *v.PlannedDate
	}
	timed := v.PlannedTime != "" && (v.Status != visit.StatusDone || (v.PlannedDate != nil && v.PlannedDate.Equal(day)))
	if t, err := time.Parse("15:04", v.PlannedTime); timed && err == nil {
		loc, err := time.LoadLocation(st.Timezone)
		if err != nil || st.Timezone == "" {
			loc, _ = time.LoadLocation("Europe/Paris")
		}
		e.Start = time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, loc)
		e.End = e.Start.Add(time.Duration(v.DurationMinutes) * time.Minute)
	} else {
		e.AllDay, e.Start, e.End = true, day, day.AddDate(0, 0, 1)
	}
	var place []string
	for _, p := range []string{st.Address, strings.TrimSpace(st.Postcode + " " + st.CommuneLabel)} {
		if p != "" {
			place = append(place, p)
		}
	}
	e.Location = strings.Join(place, ", ")
	var lines []string
	if len(v.Visitors) > 0 {
		names := make([]string, len(v.Visitors))
		for i, p := range v.Visitors {
			names[i] = p.Name
			if p.Function != "" {
				names[i] += " (" + p.Function + ")"
			}
		}
		lines = append(lines, "Visiteurs : "+strings.Join(names, ", "))
	}
	lines = append(lines, "Statut : "+statusLabels[v.Status])
	if v.Status == visit.StatusCancelled {
		lines = append(lines, "Motif d’annulation : "+v.CancelReason)
	}
	e.Description = strings.Join(lines, "\n")
	return e
}

// CalendarByToken is the feed behind a secret calendar URL: the owner's own visits, with the owner's territory
// read fresh (a deactivated account's link stops working).
func (s *Service) CalendarByToken(ctx context.Context, token string) ([]visit.CalendarEvent, error) {
	if len(token) != 43 {
		return nil, ErrCalendarNotFound
	}
	userID, found, err := s.Visits.CalendarTokenOwner(ctx, visit.HashCalendarToken(token), s.Now().UTC())
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, ErrCalendarNotFound
	}
	actor, err := s.Users.ActorByID(ctx, userID)
	if apperr.IsKind(err, apperr.KindNotFound) {
		return nil, ErrCalendarNotFound
	}
	if err != nil {
		return nil, err
	}
	return s.Calendar(ctx, actor, ScopeMine)
}

// CalendarToken describes the caller's calendar link, if any.
func (s *Service) CalendarToken(ctx context.Context, a auth.Actor) (visit.CalendarToken, bool, error) {
	if err := mayCalendar(a); err != nil {
		return visit.CalendarToken{}, false, err
	}
	return s.Visits.CalendarTokenOf(ctx, a.ID)
}

// CreateCalendarToken gives the caller a new secret calendar link (the previous one stops working) and returns
// the token, shown this once: only its hash is kept.
func (s *Service) CreateCalendarToken(ctx context.Context, a auth.Actor) (string, visit.CalendarToken, error) {
	if err := mayCalendar(a); err != nil {
		return "", visit.CalendarToken{}, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", visit.CalendarToken{}, err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	var info visit.CalendarToken
	err := db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		var err error
		if info, err = s.Visits.SetCalendarToken(ctx, a.ID, visit.HashCalendarToken(token)); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "calendar_link.create", ObjectType: "user", ObjectID: a.ID,
			Departements: a.Departements, After: calendarLinkView(info)})
	})
	return token, info, err
}

// RevokeCalendarToken removes the caller's calendar link (nothing happens when there is none).
func (s *Service) RevokeCalendarToken(ctx context.Context, a auth.Actor) error {
	if err := mayCalendar(a); err != nil {
		return err
	}
	return db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		before, found, err := s.Visits.CalendarTokenOf(ctx, a.ID)
		if err != nil || !found {
			return err
		}
		if _, err := s.Visits.RevokeCalendarToken(ctx, a.ID); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "calendar_link.revoke", ObjectType: "user", ObjectID: a.ID,
			Departements: a.Departements, Before: calendarLinkView(before)})
	})
}

func mayCalendar(a auth.Actor) error {
	if err := mayRead(a); err != nil {
		return err
	}
	if a.Kind != auth.ActorUser {
		return forbidden("Le lien d’agenda est réservé aux comptes de personnes.")
	}
	return nil
}

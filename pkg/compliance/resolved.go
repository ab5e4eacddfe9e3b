package compliance

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/hours"
	"maillage/pkg/structure"
)

// MaxCalendarDays bounds a calendar request.
const MaxCalendarDays = 366

// CalendarResult is the resolved openings of a structure over [From, To].
type CalendarResult struct {
	Structure structure.Structure
	From, To  hours.Date
	Intervals []hours.Interval
}

// Calendar resolves the published hours of a structure over [from, to] (both included; today and the next 6
// days by default).
func (s *Service) Calendar(ctx context.Context, actor auth.Actor, id string, from, to hours.Date) (CalendarResult, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return CalendarResult{}, err
	}
	if from.IsZero() {
		from = s.today(st)
	}
	if to.IsZero() {
		to = from.AddDays(6)
	}
	if to.Before(from) || to.Sub(from) >= MaxCalendarDays {
		return CalendarResult{}, apperr.Invalid("validation_failed", "to", "La période va de from à to, un an au plus.")
	}
	layers, err := s.load(ctx, []structure.Structure{st}, from)
	if err != nil {
		return CalendarResult{}, err
	}
	return CalendarResult{Structure: st, From: from, To: to,
		Intervals: hours.Resolve(layers[st.ID].resolveInput(from, to, false))}, nil
}

// OpenState says whether a structure is open at an instant, and its current or next opening.
type OpenState struct {
	Open    bool
	Current *hours.Interval
	Next    *hours.Interval // within the next 14 days
}

func openState(ivs []hours.Interval, at time.Time) OpenState {
	var out OpenState
	for i := range ivs {
		iv := ivs[i]
		if !iv.Start.After(at) && iv.End.After(at) {
			out.Open, out.Current = true, &iv
			continue
		}
		if iv.Start.After(at) && out.Next == nil {
			out.Next = &iv
		}
	}
	return out
}

// OpenAt tells whether a structure is open at an instant.
func (s *Service) OpenAt(ctx context.Context, actor auth.Actor, id string, at time.Time) (OpenState, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return OpenState{}, err
	}
	day := hours.DateOf(at.In(Location(st)))
	layers, err := s.load(ctx, []structure.Structure{st}, day)
	if err != nil {
		return OpenState{}, err
	}
	return openState(hours.Resolve(layers[st.ID].resolveInput(day, day.AddDays(14), false)), at), nil
}

// OpenStructureIDs returns the ids of the structures of the filter (actor's territory) open at an instant, in a
// bounded number of statements.
func (s *Service) OpenStructureIDs(ctx context.Context, actor auth.Actor, f structure.Filter, at time.Time) ([]string, error) {
	list, _, err := s.Structures.List(ctx, actor, f, "", 0)
	if err != nil {
		return nil, err
	}
	day := hours.DateOf(at.In(hours.DefaultLocation())).AddDays(-1) // overseas zones may be a day behind
	layers, err := s.load(ctx, list, day)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, st := range list {
		local := hours.DateOf(at.In(Location(st)))
		if openState(hours.Resolve(layers[st.ID].resolveInput(local, local, false)), at).Open {
			out = append(out, st.ID)
		}
	}
	return out, nil
}

// Formats are the hours of a structure written in the derived formats.
type Formats struct {
	OSM       string
	OSMNotes  []string
	ANCT      [6]string
	ANCTNotes []string
	SchemaOrg []hours.OpeningHoursSpecification
	Notes     []string
}

// Formats writes the published hours of the structure (its own, accueil) as OSM opening_hours, the six ANCT
// columns (regular schedule in force) and schema.org OpeningHoursSpecification (with the coming exceptions).
func (s *Service) Formats(ctx context.Context, actor auth.Actor, id string) (Formats, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return Formats{}, err
	}
	today := s.today(st)
	layers, err := s.load(ctx, []structure.Structure{st}, today)
	if err != nil {
		return Formats{}, err
	}
	var own []hours.Schedule
	var regular *hours.Schedule
	for _, sc := range published(layers[st.ID].Schedules) {
		if sc.Owner.Kind != hours.OwnerStructure || sc.Channel != "" && sc.Channel != hours.ChannelAccueil {
			continue
		}
		own = append(own, sc)
		if sc.Kind == hours.KindRegular && sc.ValidOn(today) && (regular == nil || sc.Priority > regular.Priority) {
			c := sc
			regular = &c
		}
	}
	var out Formats
	policy := layers[st.ID].Holidays
	out.OSM, out.OSMNotes = hours.FormatOSM(hours.OSMOptions{Today: today, ClosedOnHolidays: policy.ClosedOnPublicHolidays,
		HolidayOptions: hours.HolidayOptions{OpenOnPentecostMonday: policy.OpenOnPentecostMonday}}, own...)
	var excs []hours.Exception
	for _, e := range layers[st.ID].Exceptions {
		if e.Owner.Kind == hours.OwnerStructure {
			excs = append(excs, e)
		}
	}
	if regular != nil {
		out.ANCT, out.ANCTNotes = hours.ANCTColumns(*regular)
		out.SchemaOrg, out.Notes = hours.SchemaOrg(*regular, excs...)
	}
	return out, nil
}

// ICS writes the openings of the next weeks as an iCalendar (RFC 5545): CRLF line ends, lines folded at 75
// octets, one VEVENT per interval with a UID stable for the same opening.
func (s *Service) ICS(ctx context.Context, actor auth.Actor, id string, weeks int) ([]byte, error) {
	if weeks <= 0 || weeks > 26 {
		weeks = 8
	}
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	from := s.today(st)
	layers, err := s.load(ctx, []structure.Structure{st}, from)
	if err != nil {
		return nil, err
	}
	ivs := hours.Resolve(layers[st.ID].resolveInput(from, from.AddDays(7*weeks-1), false))
	stamp := s.Now().UTC().Format("20060102T150405Z")
	var b strings.Builder
	line := func(l string) { b.WriteString(fold(l)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Maillage//Horaires France services//FR")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + icsText("Horaires – "+st.Name))
	for _, iv := range ivs {
		sum := sha256.Sum256([]byte(st.ID + "|" + string(iv.Owner.Kind) + "|" + iv.Owner.ID + "|" + iv.StopID + "|" +
			iv.Start.UTC().Format(time.RFC3339)))
		line("BEGIN:VEVENT")
		line("UID:" + hex.EncodeToString(sum[:12]) + "@maillage")
		line("DTSTAMP:" + stamp)
		line("DTSTART:" + iv.Start.UTC().Format("20060102T150405Z"))
		line("DTEND:" + iv.End.UTC().Format("20060102T150405Z"))
		summary := "Ouvert – " + st.Name
		if iv.Access == hours.AccessSurRDV {
			summary += " (sur rendez-vous)"
		}
		line("SUMMARY:" + icsText(summary))
		if loc := strings.TrimSpace(st.Address + " " + st.Postcode + " " + st.CommuneLabel); loc != "" {
			line("LOCATION:" + icsText(loc))
		}
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return []byte(b.String()), nil
}

// icsText escapes a TEXT value.
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`).Replace(s)
}

// fold ends a content line with CRLF, folding it so no physical line exceeds 75 octets (never inside a UTF-8
// sequence).
func fold(l string) string {
	var b strings.Builder
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && l[cut]&0xC0 == 0x80 {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(l)
	b.WriteString("\r\n")
	return b.String()
}

package compliance

import (
	"context"
	"strconv"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
)

// Import of the published stops of a bus (ADR 0006, "Stop import"): each entry becomes a stop of the itinerant
// structure (matched by name and commune, or created last), and its OSM hours become that stop's slots in the
// structure's published regular schedule. Hours that cannot be read are kept raw and flagged for review, never
// dropped; a dry run computes the same report and writes nothing.

// Row statuses of a stop import.
const (
	StopCreated   = "created"
	StopUpdated   = "updated"
	StopUnchanged = "unchanged"
	StopRejected  = "rejected"
)

// StopImportRow is the outcome of one entry of the file.
type StopImportRow struct {
	Index       int    // position in the file's array, from 0
	Name        string // nom
	CommuneCode string
	StopID      string // "" for a stop a dry run would create, and for a rejected entry
	Status      string
	OSM         string // horaires, as published
	Slots       int    // slots read from the hours (0 when they could not be read)
	WeekRule    string // every, odd, even, mixed; "" when the hours could not be read
	NeedsReview bool   // the hours are kept raw for a person to enter
	Reasons     []string
}

// StopImport is the report of an import (or of its dry run).
type StopImport struct {
	DryRun                                bool
	Created, Updated, Unchanged, Rejected int
	Rows                                  []StopImportRow
}

// stopPlan is what the import does with one entry.
type stopPlan struct {
	row          *StopImportRow
	stop         structure.Stop  // the stop as it will be; ID "" when it is to be created
	before       *structure.Stop // nil when created
	stopChanged  bool
	slots        []hours.Slot // the stop's slots in the regular schedule, when they change
	slotsChanged bool
	raw          opening.StopHoursRaw
	rawBefore    *opening.StopHoursRaw
	rawChanged   bool
}

// ImportStops reads a stops file into an itinerant structure's stops and hours, in one transaction; with dryRun
// nothing is written.
func (s *Service) ImportStops(ctx context.Context, actor auth.Actor, structureID string, data []byte, dryRun bool) (StopImport, error) {
	out := StopImport{DryRun: dryRun}
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.editable(ctx, actor, structureID)
		if err != nil {
			return err
		}
		if st.Format != structure.FormatItinerant {
			return &apperr.Error{Kind: apperr.KindInvalid, Code: "stops.not_itinerant",
				Message: "Seule une France services itinérante a des arrêts : changez d’abord le format de la structure."}
		}
		entries, err := parseStopsFile(data)
		if err != nil {
			return err
		}
		in, err := s.stopImportInput(ctx, st)
		if err != nil {
			return err
		}
		plans := in.plan(entries)
		if !dryRun {
			if err := s.applyStops(ctx, st, in, plans); err != nil {
				return err
			}
		}
		out.Rows = make([]StopImportRow, len(plans))
		for i, p := range plans {
			out.Rows[i] = *p.row
			switch p.row.Status {
			case StopCreated:
				out.Created++
			case StopUpdated:
				out.Updated++
			case StopUnchanged:
				out.Unchanged++
			default:
				out.Rejected++
			}
		}
		return nil
	})
	return out, err
}

// stopImportInput is what the plan compares the file with.
type stopImportInput struct {
	structure structure.Structure
	today     hours.Date
	stops     []structure.Stop
	communes  map[string]territory.Commune
	byName    map[string][]territory.Commune // by nameKey
	set       ScheduleSet
	target    int // index of the published regular schedule in set.Schedules; -1 when there is none yet
}

func (s *Service) stopImportInput(ctx context.Context, st structure.Structure) (*stopImportInput, error) {
	in := &stopImportInput{structure: st, today: s.today(st), communes: map[string]territory.Commune{},
		byName: map[string][]territory.Commune{}}
	var err error
	if in.stops, err = s.Structures.Stops(ctx, st.ID); err != nil {
		return nil, err
	}
	communes, err := (&territory.Store{DB: s.DB}).CommunesOf(ctx, []string{st.Departement})
	if err != nil {
		return nil, err
	}
	for _, c := range communes {
		in.communes[c.CodeINSEE] = c
		in.byName[nameKey(c.Name)] = append(in.byName[nameKey(c.Name)], c)
	}
	if in.set, err = s.scheduleSet(ctx, st.ID); err != nil {
		return nil, err
	}
	in.target = regularSchedule(in.set.Schedules, st.ID, in.today)
	return in, nil
}

// regularSchedule is the structure's own published regular accueil schedule in force today (the highest
// priority), or -1.
func regularSchedule(list []hours.Schedule, structureID string, today hours.Date) int {
	best := -1
	for i, sc := range list {
		if sc.Owner.Kind != hours.OwnerStructure || sc.Owner.ID != structureID || sc.Kind != hours.KindRegular ||
			sc.Status != hours.StatusPublished || sc.Channel != "" && sc.Channel != hours.ChannelAccueil || !sc.ValidOn(today) {
			continue
		}
		if best < 0 || sc.Priority > list[best].Priority {
			best = i
		}
	}
	return best
}

// stopKey matches a stop by name and commune.
func stopKey(name string, commune *string) string {
	code := ""
	if commune != nil {
		code = *commune
	}
	return nameKey(name) + "|" + code
}

// plan decides, entry by entry, what the import does.
func (in *stopImportInput) plan(entries []stopEntry) []*stopPlan {
	existing := map[string][]int{} // stopKey → indexes in in.stops, by position
	for i, sp := range in.stops {
		k := stopKey(sp.Label, sp.CommuneCode)
		existing[k] = append(existing[k], i)
	}
	seen := map[string]int{} // stopKey → index of the entry that took it
	raws := map[string]opening.StopHoursRaw{}
	for _, r := range in.set.StopHours {
		raws[r.StopID] = r
	}
	plans := make([]*stopPlan, len(entries))
	for i, e := range entries {
		p := &stopPlan{row: &StopImportRow{Index: e.Index, Name: e.Name, OSM: e.Hours, Reasons: []string{}}}
		plans[i] = p
		commune, ok := in.commune(e, p.row)
		if e.Name == "" {
			p.row.Reasons = append(p.row.Reasons, "Le nom de l’arrêt (nom) est vide.")
			ok = false
		}
		if !ok {
			p.row.Status = StopRejected
			continue
		}
		p.row.CommuneCode = commune.CodeINSEE
		k := stopKey(e.Name, &commune.CodeINSEE)
		if first, dup := seen[k]; dup {
			p.row.Status = StopRejected
			p.row.Reasons = append(p.row.Reasons, "Arrêt en double dans le fichier : même nom et même commune que l’entrée "+
				strconv.Itoa(first)+".")
			continue
		}
		seen[k] = e.Index
		var before *structure.Stop
		if idx := existing[k]; len(idx) > 0 {
			before = &in.stops[idx[0]]
		}
		in.planStop(p, e, commune, before)
		in.planHours(p, e, raws)
		p.decide()
	}
	return plans
}

// commune finds the commune of an entry in the structure's département: by INSEE code, or by name when the code
// is missing.
func (in *stopImportInput) commune(e stopEntry, row *StopImportRow) (territory.Commune, bool) {
	if e.Code != "" {
		c, ok := in.communes[e.Code]
		if !ok {
			row.Reasons = append(row.Reasons, "Commune "+e.Code+" inconnue dans le département "+in.structure.Departement+
				" de la structure.")
		}
		return c, ok
	}
	if list := in.byName[nameKey(e.Commune)]; len(list) == 1 && e.Commune != "" {
		row.Reasons = append(row.Reasons, "Code INSEE absent : commune retrouvée par son nom ("+list[0].CodeINSEE+").")
		return list[0], true
	}
	row.Reasons = append(row.Reasons, "Commune absente ou introuvable dans le département "+in.structure.Departement+
		" (code_insee, commune).")
	return territory.Commune{}, false
}

// planStop sets the stop's fields from the entry: name, address, commune, and the coordinates given (else the
// commune's centre for a new stop, the stop's own coordinates otherwise).
func (in *stopImportInput) planStop(p *stopPlan, e stopEntry, c territory.Commune, before *structure.Stop) {
	p.before = before
	if before != nil {
		p.stop = *before
	} else {
		p.stop = structure.Stop{StructureID: in.structure.ID}
	}
	code := c.CodeINSEE
	p.stop.Label, p.stop.Address, p.stop.CommuneCode = e.Name, e.Address, &code
	switch {
	case e.Latitude != nil:
		p.stop.Latitude, p.stop.Longitude = e.Latitude, e.Longitude
	case before == nil || before.Latitude == nil:
		p.stop.Latitude, p.stop.Longitude = c.Latitude, c.Longitude
		p.row.Reasons = append(p.row.Reasons, "Coordonnées absentes ou invalides : centre de la commune retenu.")
	}
	if e.BadCoordinates && before != nil && before.Latitude != nil {
		p.row.Reasons = append(p.row.Reasons, "Coordonnées invalides dans le fichier : celles de l’arrêt sont gardées.")
	}
	if before != nil {
		p.row.StopID = before.ID
		p.stopChanged = before.Label != p.stop.Label || before.Address != p.stop.Address ||
			deref(before.CommuneCode) != code || !sameCoordinate(before.Latitude, p.stop.Latitude) ||
			!sameCoordinate(before.Longitude, p.stop.Longitude)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func sameCoordinate(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// decide sets the row's status from what changes.
func (p *stopPlan) decide() {
	switch {
	case p.before == nil:
		p.row.Status = StopCreated
	case p.stopChanged || p.slotsChanged || p.rawChanged:
		p.row.Status = StopUpdated
	default:
		p.row.Status = StopUnchanged
	}
}

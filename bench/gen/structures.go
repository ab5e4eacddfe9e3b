package gen

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/google/uuid"
)

// site is a generated structure with what later tables need of it.
type site struct {
	id      uuid.UUID
	dep     *departement
	format  string // site | antenne | itinerant
	pattern int    // index in weekPatterns
	stops   []uuid.UUID
	agents  []uuid.UUID
}

// perDepartement spreads the structures: FortyDepartement gets exactly FortyCount; every other département a
// floor plus a share decreasing exponentially with a random rank (a few large départements, a long tail of
// small ones), and never exactly FortyCount, so the département of scenario S3 is the only one of that size.
func perDepartement(r *rand.Rand, deps []departement, total int) []int {
	counts := make([]int, len(deps))
	forty := 0
	for i, d := range deps {
		if d.code == FortyDepartement {
			forty = i
		}
	}
	counts[forty] = FortyCount
	others := make([]int, 0, len(deps)-1)
	for i := range deps {
		if i != forty {
			others = append(others, i)
		}
	}
	r.Shuffle(len(others), func(a, b int) { others[a], others[b] = others[b], others[a] })
	rest := total - FortyCount
	floor := min(6, rest/(2*max(1, len(others))))
	shares := make([]float64, len(others))
	sum := 0.0
	for k := range others {
		shares[k] = math.Exp(-float64(k) / 30)
		sum += shares[k]
	}
	left := rest - floor*len(others)
	given := 0
	fractions := make([]int, len(others))
	for k, i := range others {
		exact := float64(left) * shares[k] / sum
		counts[i] = floor + int(exact)
		given += int(exact)
		fractions[k] = k
	}
	sort.SliceStable(fractions, func(a, b int) bool {
		fa, fb := float64(left)*shares[fractions[a]]/sum, float64(left)*shares[fractions[b]]/sum
		return fa-math.Floor(fa) > fb-math.Floor(fb)
	})
	for k := 0; given < left; k++ {
		counts[others[fractions[k%len(fractions)]]]++
		given++
	}
	for _, i := range others { // only one département of exactly FortyCount: move one structure to the largest
		if counts[i] == FortyCount && others[0] != i {
			counts[i]--
			counts[others[0]]++
		}
	}
	return counts
}

var (
	streets      = []string{"de la Mairie", "de la République", "du Général de Gaulle", "Jean Jaurès", "Victor Hugo", "des Écoles", "de la Gare", "Pasteur", "du Moulin", "des Tilleuls"}
	carrierTypes = []string{"commune", "intercommunalite", "departement", "association", "la_poste", "msa", "centre_social", "autre"}
	labelStates  = []string{"labellise", "projet", "candidature_deposee", "sous_surveillance"}
	dayColumns   = []string{"h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi"}
)

// structures writes the structures with their ANCT number history, hours version and the stops of the buses.
func (w *writer) structures(ctx context.Context) error {
	r := w.stream("structures")
	counts := perDepartement(r, w.ref.departements, w.cfg.Structures)
	var rows, history, hoursRows, stops [][]any
	for di := range w.ref.departements {
		dep := &w.ref.departements[di]
		var mainSites []uuid.UUID
		for k := range counts[di] {
			s, row := w.structure(r, dep, len(w.sites), k, mainSites)
			if s.format == "site" {
				mainSites = append(mainSites, s.id)
			}
			rows = append(rows, row)
			history = append(history, []any{s.id, row[1], w.day(-1500 + r.IntN(1000))})
			hoursRows = append(hoursRows, []any{s.id, "maillage", r.IntN(20) != 0})
			for p := range s.stops {
				c := dep.communes[r.IntN(len(dep.communes))]
				stops = append(stops, []any{s.stops[p], s.id, p, "Place de la mairie, " + c.name,
					fmt.Sprintf("%d place de la Mairie", 1+r.IntN(9)), c.code, c.lat, c.lon})
			}
			w.sites = append(w.sites, s)
			if dep.code == FortyDepartement {
				w.counts.Forty++
			}
		}
	}
	w.counts.Structures, w.counts.Stops = len(rows), len(stops)
	for _, t := range []struct {
		table   string
		columns []string
		rows    [][]any
	}{
		{"structures", []string{"id", "id_fs", "departement_code", "name", "commune_code", "commune_label", "address",
			"postcode", "latitude", "longitude", "coordinates_source", "phone", "email", "website", "format", "parent_id",
			"carrier_type", "carrier_name", "label_status", "label_date", "timezone", "holiday_calendar", "hours_raw"}, rows},
		{"structure_id_history", []string{"structure_id", "id_fs", "from_at"}, history},
		{"structure_hours", []string{"structure_id", "source", "closed_on_public_holidays"}, hoursRows},
		{"structure_stops", []string{"id", "structure_id", "position", "label", "address", "commune_code", "latitude", "longitude"}, stops},
	} {
		if err := w.copyRows(ctx, t.table, t.columns, t.rows); err != nil {
			return err
		}
	}
	return nil
}

// structure draws one structure of a département: n is its number in the whole set, k in its département.
func (w *writer) structure(r *rand.Rand, dep *departement, n, k int, mainSites []uuid.UUID) (site, []any) {
	s := site{id: newID(r), dep: dep, format: "site", pattern: pick(r, 50, 15, 15, 10, 10)}
	var parent any
	switch f := pick(r, 82, 10, 8); {
	case f == 1 && len(mainSites) > 0:
		s.format, parent = "antenne", mainSites[r.IntN(len(mainSites))]
	case f == 2:
		s.format = "itinerant"
		s.stops = make([]uuid.UUID, 1+r.IntN(3))
		for i := range s.stops {
			s.stops[i] = newID(r)
		}
	}
	c := dep.communes[r.IntN(len(dep.communes))]
	name := "France services de " + c.name
	switch s.format {
	case "antenne":
		name += " (antenne)"
	case "itinerant":
		name = fmt.Sprintf("France services itinérante %s n° %d", dep.name, k+1)
	}
	idfs := fmt.Sprint(1000 + n)
	if r.IntN(100) == 0 {
		idfs = fmt.Sprintf("temp_%d", n+1)
	}
	var lat, lon any
	source := "none"
	if c.lat != nil && c.lon != nil {
		lat, lon, source = *c.lat+(r.Float64()-0.5)/50, *c.lon+(r.Float64()-0.5)/50, "data"
	}
	label := labelStates[pick(r, 85, 5, 5, 5)]
	var labelDate any
	if label == "labellise" || label == "sous_surveillance" {
		labelDate = w.day(-100 - r.IntN(1700))
	}
	carrier := carrierTypes[r.IntN(len(carrierTypes))]
	row := []any{s.id, idfs, dep.code, name, c.code, c.name, fmt.Sprintf("%d rue %s", 1+r.IntN(120), streets[r.IntN(len(streets))]),
		c.postcode, lat, lon, source, fmt.Sprintf("03 %02d %02d %02d %02d", r.IntN(100), r.IntN(100), r.IntN(100), r.IntN(100)),
		fmt.Sprintf("fs%d@france-services.bench.test", n+1), "", s.format, parent, carrier, "Porteur " + c.name,
		label, labelDate, dep.timezone, dep.calendar, hoursRaw(s.weekSlots())}
	return s, row
}

// hoursRaw writes the week like the ANCT file's day columns ("09:00 - 12:30 / 13:30 - 17:00").
func hoursRaw(slots []slotSpec) string {
	days := map[string]string{}
	for _, sl := range slots {
		if sl.day < 1 || sl.day > len(dayColumns) || sl.rule == "even" { // odd and even weeks: the file shows one
			continue
		}
		col := dayColumns[sl.day-1]
		text := fmt.Sprintf("%s - %s", clock(sl.start), clock(sl.end))
		if days[col] != "" {
			text = days[col] + " / " + text
		}
		days[col] = text
	}
	b, _ := json.Marshal(days) // a map of strings always marshals
	return string(b)
}

func clock(minutes int) string {
	return time.Date(2000, 1, 1, minutes/60, minutes%60, 0, 0, time.UTC).Format("15:04")
}

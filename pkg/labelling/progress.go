package labelling

import (
	"slices"
	"time"
)

// Formats counted in progress (the registry's values).
var Formats = []string{"site", "antenne", "itinerant"}

// Place is what progress needs to know of a structure.
type Place struct {
	ID, Name, Commune, Format string
	State                     State
	LabelDate                 *time.Time
	Lat, Lon                  *float64
}

// Target is a number of labelled structures to reach by a date (of one format when Format is set), and/or every
// canton covered.
type Target struct {
	ID, Scope, Code string
	DueDate         time.Time
	Count           int
	Format          string
	EveryCanton     bool
	Label           string
	Version         int
}

// TargetProgress is a target with what is achieved.
type TargetProgress struct {
	Target   Target
	Achieved int
	Gap      int
	Met      bool
}

// Wave is a recorded wave of labelling.
type Wave struct {
	ID, Departement, Name string
	Date                  time.Time
}

// WavePoint is one date of the labelling timeline: the structures labelled at that date that are labelled now.
// ID and Name come from the recorded wave of that date; a date without one (historical label dates of the ANCT
// list) has no ID and a generated name.
type WavePoint struct {
	ID         string
	Name       string
	Date       time.Time
	Count      int
	Cumulative int
}

// Coverage is the cantons of a territory with at least one labelled structure inside.
type Coverage struct {
	Total, Covered int
	Uncovered      []CantonRef
}

// CantonRef names a canton.
type CantonRef struct{ Code, Name string }

// Progress is the state of the label in a territory.
type Progress struct {
	Labelled int
	ByState  map[State]int
	ByFormat map[string]int // labelled structures per format
	Targets  []TargetProgress
	Cantons  Coverage
	Waves    []WavePoint
}

// ComputeProgress counts the places per state and format, matches the targets, the canton coverage and the
// timeline of labels per date (recorded waves named, the others by their date; recorded waves without any
// labelled structure appear with a count of 0).
func ComputeProgress(places []Place, targets []Target, cantons []Canton, waves []Wave) Progress {
	p := Progress{ByState: map[State]int{}, ByFormat: map[string]int{}, Targets: []TargetProgress{}, Waves: []WavePoint{}}
	for _, s := range States {
		p.ByState[s] = 0
	}
	for _, f := range Formats {
		p.ByFormat[f] = 0
	}
	var labelled []Place
	for _, pl := range places {
		p.ByState[pl.State]++
		if pl.State.Labelled() {
			p.Labelled++
			p.ByFormat[pl.Format]++
			labelled = append(labelled, pl)
		}
	}
	p.Cantons = coverage(cantons, labelled)
	for _, t := range targets {
		achieved := p.Labelled
		if t.Format != "" {
			achieved = p.ByFormat[t.Format]
		}
		met := achieved >= t.Count && (!t.EveryCanton || p.Cantons.Covered == p.Cantons.Total)
		p.Targets = append(p.Targets, TargetProgress{Target: t, Achieved: achieved, Gap: max(t.Count-achieved, 0), Met: met})
	}
	p.Waves = timeline(labelled, waves)
	return p
}

func coverage(cantons []Canton, labelled []Place) Coverage {
	c := Coverage{Total: len(cantons), Uncovered: []CantonRef{}}
	for _, ct := range cantons {
		covered := false
		for _, pl := range labelled {
			if pl.Lat != nil && pl.Lon != nil && ct.Contains(*pl.Lon, *pl.Lat) {
				covered = true
				break
			}
		}
		if covered {
			c.Covered++
		} else {
			c.Uncovered = append(c.Uncovered, CantonRef{Code: ct.Code, Name: ct.Name})
		}
	}
	return c
}

func timeline(labelled []Place, waves []Wave) []WavePoint {
	byDate := map[time.Time]*WavePoint{}
	point := func(d time.Time) *WavePoint {
		if byDate[d] == nil {
			byDate[d] = &WavePoint{Date: d, Name: "Labellisation du " + DateFR(d)}
		}
		return byDate[d]
	}
	named := map[time.Time][]Wave{}
	for _, w := range waves {
		d := civil(w.Date)
		named[d] = append(named[d], w)
		point(d)
	}
	for d, ws := range named {
		if len(ws) == 1 {
			byDate[d].ID, byDate[d].Name = ws[0].ID, ws[0].Name
		} else {
			byDate[d].Name = "Vagues du " + DateFR(d)
		}
	}
	for _, pl := range labelled {
		if pl.LabelDate != nil {
			point(civil(*pl.LabelDate)).Count++
		}
	}
	out := make([]WavePoint, 0, len(byDate))
	for _, w := range byDate {
		out = append(out, *w)
	}
	slices.SortFunc(out, func(a, b WavePoint) int { return a.Date.Compare(b.Date) })
	total := 0
	for i := range out {
		total += out[i].Count
		out[i].Cumulative = total
	}
	return out
}

func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// DateFR writes a date as 01/01/2022.
func DateFR(t time.Time) string { return t.Format("02/01/2006") }

// Column is one state of the pipeline board.
type Column struct {
	State State
	Label string
	Items []PipelineItem
}

// PipelineItem is a card of the board: since is when the structure reached its state (its last transition, or
// its label date when it came labelled from the ANCT list), nil when unknown.
type PipelineItem struct {
	Place Place
	Since *time.Time
}

// Pipeline puts the places in one column per state, in the table's order, keeping their order within a column
// (the registry's name order).
func Pipeline(items []PipelineItem) []Column {
	cols := make([]Column, len(States))
	index := map[State]int{}
	for i, s := range States {
		cols[i] = Column{State: s, Label: s.Label(), Items: []PipelineItem{}}
		index[s] = i
	}
	for _, it := range items {
		if i, ok := index[it.Place.State]; ok {
			cols[i].Items = append(cols[i].Items, it)
		}
	}
	return cols
}

// Package registry holds the use cases of the network registry that cross domains: creating and editing
// structures with their territory checks, and importing the national ANCT list (dry run, then apply).
package registry

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"maillage/pkg/anct"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
)

// Change is one field's old and new value.
type Change struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// Planned is a row that will create or update a structure.
type Planned struct {
	Line      int
	Structure structure.Structure // the desired state (ID set for updates)
	Before    *structure.Structure
	Changes   map[string]Change
	GroupName string
}

// Rejected is a row the import will not take, kept with its raw cells.
type Rejected struct {
	Line     int
	Problems []anct.Problem
	Cells    map[string]string
}

// Plan is what an import would do.
type Plan struct {
	Creates   []Planned
	Updates   []Planned
	Unchanged []Planned
	Rejected  []Rejected
	Warnings  []anct.Problem
}

// state is what the database holds that the plan is computed against.
type state struct {
	allowed   func(dep string) bool
	known     map[string]bool                // départements that exist
	communes  map[string]territory.Commune   // by INSEE code
	byName    map[string][]territory.Commune // by département + normalised name
	byIDFS    map[string]structure.Structure // every ANCT number current or past
	temporary []structure.Structure          // structures carrying a temp_N id
	groups    map[string]string              // group id → name
}

// plan computes, without side effects, what importing the records would do.
func plan(records []anct.Record, st state) Plan {
	var p Plan
	seen := map[string]int{}      // ANCT number → line
	lookAlike := map[string]int{} // département + name + commune → line
	for _, rec := range records {
		problems := append([]anct.Problem(nil), rec.Problems...)
		problems = append(problems, territoryProblems(rec, st)...)
		if line, dup := seen[rec.IDFS]; dup && rec.IDFS != "" {
			problems = append(problems, anct.Problem{Line: rec.Line(), Column: "id_fs",
				Message: fmt.Sprintf("Identifiant ANCT %s déjà présent ligne %d : ligne ignorée.", rec.IDFS, line)})
		}
		if blocking(problems) || len(rec.Row.Cells) == 0 || rec.Row.Cells["_raw"] != "" {
			if len(problems) == 0 {
				problems = []anct.Problem{{Line: rec.Line(), Message: "Ligne illisible."}}
			}
			p.Rejected = append(p.Rejected, Rejected{Line: rec.Line(), Problems: problems, Cells: rec.Row.Cells})
			continue
		}
		seen[rec.IDFS] = rec.Line()
		desired, warnings := desiredStructure(rec, st)
		p.Warnings = append(p.Warnings, append(problems, warnings...)...)
		key := rec.Departement + "|" + normalise(rec.Name) + "|" + deref(desired.CommuneCode)
		if line, ok := lookAlike[key]; ok {
			p.Warnings = append(p.Warnings, anct.Problem{Line: rec.Line(), Column: "lib_fs", Warning: true,
				Message: fmt.Sprintf("Doublon probable de la ligne %d (même nom, même commune, autre identifiant).", line)})
		}
		lookAlike[key] = rec.Line()
		planned := Planned{Line: rec.Line(), Structure: desired, GroupName: rec.Group}
		existing, found := match(rec, desired, st)
		if !found {
			p.Creates = append(p.Creates, planned)
			continue
		}
		planned.Structure = merge(existing, desired)
		planned.Before = &existing
		planned.Changes = diff(existing, planned.Structure, st.groups[deref(existing.GroupID)], rec.Group)
		if len(planned.Changes) == 0 {
			p.Unchanged = append(p.Unchanged, planned)
		} else {
			p.Updates = append(p.Updates, planned)
		}
	}
	return p
}

func blocking(problems []anct.Problem) bool {
	for _, pr := range problems {
		if !pr.Warning {
			return true
		}
	}
	return false
}

func territoryProblems(rec anct.Record, st state) []anct.Problem {
	switch {
	case rec.Departement == "":
		return nil // already reported by Interpret
	case !st.known[rec.Departement]:
		return []anct.Problem{{Line: rec.Line(), Column: "insee_dep", Message: fmt.Sprintf("Département %s inconnu.", rec.Departement)}}
	case !st.allowed(rec.Departement):
		return []anct.Problem{{Line: rec.Line(), Column: "insee_dep",
			Message: fmt.Sprintf("Département %s hors de votre territoire : ligne non importée.", rec.Departement)}}
	}
	return nil
}

// desiredStructure is the structure a row describes, with the commune resolved and coordinates completed.
func desiredStructure(rec anct.Record, st state) (structure.Structure, []anct.Problem) {
	var warnings []anct.Problem
	warn := func(col, msg string) {
		warnings = append(warnings, anct.Problem{Line: rec.Line(), Column: col, Message: msg, Warning: true})
	}
	idfs := rec.IDFS
	s := structure.Structure{IDFS: &idfs, Departement: rec.Departement, Name: rec.Name, Address: rec.Address,
		AddressComplement: rec.Complement, Postcode: rec.Postcode, Phone: rec.Phone, Email: rec.Email,
		Comment: rec.Comment, Format: structure.FormatSite, LabelStatus: "labellise", LabelDate: rec.LabelDate,
		Timezone: territory.TimezoneOf(rec.Departement), HolidayCalendar: territory.HolidayCalendarOf(rec.Departement),
		Carrier: structure.Carrier{Type: "autre"}, HoursRaw: map[string]string{}}
	switch {
	case rec.Itinerant:
		s.Format = structure.FormatItinerant
	case rec.Antenna:
		s.Format = structure.FormatAntenne
	}
	for i, col := range anct.HourColumns {
		s.HoursRaw[col] = rec.Hours[i]
		if _, ok := anct.ParseDay(rec.Hours[i]); !ok {
			warn(col, fmt.Sprintf("Horaires %q illisibles : conservés tels quels, à ressaisir.", rec.Hours[i]))
		}
	}
	commune, ok := resolveCommune(rec, st)
	switch {
	case ok:
		s.CommuneCode, s.CommuneLabel = &commune.CodeINSEE, commune.Name
		if rec.CommuneCode == "" {
			warn("insee_com", fmt.Sprintf("Commune déduite du nom : %s (%s).", commune.Name, commune.CodeINSEE))
		}
	case rec.CommuneCode != "":
		s.CommuneLabel = rec.CommuneName
		warn("insee_com", fmt.Sprintf("Code INSEE %s absent du référentiel ou d’un autre département : commune à vérifier.", rec.CommuneCode))
	default:
		s.CommuneLabel = firstNonEmpty(rec.CommuneName, rec.Name)
		warn("insee_com", "Commune introuvable d’après le nom : à renseigner.")
	}
	switch {
	case rec.Latitude != nil:
		s.Latitude, s.Longitude, s.CoordinatesSource = rec.Latitude, rec.Longitude, structure.CoordsData
	case ok && commune.Latitude != nil:
		s.Latitude, s.Longitude, s.CoordinatesSource = commune.Latitude, commune.Longitude, structure.CoordsCommune
	default:
		s.CoordinatesSource = structure.CoordsNone
	}
	if rec.Antenna && rec.Group == "" {
		warn("groupe", "Antenne sans groupe : son site principal n’a pas pu être identifié.")
	}
	return s, warnings
}

// resolveCommune finds the row's commune: by INSEE code in the row's département, else by the commune name,
// else by the structure's name (antennas are often named after their commune), when exactly one matches.
func resolveCommune(rec anct.Record, st state) (territory.Commune, bool) {
	if rec.CommuneCode != "" {
		c, ok := st.communes[rec.CommuneCode]
		return c, ok && c.DepartementCode == rec.Departement
	}
	for _, name := range []string{rec.CommuneName, rec.Name} {
		if found := st.byName[rec.Departement+"|"+normalise(name)]; len(found) == 1 {
			return found[0], true
		}
	}
	return territory.Commune{}, false
}

// match finds the existing structure a row describes: by ANCT number (current or past), else a structure still
// under a temporary id with the same name and commune (its definitive number has arrived).
func match(rec anct.Record, desired structure.Structure, st state) (structure.Structure, bool) {
	if s, ok := st.byIDFS[rec.IDFS]; ok {
		return s, true
	}
	for _, s := range st.temporary {
		if s.Departement == rec.Departement && normalise(s.Name) == normalise(rec.Name) &&
			deref(s.CommuneCode) == deref(desired.CommuneCode) {
			return s, true
		}
	}
	return structure.Structure{}, false
}

// merge applies the fields the national file owns onto an existing structure; the rest (carrier, website,
// accessibility, label status) belongs to Maillage and is kept.
func merge(existing, desired structure.Structure) structure.Structure {
	out := existing
	out.IDFS, out.Name, out.Address, out.AddressComplement = desired.IDFS, desired.Name, desired.Address, desired.AddressComplement
	out.Postcode, out.Phone, out.Email, out.Comment = desired.Postcode, desired.Phone, desired.Email, desired.Comment
	out.CommuneCode, out.CommuneLabel, out.Format, out.HoursRaw = desired.CommuneCode, desired.CommuneLabel, desired.Format, desired.HoursRaw
	if existing.CoordinatesSource != structure.CoordsManual || desired.CoordinatesSource == structure.CoordsData {
		out.Latitude, out.Longitude, out.CoordinatesSource = desired.Latitude, desired.Longitude, desired.CoordinatesSource
	}
	if existing.LabelDate == nil {
		out.LabelDate = desired.LabelDate
	}
	return out
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// normalise compares names regardless of case, accents, hyphens and spacing ("Saint-Just en Chaussée").
func normalise(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		out = strings.ToLower(s)
	}
	out = strings.NewReplacer("-", " ", "'", " ", "’", " ").Replace(out)
	return strings.Join(strings.Fields(out), " ")
}

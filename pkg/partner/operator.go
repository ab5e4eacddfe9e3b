package partner

import (
	"slices"
	"strings"
)

// Operator is a national partner. Its code is stable; its names are dated (Pôle emploi became France Travail
// on 2024-01-01); its socle period says when France services must offer its démarches.
type Operator struct {
	Code      string
	Names     []Name // ordered by From
	SocleFrom string // "" : not in the socle
	SocleTo   string // inclusive; "" : open-ended
	Version   int
}

// Name is the name of an operator from a date until the next name's date (To is derived: the day before).
type Name struct {
	From      string
	To        string
	Name      string
	ShortName string
}

// InSocleOn tells whether the operator is part of the socle on date d.
func (o Operator) InSocleOn(d string) bool {
	return o.SocleFrom != "" && ValidOn(d, o.SocleFrom, o.SocleTo)
}

// NameAt is the name in force on d: the latest name starting on or before d, else the first one (an operator is
// known by its first name before it).
func (o Operator) NameAt(d string) Name {
	if len(o.Names) == 0 {
		return Name{Name: o.Code, ShortName: o.Code}
	}
	at := o.Names[0]
	for _, n := range o.Names {
		if n.From <= d {
			at = n
		}
	}
	return at
}

// SocleAt returns the operators of the socle in force on d, in the given order.
func SocleAt(operators []Operator, d string) []Operator {
	var out []Operator
	for _, o := range operators {
		if o.InSocleOn(d) {
			out = append(out, o)
		}
	}
	return out
}

// withDerivedEnds sorts the names and sets each one's To to the day before the next one's From.
func withDerivedEnds(names []Name, dayBefore func(string) string) []Name {
	slices.SortFunc(names, func(a, b Name) int { return strings.Compare(a.From, b.From) })
	for i := range names {
		names[i].To = ""
		if i+1 < len(names) {
			names[i].To = dayBefore(names[i+1].From)
		}
	}
	return names
}

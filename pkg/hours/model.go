package hours

import (
	"fmt"
	"time"
)

// OwnerKind is what a schedule or an exception belongs to.
type OwnerKind string

const (
	OwnerStructure  OwnerKind = "structure"
	OwnerStop       OwnerKind = "stop"       // a stop of an itinerant structure
	OwnerPermanence OwnerKind = "permanence" // a partner's permanence at a structure
)

// Owner names the owner of a schedule or an exception by kind and id (domain packages refer to each other by id).
type Owner struct {
	Kind OwnerKind
	ID   string
}

// Channel is how the public is received.
type Channel string

const (
	ChannelAccueil   Channel = "accueil"   // at the counter
	ChannelTelephone Channel = "telephone" // by phone
	ChannelRDV       Channel = "rdv"       // appointments only (booking line, video)
)

// ScheduleKind is the layer a schedule belongs to. Within its validity a seasonal schedule replaces the regular
// one, and a temporary one replaces both (for the owner and channel concerned).
type ScheduleKind string

const (
	KindRegular   ScheduleKind = "regular"
	KindSeasonal  ScheduleKind = "seasonal"
	KindTemporary ScheduleKind = "temporary"
)

// rank orders the layers: the higher wins on a day where several schedules are valid.
func (k ScheduleKind) rank() int {
	switch k {
	case KindSeasonal:
		return 1
	case KindTemporary:
		return 2
	}
	return 0
}

// Status is the publication status of a schedule: drafts are ignored by the resolver unless asked for.
type Status string

const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
)

// Access tells whether people come without or with an appointment.
type Access string

const (
	AccessSansRDV Access = "sans_rdv"
	AccessSurRDV  Access = "sur_rdv"
	AccessMixte   Access = "mixte"
)

// WeekRuleKind is how a slot repeats over the weeks.
type WeekRuleKind string

const (
	WeekEvery  WeekRuleKind = "every"   // every week (the zero WeekRule means this too)
	WeekOdd    WeekRuleKind = "odd"     // odd ISO week numbers (W01, W03 … W53)
	WeekEven   WeekRuleKind = "even"    // even ISO week numbers
	WeekEveryN WeekRuleKind = "every_n" // every Interval weeks, counted from the week of Anchor
)

// WeekRule says in which weeks a slot applies. Odd and even refer to the ISO 8601 week number, as the French
// "semaine paire / impaire" does: a year with 53 weeks (2026) ends on an odd week and the next year starts
// on one (2027-W01), so an odd-week slot happens two weeks in a row across that boundary. Use every_n with
// Interval 2 for a strict fortnightly rhythm.
type WeekRule struct {
	Kind     WeekRuleKind
	Interval int  // every_n: 2 or more
	Anchor   Date // every_n: any day of a week where the slot applies
}

// Every, Odd and Even are the common week rules.
var (
	Every = WeekRule{Kind: WeekEvery}
	Odd   = WeekRule{Kind: WeekOdd}
	Even  = WeekRule{Kind: WeekEven}
)

// EveryN builds the rule "every n weeks from the week of anchor".
func EveryN(n int, anchor Date) WeekRule {
	return WeekRule{Kind: WeekEveryN, Interval: n, Anchor: anchor}
}

// Matches tells whether the rule applies in the week of d.
func (r WeekRule) Matches(d Date) bool {
	switch r.Kind {
	case WeekOdd:
		return d.ISOWeek().Week%2 == 1
	case WeekEven:
		return d.ISOWeek().Week%2 == 0
	case WeekEveryN:
		if r.Interval < 1 {
			return false
		}
		return mod(d.Monday().Sub(r.Anchor.Monday())/7, r.Interval) == 0
	}
	return true
}

// IsEvery tells whether the rule is "every week".
func (r WeekRule) IsEvery() bool { return r.Kind == "" || r.Kind == WeekEvery }

// cycle is the number of weeks after which the rule repeats (53-week years aside).
func (r WeekRule) cycle() int {
	switch r.Kind {
	case WeekOdd, WeekEven:
		return 2
	case WeekEveryN:
		return max(r.Interval, 1)
	}
	return 1
}

// French describes the rule ("semaines impaires").
func (r WeekRule) French() string {
	switch r.Kind {
	case WeekOdd:
		return "semaines impaires"
	case WeekEven:
		return "semaines paires"
	case WeekEveryN:
		return fmt.Sprintf("toutes les %d semaines à partir de la semaine du %s", r.Interval, r.Anchor.Monday().French())
	}
	return "toutes les semaines"
}

// Slot is a weekly opening: a weekday, a wall-clock span (End > Start, both within the day), the weeks it
// applies, and who is there.
type Slot struct {
	Weekday       Weekday
	Start, End    Clock
	WeekRule      WeekRule
	StopID        string   // itinerant structures: the stop the bus is at
	PlannedAgents int      // agents planned at the desk; 0 = not known (then len(AgentIDs) if agents are named)
	AgentIDs      []string // named agents, optional
	Access        Access   // "" means sans_rdv
}

// Agents is the number of agents planned on the slot (0 when unknown).
func (s Slot) Agents() int { return max(s.PlannedAgents, len(s.AgentIDs)) }

// Minutes is the slot's length on the wall clock.
func (s Slot) Minutes() int { return int(s.End - s.Start) }

// Label is "mardi 14:00–17:00".
func (s Slot) Label() string {
	return s.Weekday.French() + " " + s.Start.String() + "–" + s.End.String()
}

// Schedule is one layer of opening hours of an owner on a channel.
type Schedule struct {
	ID        string
	Owner     Owner
	Channel   Channel // "" means accueil
	Kind      ScheduleKind
	ValidFrom Date // zero: since always
	ValidTo   Date // inclusive; zero: open-ended
	Priority  int  // among schedules of the same kind valid on a day, the highest wins
	Status    Status
	Slots     []Slot
}

// ValidOn tells whether the schedule's validity covers d.
func (s Schedule) ValidOn(d Date) bool { return d.Within(s.ValidFrom, s.ValidTo) }

// channel returns the schedule's channel, accueil by default.
func (s Schedule) channel() Channel {
	if s.Channel == "" {
		return ChannelAccueil
	}
	return s.Channel
}

// ExceptionType is what an exception does to the days it covers.
type ExceptionType string

const (
	ExceptionClosed  ExceptionType = "closed"  // closed all day
	ExceptionReduced ExceptionType = "reduced" // open only within the given slots (never more than usual)
	ExceptionExtra   ExceptionType = "extra"   // the given slots on top of the usual hours
	ExceptionReplace ExceptionType = "replace" // the given slots instead of the usual hours
)

// Exception changes the hours of an owner over a date range (From–To inclusive). Its slots apply to each day of
// the range whose weekday matches (Weekday 0 means every day); their week rule is ignored. An exception of a
// structure applies to all its stops and channels.
type Exception struct {
	ID            string
	Owner         Owner
	From, To      Date
	Type          ExceptionType
	Slots         []Slot
	Reason        string // internal reason (formation, travaux, congés…)
	PublicMessage string // shown to the public
}

// Source is the layer an interval comes from.
type Source string

const (
	SourceRegular   Source = "regular"
	SourceSeasonal  Source = "seasonal"
	SourceTemporary Source = "temporary"
	SourceException Source = "exception"
)

// Interval is a concrete opening: real instants in the owner's time zone.
type Interval struct {
	Start, End    time.Time // End after Start; End - Start is the real duration (DST included)
	Date          Date      // the civil day the opening belongs to
	Owner         Owner
	StopID        string
	PlannedAgents int      // highest planned count among the slots merged into this interval (0 = unknown)
	AgentIDs      []string // union of the named agents
	Access        Access
	Source        Source
	ScheduleID    string // schedule of the slot, or of the day's layer
	ExceptionID   string // set when an exception produced or cut the interval
}

// Duration is the real time the interval lasts.
func (iv Interval) Duration() time.Duration { return iv.End.Sub(iv.Start) }

// Label is "mardi 14:00–17:00" in the interval's own location.
func (iv Interval) Label() string {
	return iv.Date.Weekday().French() + " " + hhmm(iv.Start) + "–" + clockLabel(iv)
}

func hhmm(t time.Time) string {
	h, m, _ := t.Clock()
	return clockTexts()[h*60+m]
}

// clockLabel writes the end as 24:00 rather than 00:00 when the interval runs to midnight.
func clockLabel(iv Interval) string {
	if DateOf(iv.End) != iv.Date && iv.End.Hour() == 0 && iv.End.Minute() == 0 {
		return "24:00"
	}
	return hhmm(iv.End)
}

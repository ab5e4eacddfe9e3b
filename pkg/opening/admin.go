package opening

import (
	"context"
	"strings"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// RuleSet is one stored version of the label's rules (migration 00007); ValidFrom is a civil date.
type RuleSet struct {
	Code                  string
	Title                 string
	Source                string
	ValidFrom             string
	MinWeeklyMinutes      int
	MinOpenDays           int
	MinAgentsPresent      int
	TrainedAgentsRequired bool
	PartnerSocleRequired  bool
	PremisesRequired      bool
	CreatedAt             time.Time
	CreatedBy             string
}

const ruleSetColumns = `code, title, source, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, min_weekly_minutes,
	min_open_days, min_agents_present, trained_agents_required, partner_socle_required, premises_required, created_at,
	created_by`

// RuleSets returns every rule set, oldest first, in one statement.
func (s *Store) RuleSets(ctx context.Context) ([]RuleSet, error) {
	var out []RuleSet
	err := db.Conn(ctx, s.DB).Raw(`SELECT ` + ruleSetColumns + ` FROM rule_sets ORDER BY valid_from`).Scan(&out).Error
	return out, err
}

// LockRuleSets serialises the writers of rule sets until the end of the transaction (a new set must start after
// every existing one: two concurrent additions must not both pass that check).
func (s *Store) LockRuleSets(ctx context.Context) error {
	return db.Conn(ctx, s.DB).Exec(`LOCK TABLE rule_sets IN SHARE ROW EXCLUSIVE MODE`).Error
}

// ErrRuleSetCodeTaken is the conflict of a code already used.
var ErrRuleSetCodeTaken = apperr.Conflict("rule_set.code_taken", "Ce code de référentiel est déjà utilisé.")

// InsertRuleSet adds a rule set and returns it as stored.
func (s *Store) InsertRuleSet(ctx context.Context, r RuleSet) (RuleSet, error) {
	var out []RuleSet
	err := db.Conn(ctx, s.DB).Raw(`INSERT INTO rule_sets (code, title, source, valid_from, min_weekly_minutes,
		min_open_days, min_agents_present, trained_agents_required, partner_socle_required, premises_required, created_by)
		VALUES (?, ?, ?, CAST(? AS date), ?, ?, ?, ?, ?, ?, ?) RETURNING `+ruleSetColumns,
		r.Code, r.Title, r.Source, r.ValidFrom, r.MinWeeklyMinutes, r.MinOpenDays, r.MinAgentsPresent,
		r.TrainedAgentsRequired, r.PartnerSocleRequired, r.PremisesRequired, r.CreatedBy).Scan(&out).Error
	switch {
	case db.IsUniqueViolation(err, "rule_sets_pkey"):
		return RuleSet{}, ErrRuleSetCodeTaken
	case db.IsUniqueViolation(err, "rule_sets_valid_from_key"):
		return RuleSet{}, apperr.Invalid("validation_failed", "valid_from", "Un référentiel commence déjà à cette date.")
	case err != nil:
		return RuleSet{}, err
	}
	return out[0], nil
}

// DeleteRuleSet removes a rule set; false when there is none with that code.
func (s *Store) DeleteRuleSet(ctx context.Context, code string) (bool, error) {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM rule_sets WHERE code = ?`, code)
	return res.RowsAffected > 0, res.Error
}

// HolidayPolicy is how a structure treats public holidays.
type HolidayPolicy struct {
	ClosedOnPublicHolidays bool
	OpenOnPentecostMonday  bool
}

// DefaultHolidayPolicy is the policy of a structure that never set one: closed on public holidays.
var DefaultHolidayPolicy = HolidayPolicy{ClosedOnPublicHolidays: true}

// HolidayPolicies returns the policy of each structure (the default for those without hours yet), in one
// statement.
func (s *Store) HolidayPolicies(ctx context.Context, structureIDs []string) (map[string]HolidayPolicy, error) {
	out := make(map[string]HolidayPolicy, len(structureIDs))
	if len(structureIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		StructureID                                   string
		ClosedOnPublicHolidays, OpenOnPentecostMonday bool
	}
	if err := db.Conn(ctx, s.DB).Raw(`SELECT structure_id, closed_on_public_holidays, open_on_pentecost_monday
		FROM structure_hours WHERE structure_id IN ?`, structureIDs).Scan(&rows).Error; err != nil {
		return nil, err
	}
	for _, id := range structureIDs {
		out[id] = DefaultHolidayPolicy
	}
	for _, r := range rows {
		out[r.StructureID] = HolidayPolicy{ClosedOnPublicHolidays: r.ClosedOnPublicHolidays,
			OpenOnPentecostMonday: r.OpenOnPentecostMonday}
	}
	return out, nil
}

// SetHolidayPolicy writes the policy of a structure whose hours row exists (BumpHours first, in the same
// transaction: the policy shares the hours version).
func (s *Store) SetHolidayPolicy(ctx context.Context, structureID string, p HolidayPolicy) error {
	return db.Conn(ctx, s.DB).Exec(`UPDATE structure_hours SET closed_on_public_holidays = ?, open_on_pentecost_monday = ?
		WHERE structure_id = ?`, p.ClosedOnPublicHolidays, p.OpenOnPentecostMonday, structureID).Error
}

// StopHoursRaw is the hours of a stop as published in an imported file.
type StopHoursRaw struct {
	StopID      string
	StructureID string
	Raw         string // OSM opening_hours as published
	WeekNote    string // the week mention published with it ("Semaine impaire")
	NeedsReview bool   // the value could not be read: a person enters the slots
	Reason      string // why, in French
	ImportedAt  time.Time
}

// StopHoursRaws returns the published hours of the stops of a structure, by stop id.
func (s *Store) StopHoursRaws(ctx context.Context, structureID string) (map[string]StopHoursRaw, error) {
	var rows []StopHoursRaw
	if err := db.Conn(ctx, s.DB).Raw(`SELECT stop_id, structure_id, raw, week_note, needs_review, reason, imported_at
		FROM stop_hours_raw WHERE structure_id = ?`, structureID).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]StopHoursRaw, len(rows))
	for _, r := range rows {
		out[r.StopID] = r
	}
	return out, nil
}

// SaveStopHoursRaws inserts or replaces the published hours of stops, in one statement.
func (s *Store) SaveStopHoursRaws(ctx context.Context, list []StopHoursRaw) error {
	if len(list) == 0 {
		return nil
	}
	rows := make([]string, len(list))
	args := make([]any, 0, 6*len(list))
	for i, r := range list {
		rows[i] = `(?, ?, ?, ?, ?, ?)`
		args = append(args, r.StopID, r.StructureID, r.Raw, r.WeekNote, r.NeedsReview, r.Reason)
	}
	return db.Conn(ctx, s.DB).Exec(`INSERT INTO stop_hours_raw (stop_id, structure_id, raw, week_note, needs_review, reason)
		VALUES `+strings.Join(rows, ", ")+` ON CONFLICT (stop_id) DO UPDATE SET raw = excluded.raw,
		week_note = excluded.week_note, needs_review = excluded.needs_review, reason = excluded.reason,
		imported_at = now()`, args...).Error
}

// ReviewedStops clears the review flag of stops whose slots a person has now entered.
func (s *Store) ReviewedStops(ctx context.Context, structureID string, stopIDs []string) error {
	if len(stopIDs) == 0 {
		return nil
	}
	return db.Conn(ctx, s.DB).Exec(`UPDATE stop_hours_raw SET needs_review = false, reason = ''
		WHERE structure_id = ? AND needs_review AND stop_id IN ?`, structureID, stopIDs).Error
}

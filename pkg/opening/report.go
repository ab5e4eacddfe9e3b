package opening

import (
	"context"
	"encoding/json"
	"time"

	"maillage/pkg/db"
)

// ReportInputs is everything a compliance evaluation reads of a set of structures, keyed by structure id: the
// schedules of the structures and of their stops (slots and named agents included), the exceptions that end on
// or after a date, the public-holiday policies, the agents assigned on a day, and every rule set.
type ReportInputs struct {
	Schedules  map[string][]Schedule
	Exceptions map[string][]Exception
	Holidays   map[string]HolidayPolicy
	Agents     map[string][]AgentStatus
	RuleSets   []RuleSet // oldest first
}

// reportInputsQuery returns one row per structure: its holiday policy, exceptions and agents aggregated as JSON by
// PostgreSQL (each nested subquery uses the index of its table), and, on the first row only, the rule sets.
// Parameters: the exceptions' first day, the agents' day (three times), the structure ids. The schedules, the bulk
// of the data, are read as flat rows by Schedules: built as JSON here they cost PostgreSQL about twice the time of
// the join and the server as much again to decode (bench/, S3).
const reportInputsQuery = `SELECT s.id::text AS structure_id,
	(SELECT json_build_object('closed', h.closed_on_public_holidays, 'pentecost', h.open_on_pentecost_monday)
		FROM structure_hours h WHERE h.structure_id = s.id) AS holidays,
	(SELECT json_agg(json_build_object('id', e.id, 'owner_kind', e.owner_kind, 'owner_id', e.owner_id,
		'from', to_char(e.date_from, 'YYYY-MM-DD'), 'to', to_char(e.date_to, 'YYYY-MM-DD'), 'type', e.type,
		'reason', e.reason, 'public_message', e.public_message, 'slots', e.slots, 'version', e.version)
		ORDER BY e.date_from, e.id)
		FROM schedule_exceptions e WHERE e.structure_id = s.id AND e.date_to >= CAST(? AS date)) AS exceptions,
	(SELECT json_agg(json_build_object('agent_id', aa.agent_id, 'trained', EXISTS (SELECT 1 FROM agent_trainings t
			WHERE t.agent_id = aa.agent_id AND t.kind = 'initial' AND t.completed_on <= CAST(? AS date))) ORDER BY aa.agent_id)
		FROM agent_assignments aa WHERE aa.structure_id = s.id AND aa.start_date <= CAST(? AS date)
			AND (aa.end_date IS NULL OR aa.end_date >= CAST(? AS date))) AS agents,
	CASE WHEN s.n = 1 THEN
		(SELECT json_agg(json_build_object('code', r.code, 'title', r.title, 'source', r.source,
			'valid_from', to_char(r.valid_from, 'YYYY-MM-DD'), 'min_weekly_minutes', r.min_weekly_minutes,
			'min_open_days', r.min_open_days, 'min_agents_present', r.min_agents_present,
			'trained_agents_required', r.trained_agents_required, 'partner_socle_required', r.partner_socle_required,
			'premises_required', r.premises_required, 'created_at', r.created_at, 'created_by', r.created_by)
			ORDER BY r.valid_from) FROM rule_sets r) END AS rule_sets
	FROM (SELECT id, row_number() OVER () AS n FROM structures WHERE id IN ?) s`

type exceptionJSON struct {
	ID            string `json:"id"`
	OwnerKind     string `json:"owner_kind"`
	OwnerID       string `json:"owner_id"`
	From          string `json:"from"`
	To            string `json:"to"`
	Type          string `json:"type"`
	Reason        string `json:"reason"`
	PublicMessage string `json:"public_message"`
	Slots         []Slot `json:"slots"`
	Version       int    `json:"version"`
}

type ruleSetJSON struct {
	Code                  string    `json:"code"`
	Title                 string    `json:"title"`
	Source                string    `json:"source"`
	ValidFrom             string    `json:"valid_from"`
	MinWeeklyMinutes      int       `json:"min_weekly_minutes"`
	MinOpenDays           int       `json:"min_open_days"`
	MinAgentsPresent      int       `json:"min_agents_present"`
	TrainedAgentsRequired bool      `json:"trained_agents_required"`
	PartnerSocleRequired  bool      `json:"partner_socle_required"`
	PremisesRequired      bool      `json:"premises_required"`
	CreatedAt             time.Time `json:"created_at"`
	CreatedBy             string    `json:"created_by"`
}

// ReportInputs reads, in two statements whatever the number of structures, what evaluating them needs: exceptions
// ending on or after exceptionsFrom, agents assigned on agentsDay (trained when their initial training was
// completed by then), and every rule set. A structure without hours has the default holiday policy.
func (s *Store) ReportInputs(ctx context.Context, structureIDs []string, exceptionsFrom, agentsDay string) (ReportInputs, error) {
	out := ReportInputs{Schedules: map[string][]Schedule{}, Exceptions: map[string][]Exception{},
		Holidays: make(map[string]HolidayPolicy, len(structureIDs)), Agents: map[string][]AgentStatus{}}
	for _, id := range structureIDs {
		out.Holidays[id] = DefaultHolidayPolicy
	}
	if len(structureIDs) == 0 {
		return out, nil
	}
	var err error
	if out.Schedules, err = s.Schedules(ctx, structureIDs); err != nil {
		return out, err
	}
	rows, err := db.Conn(ctx, s.DB).Raw(reportInputsQuery, exceptionsFrom, agentsDay, agentsDay, agentsDay, structureIDs).Rows()
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var r reportRow
		if err := rows.Scan(&r.id, &r.holidays, &r.exceptions, &r.agents, &r.ruleSets); err != nil {
			return out, err
		}
		if err := r.decode(&out); err != nil {
			return out, err
		}
	}
	return out, rows.Err()
}

type reportRow struct {
	id                                     string
	holidays, exceptions, agents, ruleSets []byte
}

// decode adds the row's structure to out.
func (r reportRow) decode(out *ReportInputs) error {
	if r.holidays != nil {
		var h struct{ Closed, Pentecost bool }
		if err := json.Unmarshal(r.holidays, &h); err != nil {
			return err
		}
		out.Holidays[r.id] = HolidayPolicy{ClosedOnPublicHolidays: h.Closed, OpenOnPentecostMonday: h.Pentecost}
	}
	if r.exceptions != nil {
		var list []exceptionJSON
		if err := json.Unmarshal(r.exceptions, &list); err != nil {
			return err
		}
		out.Exceptions[r.id] = make([]Exception, len(list))
		for i, e := range list {
			out.Exceptions[r.id][i] = Exception{ID: e.ID, StructureID: r.id, OwnerKind: e.OwnerKind, OwnerID: e.OwnerID,
				From: e.From, To: e.To, Type: e.Type, Reason: e.Reason, PublicMessage: e.PublicMessage, Slots: e.Slots,
				Version: e.Version}
		}
	}
	if r.agents != nil {
		var list []struct {
			AgentID string `json:"agent_id"`
			Trained bool   `json:"trained"`
		}
		if err := json.Unmarshal(r.agents, &list); err != nil {
			return err
		}
		out.Agents[r.id] = make([]AgentStatus, len(list))
		for i, a := range list {
			out.Agents[r.id][i] = AgentStatus{StructureID: r.id, AgentID: a.AgentID, Trained: a.Trained}
		}
	}
	return r.decodeRuleSets(out)
}

func (r reportRow) decodeRuleSets(out *ReportInputs) error {
	if r.ruleSets == nil {
		return nil
	}
	var list []ruleSetJSON
	if err := json.Unmarshal(r.ruleSets, &list); err != nil {
		return err
	}
	out.RuleSets = make([]RuleSet, len(list))
	for i, x := range list {
		out.RuleSets[i] = RuleSet(x) // the same fields, with the JSON keys of the query
	}
	return nil
}

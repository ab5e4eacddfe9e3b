package opening

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// HoursVersion returns the structure-level version of the hours (1 when never written) and who wrote them last
// ("import", "maillage", or "" when never written).
func (s *Store) HoursVersion(ctx context.Context, structureID string) (int, string, error) {
	var rows []struct {
		Version int
		Source  string
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT version, source FROM structure_hours WHERE structure_id = ?`, structureID).
		Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return 1, "", err
	}
	return rows[0].Version, rows[0].Source, nil
}

// BumpHours moves the hours version on if it is still expected (0: no check, for the import) and records the
// source of the change; it returns the new version, or 412 when the version moved on.
func (s *Store) BumpHours(ctx context.Context, structureID string, expected int, source string) (int, error) {
	conn := db.Conn(ctx, s.DB)
	if err := conn.Exec(`INSERT INTO structure_hours (structure_id, source) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		structureID, source).Error; err != nil {
		return 0, err
	}
	var versions []int
	q := `UPDATE structure_hours SET version = version + 1, source = ?, updated_at = now() WHERE structure_id = ?`
	args := []any{source, structureID}
	if expected > 0 {
		q += ` AND version = ?`
		args = append(args, expected)
	}
	if err := conn.Raw(q+` RETURNING version`, args...).Scan(&versions).Error; err != nil {
		return 0, err
	}
	if len(versions) == 0 {
		return 0, apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch",
			"Les horaires ont été modifiés depuis votre lecture : rechargez-les puis recommencez.")
	}
	return versions[0], nil
}

// scheduleSelect reads schedules with their slots and the slots' named agents in one statement, without the ORM's
// per-row reflection: one row per (schedule, slot, agent); a schedule without slots has one row with NULL slot
// columns, a slot without named agents one row with a NULL agent. Callers add the WHERE clause and their leading
// ORDER BY keys; readSchedules adds the positions.
const scheduleSelect = `SELECT sc.id, sc.structure_id, sc.owner_kind, sc.owner_id, sc.channel, sc.kind, sc.valid_from,
	sc.valid_to, sc.priority, sc.status, sl.id, sl.weekday, sl.start_minute, sl.end_minute, sl.week_rule,
	sl.week_interval, sl.week_anchor, sl.stop_id, sl.planned_agents, sl.access, sa.agent_id
	FROM schedules sc LEFT JOIN schedule_slots sl ON sl.schedule_id = sc.id
	LEFT JOIN schedule_slot_agents sa ON sa.slot_id = sl.id
	WHERE `

// readSchedules runs scheduleSelect with where (PostgreSQL placeholders, args), ordered by orderBy then the stored
// positions, through db.Read (one decoding per value; the report of a département reads hundreds of these rows).
func (s *Store) readSchedules(ctx context.Context, where, orderBy string, args ...any) ([]Schedule, error) {
	var out []Schedule
	err := db.Read(ctx, s.DB, scheduleSelect+where+` ORDER BY `+orderBy+`, sc.position, sl.position, sa.position`, args,
		func(rows db.Rows) error {
			var lastSlot string
			// pgtype values rather than pointers: no allocation nor reflection per nullable value
			var validFrom, validTo, anchor pgtype.Date
			var slotID, weekRule, stopID, access, agentID pgtype.Text
			var weekday, start, end, interval, planned pgtype.Int4
			for rows.Next() {
				var sc Schedule
				if err := rows.Scan(&sc.ID, &sc.StructureID, &sc.OwnerKind, &sc.OwnerID, &sc.Channel, &sc.Kind, &validFrom,
					&validTo, &sc.Priority, &sc.Status, &slotID, &weekday, &start, &end, &weekRule, &interval, &anchor,
					&stopID, &planned, &access, &agentID); err != nil {
					return err
				}
				if len(out) == 0 || out[len(out)-1].ID != sc.ID {
					sc.ValidFrom, sc.ValidTo = isoDay(validFrom), isoDay(validTo)
					out = append(out, sc)
					lastSlot = ""
				}
				if !slotID.Valid {
					continue
				}
				cur := &out[len(out)-1]
				if slotID.String != lastSlot {
					cur.Slots = append(cur.Slots, Slot{Weekday: int(weekday.Int32), Start: int(start.Int32), End: int(end.Int32),
						WeekRule: weekRule.String, WeekInterval: int(interval.Int32), WeekAnchor: isoDay(anchor),
						StopID: stopID.String, PlannedAgents: int(planned.Int32), Access: access.String})
					lastSlot = slotID.String
				}
				if agentID.Valid {
					sl := &cur.Slots[len(cur.Slots)-1]
					sl.AgentIDs = append(sl.AgentIDs, agentID.String)
				}
			}
			return nil
		})
	return out, err
}

// isoDay formats a date column ("" for NULL).
func isoDay(d pgtype.Date) string {
	if !d.Valid {
		return ""
	}
	return d.Time.Format(time.DateOnly)
}

// Schedules returns the schedules of the structures and of their stops (in their order), slots and named agents
// included, in one statement whatever the number of structures. Permanences' schedules share the table but are
// the partner's hours, not the structure's: they are read and written through owners.go only.
func (s *Store) Schedules(ctx context.Context, structureIDs []string) (map[string][]Schedule, error) {
	out := map[string][]Schedule{}
	if len(structureIDs) == 0 {
		return out, nil
	}
	list, err := s.readSchedules(ctx, `sc.structure_id = ANY($1) AND sc.owner_kind <> 'permanence'`, `sc.structure_id`,
		structureIDs)
	for _, sc := range list {
		out[sc.StructureID] = append(out[sc.StructureID], sc)
	}
	return out, err
}

// ReplaceSchedules deletes the schedules of a structure and writes the given ones (ids generated here).
func (s *Store) ReplaceSchedules(ctx context.Context, structureID string, list []Schedule) ([]Schedule, error) {
	out, err := s.ReplaceMany(ctx, map[string][]Schedule{structureID: list})
	return out[structureID], err
}

// ReplaceMany replaces the schedules of several structures in a bounded number of statements (one delete, then
// batched inserts of schedules, slots and named agents). Named agents must exist.
func (s *Store) ReplaceMany(ctx context.Context, byStructure map[string][]Schedule) (map[string][]Schedule, error) {
	if len(byStructure) == 0 {
		return byStructure, nil
	}
	conn := db.Conn(ctx, s.DB)
	ids := make([]string, 0, len(byStructure))
	for id := range byStructure {
		ids = append(ids, id)
	}
	if err := conn.Exec(`DELETE FROM schedules WHERE structure_id IN ? AND owner_kind <> 'permanence'`, ids).Error; err != nil {
		return nil, err
	}
	var heads, slots, agents []string
	var headArgs, slotArgs, agentArgs []any
	for structureID, list := range byStructure {
		for i := range list {
			sc := &list[i]
			sc.ID, sc.StructureID = uuid.NewString(), structureID
			heads = append(heads, `(?, ?, ?, ?, ?, ?, ?, CAST(? AS date), CAST(? AS date), ?, ?)`)
			headArgs = append(headArgs, sc.ID, structureID, i, sc.OwnerKind, sc.OwnerID, sc.Channel, sc.Kind,
				nullable(sc.ValidFrom), nullable(sc.ValidTo), sc.Priority, sc.Status)
			for j, sl := range sc.Slots {
				id := uuid.NewString()
				slots = append(slots, `(?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS date), CAST(? AS uuid), ?, ?)`)
				slotArgs = append(slotArgs, id, sc.ID, j, sl.Weekday, sl.Start, sl.End, sl.WeekRule, sl.WeekInterval,
					nullable(sl.WeekAnchor), nullable(sl.StopID), sl.PlannedAgents, sl.Access)
				for k, a := range sl.AgentIDs {
					agents = append(agents, `(?, ?, ?)`)
					agentArgs = append(agentArgs, id, a, k)
				}
			}
		}
	}
	for _, batch := range []struct {
		head string
		rows []string
		args []any
		per  int
	}{
		{`INSERT INTO schedules (id, structure_id, position, owner_kind, owner_id, channel, kind, valid_from, valid_to, priority, status) VALUES `, heads, headArgs, 11},
		{`INSERT INTO schedule_slots (id, schedule_id, position, weekday, start_minute, end_minute, week_rule, week_interval, week_anchor, stop_id, planned_agents, access) VALUES `, slots, slotArgs, 12},
		{`INSERT INTO schedule_slot_agents (slot_id, agent_id, position) VALUES `, agents, agentArgs, 3},
	} {
		const rowsPerStatement = 2000 // at most 24,000 parameters (PostgreSQL allows 65,535)
		for start := 0; start < len(batch.rows); start += rowsPerStatement {
			end := min(start+rowsPerStatement, len(batch.rows))
			if err := conn.Exec(batch.head+strings.Join(batch.rows[start:end], ", "),
				batch.args[start*batch.per:end*batch.per]...).Error; err != nil {
				return nil, err
			}
		}
	}
	return byStructure, nil
}

// MarkImported moves on the hours version of structures whose hours come from the ANCT file, in one statement;
// hours a person edited (source maillage) are left alone.
func (s *Store) MarkImported(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	rows := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		rows[i], args[i] = `(CAST(? AS uuid), 'import')`, id
	}
	return db.Conn(ctx, s.DB).Exec(`INSERT INTO structure_hours (structure_id, source) VALUES `+strings.Join(rows, ", ")+
		` ON CONFLICT (structure_id) DO UPDATE SET version = structure_hours.version + 1, updated_at = now()
		WHERE structure_hours.source = 'import'`, args...).Error
}

// Sources tells, for the structures, which have hours written by the import and which by a person.
func (s *Store) Sources(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ StructureID, Source string }
	err := db.Conn(ctx, s.DB).Raw(`SELECT structure_id, source FROM structure_hours WHERE structure_id IN ?`, ids).Scan(&rows).Error
	for _, r := range rows {
		out[r.StructureID] = r.Source
	}
	return out, err
}

type exceptionRow struct {
	ID, StructureID, OwnerKind, OwnerID, DateFrom, DateTo, Type, Reason, PublicMessage string
	Slots                                                                              []byte
	Version                                                                            int
}

func (r exceptionRow) exception() (Exception, error) {
	e := Exception{ID: r.ID, StructureID: r.StructureID, OwnerKind: r.OwnerKind, OwnerID: r.OwnerID, From: r.DateFrom,
		To: r.DateTo, Type: r.Type, Reason: r.Reason, PublicMessage: r.PublicMessage, Version: r.Version}
	if len(r.Slots) > 0 {
		if err := json.Unmarshal(r.Slots, &e.Slots); err != nil {
			return e, err
		}
	}
	return e, nil
}

const exceptionColumns = `id, structure_id, owner_kind, owner_id, to_char(date_from, 'YYYY-MM-DD') AS date_from,
	to_char(date_to, 'YYYY-MM-DD') AS date_to, type, reason, public_message, slots, version`

// Exceptions returns the exceptions of the structures that end on or after from ("" = all), by start date.
func (s *Store) Exceptions(ctx context.Context, structureIDs []string, from string) (map[string][]Exception, error) {
	out := map[string][]Exception{}
	if len(structureIDs) == 0 {
		return out, nil
	}
	q := db.Conn(ctx, s.DB).Table("schedule_exceptions").Select(exceptionColumns).Where("structure_id IN ?", structureIDs)
	if from != "" {
		q = q.Where("date_to >= CAST(? AS date)", from)
	}
	var rows []exceptionRow
	if err := q.Order("date_from, id").Scan(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		e, err := r.exception()
		if err != nil {
			return nil, err
		}
		out[e.StructureID] = append(out[e.StructureID], e)
	}
	return out, nil
}

// ErrExceptionNotFound is the 404 of an exception absent from the structure.
var ErrExceptionNotFound = apperr.NotFound("exception.not_found", "Cette exception n’existe pas.")

// Exception returns one exception of a structure.
func (s *Store) Exception(ctx context.Context, structureID, id string) (Exception, error) {
	if uuid.Validate(id) != nil {
		return Exception{}, ErrExceptionNotFound
	}
	var rows []exceptionRow
	if err := db.Conn(ctx, s.DB).Table("schedule_exceptions").Select(exceptionColumns).
		Where("structure_id = ? AND id = ?", structureID, id).Scan(&rows).Error; err != nil {
		return Exception{}, err
	}
	if len(rows) == 0 {
		return Exception{}, ErrExceptionNotFound
	}
	return rows[0].exception()
}

// SaveException inserts (ID "") or updates (at the expected version) an exception.
func (s *Store) SaveException(ctx context.Context, e Exception, expected int) (Exception, error) {
	slots, err := json.Marshal(nonNilSlots(e.Slots))
	if err != nil {
		return Exception{}, err
	}
	conn := db.Conn(ctx, s.DB)
	if e.ID == "" {
		e.ID = uuid.NewString()
		err = conn.Exec(`INSERT INTO schedule_exceptions (id, structure_id, owner_kind, owner_id, date_from, date_to, type,
			reason, public_message, slots) VALUES (?, ?, ?, ?, CAST(? AS date), CAST(? AS date), ?, ?, ?, CAST(? AS jsonb))`,
			e.ID, e.StructureID, e.OwnerKind, e.OwnerID, e.From, e.To, e.Type, e.Reason, e.PublicMessage, string(slots)).Error
	} else {
		res := conn.Exec(`UPDATE schedule_exceptions SET owner_kind = ?, owner_id = ?, date_from = CAST(? AS date),
			date_to = CAST(? AS date), type = ?, reason = ?, public_message = ?, slots = CAST(? AS jsonb), updated_at = now(),
			version = version + 1 WHERE id = ? AND structure_id = ? AND version = ?`,
			e.OwnerKind, e.OwnerID, e.From, e.To, e.Type, e.Reason, e.PublicMessage, string(slots), e.ID, e.StructureID, expected)
		err = res.Error
		if err == nil && res.RowsAffected == 0 {
			return Exception{}, staleObject()
		}
	}
	if err != nil {
		return Exception{}, err
	}
	return s.Exception(ctx, e.StructureID, e.ID)
}

// DeleteException removes an exception at the expected version.
func (s *Store) DeleteException(ctx context.Context, structureID, id string, expected int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM schedule_exceptions WHERE id = ? AND structure_id = ? AND version = ?`,
		id, structureID, expected)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return staleObject()
	}
	return nil
}

func nonNilSlots(s []Slot) []Slot {
	if s == nil {
		return []Slot{}
	}
	return s
}

func staleObject() error {
	return apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch",
		"La ressource a été modifiée depuis votre lecture : rechargez-la puis recommencez.")
}

// RecordEvaluations writes evaluations in one statement.
func (s *Store) RecordEvaluations(ctx context.Context, list []Evaluation) error {
	if len(list) == 0 {
		return nil
	}
	rows := make([]string, len(list))
	args := make([]any, 0, 6*len(list))
	for i, e := range list {
		rows[i] = `(?, ?, ?, ?, ?, CAST(? AS jsonb))`
		args = append(args, e.StructureID, e.Departement, e.RuleSet, e.Status, e.Cause, string(e.Report))
	}
	return db.Conn(ctx, s.DB).Exec(`INSERT INTO compliance_evaluations (structure_id, departement_code, rule_set, status,
		cause, report) VALUES `+strings.Join(rows, ", "), args...).Error
}

// Evaluations lists the recorded evaluations of a structure, newest first (at most limit).
func (s *Store) Evaluations(ctx context.Context, structureID string, limit int) ([]Evaluation, error) {
	var rows []struct {
		ID, StructureID, DepartementCode string
		EvaluatedAt                      time.Time
		RuleSet, Status, Cause           string
		Report                           []byte
	}
	if err := db.Conn(ctx, s.DB).Raw(`SELECT id, structure_id, departement_code, evaluated_at, rule_set, status, cause, report
		FROM compliance_evaluations WHERE structure_id = ? ORDER BY evaluated_at DESC, id LIMIT ?`, structureID, limit).
		Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Evaluation, len(rows))
	for i, r := range rows {
		out[i] = Evaluation{ID: r.ID, StructureID: r.StructureID, Departement: r.DepartementCode, EvaluatedAt: r.EvaluatedAt,
			RuleSet: r.RuleSet, Status: r.Status, Cause: r.Cause, Report: r.Report}
	}
	return out, nil
}

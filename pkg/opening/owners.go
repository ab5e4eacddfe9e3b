package opening

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"maillage/pkg/db"
)

// The hours of one owner inside a structure (a partner's permanence, ADR 0008): read and replaced by owner, never
// touching the structure's other schedules. Permanence slots name no agents of the structure.

// OwnerSchedules returns the schedules of the owners of one kind, keyed by owner id, slots included (one statement
// whatever the number of owners).
func (s *Store) OwnerSchedules(ctx context.Context, ownerKind string, ownerIDs []string) (map[string][]Schedule, error) {
	out := map[string][]Schedule{}
	if len(ownerIDs) == 0 {
		return out, nil
	}
	list, err := s.readSchedules(ctx, `sc.owner_kind = $1 AND sc.owner_id = ANY($2)`, `sc.owner_id`, ownerKind, ownerIDs)
	for _, sc := range list {
		out[sc.OwnerID] = append(out[sc.OwnerID], sc)
	}
	return out, err
}

// ReplaceOwnerSchedules deletes the schedules of one owner and writes the given ones (ids generated here) at the
// structure; the structure's other schedules are left alone.
func (s *Store) ReplaceOwnerSchedules(ctx context.Context, structureID, ownerKind, ownerID string, list []Schedule) ([]Schedule, error) {
	conn := db.Conn(ctx, s.DB)
	if err := conn.Exec(`DELETE FROM schedules WHERE owner_kind = ? AND owner_id = ?`, ownerKind, ownerID).Error; err != nil {
		return nil, err
	}
	var heads, slots []string
	var headArgs, slotArgs []any
	for i := range list {
		sc := &list[i]
		sc.ID, sc.StructureID, sc.OwnerKind, sc.OwnerID = uuid.NewString(), structureID, ownerKind, ownerID
		heads = append(heads, `(?, ?, ?, ?, ?, ?, ?, CAST(? AS date), CAST(? AS date), ?, ?)`)
		headArgs = append(headArgs, sc.ID, structureID, i, ownerKind, ownerID, sc.Channel, sc.Kind,
			nullable(sc.ValidFrom), nullable(sc.ValidTo), sc.Priority, sc.Status)
		for j, sl := range sc.Slots {
			slots = append(slots, `(?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS date), CAST(? AS uuid), ?, ?)`)
			slotArgs = append(slotArgs, uuid.NewString(), sc.ID, j, sl.Weekday, sl.Start, sl.End, sl.WeekRule,
				sl.WeekInterval, nullable(sl.WeekAnchor), nullable(sl.StopID), sl.PlannedAgents, sl.Access)
		}
	}
	if len(heads) > 0 {
		if err := conn.Exec(`INSERT INTO schedules (id, structure_id, position, owner_kind, owner_id, channel, kind,
			valid_from, valid_to, priority, status) VALUES `+strings.Join(heads, ", "), headArgs...).Error; err != nil {
			return nil, err
		}
	}
	if len(slots) > 0 {
		if err := conn.Exec(`INSERT INTO schedule_slots (id, schedule_id, position, weekday, start_minute, end_minute,
			week_rule, week_interval, week_anchor, stop_id, planned_agents, access) VALUES `+strings.Join(slots, ", "),
			slotArgs...).Error; err != nil {
			return nil, err
		}
	}
	return list, nil
}

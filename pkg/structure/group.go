package structure

import (
	"context"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// IDFSIndex maps every ANCT number (current or past) of the départements' structures to the structure's id.
func (s *Store) IDFSIndex(ctx context.Context, deps []string) (map[string]string, error) {
	var rows []struct {
		IDFS        string `gorm:"column:id_fs"`
		StructureID string `gorm:"column:structure_id"`
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT h.id_fs, h.structure_id FROM structure_id_history h
		JOIN structures s ON s.id = h.structure_id WHERE s.departement_code IN ?
		ORDER BY h.to_at IS NULL`, deps).Scan(&rows).Error
	out := make(map[string]string, len(rows))
	for _, r := range rows { // current numbers come last and win
		out[r.IDFS] = r.StructureID
	}
	return out, err
}

// GroupNames maps the groups of the départements to their names.
func (s *Store) GroupNames(ctx context.Context, deps []string) (map[string]string, error) {
	var rows []struct{ ID, Name string }
	err := db.Conn(ctx, s.DB).Raw(`SELECT id, name FROM structure_groups WHERE departement_code IN ?`, deps).Scan(&rows).Error
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, err
}

// EnsureGroup returns the id of the département's group of that name, creating it if needed.
func (s *Store) EnsureGroup(ctx context.Context, dep, name, leadID string) (string, error) {
	var id string
	err := db.Conn(ctx, s.DB).Raw(`INSERT INTO structure_groups (departement_code, name, lead_id)
		VALUES (?, ?, NULLIF(?, '')::uuid)
		ON CONFLICT (departement_code, lower(name)) DO UPDATE SET
			lead_id = COALESCE(EXCLUDED.lead_id, structure_groups.lead_id)
		RETURNING id`, dep, name, leadID).Scan(&id).Error
	return id, err
}

// SetMembership puts a structure in a group, with its main site when it is an antenna; it reports whether
// anything changed (so a re-import is a no-op).
func (s *Store) SetMembership(ctx context.Context, id string, groupID, parentID *string) (bool, error) {
	res := db.Conn(ctx, s.DB).Exec(`UPDATE structures SET group_id = ?,
		parent_id = CASE WHEN format = 'antenne' THEN ?::uuid ELSE NULL END,
		updated_at = now(), version = version + 1
		WHERE id = ? AND (group_id IS DISTINCT FROM ?::uuid
			OR (format = 'antenne' AND parent_id IS DISTINCT FROM ?::uuid))`,
		groupID, parentID, id, groupID, parentID)
	return res.RowsAffected > 0, res.Error
}

// GroupDepartement returns the département of a group ("" when there is no such group).
func (s *Store) GroupDepartement(ctx context.Context, id string) (string, error) {
	if !db.IsUUID(id) {
		return "", nil
	}
	var deps []string
	err := db.Conn(ctx, s.DB).Raw(`SELECT departement_code FROM structure_groups WHERE id = ?`, id).Scan(&deps).Error
	if err != nil || len(deps) == 0 {
		return "", err
	}
	return deps[0], nil
}

// Groups lists the groups of the actor's territory (optionally one département), with their members.
func (s *Store) Groups(ctx context.Context, a auth.Actor, dep, id string) ([]Group, error) {
	q := db.Conn(ctx, s.DB).Table("structure_groups g").
		Select(`g.id, g.departement_code AS departement, g.name, g.lead_id, g.version,
			coalesce((SELECT array_agg(s.id::text ORDER BY s.name) FROM structures s WHERE s.group_id = g.id), '{}') AS member_ids`)
	if deps, limited := a.DepartementFilter(); limited {
		q = q.Where("g.departement_code IN ?", deps)
	}
	if dep != "" {
		q = q.Where("g.departement_code = ?", dep)
	}
	if id != "" {
		if !db.IsUUID(id) {
			return nil, nil
		}
		q = q.Where("g.id = ?", id)
	}
	var rows []struct {
		ID, Departement, Name string
		LeadID                *string
		Version               int
		MemberIDs             db.TextArray
	}
	if err := q.Order("g.name").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Group, len(rows))
	for i, r := range rows {
		out[i] = Group{ID: r.ID, Departement: r.Departement, Name: r.Name, LeadID: r.LeadID, MemberIDs: r.MemberIDs, Version: r.Version}
	}
	return out, nil
}

// InsertGroup creates a group.
func (s *Store) InsertGroup(ctx context.Context, g Group) (string, error) {
	var id string
	err := db.Conn(ctx, s.DB).Raw(`INSERT INTO structure_groups (departement_code, name, lead_id) VALUES (?, ?, ?)
		RETURNING id`, g.Departement, g.Name, g.LeadID).Scan(&id).Error
	return id, groupNameTaken(err)
}

// UpdateGroup renames a group and sets its lead at the expected version.
func (s *Store) UpdateGroup(ctx context.Context, g Group, version int) error {
	res := db.Conn(ctx, s.DB).Exec(`UPDATE structure_groups SET name = ?, lead_id = ?, updated_at = now(),
		version = version + 1 WHERE id = ? AND version = ?`, g.Name, g.LeadID, g.ID, version)
	if res.Error != nil {
		return groupNameTaken(res.Error)
	}
	if res.RowsAffected == 0 {
		return stale()
	}
	return nil
}

// SetMembers makes exactly these structures the members of the group.
func (s *Store) SetMembers(ctx context.Context, groupID string, members []string) error {
	conn := db.Conn(ctx, s.DB)
	if err := conn.Exec(`UPDATE structures SET group_id = NULL, version = version + 1, updated_at = now()
		WHERE group_id = ? AND NOT (id::text = ANY(?))`, groupID, db.TextArray(members)).Error; err != nil {
		return err
	}
	return conn.Exec(`UPDATE structures SET group_id = ?, version = version + 1, updated_at = now()
		WHERE id::text = ANY(?) AND group_id IS DISTINCT FROM ?::uuid`, groupID, db.TextArray(members), groupID).Error
}

// DeleteGroup removes a group (its members stay, ungrouped) at the expected version.
func (s *Store) DeleteGroup(ctx context.Context, id string, version int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM structure_groups WHERE id = ? AND version = ?`, id, version)
	if res.Error == nil && res.RowsAffected == 0 {
		return stale()
	}
	return res.Error
}

func groupNameTaken(err error) error {
	if db.IsUniqueViolation(err, "structure_groups_name_key") {
		return apperr.Invalid("group.name_taken", "name", "Un groupe de ce nom existe déjà dans le département.")
	}
	return err
}

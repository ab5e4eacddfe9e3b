package structure

import (
	"context"

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

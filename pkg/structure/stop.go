package structure

import (
	"context"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

const stopColumns = `id, structure_id, position, label, address, commune_code, latitude, longitude, version`

// Stops lists the stops of a structure in their order.
func (s *Store) Stops(ctx context.Context, structureID string) ([]Stop, error) {
	var out []Stop
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+stopColumns+` FROM structure_stops WHERE structure_id = ?
		ORDER BY position, id`, structureID).Scan(&out).Error
	if out == nil {
		out = []Stop{}
	}
	return out, err
}

// Stop returns one stop of a structure.
func (s *Store) Stop(ctx context.Context, structureID, id string) (Stop, error) {
	if !isUUID(id) {
		return Stop{}, errStopNotFound
	}
	var out []Stop
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+stopColumns+` FROM structure_stops WHERE structure_id = ? AND id = ?`,
		structureID, id).Scan(&out).Error
	if err != nil {
		return Stop{}, err
	}
	if len(out) == 0 {
		return Stop{}, errStopNotFound
	}
	return out[0], nil
}

var errStopNotFound = apperr.NotFound("stop.not_found", "Cet arrêt n’existe pas.")

// InsertStop adds a stop; position 0 puts it last.
func (s *Store) InsertStop(ctx context.Context, st Stop) (Stop, error) {
	var id string
	err := db.Conn(ctx, s.DB).Raw(`INSERT INTO structure_stops (structure_id, position, label, address, commune_code,
		latitude, longitude) VALUES (?, CASE WHEN ? > 0 THEN ? ELSE
			(SELECT coalesce(max(position), 0) + 1 FROM structure_stops WHERE structure_id = ?) END, ?, ?, ?, ?, ?)
		RETURNING id`, st.StructureID, st.Position, st.Position, st.StructureID, st.Label, st.Address, st.CommuneCode,
		st.Latitude, st.Longitude).Scan(&id).Error
	if err != nil {
		return Stop{}, positionTaken(err)
	}
	return s.Stop(ctx, st.StructureID, id)
}

// UpdateStop writes a stop at the expected version.
func (s *Store) UpdateStop(ctx context.Context, st Stop, version int) (Stop, error) {
	res := db.Conn(ctx, s.DB).Exec(`UPDATE structure_stops SET position = ?, label = ?, address = ?, commune_code = ?,
		latitude = ?, longitude = ?, updated_at = now(), version = version + 1
		WHERE id = ? AND structure_id = ? AND version = ?`, st.Position, st.Label, st.Address, st.CommuneCode,
		st.Latitude, st.Longitude, st.ID, st.StructureID, version)
	if res.Error != nil {
		return Stop{}, positionTaken(res.Error)
	}
	if res.RowsAffected == 0 {
		return Stop{}, stale()
	}
	return s.Stop(ctx, st.StructureID, st.ID)
}

// DeleteStop removes a stop at the expected version.
func (s *Store) DeleteStop(ctx context.Context, structureID, id string, version int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM structure_stops WHERE id = ? AND structure_id = ? AND version = ?`,
		id, structureID, version)
	if res.Error == nil && res.RowsAffected == 0 {
		return stale()
	}
	return res.Error
}

func positionTaken(err error) error {
	if db.IsUniqueViolation(err, "") {
		return apperr.Invalid("stop.position_taken", "position", "Un autre arrêt occupe déjà cette position.")
	}
	return err
}

package structure

import (
	"context"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

const stopColumns = `st.id, st.structure_id, st.position, st.label, st.address, st.commune_code,
	coalesce(c.name, '') AS commune_name, st.latitude, st.longitude, st.version`

const stopFrom = ` FROM structure_stops st LEFT JOIN communes c ON c.code_insee = st.commune_code `

// Stops lists the stops of a structure in their order.
func (s *Store) Stops(ctx context.Context, structureID string) ([]Stop, error) {
	var out []Stop
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+stopColumns+stopFrom+`WHERE st.structure_id = ?
		ORDER BY st.position, st.id`, structureID).Scan(&out).Error
	if out == nil {
		out = []Stop{}
	}
	return out, err
}

// Stop returns one stop of a structure.
func (s *Store) Stop(ctx context.Context, structureID, id string) (Stop, error) {
	if !db.IsUUID(id) {
		return Stop{}, errStopNotFound
	}
	var out []Stop
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+stopColumns+stopFrom+`WHERE st.structure_id = ? AND st.id = ?`,
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

// InsertStop adds a stop at its position (1 = first), shifting the following stops down; position 0 or past the
// end puts it last. Positions stay 1..n without gaps. It must run in a transaction: the uniqueness of positions
// is checked at commit, so the shift may pass through duplicates.
func (s *Store) InsertStop(ctx context.Context, st Stop) (Stop, error) {
	conn := db.Conn(ctx, s.DB)
	count, err := s.stopCount(ctx, st.StructureID)
	if err != nil {
		return Stop{}, err
	}
	if st.Position < 1 || st.Position > count+1 {
		st.Position = count + 1
	}
	if err := conn.Exec(`UPDATE structure_stops SET position = position + 1 WHERE structure_id = ? AND position >= ?`,
		st.StructureID, st.Position).Error; err != nil {
		return Stop{}, err
	}
	var id string
	err = conn.Raw(`INSERT INTO structure_stops (structure_id, position, label, address, commune_code, latitude, longitude)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, st.StructureID, st.Position, st.Label, st.Address, st.CommuneCode,
		st.Latitude, st.Longitude).Scan(&id).Error
	if err != nil {
		return Stop{}, err
	}
	return s.Stop(ctx, st.StructureID, id)
}

// UpdateStop writes a stop at the expected version; a new position moves it there and shifts the stops between.
// Like InsertStop, it must run in a transaction.
func (s *Store) UpdateStop(ctx context.Context, st Stop, version int) (Stop, error) {
	conn := db.Conn(ctx, s.DB)
	current, err := s.Stop(ctx, st.StructureID, st.ID)
	if err != nil {
		return Stop{}, err
	}
	if current.Version != version {
		return Stop{}, stale()
	}
	count, err := s.stopCount(ctx, st.StructureID)
	if err != nil {
		return Stop{}, err
	}
	st.Position = max(1, min(st.Position, count))
	if st.Position != current.Position {
		lo, hi, delta := st.Position, current.Position-1, 1 // moving up: the stops in between go down one
		if st.Position > current.Position {
			lo, hi, delta = current.Position+1, st.Position, -1
		}
		if err := conn.Exec(`UPDATE structure_stops SET position = position + ? WHERE structure_id = ? AND position BETWEEN ? AND ?`,
			delta, st.StructureID, lo, hi).Error; err != nil {
			return Stop{}, err
		}
	}
	res := conn.Exec(`UPDATE structure_stops SET position = ?, label = ?, address = ?, commune_code = ?,
		latitude = ?, longitude = ?, updated_at = now(), version = version + 1
		WHERE id = ? AND structure_id = ? AND version = ?`, st.Position, st.Label, st.Address, st.CommuneCode,
		st.Latitude, st.Longitude, st.ID, st.StructureID, version)
	if res.Error != nil {
		return Stop{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Stop{}, stale()
	}
	return s.Stop(ctx, st.StructureID, st.ID)
}

// DeleteStop removes a stop at the expected version and closes the gap in the positions.
func (s *Store) DeleteStop(ctx context.Context, structureID, id string, version int) error {
	conn := db.Conn(ctx, s.DB)
	var positions []int
	if err := conn.Raw(`DELETE FROM structure_stops WHERE id = ? AND structure_id = ? AND version = ? RETURNING position`,
		id, structureID, version).Scan(&positions).Error; err != nil {
		return err
	}
	if len(positions) == 0 {
		return stale()
	}
	return conn.Exec(`UPDATE structure_stops SET position = position - 1 WHERE structure_id = ? AND position > ?`,
		structureID, positions[0]).Error
}

func (s *Store) stopCount(ctx context.Context, structureID string) (int, error) {
	var n int
	err := db.Conn(ctx, s.DB).Raw(`SELECT count(*) FROM structure_stops WHERE structure_id = ?`, structureID).Scan(&n).Error
	return n, err
}

package partner

import (
	"context"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// ErrOperatorNotFound is the 404 of an unknown operator code.
var ErrOperatorNotFound = apperr.NotFound("operator.not_found", "Cet opérateur national n’existe pas.")

// ErrStaleOperator is the 412 of an operator changed since it was read.
var ErrStaleOperator = stale("L’opérateur a été modifié depuis votre lecture : rechargez-le puis recommencez.")

// Operators returns every operator with its names, by code (two statements).
func (s *Store) Operators(ctx context.Context) ([]Operator, error) {
	conn := db.Conn(ctx, s.DB)
	var rows []struct {
		Code               string
		SocleFrom, SocleTo *string
		Version            int
	}
	if err := conn.Raw(`SELECT code, to_char(socle_from, 'YYYY-MM-DD') AS socle_from,
		to_char(socle_to, 'YYYY-MM-DD') AS socle_to, version FROM operators ORDER BY code`).Scan(&rows).Error; err != nil {
		return nil, err
	}
	var names []struct {
		OperatorCode, ValidFrom, Name, ShortName string
	}
	if err := conn.Raw(`SELECT operator_code, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, name, short_name
		FROM operator_names ORDER BY operator_code, valid_from`).Scan(&names).Error; err != nil {
		return nil, err
	}
	byCode := map[string][]Name{}
	for _, n := range names {
		byCode[n.OperatorCode] = append(byCode[n.OperatorCode], Name{From: n.ValidFrom, Name: n.Name, ShortName: n.ShortName})
	}
	out := make([]Operator, len(rows))
	for i, r := range rows {
		out[i] = Operator{Code: r.Code, SocleFrom: deref(r.SocleFrom), SocleTo: deref(r.SocleTo), Version: r.Version,
			Names: withDerivedEnds(byCode[r.Code], dayBefore)}
	}
	return out, nil
}

// Operator returns one operator.
func (s *Store) Operator(ctx context.Context, code string) (Operator, error) {
	all, err := s.Operators(ctx)
	if err != nil {
		return Operator{}, err
	}
	for _, o := range all {
		if o.Code == code {
			return o, nil
		}
	}
	return Operator{}, ErrOperatorNotFound
}

// InsertOperator creates an operator with its first name.
func (s *Store) InsertOperator(ctx context.Context, o Operator) error {
	conn := db.Conn(ctx, s.DB)
	err := conn.Exec(`INSERT INTO operators (code, socle_from, socle_to) VALUES (?, CAST(? AS date), CAST(? AS date))`,
		o.Code, nullable(o.SocleFrom), nullable(o.SocleTo)).Error
	if db.IsUniqueViolation(err, "operators_pkey") {
		return apperr.Invalid("operator.code_taken", "code", "Ce code d’opérateur est déjà utilisé.")
	}
	if err != nil {
		return err
	}
	for _, n := range o.Names {
		if err := s.SetOperatorName(ctx, o.Code, n); err != nil {
			return err
		}
	}
	return nil
}

// SetOperatorName records the name in force from n.From (a rename: earlier names stay as they were).
func (s *Store) SetOperatorName(ctx context.Context, code string, n Name) error {
	return db.Conn(ctx, s.DB).Exec(`INSERT INTO operator_names (operator_code, valid_from, name, short_name)
		VALUES (?, CAST(? AS date), ?, ?) ON CONFLICT (operator_code, valid_from)
		DO UPDATE SET name = EXCLUDED.name, short_name = EXCLUDED.short_name`, code, n.From, n.Name, n.ShortName).Error
}

// UpdateOperator writes the socle period at the expected version and moves the version on.
func (s *Store) UpdateOperator(ctx context.Context, o Operator, version int) error {
	res := db.Conn(ctx, s.DB).Exec(`UPDATE operators SET socle_from = CAST(? AS date), socle_to = CAST(? AS date),
		updated_at = now(), version = version + 1 WHERE code = ? AND version = ?`,
		nullable(o.SocleFrom), nullable(o.SocleTo), o.Code, version)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStaleOperator
	}
	return nil
}

// dayBefore is the civil day before an ISO date.
func dayBefore(d string) string {
	t, err := time.Parse(DateLayout, d)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, -1).Format(DateLayout)
}

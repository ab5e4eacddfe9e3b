package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/anct"
	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
)

// Service runs the registry's use cases.
type Service struct {
	DB         *gorm.DB
	Structures *structure.Store
	Territory  *territory.Store
	Now        func() time.Time
	// Hours, when set, turns the imported day columns into schedules (the compliance use case, ADR 0006), in the
	// import's transaction.
	Hours HoursImporter
}

// HoursImporter receives every structure of an applied import (created, updated, unchanged) with its day columns.
type HoursImporter interface {
	ImportHours(ctx context.Context, list []structure.Structure) error
}

// Report is what an import did (or, in a dry run, would do).
type Report struct {
	ID        string
	Applied   bool
	FileName  string
	SHA256    string
	Encoding  string
	Delimiter string
	Rows      int
	Plan      Plan
	Duration  time.Duration
}

// ImportANCT reads the national list, plans the changes and, when apply is true, makes them in one transaction.
// Rows outside the actor's départements are rejected, never applied.
func (s *Service) ImportANCT(ctx context.Context, actor auth.Actor, fileName string, data []byte, apply bool) (Report, error) {
	start := time.Now()
	sum := sha256.Sum256(data)
	file, readProblems, err := anct.Read(data)
	if err != nil {
		if errors.Is(err, anct.ErrNotANCT) {
			return Report{}, apperr.Invalid("import.not_anct_file", "file",
				"Ce fichier n’est pas la liste nationale ANCT : "+strings.TrimPrefix(err.Error(), anct.ErrNotANCT.Error()+": ")+".")
		}
		return Report{}, apperr.Invalid("import.unreadable", "file", "Fichier illisible : "+err.Error())
	}
	records := make([]anct.Record, len(file.Rows))
	for i, row := range file.Rows {
		records[i] = anct.Interpret(row)
	}
	attachReadProblems(records, readProblems)
	rep := Report{Applied: apply, FileName: fileName, SHA256: hex.EncodeToString(sum[:]), Encoding: file.Encoding,
		Delimiter: string(file.Delimiter), Rows: len(records)}
	actorCtx := auth.WithActor(ctx, actor)
	err = db.WithTx(actorCtx, s.DB, func(ctx context.Context) error {
		st, err := s.loadState(ctx, actor, records)
		if err != nil {
			return err
		}
		rep.Plan = plan(records, st)
		if apply {
			if err := s.apply(ctx, rep.Plan); err != nil {
				return err
			}
		}
		rep.ID, err = s.recordRun(ctx, actor, rep)
		return err
	})
	rep.Duration = time.Since(start)
	return rep, err
}

// attachReadProblems gives each record the problems the CSV reader found on its line.
func attachReadProblems(records []anct.Record, problems []anct.Problem) {
	byLine := map[int][]anct.Problem{}
	for _, p := range problems {
		byLine[p.Line] = append(byLine[p.Line], p)
	}
	for i := range records {
		records[i].Problems = append(byLine[records[i].Line()], records[i].Problems...)
	}
}

func (s *Service) loadState(ctx context.Context, actor auth.Actor, records []anct.Record) (state, error) {
	deps, err := s.Territory.Departements(ctx)
	if err != nil {
		return state{}, err
	}
	st := state{known: map[string]bool{}, communes: map[string]territory.Commune{}, byName: map[string][]territory.Commune{},
		byIDFS: map[string]structure.Structure{}}
	st.allowed = func(dep string) bool { return actor.CanSeeDepartement(dep) }
	for _, d := range deps {
		st.known[d.Code] = true
	}
	var involved []string
	for _, r := range records {
		if st.known[r.Departement] && st.allowed(r.Departement) && !slices.Contains(involved, r.Departement) {
			involved = append(involved, r.Departement)
		}
	}
	if len(involved) == 0 {
		return st, nil
	}
	communes, err := s.Territory.CommunesOf(ctx, involved)
	if err != nil {
		return st, err
	}
	for _, c := range communes {
		st.communes[c.CodeINSEE] = c
		key := c.DepartementCode + "|" + normalise(c.Name)
		st.byName[key] = append(st.byName[key], c)
	}
	existing, _, err := s.Structures.List(ctx, auth.System, structure.Filter{Departements: involved}, "", 0)
	if err != nil {
		return st, err
	}
	byID := map[string]structure.Structure{}
	for _, e := range existing {
		byID[e.ID] = e
		if e.IDFS != nil && strings.HasPrefix(*e.IDFS, "temp_") {
			st.temporary = append(st.temporary, e)
		}
	}
	index, err := s.Structures.IDFSIndex(ctx, involved)
	if err != nil {
		return st, err
	}
	for idfs, id := range index {
		st.byIDFS[idfs] = byID[id]
	}
	st.groups, err = s.Structures.GroupNames(ctx, involved)
	return st, err
}

func (s *Service) apply(ctx context.Context, p Plan) error {
	ids := map[int]string{} // line → structure id, for group membership
	desired := make([]structure.Structure, len(p.Creates))
	for i, c := range p.Creates {
		desired[i] = c.Structure
	}
	created, err := s.Structures.InsertMany(ctx, desired)
	if err != nil {
		return err
	}
	entries := make([]audit.Entry, 0, len(created)+len(p.Updates))
	for i, c := range created {
		ids[p.Creates[i].Line] = c.ID
		entries = append(entries, audit.Entry{Action: "structure.import_create", ObjectType: "structure",
			ObjectID: c.ID, Departements: []string{c.Departement}, After: structureView(&c)})
	}
	for _, u := range p.Updates {
		updated, err := s.Structures.Update(ctx, u.Structure, u.Before.Version)
		if err != nil {
			return fmt.Errorf("line %d: %w", u.Line, err)
		}
		ids[u.Line] = updated.ID
		entries = append(entries, audit.Entry{Action: "structure.import_update", ObjectType: "structure",
			ObjectID: updated.ID, Departements: []string{updated.Departement}, Before: structureView(u.Before), After: structureView(&updated)})
	}
	if err := audit.RecordAll(ctx, s.DB, entries); err != nil {
		return err
	}
	for _, u := range p.Unchanged {
		ids[u.Line] = u.Structure.ID
	}
	if err := s.applyGroups(ctx, p, ids); err != nil {
		return err
	}
	if s.Hours == nil {
		return nil
	}
	all := slices.Clone(created)
	for _, u := range p.Updates {
		all = append(all, u.Structure)
	}
	for _, u := range p.Unchanged {
		all = append(all, u.Structure)
	}
	return s.Hours.ImportHours(ctx, all)
}

// applyGroups turns the file's `groupe` column into multi-site groups: members share the value; the only main
// site among them leads the group and is the parent of its antennas.
func (s *Service) applyGroups(ctx context.Context, p Plan, ids map[int]string) error {
	type member struct {
		id     string
		format structure.Format
	}
	groups := map[string][]member{} // département|name → members
	names := map[string]string{}
	for _, list := range [][]Planned{p.Creates, p.Updates, p.Unchanged} {
		for _, pl := range list {
			if pl.GroupName == "" {
				continue
			}
			key := pl.Structure.Departement + "|" + normalise(pl.GroupName)
			groups[key] = append(groups[key], member{ids[pl.Line], pl.Structure.Format})
			names[key] = pl.GroupName
		}
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		members := groups[key]
		var lead string
		sites := 0
		for _, m := range members {
			if m.format == structure.FormatSite {
				lead = m.id
				sites++
			}
		}
		if sites != 1 {
			lead = "" // no main site, or several: a multi-site group without a single lead
		}
		dep := strings.SplitN(key, "|", 2)[0]
		groupID, err := s.Structures.EnsureGroup(ctx, dep, names[key], lead)
		if err != nil {
			return err
		}
		var parent *string
		if lead != "" {
			parent = &lead
		}
		for _, m := range members {
			if _, err := s.Structures.SetMembership(ctx, m.id, &groupID, parent); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordRun keeps the run and its rejected rows (raw cells and reasons) for review.
func (s *Service) recordRun(ctx context.Context, actor auth.Actor, rep Report) (string, error) {
	summary, _ := json.Marshal(map[string]int{"create": len(rep.Plan.Creates), "update": len(rep.Plan.Updates),
		"unchanged": len(rep.Plan.Unchanged), "rejected": len(rep.Plan.Rejected), "warnings": len(rep.Plan.Warnings)})
	deps, _ := actor.DepartementFilter()
	var id string
	conn := db.Conn(ctx, s.DB)
	err := conn.Raw(`INSERT INTO import_runs (kind, file_name, file_sha256, encoding, delimiter, applied, actor_label,
		departements, summary) VALUES ('anct', ?, ?, ?, ?, ?, ?, ?, ?::jsonb) RETURNING id`,
		rep.FileName, rep.SHA256, rep.Encoding, rep.Delimiter, rep.Applied, actor.Label, db.TextArray(deps),
		string(summary)).Scan(&id).Error
	if err != nil {
		return "", err
	}
	for _, r := range rep.Plan.Rejected {
		cells, _ := json.Marshal(r.Cells)
		problems, _ := json.Marshal(r.Problems)
		if err := conn.Exec(`INSERT INTO import_rejected_rows (import_id, line, cells, problems) VALUES (?, ?, ?::jsonb, ?::jsonb)`,
			id, r.Line, string(cells), string(problems)).Error; err != nil {
			return "", err
		}
	}
	return id, nil
}

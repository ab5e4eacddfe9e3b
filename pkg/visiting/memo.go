package visiting

import (
	"context"

	"maillage/pkg/auth"
	"maillage/pkg/structure"
	"maillage/pkg/visit"
)

// readMemo keeps what one use case has already read in its transaction — checklists and structures, which it
// never changes — so that creating or updating a visit reads each of them once, not once per step (validation,
// prefills, the detail returned).
type readMemo struct {
	templates  map[string]visit.Template
	structures map[string]structure.Structure
}

type memoKey struct{}

// withMemo starts the memo of one use case.
func withMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoKey{}, &readMemo{templates: map[string]visit.Template{},
		structures: map[string]structure.Structure{}})
}

func memoOf(ctx context.Context) *readMemo {
	m, _ := ctx.Value(memoKey{}).(*readMemo)
	return m
}

// template reads a checklist with its items, once per use case.
func (s *Service) template(ctx context.Context, id string) (visit.Template, error) {
	m := memoOf(ctx)
	if tpl, ok := m.template(id); ok {
		return tpl, nil
	}
	tpl, err := s.Visits.Template(ctx, auth.System, id)
	if err == nil && m != nil {
		m.templates[id] = tpl
	}
	return tpl, err
}

func (m *readMemo) template(id string) (visit.Template, bool) {
	if m == nil {
		return visit.Template{}, false
	}
	tpl, ok := m.templates[id]
	return tpl, ok
}

// remember keeps a structure already read (scoped to the actor) for the later steps of the use case.
func (m *readMemo) remember(st structure.Structure) {
	if m != nil {
		m.structures[st.ID] = st
	}
}

// rememberTemplate keeps a checklist already read.
func (m *readMemo) rememberTemplate(tpl visit.Template) {
	if m != nil {
		m.templates[tpl.ID] = tpl
	}
}

// knownStructures returns the structures of ids when the use case has read them all already.
func (m *readMemo) knownStructures(ids []string) (map[string]structure.Structure, bool) {
	if m == nil {
		return nil, false
	}
	out := make(map[string]structure.Structure, len(ids))
	for _, id := range ids {
		st, ok := m.structures[id]
		if !ok {
			return nil, false
		}
		out[id] = st
	}
	return out, true
}

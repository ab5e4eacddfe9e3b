package labelflow

import (
	"context"
	"fmt"
	"time"

	"maillage/pkg/auth"
	"maillage/pkg/hours"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
	"maillage/pkg/structure"
)

// HistoryItem is a recorded decision with its wave.
type HistoryItem struct {
	label.Transition
	Wave *label.Wave
}

// Option is a transition the actor's role may make from the current state, with the guards that fail now.
type Option struct {
	labelling.Transition
	Blocked []labelling.Problem
	Hint    string // French; set on sous_surveillance when visits asked for it
}

// LabelState is the label of a structure as its label page shows it. A structure that came labelled from the
// ANCT list has no history: its state and date are the registry's, nothing is made up.
type LabelState struct {
	Structure     structure.Structure
	State         labelling.State
	LabelDate     *time.Time
	Version       int
	Wave          *label.Wave
	History       []HistoryItem
	Allowed       []Option
	WatchRequests []label.WatchRequest // open requests to put the structure under watch (visit findings)
}

// State reads the label state of a structure of the actor's territory.
func (s *Service) State(ctx context.Context, actor auth.Actor, id string) (LabelState, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return LabelState{}, err
	}
	cur, err := s.Labels.State(ctx, st.ID)
	if err != nil {
		return LabelState{}, err
	}
	transitions, err := s.Labels.Transitions(ctx, st.ID)
	if err != nil {
		return LabelState{}, err
	}
	waves, err := s.Labels.Waves(ctx, []string{st.Departement})
	if err != nil {
		return LabelState{}, err
	}
	out := LabelState{Structure: st, State: labelling.State(cur.Status), LabelDate: cur.LabelDate, Version: cur.Version,
		History: make([]HistoryItem, len(transitions))}
	byID := map[string]*label.Wave{}
	for i := range waves {
		byID[waves[i].ID] = &waves[i]
	}
	var since *time.Time
	for i, t := range transitions {
		out.History[i] = HistoryItem{Transition: t}
		if t.WaveID != nil {
			out.History[i].Wave = byID[*t.WaveID]
		}
		since = &transitions[i].At
	}
	out.Wave = currentWave(out, waves)
	if out.WatchRequests, err = s.Labels.WatchRequests(ctx, st.ID, since); err != nil {
		return LabelState{}, err
	}
	out.Allowed, err = s.options(ctx, actor, st, out)
	return out, err
}

// currentWave is the wave the structure was labelled in: that of its last labelling, else the recorded wave of
// its département at its label date (structures labelled before Maillage).
func currentWave(ls LabelState, waves []label.Wave) *label.Wave {
	switch ls.State {
	case labelling.Labellise, labelling.SousSurveillance, labelling.Suspendu, labelling.Retire, labelling.Ferme:
	default:
		return nil
	}
	for i := len(ls.History) - 1; i >= 0; i-- {
		if h := ls.History[i]; h.To == string(labelling.Labellise) && h.Wave != nil {
			return h.Wave
		}
	}
	if ls.LabelDate == nil {
		return nil
	}
	for i, w := range waves {
		if w.Date.Format(time.DateOnly) == ls.LabelDate.Format(time.DateOnly) {
			return &waves[i]
		}
	}
	return nil
}

// options lists the transitions the actor may make, with their failing guards (the compliance evaluation runs
// only when a guard needs it).
func (s *Service) options(ctx context.Context, actor auth.Actor, st structure.Structure, ls LabelState) ([]Option, error) {
	allowed := labelling.Allowed(ls.State, actor.Role)
	out := make([]Option, len(allowed))
	var e *Evaluation
	for i, t := range allowed {
		out[i] = Option{Transition: t, Blocked: []labelling.Problem{}}
		if t.To == labelling.SousSurveillance && len(ls.WatchRequests) > 0 {
			n, last := len(ls.WatchRequests), ls.WatchRequests[len(ls.WatchRequests)-1].RequestedAt
			out[i].Hint = fmt.Sprintf("%s de mise sous surveillance issue%s des visites (la dernière le %s).",
				plural(n, "demande", "demandes"), map[bool]string{true: "s", false: ""}[n > 1],
				labelling.DateFR(last.In(hours.DefaultLocation())))
		}
		if t.Guard == labelling.GuardNone {
			continue
		}
		ev := Evaluation{} // the existence of the file needs no evaluation
		if t.Guard != labelling.GuardCandidatureExists {
			if e == nil {
				computed, err := s.evaluate(ctx, st)
				if err != nil {
					return nil, err
				}
				e = &computed
			}
			ev = *e
		}
		f, err := s.facts(ctx, st, t.Guard, ev)
		if err != nil {
			return nil, err
		}
		if p := labelling.Blockers(t, f, nil, s.today()); p != nil {
			out[i].Blocked = p
		}
	}
	return out, nil
}

func plural(n int, one, many string) string {
	if n > 1 {
		return fmt.Sprintf("%d %s", n, many)
	}
	return fmt.Sprintf("%d %s", n, one)
}

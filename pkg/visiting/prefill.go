package visiting

import (
	"context"
	"fmt"

	"maillage/pkg/structure"
	"maillage/pkg/visit"
)

// Notes of the figures Maillage cannot compute yet: the prefill says so rather than inventing a value. They will
// be filled by the compliance and activity capabilities when they exist (ADR 0005).
const (
	noteComplianceMissing = "Indisponible : le calcul de conformité (horaires, agents, formation, partenaires) n’existe pas encore dans Maillage."
	noteActivityMissing   = "Indisponible : le suivi de l’activité mensuelle n’existe pas encore dans Maillage."
)

// prefills computes the figures shown next to the items of a checklist for a structure, as they stand now.
func (s *Service) prefills(ctx context.Context, tpl visit.Template, st structure.Structure) ([]visit.Prefill, error) {
	out := []visit.Prefill{}
	now := s.Now().UTC()
	for _, it := range tpl.Items {
		if it.Prefill == nil {
			continue
		}
		p := visit.Prefill{ItemID: it.ID, Kind: *it.Prefill}
		switch *it.Prefill {
		case visit.PrefillOpenAct:
			open, overdue, err := s.Visits.OpenActions(ctx, st.ID, s.today())
			if err != nil {
				return nil, err
			}
			p.Available, p.Value, p.AsOf, p.Note = true, open, &now, openActionsNote(open, overdue)
		case visit.PrefillLabel:
			p.Available, p.Value, p.AsOf = true, st.LabelStatus, &now
			if st.LabelDate != nil {
				p.Note = "Labellisée le " + st.LabelDate.Format("02/01/2006") + "."
			}
		case visit.PrefillCompliance:
			p.Note = noteComplianceMissing
		case visit.PrefillActivity:
			p.Note = noteActivityMissing
		}
		out = append(out, p)
	}
	return out, nil
}

func openActionsNote(open, overdue int) string {
	switch {
	case open == 0:
		return "Aucune action en cours."
	case open == 1 && overdue == 1:
		return "1 action en cours, en retard."
	case open == 1:
		return "1 action en cours, dans les délais."
	case overdue == 0:
		return fmt.Sprintf("%d actions en cours, aucune en retard.", open)
	default:
		return fmt.Sprintf("%d actions en cours, dont %d en retard.", open, overdue)
	}
}

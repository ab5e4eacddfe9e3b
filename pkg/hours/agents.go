package hours

import "strconv"

// agentsPresent checks that every open interval has the planned agents. An interval with no planned count is
// unknown; any interval below the threshold fails the criterion.
func (e *evaluator) agentsPresent(ivs []Interval, typical bool) Criterion {
	need := e.rs.MinAgentsPresent
	c := e.criterion(CodeAgentsPresent, -1, float64(need), "agents")
	lowest, unknown := -1, 0
	for _, iv := range ivs {
		n := iv.PlannedAgents
		switch {
		case n == 0:
			unknown++
			c.Slots = append(c.Slots, e.finding(iv, typical, "nombre d’agents prévus non renseigné"))
		case n < need:
			c.Status = VerdictFailure
			c.Slots = append(c.Slots, e.finding(iv, typical, agentsFR(n, "prévu", "prévus")+", "+strconv.Itoa(need)+" requis"))
		}
		if n > 0 && (lowest < 0 || n < lowest) {
			lowest = n
		}
	}
	if lowest >= 0 {
		c.Measured = e.number(float64(lowest))
	}
	switch {
	case len(ivs) == 0:
		c.Status = VerdictUnknown
		c.Explanation = "Aucun créneau d’ouverture : présence des agents non évaluable."
	case c.Status == VerdictFailure:
		c.Explanation = "Au moins un créneau compte moins de " + agentsFR(need, "prévu", "prévus") + " : voir les créneaux."
	case unknown > 0:
		c.Status = VerdictUnknown
		c.Explanation = "Nombre d’agents prévus non renseigné sur " + plural(unknown, "créneau", "créneaux") + "."
	default:
		c.Explanation = "Au moins " + agentsFR(lowest, "prévu", "prévus") + " sur chaque créneau (" + strconv.Itoa(need) + " requis)."
	}
	return c
}

// agentsTrained checks that the agents present are trained: per interval when intervals name their agents,
// otherwise from the structure's agents. Without agent data the criterion is unknown.
func (e *evaluator) agentsTrained(ivs []Interval, typical bool) Criterion {
	need := e.rs.MinAgentsPresent
	c := e.criterion(CodeAgentsTrained, -1, float64(need), "agents")
	if !e.rs.TrainedAgentsRequired {
		c.Threshold = nil
		c.Explanation = "Formation des agents non exigée par ce référentiel."
		return c
	}
	if e.in.Agents == nil {
		c.Status = VerdictUnknown
		c.Explanation = "Aucune donnée sur les agents de la structure : formation non vérifiable."
		return c
	}
	trained := make(map[string]bool, len(e.in.Agents))
	count := 0
	for _, a := range e.in.Agents {
		trained[a.ID] = a.Trained
		if a.Trained {
			count++
		}
	}
	lowest, named := -1, false
	for _, iv := range ivs {
		if len(iv.AgentIDs) == 0 {
			continue
		}
		named = true
		n := 0
		for _, id := range iv.AgentIDs {
			if trained[id] {
				n++
			}
		}
		if lowest < 0 || n < lowest {
			lowest = n
		}
		if n < need {
			c.Slots = append(c.Slots, e.finding(iv, typical, agentsFR(n, "formé", "formés")+" sur "+
				strconv.Itoa(len(iv.AgentIDs))+" nommés, "+strconv.Itoa(need)+" requis"))
		}
	}
	if !named {
		lowest = count
	}
	c.Measured = e.number(float64(lowest))
	switch {
	case len(c.Slots) > 0:
		c.Status = VerdictFailure
		c.Explanation = "Des créneaux comptent moins de " + agentsFR(need, "formé", "formés") + " : voir les créneaux."
	case !named && count < need:
		c.Status = VerdictFailure
		c.Explanation = "La structure compte " + agentsFR(count, "formé", "formés") + " sur " +
			plural(len(e.in.Agents), "agent", "agents") + ", " + strconv.Itoa(need) + " requis."
	case !named:
		c.Explanation = "La structure compte " + agentsFR(count, "formé", "formés") + " (" + strconv.Itoa(need) +
			" requis) ; les créneaux ne nomment pas leurs agents."
	default:
		c.Explanation = "Chaque créneau compte au moins " + agentsFR(lowest, "formé", "formés") + "."
	}
	return c
}

// agentsFR writes "1 agent prévu", "2 agents prévus".
func agentsFR(n int, one, many string) string {
	if n > 1 {
		return strconv.Itoa(n) + " agents " + many
	}
	return strconv.Itoa(n) + " agent " + one
}

func (e *evaluator) finding(iv Interval, typical bool, why string) SlotFinding {
	f := SlotFinding{Weekday: int(iv.Date.Weekday()), Start: hhmm(iv.Start), End: clockLabel(iv),
		StopID: iv.StopID, Reason: iv.Label() + " : " + why}
	if !typical {
		f.Date = iv.Date.String()
		f.Reason = iv.Label() + " (" + iv.Date.French() + ") : " + why
	}
	if e.in.MainSite != nil && iv.Owner.Kind == OwnerStructure && iv.Owner.ID == e.in.MainSite.StructureID {
		f.StructureID = iv.Owner.ID
	}
	return f
}

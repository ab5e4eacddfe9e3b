package hours

import "strconv"

// agentsPresent checks that every open interval has the planned agents. An interval with no planned count is
// unknown; any interval below the threshold fails the criterion.
func (e *evaluator) agentsPresent(c *Criterion, ivs []Interval, s *weekScan, typical bool) {
	need := e.rs.MinAgentsPresent
	e.criterion(c, CodeAgentsPresent, -1, float64(need), "agents")
	unknown := 0
	for i := 0; s.plannedFindings && i < len(ivs); i++ {
		switch n := ivs[i].PlannedAgents; {
		case n == 0:
			unknown++
			c.Slots = append(c.Slots, e.finding(&ivs[i], typical, "nombre d’agents prévus non renseigné"))
		case n < need:
			c.Status = VerdictFailure
			why := e.text(textPresentWhy, int64(n), func() string { return agentsFR(n, "prévu", "prévus") + ", " + strconv.Itoa(need) + " requis" })
			c.Slots = append(c.Slots, e.finding(&ivs[i], typical, why))
		}
	}
	lowest := s.lowestPlanned
	if lowest >= 0 {
		c.Measured = e.number(float64(lowest))
	}
	switch {
	case len(ivs) == 0:
		c.Status = VerdictUnknown
		c.Explanation = "Aucun créneau d’ouverture : présence des agents non évaluable."
	case c.Status == VerdictFailure:
		c.Explanation = e.text(textPresentShort, 0, func() string {
			return "Au moins un créneau compte moins de " + agentsFR(need, "prévu", "prévus") + " : voir les créneaux."
		})
	case unknown > 0:
		c.Status = VerdictUnknown
		c.Explanation = e.text(textPresentUnknown, int64(unknown), func() string {
			return "Nombre d’agents prévus non renseigné sur " + plural(unknown, "créneau", "créneaux") + "."
		})
	default:
		c.Explanation = e.text(textPresentMet, int64(lowest), func() string {
			return "Au moins " + agentsFR(lowest, "prévu", "prévus") + " sur chaque créneau (" + strconv.Itoa(need) + " requis)."
		})
	}
}

// agentsTrained checks that the agents present are trained: per interval when intervals name their agents,
// otherwise from the structure's agents. Without agent data the criterion is unknown.
func (e *evaluator) agentsTrained(c *Criterion, ivs []Interval, s *weekScan, typical bool) {
	need := e.rs.MinAgentsPresent
	e.criterion(c, CodeAgentsTrained, -1, float64(need), "agents")
	if !e.rs.TrainedAgentsRequired {
		c.Threshold = nil
		c.Explanation = "Formation des agents non exigée par ce référentiel."
		return
	}
	if e.in.Agents == nil {
		c.Status = VerdictUnknown
		c.Explanation = "Aucune donnée sur les agents de la structure : formation non vérifiable."
		return
	}
	agents := e.agentsOnFile(s.named)
	if !s.named {
		c.Measured = e.number(float64(agents.count))
		if agents.count < need {
			c.Status = VerdictFailure
		}
		c.Explanation = e.text(textTrainedStructure, 0, func() string { return e.structureTrainedFR(agents.count) })
		return
	}
	var lowest int
	lowest, c.Slots = e.trainedPerSlot(ivs, agents, typical)
	c.Measured = e.number(float64(lowest))
	if len(c.Slots) > 0 {
		c.Status = VerdictFailure
		c.Explanation = e.text(textTrainedShort, 0, func() string {
			return "Des créneaux comptent moins de " + agentsFR(need, "formé", "formés") + " : voir les créneaux."
		})
	} else {
		c.Explanation = e.text(textTrainedMet, int64(lowest), func() string {
			return "Chaque créneau compte au moins " + agentsFR(lowest, "formé", "formés") + "."
		})
	}
}

// trainedPerSlot counts the trained agents of each slot that names its agents: the lowest count, and the slots
// with fewer than required.
func (e *evaluator) trainedPerSlot(ivs []Interval, agents *agentsOnFile, typical bool) (lowest int, short []SlotFinding) {
	need := e.rs.MinAgentsPresent
	lowest, short = -1, []SlotFinding{}
	for i := range ivs {
		iv := &ivs[i]
		if len(iv.AgentIDs) == 0 {
			continue
		}
		n := 0
		for _, id := range iv.AgentIDs {
			if agents.trained[id] {
				n++
			}
		}
		if lowest < 0 || n < lowest {
			lowest = n
		}
		if n < need {
			short = append(short, e.finding(iv, typical, agentsFR(n, "formé", "formés")+" sur "+
				strconv.Itoa(len(iv.AgentIDs))+" nommés, "+strconv.Itoa(need)+" requis"))
		}
	}
	return lowest, short
}

// structureTrainedFR explains agents_trained when the slots do not name their agents.
func (e *evaluator) structureTrainedFR(count int) string {
	need := strconv.Itoa(e.rs.MinAgentsPresent)
	if count < e.rs.MinAgentsPresent {
		return "La structure compte " + agentsFR(count, "formé", "formés") + " sur " +
			plural(len(e.in.Agents), "agent", "agents") + ", " + need + " requis."
	}
	return "La structure compte " + agentsFR(count, "formé", "formés") + " (" + need +
		" requis) ; les créneaux ne nomment pas leurs agents."
}

// agentsFR writes "1 agent prévu", "2 agents prévus".
func agentsFR(n int, one, many string) string {
	if n > 1 {
		return strconv.Itoa(n) + " agents " + many
	}
	return strconv.Itoa(n) + " agent " + one
}

func (e *evaluator) finding(iv *Interval, typical bool, why string) SlotFinding {
	f := SlotFinding{Weekday: int(iv.Date.Weekday()), Start: hhmm(iv.Start), End: clockLabel(*iv), StopID: iv.StopID}
	label := iv.Date.Weekday().French() + " " + f.Start + "–" + f.End // iv.Label()
	if typical {
		f.Reason = label + " : " + why
	} else {
		f.Date = iv.Date.String()
		f.Reason = label + " (" + iv.Date.French() + ") : " + why
	}
	if e.in.MainSite != nil && iv.Owner.Kind == OwnerStructure && iv.Owner.ID == e.in.MainSite.StructureID {
		f.StructureID = iv.Owner.ID
	}
	return f
}

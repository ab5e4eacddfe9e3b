package opening

import (
	"context"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// ErrAgentNotFound is the 404 of an agent absent or outside the caller's territory.
var ErrAgentNotFound = apperr.NotFound("agent.not_found", "Cet agent n’existe pas ou n’est pas dans votre territoire.")

// Agents returns the agents with an assignment at one of the structures (current or past), by name, with all
// their assignments and trainings, in three statements.
func (s *Store) Agents(ctx context.Context, structureIDs []string) ([]Agent, error) {
	if len(structureIDs) == 0 {
		return nil, nil
	}
	return s.agents(ctx, `id IN (SELECT agent_id FROM agent_assignments WHERE structure_id IN ?)`, structureIDs)
}

// Agent returns one agent.
func (s *Store) Agent(ctx context.Context, id string) (Agent, error) {
	if uuid.Validate(id) != nil {
		return Agent{}, ErrAgentNotFound
	}
	list, err := s.agents(ctx, `id = ?`, id)
	if err != nil {
		return Agent{}, err
	}
	if len(list) == 0 {
		return Agent{}, ErrAgentNotFound
	}
	return list[0], nil
}

func (s *Store) agents(ctx context.Context, where string, arg any) ([]Agent, error) {
	conn := db.Conn(ctx, s.DB)
	var heads []struct {
		ID, Name, WorkEmail, Role string
		Version                   int
	}
	if err := conn.Raw(`SELECT id, name, work_email, role, version FROM agents WHERE `+where+` ORDER BY lower(name), id`, arg).
		Scan(&heads).Error; err != nil || len(heads) == 0 {
		return nil, err
	}
	ids := make([]string, len(heads))
	for i, h := range heads {
		ids[i] = h.ID
	}
	var assignments []struct {
		AgentID, StructureID string
		Etp                  float64
		StartDate            string
		EndDate              *string
	}
	if err := conn.Raw(`SELECT agent_id, structure_id, etp::float8 AS etp, to_char(start_date, 'YYYY-MM-DD') AS start_date,
		to_char(end_date, 'YYYY-MM-DD') AS end_date FROM agent_assignments WHERE agent_id IN ? ORDER BY start_date, structure_id`, ids).
		Scan(&assignments).Error; err != nil {
		return nil, err
	}
	var trainings []struct {
		ID, AgentID, Kind, Provider string
		Days                        float64
		CompletedOn                 *string
	}
	if err := conn.Raw(`SELECT id, agent_id, kind, provider, days::float8 AS days, to_char(completed_on, 'YYYY-MM-DD') AS completed_on
		FROM agent_trainings WHERE agent_id IN ? ORDER BY completed_on NULLS LAST, created_at, id`, ids).Scan(&trainings).Error; err != nil {
		return nil, err
	}
	byID := make(map[string]*Agent, len(heads))
	out := make([]Agent, len(heads))
	for i, h := range heads {
		out[i] = Agent{ID: h.ID, Name: h.Name, WorkEmail: h.WorkEmail, Role: h.Role, Version: h.Version,
			Assignments: []Assignment{}, Trainings: []Training{}}
		byID[h.ID] = &out[i]
	}
	for _, a := range assignments {
		byID[a.AgentID].Assignments = append(byID[a.AgentID].Assignments, Assignment{StructureID: a.StructureID,
			ETP: a.Etp, StartDate: a.StartDate, EndDate: deref(a.EndDate)})
	}
	for _, t := range trainings {
		byID[t.AgentID].Trainings = append(byID[t.AgentID].Trainings, Training{ID: t.ID, Kind: t.Kind,
			Provider: t.Provider, Days: t.Days, CompletedOn: deref(t.CompletedOn)})
	}
	return out, nil
}

// AgentStatuses returns, in one statement, the agents assigned on day to each of the structures and whether they
// completed the initial training by then.
func (s *Store) AgentStatuses(ctx context.Context, structureIDs []string, day string) (map[string][]AgentStatus, error) {
	out := map[string][]AgentStatus{}
	if len(structureIDs) == 0 {
		return out, nil
	}
	var rows []AgentStatus
	err := db.Conn(ctx, s.DB).Raw(`SELECT aa.structure_id, aa.agent_id,
		EXISTS (SELECT 1 FROM agent_trainings t WHERE t.agent_id = aa.agent_id AND t.kind = 'initial'
			AND t.completed_on <= CAST(? AS date)) AS trained
		FROM agent_assignments aa WHERE aa.structure_id IN ? AND aa.start_date <= CAST(? AS date)
			AND (aa.end_date IS NULL OR aa.end_date >= CAST(? AS date))
		ORDER BY aa.structure_id, aa.agent_id`, day, structureIDs, day, day).Scan(&rows).Error
	for _, r := range rows {
		out[r.StructureID] = append(out[r.StructureID], r)
	}
	return out, err
}

// InsertAgent creates an agent with its assignments and trainings.
func (s *Store) InsertAgent(ctx context.Context, a Agent) (Agent, error) {
	conn := db.Conn(ctx, s.DB)
	a.ID = uuid.NewString()
	if err := conn.Exec(`INSERT INTO agents (id, name, work_email, role) VALUES (?, ?, ?, ?)`, a.ID, a.Name, a.WorkEmail, a.Role).Error; err != nil {
		return Agent{}, err
	}
	for _, as := range a.Assignments {
		if err := conn.Exec(`INSERT INTO agent_assignments (agent_id, structure_id, etp, start_date, end_date)
			VALUES (?, ?, ?, CAST(? AS date), CAST(? AS date))`, a.ID, as.StructureID, as.ETP, as.StartDate, nullable(as.EndDate)).Error; err != nil {
			return Agent{}, err
		}
	}
	for _, t := range a.Trainings {
		if _, err := s.AddTraining(ctx, a.ID, t); err != nil {
			return Agent{}, err
		}
	}
	return s.Agent(ctx, a.ID)
}

// UpdateAgent writes the identity of an agent and the end date of its assignments at the expected version.
func (s *Store) UpdateAgent(ctx context.Context, a Agent, expected int) (Agent, error) {
	conn := db.Conn(ctx, s.DB)
	res := conn.Exec(`UPDATE agents SET name = ?, work_email = ?, role = ?, updated_at = now(), version = version + 1
		WHERE id = ? AND version = ?`, a.Name, a.WorkEmail, a.Role, a.ID, expected)
	if res.Error != nil {
		return Agent{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Agent{}, staleObject()
	}
	for _, as := range a.Assignments {
		if err := conn.Exec(`UPDATE agent_assignments SET etp = ?, end_date = CAST(? AS date)
			WHERE agent_id = ? AND structure_id = ? AND start_date = CAST(? AS date)`,
			as.ETP, nullable(as.EndDate), a.ID, as.StructureID, as.StartDate).Error; err != nil {
			return Agent{}, err
		}
	}
	return s.Agent(ctx, a.ID)
}

// DeleteAgent removes an agent at the expected version (assignments, trainings and slot mentions go with it).
func (s *Store) DeleteAgent(ctx context.Context, id string, expected int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM agents WHERE id = ? AND version = ?`, id, expected)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return staleObject()
	}
	return nil
}

// AddTraining records a training of an agent and moves the agent's version on.
func (s *Store) AddTraining(ctx context.Context, agentID string, t Training) (Training, error) {
	conn := db.Conn(ctx, s.DB)
	t.ID = uuid.NewString()
	if err := conn.Exec(`INSERT INTO agent_trainings (id, agent_id, kind, provider, days, completed_on)
		VALUES (?, ?, ?, ?, ?, CAST(? AS date))`, t.ID, agentID, t.Kind, t.Provider, t.Days, nullable(t.CompletedOn)).Error; err != nil {
		return Training{}, err
	}
	return t, conn.Exec(`UPDATE agents SET version = version + 1, updated_at = now() WHERE id = ?`, agentID).Error
}

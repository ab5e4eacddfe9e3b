package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// listAgents godoc
// @Summary      Agents d’une structure
// @Tags         agents
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Structure" format(uuid)
// @Success      200 {object} AgentList
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id}/agents [get]
func (h *Handlers) listAgents(c echo.Context) error {
	list, today, err := h.Compliance.Agents(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := AgentList{Items: make([]AgentDTO, len(list))}
	for i, a := range list {
		out.Items[i] = agentDTO(a, today)
	}
	return c.JSON(http.StatusOK, out)
}

// createAgent godoc
// @Summary      Ajouter un agent à une structure
// @Tags         agents
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id   path string     true "Structure" format(uuid)
// @Param        body body AgentInput true "Agent"
// @Success      201 {object} Agent
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/{id}/agents [post]
func (h *Handlers) createAgent(c echo.Context) error {
	var in AgentInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	a, today, err := h.Compliance.CreateAgent(c.Request().Context(), actorOf(c), c.Param("id"), in.fields())
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	c.Response().Header().Set("Location", apiPrefix+"/agents/"+a.ID)
	return c.JSON(http.StatusCreated, agentDTO(a, today))
}

// getAgent godoc
// @Summary      Un agent
// @Tags         agents
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Agent" format(uuid)
// @Success      200 {object} Agent
// @Header       200 {string} ETag "Version de la ressource"
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /agents/{id} [get]
func (h *Handlers) getAgent(c echo.Context) error {
	a, today, err := h.Compliance.Agent(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	return c.JSON(http.StatusOK, agentDTO(a, today))
}

// updateAgent godoc
// @Summary      Modifier un agent
// @Tags         agents
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string     true "Agent" format(uuid)
// @Param        If-Match header string     true "ETag lu"
// @Param        body     body   AgentInput true "Champs à modifier"
// @Success      200 {object} Agent
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /agents/{id} [patch]
func (h *Handlers) updateAgent(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	version, err := versionToWrite(c, func() error { _, _, err := h.Compliance.Agent(ctx, actor, c.Param("id")); return err })
	if err != nil {
		return err
	}
	var in AgentInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	a, today, err := h.Compliance.UpdateAgent(ctx, actor, c.Param("id"), version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	return c.JSON(http.StatusOK, agentDTO(a, today))
}

// deleteAgent godoc
// @Summary      Supprimer un agent
// @Tags         agents
// @Security     BearerAuth
// @Param        id       path   string true "Agent" format(uuid)
// @Param        If-Match header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /agents/{id} [delete]
func (h *Handlers) deleteAgent(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	version, err := versionToWrite(c, func() error { _, _, err := h.Compliance.Agent(ctx, actor, c.Param("id")); return err })
	if err != nil {
		return err
	}
	if err := h.Compliance.DeleteAgent(ctx, actor, c.Param("id"), version); err != nil {
		return err
	}
	return noContent(c)
}

// addTraining godoc
// @Summary      Enregistrer une formation d’un agent
// @Tags         agents
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id   path string        true "Agent" format(uuid)
// @Param        body body AgentTraining true "Formation"
// @Success      201 {object} Agent
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /agents/{id}/trainings [post]
func (h *Handlers) addTraining(c echo.Context) error {
	var in TrainingDTO
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	a, today, err := h.Compliance.AddTraining(c.Request().Context(), actorOf(c), c.Param("id"), in.training())
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	return c.JSON(http.StatusCreated, agentDTO(a, today))
}

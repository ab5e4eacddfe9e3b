package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/pkg/registry"
	"maillage/pkg/structure"
)

// StopDTO is a stop of an itinerant structure.
type StopDTO struct {
	ID          string   `json:"id" format:"uuid"`
	StructureID string   `json:"structure_id" format:"uuid"`
	Position    int      `json:"position" example:"1"`
	Label       string   `json:"label" example:"Place de la mairie"`
	Address     string   `json:"address"`
	CommuneCode *string  `json:"commune_code" example:"16015"`
	CommuneName string   `json:"commune_name" example:"Angoulême"`
	Latitude    *float64 `json:"latitude"`
	Longitude   *float64 `json:"longitude"`
	Version     int      `json:"version"`
} //@name Stop

// StopList lists the stops of a structure in order.
type StopList struct {
	Items      []StopDTO `json:"items"`
	NextCursor *string   `json:"next_cursor"`
} //@name StopList

// StopInput creates or patches a stop. position inserts or moves the stop there (1 = first), shifting the
// others; absent on creation, the stop goes last.
type StopInput struct {
	Position    *int     `json:"position"`
	Label       *string  `json:"label"`
	Address     *string  `json:"address"`
	CommuneCode *string  `json:"commune_code"`
	Latitude    *float64 `json:"latitude"`
	Longitude   *float64 `json:"longitude"`
} //@name StopInput

func stopDTO(s structure.Stop) StopDTO { return StopDTO(s) }

func (in StopInput) fields() registry.StopFields { return registry.StopFields(in) }

// listStops godoc
// @Summary      Arrêts d’une France services itinérante
// @Tags         structures
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Structure" format(uuid)
// @Success      200 {object} StopList
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id}/stops [get]
func (h *Handlers) listStops(c echo.Context) error {
	ctx := c.Request().Context()
	st, err := h.Structures.Get(ctx, actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	stops, err := h.Structures.Stops(ctx, st.ID)
	if err != nil {
		return err
	}
	out := StopList{Items: make([]StopDTO, len(stops))}
	for i, s := range stops {
		out.Items[i] = stopDTO(s)
	}
	return c.JSON(http.StatusOK, out)
}

// createStop godoc
// @Summary      Ajouter un arrêt
// @Tags         structures
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id   path string    true "Structure" format(uuid)
// @Param        body body StopInput true "Arrêt"
// @Success      201 {object} Stop
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/{id}/stops [post]
func (h *Handlers) createStop(c echo.Context) error {
	var in StopInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	stop, err := h.Registry.AddStop(c.Request().Context(), actorOf(c), c.Param("id"), in.fields())
	if err != nil {
		return err
	}
	setETag(c, stop.Version)
	c.Response().Header().Set("Location", apiPrefix+"/structures/"+stop.StructureID+"/stops/"+stop.ID)
	return c.JSON(http.StatusCreated, stopDTO(stop))
}

// updateStop godoc
// @Summary      Modifier un arrêt
// @Tags         structures
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string    true "Structure" format(uuid)
// @Param        stop_id  path   string    true "Arrêt" format(uuid)
// @Param        If-Match header string    true "ETag lu"
// @Param        body     body   StopInput true "Champs à modifier"
// @Success      200 {object} Stop
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /structures/{id}/stops/{stop_id} [patch]
func (h *Handlers) updateStop(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	version, err := versionToWrite(c, func() error { _, err := h.Structures.Get(ctx, actor, c.Param("id")); return err })
	if err != nil {
		return err
	}
	var in StopInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	stop, err := h.Registry.UpdateStop(ctx, actor, c.Param("id"), c.Param("stop_id"), version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, stop.Version)
	return c.JSON(http.StatusOK, stopDTO(stop))
}

// deleteStop godoc
// @Summary      Supprimer un arrêt
// @Tags         structures
// @Security     BearerAuth
// @Param        id       path   string true "Structure" format(uuid)
// @Param        stop_id  path   string true "Arrêt" format(uuid)
// @Param        If-Match header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /structures/{id}/stops/{stop_id} [delete]
func (h *Handlers) deleteStop(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	version, err := versionToWrite(c, func() error { _, err := h.Structures.Get(ctx, actor, c.Param("id")); return err })
	if err != nil {
		return err
	}
	if err := h.Registry.DeleteStop(ctx, actor, c.Param("id"), c.Param("stop_id"), version); err != nil {
		return err
	}
	return noContent(c)
}

// GroupDTO is a multi-site France services.
type GroupDTO struct {
	ID              string   `json:"id" format:"uuid"`
	DepartementCode string   `json:"departement_code"`
	Name            string   `json:"name" example:"Haute Comté"`
	LeadID          *string  `json:"lead_id" format:"uuid"`
	MemberIDs       []string `json:"member_ids"`
	Version         int      `json:"version"`
} //@name Group

// GroupList lists groups.
type GroupList struct {
	Items      []GroupDTO `json:"items"`
	NextCursor *string    `json:"next_cursor"`
} //@name GroupList

// GroupInput creates or patches a group; member_ids replaces the members.
type GroupInput struct {
	DepartementCode *string   `json:"departement_code"`
	Name            *string   `json:"name"`
	LeadID          *string   `json:"lead_id"`
	MemberIDs       *[]string `json:"member_ids"`
} //@name GroupInput

func groupDTO(g structure.Group) GroupDTO {
	members := g.MemberIDs
	if members == nil {
		members = []string{}
	}
	return GroupDTO{ID: g.ID, DepartementCode: g.Departement, Name: g.Name, LeadID: g.LeadID, MemberIDs: members, Version: g.Version}
}

func (in GroupInput) fields() registry.GroupFields {
	return registry.GroupFields{Departement: in.DepartementCode, Name: in.Name, LeadID: in.LeadID, MemberIDs: in.MemberIDs}
}

// listGroups godoc
// @Summary      Groupes multi-sites
// @Tags         structures
// @Produce      json
// @Security     BearerAuth
// @Param        departement query string false "Code du département"
// @Success      200 {object} GroupList
// @Failure      401 {object} Problem
// @Router       /groups [get]
func (h *Handlers) listGroups(c echo.Context) error {
	groups, err := h.Structures.Groups(c.Request().Context(), actorOf(c), c.QueryParam("departement"), "")
	if err != nil {
		return err
	}
	out := GroupList{Items: make([]GroupDTO, len(groups))}
	for i, g := range groups {
		out.Items[i] = groupDTO(g)
	}
	return c.JSON(http.StatusOK, out)
}

// getGroup godoc
// @Summary      Un groupe multi-site
// @Tags         structures
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Groupe" format(uuid)
// @Success      200 {object} Group
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /groups/{id} [get]
func (h *Handlers) getGroup(c echo.Context) error {
	g, err := h.Registry.Group(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	setETag(c, g.Version)
	return c.JSON(http.StatusOK, groupDTO(g))
}

// createGroup godoc
// @Summary      Créer un groupe multi-site
// @Tags         structures
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body body GroupInput true "Groupe"
// @Success      201 {object} Group
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /groups [post]
func (h *Handlers) createGroup(c echo.Context) error {
	var in GroupInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	g, err := h.Registry.CreateGroup(c.Request().Context(), actorOf(c), in.fields())
	if err != nil {
		return err
	}
	setETag(c, g.Version)
	c.Response().Header().Set("Location", apiPrefix+"/groups/"+g.ID)
	return c.JSON(http.StatusCreated, groupDTO(g))
}

// updateGroup godoc
// @Summary      Modifier un groupe multi-site
// @Tags         structures
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string     true "Groupe" format(uuid)
// @Param        If-Match header string     true "ETag lu"
// @Param        body     body   GroupInput true "Champs à modifier"
// @Success      200 {object} Group
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /groups/{id} [patch]
func (h *Handlers) updateGroup(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	version, err := versionToWrite(c, func() error { _, err := h.Registry.Group(ctx, actor, c.Param("id")); return err })
	if err != nil {
		return err
	}
	var in GroupInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	g, err := h.Registry.UpdateGroup(ctx, actor, c.Param("id"), version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, g.Version)
	return c.JSON(http.StatusOK, groupDTO(g))
}

// deleteGroup godoc
// @Summary      Dissoudre un groupe multi-site
// @Tags         structures
// @Security     BearerAuth
// @Param        id       path   string true "Groupe" format(uuid)
// @Param        If-Match header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /groups/{id} [delete]
func (h *Handlers) deleteGroup(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	version, err := versionToWrite(c, func() error { _, err := h.Registry.Group(ctx, actor, c.Param("id")); return err })
	if err != nil {
		return err
	}
	if err := h.Registry.DeleteGroup(ctx, actor, c.Param("id"), version); err != nil {
		return err
	}
	return noContent(c)
}

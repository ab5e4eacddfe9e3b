package rest

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/visit"
)

// listFindings godoc
// @Summary      Constats d’une visite
// @Tags         visites
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Visite" format(uuid)
// @Success      200 {object} FindingList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /visits/{id}/findings [get]
func (h *Handlers) listFindings(c echo.Context) error {
	list, err := h.Visiting.Findings(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := FindingList{Items: make([]FindingDTO, len(list))}
	for i, f := range list {
		out.Items[i] = findingDTO(f)
	}
	return c.JSON(http.StatusOK, out)
}

// createFinding godoc
// @Summary      Enregistrer un constat
// @Description  `watch_requested: true` demande la mise sous surveillance de la structure (préfecture seulement, constat majeur ou critique) ; la labellisation donnera suite à la demande.
// @Tags         visites
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id              path   string       true  "Visite" format(uuid)
// @Param        Idempotency-Key header string       false "Clé d’idempotence"
// @Param        body            body   FindingInput true  "Constat"
// @Success      201 {object} Finding
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      422 {object} Problem
// @Router       /visits/{id}/findings [post]
func (h *Handlers) createFinding(c echo.Context) error {
	var in FindingInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	f, err := h.Visiting.AddFinding(c.Request().Context(), actorOf(c), c.Param("id"), in.fields())
	if err != nil {
		return err
	}
	setETag(c, f.Version)
	c.Response().Header().Set("Location", apiPrefix+"/visits/"+f.VisitID+"/findings/"+f.ID)
	return c.JSON(http.StatusCreated, findingDTO(f))
}

// updateFinding godoc
// @Summary      Modifier un constat
// @Tags         visites
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id         path   string       true "Visite" format(uuid)
// @Param        finding_id path   string       true "Constat" format(uuid)
// @Param        If-Match   header string       true "ETag lu"
// @Param        body       body   FindingInput true "Champs à modifier"
// @Success      200 {object} Finding
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /visits/{id}/findings/{finding_id} [patch]
func (h *Handlers) updateFinding(c echo.Context) error {
	ctx, actor, visitID, id := c.Request().Context(), actorOf(c), c.Param("id"), c.Param("finding_id")
	version, err := versionToWrite(c, func() error { _, err := h.Visiting.Finding(ctx, actor, visitID, id); return err })
	if err != nil {
		return err
	}
	var in FindingInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	f, err := h.Visiting.UpdateFinding(ctx, actor, visitID, id, version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, f.Version)
	return c.JSON(http.StatusOK, findingDTO(f))
}

// deleteFinding godoc
// @Summary      Supprimer un constat saisi par erreur
// @Description  Ses actions restent, détachées du constat.
// @Tags         visites
// @Security     BearerAuth
// @Param        id         path   string true "Visite" format(uuid)
// @Param        finding_id path   string true "Constat" format(uuid)
// @Param        If-Match   header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /visits/{id}/findings/{finding_id} [delete]
func (h *Handlers) deleteFinding(c echo.Context) error {
	ctx, actor, visitID, id := c.Request().Context(), actorOf(c), c.Param("id"), c.Param("finding_id")
	version, err := versionToWrite(c, func() error { _, err := h.Visiting.Finding(ctx, actor, visitID, id); return err })
	if err != nil {
		return err
	}
	if err := h.Visiting.DeleteFinding(ctx, actor, visitID, id, version); err != nil {
		return err
	}
	return noContent(c)
}

// listVisitActions godoc
// @Summary      Actions décidées après une visite
// @Tags         actions
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Visite" format(uuid)
// @Success      200 {object} ActionList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /visits/{id}/actions [get]
func (h *Handlers) listVisitActions(c echo.Context) error {
	p, err := h.Visiting.Actions(c.Request().Context(), actorOf(c), visit.ActionFilter{VisitID: c.Param("id")}, "", 0)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, actionList(p))
}

// createAction godoc
// @Summary      Décider une action après une visite
// @Description  Une action naît « ouverte », avec un responsable (structure, préfecture ou partenaire) et une échéance qui ne précède pas la visite ; elle peut se rattacher à un constat de la visite.
// @Tags         actions
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id              path   string      true  "Visite" format(uuid)
// @Param        Idempotency-Key header string      false "Clé d’idempotence"
// @Param        body            body   ActionInput true  "Action"
// @Success      201 {object} Action
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      422 {object} Problem
// @Router       /visits/{id}/actions [post]
func (h *Handlers) createAction(c echo.Context) error {
	var in ActionInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	d, err := h.Visiting.AddAction(c.Request().Context(), actorOf(c), c.Param("id"), in.fields())
	if err != nil {
		return err
	}
	setETag(c, d.Action.Version)
	c.Response().Header().Set("Location", apiPrefix+"/actions/"+d.Action.ID)
	return c.JSON(http.StatusCreated, actionDetailDTO(d))
}

// listActions godoc
// @Summary      Actions de suivi des visites
// @Description  Limitée au territoire de l’appelant (une structure voit les actions de ses structures) ; échéance la plus proche d’abord.
// @Tags         actions
// @Produce      json
// @Security     BearerAuth
// @Param        structure_id query string false "Structure" format(uuid)
// @Param        departement  query string false "Code du département" example(70)
// @Param        status       query string false "Statut" Enums(ouverte, en_cours, close)
// @Param        owner_type   query string false "Responsable" Enums(structure, prefecture, partenaire)
// @Param        overdue      query bool   false "En retard seulement (non close, échéance dépassée)"
// @Param        cursor       query string false "Curseur de la page suivante"
// @Param        limit        query int    false "Taille de page (1–200, 50 par défaut)"
// @Success      200 {object} ActionList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /actions [get]
func (h *Handlers) listActions(c echo.Context) error {
	var v apperr.Validation
	f := visit.ActionFilter{StructureID: strings.ToLower(c.QueryParam("structure_id")), Departement: c.QueryParam("departement"),
		Status: visit.ActionStatus(c.QueryParam("status")), OwnerType: visit.OwnerType(c.QueryParam("owner_type"))}
	v.Check(f.StructureID == "" || visit.IsUUID(f.StructureID), "structure_id", "Identifiant de structure invalide.")
	v.Check(f.Status == "" || f.Status.Valid(), "status", "Statut inconnu : ouverte, en_cours ou close.")
	v.Check(f.OwnerType == "" || f.OwnerType.Valid(), "owner_type", "Responsable inconnu : structure, prefecture ou partenaire.")
	if raw := c.QueryParam("overdue"); raw != "" {
		overdue, err := strconv.ParseBool(raw)
		v.Check(err == nil, "overdue", "Valeur attendue : true ou false.")
		if overdue {
			today := visit.ParisDate(h.now())
			f.OverdueOn = &today
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	page, err := pageOf(c)
	if err != nil {
		return err
	}
	p, err := h.Visiting.Actions(c.Request().Context(), actorOf(c), f, page.Cursor, page.Limit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, actionList(p))
}

// getAction godoc
// @Summary      Une action, avec son historique
// @Tags         actions
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Action" format(uuid)
// @Success      200 {object} Action
// @Header       200 {string} ETag "Version de la ressource"
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /actions/{id} [get]
func (h *Handlers) getAction(c echo.Context) error {
	d, err := h.Visiting.Action(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	setETag(c, d.Action.Version)
	return c.JSON(http.StatusOK, actionDetailDTO(d))
}

// updateAction godoc
// @Summary      Faire évoluer une action (statut, échéance, responsable)
// @Description  Chaque changement (et chaque commentaire) entre dans l’historique de l’action. Une structure fait évoluer le statut des actions à sa charge, avec un commentaire ; l’échéance et le responsable relèvent de la préfecture (et de l’animation pour ses visites).
// @Tags         actions
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string      true "Action" format(uuid)
// @Param        If-Match header string      true "ETag lu"
// @Param        body     body   ActionInput true "Champs à modifier"
// @Success      200 {object} Action
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /actions/{id} [patch]
func (h *Handlers) updateAction(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Visiting.Action(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	var in ActionInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	d, err := h.Visiting.UpdateAction(ctx, actor, id, version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, d.Action.Version)
	return c.JSON(http.StatusOK, actionDetailDTO(d))
}

// overdueActions godoc
// @Summary      Actions en retard d’un département
// @Description  Actions non closes dont l’échéance est dépassée (date du jour à Paris), la plus ancienne échéance d’abord.
// @Tags         actions
// @Produce      json
// @Security     BearerAuth
// @Param        code   path  string true  "Code du département" example(70)
// @Param        cursor query string false "Curseur de la page suivante"
// @Param        limit  query int    false "Taille de page (1–200, 50 par défaut)"
// @Success      200 {object} ActionList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /departements/{code}/overdue-actions [get]
func (h *Handlers) overdueActions(c echo.Context) error {
	page, err := pageOf(c)
	if err != nil {
		return err
	}
	p, err := h.Visiting.OverdueActions(c.Request().Context(), actorOf(c), c.Param("code"), page.Cursor, page.Limit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, actionList(p))
}

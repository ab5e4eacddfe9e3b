package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/pkg/label"
	"maillage/pkg/labelflow"
)

func targetList(list []label.Target) TargetList {
	out := TargetList{Items: make([]TargetDTO, len(list))}
	for i, t := range list {
		out.Items[i] = targetDTO(t)
	}
	return out
}

// listDepartementTargets godoc
// @Summary      Objectifs de labellisation d’un département
// @Tags         labellisation
// @Produce      json
// @Security     BearerAuth
// @Param        code path string true "Code du département" example(70)
// @Success      200 {object} LabelTargetList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /departements/{code}/targets [get]
func (h *Handlers) listDepartementTargets(c echo.Context) error {
	list, err := h.Labelling.Targets(c.Request().Context(), actorOf(c), labelflow.ScopeDepartement, c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, targetList(list))
}

// createDepartementTarget godoc
// @Summary      Fixer un objectif de labellisation au département
// @Description  Un nombre de structures labellisées à une date (d’un format, ou de tous quand `format` est null) et/ou la couverture de tous les cantons.
// @Tags         labellisation
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        code path string           true "Code du département" example(70)
// @Param        body body LabelTargetInput true "Objectif"
// @Success      201 {object} LabelTarget
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /departements/{code}/targets [post]
func (h *Handlers) createDepartementTarget(c echo.Context) error {
	return h.createTarget(c, labelflow.ScopeDepartement)
}

func (h *Handlers) createTarget(c echo.Context, scope string) error {
	var in TargetInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t, err := h.Labelling.CreateTarget(c.Request().Context(), actorOf(c), scope, c.Param("code"), in.fields())
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(http.StatusCreated, targetDTO(t))
}

// listRegionTargets godoc
// @Summary      Objectifs de labellisation d’une région
// @Tags         labellisation
// @Produce      json
// @Security     BearerAuth
// @Param        code path string true "Code de la région" example(27)
// @Success      200 {object} LabelTargetList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /regions/{code}/targets [get]
func (h *Handlers) listRegionTargets(c echo.Context) error {
	list, err := h.Labelling.Targets(c.Request().Context(), actorOf(c), labelflow.ScopeRegion, c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, targetList(list))
}

// createRegionTarget godoc
// @Summary      Fixer un objectif de labellisation à une région
// @Description  Niveau national.
// @Tags         labellisation
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        code path string           true "Code de la région" example(27)
// @Param        body body LabelTargetInput true "Objectif"
// @Success      201 {object} LabelTarget
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /regions/{code}/targets [post]
func (h *Handlers) createRegionTarget(c echo.Context) error {
	return h.createTarget(c, labelflow.ScopeRegion)
}

// updateTarget godoc
// @Summary      Modifier un objectif
// @Description  Les champs donnés remplacent les valeurs ; `format: null` vise tous les formats.
// @Tags         labellisation
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string           true "Objectif" format(uuid)
// @Param        If-Match header string           true "Version lue"
// @Param        body     body   LabelTargetInput true "Champs à modifier"
// @Success      200 {object} LabelTarget
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /targets/{id} [patch]
func (h *Handlers) updateTarget(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { return h.Labelling.TargetVisible(ctx, actor, id) })
	if err != nil {
		return err
	}
	var in TargetInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t, err := h.Labelling.UpdateTarget(ctx, actor, id, version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(http.StatusOK, targetDTO(t))
}

// deleteTarget godoc
// @Summary      Supprimer un objectif
// @Tags         labellisation
// @Security     BearerAuth
// @Param        id       path   string true "Objectif" format(uuid)
// @Param        If-Match header string true "Version lue"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /targets/{id} [delete]
func (h *Handlers) deleteTarget(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { return h.Labelling.TargetVisible(ctx, actor, id) })
	if err != nil {
		return err
	}
	if err := h.Labelling.DeleteTarget(ctx, actor, id, version); err != nil {
		return err
	}
	return noContent(c)
}

// departementProgress godoc
// @Summary      Avancement de la labellisation d’un département
// @Description  Structures labellisées (labellisées et sous surveillance), par état et par format ; objectifs et écart ; cantons couverts (une structure labellisée à l’intérieur) ; chronologie par date de label — les vagues enregistrées portent leur nom, les dates historiques de la liste ANCT sont comptées à leur date.
// @Tags         labellisation
// @Produce      json
// @Security     BearerAuth
// @Param        code path string true "Code du département" example(70)
// @Success      200 {object} LabelProgress
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /departements/{code}/label-progress [get]
func (h *Handlers) departementProgress(c echo.Context) error {
	p, err := h.Labelling.DepartementProgress(c.Request().Context(), actorOf(c), c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, progressDTO(p))
}

// regionProgress godoc
// @Summary      Avancement de la labellisation d’une région
// @Description  La même chose sur l’ensemble des départements de la région, avec les objectifs régionaux.
// @Tags         labellisation
// @Produce      json
// @Security     BearerAuth
// @Param        code path string true "Code de la région" example(27)
// @Success      200 {object} LabelProgress
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /regions/{code}/label-progress [get]
func (h *Handlers) regionProgress(c echo.Context) error {
	p, err := h.Labelling.RegionProgress(c.Request().Context(), actorOf(c), c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, progressDTO(p))
}

// labelPipeline godoc
// @Summary      Tableau de suivi des labellisations d’un département
// @Description  Une colonne par état, dans l’ordre de la table des transitions, avec les structures et la date à laquelle chacune y est arrivée.
// @Tags         labellisation
// @Produce      json
// @Security     BearerAuth
// @Param        code path string true "Code du département" example(70)
// @Success      200 {object} LabelPipeline
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /departements/{code}/label-pipeline [get]
func (h *Handlers) labelPipeline(c echo.Context) error {
	cols, err := h.Labelling.Pipeline(c.Request().Context(), actorOf(c), c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pipelineDTO(cols))
}

package rest

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/labelling"
)

// getAudit godoc
// @Summary      Audit qualité d’une structure
// @Description  La grille de l’audit (celle en vigueur pour un audit pas encore ouvert, version 0), chaque critère avec son statut : les critères automatiques viennent du moteur de conformité (brouillons d’horaires compris) et sont verrouillés ; un audit clos par la décision qui l’a suivi garde leurs valeurs d’alors.
// @Tags         labellisation
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Structure" format(uuid)
// @Success      200 {object} LabelAudit
// @Header       200 {string} ETag "Version de l’audit"
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id}/audit [get]
func (h *Handlers) getAudit(c echo.Context) error {
	v, err := h.Labelling.Audit(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	if v.Version > 0 { // no audit opened yet: no version to send back (the first PUT needs no If-Match)
		setETag(c, v.Version)
	}
	return c.JSON(http.StatusOK, auditDTO(v))
}

// putAudit godoc
// @Summary      Saisir l’audit qualité (critères manuels)
// @Description  Les réponses données remplacent les précédentes ; un critère automatique dans le corps est refusé (422). Seulement à l’état « Audit demandé » (409 audit.not_open). Le premier enregistrement ouvre l’audit sur la grille en vigueur, qu’il garde (sans If-Match) ; ensuite If-Match obligatoire.
// @Tags         labellisation
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string          true  "Structure" format(uuid)
// @Param        If-Match header string          false "Version de l’audit lue (s’il existe)"
// @Param        body     body   LabelAuditInput true  "Réponses"
// @Success      200 {object} LabelAudit
// @Header       200 {string} ETag "Version de l’audit"
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /structures/{id}/audit [put]
func (h *Handlers) putAudit(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	if _, err := h.Structures.Get(ctx, actor, c.Param("id")); err != nil {
		return err
	}
	version, err := optionalIfMatch(c)
	if err != nil {
		return err
	}
	var in AuditInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Answers == nil {
		return apperr.Invalid("validation_failed", "answers", "La liste des réponses est obligatoire.")
	}
	answers := make([]labelling.Answer, len(in.Answers))
	for i, a := range in.Answers {
		answers[i] = labelling.Answer(a)
	}
	v, err := h.Labelling.SaveAudit(ctx, actor, c.Param("id"), version, answers)
	if err != nil {
		return err
	}
	setETag(c, v.Version)
	return c.JSON(http.StatusOK, auditDTO(v))
}

// listGrids godoc
// @Summary      Versions de la grille de critères
// @Tags         labellisation
// @Produce      json
// @Security     BearerAuth
// @Success      200 {object} LabelGridList
// @Failure      401 {object} Problem
// @Router       /label-grids [get]
func (h *Handlers) listGrids(c echo.Context) error {
	list, err := h.Labelling.Grids(c.Request().Context())
	if err != nil {
		return err
	}
	out := GridList{Items: make([]GridSummaryDTO, len(list))}
	for i, g := range list {
		out.Items[i] = GridSummaryDTO{Version: g.Version, Title: g.Title, ValidFrom: g.ValidFrom.Format(time.DateOnly),
			CriteriaCount: g.CriteriaCount}
	}
	return c.JSON(http.StatusOK, out)
}

// getGrid godoc
// @Summary      Une version de la grille, avec ses critères
// @Tags         labellisation
// @Produce      json
// @Security     BearerAuth
// @Param        version path string true "Version" example(qualite-2025)
// @Success      200 {object} LabelGrid
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /label-grids/{version} [get]
func (h *Handlers) getGrid(c echo.Context) error {
	g, err := h.Labelling.Grid(c.Request().Context(), c.Param("version"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, gridDTO(g))
}

// publishGrid godoc
// @Summary      Publier une nouvelle version de la grille
// @Description  Niveau national. Une version publiée ne change plus ; les audits ouverts à partir de sa date d’entrée en vigueur la prennent, les audits existants gardent la leur. 409 label_grid.version_taken.
// @Tags         labellisation
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body body LabelGrid true "Grille"
// @Success      201 {object} LabelGrid
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      409 {object} Problem
// @Failure      422 {object} Problem
// @Router       /label-grids [post]
func (h *Handlers) publishGrid(c echo.Context) error {
	var in GridDTO
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	g := labelling.Grid{Version: in.Version, Title: in.Title, Criteria: make([]labelling.Criterion, len(in.Criteria))}
	if d, err := time.Parse(time.DateOnly, in.ValidFrom); err == nil {
		g.ValidFrom = d
	}
	for i, x := range in.Criteria {
		g.Criteria[i] = labelling.Criterion{Code: x.Code, Label: x.Label, Category: x.Category, Automatic: x.Automatic}
		if x.ComplianceCode != nil {
			g.Criteria[i].ComplianceCode = *x.ComplianceCode
		}
	}
	out, err := h.Labelling.PublishGrid(c.Request().Context(), actorOf(c), g)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", apiPrefix+"/label-grids/"+out.Version)
	return c.JSON(http.StatusCreated, gridDTO(out))
}

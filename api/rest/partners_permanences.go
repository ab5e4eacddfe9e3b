package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/pkg/partnering"
)

// Permanences of the partners at the structures, and the coverage matrix (ADR 0008).

// listPermanences godoc
// @Summary      Permanences des partenaires dans une structure
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Structure" format(uuid)
// @Success      200 {object} PermanenceList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id}/permanences [get]
func (h *Handlers) listPermanences(c echo.Context) error {
	list, err := h.Partners.Permanences(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := PermanenceList{Items: make([]PermanenceDTO, len(list))}
	for i, p := range list {
		out.Items[i] = permanenceDTO(p, "")
	}
	return c.JSON(http.StatusOK, out)
}

func writePermanence(c echo.Context, status int, p partnering.Permanence) error {
	setETag(c, p.Version)
	return c.JSON(status, permanenceDTO(p, ""))
}

// createPermanence godoc
// @Summary      Ajouter une permanence
// @Description  Un partenaire reçoit dans la structure (ou à un arrêt du bus) : en personne, en visio ou par téléphone, selon des horaires au format de ceux de la structure (propriétaire : la permanence). Une permanence mensuelle s’écrit « toutes les n semaines » (`week_rule` every_n, 4) et se décrit dans `summary` (« 1er mardi du mois »). Un partenaire (compte ou logiciel) n’ajoute que les permanences de son organisme, qui est le partenaire par défaut.
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id              path   string          true  "Structure" format(uuid)
// @Param        Idempotency-Key header string          false "Clé d’idempotence"
// @Param        body            body   PermanenceInput true  "Permanence"
// @Success      201 {object} Permanence
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/{id}/permanences [post]
func (h *Handlers) createPermanence(c echo.Context) error {
	var in PermanenceInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	f, err := in.fields()
	if err != nil {
		return err
	}
	p, err := h.Partners.CreatePermanence(c.Request().Context(), actorOf(c), c.Param("id"), f)
	if err != nil {
		return err
	}
	return writePermanence(c, http.StatusCreated, p)
}

// updatePermanence godoc
// @Summary      Modifier une permanence
// @Description  Champs absents inchangés ; `schedules`, s’il est donné, remplace les horaires de la permanence. Le partenaire ne change pas.
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string          true "Permanence" format(uuid)
// @Param        If-Match header string          true "ETag lu"
// @Param        body     body   PermanenceInput true "Champs à modifier"
// @Success      200 {object} Permanence
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /permanences/{id} [patch]
func (h *Handlers) updatePermanence(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Partners.Permanence(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	var in PermanenceInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	f, err := in.fields()
	if err != nil {
		return err
	}
	p, err := h.Partners.UpdatePermanence(ctx, actor, id, version, f)
	if err != nil {
		return err
	}
	return writePermanence(c, http.StatusOK, p)
}

// deletePermanence godoc
// @Summary      Supprimer une permanence
// @Description  La permanence et ses horaires.
// @Tags         partenaires
// @Security     BearerAuth
// @Param        id       path   string true "Permanence" format(uuid)
// @Param        If-Match header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /permanences/{id} [delete]
func (h *Handlers) deletePermanence(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Partners.Permanence(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	if err := h.Partners.DeletePermanence(ctx, actor, id, version); err != nil {
		return err
	}
	return noContent(c)
}

// partnerCoverage godoc
// @Summary      Couverture du socle des partenaires
// @Description  Matrice structures × opérateurs du socle en vigueur à la date `at` (aujourd’hui par défaut) : couvert par un référent valide à cette date (du département ou de la structure) ou par une permanence dans la structure. Les structures fermées ou retirées n’y figurent pas.
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        code path  string true  "Département" example(70)
// @Param        at   query string false "Date" format(date)
// @Success      200 {object} PartnerCoverage
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /departements/{code}/partners/coverage [get]
func (h *Handlers) partnerCoverage(c echo.Context) error {
	r, err := h.Partners.Coverage(c.Request().Context(), actorOf(c), c.Param("code"), c.QueryParam("at"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, coverageDTO(r))
}

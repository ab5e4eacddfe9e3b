package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
	"maillage/pkg/partner"
)

// Referents of the partners (ADR 0008).

// listReferents godoc
// @Summary      Référents des partenaires d’un département
// @Description  Filtres : un partenaire (`partner_kind` et `partner_id`), une structure (ses référents et ceux de tout le département).
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        code         path  string true  "Département" example(70)
// @Param        partner_kind query string false "operator ou local" Enums(operator, local)
// @Param        partner_id   query string false "Code de l’opérateur ou identifiant du partenaire local"
// @Param        structure_id query string false "Structure" format(uuid)
// @Success      200 {object} ReferentList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /departements/{code}/referents [get]
func (h *Handlers) listReferents(c echo.Context) error {
	f := partner.ReferentFilter{StructureID: c.QueryParam("structure_id")}
	if k := c.QueryParam("partner_kind"); k != "" || c.QueryParam("partner_id") != "" {
		f.Partner = &partner.Ref{Kind: partner.Kind(k), ID: c.QueryParam("partner_id")}
	}
	if f.StructureID != "" && !db.IsUUID(f.StructureID) {
		return apperr.Invalid("validation_failed", "structure_id", "Identifiant de structure invalide.")
	}
	list, err := h.Partners.Referents(c.Request().Context(), actorOf(c), c.Param("code"), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, referentList(list))
}

// createReferent godoc
// @Summary      Ajouter un référent
// @Description  Pour tout le département ou pour une structure (`structure_id`). Un partenaire (compte ou logiciel) n’ajoute que des référents de son organisme, qui est le partenaire par défaut.
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        code            path   string        true  "Département" example(70)
// @Param        Idempotency-Key header string        false "Clé d’idempotence"
// @Param        body            body   ReferentInput true  "Référent"
// @Success      201 {object} Referent
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /departements/{code}/referents [post]
func (h *Handlers) createReferent(c echo.Context) error {
	var in ReferentInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, err := h.Partners.CreateReferent(c.Request().Context(), actorOf(c), c.Param("code"), in.fields())
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(http.StatusCreated, referentDTO(r))
}

// updateReferent godoc
// @Summary      Modifier un référent
// @Description  Le partenaire ne change pas ; `structure_id` vide : tout le département.
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string        true "Référent" format(uuid)
// @Param        If-Match header string        true "ETag lu"
// @Param        body     body   ReferentInput true "Champs à modifier"
// @Success      200 {object} Referent
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /referents/{id} [patch]
func (h *Handlers) updateReferent(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Partners.Referent(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	var in ReferentInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, err := h.Partners.UpdateReferent(ctx, actor, id, version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(http.StatusOK, referentDTO(r))
}

// deleteReferent godoc
// @Summary      Supprimer un référent
// @Tags         partenaires
// @Security     BearerAuth
// @Param        id       path   string true "Référent" format(uuid)
// @Param        If-Match header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /referents/{id} [delete]
func (h *Handlers) deleteReferent(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Partners.Referent(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	if err := h.Partners.DeleteReferent(ctx, actor, id, version); err != nil {
		return err
	}
	return noContent(c)
}

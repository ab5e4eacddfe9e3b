package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/partner"
)

// Partners (ADR 0008): operators and the socle, local partners, the partner page.

// listOperators godoc
// @Summary      Opérateurs nationaux et socle
// @Description  Les opérateurs nationaux, leur nom à la date `at` (aujourd’hui par défaut) avec l’historique de leurs noms, et s’ils font partie du socle à cette date.
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        at query string false "Date" format(date)
// @Success      200 {object} OperatorList
// @Failure      401 {object} Problem
// @Failure      422 {object} Problem
// @Router       /operators [get]
func (h *Handlers) listOperators(c echo.Context) error {
	at := c.QueryParam("at")
	if at == "" {
		at = partner.CivilDate(h.now())
	} else if _, err := dateParam(c, "at"); err != nil {
		return err
	}
	ops, err := h.Partners.Operators(c.Request().Context())
	if err != nil {
		return err
	}
	out := OperatorList{At: at, Items: make([]OperatorDTO, len(ops))}
	for i, o := range ops {
		out.Items[i] = operatorDTO(o, at)
		if out.Items[i].InSocle {
			out.SocleCount++
		}
	}
	return c.JSON(http.StatusOK, out)
}

// createOperator godoc
// @Summary      Ajouter un opérateur national
// @Description  Administration nationale seulement. `code` stable (minuscules, chiffres, _) ; `name` et `short_name` valent à partir de `renamed_on` (début du socle, sinon aujourd’hui).
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        Idempotency-Key header string        false "Clé d’idempotence"
// @Param        body            body   OperatorInput true  "Opérateur"
// @Success      201 {object} Operator
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /operators [post]
func (h *Handlers) createOperator(c echo.Context) error {
	var in OperatorInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	o, err := h.Partners.CreateOperator(c.Request().Context(), actorOf(c), in.fields())
	if err != nil {
		return err
	}
	setETag(c, o.Version)
	return c.JSON(http.StatusCreated, operatorDTO(o, partner.CivilDate(h.now())))
}

// updateOperator godoc
// @Summary      Modifier un opérateur national
// @Description  Période du socle, ou nouveau nom à partir de `renamed_on` (aujourd’hui par défaut) : les noms précédents restent dans l’historique. Le code ne change pas.
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string        true "Code de l’opérateur"
// @Param        If-Match header string        true "ETag lu"
// @Param        body     body   OperatorInput true "Champs à modifier"
// @Success      200 {object} Operator
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /operators/{id} [patch]
func (h *Handlers) updateOperator(c echo.Context) error {
	ctx, code := c.Request().Context(), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Partners.Operator(ctx, code); return err })
	if err != nil {
		return err
	}
	var in OperatorInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	o, err := h.Partners.UpdateOperator(ctx, actorOf(c), code, version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, o.Version)
	return c.JSON(http.StatusOK, operatorDTO(o, partner.CivilDate(h.now())))
}

// listLocalPartners godoc
// @Summary      Partenaires locaux d’un département
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        code path string true "Département" example(70)
// @Success      200 {object} LocalPartnerList
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /departements/{code}/local-partners [get]
func (h *Handlers) listLocalPartners(c echo.Context) error {
	list, err := h.Partners.LocalPartners(c.Request().Context(), actorOf(c), c.Param("code"))
	if err != nil {
		return err
	}
	out := LocalPartnerList{Items: make([]LocalPartnerDTO, len(list))}
	for i, p := range list {
		out.Items[i] = localPartnerDTO(p)
	}
	return c.JSON(http.StatusOK, out)
}

// createLocalPartner godoc
// @Summary      Ajouter un partenaire local
// @Description  Administration, préfecture et animation départementale du département. Type dans la liste, ou « autre » avec `type_label`.
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        code            path   string            true  "Département" example(70)
// @Param        Idempotency-Key header string            false "Clé d’idempotence"
// @Param        body            body   LocalPartnerInput true  "Partenaire"
// @Success      201 {object} LocalPartner
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /departements/{code}/local-partners [post]
func (h *Handlers) createLocalPartner(c echo.Context) error {
	var in LocalPartnerInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := h.Partners.CreateLocalPartner(c.Request().Context(), actorOf(c), c.Param("code"), in.fields())
	if err != nil {
		return err
	}
	setETag(c, p.Version)
	return c.JSON(http.StatusCreated, localPartnerDTO(p))
}

// updateLocalPartner godoc
// @Summary      Modifier un partenaire local
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string            true "Partenaire local" format(uuid)
// @Param        If-Match header string            true "ETag lu"
// @Param        body     body   LocalPartnerInput true "Champs à modifier"
// @Success      200 {object} LocalPartner
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /local-partners/{id} [patch]
func (h *Handlers) updateLocalPartner(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Partners.LocalPartner(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	var in LocalPartnerInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := h.Partners.UpdateLocalPartner(ctx, actor, id, version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, p.Version)
	return c.JSON(http.StatusOK, localPartnerDTO(p))
}

// deleteLocalPartner godoc
// @Summary      Supprimer un partenaire local
// @Description  Seulement s’il n’a plus de référent, de permanence ni de client d’API (409 sinon).
// @Tags         partenaires
// @Security     BearerAuth
// @Param        id       path   string true "Partenaire local" format(uuid)
// @Param        If-Match header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /local-partners/{id} [delete]
func (h *Handlers) deleteLocalPartner(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Partners.LocalPartner(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	if err := h.Partners.DeleteLocalPartner(ctx, actor, id, version); err != nil {
		return err
	}
	return noContent(c)
}

// partnerPage godoc
// @Summary      Fiche d’un partenaire
// @Description  Un opérateur national (`kind=operator`, id = code) ou un partenaire local (`kind=local`), avec ses référents et ses permanences dans votre territoire (dans un département si `departement` est donné).
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        kind        path  string true  "operator ou local" Enums(operator, local)
// @Param        id          path  string true  "Code de l’opérateur ou identifiant du partenaire local"
// @Param        departement query string false "Département" example(70)
// @Success      200 {object} PartnerPage
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /partners/{kind}/{id} [get]
func (h *Handlers) partnerPage(c echo.Context) error {
	kind := c.Param("kind")
	if !partner.Kind(kind).Valid() {
		return apperr.NotFound("partner.not_found", "Ce partenaire n’existe pas.")
	}
	p, err := h.Partners.Page(c.Request().Context(), actorOf(c), kind, c.Param("id"), c.QueryParam("departement"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, partnerPageDTO(p, partner.CivilDate(h.now())))
}

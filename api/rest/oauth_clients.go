package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Management of the API clients of partner software (ADR 0008): admin, and prefecture for its départements.

// listAPIClients godoc
// @Summary      Clients d’API des logiciels partenaires
// @Description  Ceux qui couvrent au moins un département de votre territoire (ou le département `departement`). Jamais de secret.
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        departement query string false "Département" example(70)
// @Success      200 {object} APIClientList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /api-clients [get]
func (h *Handlers) listAPIClients(c echo.Context) error {
	list, err := h.Partners.Clients(c.Request().Context(), actorOf(c), c.QueryParam("departement"))
	if err != nil {
		return err
	}
	out := APIClientList{Items: make([]APIClientDTO, len(list))}
	for i, cl := range list {
		out.Items[i] = apiClientDTO(cl, h.now())
	}
	return c.JSON(http.StatusOK, out)
}

// getAPIClient godoc
// @Summary      Client d’API
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Client" format(uuid)
// @Success      200 {object} APIClient
// @Header       200 {string} ETag "Version de la ressource"
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /api-clients/{id} [get]
func (h *Handlers) getAPIClient(c echo.Context) error {
	cl, err := h.Partners.Client(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	setETag(c, cl.Version)
	return c.JSON(http.StatusOK, apiClientDTO(cl, h.now()))
}

// createAPIClient godoc
// @Summary      Enregistrer un logiciel partenaire
// @Description  Un organisme (opérateur national ou partenaire local), ses départements (dans votre territoire), ses portées (`structures:read`, `permanences:write`, `referents:write`) et ses dates de validité. Le secret (`client_secret`) n’est montré qu’une fois : seule son empreinte est conservée.
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body body APIClientInput true "Client"
// @Success      201 {object} APIClientCreated
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /api-clients [post]
func (h *Handlers) createAPIClient(c echo.Context) error {
	var in APIClientInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cl, secret, err := h.Partners.CreateClient(c.Request().Context(), actorOf(c), in.fields())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	setETag(c, cl.Version)
	return c.JSON(http.StatusCreated, APIClientCreatedDTO{APIClientDTO: apiClientDTO(cl, h.now()), ClientSecret: secret})
}

// updateAPIClient godoc
// @Summary      Modifier un client d’API
// @Description  Nom, départements, portées, dates de validité ; l’organisme ne change pas. Effet immédiat sur les jetons en cours (relus à chaque requête).
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string         true "Client" format(uuid)
// @Param        If-Match header string         true "ETag lu"
// @Param        body     body   APIClientInput true "Champs à modifier"
// @Success      200 {object} APIClient
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /api-clients/{id} [patch]
func (h *Handlers) updateAPIClient(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Partners.Client(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	var in APIClientInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cl, err := h.Partners.UpdateClient(ctx, actor, id, version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, cl.Version)
	return c.JSON(http.StatusOK, apiClientDTO(cl, h.now()))
}

// rotateAPIClientSecret godoc
// @Summary      Nouveau secret (rotation)
// @Description  Le nouveau secret n’est montré qu’une fois ; les précédents restent valides jusqu’à `old_secret_expires_at` (7 jours par défaut, 30 au plus), le temps de déployer le nouveau. Corps facultatif.
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id   path string               true  "Client" format(uuid)
// @Param        body body APIClientSecretInput false "Fin de validité des secrets précédents"
// @Success      201 {object} APIClientSecretCreated
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      422 {object} Problem
// @Router       /api-clients/{id}/secrets [post]
func (h *Handlers) rotateAPIClientSecret(c echo.Context) error {
	var in APIClientSecretInput
	if c.Request().ContentLength != 0 {
		if err := bindJSON(c, &in); err != nil {
			return err
		}
	}
	secret, expires, err := h.Partners.RotateSecret(c.Request().Context(), actorOf(c), c.Param("id"), in.OldSecretExpiresAt)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, APIClientSecretCreatedDTO{ClientSecret: secret.Value,
		Secret: APIClientSecretDTO(secret.Secret), OldSecretExpiresAt: expires})
}

// revokeAPIClient godoc
// @Summary      Révoquer un client d’API
// @Description  Immédiat : ses jetons sont refusés dès la requête suivante, ses secrets expirent, ses webhooks ne reçoivent plus rien. Révoquer un client révoqué ne change rien.
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Client" format(uuid)
// @Success      200 {object} APIClient
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /api-clients/{id}/revoke [post]
func (h *Handlers) revokeAPIClient(c echo.Context) error {
	cl, err := h.Partners.RevokeClient(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	setETag(c, cl.Version)
	return c.JSON(http.StatusOK, apiClientDTO(cl, h.now()))
}

package rest

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/docs/openapi"
)

//go:embed apidocs/index.html
var apiDocsHTML []byte

//go:embed apidocs/app.js
var apiDocsJS []byte

// openAPI godoc
// @Summary      Spécification OpenAPI 3 de l’API
// @Tags         documentation
// @Produce      json
// @Success      200 {object} object
// @Router       /openapi.json [get]
func (h *Handlers) openAPI(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=300")
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openapi.JSON)
}

// apiDocsPage serves a self-contained documentation page for people (no CDN: it works offline and under our CSP).
func (h *Handlers) apiDocsPage(c echo.Context) error {
	return c.HTMLBlob(http.StatusOK, apiDocsHTML)
}

func (h *Handlers) apiDocsScript(c echo.Context) error {
	return c.Blob(http.StatusOK, "text/javascript; charset=utf-8", apiDocsJS)
}

package rest

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/partnering"
)

// tokenPath is the token endpoint of partner software (client credentials, ADR 0008).
const tokenPath = apiPrefix + "/oauth/token"

// issueClientToken godoc
// @Summary      Jeton d’accès d’un logiciel partenaire (client credentials)
// @Description  OAuth 2.0, RFC 6749 §4.4. Corps `application/x-www-form-urlencoded` : `grant_type=client_credentials`, `client_id` et `client_secret` (ou en-tête HTTP Basic), `scope` facultatif (portées séparées par des espaces, toutes celles du client par défaut). Jeton JWT valable 10 minutes, `aud` = cette API. Les erreurs suivent la RFC 6749 §5.2 (`{"error": "invalid_client"}`), pas le format problem+json.
// @Tags         partenaires
// @Accept       x-www-form-urlencoded
// @Produce      json
// @Param        grant_type    formData string true  "client_credentials"
// @Param        client_id     formData string false "Identifiant du client (sinon HTTP Basic)"
// @Param        client_secret formData string false "Secret du client (sinon HTTP Basic)"
// @Param        scope         formData string false "Portées demandées"
// @Success      200 {object} ClientToken
// @Failure      400 {object} OAuthError
// @Failure      401 {object} OAuthError
// @Router       /oauth/token [post]
func (h *Handlers) issueClientToken(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	c.Response().Header().Set("Pragma", "no-cache")
	req := c.Request()
	if !strings.HasPrefix(req.Header.Get(echo.HeaderContentType), echo.MIMEApplicationForm) {
		return oauthError(c, http.StatusBadRequest, "invalid_request", "Le corps doit être au format application/x-www-form-urlencoded.")
	}
	if err := req.ParseForm(); err != nil {
		return oauthError(c, http.StatusBadRequest, "invalid_request", "Corps de la requête illisible.")
	}
	switch req.PostForm.Get("grant_type") {
	case "client_credentials":
	case "":
		return oauthError(c, http.StatusBadRequest, "invalid_request", "Le paramètre grant_type est obligatoire.")
	default:
		return oauthError(c, http.StatusBadRequest, "unsupported_grant_type", "Seul grant_type=client_credentials est accepté.")
	}
	id, secret, basic, err := clientCredentials(req)
	if err != nil {
		return oauthError(c, http.StatusBadRequest, "invalid_request", err.Error())
	}
	tok, err := h.Partners.IssueToken(req.Context(), id, secret, req.PostForm.Get("scope"))
	if e, ok := apperr.As(err); ok && (e.Code == partnering.ErrInvalidClient.Code || e.Code == partnering.ErrInvalidScope.Code) {
		status := http.StatusBadRequest
		if e.Code == partnering.ErrInvalidClient.Code {
			status = http.StatusUnauthorized
			if basic {
				c.Response().Header().Set("WWW-Authenticate", `Basic realm="maillage", charset="UTF-8"`)
			}
		}
		return oauthError(c, status, e.Code, e.Message)
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ClientTokenDTO{AccessToken: tok.Value, TokenType: "Bearer",
		ExpiresIn: int(auth.ClientTokenTTL.Seconds()), Scope: strings.Join(tok.Scopes, " ")})
}

// oauthError answers in the form of RFC 6749 §5.2, which OAuth client libraries expect from a token endpoint
// (the only place where errors are not problem+json).
func oauthError(c echo.Context, status int, code, description string) error {
	return c.JSON(status, OAuthErrorDTO{Error: code, ErrorDescription: description})
}

// clientCredentials reads the client's id and secret from HTTP Basic (form-encoded then base64, RFC 6749 §2.3.1)
// or from the body; both at once is an error.
func clientCredentials(req *http.Request) (id, secret string, basic bool, err error) {
	id, secret = req.PostForm.Get("client_id"), req.PostForm.Get("client_secret")
	header := req.Header.Get("Authorization")
	if header == "" {
		return id, secret, false, nil
	}
	scheme, value, _ := strings.Cut(header, " ")
	raw, decodeErr := base64.StdEncoding.DecodeString(strings.TrimSpace(value))
	user, pass, ok := strings.Cut(string(raw), ":")
	if !strings.EqualFold(scheme, "Basic") || decodeErr != nil || !ok {
		return "", "", true, errInvalidBasic
	}
	if secret != "" {
		return "", "", true, errTwoCredentials
	}
	if id, err = url.QueryUnescape(user); err == nil {
		secret, err = url.QueryUnescape(pass)
	}
	if err != nil {
		return "", "", true, errInvalidBasic
	}
	return id, secret, true, nil
}

type oauthRequestError string

func (e oauthRequestError) Error() string { return string(e) }

const (
	errInvalidBasic   oauthRequestError = "En-tête Authorization invalide : Basic base64(client_id:client_secret) attendu."
	errTwoCredentials oauthRequestError = "Les identifiants du client sont à donner une seule fois : en-tête Basic ou corps, pas les deux."
)

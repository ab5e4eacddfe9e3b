package rest

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/user"
)

// refreshCookie carries the refresh token. It is httpOnly (scripts never see it), SameSite=Strict (no
// cross-site request carries it) and limited to the auth endpoints, the only ones that need it.
const (
	refreshCookie     = "maillage_refresh"
	refreshCookiePath = apiPrefix + "/auth"
)

// LoginRequest is an e-mail and password login.
type LoginRequest struct {
	Email    string `json:"email" validate:"required" example:"prefecture.70@maillage.test"`
	Password string `json:"password" validate:"required" example:"maillage-demo-2026"`
} //@name LoginRequest

// TokenResponse is an open session: the access token (15 minutes) and the account. The refresh token travels
// in the maillage_refresh cookie only.
type TokenResponse struct {
	AccessToken string  `json:"access_token" validate:"required"`
	TokenType   string  `json:"token_type" validate:"required" example:"Bearer"`
	ExpiresIn   int     `json:"expires_in" validate:"required" example:"900"`
	User        UserDTO `json:"user" validate:"required"`
} //@name TokenResponse

// ChangePasswordRequest changes the caller's own password.
type ChangePasswordRequest struct {
	CurrentPassword string `json:"current_password" validate:"required"`
	NewPassword     string `json:"new_password" validate:"required" minLength:"12"`
} //@name ChangePasswordRequest

// login godoc
// @Summary      Connexion par adresse e-mail et mot de passe
// @Description  Renvoie un jeton d’accès (15 minutes) et dépose le jeton de renouvellement dans le cookie httpOnly maillage_refresh. Après 5 échecs en 15 minutes, le compte est bloqué 15 minutes (429, Retry-After).
// @Tags         authentification
// @Accept       json
// @Produce      json
// @Param        body body LoginRequest true "Identifiants"
// @Success      200 {object} TokenResponse
// @Failure      400 {object} Problem
// @Failure      401 {object} Problem
// @Failure      422 {object} Problem
// @Failure      429 {object} Problem
// @Router       /auth/login [post]
func (h *Handlers) login(c echo.Context) error {
	var req LoginRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	sess, err := h.Users.Login(c.Request().Context(), req.Email, req.Password, c.RealIP())
	if err != nil {
		return err
	}
	return h.sessionResponse(c, sess)
}

// refresh godoc
// @Summary      Renouvellement de la session
// @Description  Échange le cookie maillage_refresh contre un nouveau jeton d’accès et un nouveau cookie (rotation). Un cookie déjà utilisé révoque toute la session (auth.refresh_reused).
// @Tags         authentification
// @Produce      json
// @Success      200 {object} TokenResponse
// @Failure      401 {object} Problem
// @Router       /auth/refresh [post]
func (h *Handlers) refresh(c echo.Context) error {
	sess, err := h.Users.Refresh(c.Request().Context(), refreshTokenOf(c))
	if apperr.IsKind(err, apperr.KindUnauthenticated) {
		h.clearRefreshCookie(c) // the browser should stop sending a token that will never work again
	}
	if err != nil {
		return err
	}
	return h.sessionResponse(c, sess)
}

// logout godoc
// @Summary      Déconnexion
// @Description  Révoque la session du cookie maillage_refresh et efface le cookie.
// @Tags         authentification
// @Success      204
// @Failure      401 {object} Problem
// @Router       /auth/logout [post]
func (h *Handlers) logout(c echo.Context) error {
	if err := h.Users.Logout(c.Request().Context(), refreshTokenOf(c)); err != nil {
		return err
	}
	h.clearRefreshCookie(c)
	return noContent(c)
}

// me godoc
// @Summary      Mon compte
// @Tags         authentification
// @Produce      json
// @Security     BearerAuth
// @Success      200 {object} User
// @Failure      401 {object} Problem
// @Router       /auth/me [get]
func (h *Handlers) me(c echo.Context) error {
	u, err := h.Users.Me(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	setETag(c, u.Version)
	return c.JSON(http.StatusOK, userDTO(u))
}

// changePassword godoc
// @Summary      Changement de mon mot de passe
// @Description  Vérifie le mot de passe actuel ; les autres sessions du compte sont fermées, celle-ci reste ouverte.
// @Tags         authentification
// @Accept       json
// @Security     BearerAuth
// @Param        body body ChangePasswordRequest true "Mot de passe actuel et nouveau (12 caractères au moins)"
// @Success      204
// @Failure      400 {object} Problem
// @Failure      401 {object} Problem
// @Failure      422 {object} Problem
// @Failure      429 {object} Problem
// @Router       /auth/password [post]
func (h *Handlers) changePassword(c echo.Context) error {
	var req ChangePasswordRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	err := h.Users.ChangeOwnPassword(c.Request().Context(), actorOf(c), user.PasswordChange{
		Current: req.CurrentPassword, New: req.NewPassword, KeepRefresh: refreshTokenOf(c), IP: c.RealIP()})
	if err != nil {
		return err
	}
	return noContent(c)
}

func (h *Handlers) sessionResponse(c echo.Context, sess user.Session) error {
	h.setRefreshCookie(c, sess.RefreshToken, sess.RefreshExpiresAt)
	c.Response().Header().Set("Cache-Control", "no-store") // tokens must not sit in any cache
	return c.JSON(http.StatusOK, TokenResponse{AccessToken: sess.Access.Value, TokenType: "Bearer",
		ExpiresIn: int(auth.AccessTokenTTL.Seconds()), User: userDTO(sess.User)})
}

func refreshTokenOf(c echo.Context) string {
	cookie, err := c.Cookie(refreshCookie)
	if err != nil {
		return ""
	}
	return cookie.Value
}

func (h *Handlers) setRefreshCookie(c echo.Context, value string, expires time.Time) {
	c.SetCookie(&http.Cookie{Name: refreshCookie, Value: value, Path: refreshCookiePath,
		MaxAge: int(expires.Sub(h.now()).Seconds()), HttpOnly: true, Secure: h.cfg.SecureCookies,
		SameSite: http.SameSiteStrictMode})
}

func (h *Handlers) clearRefreshCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: refreshCookie, Value: "", Path: refreshCookiePath, MaxAge: -1, HttpOnly: true,
		Secure: h.cfg.SecureCookies, SameSite: http.SameSiteStrictMode})
}

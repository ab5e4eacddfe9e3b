package rest

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/compliance"
	"maillage/pkg/config"
	"maillage/pkg/db"
	"maillage/pkg/idempotency"
	"maillage/pkg/labelflow"
	"maillage/pkg/partnering"
	"maillage/pkg/registry"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
	"maillage/pkg/user"
	"maillage/pkg/visiting"
)

// Authenticator turns a bearer token into the actor behind it (checked strictly, territory loaded fresh).
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (auth.Actor, error)
}

// Services are the application services the handlers call.
type Services struct {
	Auth        Authenticator
	Territory   *territory.Store
	Idempotency *idempotency.Store
	Users       *user.Service
	Audit       *audit.Log
	Structures  *structure.Store
	Registry    *registry.Service
	Visiting    *visiting.Service
	Compliance  *compliance.Service // opening hours, agents, compliance (ADR 0006)
	Partners    *partnering.Service // partners, API clients, webhooks (ADR 0008)
	Webhooks    *partnering.Worker  // webhook dispatcher and sender, started by serve (ADR 0008)
	Labelling   *labelflow.Service  // labelling: lifecycle, candidature, audit, waves, targets (ADR 0007)
}

// Handlers hold what every handler needs; they stay thin: decode, call a service, encode.
type Handlers struct {
	cfg config.Config
	db  *gorm.DB
	log *slog.Logger
	now func() time.Time
	Services
}

func newHandlers(d Deps) *Handlers {
	return &Handlers{cfg: d.Config, db: d.DB, log: d.Log, now: d.Now, Services: d.Services}
}

// authenticate attaches the actor when a bearer token is present. A malformed, expired or forged token is a 401
// even on public routes: a client that sends a token expects it to be honoured. authorize decides the rest.
func (h *Handlers) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		header := c.Request().Header.Get("Authorization")
		if header == "" || !strings.HasPrefix(c.Request().URL.Path, apiPrefix) {
			return next(c)
		}
		if c.Request().URL.Path == tokenPath { // the token endpoint reads HTTP Basic client credentials itself
			return next(c)
		}
		scheme, token, ok := strings.Cut(header, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" || h.Auth == nil {
			return apperr.New(apperr.KindUnauthenticated, "auth.invalid_token", "Jeton d’accès invalide.")
		}
		actor, err := h.Auth.Authenticate(c.Request().Context(), strings.TrimSpace(token))
		if err != nil {
			return err
		}
		c.SetRequest(c.Request().WithContext(auth.WithActor(c.Request().Context(), actor)))
		return next(c)
	}
}

// healthz answers while the process runs.
func (h *Handlers) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 when the database answers within 2 s, 503 otherwise (load balancers stop routing to us).
func (h *Handlers) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := db.Ping(ctx, h.db); err != nil {
		return db.Unavailable(err)
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}

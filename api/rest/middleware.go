package rest

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
)

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// requestID keeps a well-formed incoming X-Request-Id (a proxy's) or makes one, and carries it in the context.
func requestID() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			id := c.Request().Header.Get(echo.HeaderXRequestID)
			if !validRequestID.MatchString(id) {
				b := make([]byte, 12)
				_, _ = rand.Read(b)
				id = hex.EncodeToString(b)
			}
			c.Response().Header().Set(echo.HeaderXRequestID, id)
			c.SetRequest(c.Request().WithContext(auth.WithRequestID(c.Request().Context(), id)))
			return next(c)
		}
	}
}

// accessLog writes one structured line per request, after the error handler has chosen the status.
func accessLog(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err) // render now so the status below is the one sent
			}
			req, res := c.Request(), c.Response()
			level := slog.LevelInfo
			if res.Status >= 500 {
				level = slog.LevelError
			}
			actor, _ := auth.ActorFrom(c.Request().Context())
			log.LogAttrs(req.Context(), level, "request",
				slog.String("request_id", res.Header().Get(echo.HeaderXRequestID)),
				slog.String("method", req.Method), slog.String("route", c.Path()),
				slog.String("path", loggedPath(c)), slog.Int("status", res.Status),
				slog.Int64("bytes", res.Size), slog.Duration("latency", time.Since(start)),
				slog.String("ip", c.RealIP()), slog.String("actor", actor.ID))
			return nil
		}
	}
}

// loggedPath is the request path for the logs, except on routes whose path carries a secret (the calendar feed
// token), where the route pattern stands in for it.
func loggedPath(c echo.Context) string {
	if strings.Contains(c.Path(), ":token") {
		return c.Path()
	}
	return c.Request().URL.Path
}

func logPanic(log *slog.Logger) middleware.LogErrorFunc {
	return func(c echo.Context, err error, stack []byte) error {
		log.Error("panic", "request_id", c.Response().Header().Get(echo.HeaderXRequestID),
			"error", err.Error(), "stack", string(stack))
		return apperr.Internal(err, "panic")
	}
}

// contentSecurityPolicy suits the built SPA: scripts only from our origin; inline styles are needed by the
// design system's CSS-in-JS; data: images and fonts by the DSFR icons.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(prod bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", contentSecurityPolicy)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
			if prod {
				h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			}
			return next(c)
		}
	}
}

// cors allows the listed origins only, with credentials (the refresh cookie); no origin list, no CORS.
func cors(origins []string) echo.MiddlewareFunc {
	if len(origins) == 0 {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	return middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins:     origins,
		AllowMethods:     []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete},
		AllowHeaders:     []string{"Authorization", "Content-Type", "If-Match", "Idempotency-Key", echo.HeaderXRequestID},
		ExposeHeaders:    []string{"ETag", "Location", "Retry-After", echo.HeaderXRequestID},
		AllowCredentials: true,
		MaxAge:           600,
	})
}

// bodyLimitWith refuses a body over limit with tooLarge (request.too_large when nil).
func bodyLimitWith(limit int64, tooLarge *apperr.Error) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.ContentLength > limit && tooLarge != nil {
				return tooLarge
			}
			if req.ContentLength > limit {
				return apperr.New(apperr.KindTooLarge, "request.too_large",
					"La requête dépasse la taille autorisée ("+strconv.FormatInt(limit>>10, 10)+" Kio).")
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, limit)
			return next(c)
		}
	}
}

// authorize enforces a route's Access after authenticate has (or has not) found an actor.
func authorize(a Access) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if a.Public {
				return next(c)
			}
			actor, ok := auth.ActorFrom(c.Request().Context())
			if !ok {
				return apperr.New(apperr.KindUnauthenticated, "auth.required", "Authentification requise.")
			}
			if actor.Kind == auth.ActorClient {
				return authorizeClient(a, actor, next, c)
			}
			if a.Roles != nil && !slices.Contains(a.Roles, actor.Role) {
				return apperr.Forbidden("auth.forbidden", "Votre rôle ne permet pas d’utiliser cette fonction.")
			}
			return next(c)
		}
	}
}

// authorizeClient lets partner software (ADR 0008) call a route only when its token holds one of the scopes the
// route declares; a route that declares none is closed to clients, whatever their scopes.
func authorizeClient(a Access, actor auth.Actor, next echo.HandlerFunc, c echo.Context) error {
	for _, s := range a.ClientScopes {
		if slices.Contains(actor.Scopes, s) {
			return next(c)
		}
	}
	if len(a.ClientScopes) == 0 {
		return apperr.Forbidden("auth.client_forbidden", "Cette fonction n’est pas ouverte aux logiciels partenaires.")
	}
	return apperr.Forbidden("auth.scope_missing",
		"Le jeton de ce logiciel n’a pas la portée requise : "+strings.Join(a.ClientScopes, " ou ")+".")
}

// rateLimit is a coarse per-caller flood guard (actor, else IP). Its state is per instance on purpose: it only
// protects one replica from a burst; login throttling, which must hold across replicas, lives in PostgreSQL.
// RATE_LIMIT_RPS sets the rate (0 disables, e.g. for benchmarks).
func rateLimit() echo.MiddlewareFunc {
	rps := 50.0
	if v, err := strconv.ParseFloat(os.Getenv("RATE_LIMIT_RPS"), 64); err == nil {
		rps = v
	}
	if rps <= 0 {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	store := middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: rate.Limit(rps), Burst: int(rps * 4), ExpiresIn: 3 * time.Minute,
	})
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Skipper: func(c echo.Context) bool { return !strings.HasPrefix(c.Request().URL.Path, apiPrefix) },
		Store:   store,
		IdentifierExtractor: func(c echo.Context) (string, error) {
			if a, ok := auth.ActorFrom(c.Request().Context()); ok {
				return "actor:" + string(a.Kind) + ":" + a.ID, nil // a partner's software has its own budget
			}
			return "ip:" + c.RealIP(), nil
		},
		ErrorHandler: func(echo.Context, error) error { return echo.ErrForbidden },
		DenyHandler: func(echo.Context, string, error) error {
			return &apperr.Error{Kind: apperr.KindTooManyRequests, Code: "request.rate_limited",
				Message: "Trop de requêtes : réessayez dans un instant.", RetryAfter: time.Second}
		},
	})
}

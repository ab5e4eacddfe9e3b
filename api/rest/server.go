// Package rest is Maillage's HTTP layer: the route table, the middleware chain, the handlers and their DTOs, and
// the one mapping from application errors to HTTP. It is the only package that imports Echo.
package rest

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"gorm.io/gorm"

	"maillage/pkg/config"
)

// Deps is everything the HTTP layer needs; main builds it.
type Deps struct {
	Config config.Config
	DB     *gorm.DB
	Log    *slog.Logger
	Now    func() time.Time
	Services
}

const defaultBodyLimit = 1 << 20 // 1 MiB

// New builds the Echo instance with the middleware chain, the route table and the static SPA.
func New(d Deps) *echo.Echo {
	if d.Now == nil {
		d.Now = time.Now
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(d.Log)
	e.IPExtractor = ipExtractor(d.Config.TrustedProxies)
	h := newHandlers(d)
	m := newMetrics(d.DB)

	// Order matters: every later layer can rely on the earlier ones (an id to log, a log line for a panic…).
	e.Use(requestID())
	e.Use(m.middleware())
	e.Use(accessLog(d.Log))
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, LogErrorFunc: logPanic(d.Log)}))
	e.Use(securityHeaders(d.Config.Env == "prod"))
	e.Use(cors(d.Config.CORSOrigins))
	e.Use(middleware.ContextTimeout(d.Config.RequestTimeout))
	e.Use(h.authenticate)
	e.Use(rateLimit())

	e.GET("/healthz", h.healthz)
	e.GET("/readyz", h.readyz)
	e.GET("/metrics", m.handler(d.Config))
	e.GET(apiPrefix+"/docs", h.apiDocsPage)
	e.GET(apiPrefix+"/docs/app.js", h.apiDocsScript)
	for _, r := range routes(h) {
		limit := r.BodyLimit
		if limit == 0 {
			limit = defaultBodyLimit
		}
		mw := []echo.MiddlewareFunc{bodyLimitWith(limit, r.TooLarge), authorize(r.Access)}
		if r.Method == http.MethodPost && !r.SecretAnswer {
			mw = append(mw, idempotent(h.Idempotency))
		}
		e.Add(r.Method, apiPrefix+r.Path, r.Handler, mw...)
	}
	// Unknown /api paths are problem+json 404s, never the SPA's index.html.
	e.Any(apiPrefix+"/*", func(echo.Context) error { return echo.ErrNotFound })
	if d.Config.StaticDir != "" {
		e.Use(middleware.StaticWithConfig(middleware.StaticConfig{
			Root: d.Config.StaticDir, HTML5: true,
			Skipper: func(c echo.Context) bool { return isAPIPath(c.Request().URL.Path) },
		}))
	}
	return e
}

func isAPIPath(p string) bool {
	return p == "/api" || len(p) >= 5 && p[:5] == "/api/" || p == "/healthz" || p == "/readyz" || p == "/metrics"
}

// ipExtractor trusts X-Forwarded-For only from the configured proxies; otherwise the TCP peer is the client.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// Serve runs the server until ctx is cancelled, then lets in-flight requests finish (up to 20 s).
func Serve(ctx context.Context, e *echo.Echo, addr string, log *slog.Logger) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           e,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Info("listening", "addr", addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

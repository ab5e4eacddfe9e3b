package rest

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type      string            `json:"type" example:"https://maillage.anct.gouv.fr/problems/validation_failed"`
	Title     string            `json:"title" example:"Certains champs sont invalides."`
	Status    int               `json:"status" example:"422"`
	Detail    string            `json:"detail,omitempty"`
	Code      string            `json:"code" example:"validation_failed"`
	Errors    map[string]string `json:"errors,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
} //@name Problem

const problemTypeBase = "https://maillage.anct.gouv.fr/problems/"

// statusOf is the one mapping from error kinds to HTTP statuses.
var statusOf = map[apperr.Kind]int{
	apperr.KindInternal:             http.StatusInternalServerError,
	apperr.KindInvalid:              http.StatusUnprocessableEntity,
	apperr.KindUnauthenticated:      http.StatusUnauthorized,
	apperr.KindForbidden:            http.StatusForbidden,
	apperr.KindNotFound:             http.StatusNotFound,
	apperr.KindConflict:             http.StatusConflict,
	apperr.KindPreconditionFailed:   http.StatusPreconditionFailed,
	apperr.KindPreconditionRequired: http.StatusPreconditionRequired,
	apperr.KindTooManyRequests:      http.StatusTooManyRequests,
	apperr.KindUnavailable:          http.StatusServiceUnavailable,
	apperr.KindTooLarge:             http.StatusRequestEntityTooLarge,
	apperr.KindUnsupportedMedia:     http.StatusUnsupportedMediaType,
}

// echoErrors translates the framework's own errors (unknown route, wrong method, body limit…) into our vocabulary.
var echoErrors = map[int]*apperr.Error{
	http.StatusNotFound:              apperr.NotFound("route.not_found", "Cette adresse n’existe pas."),
	http.StatusMethodNotAllowed:      apperr.New(apperr.KindInvalid, "route.method_not_allowed", "Méthode non autorisée pour cette adresse."),
	http.StatusRequestEntityTooLarge: apperr.New(apperr.KindTooLarge, "request.too_large", "La requête est trop volumineuse."),
	http.StatusUnsupportedMediaType:  apperr.New(apperr.KindUnsupportedMedia, "request.unsupported_media_type", "Type de contenu non pris en charge."),
	http.StatusServiceUnavailable:    apperr.New(apperr.KindUnavailable, "service.unavailable", "Le service est momentanément indisponible."),
	http.StatusTooManyRequests:       apperr.New(apperr.KindTooManyRequests, "request.rate_limited", "Trop de requêtes : réessayez dans un instant."),
	http.StatusUnauthorized:          apperr.New(apperr.KindUnauthenticated, "auth.required", "Authentification requise."),
	http.StatusForbidden:             apperr.Forbidden("auth.forbidden", "Vous n’avez pas accès à cette fonction."),
	http.StatusBadRequest:            apperr.New(apperr.KindInvalid, "request.malformed", "La requête est mal formée."),
}

// toAppError brings any error to an *apperr.Error.
func toAppError(err error) *apperr.Error {
	if db.IsUnavailable(err) {
		return db.Unavailable(err).(*apperr.Error)
	}
	if e, ok := apperr.As(err); ok {
		return e
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		if e, ok := echoErrors[he.Code]; ok {
			return e
		}
	}
	return apperr.Internal(err, "unhandled")
}

// errorHandler renders every error as problem+json; it is the only place that writes error responses.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		e := toAppError(err)
		status := statusOf[e.Kind]
		reqID := c.Response().Header().Get(echo.HeaderXRequestID)
		if status >= 500 {
			log.Error("request failed", "request_id", reqID, "method", c.Request().Method,
				"path", loggedPath(c), "code", e.Code, "error", err.Error())
		}
		if e.RetryAfter > 0 {
			secs := int(e.RetryAfter.Seconds() + 0.999)
			c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
		}
		p := Problem{Type: problemTypeBase + e.Code, Title: e.Message, Status: status, Code: e.Code,
			Errors: e.Fields, RequestID: reqID}
		if status == http.StatusInternalServerError {
			p.Title = "Une erreur interne est survenue."
			p.Detail = "L’incident a été enregistré. Communiquez l’identifiant de requête au support."
		}
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		c.Response().WriteHeader(status)
		if c.Request().Method != http.MethodHead {
			_ = writeJSONBody(c, p)
		}
	}
}

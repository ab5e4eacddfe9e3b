package rest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
)

func writeJSONBody(c echo.Context, v any) error {
	enc := json.NewEncoder(c.Response())
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// bindJSON decodes a JSON body strictly: unknown fields and trailing data are errors, so a typo in a field name
// is reported instead of silently ignored.
func bindJSON(c echo.Context, dst any) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if ct != "" && !strings.HasPrefix(ct, echo.MIMEApplicationJSON) {
		return apperr.New(apperr.KindUnsupportedMedia, "request.unsupported_media_type",
			"Le corps de la requête doit être du JSON (Content-Type: application/json).")
	}
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return apperr.New(apperr.KindInvalid, "request.malformed", "Le corps de la requête contient des données en trop.")
	}
	return nil
}

func decodeError(err error) error {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return apperr.New(apperr.KindTooLarge, "request.too_large", "La requête est trop volumineuse.")
	case errors.Is(err, io.EOF):
		return apperr.New(apperr.KindInvalid, "request.empty_body", "Le corps de la requête est vide.")
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.New(apperr.KindInvalid, "request.malformed", "Le corps de la requête n’est pas du JSON valide.")
	case errors.As(err, &typeErr):
		field := typeErr.Field
		return apperr.Invalid("validation_failed", field,
			fmt.Sprintf("Type incorrect : %s attendu.", frenchType(typeErr.Type.Kind().String())))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return apperr.Invalid("validation_failed", field, "Champ inconnu.")
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return err
	}
	return apperr.New(apperr.KindInvalid, "request.malformed", "Le corps de la requête est illisible.")
}

func frenchType(kind string) string {
	switch kind {
	case "string":
		return "texte"
	case "bool":
		return "booléen"
	case "slice", "array":
		return "liste"
	case "struct", "map":
		return "objet"
	default:
		return "nombre"
	}
}

// actorOf returns the authenticated actor; routes that reach a handler without one are public by declaration.
func actorOf(c echo.Context) auth.Actor {
	a, _ := auth.ActorFrom(c.Request().Context())
	return a
}

// ETag for a versioned resource.
func etagOf(version int) string { return `"` + strconv.Itoa(version) + `"` }

// setETag writes the ETag header of a versioned resource.
func setETag(c echo.Context, version int) { c.Response().Header().Set("ETag", etagOf(version)) }

// ifMatchVersion reads the If-Match header: required on writes to existing resources (428 when missing,
// 412 is decided by the store when the version moved on).
func ifMatchVersion(c echo.Context) (int, error) {
	raw := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if raw == "" {
		return 0, apperr.New(apperr.KindPreconditionRequired, "request.if_match_required",
			"L’en-tête If-Match est obligatoire pour modifier cette ressource (relisez-la pour obtenir son ETag).")
	}
	raw = strings.TrimPrefix(raw, "W/")
	v, err := strconv.Atoi(strings.Trim(raw, `"`))
	if err != nil || v <= 0 {
		return 0, apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch",
			"La ressource a été modifiée depuis votre lecture : rechargez-la puis recommencez.")
	}
	return v, nil
}

// versionToWrite checks first that the caller may see the object (so a write outside the territory is a 404,
// whatever its headers), then reads the If-Match version.
func versionToWrite(c echo.Context, visible func() error) (int, error) {
	if err := visible(); err != nil {
		return 0, err
	}
	return ifMatchVersion(c)
}

// Page reads cursor and limit (default 50, max 200).
type Page struct {
	Cursor string
	Limit  int
}

const (
	defaultLimit = 50
	maxLimit     = 200
)

func pageOf(c echo.Context) (Page, error) {
	p := Page{Cursor: c.QueryParam("cursor"), Limit: defaultLimit}
	if raw := c.QueryParam("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxLimit {
			return p, apperr.Invalid("validation_failed", "limit",
				fmt.Sprintf("La limite doit être un entier entre 1 et %d.", maxLimit))
		}
		p.Limit = n
	}
	return p, nil
}

// noContent answers 204.
func noContent(c echo.Context) error { return c.NoContent(http.StatusNoContent) }

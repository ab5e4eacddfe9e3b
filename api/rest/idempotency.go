package rest

import (
	"bytes"
	"crypto/sha256"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/idempotency"
)

const maxIdempotencyKeyLen = 255

// idempotent honours Idempotency-Key on an authenticated POST: the same key with the same body replays the first
// response (status, body, Location, ETag); the same key with another body is a 422. Only successful responses
// are kept: a failed request may be retried with its key.
func idempotent(store *idempotency.Store) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			key := c.Request().Header.Get("Idempotency-Key")
			actor, ok := auth.ActorFrom(c.Request().Context())
			if key == "" || !ok || store == nil {
				return next(c)
			}
			if len(key) > maxIdempotencyKeyLen {
				return apperr.Invalid("idempotency.key_invalid", "Idempotency-Key", "La clé d’idempotence dépasse 255 caractères.")
			}
			body, err := io.ReadAll(c.Request().Body)
			if err != nil {
				return decodeError(err)
			}
			c.Request().Body = io.NopCloser(bytes.NewReader(body))
			sum := sha256.Sum256(body)
			req := idempotency.Request{Actor: string(actor.Kind) + ":" + actor.ID, Key: key,
				Method: c.Request().Method, Path: c.Request().URL.Path, Hash: sum[:]}
			ctx := c.Request().Context()
			saved, err := store.Reserve(ctx, req)
			if err != nil {
				return err
			}
			if saved != nil {
				return replay(c, saved)
			}
			rec := &recorder{ResponseWriter: c.Response().Writer}
			c.Response().Writer = rec
			err = next(c)
			status := c.Response().Status
			if err != nil || status >= 300 {
				_ = store.Release(ctx, req)
				return err
			}
			h := c.Response().Header()
			_ = store.Complete(ctx, req, idempotency.Response{Status: status, ContentType: h.Get("Content-Type"),
				Location: h.Get("Location"), ETag: h.Get("ETag"), Body: rec.body.Bytes()})
			return nil
		}
	}
}

func replay(c echo.Context, r *idempotency.Response) error {
	h := c.Response().Header()
	for name, v := range map[string]string{"Location": r.Location, "ETag": r.ETag} {
		if v != "" {
			h.Set(name, v)
		}
	}
	h.Set("Idempotent-Replayed", "true")
	ct := r.ContentType
	if ct == "" {
		return c.NoContent(r.Status)
	}
	return c.Blob(r.Status, ct, r.Body)
}

// recorder keeps a copy of what the handler writes.
type recorder struct {
	http.ResponseWriter
	body bytes.Buffer
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

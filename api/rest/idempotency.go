package rest

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/idempotency"
)

const maxIdempotencyKeyLen = 255

// sharedTransaction are the routes whose handler does all its writes in one transaction of its own, with no write
// meant to outlive a failure (unlike, say, the password change, which records a failed attempt before answering
// the error): their claim, their writes and their stored answer commit together (ADR 0005, Performance). The
// others keep the claim and the stored answer in transactions of their own around the handler.
var sharedTransaction = map[string]bool{
	apiPrefix + "/visits":              true,
	apiPrefix + "/visits/:id/findings": true,
	apiPrefix + "/visits/:id/actions":  true,
}

// idempotent honours Idempotency-Key on an authenticated POST: the same key with the same body replays the first
// response (status, body, Location, ETag); the same key with another body is a 422. Only successful responses
// are kept: a failed request may be retried with its key. A replay is one read and writes nothing.
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
			saved, err := store.Lookup(c.Request().Context(), req)
			if err != nil {
				return err
			}
			if saved != nil {
				return replay(c, saved)
			}
			if sharedTransaction[c.Path()] {
				return runInClaimTx(c, store, req, next)
			}
			return runClaimed(c, store, req, next)
		}
	}
}

// errClaimedMeanwhile rolls back a request whose key another request claimed and answered meanwhile.
var errClaimedMeanwhile = errors.New("idempotency key claimed meanwhile")

// runInClaimTx runs the handler in one transaction with the key's claim and, for a success, its stored response;
// the handler's stores join it through the context, and a failure rolls everything back. A concurrent request
// with the same key waits on the claim until this transaction ends, then replays its answer. The response is held
// back until the commit, so a client never sees an answer that was rolled back.
func runInClaimTx(c echo.Context, store *idempotency.Store, req idempotency.Request, next echo.HandlerFunc) error {
	orig, w := c.Request(), c.Response().Writer
	rec := &recorder{ResponseWriter: w}
	c.Response().Writer = rec
	var handlerErr error
	err := db.WithTx(orig.Context(), store.DB, func(ctx context.Context) error {
		claimed, err := store.Claim(ctx, req)
		if err != nil || !claimed {
			return cmp.Or(err, errClaimedMeanwhile)
		}
		c.SetRequest(orig.WithContext(ctx))
		handlerErr = next(c)
		c.SetRequest(orig)
		if handlerErr != nil {
			return handlerErr
		}
		return keep(ctx, c, store, req, rec)
	})
	c.Response().Writer = w
	switch {
	case errors.Is(err, errClaimedMeanwhile):
		return replayClaimed(c, store, req)
	case err != nil && handlerErr == nil:
		// The transaction failed after the handler answered: that answer was rolled back, the error is sent instead.
		resp := c.Response()
		resp.Committed, resp.Status, resp.Size = false, http.StatusOK, 0
		for _, name := range []string{"Content-Type", "Location", "ETag"} {
			resp.Header().Del(name)
		}
		return err
	}
	rec.flush()
	return err
}

// runClaimed claims the key, runs the handler, then stores its answer (or releases the key), each in a
// transaction of its own.
func runClaimed(c echo.Context, store *idempotency.Store, req idempotency.Request, next echo.HandlerFunc) error {
	ctx := c.Request().Context()
	claimed, err := store.Claim(ctx, req)
	if err != nil {
		return err
	}
	if !claimed {
		return replayClaimed(c, store, req)
	}
	w := c.Response().Writer
	rec := &recorder{ResponseWriter: w}
	c.Response().Writer = rec
	err = next(c)
	c.Response().Writer = w
	if err != nil {
		_ = store.Release(ctx, req)
	} else {
		_ = keep(ctx, c, store, req, rec)
	}
	rec.flush()
	return err
}

// keep stores a success for replays, or releases the key of any other answer so a retry runs again.
func keep(ctx context.Context, c echo.Context, store *idempotency.Store, req idempotency.Request, rec *recorder) error {
	if status := c.Response().Status; status >= 300 || !c.Response().Committed {
		return store.Release(ctx, req)
	}
	h := c.Response().Header()
	return store.Complete(ctx, req, idempotency.Response{Status: c.Response().Status, ContentType: h.Get("Content-Type"),
		Location: h.Get("Location"), ETag: h.Get("ETag"), Body: rec.body.Bytes()})
}

// replayClaimed answers a request whose key another request holds: its answer once stored, else 409.
func replayClaimed(c echo.Context, store *idempotency.Store, req idempotency.Request) error {
	saved, err := store.Lookup(c.Request().Context(), req)
	if err != nil {
		return err
	}
	if saved == nil {
		return idempotency.ErrInProgress
	}
	return replay(c, saved)
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

// recorder holds back what the handler writes until the transaction has committed, and keeps a copy to store.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(status int) { r.status = status }

func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

// flush sends what the handler wrote, if anything.
func (r *recorder) flush() {
	if r.status == 0 {
		return
	}
	r.ResponseWriter.WriteHeader(r.status)
	_, _ = r.ResponseWriter.Write(r.body.Bytes())
}

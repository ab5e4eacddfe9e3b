package rest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"maillage/pkg/audit"
)

// AuditEntryDTO is one recorded change. before and after are the object's fields (secrets removed); diff lists
// the changed fields as {"field": {"from": …, "to": …}}.
type AuditEntryDTO struct {
	ID           string          `json:"id" validate:"required" example:"1042"`
	At           time.Time       `json:"at" validate:"required"`
	ActorType    string          `json:"actor_type" validate:"required" enums:"user,client,system"`
	ActorID      string          `json:"actor_id,omitempty"`
	ActorLabel   string          `json:"actor_label,omitempty" example:"prefecture.70@maillage.test"`
	Action       string          `json:"action" validate:"required" example:"user.update"`
	ObjectType   string          `json:"object_type" validate:"required" example:"user"`
	ObjectID     string          `json:"object_id" validate:"required"`
	Departements []string        `json:"departements" validate:"required"`
	Before       json.RawMessage `json:"before,omitempty" swaggertype:"object"`
	After        json.RawMessage `json:"after,omitempty" swaggertype:"object"`
	Diff         json.RawMessage `json:"diff,omitempty" swaggertype:"object"`
	RequestID    string          `json:"request_id,omitempty"`
} //@name AuditEntry

// AuditList is a page of the audit log, newest first.
type AuditList struct {
	Items      []AuditEntryDTO `json:"items" validate:"required"`
	NextCursor *string         `json:"next_cursor"`
} //@name AuditList

// listAudit godoc
// @Summary      Journal des modifications
// @Description  Du plus récent au plus ancien. Hors administration nationale, seules les entrées qui touchent un département du territoire de l’appelant sont visibles.
// @Tags         journal
// @Produce      json
// @Security     BearerAuth
// @Param        object_type query string false "Type d’objet" example(user)
// @Param        object_id   query string false "Identifiant de l’objet"
// @Param        cursor      query string false "Curseur de la page suivante"
// @Param        limit       query int    false "Taille de la page (1–200, 50 par défaut)"
// @Success      200 {object} AuditList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /audit [get]
func (h *Handlers) listAudit(c echo.Context) error {
	page, err := pageOf(c)
	if err != nil {
		return err
	}
	res, err := h.Audit.List(c.Request().Context(), actorOf(c), audit.Filter{ObjectType: c.QueryParam("object_type"),
		ObjectID: c.QueryParam("object_id"), Cursor: page.Cursor, Limit: page.Limit})
	if err != nil {
		return err
	}
	out := AuditList{Items: make([]AuditEntryDTO, len(res.Items))}
	for i, it := range res.Items {
		out.Items[i] = AuditEntryDTO{ID: strconv.FormatInt(it.ID, 10), At: it.At, ActorType: it.ActorType,
			ActorID: it.ActorID, ActorLabel: it.ActorLabel, Action: it.Action, ObjectType: it.ObjectType,
			ObjectID: it.ObjectID, Departements: nonNilStrings(it.Departements), Before: it.Before, After: it.After,
			Diff: it.Diff, RequestID: it.RequestID}
	}
	if res.NextCursor != "" {
		out.NextCursor = &res.NextCursor
	}
	return c.JSON(http.StatusOK, out)
}

package rest

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"maillage/pkg/partner"
	"maillage/pkg/partnering"
)

// Webhooks of the API clients (ADR 0008): subscriptions, delivery log, replay.

// WebhookDTO is a client's subscription to events of its territory.
type WebhookDTO struct {
	ID          string    `json:"id" format:"uuid"`
	APIClientID string    `json:"api_client_id" format:"uuid"`
	URL         string    `json:"url" example:"https://partenaire.example/maillage/webhooks"`
	Events      []string  `json:"events" example:"hours.changed,permanence.changed"`
	Active      bool      `json:"active"`
	CreatedAt   time.Time `json:"created_at"`
	Version     int       `json:"version"`
} //@name Webhook

// WebhookList lists the webhooks of a client.
type WebhookList struct {
	Items []WebhookDTO `json:"items"`
} //@name WebhookList

// WebhookCreatedDTO is a new webhook with its signing secret, shown this once.
type WebhookCreatedDTO struct {
	WebhookDTO
	SigningSecret string `json:"signing_secret" example:"whsec_…"`
} //@name WebhookCreated

// WebhookInput creates a webhook or changes one. Events: structure.created, structure.updated, structure.closed,
// hours.changed, label.changed, permanence.changed.
type WebhookInput struct {
	URL    *string   `json:"url"`
	Events *[]string `json:"events"`
	Active *bool     `json:"active"`
} //@name WebhookInput

func (in WebhookInput) fields() partnering.WebhookFields { return partnering.WebhookFields(in) }

// WebhookDeliveryDTO is one event sent (or to send) to a webhook, with the log of its tries.
type WebhookDeliveryDTO struct {
	ID             string     `json:"id" format:"uuid"`
	EventID        string     `json:"event_id" format:"uuid"`
	Event          string     `json:"event" example:"hours.changed"`
	ObjectType     string     `json:"object_type" example:"structure"`
	ObjectID       string     `json:"object_id"`
	Departement    string     `json:"departement_code" example:"70"`
	Status         string     `json:"status" enums:"pending,delivered,failed,dead"`
	Attempts       int        `json:"attempts"`
	LastStatusCode *int       `json:"last_status_code"`
	LastError      string     `json:"last_error"`
	NextAttemptAt  *time.Time `json:"next_attempt_at"`
	DeliveredAt    *time.Time `json:"delivered_at"`
	ReplayOf       *string    `json:"replay_of" format:"uuid"`
	CreatedAt      time.Time  `json:"created_at"`
} //@name WebhookDelivery

// WebhookDeliveryList lists the latest deliveries of a webhook (100), newest first.
type WebhookDeliveryList struct {
	Items []WebhookDeliveryDTO `json:"items"`
} //@name WebhookDeliveryList

func webhookDTO(s partner.Subscription) WebhookDTO {
	return WebhookDTO{ID: s.ID, APIClientID: s.ClientID, URL: s.URL, Events: nonNil(s.Events), Active: s.Active,
		CreatedAt: s.CreatedAt, Version: s.Version}
}

func deliveryDTO(d partner.Delivery) WebhookDeliveryDTO {
	out := WebhookDeliveryDTO{ID: d.ID, EventID: d.EventID, Event: d.Event, ObjectType: d.ObjectType, ObjectID: d.ObjectID,
		Departement: d.Departement, Status: d.Status, Attempts: d.Attempts, LastStatusCode: d.LastStatusCode,
		LastError: d.LastError, DeliveredAt: d.DeliveredAt, ReplayOf: d.ReplayOf, CreatedAt: d.CreatedAt}
	if d.Status == partner.DeliveryPending || d.Status == partner.DeliveryFailed {
		next := d.NextAttemptAt
		out.NextAttemptAt = &next
	}
	return out
}

// listWebhooks godoc
// @Summary      Webhooks d’un client d’API
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Client" format(uuid)
// @Success      200 {object} WebhookList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /api-clients/{id}/webhooks [get]
func (h *Handlers) listWebhooks(c echo.Context) error {
	list, err := h.Partners.Webhooks(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := WebhookList{Items: make([]WebhookDTO, len(list))}
	for i, s := range list {
		out.Items[i] = webhookDTO(s)
	}
	return c.JSON(http.StatusOK, out)
}

// createWebhook godoc
// @Summary      Abonner un client à des évènements
// @Description  Évènements des structures de ses départements : structure.created, structure.updated, structure.closed, hours.changed, label.changed, permanence.changed. Chaque envoi est un POST JSON `{"id","event","occurred_at","departement","object":{"type","id"},"data":{"action","changed"}}` signé : en-têtes `Maillage-Webhook-Id`, `Maillage-Webhook-Timestamp` (secondes Unix) et `Maillage-Webhook-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + corps)>`. Un envoi sans réponse 2xx est réessayé (30 s, puis le double à chaque fois, 8 essais). Le secret de signature n’est montré qu’une fois.
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id   path string       true "Client" format(uuid)
// @Param        body body WebhookInput true "Webhook"
// @Success      201 {object} WebhookCreated
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /api-clients/{id}/webhooks [post]
func (h *Handlers) createWebhook(c echo.Context) error {
	var in WebhookInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	s, err := h.Partners.CreateWebhook(c.Request().Context(), actorOf(c), c.Param("id"), in.fields())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	setETag(c, s.Version)
	return c.JSON(http.StatusCreated, WebhookCreatedDTO{WebhookDTO: webhookDTO(s), SigningSecret: s.Secret})
}

// updateWebhook godoc
// @Summary      Modifier un webhook
// @Description  Adresse, évènements, activité (`active: false` suspend les envois ; ceux en attente sont abandonnés).
// @Tags         partenaires
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string       true "Webhook" format(uuid)
// @Param        If-Match header string       true "ETag lu"
// @Param        body     body   WebhookInput true "Champs à modifier"
// @Success      200 {object} Webhook
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /webhooks/{id} [patch]
func (h *Handlers) updateWebhook(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, _, err := h.Partners.Webhook(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	var in WebhookInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	s, err := h.Partners.UpdateWebhook(ctx, actor, id, version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, s.Version)
	return c.JSON(http.StatusOK, webhookDTO(s))
}

// deleteWebhook godoc
// @Summary      Supprimer un webhook
// @Description  Le webhook et son journal d’envois.
// @Tags         partenaires
// @Security     BearerAuth
// @Param        id       path   string true "Webhook" format(uuid)
// @Param        If-Match header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /webhooks/{id} [delete]
func (h *Handlers) deleteWebhook(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, _, err := h.Partners.Webhook(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	if err := h.Partners.DeleteWebhook(ctx, actor, id, version); err != nil {
		return err
	}
	return noContent(c)
}

// listWebhookDeliveries godoc
// @Summary      Journal des envois d’un webhook
// @Description  Les 100 derniers envois, du plus récent au plus ancien, avec leur statut (pending, delivered, failed : sera réessayé, dead : abandonné) et le dernier essai.
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Webhook" format(uuid)
// @Success      200 {object} WebhookDeliveryList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /webhooks/{id}/deliveries [get]
func (h *Handlers) listWebhookDeliveries(c echo.Context) error {
	list, err := h.Partners.Deliveries(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := WebhookDeliveryList{Items: make([]WebhookDeliveryDTO, len(list))}
	for i, d := range list {
		out.Items[i] = deliveryDTO(d)
	}
	return c.JSON(http.StatusOK, out)
}

// replayWebhookDelivery godoc
// @Summary      Renvoyer un envoi
// @Description  Un nouvel envoi, tout de suite, du même évènement (même `id`) ; l’original reste au journal.
// @Tags         partenaires
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Envoi" format(uuid)
// @Success      202 {object} WebhookDelivery
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Router       /webhook-deliveries/{id}/replay [post]
func (h *Handlers) replayWebhookDelivery(c echo.Context) error {
	d, err := h.Partners.Replay(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, deliveryDTO(d))
}

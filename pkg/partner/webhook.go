package partner

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Events a subscription may ask for.
const (
	EventStructureCreated  = "structure.created"
	EventStructureUpdated  = "structure.updated"
	EventStructureClosed   = "structure.closed"
	EventHoursChanged      = "hours.changed"
	EventLabelChanged      = "label.changed"
	EventPermanenceChanged = "permanence.changed"
)

// Events lists the events.
var Events = []string{EventStructureCreated, EventStructureUpdated, EventStructureClosed, EventHoursChanged,
	EventLabelChanged, EventPermanenceChanged}

// Subscription is a client's webhook: where to POST which events of its territory.
type Subscription struct {
	ID        string
	ClientID  string // the API client's internal id
	URL       string
	Events    []string
	Active    bool
	Secret    string // signing secret; only the use case that signs or shows it once reads it
	CreatedAt time.Time
	Version   int
}

// Delivery statuses.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed" // failed at least once, will be retried
	DeliveryDead      = "dead"   // gave up after MaxAttempts
)

// Delivery is one event to send to one subscription, and the log of its attempts.
type Delivery struct {
	ID             string
	SubscriptionID string
	EventID        string
	Event          string
	AuditID        *int64
	ObjectType     string
	ObjectID       string
	Departement    string
	Payload        []byte
	Status         string
	Attempts       int
	NextAttemptAt  time.Time
	LastStatusCode *int
	LastError      string
	DeliveredAt    *time.Time
	ReplayOf       *string
	CreatedAt      time.Time
}

// MaxAttempts is the number of tries before a delivery is dead.
const MaxAttempts = 8

// BackoffBase is the wait after the first failure; it doubles after each further one.
const BackoffBase = 30 * time.Second

// Backoff is the wait before the next try after the given number of failed attempts (1 → 30 s, 2 → 1 min, …,
// 7 → 32 min).
func Backoff(attempts int) time.Duration {
	if attempts < 1 {
		return 0
	}
	return BackoffBase << min(attempts-1, 20)
}

// Signature is the value of the Maillage-Webhook-Signature header: "v1=" and the hex HMAC-SHA256, keyed with the
// subscription's secret, of the Unix timestamp, a dot and the body. The timestamp travels in its own header so a
// receiver can refuse old deliveries (replayed by a third party).
func Signature(secret string, timestamp int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(timestamp, 10)))
	mac.Write([]byte("."))
	mac.Write(body)
	return "v1=" + hex.EncodeToString(mac.Sum(nil))
}

// VerifySignature checks a signature header in constant time (for receivers and tests).
func VerifySignature(secret string, timestamp int64, body []byte, header string) bool {
	return hmac.Equal([]byte(Signature(secret, timestamp, body)), []byte(header))
}

// AuditChange is an audit entry as the dispatcher reads it.
type AuditChange struct {
	ID           int64
	At           time.Time
	Action       string
	ObjectType   string
	ObjectID     string
	Departements []string
	Closing      bool     // a label decision whose new state closes the structure
	Changed      []string // top-level fields of the diff
}

// EventsOf maps an audit entry to the events it raises: registry changes of a structure, changes of its hours,
// label decisions, and the partners' permanences. Other entries raise none.
func EventsOf(c AuditChange) []string {
	switch {
	case strings.HasPrefix(c.Action, "label."):
		if c.Closing {
			return []string{EventLabelChanged, EventStructureClosed}
		}
		return []string{EventLabelChanged}
	case c.ObjectType == "permanence":
		return []string{EventPermanenceChanged}
	case c.ObjectType != "structure":
		return nil
	}
	switch c.Action {
	case "structure.create", "structure.import_create":
		return []string{EventStructureCreated}
	case "structure.update", "structure.import_update", "stop.create", "stop.update", "stop.delete":
		return []string{EventStructureUpdated}
	case "structure.delete":
		return []string{EventStructureClosed}
	}
	if c.Action == "schedules.replace" || strings.HasPrefix(c.Action, "exception.") || strings.HasPrefix(c.Action, "holidays.") {
		return []string{EventHoursChanged}
	}
	return nil
}

// ClosingLabelStates are the label states in which a structure no longer receives the public.
var ClosingLabelStates = []string{"ferme", "retire"}

// IsClosingState tells whether a label state closes the structure.
func IsClosingState(s string) bool { return slices.Contains(ClosingLabelStates, s) }

// Payload is the body of a delivery (ADR 0008). Data is thin on purpose: the receiver reads the object through
// the API, within its scopes and territory, so a webhook never carries more than its client may read.
type Payload struct {
	ID          string        `json:"id"`
	Event       string        `json:"event"`
	OccurredAt  time.Time     `json:"occurred_at"`
	Departement string        `json:"departement"`
	Object      PayloadObject `json:"object"`
	Data        PayloadData   `json:"data"`
}

// PayloadObject names the object the event is about.
type PayloadObject struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// PayloadData says what happened: the audit action and the fields that changed.
type PayloadData struct {
	Action  string   `json:"action"`
	Changed []string `json:"changed"`
}

// Plan turns audit changes into deliveries: one per event of a change and per listener that asked for the event
// and whose territory holds one of the change's départements, due at now. newID gives event ids.
func Plan(changes []AuditChange, listeners []Listener, now time.Time, newID func() string) ([]Delivery, error) {
	var out []Delivery
	for _, c := range changes {
		for _, event := range EventsOf(c) {
			for _, l := range listeners {
				dep := sharedDepartement(c.Departements, l.Departements)
				if dep == "" || !slices.Contains(l.Events, event) {
					continue
				}
				d, err := delivery(c, l.SubscriptionID, event, dep, now, newID())
				if err != nil {
					return nil, err
				}
				out = append(out, d)
			}
		}
	}
	return out, nil
}

func delivery(c AuditChange, subscription, event, dep string, now time.Time, id string) (Delivery, error) {
	changed := c.Changed
	if changed == nil {
		changed = []string{}
	}
	body, err := json.Marshal(Payload{ID: id, Event: event, OccurredAt: c.At.UTC(), Departement: dep,
		Object: PayloadObject{Type: c.ObjectType, ID: c.ObjectID}, Data: PayloadData{Action: c.Action, Changed: changed}})
	if err != nil {
		return Delivery{}, err
	}
	auditID := c.ID
	return Delivery{SubscriptionID: subscription, EventID: id, Event: event, AuditID: &auditID, ObjectType: c.ObjectType,
		ObjectID: c.ObjectID, Departement: dep, Payload: body, Status: DeliveryPending, NextAttemptAt: now, CreatedAt: now}, nil
}

// sharedDepartement is the first of the change's départements the listener covers ("" when none).
func sharedDepartement(change, listener []string) string {
	for _, d := range change {
		if slices.Contains(listener, d) {
			return d
		}
	}
	return ""
}

// Outcome is what a delivery becomes after a try answered status (0: no answer) with err: delivered on a 2xx,
// else failed and retried after Backoff, or dead after MaxAttempts.
func (d Delivery) Outcome(status int, err error, now time.Time) Delivery {
	d.Attempts++
	d.LastStatusCode = nil
	if status > 0 {
		d.LastStatusCode = &status
	}
	switch {
	case err == nil && status >= 200 && status < 300:
		d.Status, d.DeliveredAt, d.LastError = DeliveryDelivered, &now, ""
		return d
	case err != nil:
		d.LastError = truncate(err.Error(), 500)
	default:
		d.LastError = "Réponse HTTP " + strconv.Itoa(status)
	}
	if d.Attempts >= MaxAttempts {
		d.Status = DeliveryDead
		return d
	}
	d.Status, d.NextAttemptAt = DeliveryFailed, now.Add(Backoff(d.Attempts))
	return d
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

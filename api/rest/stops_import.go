package rest

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/compliance"
)

// Import of the published stops of a bus (ADR 0006, "Stop import").

// PublishedStopDTO is one entry of a published stops file; codes and coordinates may also be numbers, other
// fields are ignored.
type PublishedStopDTO struct {
	Nom        string  `json:"nom" example:"Bus France Services - [Place de la poste]"`
	Commune    string  `json:"commune" example:"Tusson"`
	CodeINSEE  string  `json:"code_insee" example:"16390"`
	CodePostal string  `json:"code_postal" example:"16140"`
	Adresse    string  `json:"adresse" example:"Place de la poste"`
	Latitude   float64 `json:"latitude" example:"45.93"`
	Longitude  float64 `json:"longitude" example:"0.07"`
	Horaires   string  `json:"horaires" example:"Tu 09:00-12:30,13:30-15:30; PH off"`
	Ouverture  string  `json:"ouverture" example:"Semaine impaire"`
} //@name PublishedStop

// StopImportRowDTO is the outcome of one entry of the file.
type StopImportRowDTO struct {
	Index       int      `json:"index" example:"0"` // position in the file's array, from 0
	Name        string   `json:"name" example:"Bus France Services - [Place de la poste]"`
	CommuneCode string   `json:"commune_code" example:"16390"`
	StopID      *string  `json:"stop_id" format:"uuid"` // null: a stop a dry run would create, or a rejected entry
	Status      string   `json:"status" enums:"created,updated,unchanged,rejected"`
	OSM         string   `json:"osm" example:"Tu 09:00-12:30,13:30-15:30; PH off"` // the hours as published
	Slots       int      `json:"slots" example:"2"`                                // slots read from the hours
	WeekRule    string   `json:"week_rule" enums:"every,odd,even,mixed,"`          // "": hours not read
	NeedsReview bool     `json:"needs_review"`                                     // hours kept raw, to enter by hand
	Reasons     []string `json:"reasons"`                                          // French
} //@name StopImportRow

// StopImportDTO is the report of a stops import, or of its dry run (same rows, nothing written).
type StopImportDTO struct {
	DryRun    bool               `json:"dry_run"`
	Created   int                `json:"created"`
	Updated   int                `json:"updated"`
	Unchanged int                `json:"unchanged"`
	Rejected  int                `json:"rejected"`
	Rows      []StopImportRowDTO `json:"rows"`
} //@name StopImport

func stopImportDTO(r compliance.StopImport) StopImportDTO {
	out := StopImportDTO{DryRun: r.DryRun, Created: r.Created, Updated: r.Updated, Unchanged: r.Unchanged,
		Rejected: r.Rejected, Rows: make([]StopImportRowDTO, len(r.Rows))}
	for i, row := range r.Rows {
		out.Rows[i] = StopImportRowDTO{Index: row.Index, Name: row.Name, CommuneCode: row.CommuneCode, Status: row.Status,
			OSM: row.OSM, Slots: row.Slots, WeekRule: row.WeekRule, NeedsReview: row.NeedsReview, Reasons: row.Reasons}
		if row.StopID != "" {
			id := row.StopID
			out.Rows[i].StopID = &id
		}
	}
	return out
}

// importStops godoc
// @Summary      Importer les arrêts publiés d’un bus France services
// @Description  Corps : le tableau JSON publié des arrêts (nom, commune, code_insee, adresse, latitude, longitude, horaires au format OSM opening_hours, ouverture « Semaine paire/impaire »), 1 Mio au plus. Un arrêt de même nom (sans tenir compte de la casse ni des accents) et de même commune est mis à jour, sinon créé à la fin de la tournée. Les horaires de chaque entrée deviennent les créneaux de cet arrêt dans les horaires réguliers publiés de la structure (ceux des autres arrêts sont gardés). Des horaires illisibles sont gardés tels quels et signalés pour relecture, l’arrêt est tout de même importé. Simulation par défaut (dry_run=true) ; dry_run=false applique en une transaction, enregistre une évaluation de conformité et l’historique. Réimporter le même fichier ne change rien.
// @Tags         hours
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id      path  string true  "Structure itinérante" format(uuid)
// @Param        dry_run query bool   false "Simulation (true par défaut)"
// @Param        body    body  []PublishedStopDTO true "Arrêts publiés"
// @Success      200 {object} StopImport
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      413 {object} Problem
// @Failure      415 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/{id}/stops/import [post]
func (h *Handlers) importStops(c echo.Context) error {
	dryRun := true
	if raw := c.QueryParam("dry_run"); raw != "" {
		v, err := strconv.ParseBool(raw)
		if err != nil {
			return apperr.Invalid("validation_failed", "dry_run", "dry_run vaut true ou false.")
		}
		dryRun = v
	}
	if ct := c.Request().Header.Get(echo.HeaderContentType); ct != "" && !strings.HasPrefix(ct, echo.MIMEApplicationJSON) {
		return apperr.New(apperr.KindUnsupportedMedia, "request.unsupported_media_type",
			"Le corps de la requête doit être du JSON (Content-Type: application/json).")
	}
	data, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return decodeError(err)
	}
	rep, err := h.Compliance.ImportStops(c.Request().Context(), actorOf(c), c.Param("id"), data, dryRun)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, stopImportDTO(rep))
}

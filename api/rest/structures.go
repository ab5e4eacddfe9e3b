package rest

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/registry"
	"maillage/pkg/structure"
)

// structureFilter reads the list filters shared by the list, the GeoJSON and the exports. The export's own
// `format` names the file layout, so there the structures' format is filtered by `structure_format`.
func structureFilter(c echo.Context, formatParam string) (structure.Filter, error) {
	var v apperr.Validation
	f := structure.Filter{Departement: c.QueryParam("departement"), Commune: c.QueryParam("commune"),
		Format: structure.Format(c.QueryParam(formatParam)), LabelStatus: c.QueryParam("label_status"),
		CarrierType: structure.CarrierType(c.QueryParam("carrier_type")), GroupID: c.QueryParam("group_id"),
		Text: c.QueryParam("q"), Quality: structure.QualityFlag(c.QueryParam("quality"))}
	v.Check(f.Format == "" || slices.Contains(structure.Formats, f.Format), formatParam, "Format inconnu : site, antenne ou itinerant.")
	v.Check(f.CarrierType == "" || slices.Contains(structure.CarrierTypes, f.CarrierType), "carrier_type", "Type de porteur inconnu.")
	v.Check(f.Quality == "" || slices.Contains(structure.QualityFlags, f.Quality), "quality", "Alerte qualité inconnue.")
	if raw := c.QueryParam("bbox"); raw != "" {
		parts := strings.Split(raw, ",")
		var box [4]float64
		ok := len(parts) == 4
		for i := 0; ok && i < 4; i++ {
			var err error
			box[i], err = strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
			ok = err == nil
		}
		ok = ok && box[0] <= box[2] && box[1] <= box[3]
		v.Check(ok, "bbox", "Emprise invalide : minLon,minLat,maxLon,maxLat attendus.")
		if ok {
			f.BBox = &box
		}
	}
	return f, v.Err()
}

// listStructures godoc
// @Summary      Liste des structures France services
// @Description  Limitée au territoire de l’appelant ; triée par nom ; pagination par curseur.
// @Tags         structures
// @Produce      json
// @Security     BearerAuth
// @Param        departement  query string false "Code du département" example(70)
// @Param        commune      query string false "Code INSEE de la commune"
// @Param        format       query string false "Format" Enums(site, antenne, itinerant)
// @Param        label_status query string false "Statut de label" example(labellise)
// @Param        carrier_type query string false "Type de porteur" Enums(commune, intercommunalite, departement, association, la_poste, msa, etat, centre_social, autre)
// @Param        group_id     query string false "Groupe multi-site"
// @Param        q            query string false "Recherche dans le nom et la commune (sans accents)"
// @Param        bbox         query string false "Emprise minLon,minLat,maxLon,maxLat" example(5.2,47.2,6.9,48.1)
// @Param        quality      query string false "Alerte qualité" Enums(missing_coordinates, unknown_commune, temporary_id, empty_contact, unparsed_hours)
// @Param        open_at      query string false "Seulement les structures ouvertes à cet instant (RFC 3339)" example(2026-12-01T10:00:00+01:00)
// @Param        cursor       query string false "Curseur de la page suivante"
// @Param        limit        query int    false "Taille de page (1–200, 50 par défaut)"
// @Success      200 {object} StructureList
// @Failure      401 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures [get]
func (h *Handlers) listStructures(c echo.Context) error {
	f, err := structureFilter(c, "format")
	if err != nil {
		return err
	}
	page, err := pageOf(c)
	if err != nil {
		return err
	}
	if c.QueryParam("open_at") != "" { // structures open at that instant (ADR 0006)
		at, err := h.instantParam(c, "open_at")
		if err != nil {
			return err
		}
		if f.IDs, err = h.Compliance.OpenStructureIDs(c.Request().Context(), actorOf(c), f, at); err != nil {
			return err
		}
		if len(f.IDs) == 0 {
			f.IDs = []string{"00000000-0000-0000-0000-000000000000"}
		}
	}
	list, next, total, err := h.Structures.Page(c.Request().Context(), actorOf(c), f, page.Cursor, page.Limit)
	if err != nil {
		return err
	}
	out := StructureList{Items: make([]StructureSummary, len(list)), Total: total}
	for i, s := range list {
		out.Items[i] = structureSummary(s)
	}
	if next != "" {
		out.NextCursor = &next
	}
	return c.JSON(http.StatusOK, out)
}

// getStructure godoc
// @Summary      Une structure
// @Tags         structures
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Identifiant" format(uuid)
// @Success      200 {object} Structure
// @Header       200 {string} ETag "Version de la ressource"
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id} [get]
func (h *Handlers) getStructure(c echo.Context) error {
	s, history, err := h.Structures.GetWithHistory(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	setETag(c, s.Version)
	return c.JSON(http.StatusOK, structureDTO(s, history))
}

func (h *Handlers) writeStructure(c echo.Context, status int, s structure.Structure) error {
	history, err := h.Structures.History(c.Request().Context(), s.ID)
	if err != nil {
		return err
	}
	setETag(c, s.Version)
	return c.JSON(status, structureDTO(s, history))
}

// createStructure godoc
// @Summary      Créer une structure (projet)
// @Description  La structure naît au statut « projet » ; la labellisation la fait évoluer.
// @Tags         structures
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        Idempotency-Key header string false "Clé d’idempotence"
// @Param        body body StructureInput true "Structure"
// @Success      201 {object} Structure
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures [post]
func (h *Handlers) createStructure(c echo.Context) error {
	var in StructureInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	s, err := h.Registry.Create(c.Request().Context(), actorOf(c), in.fields())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", apiPrefix+"/structures/"+s.ID)
	return h.writeStructure(c, http.StatusCreated, s)
}

// updateStructure godoc
// @Summary      Modifier une structure
// @Tags         structures
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string         true "Identifiant" format(uuid)
// @Param        If-Match header string         true "ETag lu"
// @Param        body     body   StructureInput true "Champs à modifier"
// @Success      200 {object} Structure
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /structures/{id} [patch]
func (h *Handlers) updateStructure(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	version, err := versionToWrite(c, func() error { _, err := h.Structures.Get(ctx, actor, c.Param("id")); return err })
	if err != nil {
		return err
	}
	var in StructureInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	s, err := h.Registry.Update(ctx, actor, c.Param("id"), version, in.fields())
	if err != nil {
		return err
	}
	return h.writeStructure(c, http.StatusOK, s)
}

// deleteStructure godoc
// @Summary      Supprimer un projet jamais labellisé
// @Tags         structures
// @Security     BearerAuth
// @Param        id       path   string true "Identifiant" format(uuid)
// @Param        If-Match header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /structures/{id} [delete]
func (h *Handlers) deleteStructure(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	version, err := versionToWrite(c, func() error { _, err := h.Structures.Get(ctx, actor, c.Param("id")); return err })
	if err != nil {
		return err
	}
	if err := h.Registry.Delete(ctx, actor, c.Param("id"), version); err != nil {
		return err
	}
	return noContent(c)
}

// GeoJSONFeature is a structure on a map.
type GeoJSONFeature struct {
	Type       string         `json:"type" example:"Feature"`
	Geometry   GeoJSONPoint   `json:"geometry"`
	Properties map[string]any `json:"properties"`
} //@name GeoJSONFeature

// GeoJSONPoint is a WGS84 point.
type GeoJSONPoint struct {
	Type        string    `json:"type" example:"Point"`
	Coordinates []float64 `json:"coordinates"`
} //@name GeoJSONPoint

// GeoJSONCollection is a set of structures on a map.
type GeoJSONCollection struct {
	Type     string           `json:"type" example:"FeatureCollection"`
	Features []GeoJSONFeature `json:"features"`
} //@name GeoJSONCollection

// structuresGeoJSON godoc
// @Summary      Structures en GeoJSON (carte)
// @Description  Mêmes filtres que la liste, sans pagination ; les structures sans coordonnées sont omises.
// @Tags         structures
// @Produce      json
// @Security     BearerAuth
// @Param        format       query string false "Format" Enums(site, antenne, itinerant)
// @Param        departement  query string false "Code du département" example(70)
// @Param        commune      query string false "Code INSEE de la commune"
// @Param        label_status query string false "Statut de label" example(labellise)
// @Param        carrier_type query string false "Type de porteur" Enums(commune, intercommunalite, departement, association, la_poste, msa, etat, centre_social, autre)
// @Param        group_id     query string false "Groupe multi-site"
// @Param        q            query string false "Recherche dans le nom et la commune (sans accents)"
// @Param        bbox         query string false "Emprise minLon,minLat,maxLon,maxLat" example(5.2,47.2,6.9,48.1)
// @Param        quality      query string false "Alerte qualité" Enums(missing_coordinates, unknown_commune, temporary_id, empty_contact, unparsed_hours)
// @Success      200 {object} GeoJSONCollection
// @Failure      401 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures.geojson [get]
func (h *Handlers) structuresGeoJSON(c echo.Context) error {
	f, err := structureFilter(c, "format")
	if err != nil {
		return err
	}
	list, _, err := h.Structures.List(c.Request().Context(), actorOf(c), f, "", 0)
	if err != nil {
		return err
	}
	out := GeoJSONCollection{Type: "FeatureCollection", Features: []GeoJSONFeature{}}
	for _, s := range list {
		if s.Latitude == nil {
			continue
		}
		out.Features = append(out.Features, GeoJSONFeature{Type: "Feature",
			Geometry: GeoJSONPoint{Type: "Point", Coordinates: []float64{*s.Longitude, *s.Latitude}},
			Properties: map[string]any{"id": s.ID, "name": s.Name, "format": s.Format, "label_status": s.LabelStatus,
				"commune": s.CommuneLabel, "coordinates_source": s.CoordinatesSource}})
	}
	return c.JSON(http.StatusOK, out)
}

// exportStructures godoc
// @Summary      Exporter les structures
// @Description  CSV (UTF-8 avec BOM, séparateur « ; »), XLSX (avec une feuille « Métadonnées ») ou disposition nationale ANCT (pour renvoyer des corrections). Mêmes filtres que la liste.
// @Tags         structures
// @Produce      text/csv
// @Produce      application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
// @Security     BearerAuth
// @Param        format           query string true  "Format du fichier" Enums(csv, xlsx, anct)
// @Param        structure_format query string false "Format des structures" Enums(site, antenne, itinerant)
// @Param        departement  query string false "Code du département" example(70)
// @Param        commune      query string false "Code INSEE de la commune"
// @Param        label_status query string false "Statut de label" example(labellise)
// @Param        carrier_type query string false "Type de porteur" Enums(commune, intercommunalite, departement, association, la_poste, msa, etat, centre_social, autre)
// @Param        group_id     query string false "Groupe multi-site"
// @Param        q            query string false "Recherche dans le nom et la commune (sans accents)"
// @Param        bbox         query string false "Emprise minLon,minLat,maxLon,maxLat" example(5.2,47.2,6.9,48.1)
// @Param        quality      query string false "Alerte qualité" Enums(missing_coordinates, unknown_commune, temporary_id, empty_contact, unparsed_hours)
// @Success      200 {file} file
// @Header       200 {string} X-Export-Source "Source des données"
// @Header       200 {string} X-Export-Date "Date de l’export"
// @Header       200 {string} X-Export-Filters "Filtres appliqués (chaîne de requête)"
// @Header       200 {integer} X-Export-Count "Nombre de structures exportées"
// @Failure      401 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/export [get]
func (h *Handlers) exportStructures(c echo.Context) error {
	f, err := structureFilter(c, "structure_format")
	if err != nil {
		return err
	}
	format := registry.ExportFormat(c.QueryParam("format"))
	if format != registry.ExportCSV && format != registry.ExportXLSX && format != registry.ExportANCT {
		return apperr.Invalid("validation_failed", "format", "Format d’export inconnu : csv, xlsx ou anct.")
	}
	filters := c.Request().URL.Query()
	filters.Del("format")
	var body strings.Builder
	exp, err := h.Registry.ExportStructures(c.Request().Context(), actorOf(c), f, filters.Encode(), format, &body)
	if err != nil {
		return err
	}
	hd := c.Response().Header()
	hd.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, exp.FileName, url.PathEscape(exp.FileName)))
	hd.Set("X-Export-Source", "Maillage")
	hd.Set("X-Export-Date", exp.Metadata["date"])
	hd.Set("X-Export-Filters", exp.Metadata["filtres"])
	hd.Set("X-Export-Count", strconv.Itoa(exp.Count))
	return c.Blob(http.StatusOK, exp.ContentType, []byte(body.String()))
}

// QualityFlagCount is one quality flag of a département's summary.
type QualityFlagCount struct {
	Code       string             `json:"code" example:"missing_coordinates"`
	Label      string             `json:"label" example:"Coordonnées manquantes ou approximatives (centre de la commune)"`
	Count      int                `json:"count"`
	Structures []StructureSummary `json:"structures"`
} //@name QualityFlagCount

// QualitySummary is the data quality of a département's registry.
type QualitySummary struct {
	DepartementCode string             `json:"departement_code"`
	Structures      int                `json:"structures"`
	Flags           []QualityFlagCount `json:"flags"`
} //@name QualitySummary

// departementQuality godoc
// @Summary      Qualité des données du registre d’un département
// @Tags         structures
// @Produce      json
// @Security     BearerAuth
// @Param        code path string true "Code du département" example(70)
// @Success      200 {object} QualitySummary
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /departements/{code}/quality [get]
func (h *Handlers) departementQuality(c echo.Context) error {
	dep := c.Param("code")
	total, counts, err := h.Registry.Quality(c.Request().Context(), actorOf(c), dep)
	if err != nil {
		return err
	}
	out := QualitySummary{DepartementCode: dep, Structures: total, Flags: []QualityFlagCount{}}
	for _, qc := range counts {
		fc := QualityFlagCount{Code: string(qc.Flag), Label: qc.Label, Count: len(qc.Structures), Structures: []StructureSummary{}}
		for _, s := range qc.Structures {
			fc.Structures = append(fc.Structures, structureSummary(s))
		}
		out.Flags = append(out.Flags, fc)
	}
	return c.JSON(http.StatusOK, out)
}

package rest

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/territory"
)

// RegionDTO is a région.
type RegionDTO struct {
	Code string `json:"code" example:"27"`
	Name string `json:"name" example:"Bourgogne-Franche-Comté"`
} //@name Region

// RegionList is the list of régions.
type RegionList struct {
	Items      []RegionDTO `json:"items"`
	NextCursor *string     `json:"next_cursor"`
} //@name RegionList

// DepartementDTO is a département.
type DepartementDTO struct {
	Code            string `json:"code" example:"70"`
	Name            string `json:"name" example:"Haute-Saône"`
	RegionCode      string `json:"region_code" example:"27"`
	RegionName      string `json:"region_name" example:"Bourgogne-Franche-Comté"`
	ChefLieu        string `json:"chef_lieu" example:"70550"`
	Timezone        string `json:"timezone" example:"Europe/Paris"`
	HolidayCalendar string `json:"holiday_calendar" example:"FR"`
} //@name Departement

// DepartementList is the list of départements.
type DepartementList struct {
	Items      []DepartementDTO `json:"items"`
	NextCursor *string          `json:"next_cursor"`
} //@name DepartementList

// CommuneDTO is a commune of the reference.
type CommuneDTO struct {
	CodeINSEE       string   `json:"code_insee" example:"70550"`
	Name            string   `json:"name" example:"Vesoul"`
	DepartementCode string   `json:"departement_code" example:"70"`
	RegionCode      string   `json:"region_code" example:"27"`
	Population      int      `json:"population" example:"15078"`
	Latitude        *float64 `json:"latitude" example:"47.6235"`
	Longitude       *float64 `json:"longitude" example:"6.1547"`
	Postcodes       []string `json:"postcodes"`
} //@name Commune

// CommuneList is a page of communes.
type CommuneList struct {
	Items      []CommuneDTO `json:"items"`
	NextCursor *string      `json:"next_cursor"`
} //@name CommuneList

// listRegions godoc
// @Summary      Liste des régions
// @Tags         territoire
// @Produce      json
// @Security     BearerAuth
// @Success      200 {object} RegionList
// @Failure      401 {object} Problem
// @Router       /regions [get]
func (h *Handlers) listRegions(c echo.Context) error {
	regions, err := h.Territory.Regions(c.Request().Context())
	if err != nil {
		return err
	}
	out := RegionList{Items: make([]RegionDTO, len(regions))}
	for i, r := range regions {
		out.Items[i] = RegionDTO(r)
	}
	return c.JSON(http.StatusOK, out)
}

// listDepartements godoc
// @Summary      Liste des départements
// @Description  Les 101 départements et les collectivités d’outre-mer, avec leur fuseau horaire et leur calendrier de jours fériés.
// @Tags         territoire
// @Produce      json
// @Security     BearerAuth
// @Success      200 {object} DepartementList
// @Failure      401 {object} Problem
// @Router       /departements [get]
func (h *Handlers) listDepartements(c echo.Context) error {
	deps, err := h.Territory.Departements(c.Request().Context())
	if err != nil {
		return err
	}
	out := DepartementList{Items: make([]DepartementDTO, len(deps))}
	for i, d := range deps {
		out.Items[i] = DepartementDTO(d)
	}
	return c.JSON(http.StatusOK, out)
}

// getDepartement godoc
// @Summary      Un département
// @Tags         territoire
// @Produce      json
// @Security     BearerAuth
// @Param        code path string true "Code du département" example(70)
// @Success      200 {object} Departement
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /departements/{code} [get]
func (h *Handlers) getDepartement(c echo.Context) error {
	d, err := h.Territory.Departement(c.Request().Context(), c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, DepartementDTO(d))
}

// searchCommunes godoc
// @Summary      Recherche de communes
// @Description  Par nom (sans tenir compte des accents ni de la casse), début de code postal ou code INSEE ; les plus peuplées d’abord.
// @Tags         territoire
// @Produce      json
// @Security     BearerAuth
// @Param        q           query string false "Nom, code postal ou code INSEE" example(vesoul)
// @Param        departement query string false "Code du département" example(70)
// @Param        limit       query int    false "Nombre maximal de résultats (1–200, 20 par défaut)"
// @Success      200 {object} CommuneList
// @Failure      401 {object} Problem
// @Failure      422 {object} Problem
// @Router       /communes [get]
func (h *Handlers) searchCommunes(c echo.Context) error {
	limit := 20
	if raw := c.QueryParam("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxLimit {
			return apperr.Invalid("validation_failed", "limit", "La limite doit être un entier entre 1 et 200.")
		}
		limit = n
	}
	communes, err := h.Territory.SearchCommunes(c.Request().Context(), territory.CommuneQuery{
		Text: c.QueryParam("q"), Departement: c.QueryParam("departement"), Limit: limit})
	if err != nil {
		return err
	}
	out := CommuneList{Items: make([]CommuneDTO, len(communes))}
	for i, cm := range communes {
		out.Items[i] = CommuneDTO(cm)
	}
	return c.JSON(http.StatusOK, out)
}

// departementOutline godoc
// @Summary      Contour simplifié d’un département (GeoJSON)
// @Description  Une Feature GeoJSON (géométrie IGN Admin Express simplifiée) pour les cartes ; géométrie nulle pour l’outre-mer, absent des données.
// @Tags         territoire
// @Produce      json
// @Security     BearerAuth
// @Param        code path string true "Code du département" example(70)
// @Success      200 {object} object
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /departements/{code}/outline [get]
func (h *Handlers) departementOutline(c echo.Context) error {
	code := c.Param("code")
	geometry, err := h.Territory.Outline(c.Request().Context(), code)
	if err != nil {
		return err
	}
	if geometry == nil {
		geometry = []byte("null")
	}
	c.Response().Header().Set("Cache-Control", "private, max-age=86400")
	body := `{"type":"Feature","properties":{"code":` + strconv.Quote(code) + `},"geometry":` + string(geometry) + `}`
	return c.Blob(http.StatusOK, "application/geo+json", []byte(body))
}

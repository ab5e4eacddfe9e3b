package rest

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/visit"
)

// listChecklistTemplates godoc
// @Summary      Grilles de visite
// @Description  Les grilles nationales publiées et celles des départements de l’appelant, par type de visite, la version la plus récente d’abord (brouillons en tête).
// @Tags         grilles
// @Produce      json
// @Security     BearerAuth
// @Param        visit_type  query string false "Type de visite" Enums(prefectorale, animateur, audit_qualite, autre)
// @Param        departement query string false "Grilles de ce département et grilles nationales" example(70)
// @Param        status      query string false "Statut" Enums(brouillon, publiee)
// @Success      200 {object} ChecklistTemplateList
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /checklist-templates [get]
func (h *Handlers) listChecklistTemplates(c echo.Context) error {
	var v apperr.Validation
	f := visit.TemplateFilter{VisitType: visit.Type(c.QueryParam("visit_type")), Departement: c.QueryParam("departement"),
		Status: visit.TemplateStatus(c.QueryParam("status"))}
	v.Check(f.VisitType == "" || f.VisitType.Valid(), "visit_type", "Type inconnu : prefectorale, animateur, audit_qualite ou autre.")
	v.Check(f.Status == "" || f.Status == visit.TemplateDraft || f.Status == visit.TemplatePublished, "status",
		"Statut inconnu : brouillon ou publiee.")
	if err := v.Err(); err != nil {
		return err
	}
	list, err := h.Visiting.Templates(c.Request().Context(), actorOf(c), f)
	if err != nil {
		return err
	}
	out := ChecklistTemplateList{Items: make([]ChecklistTemplateDTO, len(list))}
	for i, t := range list {
		out.Items[i] = templateDTO(t)
	}
	return c.JSON(http.StatusOK, out)
}

// getChecklistTemplate godoc
// @Summary      Une grille de visite
// @Tags         grilles
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Grille" format(uuid)
// @Success      200 {object} ChecklistTemplate
// @Header       200 {string} ETag "Version de la ressource"
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Router       /checklist-templates/{id} [get]
func (h *Handlers) getChecklistTemplate(c echo.Context) error {
	t, err := h.Visiting.Template(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(http.StatusOK, templateDTO(t))
}

// createChecklistTemplate godoc
// @Summary      Rédiger une nouvelle version de grille (brouillon)
// @Description  Nationale (sans département, administration nationale) ou d’un département (préfecture). Le brouillon reçoit son numéro de version à la publication.
// @Tags         grilles
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        Idempotency-Key header string                 false "Clé d’idempotence"
// @Param        body            body   ChecklistTemplateInput true  "Grille"
// @Success      201 {object} ChecklistTemplate
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /checklist-templates [post]
func (h *Handlers) createChecklistTemplate(c echo.Context) error {
	var in ChecklistTemplateInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t, err := h.Visiting.CreateTemplate(c.Request().Context(), actorOf(c), in.fields())
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	c.Response().Header().Set("Location", apiPrefix+"/checklist-templates/"+t.ID)
	return c.JSON(http.StatusCreated, templateDTO(t))
}

// updateChecklistTemplate godoc
// @Summary      Modifier un brouillon de grille
// @Description  Une grille publiée ne change plus (409 checklist.published) : rédigez-en une nouvelle version. La liste de questions donnée remplace la précédente.
// @Tags         grilles
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string                 true "Grille" format(uuid)
// @Param        If-Match header string                 true "ETag lu"
// @Param        body     body   ChecklistTemplateInput true "Champs à modifier"
// @Success      200 {object} ChecklistTemplate
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /checklist-templates/{id} [patch]
func (h *Handlers) updateChecklistTemplate(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Visiting.Template(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	var in ChecklistTemplateInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t, err := h.Visiting.UpdateTemplate(ctx, actor, id, version, in.fields())
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(http.StatusOK, templateDTO(t))
}

// deleteChecklistTemplate godoc
// @Summary      Supprimer un brouillon de grille
// @Tags         grilles
// @Security     BearerAuth
// @Param        id       path   string true "Grille" format(uuid)
// @Param        If-Match header string true "ETag lu"
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      428 {object} Problem
// @Router       /checklist-templates/{id} [delete]
func (h *Handlers) deleteChecklistTemplate(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Visiting.Template(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	if err := h.Visiting.DeleteTemplate(ctx, actor, id, version); err != nil {
		return err
	}
	return noContent(c)
}

// publishChecklistTemplate godoc
// @Summary      Publier un brouillon de grille
// @Description  La grille est figée et numérotée (version suivante de son type et de son département) ; les visites créées ensuite la reçoivent, les visites existantes gardent la leur.
// @Tags         grilles
// @Produce      json
// @Security     BearerAuth
// @Param        id       path   string true "Grille" format(uuid)
// @Param        If-Match header string true "ETag lu"
// @Success      200 {object} ChecklistTemplate
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Failure      412 {object} Problem
// @Failure      422 {object} Problem
// @Failure      428 {object} Problem
// @Router       /checklist-templates/{id}/publish [post]
func (h *Handlers) publishChecklistTemplate(c echo.Context) error {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	version, err := versionToWrite(c, func() error { _, err := h.Visiting.Template(ctx, actor, id); return err })
	if err != nil {
		return err
	}
	t, err := h.Visiting.PublishTemplate(ctx, actor, id, version)
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(http.StatusOK, templateDTO(t))
}

// VisitPlanStructure is a row's structure.
type VisitPlanStructure struct {
	ID          string  `json:"id" format:"uuid"`
	Name        string  `json:"name"`
	CommuneName string  `json:"commune_name"`
	LabelStatus string  `json:"label_status" example:"labellise"`
	LabelDate   *string `json:"label_date" example:"2022-01-01"`
} //@name VisitPlanStructure

// VisitPlanCell is one structure in one quarter.
type VisitPlanCell struct {
	Quarter int     `json:"quarter" example:"1"`
	State   string  `json:"state" enums:"done,planned,missing,overdue,not_due,not_labelled"`
	VisitID *string `json:"visit_id" format:"uuid"`
	Date    *string `json:"date" example:"2026-02-12"`
} //@name VisitPlanCell

// VisitPlanRow is one structure's year.
type VisitPlanRow struct {
	Structure VisitPlanStructure `json:"structure"`
	Cells     []VisitPlanCell    `json:"cells"`
} //@name VisitPlanRow

// VisitPlanQuarter is one column, with the count of each state.
type VisitPlanQuarter struct {
	Quarter int            `json:"quarter" example:"1"`
	Start   string         `json:"start" example:"2026-01-01"`
	End     string         `json:"end" example:"2026-03-31"`
	Phase   string         `json:"phase" enums:"past,current,future"`
	Totals  map[string]int `json:"totals"`
} //@name VisitPlanQuarter

// VisitPlan is the matrix structures × quarters of the prefectoral visits of a département for a year.
type VisitPlan struct {
	DepartementCode string             `json:"departement_code" example:"70"`
	Year            int                `json:"year" example:"2026"`
	Today           string             `json:"today" example:"2026-11-24"`
	Quarters        []VisitPlanQuarter `json:"quarters"`
	Rows            []VisitPlanRow     `json:"rows"`
} //@name VisitPlan

// visitPlan godoc
// @Summary      Plan trimestriel des visites préfectorales d’un département
// @Description  Pour chaque structure et chaque trimestre (dates de Paris) : done (visite préfectorale réalisée dans le trimestre), planned (prévue, trimestre non échu), missing (trimestre en cours sans visite faite ni prévue), overdue (trimestre échu sans visite réalisée), not_due (trimestre à venir sans visite prévue), not_labelled (structure non labellisée ce trimestre-là). Une structure labellisée en cours de trimestre doit la visite de ce trimestre.
// @Tags         visites
// @Produce      json
// @Security     BearerAuth
// @Param        code path  string true  "Code du département" example(70)
// @Param        year query int    false "Année (l’année en cours par défaut)" example(2026)
// @Success      200 {object} VisitPlan
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /departements/{code}/visit-plan [get]
func (h *Handlers) visitPlan(c echo.Context) error {
	year := h.Visiting.ThisYear()
	if raw := c.QueryParam("year"); raw != "" {
		y, err := strconv.Atoi(raw)
		if err != nil {
			return apperr.Invalid("validation_failed", "year", "Année invalide.")
		}
		year = y
	}
	r, err := h.Visiting.Plan(c.Request().Context(), actorOf(c), c.Param("code"), year)
	if err != nil {
		return err
	}
	out := VisitPlan{DepartementCode: r.Departement, Year: r.Plan.Year, Today: r.Plan.Today.Format("2006-01-02"),
		Quarters: make([]VisitPlanQuarter, 4), Rows: make([]VisitPlanRow, len(r.Plan.Rows))}
	for i, q := range r.Plan.Quarters {
		totals := map[string]int{}
		for _, s := range visit.CellStates {
			totals[string(s)] = q.Totals[s]
		}
		out.Quarters[i] = VisitPlanQuarter{Quarter: q.Number, Start: q.Start.Format("2006-01-02"),
			End: q.End.Format("2006-01-02"), Phase: string(q.Phase), Totals: totals}
	}
	for i, row := range r.Plan.Rows {
		st := r.Structures[i]
		pr := VisitPlanRow{Structure: VisitPlanStructure{ID: st.ID, Name: st.Name, CommuneName: st.CommuneLabel,
			LabelStatus: st.LabelStatus, LabelDate: dateString(st.LabelDate)}, Cells: make([]VisitPlanCell, 4)}
		for j, cell := range row.Cells {
			pc := VisitPlanCell{Quarter: cell.Quarter, State: string(cell.State), Date: dateString(cell.Date)}
			if cell.VisitID != "" {
				id := cell.VisitID
				pc.VisitID = &id
			}
			pr.Cells[j] = pc
		}
		out.Rows[i] = pr
	}
	return c.JSON(http.StatusOK, out)
}

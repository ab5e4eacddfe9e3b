package rest

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Compliance of the label's opening rules: one structure, a draft, the history, a département, a summary (ADR 0006).

// structureCompliance godoc
// @Summary      Conformité d’une structure aux règles du label
// @Description  Semaine type et semaines réelles à partir de la semaine de « at » (aujourd’hui par défaut). Forme : hours.Report (ADR 0006).
// @Tags         compliance
// @Produce      json
// @Security     BearerAuth
// @Param        id    path  string true  "Structure" format(uuid)
// @Param        at    query string false "Date d’évaluation" format(date)
// @Param        weeks query int    false "Semaines réelles (1–52, 12 par défaut)"
// @Success      200 {object} hours.Report
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/{id}/compliance [get]
func (h *Handlers) structureCompliance(c echo.Context) error {
	at, err := dateParam(c, "at")
	if err != nil {
		return err
	}
	weeks, err := weeksParam(c)
	if err != nil {
		return err
	}
	r, err := h.Compliance.Report(c.Request().Context(), actorOf(c), c.Param("id"), at, weeks)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// previewCompliance godoc
// @Summary      Évaluer des horaires sans les enregistrer
// @Description  Évalue un jeu d’horaires (brouillons comptés comme publiés), et la politique des jours fériés quand « holidays » est donné, à la place de ceux enregistrés ; rien n’est écrit.
// @Tags         compliance
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path  string           true  "Structure" format(uuid)
// @Param        at    query string           false "Date d’évaluation" format(date)
// @Param        weeks query int              false "Semaines réelles (1–52, 12 par défaut)"
// @Param        body  body  ScheduleSetInput true  "Horaires à évaluer"
// @Success      200 {object} hours.Report
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /structures/{id}/compliance/preview [post]
func (h *Handlers) previewCompliance(c echo.Context) error {
	at, err := dateParam(c, "at")
	if err != nil {
		return err
	}
	weeks, err := weeksParam(c)
	if err != nil {
		return err
	}
	if _, err := h.Structures.Get(c.Request().Context(), actorOf(c), c.Param("id")); err != nil {
		return err // 404 outside the territory, whatever the body
	}
	var in ScheduleSetInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	list, err := in.schedules(c.Param("id"))
	if err != nil {
		return err
	}
	r, err := h.Compliance.Preview(c.Request().Context(), actorOf(c), c.Param("id"), list, in.holidays(), at, weeks)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// complianceHistory godoc
// @Summary      Historique de conformité d’une structure
// @Description  Une évaluation par modification des horaires ou des agents, la plus récente d’abord (100 au plus).
// @Tags         compliance
// @Produce      json
// @Security     BearerAuth
// @Param        id path string true "Structure" format(uuid)
// @Success      200 {object} ComplianceHistory
// @Failure      401 {object} Problem
// @Failure      404 {object} Problem
// @Router       /structures/{id}/compliance/history [get]
func (h *Handlers) complianceHistory(c echo.Context) error {
	list, err := h.Compliance.History(c.Request().Context(), actorOf(c), c.Param("id"), 100)
	if err != nil {
		return err
	}
	out := EvaluationList{Items: make([]EvaluationDTO, len(list))}
	for i, e := range list {
		out.Items[i] = EvaluationDTO{ID: e.ID, EvaluatedAt: e.EvaluatedAt, RuleSet: e.RuleSet, Status: e.Status,
			Cause: e.Cause, Changed: e.Changed}
	}
	return c.JSON(http.StatusOK, out)
}

// departementCompliance godoc
// @Summary      Conformité des structures d’un département
// @Description  Un rapport par structure et la synthèse (par statut et par critère), calculés en un nombre borné de requêtes.
// @Tags         compliance
// @Produce      json
// @Security     BearerAuth
// @Param        code  path  string true  "Code du département" example(70)
// @Param        weeks query int    false "Semaines réelles à évaluer en plus de la semaine type (1–52 ; sans ce paramètre, la semaine type seule)"
// @Success      200 {object} DepartementCompliance
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      422 {object} Problem
// @Router       /departements/{code}/compliance [get]
func (h *Handlers) departementCompliance(c echo.Context) error {
	weeks, err := weeksParamOr(c, 0) // typical week only unless ?weeks=N (issue 5)
	if err != nil {
		return err
	}
	reports, sum, err := h.Compliance.Departement(c.Request().Context(), actorOf(c), c.Param("code"), weeks)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, DepartementComplianceDTO{DepartementCode: c.Param("code"), Items: reports, Summary: summaryDTO(sum)})
}

// complianceSummary godoc
// @Summary      Synthèse nationale ou régionale de la conformité
// @Description  Pour l’administration nationale (tout le réseau) et les SGAR (leur région) : totaux et synthèse par département.
// @Tags         compliance
// @Produce      json
// @Security     BearerAuth
// @Param        weeks query int false "Semaines réelles (1–52, 12 par défaut)"
// @Success      200 {object} NationalCompliance
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      422 {object} Problem
// @Router       /compliance/summary [get]
func (h *Handlers) complianceSummary(c echo.Context) error {
	weeks, err := weeksParam(c)
	if err != nil {
		return err
	}
	total, deps, err := h.Compliance.NationalSummary(c.Request().Context(), actorOf(c), weeks)
	if err != nil {
		return err
	}
	out := NationalComplianceDTO{Summary: summaryDTO(total), Departements: make([]DepartementSummaryDTO, len(deps))}
	for i, d := range deps {
		out.Departements[i] = DepartementSummaryDTO{DepartementCode: d.Departement, ComplianceSummaryDTO: summaryDTO(d.Summary)}
	}
	return c.JSON(http.StatusOK, out)
}

package rest

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"maillage/pkg/apperr"
	"maillage/pkg/compliance"
	"maillage/pkg/hours"
)

// Rule sets of the label, as dated data (ADR 0006, "Rule sets as data").

// RuleSetDTO is one version of the label's rules; in_force marks the one that applies today.
type RuleSetDTO struct {
	Code                  string    `json:"code" example:"fs-2025-06"`
	Title                 string    `json:"title" example:"Référentiel France services (2025)"`
	Source                string    `json:"source" example:"Arrêté du 16 juin 2025"`
	ValidFrom             string    `json:"valid_from" format:"date" example:"2025-06-16"`
	MinWeeklyMinutes      int       `json:"min_weekly_minutes" example:"1440"`
	MinOpenDays           int       `json:"min_open_days" example:"5"`
	MinAgentsPresent      int       `json:"min_agents_present" example:"2"`
	TrainedAgentsRequired bool      `json:"trained_agents_required"`
	PartnerSocleRequired  bool      `json:"partner_socle_required"`
	PremisesRequired      bool      `json:"premises_required"`
	InForce               bool      `json:"in_force"`
	CreatedAt             time.Time `json:"created_at"`
	CreatedBy             string    `json:"created_by" example:"admin@maillage.test"`
} //@name RuleSet

// RuleSetList lists the rule sets, oldest first.
type RuleSetList struct {
	Items []RuleSetDTO `json:"items"`
} //@name RuleSetList

// RuleSetInput adds a rule set: it starts today or later, after every existing one, and is never rewritten.
type RuleSetInput struct {
	Code                  string `json:"code" example:"fs-2027-01"`
	Title                 string `json:"title" example:"Référentiel France services (2027)"`
	Source                string `json:"source" example:"Arrêté du …"`
	ValidFrom             string `json:"valid_from" format:"date" example:"2027-01-01"`
	MinWeeklyMinutes      int    `json:"min_weekly_minutes" minimum:"1" maximum:"10080" example:"1800"`
	MinOpenDays           int    `json:"min_open_days" minimum:"1" maximum:"7" example:"5"`
	MinAgentsPresent      int    `json:"min_agents_present" minimum:"1" maximum:"20" example:"2"`
	TrainedAgentsRequired bool   `json:"trained_agents_required"`
	PartnerSocleRequired  bool   `json:"partner_socle_required"`
	PremisesRequired      bool   `json:"premises_required"`
} //@name RuleSetInput

func ruleSetDTO(r compliance.RuleSet) RuleSetDTO {
	return RuleSetDTO{Code: r.Code, Title: r.Title, Source: r.Source, ValidFrom: r.ValidFrom.String(),
		MinWeeklyMinutes: r.MinWeeklyMinutes, MinOpenDays: r.MinOpenDays, MinAgentsPresent: r.MinAgentsPresent,
		TrainedAgentsRequired: r.TrainedAgentsRequired, PartnerSocleRequired: r.PartnerSocleRequired,
		PremisesRequired: r.PremisesRequired, InForce: r.InForce, CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy}
}

// listRuleSets godoc
// @Summary      Référentiels du label
// @Description  Les versions datées des règles du label (ouverture hebdomadaire, jours, agents…), la plus ancienne d’abord ; in_force marque celle qui s’applique aujourd’hui. Une évaluation à une date utilise la version en vigueur à cette date.
// @Tags         compliance
// @Produce      json
// @Security     BearerAuth
// @Success      200 {object} RuleSetList
// @Failure      401 {object} Problem
// @Router       /rule-sets [get]
func (h *Handlers) listRuleSets(c echo.Context) error {
	list, err := h.Compliance.RuleSets(c.Request().Context())
	if err != nil {
		return err
	}
	out := RuleSetList{Items: make([]RuleSetDTO, len(list))}
	for i, r := range list {
		out.Items[i] = ruleSetDTO(r)
	}
	return c.JSON(http.StatusOK, out)
}

// createRuleSet godoc
// @Summary      Ajouter une version des règles du label
// @Description  Administration nationale seulement. La nouvelle version entre en vigueur à valid_from (aujourd’hui ou plus tard, après la dernière version) : les référentiels ne sont jamais réécrits rétroactivement, pour que les évaluations passées restent explicables.
// @Tags         compliance
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body body RuleSetInput true "Référentiel"
// @Success      201 {object} RuleSet
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      409 {object} Problem
// @Failure      422 {object} Problem
// @Router       /rule-sets [post]
func (h *Handlers) createRuleSet(c echo.Context) error {
	var in RuleSetInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	var v apperr.Validation
	from := parseDateField(&v, "valid_from", in.ValidFrom)
	if err := v.Err(); err != nil {
		return err
	}
	out, err := h.Compliance.AddRuleSet(c.Request().Context(), actorOf(c), hours.RuleSet{Code: in.Code, Title: in.Title,
		Source: in.Source, ValidFrom: from, MinWeeklyMinutes: in.MinWeeklyMinutes, MinOpenDays: in.MinOpenDays,
		MinAgentsPresent: in.MinAgentsPresent, TrainedAgentsRequired: in.TrainedAgentsRequired,
		PartnerSocleRequired: in.PartnerSocleRequired, PremisesRequired: in.PremisesRequired})
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", apiPrefix+"/rule-sets/"+out.Code)
	return c.JSON(http.StatusCreated, ruleSetDTO(out))
}

// deleteRuleSet godoc
// @Summary      Retirer une version des règles pas encore en vigueur
// @Description  Administration nationale seulement ; 409 rule_set.in_force dès que la version s’applique. Les référentiels ne sont jamais modifiés : ils n’ont pas de version à rappeler (pas d’If-Match).
// @Tags         compliance
// @Security     BearerAuth
// @Param        code path string true "Code du référentiel" example(fs-2027-01)
// @Success      204
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      404 {object} Problem
// @Failure      409 {object} Problem
// @Router       /rule-sets/{code} [delete]
func (h *Handlers) deleteRuleSet(c echo.Context) error {
	if err := h.Compliance.DeleteRuleSet(c.Request().Context(), actorOf(c), c.Param("code")); err != nil {
		return err
	}
	return noContent(c)
}

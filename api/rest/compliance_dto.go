package rest

import (
	"time"

	"maillage/pkg/compliance"
	"maillage/pkg/hours"
)

// Compliance reports and evaluations (ADR 0006).

// CriterionCountDTO counts structures per status of one criterion.
type CriterionCountDTO struct {
	Code    string `json:"code" enums:"weekly_hours,open_days,agents_present,agents_trained,partner_socle,premises"`
	OK      int    `json:"ok"`
	Warning int    `json:"warning"`
	Failure int    `json:"failure"`
	Unknown int    `json:"unknown"`
} //@name ComplianceCriterionCount

// ComplianceSummaryDTO counts structures per overall status and per criterion.
type ComplianceSummaryDTO struct {
	Structures int                 `json:"structures"`
	OK         int                 `json:"ok"`
	Warning    int                 `json:"warning"`
	Failure    int                 `json:"failure"`
	Unknown    int                 `json:"unknown"`
	Criteria   []CriterionCountDTO `json:"criteria"`
} //@name ComplianceSummary

func summaryDTO(s compliance.Summary) ComplianceSummaryDTO {
	out := ComplianceSummaryDTO{Structures: s.Structures, OK: s.OK, Warning: s.Warning, Failure: s.Failure,
		Unknown: s.Unknown, Criteria: []CriterionCountDTO{}}
	for _, c := range s.Criteria {
		out.Criteria = append(out.Criteria, CriterionCountDTO{Code: string(c.Code), OK: c.OK, Warning: c.Warning,
			Failure: c.Failure, Unknown: c.Unknown})
	}
	return out
}

// DepartementComplianceDTO is the compliance of every structure of a département.
type DepartementComplianceDTO struct {
	DepartementCode string               `json:"departement_code" example:"70"`
	Items           []hours.Report       `json:"items"`
	Summary         ComplianceSummaryDTO `json:"summary"`
} //@name DepartementCompliance

// DepartementSummaryDTO is the summary of one département.
type DepartementSummaryDTO struct {
	DepartementCode string `json:"departement_code" example:"70"`
	ComplianceSummaryDTO
} //@name DepartementComplianceSummary

// NationalComplianceDTO is the compliance of the caller's territory, in total and per département.
type NationalComplianceDTO struct {
	Summary      ComplianceSummaryDTO    `json:"summary"`
	Departements []DepartementSummaryDTO `json:"departements"`
} //@name NationalCompliance

// EvaluationDTO is a recorded evaluation: one per change of hours or agents.
type EvaluationDTO struct {
	ID          string    `json:"id" format:"uuid"`
	EvaluatedAt time.Time `json:"evaluated_at"`
	RuleSet     string    `json:"rule_set" example:"fs-2025-06"`
	Status      string    `json:"status" enums:"ok,warning,failure,unknown"`
	Cause       string    `json:"cause" example:"schedules.replace"`
	Changed     bool      `json:"changed"` // the status differs from the previous evaluation's
} //@name ComplianceEvaluation

// EvaluationList is the compliance history of a structure, newest first.
type EvaluationList struct {
	Items []EvaluationDTO `json:"items"`
} //@name ComplianceHistory

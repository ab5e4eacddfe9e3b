package rest

import (
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"maillage/pkg/anct"
	"maillage/pkg/apperr"
	"maillage/pkg/registry"
)

const importBodyLimit = 20 << 20 // the national list is ~1.5 MB; leave room for a padded spreadsheet export

// ImportFile describes the uploaded file.
type ImportFile struct {
	Name      string `json:"name" example:"liste-fs-20221201.csv"`
	SHA256    string `json:"sha256"`
	Encoding  string `json:"encoding" example:"utf-8"`
	Delimiter string `json:"delimiter" example:","`
	Rows      int    `json:"rows" example:"105"`
} //@name ImportFile

// ImportSummary counts the rows by outcome.
type ImportSummary struct {
	Create    int `json:"create"`
	Update    int `json:"update"`
	Unchanged int `json:"unchanged"`
	Rejected  int `json:"rejected"`
	Warnings  int `json:"warnings"`
} //@name ImportSummary

// ImportRow is a row that creates, updates or leaves a structure unchanged.
type ImportRow struct {
	Line            int                        `json:"line"`
	ID              string                     `json:"id,omitempty"`
	IDFS            string                     `json:"id_fs"`
	Name            string                     `json:"name"`
	DepartementCode string                     `json:"departement_code"`
	Changes         map[string]registry.Change `json:"changes,omitempty"`
} //@name ImportRow

// ImportProblem is a reason, in French, tied to a line and a column.
type ImportProblem struct {
	Line    int    `json:"line"`
	Column  string `json:"column"`
	Message string `json:"message"`
} //@name ImportProblem

// ImportRejected is a row that was not taken, with its raw cells kept for review.
type ImportRejected struct {
	Line     int               `json:"line"`
	Problems []ImportProblem   `json:"problems"`
	Cells    map[string]string `json:"cells"`
} //@name ImportRejected

// ImportReport is the outcome of an import (or of its dry run).
type ImportReport struct {
	ID         string           `json:"id"`
	Applied    bool             `json:"applied"`
	File       ImportFile       `json:"file"`
	Summary    ImportSummary    `json:"summary"`
	Creates    []ImportRow      `json:"creates"`
	Updates    []ImportRow      `json:"updates"`
	Unchanged  []ImportRow      `json:"unchanged"`
	Rejected   []ImportRejected `json:"rejected"`
	Warnings   []ImportProblem  `json:"warnings"`
	DurationMS int64            `json:"duration_ms"`
} //@name ImportReport

// importANCT godoc
// @Summary      Importer la liste nationale ANCT
// @Description  Simulation par défaut : le rapport dit ce qui serait créé, modifié, inchangé ou rejeté (ligne, colonne, raison). `apply=true` applique le même plan en une transaction. Importer deux fois le même fichier ne change rien la seconde fois. Accepte virgules ou points-virgules, UTF-8 (avec ou sans BOM) ou Latin-1.
// @Tags         imports
// @Accept       multipart/form-data
// @Produce      json
// @Security     BearerAuth
// @Param        file  formData file true  "Fichier CSV de la liste nationale"
// @Param        apply query    bool false "Appliquer (sinon simulation)"
// @Success      200 {object} ImportReport
// @Failure      401 {object} Problem
// @Failure      403 {object} Problem
// @Failure      413 {object} Problem
// @Failure      422 {object} Problem
// @Router       /imports/anct [post]
func (h *Handlers) importANCT(c echo.Context) error {
	apply, _ := strconv.ParseBool(c.QueryParam("apply"))
	fh, err := c.FormFile("file")
	if err != nil {
		return apperr.Invalid("validation_failed", "file", "Joignez le fichier CSV de la liste nationale (champ « file »).")
	}
	f, err := fh.Open()
	if err != nil {
		return apperr.Invalid("validation_failed", "file", "Fichier illisible.")
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return decodeError(err)
	}
	rep, err := h.Registry.ImportANCT(c.Request().Context(), actorOf(c), fh.Filename, data, apply)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, importReport(rep))
}

func importReport(r registry.Report) ImportReport {
	p := r.Plan
	out := ImportReport{ID: r.ID, Applied: r.Applied, DurationMS: r.Duration.Milliseconds(),
		File: ImportFile{Name: r.FileName, SHA256: r.SHA256, Encoding: r.Encoding, Delimiter: r.Delimiter, Rows: r.Rows},
		Summary: ImportSummary{Create: len(p.Creates), Update: len(p.Updates), Unchanged: len(p.Unchanged),
			Rejected: len(p.Rejected), Warnings: len(p.Warnings)},
		Creates: rowsOfPlan(p.Creates), Updates: rowsOfPlan(p.Updates), Unchanged: rowsOfPlan(p.Unchanged),
		Rejected: []ImportRejected{}, Warnings: problems(p.Warnings)}
	for _, rj := range p.Rejected {
		out.Rejected = append(out.Rejected, ImportRejected{Line: rj.Line, Problems: problems(rj.Problems), Cells: rj.Cells})
	}
	return out
}

func rowsOfPlan(list []registry.Planned) []ImportRow {
	out := make([]ImportRow, len(list))
	for i, p := range list {
		out[i] = ImportRow{Line: p.Line, ID: p.Structure.ID, IDFS: deref(p.Structure.IDFS), Name: p.Structure.Name,
			DepartementCode: p.Structure.Departement, Changes: p.Changes}
	}
	return out
}

func problems(list []anct.Problem) []ImportProblem {
	out := make([]ImportProblem, len(list))
	for i, p := range list {
		out[i] = ImportProblem{Line: p.Line, Column: p.Column, Message: p.Message}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

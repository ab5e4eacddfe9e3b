package registry

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"maillage/pkg/anct"
	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/structure"
)

// ExportFormat is a file layout of the registry.
type ExportFormat string

const (
	ExportCSV  ExportFormat = "csv"  // French spreadsheet CSV: UTF-8 with BOM, semicolons
	ExportXLSX ExportFormat = "xlsx" // workbook with a metadata sheet
	ExportANCT ExportFormat = "anct" // the national list's columns, to send corrections back
)

// Export is a file ready to send.
type Export struct {
	Format      ExportFormat
	ContentType string
	FileName    string
	Count       int
	Metadata    map[string]string
}

var exportHeader = []string{"identifiant_anct", "nom", "departement", "code_commune", "commune", "adresse",
	"complement_adresse", "code_postal", "latitude", "longitude", "source_coordonnees", "telephone", "email",
	"site_web", "format", "type_porteur", "nom_porteur", "siret_porteur", "statut_label", "date_label",
	"alertes_qualite"}

// ExportStructures writes the structures the actor may see, filtered, in the given format.
func (s *Service) ExportStructures(ctx context.Context, actor auth.Actor, f structure.Filter, filterText string,
	format ExportFormat, w io.Writer) (Export, error) {
	list, _, err := s.Structures.List(ctx, actor, f, "", 0)
	if err != nil {
		return Export{}, err
	}
	stamp := s.Now().Format("2006-01-02")
	meta := map[string]string{"source": "Maillage — registre des France services", "date": s.Now().Format(time.RFC3339),
		"filtres": filterText, "nombre": fmt.Sprint(len(list))}
	out := Export{Format: format, Count: len(list), Metadata: meta}
	switch format {
	case ExportCSV:
		out.ContentType, out.FileName = "text/csv; charset=utf-8", "structures-"+stamp+".csv"
		return out, writeCSV(w, ';', exportHeader, rowsOf(list))
	case ExportANCT:
		groups, err := s.groupNamesOf(ctx, list)
		if err != nil {
			return Export{}, err
		}
		out.ContentType, out.FileName = "text/csv; charset=utf-8", "liste-france-services-"+stamp+".csv"
		return out, writeCSV(w, ',', anct.Columns, anctRowsOf(list, groups))
	case ExportXLSX:
		out.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		out.FileName = "structures-" + stamp + ".xlsx"
		return out, writeXLSX(w, rowsOf(list), meta)
	}
	return Export{}, apperr.Invalid("validation_failed", "format", "Format d’export inconnu : csv, xlsx ou anct.")
}

func writeCSV(w io.Writer, sep rune, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, "\xef\xbb\xbf"); err != nil { // BOM: spreadsheets then read UTF-8
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = sep
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func rowsOf(list []structure.Structure) [][]string {
	rows := make([][]string, len(list))
	for i, s := range list {
		flags := make([]string, 0, 5)
		for _, f := range structure.Quality(s) {
			flags = append(flags, structure.QualityLabels[f])
		}
		rows[i] = []string{deref(s.IDFS), s.Name, s.Departement, deref(s.CommuneCode), s.CommuneLabel, s.Address,
			s.AddressComplement, s.Postcode, coord(s.Latitude), coord(s.Longitude), string(s.CoordinatesSource), s.Phone,
			s.Email, s.Website, string(s.Format), string(s.Carrier.Type), s.Carrier.Name, s.Carrier.SIRET,
			s.LabelStatus, date(s.LabelDate, "2006-01-02"), strings.Join(flags, " ; ")}
	}
	return rows
}

func anctRowsOf(list []structure.Structure, groups map[string]string) [][]string {
	rows := make([][]string, len(list))
	for i, s := range list {
		itinerant, format := "Non", "Site principal"
		if s.Format == structure.FormatItinerant {
			itinerant = "Oui"
		}
		if s.Format == structure.FormatAntenne {
			format = "Antenne"
		}
		label := ""
		if s.LabelDate != nil {
			label = "Espace labellisé " + date(s.LabelDate, "02/01/2006")
		}
		row := []string{deref(s.IDFS), s.Departement, s.Name, s.Address, s.AddressComplement, deref(s.CommuneCode),
			s.Postcode, s.CommuneLabel, coord(s.Latitude), coord(s.Longitude), s.Email, s.Phone}
		for _, col := range anct.HourColumns {
			row = append(row, s.HoursRaw[col])
		}
		rows[i] = append(row, s.Comment, itinerant, format, groups[deref(s.GroupID)], label)
	}
	return rows
}

func (s *Service) groupNamesOf(ctx context.Context, list []structure.Structure) (map[string]string, error) {
	var deps []string
	seen := map[string]bool{}
	for _, st := range list {
		if !seen[st.Departement] {
			seen[st.Departement] = true
			deps = append(deps, st.Departement)
		}
	}
	if len(deps) == 0 {
		return map[string]string{}, nil
	}
	return s.Structures.GroupNames(ctx, deps)
}

func writeXLSX(w io.Writer, rows [][]string, meta map[string]string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet, metaSheet = "Structures", "Métadonnées"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(metaSheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, r := range append([][]string{exportHeader}, rows...) {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	for i, k := range []string{"source", "date", "filtres", "nombre"} {
		if err := f.SetSheetRow(metaSheet, fmt.Sprintf("A%d", i+1), &[]any{k, meta[k]}); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

func coord(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64) // shortest exact form: a re-import finds the same value
}

func date(t *time.Time, layout string) string {
	if t == nil {
		return ""
	}
	return t.Format(layout)
}

// QualityCount is how many structures of a département carry a quality flag, and which.
type QualityCount struct {
	Flag       structure.QualityFlag
	Label      string
	Structures []structure.Structure
}

// Quality summarises the data-quality flags of a département's structures.
func (s *Service) Quality(ctx context.Context, actor auth.Actor, dep string) (total int, counts []QualityCount, err error) {
	if !actor.CanSeeDepartement(dep) {
		return 0, nil, apperr.NotFound("departement.not_found", "Ce département n’est pas dans votre territoire.")
	}
	list, _, err := s.Structures.List(ctx, actor, structure.Filter{Departement: dep}, "", 0)
	if err != nil {
		return 0, nil, err
	}
	byFlag := map[structure.QualityFlag][]structure.Structure{}
	for _, st := range list {
		for _, f := range structure.Quality(st) {
			byFlag[f] = append(byFlag[f], st)
		}
	}
	for _, f := range structure.QualityFlags {
		counts = append(counts, QualityCount{Flag: f, Label: structure.QualityLabels[f], Structures: byFlag[f]})
	}
	return len(list), counts, nil
}

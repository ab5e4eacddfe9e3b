package labelling

import (
	"archive/zip"
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

var grid = Grid{Version: "qualite-test", Title: "Grille", ValidFrom: today, Criteria: []Criterion{
	{Code: "ACC-01", Label: "24 h", Category: "Accueil", Automatic: true, ComplianceCode: CodeWeeklyHours},
	{Code: "LOC-01", Label: "Bureau fermé", Category: "Locaux"},
	{Code: "LOC-02", Label: "Accessibilité", Category: "Locaux"},
	{Code: "COM-01", Label: "Carte nationale", Category: "Communication"},
}}

func TestAuditAnswers(t *testing.T) {
	err := ValidateAnswers(grid, []Answer{{Code: "ACC-01", Status: Conforme}, {Code: "LOC-01", Status: "oui"},
		{Code: "XXX", Status: Conforme}, {Code: "LOC-02", Status: Conforme, Comment: strings.Repeat("a", MaxComment+1)},
		{Code: "LOC-02", Status: SansObjet}})
	f := fieldsOf(t, err, "validation_failed")
	for _, k := range []string{"answers[0].code", "answers[1].status", "answers[2].code", "answers[3].comment", "answers[4].code"} {
		if f[k] == "" {
			t.Errorf("no error on %s: %v", k, f)
		}
	}
	if !strings.Contains(f["answers[0].code"], "automatiquement") {
		t.Errorf("automatic criterion: %q", f["answers[0].code"])
	}
	answers := []Answer{{Code: "LOC-01", Status: Conforme}, {Code: "LOC-02", Status: AVerifier}}
	if err := ValidateAnswers(grid, answers); err != nil {
		t.Fatal(err)
	}
	r := EvaluateAudit(grid, answers)
	if r.Complete || strings.Join(r.Missing, ",") != "LOC-02,COM-01" || len(r.NonConforme) != 0 {
		t.Fatalf("partial audit: %+v", r)
	}
	r = EvaluateAudit(grid, []Answer{{Code: "LOC-01", Status: NonConf}, {Code: "LOC-02", Status: SansObjet}, {Code: "COM-01", Status: Conforme}})
	if !r.Complete || len(r.NonConforme) != 1 || r.NonConforme[0].Code != "LOC-01" {
		t.Fatalf("complete audit: %+v", r)
	}
	for verdict, want := range map[string]string{"ok": Conforme, "failure": NonConf, "warning": AVerifier, "unknown": AVerifier} {
		if got := AutomaticStatus(verdict); got != want {
			t.Errorf("AutomaticStatus(%s) = %s", verdict, got)
		}
	}
}

func TestLabelValidateGrid(t *testing.T) {
	g := grid
	g.Criteria = append([]Criterion(nil), grid.Criteria...)
	if err := ValidateGrid(&g); err != nil {
		t.Fatal(err)
	}
	bad := Grid{Version: "Qualité 2026", Criteria: []Criterion{
		{Code: "A", Label: "x", Category: "c", Automatic: true, ComplianceCode: "signage"},
		{Code: "A", Label: "", Category: "c", ComplianceCode: CodeOpenDays},
	}}
	f := fieldsOf(t, ValidateGrid(&bad), "validation_failed")
	for _, k := range []string{"version", "title", "valid_from", "criteria[0].compliance_code", "criteria[1].code",
		"criteria[1].label", "criteria[1].compliance_code"} {
		if f[k] == "" {
			t.Errorf("no error on %s: %v", k, f)
		}
	}
	if f := fieldsOf(t, ValidateGrid(&Grid{Version: "v2", Title: "t", ValidFrom: today}), "validation_failed"); f["criteria"] == "" {
		t.Errorf("empty grid: %v", f)
	}
}

func zipOf(t *testing.T, entries ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i, e := range entries {
		method := zip.Deflate
		if i == 0 && e[0] == "mimetype" {
			method = zip.Store
		}
		f, err := w.CreateHeader(&zip.FileHeader{Name: e[0], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = f.Write([]byte(e[1]))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLabelDocumentTypes(t *testing.T) {
	odt := zipOf(t, [2]string{"mimetype", TypeODT}, [2]string{"content.xml", "<office:document-content/>"})
	ods := zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, [2]string{"content.xml", "x"})
	docx := zipOf(t, [2]string{"[Content_Types].xml", "<Types/>"}, [2]string{"word/document.xml", "<w:document/>"})
	xlsx := zipOf(t, [2]string{"[Content_Types].xml", "<Types/>"}, [2]string{"xl/workbook.xml", "<workbook/>"})
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"pdf", []byte("%PDF-1.7\n1 0 obj"), TypePDF},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), TypePNG},
		{"jpeg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF"), TypeJPEG},
		{"odt", odt, TypeODT},
		{"docx", docx, TypeDOCX},
		{"ods", ods, ""},
		{"xlsx", xlsx, ""},
		{"html", []byte("<!DOCTYPE html><script>alert(1)</script>"), ""},
		{"text named .pdf", []byte("pas un PDF"), ""},
		{"broken zip", []byte("PK\x03\x04garbage"), ""},
	}
	for _, c := range cases {
		if got := DocumentType(c.data, http.DetectContentType(c.data)); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if _, err := CheckDocument(make([]byte, MaxDocumentSize+1), TypePDF); err != ErrDocumentTooLarge {
		t.Errorf("too large: %v", err)
	}
	if _, err := CheckDocument(nil, TypePDF); err != ErrDocumentType {
		t.Errorf("empty: %v", err)
	}
	for in, want := range map[string]string{
		"C:\\Mes documents\\délibération.PDF": "délibération.PDF", "dossier.exe": "dossier.exe.pdf", "": "document.pdf",
		"../../etc/passwd": "passwd.pdf", "photo.jpeg": "photo.jpeg",
	} {
		ct := TypePDF
		if strings.HasSuffix(want, ".jpeg") {
			ct = TypeJPEG
		}
		if got := CleanFileName(in, ct); got != want {
			t.Errorf("CleanFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWaveTimeline(t *testing.T) {
	d := func(s string) *time.Time { v, _ := time.Parse(time.DateOnly, s); return &v }
	places := []Place{
		{ID: "a", State: Labellise, Format: "site", LabelDate: d("2020-01-01")},
		{ID: "b", State: SousSurveillance, Format: "antenne", LabelDate: d("2022-01-01")},
		{ID: "c", State: Labellise, Format: "site", LabelDate: d("2022-01-01")},
		{ID: "d", State: Ferme, Format: "site", LabelDate: d("2020-01-01")}, // no longer labelled
		{ID: "e", State: Instruction, Format: "site"},
		{ID: "f", State: Labellise, Format: "itinerant"}, // labelled without a known date
	}
	waves := []Wave{{ID: "w1", Name: "Vague du 01/01/2022", Date: *d("2022-01-01")}, {ID: "w2", Name: "Vague de printemps", Date: *d("2027-03-01")}}
	targets := []Target{{Count: 4, Format: ""}, {Count: 2, Format: "site"}, {Count: 0, EveryCanton: true}}
	p := ComputeProgress(places, targets, nil, waves)
	if p.Labelled != 4 || p.ByState[Labellise] != 3 || p.ByState[Ferme] != 1 || p.ByState[Projet] != 0 || len(p.ByState) != 11 {
		t.Fatalf("counts %+v", p)
	}
	if p.ByFormat["site"] != 2 || p.ByFormat["antenne"] != 1 || p.ByFormat["itinerant"] != 1 {
		t.Fatalf("formats %v", p.ByFormat)
	}
	got := []string{}
	for _, w := range p.Waves {
		got = append(got, w.Date.Format(time.DateOnly)+" "+w.ID+" "+w.Name+" "+strconv.Itoa(w.Count)+"/"+strconv.Itoa(w.Cumulative))
	}
	want := "2020-01-01  Labellisation du 01/01/2020 1/1|2022-01-01 w1 Vague du 01/01/2022 2/3|2027-03-01 w2 Vague de printemps 0/3"
	if strings.Join(got, "|") != want {
		t.Fatalf("timeline\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	if tp := p.Targets[0]; tp.Achieved != 4 || tp.Gap != 0 || !tp.Met {
		t.Errorf("target 4: %+v", tp)
	}
	if tp := p.Targets[1]; tp.Achieved != 2 || !tp.Met {
		t.Errorf("target sites: %+v", tp)
	}
	if tp := p.Targets[2]; !tp.Met { // no canton known: every canton of none is covered
		t.Errorf("canton target: %+v", tp)
	}
	p = ComputeProgress(places, []Target{{Count: 6}}, nil, nil)
	if tp := p.Targets[0]; tp.Gap != 2 || tp.Met {
		t.Errorf("target 6: %+v", tp)
	}
}

func TestLabelCantonCoverage(t *testing.T) {
	square, err := ParseGeometry([]byte(`{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,2],[1,1]]]}`))
	if err != nil {
		t.Fatal(err)
	}
	multi, err := ParseGeometry([]byte(`{"type":"MultiPolygon","coordinates":[[[[10,10],[11,10],[11,11],[10,11],[10,10]]],[[[20,20],[21,20],[21,21],[20,20]]]]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseGeometry([]byte(`{"type":"Point","coordinates":[1,2]}`)); err == nil {
		t.Fatal("a point is not an outline")
	}
	a, b, c := Canton{Code: "7001", Name: "A", Polygons: square}, Canton{Code: "7002", Name: "B", Polygons: multi},
		Canton{Code: "7003", Name: "C", Polygons: square}
	for _, pt := range [][3]float64{{3, 3, 1}, {1.5, 1.5, 0}, {5, 5, 0}, {0.5, 3.5, 1}} {
		if a.Contains(pt[0], pt[1]) != (pt[2] == 1) {
			t.Errorf("square contains %v: %v", pt, !(pt[2] == 1))
		}
	}
	if !b.Contains(10.5, 10.5) || b.Contains(15, 15) {
		t.Error("multipolygon")
	}
	f := func(v float64) *float64 { return &v }
	places := []Place{{State: Labellise, Lon: f(3), Lat: f(3)}, {State: Projet, Lon: f(10.5), Lat: f(10.5)}, {State: Labellise}}
	p := ComputeProgress(places, []Target{{EveryCanton: true}}, []Canton{a, b, c}, nil)
	if p.Cantons.Total != 3 || p.Cantons.Covered != 2 || len(p.Cantons.Uncovered) != 1 || p.Cantons.Uncovered[0].Code != "7002" {
		t.Fatalf("coverage %+v (a project does not cover its canton)", p.Cantons)
	}
	if p.Targets[0].Met {
		t.Error("every canton target met with one uncovered")
	}
}

func TestPipelineColumns(t *testing.T) {
	cols := Pipeline([]PipelineItem{{Place: Place{Name: "B", State: Instruction}}, {Place: Place{Name: "A", State: Instruction}},
		{Place: Place{Name: "C", State: Labellise}}})
	if len(cols) != len(States) || cols[2].State != Instruction || len(cols[2].Items) != 2 || cols[2].Items[0].Place.Name != "B" ||
		cols[2].Label != "En instruction" || len(cols[0].Items) != 0 || cols[0].Items == nil {
		t.Fatalf("columns %+v", cols)
	}
}

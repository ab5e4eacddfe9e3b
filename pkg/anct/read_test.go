package anct

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func readExtract(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/liste-fs-20221201-extrait-57-60-70.csv")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadsTheRealNationalExtract(t *testing.T) {
	f, problems, err := Read(readExtract(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) != 105 || len(problems) != 0 || f.Delimiter != ',' || f.Encoding != "utf-8" {
		t.Fatalf("rows %d, problems %v, delimiter %q, encoding %s", len(f.Rows), problems, f.Delimiter, f.Encoding)
	}
	perDep := map[string]int{}
	temporary, antennas, itinerant, noCoords := 0, 0, 0, 0
	for _, row := range f.Rows {
		r := Interpret(row)
		perDep[r.Departement]++
		if r.Temporary {
			temporary++
		}
		if r.Antenna {
			antennas++
		}
		if r.Itinerant {
			itinerant++
		}
		if r.Latitude == nil {
			noCoords++
		}
		for _, p := range r.Problems {
			if p.Column == "insee_com" && p.Warning && row.Line >= 89 && row.Line <= 100 {
				continue // twelve antennas of the Oise are published without their commune code
			}
			t.Errorf("line %d %s: %s", p.Line, p.Column, p.Message)
		}
		if r.LabelDate == nil {
			t.Errorf("line %d: no label date in %q", row.Line, row.Get("labellisation"))
		}
	}
	if perDep["57"] != 34 || perDep["60"] != 47 || perDep["70"] != 24 {
		t.Errorf("per département: %v", perDep)
	}
	if temporary != 6 || antennas != 15 || itinerant != 9 || noCoords != 12 {
		t.Errorf("temporary %d (6), antennas %d (15), itinerant %d (9), without coordinates %d (12)", temporary, antennas, itinerant, noCoords)
	}
	first := Interpret(f.Rows[0])
	if first.IDFS != "329" || first.Name != "France services Entrange" || first.Phone != "03 82 54 95 90" ||
		first.LabelDate.Format("2006-01-02") != "2020-01-01" || first.Line() != 2 {
		t.Errorf("first row: %+v", first)
	}
}

const header = "id_fs,insee_dep,lib_fs,adresse,complement_adresse,insee_com,code_postal,lib_com,latitude,longitude,mail,telephone,h_lundi,h_mardi,h_mercredi,h_jeudi,h_vendredi,h_samedi,commentaire,itinerance,format_fs,groupe,labellisation"

func TestNastyFiles(t *testing.T) {
	row := `12,70,"France services ""Les Combes""","1 rue X, bâtiment B",,70550,70000,Vesoul,47.6,6.15,a@b.fr,+33 3 84 00 00 00,09:00-12:00,-,,,,,,Non,Antenne,Haute Comté,Espace labellisé 01/02/2021`
	semicolon := strings.ReplaceAll(strings.ReplaceAll(header, ",", ";"), "", "") + "\n" +
		`13;70;France services Gray;Place de l'Hôtel de Ville;;70279;70100;Gray;47,44;5,59;;0384000000;09:00 - 12:00;;;;;;;Oui;Site principal;;Espace labellisé 15/01/2021` + "\n"
	latin1, _ := charmap.Windows1252.NewEncoder().String(header + "\n" +
		"14,70,France services Héricourt,,,70285,70400,Héricourt,,,,,,,,,,,,Non,Site principal,,\n")
	cases := []struct {
		name     string
		data     string
		rows     int
		problems int
		check    func(t *testing.T, f File)
	}{
		{"BOM and CRLF and quotes", "\xef\xbb\xbf" + header + "\r\n" + row + "\r\n", 1, 0, func(t *testing.T, f File) {
			r := Interpret(f.Rows[0])
			if r.Name != `France services "Les Combes"` || r.Address != "1 rue X, bâtiment B" || !r.Antenna ||
				r.Phone != "03 84 00 00 00" || r.Group != "Haute Comté" || len(r.Problems) != 0 {
				t.Errorf("%+v", r)
			}
		}},
		{"semicolons and decimal commas", semicolon, 1, 0, func(t *testing.T, f File) {
			r := Interpret(f.Rows[0])
			if f.Delimiter != ';' || r.Latitude == nil || *r.Latitude != 47.44 || !r.Itinerant || r.Phone != "03 84 00 00 00" {
				t.Errorf("%+v", r)
			}
		}},
		{"Latin-1", latin1, 1, 0, func(t *testing.T, f File) {
			if f.Encoding != "windows-1252" || Interpret(f.Rows[0]).Name != "France services Héricourt" {
				t.Errorf("%s %+v", f.Encoding, f.Rows[0])
			}
		}},
		{"empty trailing columns and blank lines are ignored", header + "\n" + row + ",,,\n\n,,,,\n", 1, 0, nil},
		{"extra non-empty cells are kept for review", header + "\n" + row + ",surprise\n", 1, 1, func(t *testing.T, f File) {
			if f.Rows[0].Cells["_extra"] != "surprise" {
				t.Errorf("%v", f.Rows[0].Cells)
			}
		}},
		{"a stray quote inside a cell is read leniently, with a warning", header + "\n" + strings.Replace(row, "Vesoul", `Ves"oul`, 1) + "\n", 1, 1, nil},
		{"an unclosed quote does not swallow the next line", header + "\n" +
			`15,70,"France services Lure,,,70310` + "\n" + row + "\n", 2, 1, func(t *testing.T, f File) {
			if f.Rows[0].Line != 2 || f.Rows[1].Line != 3 || Interpret(f.Rows[1]).IDFS != "12" {
				t.Errorf("%+v", f.Rows)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, problems, err := Read([]byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Rows) != tc.rows || len(problems) != tc.problems {
				t.Fatalf("rows %d (want %d), problems %v (want %d)", len(f.Rows), tc.rows, problems, tc.problems)
			}
			if tc.check != nil {
				tc.check(t, f)
			}
		})
	}
}

func TestRejectsAFileThatIsNotTheList(t *testing.T) {
	for _, data := range []string{"", "nom,ville\nx,y\n"} {
		if _, _, err := Read([]byte(data)); err == nil {
			t.Errorf("%q accepted", data)
		}
	}
}

func TestInterpretFlagsBadCells(t *testing.T) {
	row := Row{Line: 7, Cells: map[string]string{"id_fs": "abc", "insee_dep": "7A", "lib_fs": "", "insee_com": "123",
		"code_postal": "7O000", "latitude": "north", "longitude": "6", "mail": "pas-un-mail", "labellisation": "bientôt"}}
	r := Interpret(row)
	got := map[string]bool{}
	for _, p := range r.Problems {
		got[p.Column] = true
		if p.Line != 7 || p.Message == "" {
			t.Errorf("%+v", p)
		}
	}
	for _, col := range []string{"id_fs", "insee_dep", "lib_fs", "insee_com", "code_postal", "latitude", "mail", "labellisation"} {
		if !got[col] {
			t.Errorf("no problem reported for %s", col)
		}
	}
	if padded := Interpret(Row{Cells: map[string]string{"insee_dep": "7", "insee_com": "7186"}}); padded.Departement != "07" || padded.CommuneCode != "07186" {
		t.Errorf("%q %q: the leading zero a spreadsheet strips must be restored", padded.Departement, padded.CommuneCode)
	}
}

func TestParseDay(t *testing.T) {
	cases := []struct {
		cell string
		want string
		ok   bool
	}{
		{"09:00 - 12:30 / 13:30 - 17:00", "09:00 - 12:30 / 13:30 - 17:00", true},
		{"08:30-12:00/13:30-16:00", "08:30 - 12:00 / 13:30 - 16:00", true},
		{"9h - 12h / 14h-17h30", "09:00 - 12:00 / 14:00 - 17:30", true},
		{"", "", true},
		{"-", "", true},
		{"09:00 - 12:30 / 13:30 - 16:30 / 13:30 - 16:30", "09:00 - 12:30 / 13:30 - 16:30", true}, // duplicate dropped
		{"09:00 - 11:30 / 09:00 - 16:30", "09:00 - 16:30", true},                                 // overlap merged
		{"08:00 - 10:00 / 10:30 - 12:00 / 13:00 - 15:00", "08:00 - 10:00 / 10:30 - 12:00 / 13:00 - 15:00", true},
		{"sur rendez-vous", "", false},
		{"12:00 - 09:00", "", false},
		{"25:00 - 26:00", "", false},
	}
	for _, tc := range cases {
		got, ok := ParseDay(tc.cell)
		if ok != tc.ok || ok && FormatDay(got) != tc.want {
			t.Errorf("ParseDay(%q) = %q, %v; want %q, %v", tc.cell, FormatDay(got), ok, tc.want, tc.ok)
		}
	}
}

func TestRepairsDoubleEncodedText(t *testing.T) {
	for in, want := range map[string]string{"Fresnes-LÃ©guillon": "Fresnes-Léguillon", "Trie-ChÃ¢teau": "Trie-Château",
		"Héricourt": "Héricourt", "Ã la carte": "Ã la carte"} {
		if got := RepairMojibake(in); got != want {
			t.Errorf("RepairMojibake(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalisePhone(t *testing.T) {
	for in, want := range map[string]string{"0384777012": "03 84 77 70 12", "03.84.77.70.12": "03 84 77 70 12",
		"+33 (0)3 84 77 70 12": "03 84 77 70 12", "+33384777012": "03 84 77 70 12", " 3949 ": "3949"} {
		if got := NormalisePhone(in); got != want {
			t.Errorf("NormalisePhone(%q) = %q, want %q", in, got, want)
		}
	}
}

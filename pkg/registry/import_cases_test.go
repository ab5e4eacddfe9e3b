package registry_test

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"maillage/pkg/auth"
)

const header = "id_fs,insee_dep,lib_fs,adresse,complement_adresse,insee_com,code_postal,lib_com,latitude,longitude,mail,telephone,h_lundi,h_mardi,h_mercredi,h_jeudi,h_vendredi,h_samedi,commentaire,itinerance,format_fs,groupe,labellisation\n"

func TestImportEdgeCases(t *testing.T) {
	t.Parallel()
	s := newService(t)
	ctx := context.Background()
	file := header +
		"temp_9,70,France services de Jussey,1 rue X,,70292,70500,Jussey,,,,,09:00 - 12:00,,,,,,,Non,Site principal,,Espace labellisé 01/01/2023\n" +
		"501,70,France services de Gray,Place,,70279,70100,Gray,47.44,5.59,,,,,,,,,,Non,Site principal,,Espace labellisé 01/01/2022\n" +
		"501,70,France services de Gray (bis),Place,,70279,70100,Gray,,,,,,,,,,,,Non,Site principal,,Espace labellisé 01/01/2022\n" +
		"502,70,France services inconnue,,,99999,,Nulle-part,,,,,le matin,,,,,,,Non,Site principal,,\n"
	rep, err := s.ImportANCT(ctx, admin, "cas.csv", []byte(file), true)
	if err != nil {
		t.Fatal(err)
	}
	p := rep.Plan
	if len(p.Creates) != 3 || len(p.Rejected) != 1 || p.Rejected[0].Line != 4 ||
		!strings.Contains(p.Rejected[0].Problems[0].Message, "déjà présent ligne 3") {
		t.Fatalf("creates %d, rejected %+v", len(p.Creates), p.Rejected)
	}
	// An unknown commune code is imported but flagged, with the name as typed; unreadable hours are kept raw.
	var unknown struct {
		CommuneCode  *string
		CommuneLabel string
		HoursRaw     string
	}
	s.DB.Raw(`SELECT commune_code, commune_label, hours_raw::text FROM structures WHERE id_fs = '502'`).Scan(&unknown)
	if unknown.CommuneCode != nil || unknown.CommuneLabel != "Nulle-part" || !strings.Contains(unknown.HoursRaw, "le matin") {
		t.Errorf("unknown commune row: %+v", unknown)
	}
	if !hasWarning(p, "absent du référentiel") || !hasWarning(p, "illisibles") {
		t.Errorf("warnings: %+v", p.Warnings)
	}

	// ANCT gives Jussey its definitive number: the same structure is updated, and its history keeps temp_9.
	var before string
	s.DB.Raw(`SELECT id FROM structures WHERE id_fs = 'temp_9'`).Scan(&before)
	renumbered := strings.Replace(file, "temp_9,", "2950,", 1)
	rep, err = s.ImportANCT(ctx, admin, "cas.csv", []byte(renumbered), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Plan.Updates) != 1 || rep.Plan.Updates[0].Changes["id_fs"].To != "2950" || len(rep.Plan.Creates) != 0 {
		t.Fatalf("renumbering: updates %+v, creates %d", rep.Plan.Updates, len(rep.Plan.Creates))
	}
	var history []struct {
		IDFS string `gorm:"column:id_fs"`
		Open bool
	}
	s.DB.Raw(`SELECT id_fs, to_at IS NULL AS open FROM structure_id_history WHERE structure_id = ? ORDER BY from_at, id_fs`, before).Scan(&history)
	if len(history) != 2 || history[0].IDFS != "temp_9" || history[0].Open || history[1].IDFS != "2950" || !history[1].Open {
		t.Errorf("history: %+v", history)
	}
	// An old file still carrying the temporary id matches the same structure, through its history.
	rep, err = s.ImportANCT(ctx, admin, "ancien.csv", []byte(file), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Plan.Creates) != 0 {
		t.Errorf("the temporary id of an old file created %d structures", len(rep.Plan.Creates))
	}
}

func TestImportOfASpreadsheetResave(t *testing.T) {
	t.Parallel()
	s := newService(t)
	// The same kind of rows re-saved by a French spreadsheet: semicolons, Latin-1, CRLF, decimal commas.
	text := strings.ReplaceAll(header, ",", ";") +
		"601;70;France services Héricourt;;;70285;70400;Héricourt;47,57;6,76;;03 84 00 00 00;;;;;;;;Non;Site principal;;Espace labellisé 01/01/2021\n"
	latin1, err := charmap.Windows1252.NewEncoder().String(strings.ReplaceAll(text, "\n", "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.ImportANCT(context.Background(), admin, "resave.csv", []byte(latin1), true)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Encoding != "windows-1252" || rep.Delimiter != ";" || len(rep.Plan.Creates) != 1 {
		t.Fatalf("%s %q %+v", rep.Encoding, rep.Delimiter, rep.Plan)
	}
	var name string
	var lat float64
	s.DB.Raw(`SELECT name, latitude FROM structures WHERE id_fs = '601'`).Row().Scan(&name, &lat)
	if name != "France services Héricourt" || lat != 47.57 {
		t.Errorf("%q %v", name, lat)
	}
}

func TestImportIsScopedToTheActorsDepartements(t *testing.T) {
	t.Parallel()
	s := newService(t)
	prefecture := auth.Actor{Kind: auth.ActorUser, ID: "p70", Label: "prefecture.70", Role: auth.RolePrefecture, Departements: []string{"70"}}
	rep, err := s.ImportANCT(context.Background(), prefecture, "extrait.csv", extract(t), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Plan.Creates) != 24 || len(rep.Plan.Rejected) != 81 {
		t.Fatalf("creates %d, rejected %d", len(rep.Plan.Creates), len(rep.Plan.Rejected))
	}
	var outside int64
	s.DB.Raw(`SELECT count(*) FROM structures WHERE departement_code <> '70'`).Scan(&outside)
	if outside != 0 {
		t.Errorf("%d structures written outside the prefecture's département", outside)
	}
}

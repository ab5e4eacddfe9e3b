package demo_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"maillage/pkg/demo"
	"maillage/pkg/testkit"
)

// The demo's Haute-Saône has exactly 23 labelled structures (the prefecture's published figure), a wave per
// historical label date, the target of 23 and the canton target, and the antenna of Vauvillers closed with its
// decision on file; the other départements keep every structure of the extract labelled.
func TestDemoLabelling(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	var out bytes.Buffer
	if err := demo.Seed(context.Background(), gdb, time.Now, &out); err != nil {
		t.Fatal(err)
	}
	var counts []struct {
		DepartementCode, LabelStatus string
		N                            int
	}
	gdb.Raw(`SELECT departement_code, label_status, count(*) AS n FROM structures GROUP BY 1, 2 ORDER BY 1, 2`).Scan(&counts)
	got := []string{}
	for _, c := range counts {
		got = append(got, c.DepartementCode+" "+c.LabelStatus+" "+strconv.Itoa(c.N))
	}
	if want := "57 labellise 34|60 labellise 47|70 ferme 1|70 labellise 23"; strings.Join(got, "|") != want {
		t.Fatalf("label states %s, want %s", strings.Join(got, "|"), want)
	}
	var waves []string
	gdb.Raw(`SELECT name FROM label_waves WHERE departement_code = '70' ORDER BY wave_date`).Scan(&waves)
	if len(waves) != 7 || waves[0] != "Vague du 01/01/2020" || waves[6] != "Vague du 01/12/2022" {
		t.Fatalf("waves %v", waves)
	}
	var targets []struct {
		Count       int
		EveryCanton bool
	}
	gdb.Raw(`SELECT count, every_canton FROM label_targets WHERE scope = 'departement' AND code = '70' ORDER BY due_date`).Scan(&targets)
	if len(targets) != 2 || targets[0].Count != 23 || !targets[1].EveryCanton {
		t.Fatalf("targets %+v", targets)
	}
	var history []struct{ FromState, ToState, Reason string }
	gdb.Raw(`SELECT t.from_state, t.to_state, t.reason FROM label_transitions t JOIN structures s ON s.id = t.structure_id
		WHERE s.id_fs = '682'`).Scan(&history)
	if len(history) != 1 || history[0].FromState != "labellise" || history[0].ToState != "ferme" ||
		!strings.Contains(history[0].Reason, "Vauvillers") {
		t.Fatalf("antenna history %+v", history)
	}
	var labelDate string
	gdb.Raw(`SELECT to_char(label_date, 'YYYY-MM-DD') FROM structures WHERE id_fs = '682'`).Scan(&labelDate)
	if labelDate != "2020-01-01" {
		t.Fatalf("the closed antenna keeps its label date: %q", labelDate)
	}
	var second bytes.Buffer
	if err := demo.Seed(context.Background(), gdb, time.Now, &second); err != nil {
		t.Fatal(err)
	}
	var n int
	gdb.Raw(`SELECT count(*) FROM label_waves`).Scan(&n)
	if n != 7 || !strings.Contains(second.String(), "7 vagues en Haute-Saône déjà en place") {
		t.Fatalf("second run: %d waves\n%s", n, &second)
	}
}

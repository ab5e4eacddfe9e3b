package archtest

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "maillage"

// Layers, lowest first. A package may import packages of lower layers only, never of its own layer (domain
// packages refer to each other by id). Every package must be listed.
var layers = map[string]int{
	"pkg/apperr": 0,
	"pkg/config": 1, "pkg/db": 1, "pkg/auth": 1, "pkg/anct": 1, // anct: a pure codec of the national file
	"pkg/territory": 2, "pkg/user": 2, "pkg/audit": 2, "pkg/idempotency": 2, "pkg/structure": 2,
	"pkg/hours":     2,
	"pkg/visit":     2, // visits: checklists, findings, actions, the quarterly plan (pure), iCalendar
	"pkg/bootstrap": 3, "pkg/registry": 3, "pkg/visiting": 3,
	"pkg/demo": 4, // composes use cases for the demonstration data set
	"api/rest": 5, "api": 6,

	"pkg/opening": 2, "pkg/compliance": 3, // opening hours (ADR 0006): storage, then the use case
	"pkg/partner": 2, "pkg/partnering": 3, // partners, API clients, webhooks (ADR 0008): domain, then use cases
	// labelling (ADR 0007): pure rules and storage, then the use case, which composes pkg/compliance (layer 3)
	"pkg/labelling": 2, "pkg/label": 2, "pkg/labelflow": 4,
	"bench/gen": 4, // the benchmark data set (issue 9), written with COPY; `maillage seed bench` calls it
}

// outside the layering: test support and build tools.
var unlayered = []string{"pkg/testkit", "pkg/db/dbtest", "pkg/archtest", "api/tools/openapi3", "docs/openapi",
	"bench/floor", "bench/run"} // benchmark programs (issue 9)

type pkgInfo struct {
	ImportPath string
	Imports    []string
}

func listPackages(t *testing.T) []pkgInfo {
	cmd := exec.Command("go", "list", "-json", module+"/...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkgInfo
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkgInfo
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func rel(path string) string {
	if path == module {
		return ""
	}
	return strings.TrimPrefix(path, module+"/")
}

func isUnlayered(p string) bool {
	for _, u := range unlayered {
		if p == u {
			return true
		}
	}
	return false
}

func TestImportDirection(t *testing.T) {
	for _, p := range listPackages(t) {
		from := rel(p.ImportPath)
		if isUnlayered(from) {
			continue
		}
		fromLayer, ok := layers[from]
		if !ok {
			t.Errorf("package %s has no layer: add it to layers in this test", from)
			continue
		}
		for _, imp := range p.Imports {
			if imp == "github.com/labstack/echo/v4" || strings.HasPrefix(imp, "github.com/labstack/echo/v4/") {
				if !strings.HasPrefix(from, "api") {
					t.Errorf("%s imports Echo: only api/ may", from)
				}
			}
			if strings.HasPrefix(from, "pkg/") && imp == "net/http" {
				t.Errorf("%s imports net/http: HTTP belongs to api/rest", from)
			}
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			to := rel(imp)
			if isUnlayered(to) {
				if to != "docs/openapi" {
					t.Errorf("%s imports test or build support %s", from, to)
				}
				continue
			}
			if toLayer := layers[to]; toLayer >= fromLayer {
				t.Errorf("%s (layer %d) imports %s (layer %d): imports must point down the layers", from, fromLayer, to, layers[to])
			}
		}
	}
}

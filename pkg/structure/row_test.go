package structure

import (
	"encoding/json"
	"reflect"
	"testing"
)

// decodeHours must read every hours_raw exactly as encoding/json does (its fast path only takes the canonical
// jsonb output) and refuse what is not an object of strings.
func TestDecodeHoursAgreesWithEncodingJSON(t *testing.T) {
	cases := []string{`{}`, `{"h_lundi": "09:00 - 12:00"}`,
		`{"h_jeudi": "09:00 - 12:30 / 13:30 - 17:00", "h_lundi": "09:00 - 12:30 / 13:30 - 17:00"}`,
		`{"h_lundi": "sur rendez-vous \"RDV\""}`, `{"h_lundi":"09:00 - 12:00"}`, `{ "a" : "b" }`,
		`{"a": "b", "a": "c"}`, `{"é": "fermé"}`, `{"a": "\u00e9"}`, `{"a": "b\\c"}`, `{"a": "x\ty"}`,
		`{"a": "` + "\xff" + `"}`, `{"a": 1}`, `{"a": null}`, `{"a": "b", }`, `{"a": "b"`, `[]`, `{"a" "b"}`,
		`{"a": "b",  "c": "d"}`, `{"": ""}`}
	for _, raw := range cases {
		got, gotErr := decodeHours(raw)
		want := map[string]string{}
		wantErr := json.Unmarshal([]byte(raw), &want)
		if (gotErr != nil) != (wantErr != nil) || (wantErr == nil && !reflect.DeepEqual(got, want)) {
			t.Errorf("decodeHours(%s) = %v, %v; encoding/json: %v, %v", raw, got, gotErr, want, wantErr)
		}
	}
	if h, err := decodeHours(""); err != nil || h == nil || len(h) != 0 {
		t.Errorf("empty column: %v %v", h, err)
	}
}

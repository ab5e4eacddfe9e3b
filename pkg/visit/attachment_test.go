package visit

import (
	"bytes"
	"encoding/json"
	"testing"

	"maillage/pkg/apperr"
)

func TestCheckAttachment(t *testing.T) {
	webp := append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), make([]byte, 20)...)
	cases := []struct {
		name string
		data []byte
		ct   string
		kind apperr.Kind
	}{
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}, "image/jpeg", 0},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "image/png", 0},
		{"webp", webp, "image/webp", 0},
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n"), "application/pdf", 0},
		{"html posing as a pdf", []byte("<html><script>alert(1)</script>%PDF-"), "", apperr.KindUnsupportedMedia},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), "", apperr.KindUnsupportedMedia},
		{"gif", []byte("GIF89a\x01\x00"), "", apperr.KindUnsupportedMedia},
		{"riff but wave", []byte("RIFF\x24\x00\x00\x00WAVEfmt \x00\x00\x00\x00"), "", apperr.KindUnsupportedMedia},
		{"empty", nil, "", apperr.KindUnsupportedMedia},
		{"too large even when it is a pdf", append([]byte("%PDF-1.4"), make([]byte, MaxAttachmentSize)...), "", apperr.KindTooLarge},
	}
	for _, tc := range cases {
		ct, err := CheckAttachment(tc.data)
		if tc.kind != 0 {
			if !apperr.IsKind(err, tc.kind) {
				t.Errorf("%s: %v, want kind %d", tc.name, err, tc.kind)
			}
			continue
		}
		if err != nil || ct != tc.ct {
			t.Errorf("%s: %q %v, want %q", tc.name, ct, err, tc.ct)
		}
	}
	exact := append([]byte("%PDF-1.4"), bytes.Repeat([]byte{' '}, MaxAttachmentSize-8)...)
	if _, err := CheckAttachment(exact); err != nil {
		t.Errorf("exactly 10 MiB is accepted: %v", err)
	}
}

func TestCleanFileName(t *testing.T) {
	for _, tc := range []struct{ name, ct, want string }{
		{"rapport.pdf", "application/pdf", "rapport.pdf"},
		{`C:\Users\agent\Photos\accueil.JPEG`, "image/jpeg", "accueil.JPEG"},
		{"../../etc/passwd", "application/pdf", "passwd.pdf"},
		{"scan.png", "application/pdf", "scan.png.pdf"},
		{"\"guillemets\"\n.png", "image/png", "guillemets.png"},
		{"", "image/webp", "piece-jointe.webp"},
	} {
		if got := CleanFileName(tc.name, tc.ct); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestAnswerProblem(t *testing.T) {
	ok := map[AnswerType][]string{
		AnswerYesNo: {"true", "false"}, AnswerScale: {"1", "4", "3.0"}, AnswerText: {`"RAS"`}, AnswerNum: {"0", "-2.5", "1e3"},
	}
	bad := map[AnswerType][]string{
		AnswerYesNo: {`"oui"`, "1", "null", ""}, AnswerScale: {"0", "5", "2.5", `"3"`}, AnswerText: {`""`, `"  "`, "3"},
		AnswerNum: {`"12"`, "true"},
	}
	for typ, values := range ok {
		for _, v := range values {
			if msg := AnswerProblem(typ, json.RawMessage(v)); msg != "" {
				t.Errorf("%s %s: %s", typ, v, msg)
			}
		}
	}
	for typ, values := range bad {
		for _, v := range values {
			if AnswerProblem(typ, json.RawMessage(v)) == "" {
				t.Errorf("%s %s accepted", typ, v)
			}
		}
	}
	items := []Item{{ID: "a", Label: "Affichage", Required: true}, {ID: "b", Label: "Libre"}, {ID: "c", Label: "Accueil", Required: true}}
	if got := MissingRequired(items, []Answer{{ItemID: "a"}}); len(got) != 1 || got[0] != "Accueil" {
		t.Errorf("missing %v", got)
	}
}

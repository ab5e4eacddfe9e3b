package compliance

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFoldKeepsLinesShortAndUTF8Whole(t *testing.T) {
	t.Parallel()
	long := "SUMMARY:" + icsText("Ouvert – France services de Saint-Rémy-en-Comté, Maison de l’emploi; accueil, sur rendez-vous – é à ç")
	folded := fold(long)
	if !strings.HasSuffix(folded, "\r\n") {
		t.Fatalf("no CRLF: %q", folded)
	}
	lines := strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n")
	if len(lines) < 2 {
		t.Fatalf("not folded: %q", folded)
	}
	var joined strings.Builder
	for i, l := range lines {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Fatalf("line %d: %d octets, valid UTF-8 %v: %q", i, len(l), utf8.ValidString(l), l)
		}
		if i > 0 {
			if l[0] != ' ' {
				t.Fatalf("continuation without a space: %q", l)
			}
			l = l[1:]
		}
		joined.WriteString(l)
	}
	if joined.String() != long {
		t.Fatalf("unfolded %q, want %q", joined.String(), long)
	}
	if got := icsText(`a;b,c\d` + "\n"); got != `a\;b\,c\\d\n` {
		t.Fatalf("escape: %q", got)
	}
}

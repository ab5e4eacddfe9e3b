package anct

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Range is an opening range within a day, in minutes since midnight.
type Range struct {
	Start, End int
}

func (r Range) String() string {
	return fmt.Sprintf("%02d:%02d - %02d:%02d", r.Start/60, r.Start%60, r.End/60, r.End%60)
}

var rangePattern = regexp.MustCompile(`^(\d{1,2})[:hH](\d{2})?\s*(?:-|–|à)\s*(\d{1,2})[:hH](\d{2})?$`)

// ParseDay reads one ANCT day cell: "HH:MM - HH:MM / HH:MM - HH:MM", also without spaces, with "h" for ":", with
// three ranges. Empty and "-" mean closed. Ranges are sorted and duplicates dropped; overlapping ranges are
// merged (a typed "09:00 - 11:30 / 09:00 - 16:30" means open 09:00–16:30). ok is false for anything else (free
// text): the caller keeps the cell raw and flags it.
func ParseDay(cell string) (ranges []Range, ok bool) {
	cell = strings.TrimSpace(cell)
	if cell == "" || cell == "-" || strings.EqualFold(cell, "fermé") || strings.EqualFold(cell, "ferme") {
		return nil, true
	}
	for _, part := range strings.Split(cell, "/") {
		m := rangePattern.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			return nil, false
		}
		start, ok1 := minutes(m[1], m[2])
		end, ok2 := minutes(m[3], m[4])
		if !ok1 || !ok2 || end <= start {
			return nil, false
		}
		ranges = append(ranges, Range{start, end})
	}
	return mergeRanges(ranges), true
}

// FormatDay writes ranges in the ANCT column form.
func FormatDay(ranges []Range) string {
	parts := make([]string, len(ranges))
	for i, r := range ranges {
		parts[i] = r.String()
	}
	return strings.Join(parts, " / ")
}

func minutes(h, m string) (int, bool) {
	var hh, mm int
	if _, err := fmt.Sscanf(h, "%d", &hh); err != nil {
		return 0, false
	}
	if m != "" {
		if _, err := fmt.Sscanf(m, "%d", &mm); err != nil {
			return 0, false
		}
	}
	if hh > 24 || mm > 59 || hh == 24 && mm > 0 {
		return 0, false
	}
	return hh*60 + mm, true
}

func mergeRanges(rs []Range) []Range {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Start < rs[j].Start })
	var out []Range
	for _, r := range rs {
		if n := len(out); n > 0 && r.Start <= out[n-1].End {
			if r.End > out[n-1].End {
				out[n-1].End = r.End
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

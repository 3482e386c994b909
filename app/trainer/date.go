package trainer

import (
	"fmt"
	"kynangso/app/ui"
	"strings"
	"time"

	"kynangso/results"
)

// parseDate reads a date as trainers write it: 27/11/2026 (also with - or
// . and without leading zeros) or 2026-11-27. It returns YYYY-MM-DD.
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(results.DateLayout, s); err == nil {
		return t.Format(results.DateLayout), true
	}
	norm := strings.NewReplacer("-", "/", ".", "/").Replace(s)
	var d, m, y int
	var rest string
	if n, _ := fmt.Sscanf(norm+" x", "%d/%d/%d %s", &d, &m, &y, &rest); n < 4 || y < 1000 || y > 9999 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m { // 31/02 rolls over: refuse it
		return "", false
	}
	return t.Format(results.DateLayout), true
}

// viDate writes a stored YYYY-MM-DD date the Vietnamese way, 27/11/2026;
// anything else is shown as it is.
func viDate(s string) string {
	t, err := time.Parse(results.DateLayout, s)
	if err != nil {
		return ui.CleanLine(s)
	}
	return t.Format("02/01/2006")
}

// splitList splits "Buôn Đôn, Ea Tu" into trimmed, non-empty parts.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

package cli

import (
	"fmt"
	"strings"
	"time"

	"kynangso/internal/usererr"
	"kynangso/results"
)

// dateFlag is the value of --from and --to: a date as trainers write it,
// 15/03/2026 (also 15-03-2026, 15.3.2026), as the app's forms take it, or
// 2026-03-15. It keeps the YYYY-MM-DD form the store filters by, and a
// date it cannot read is refused while the flags are read, with a sentence
// saying what to type.
type dateFlag struct {
	name string
	iso  *string
}

func (d dateFlag) String() string { return results.PrintDate(*d.iso) }

func (d dateFlag) Type() string { return "date" }

func (d dateFlag) Set(s string) error {
	iso, err := parseDate(s)
	if err != nil {
		return &flagValueError{msg: fmt.Sprintf("%s\n(--%s %s)", err.Error(), d.name, s)}
	}
	*d.iso = iso
	return nil
}

// flagValueError is a flag value refused with a message that already says,
// in both languages, what is wrong and what to type; it is shown as it is,
// without cobra's "invalid argument … for … flag" around it.
type flagValueError struct{ msg string }

func (e *flagValueError) Error() string { return e.msg }

// parseDate reads a date written DD/MM/YYYY (with /, - or . and with or
// without leading zeros) or YYYY-MM-DD and returns it as YYYY-MM-DD.
func parseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(results.DateLayout, s); err == nil {
		return t.Format(results.DateLayout), nil
	}
	var d, m, y int
	var rest string
	norm := strings.NewReplacer("-", "/", ".", "/").Replace(s)
	if n, _ := fmt.Sscanf(norm+" x", "%d/%d/%d %s", &d, &m, &y, &rest); n < 4 || rest != "x" || y < 1000 || y > 9999 {
		return "", usererr.New(fmt.Sprintf("Không đọc được ngày %q;\nhãy viết NGÀY/THÁNG/NĂM, ví dụ 15/03/2026.", s),
			fmt.Sprintf("%q is not a date;\nwrite DAY/MONTH/YEAR, for example 15/03/2026.", s), nil)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m { // 31/02 would roll over
		return "", usererr.New(fmt.Sprintf("Ngày %s không có trên lịch; hãy xem lại ngày và tháng\n(NGÀY/THÁNG/NĂM, ví dụ 15/03/2026).", s),
			fmt.Sprintf("There is no such day as %s; check the day and the month\n(DAY/MONTH/YEAR, for example 15/03/2026).", s), nil)
	}
	return t.Format(results.DateLayout), nil
}

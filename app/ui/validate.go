package ui

import (
	"kynangso/flow"
	"kynangso/results"
)

// ValidateForm checks a registration by the flow's rules and words each
// problem in cat's language, by form field (the register screen's and the
// trainer's person form share it).
func ValidateForm(cat Catalog, r flow.Registration, thisYear int) (results.Participant, map[int]string) {
	p, problems := r.Validate(thisYear)
	errs := make(map[int]string, len(problems))
	for f, pr := range problems {
		if len(pr.Args) == 0 {
			errs[int(f)] = cat.T(pr.Key)
		} else {
			errs[int(f)] = cat.F(pr.Key, pr.Args...)
		}
	}
	return p, errs
}

// TypedLimit is how many characters a name, village or household input
// takes. It is well past results.MaxNameLen on purpose: a longer name is
// refused with a message saying so (never cut without a word), and the
// limit only stops a page of pasted text.
const TypedLimit = 4 * results.MaxNameLen

// MaxLaptopName is the longest laptop name, in characters: enough for "Máy
// tổ công nghệ số 3, xã Ea Tu, huyện Krông Búk" and short enough for a
// column of the merged results. The command line (trainer set-name) and
// the trainer's area hold names to it.
const MaxLaptopName = 60

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

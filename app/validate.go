package app

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"kynangso/results"
)

// registerForm is what the registration form holds, as typed.
type registerForm struct {
	Name, Year, Gender, Village, Household, Phone string
}

// Birth years accepted: people from 5 to 110 years old.
const (
	minAge = 5
	maxAge = 110
)

// validate checks the form and returns the participant to store, or the
// problems by field in plain words. Text is cleaned and NFC-normalised, so
// names typed with any Vietnamese input method (precomposed or decomposed)
// are stored the same way.
func (f registerForm) validate(cat Catalog, thisYear int) (results.Participant, map[int]string) {
	errs := map[int]string{}
	p := results.Participant{
		FullName: cleanLine(f.Name), Gender: f.Gender, Village: cleanLine(f.Village),
		Household: cleanLine(f.Household),
	}
	switch n := utf8.RuneCountInString(p.FullName); {
	case n == 0:
		errs[fieldName] = cat.T("err.name.empty")
	case n < 2:
		errs[fieldName] = cat.T("err.name.short")
	case n > 80:
		errs[fieldName] = cat.T("err.name.long")
	}
	year := strings.TrimSpace(f.Year)
	lo, hi := thisYear-maxAge, thisYear-minAge
	switch y, err := strconv.Atoi(year); {
	case year == "":
		errs[fieldYear] = cat.T("err.year.empty")
	case err != nil || len(year) != 4 || strings.ContainsAny(year, "+-"):
		errs[fieldYear] = cat.T("err.year.digits")
	case y < lo || y > hi:
		errs[fieldYear] = cat.F("err.year.range", lo, hi)
	default:
		p.BirthYear = y
	}
	if p.Village == "" {
		errs[fieldVillage] = cat.T("err.village.empty")
	}
	phone, ok := normalisePhone(f.Phone)
	if !ok {
		errs[fieldPhone] = cat.T("err.phone")
	}
	p.Phone = phone
	return p, errs
}

// normalisePhone removes spaces, dots and dashes and turns +84 into 0. An
// empty number is fine (the field is optional).
func normalisePhone(s string) (string, bool) {
	s = strings.NewReplacer(" ", "", ".", "", "-", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return "", true
	}
	if rest, ok := strings.CutPrefix(s, "+84"); ok {
		s = "0" + rest
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	if len(s) < 9 || len(s) > 11 {
		return "", false
	}
	return s, true
}

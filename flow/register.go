package flow

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"kynangso/internal/safetext"
	"kynangso/results"
)

// Field names a field of the registration form, in the order a form shows
// them.
type Field int

// The registration fields.
const (
	FieldName Field = iota
	FieldYear
	FieldGender
	FieldVillage
	FieldHousehold
	FieldPhone
)

// Genders are the stored gender values in the order a form offers them.
var Genders = []string{results.GenderUnset, results.GenderMale, results.GenderFemale, results.GenderOther}

// Problem is what is wrong with a field, as a catalog key and its
// arguments ("err.year.range", 1916, 2021); each front words it.
type Problem struct {
	Key  string
	Args []any
}

// Registration is what a person typed into the registration form, as
// typed.
type Registration struct {
	Name, Year, Gender, Village, Household, Phone string
}

// Birth years accepted: people from MinAge to MaxAge years old.
const (
	MinAge = 5
	MaxAge = 110
)

// Validate checks the form and returns the participant to store, or the
// problems by field. Text is cleaned and NFC-normalised, so names typed
// with any Vietnamese input method (precomposed or decomposed) are stored
// the same way. thisYear comes from the caller's clock.
func (r Registration) Validate(thisYear int) (results.Participant, map[Field]Problem) {
	errs := map[Field]Problem{}
	p := results.Participant{
		FullName: safetext.Line(r.Name), Gender: r.Gender, Village: safetext.Line(r.Village),
		Household: safetext.Line(r.Household),
	}
	if pr, bad := nameProblem(r.Name, p.FullName); bad {
		errs[FieldName] = pr
	}
	year := strings.TrimSpace(r.Year)
	lo, hi := thisYear-MaxAge, thisYear-MinAge
	switch y, err := strconv.Atoi(year); {
	case year == "":
		errs[FieldYear] = Problem{Key: "err.year.empty"}
	case err != nil || len(year) != 4 || strings.ContainsAny(year, "+-"):
		errs[FieldYear] = Problem{Key: "err.year.digits"}
	case y < lo || y > hi:
		errs[FieldYear] = Problem{Key: "err.year.range", Args: []any{lo, hi}}
	default:
		p.BirthYear = y
	}
	switch {
	case p.Village == "":
		errs[FieldVillage] = Problem{Key: "err.village.empty"}
	case utf8.RuneCountInString(p.Village) > results.MaxNameLen:
		errs[FieldVillage] = Problem{Key: "err.village.long", Args: []any{results.MaxNameLen}}
	}
	if utf8.RuneCountInString(p.Household) > results.MaxNameLen {
		errs[FieldHousehold] = Problem{Key: "err.household.long", Args: []any{results.MaxNameLen}}
	}
	phone, ok := NormalisePhone(r.Phone)
	if !ok {
		errs[FieldPhone] = Problem{Key: "err.phone"}
	}
	p.Phone = phone
	return p, errs
}

// nameProblem applies results.CheckName, the one rule of a full name
// (registration, correction, import and merge), to the cleaned name. A name
// typed only of invisible characters cleans to nothing; since the person
// did type something, they are told it needs letters rather than asked to
// type a name.
func nameProblem(typed, cleaned string) (Problem, bool) {
	switch results.CheckName(cleaned) {
	case results.NameEmpty:
		if strings.TrimSpace(typed) != "" {
			return Problem{Key: "err.name.letters"}, true
		}
		return Problem{Key: "err.name.empty"}, true
	case results.NameFewLetters:
		return Problem{Key: "err.name.letters"}, true
	case results.NameTooLong:
		return Problem{Key: "err.name.toolong", Args: []any{utf8.RuneCountInString(cleaned), results.MaxNameLen}}, true
	}
	return Problem{}, false
}

// NormalisePhone checks a Vietnamese mobile number and writes it the one
// way the store keeps it: ten digits starting with 0. Spaces, dots, dashes
// and brackets are ignored, and +84 (or 84 before nine digits) stands for
// the 0. An empty number is fine (the field is optional).
func NormalisePhone(s string) (string, bool) {
	s = strings.NewReplacer(" ", "", ".", "", "-", "", "(", "", ")", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return "", true
	}
	if rest, ok := strings.CutPrefix(s, "+84"); ok {
		s = "0" + rest
	} else if rest, ok := strings.CutPrefix(s, "84"); ok && len(rest) == 9 {
		s = "0" + rest
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	if len(s) != 10 || s[0] != '0' {
		return "", false
	}
	return s, true
}

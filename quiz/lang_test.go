package quiz

import (
	"os"
	"strings"
	"testing"
)

// Every importer writes its text in the bank's language only, the true/false
// choices included: a Vietnamese-only pack refuses an English "True", and
// an Ê Đê pack would otherwise get choices with no text in its language.
func TestImportersWriteOnlyTheBankLanguage(t *testing.T) {
	parsers := map[string]func(*os.File, string) ([]Question, []Skipped, error){
		"testdata/moodle.gift":    func(f *os.File, l string) ([]Question, []Skipped, error) { return ParseGIFT(f, l) },
		"testdata/bank.aiken.txt": func(f *os.File, l string) ([]Question, []Skipped, error) { return ParseAiken(f, l) },
		"testdata/vi-headers.csv": func(f *os.File, l string) ([]Question, []Skipped, error) { return ParseSheet(f, l) },
	}
	words := map[string][2]string{"vi": {"Đúng", "Sai"}, "en": {"True", "False"}, "ede": {"Đúng", "Sai"}}
	for file, parse := range parsers {
		for lang, want := range words {
			t.Run(file+"/"+lang, func(t *testing.T) {
				qs, sk := parseFile(t, file, func(f *os.File) ([]Question, []Skipped, error) { return parse(f, lang) })
				validImport(t, qs, sk, lang)
				trueFalse := 0
				for _, q := range qs {
					if q.Type != TypeTrueFalse {
						continue
					}
					trueFalse++
					if got := [2]string{q.Choices[0].Text[lang], q.Choices[1].Text[lang]}; got != want {
						t.Errorf("%s: true/false choices %v, want %v", q.ID, got, want)
					}
				}
				if trueFalse == 0 {
					t.Fatalf("%s has no true/false question to check", file)
				}
			})
		}
	}
}

// A bank in a language whose true/false words are not known keeps its own
// words; a known language gets its usual ones, whatever the bank wrote.
func TestTrueFalseWordsFromTheBank(t *testing.T) {
	for _, tc := range []struct {
		lang, in string
		want     [2]string
		right    string
	}{
		{"ede", "Q\nA. Sai\nB. Đúng\nANSWER: B", [2]string{"Đúng", "Sai"}, "dung"},
		{"ede", "Q\nA. true\nB. false\nANSWER: B", [2]string{"true", "false"}, "sai"},
		{"en", "Q\nA. Đúng\nB. Sai\nANSWER: A", [2]string{"True", "False"}, "dung"},
		{"vi", "Q\nA. False\nB. True\nANSWER: A", [2]string{"Đúng", "Sai"}, "sai"},
	} {
		qs, sk, err := ParseAiken(strings.NewReader(tc.in), tc.lang)
		if err != nil || len(qs) != 1 {
			t.Fatalf("%s %q: %d questions, %v, %v", tc.lang, tc.in, len(qs), sk, err)
		}
		q := qs[0]
		validImport(t, qs, sk, tc.lang)
		if got := [2]string{q.Choices[0].Text[tc.lang], q.Choices[1].Text[tc.lang]}; q.Type != TypeTrueFalse || got != tc.want || q.CorrectIDs()[0] != tc.right {
			t.Errorf("%s %q: %s %v right %v, want truefalse %v right %s", tc.lang, tc.in, q.Type, got, q.CorrectIDs(), tc.want, tc.right)
		}
	}
}

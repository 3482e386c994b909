package quiz

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// validImport checks what every importer promises about what it returns:
// unique ids, a known type, the right number of correct choices, text in
// lang and in no other language (a pack refuses a language it does not
// list), NFC and free of control characters.
func validImport(t *testing.T, qs []Question, sk []Skipped, lang string) {
	t.Helper()
	ids := map[string]bool{}
	for _, q := range qs {
		if q.ID == "" || ids[q.ID] {
			t.Fatalf("empty or duplicate id %q", q.ID)
		}
		ids[q.ID] = true
		if !q.Type.Valid() {
			t.Fatalf("%s: type %q", q.ID, q.Type)
		}
		right := len(q.CorrectIDs())
		if right == 0 || (q.Type != TypeMultiple && right != 1) || (q.Type == TypeMultiple && right < 2) {
			t.Fatalf("%s: %s with %d correct choices", q.ID, q.Type, right)
		}
		if len(q.Choices) < 2 {
			t.Fatalf("%s: %d choices", q.ID, len(q.Choices))
		}
		choiceIDs := map[string]bool{}
		for _, c := range q.Choices {
			if choiceIDs[c.ID] {
				t.Fatalf("%s: duplicate choice %s", q.ID, c.ID)
			}
			choiceIDs[c.ID] = true
			cleanText(t, q.ID, c.Text[lang], false)
			onlyLang(t, q.ID, c.Text, lang)
		}
		cleanText(t, q.ID, q.Prompt[lang], false)
		cleanText(t, q.ID, q.Explanation[lang], true)
		onlyLang(t, q.ID, q.Prompt, lang)
		onlyLang(t, q.ID, q.Explanation, lang)
		if len(q.Message) > 0 {
			onlyLang(t, q.ID, q.Message, lang)
		}
	}
	for _, s := range sk {
		if s.Line < 1 || s.Reason == "" || s.ReasonVi == "" {
			t.Fatalf("skipped without line or reason: %+v", s)
		}
	}
}

// onlyLang fails when text has a language other than lang.
func onlyLang(t *testing.T, id string, text Text, lang string) {
	t.Helper()
	for l := range text {
		if l != lang {
			t.Fatalf("%s: text in %s, want only %s: %v", id, l, lang, text)
		}
	}
}

func cleanText(t *testing.T, id, s string, mayBeEmpty bool) {
	t.Helper()
	if strings.TrimSpace(s) == "" && !mayBeEmpty {
		t.Fatalf("%s: empty text", id)
	}
	if !norm.NFC.IsNormalString(s) {
		t.Fatalf("%s: text not NFC: %q", id, s)
	}
	if strings.ContainsAny(s, "\x1b\x00\r\u202e") {
		t.Fatalf("%s: control character in %q", id, s)
	}
}

// maxFuzzInput caps what the fuzz targets try, for the reason given in
// lessons/fuzz_test.go: minimising an input of n bytes takes about n²/2
// runs. 512 bytes hold a few questions of any format.
const maxFuzzInput = 512

// addFile adds the file name as a seed, cut to its first maxFuzzInput bytes
// at a blank line (or a line end), so the seed itself is not skipped.
func addFile(f *testing.F, name string) {
	data, err := os.ReadFile(name)
	if err != nil {
		f.Fatal(err)
	}
	s := string(data)
	if len(s) > maxFuzzInput {
		s = s[:maxFuzzInput]
		if i := strings.LastIndex(s, "\n\n"); i > 0 {
			s = s[:i+1]
		} else if i := strings.LastIndex(s, "\n"); i > 0 {
			s = s[:i+1]
		}
	}
	f.Add(s)
}

// FuzzParseGIFT feeds the GIFT parser arbitrary text; seeds live in
// testdata/fuzz/FuzzParseGIFT and the real test file.
func FuzzParseGIFT(f *testing.F) {
	addFile(f, "testdata/moodle.gift")
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > maxFuzzInput {
			return
		}
		qs, sk, err := ParseGIFT(strings.NewReader(in), "vi")
		if err != nil {
			return
		}
		validImport(t, qs, sk, "vi")
	})
}

// FuzzParseAiken feeds the Aiken parser arbitrary text.
func FuzzParseAiken(f *testing.F) {
	addFile(f, "testdata/bank.aiken.txt")
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > maxFuzzInput {
			return
		}
		qs, sk, err := ParseAiken(strings.NewReader(in), "vi")
		if err != nil {
			return
		}
		validImport(t, qs, sk, "vi")
	})
}

// FuzzParseSheetCSV feeds the CSV sheet reader arbitrary text.
func FuzzParseSheetCSV(f *testing.F) {
	addFile(f, "testdata/vi-headers.csv")
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > maxFuzzInput {
			return
		}
		qs, sk, err := ParseSheet(strings.NewReader(in), "en")
		if err != nil {
			return
		}
		validImport(t, qs, sk, "en")
	})
}

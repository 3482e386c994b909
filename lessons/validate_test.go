package lessons

import (
	"strings"
	"testing"
)

// TestBadPacks loads each pack under testdata/bad (the good pack with one
// mistake) and checks that exactly the expected problems are reported, each
// with its file, line and a message naming the mistake.
func TestBadPacks(t *testing.T) {
	type want struct {
		file string
		line int
		msg  string
	}
	cases := map[string][]want{
		"yaml-syntax":        {{"mau/quiz.yaml", 24, "YAML syntax error: mapping values are not allowed"}},
		"unknown-field":      {{"mau/module.yaml", 1, `missing required field "summary"`}, {"mau/module.yaml", 5, `unknown field "sumary" (did you mean "summary"?)`}},
		"missing-field":      {{"mau/quiz.yaml", 22, `question q02: missing required field "explanation"`}},
		"duplicate-module":   {{"mau2/module.yaml", 1, `module id "mau" must match its folder name "mau2"`}, {"mau2/module.yaml", 1, `module id "mau" is also used by folder mau/`}},
		"duplicate-question": {{"mau/quiz.yaml", 36, `question id "q01" is already used at line 1`}},
		"duplicate-choice":   {{"mau/quiz.yaml", 17, `question q01: choice id "a" is already used at line 12`}},
		// The repeated id carries the only correct: true; that is one
		// mistake, not also "found 0 correct choices".
		"duplicate-choice-correct": {{"mau/quiz.yaml", 14, `question q01: choice id "a" is already used at line 12`}},
		"unclosed-flow":            {{"mau/quiz.yaml", 10, "the { opened on this line is never closed: add the missing }"}},
		"single-correct":           {{"mau/quiz.yaml", 12, "question q01: type single needs exactly one correct choice, found 2"}},
		"truefalse-correct":        {{"mau/quiz.yaml", 40, "question q03: type truefalse needs exactly one correct choice, found 0"}},
		"multiple-none":            {{"mau/quiz.yaml", 26, "question q02: type multiple needs at least one correct choice"}},
		"missing-language-text":    {{"mau/quiz.yaml", 10, "question q01 prompt: missing the en text"}},
		"missing-lesson-file":      {{"mau/lesson.en.md", 0, "missing file: every pack language needs its own lesson file"}},
		"no-pages":                 {{"mau/lesson.en.md", 1, "the lesson has no pages"}},
		"page-no-heading":          {{"mau/lesson.vi.md", 15, `page 2 must start with a title line "# Title", found "Làm gì khi nhận tin lạ?"`}},
		"invalid-utf8":             {{"mau/lesson.vi.md", 3, "not valid UTF-8"}},
		"nul-byte":                 {{"mau/lesson.en.md", 3, "NUL byte"}},
		"skill-range":              {{"mau/module.yaml", 2, "skill must be 1 to 5 (one of the five basic digital skills) or 0 (a foundation module, before the five skills), found 6"}},
		"pass-percent":             {{"mau/module.yaml", 6, "pass_percent must be 1 to 100, found 0"}},
		"questions-per-attempt":    {{"mau/module.yaml", 7, "questions_per_attempt is 10 but quiz.yaml has only 3 questions"}},
		"page-count": {
			{"mau/lesson.en.md", 1, "has 1 page but lesson.vi.md has 2"},
			{"mau/lesson.en.md", 13, `a second "# " title inside page 1`},
		},
		"truefalse-choices":    {{"mau/quiz.yaml", 40, "question q03: type truefalse needs exactly 2 choices (dung and sai), found 3"}},
		"empty-choice-text":    {{"mau/quiz.yaml", 33, "question q02 choice c text: the en text is empty"}},
		"unknown-language":     {{"mau/module.yaml", 4, `module title: language "vn" is not in the pack languages [vi en] (did you mean "vi"?)`}},
		"module-id-folder":     {{"mau/module.yaml", 1, `module id "mau-khac" must match its folder name "mau"`}},
		"question-type":        {{"mau/quiz.yaml", 2, `question q01: type "singel" is not single, multiple or truefalse (did you mean "single"?)`}},
		"unsupported-markdown": {{"mau/lesson.vi.md", 17, "links and images are not shown"}},
		"unclosed-message": {
			{"mau/lesson.en.md", 1, "has 1 page but lesson.vi.md has 2"},
			{"mau/lesson.en.md", 5, "message block opened here is never closed"},
		},
		"misnamed-file": {
			{"mau/quiz.yaml", 0, "missing file"},
			{"mau/quiz.yml", 0, `unexpected file: a module folder holds only module.yaml, quiz.yaml, lesson.vi.md, lesson.en.md (did you mean "quiz.yaml"?)`},
		},
	}
	for name, wants := range cases {
		t.Run(name, func(t *testing.T) {
			_, probs := LoadDir("testdata/bad/" + name)
			if len(probs) != len(wants) {
				t.Fatalf("got %d problems, want %d:\n%s", len(probs), len(wants), Problems(probs).Error())
			}
			for i, w := range wants {
				p := probs[i]
				if p.File != w.file || p.Line != w.line || !strings.Contains(p.Msg, w.msg) {
					t.Errorf("problem %d = %s\nwant %s:%d: …%s…", i, p, w.file, w.line, w.msg)
				}
			}
		})
	}
}

// TestEveryProblemReported checks that one file with several mistakes gets
// all of them, not only the first.
func TestEveryProblemReported(t *testing.T) {
	fsys := goodFS(t)
	mod := strings.NewReplacer("skill: 4", "skill: -1", "pass_percent: 70", "pass_percent: 101", "order: 1", "oder: 1").
		Replace(string(fsys["mau/module.yaml"].Data))
	fsys["mau/module.yaml"].Data = []byte(mod)
	_, probs := Load(fsys)
	var got []string
	for _, p := range probs {
		got = append(got, p.String())
	}
	want := []string{
		"mau/module.yaml:2: skill must be 1 to 5 (one of the five basic digital skills) or 0 (a foundation module, before the five skills), found -1",
		`mau/module.yaml:3: module: unknown field "oder" (did you mean "order"?)`,
		"mau/module.yaml:6: pass_percent must be 1 to 100, found 101",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestFoundationSkill checks skill 0 is accepted as a foundation module, the
// one place below 1 that is not a mistake.
func TestFoundationSkill(t *testing.T) {
	fsys := goodFS(t)
	fsys["mau/module.yaml"].Data = []byte(strings.Replace(string(fsys["mau/module.yaml"].Data), "skill: 4", "skill: 0", 1))
	p, probs := Load(fsys)
	if len(probs) > 0 {
		t.Fatalf("skill 0 reported: %v", probs)
	}
	if m := p.Module("mau"); m == nil || m.Skill != FoundationSkill || !m.Foundation() {
		t.Fatalf("module = %+v, want a foundation module", m)
	}
}

func TestProblemString(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		want string
	}{
		{Problem{"a/quiz.yaml", 3, "bad"}, "a/quiz.yaml:3: bad"},
		{Problem{"a/lesson.en.md", 0, "missing"}, "a/lesson.en.md: missing"},
		{Problem{"", 0, "x"}, "x"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.p, got, tc.want)
		}
	}
	ps := Problems{{"m/quiz.yaml", 1, "x"}}.WithPrefix("lessons/builtin/")
	if ps[0].File != "lessons/builtin/m/quiz.yaml" {
		t.Errorf("WithPrefix = %q", ps[0].File)
	}
}

// TestWrongKinds checks values of the wrong YAML kind are reported once, in
// plain words, with their line.
func TestWrongKinds(t *testing.T) {
	for _, tc := range []struct{ file, old, new, want string }{
		{"mau/quiz.yaml", `prompt: {vi: "Bạn nên làm gì với tin nhắn này?", en: "What should you do with this message?"}`,
			`prompt: "Bạn nên làm gì?"`, `mau/quiz.yaml:10: question q01 prompt must give the text per language, like {vi: "...", en: "..."}, found "Bạn nên làm gì?"`},
		{"mau/quiz.yaml", `en: "What should you do with this message?"}`, `en: [1]}`,
			`mau/quiz.yaml:10: question q01 prompt en must be a single value, found a list`},
		{"mau/module.yaml", "skill: 4", "skill: bốn", `mau/module.yaml:2: skill must be a whole number, found "bốn"`},
		{"mau/module.yaml", "  - https://www.sbv.gov.vn/", "  - www.sbv.gov.vn", `mau/module.yaml:9: source "www.sbv.gov.vn" must be a full web address starting with https:// or http://`},
		{"mau/quiz.yaml", "      correct: true\n    - id: b\n      text: {vi: \"Đòi", "      correct: yes please\n    - id: b\n      text: {vi: \"Đòi", `mau/quiz.yaml:28: question q02 choice a correct must be true or false, found "yes please"`},
		{"mau/quiz.yaml", "- id: q02", "- id: Q 02", `mau/quiz.yaml:22: question 2 id "Q 02" must be 1-40 lowercase ASCII letters`},
		{"pack.yaml", "languages: [vi, en]", "languages: [vi, en, vi]", `pack.yaml:3: language "vi" is listed twice`},
	} {
		t.Run(tc.want[:20], func(t *testing.T) {
			fsys := goodFS(t)
			src := string(fsys[tc.file].Data)
			if !strings.Contains(src, tc.old) {
				t.Fatalf("%q not in %s", tc.old, tc.file)
			}
			fsys[tc.file].Data = []byte(strings.Replace(src, tc.old, tc.new, 1))
			_, probs := Load(fsys)
			if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), tc.want) {
				t.Errorf("problems:\n%s\nwant one starting:\n%s", Problems(probs).Error(), tc.want)
			}
		})
	}
}

// An unclosed { or [ is reported on the line that opens it, wherever the
// YAML parser stopped: on line 1, mid-file, or with blank lines after it.
func TestUnclosedFlowLine(t *testing.T) {
	for _, tc := range []struct {
		in   string
		line int
		msg  string
	}{
		{"{x: 1\nc: 2\n", 1, "the { opened"},
		{"prompt: {vi: \"a\"\n\n\nz: 1\n", 1, "the { opened"},
		{"a: 1\nb: {x: \"}\" # }\nc: 2\n", 2, "the { opened"},
		{"a:\n  b:\n    - {x: 1\n    - y\n", 3, "the { opened"},
		{"x: 1\ntags: [a, b\ny: 2\n", 2, "the [ opened"},
		{"x: {vi: Don't, en: \"x\"}\ny: {a: 1\n", 2, "the { opened"},
	} {
		var probs problemList
		f := &yamlFile{name: "quiz.yaml", probs: &probs}
		if _, ok := f.parseYAML([]byte(tc.in)); ok {
			t.Errorf("%q: parsed without error", tc.in)
			continue
		}
		if len(probs.items) != 1 || probs.items[0].Line != tc.line || !strings.Contains(probs.items[0].Msg, tc.msg) {
			t.Errorf("%q: got %+v, want line %d with %q", tc.in, probs.items, tc.line, tc.msg)
		}
	}
}

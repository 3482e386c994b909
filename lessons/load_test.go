package lessons

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/unicode/norm"
)

func TestLoadGoodPack(t *testing.T) {
	p, probs := LoadDir("testdata/good")
	if len(probs) > 0 {
		t.Fatalf("good pack has problems:\n%s", Problems(probs).Error())
	}
	if p.ID != "thu-nghiem" || p.Version != "0.1.0" || strings.Join(p.Languages, ",") != "vi,en" {
		t.Fatalf("pack = %q %q %v", p.ID, p.Version, p.Languages)
	}
	if p.Title["vi"] != "Gói thử nghiệm" {
		t.Errorf("pack title = %q", p.Title["vi"])
	}
	m := p.Module("mau")
	if m == nil || len(p.Modules) != 1 {
		t.Fatalf("modules = %d, mau missing", len(p.Modules))
	}
	if m.Skill != 4 || m.Order != 1 || m.PassPercent != 70 || m.QuestionsPerAttempt != 3 || m.PackVersion != "0.1.0" {
		t.Errorf("module = %+v", *m)
	}
	if m.Title.In("en") != "Spotting scam messages" || len(m.Sources) != 1 {
		t.Errorf("title %q, sources %v", m.Title.In("en"), m.Sources)
	}
	for _, lang := range []string{"vi", "en"} {
		if n := len(m.Pages[lang]); n != 2 {
			t.Errorf("%s pages = %d, want 2", lang, n)
		}
	}
	pg := m.Pages["vi"][1]
	if pg.Title != "Làm gì khi nhận tin lạ?" || pg.Line != 15 || !strings.HasPrefix(pg.Body, "1. Không bấm") {
		t.Errorf("page 2 = %+v", pg)
	}
	if !strings.Contains(m.Pages["en"][0].Body, "```message SMS\n[SMS from VCB-BANK]") {
		t.Errorf("message block lost:\n%s", m.Pages["en"][0].Body)
	}
	if len(m.Questions) != 3 {
		t.Fatalf("questions = %d, want 3", len(m.Questions))
	}
	q1, q2, q3 := m.Questions[0], m.Questions[1], m.Questions[2]
	if q1.ID != "q01" || q1.Type != "single" || strings.Join(q1.CorrectIDs(), ",") != "b" || len(q1.Choices) != 3 {
		t.Errorf("q01 = %+v", q1)
	}
	if q1.Message["en"] != "[SMS from VCB-BANK]\nAccount locked. Unlock at vcb-mokhoa.com" {
		t.Errorf("q01 message = %q", q1.Message["en"])
	}
	if !q1.HasTag("digcomp-4.1") {
		t.Errorf("q01 tags = %v", q1.Tags)
	}
	if strings.Join(q2.CorrectIDs(), ",") != "a,b" || q3.Type != "truefalse" || q3.Choices[1].Text["vi"] != "Sai" {
		t.Errorf("q02 correct %v, q03 = %+v", q2.CorrectIDs(), q3)
	}
}

func TestLoadSingleModuleFolder(t *testing.T) {
	p, probs := LoadDir("testdata/good/mau")
	if len(probs) > 0 {
		t.Fatalf("problems:\n%s", Problems(probs).Error())
	}
	if len(p.Modules) != 1 || p.Modules[0].ID != "mau" {
		t.Fatalf("modules = %v", p.Modules)
	}
	v := p.Modules[0].PackVersion
	if !strings.HasPrefix(v, LocalVersionPrefix) || len(v) != len(LocalVersionPrefix)+12 {
		t.Errorf("PackVersion = %q, want local-<12 hex>", v)
	}
}

func TestLoadDirMissing(t *testing.T) {
	_, probs := LoadDir(t.TempDir() + "/khong-co")
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, "folder not found") {
		t.Fatalf("problems = %v", probs)
	}
}

// goodFS returns the good pack as a MapFS the test may change.
func goodFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"pack.yaml", "mau/module.yaml", "mau/quiz.yaml", "mau/lesson.vi.md", "mau/lesson.en.md"} {
		data, err := readTestFile("testdata/good/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func TestFileOverOneMiB(t *testing.T) {
	fsys := goodFS(t)
	big := append([]byte("# Trang\n\n"), []byte(strings.Repeat("chữ ", MaxFileSize/4))...)
	fsys["mau/lesson.vi.md"] = &fstest.MapFile{Data: big}
	_, probs := Load(fsys)
	want := Problem{File: "mau/lesson.vi.md", Line: 0}
	if len(probs) != 1 || probs[0].File != want.File || probs[0].Line != 0 || !strings.Contains(probs[0].Msg, "must be under 1 MiB") {
		t.Fatalf("problems = %v", probs)
	}
}

// Hidden characters are reported to the author, and still stripped from
// what loads, so a pack with problems shows clean text wherever it is used.
func TestTextIsCleanedAndNFC(t *testing.T) {
	fsys := goodFS(t)
	decomposed := norm.NFD.String("Nhận biết")
	mod := strings.Replace(string(fsys["mau/module.yaml"].Data), "Nhận biết", decomposed+`\e[31m`+"\u202e", 1)
	fsys["mau/module.yaml"] = &fstest.MapFile{Data: []byte(mod)}
	p, probs := Load(fsys)
	if len(probs) != 2 || !strings.Contains(probs[0].String(), "mau/module.yaml:4: cột 33: ký tự ẩn U+202E RIGHT-TO-LEFT OVERRIDE") ||
		!strings.Contains(probs[1].String(), "mau/module.yaml:4: ký tự ẩn U+001B ESCAPE viết bằng mã thoát") {
		t.Fatalf("problems: %v", probs)
	}
	got := p.Modules[0].Title["vi"]
	if got != "Nhận biết tin nhắn lừa đảo" || !norm.NFC.IsNormalString(got) {
		t.Errorf("title = %q, want cleaned NFC text", got)
	}
}

func TestWindowsBOMAndCRLF(t *testing.T) {
	fsys := goodFS(t)
	for name, f := range fsys {
		f.Data = append([]byte("\ufeff"), []byte(strings.ReplaceAll(string(f.Data), "\n", "\r\n"))...)
		fsys[name] = f
	}
	p, probs := Load(fsys)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if pg := p.Modules[0].Pages["vi"][0]; pg.Title != "Tin nhắn giả danh ngân hàng" || strings.Contains(pg.Body, "\r") {
		t.Errorf("page = %+v", pg)
	}
}

func TestFolderWithoutPackYAMLUsesDefaultLanguages(t *testing.T) {
	fsys := goodFS(t)
	delete(fsys, "pack.yaml")
	p, probs := Load(fsys)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if strings.Join(p.Languages, ",") != "vi,en" || !strings.HasPrefix(p.Modules[0].PackVersion, LocalVersionPrefix) {
		t.Errorf("languages %v, version %q", p.Languages, p.Modules[0].PackVersion)
	}
}

func TestModulesSortedByOrderThenID(t *testing.T) {
	fsys := goodFS(t)
	for _, id := range []string{"b", "a", "c"} {
		for _, name := range []string{"module.yaml", "quiz.yaml", "lesson.vi.md", "lesson.en.md"} {
			data := string(fsys["mau/"+name].Data)
			if name == "module.yaml" {
				data = strings.Replace(data, "id: mau", "id: "+id, 1)
				if id == "c" {
					data = strings.Replace(data, "order: 1", "order: 0", 1)
				}
			}
			fsys[id+"/"+name] = &fstest.MapFile{Data: []byte(data)}
		}
	}
	p, probs := Load(fsys)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	var ids []string
	for _, m := range p.Modules {
		ids = append(ids, m.ID)
	}
	if got := strings.Join(ids, ","); got != "c,a,b,mau" {
		t.Errorf("order = %s, want c,a,b,mau", got)
	}
}

func TestMergeReplacesAndAdds(t *testing.T) {
	base := &Pack{ID: "base", Version: "1", Languages: []string{"vi", "en"}, Modules: []*Module{
		{ID: "a", Order: 1, PackVersion: "1"}, {ID: "b", Order: 2, PackVersion: "1"},
	}}
	extra := &Pack{Modules: []*Module{{ID: "b", Order: 2, PackVersion: "local-x"}, {ID: "z", Order: 0}}}
	got := Merge(base, extra)
	if got.ID != "base" || len(got.Modules) != 3 {
		t.Fatalf("merged = %+v", got)
	}
	if got.Modules[0].ID != "z" || got.Module("b").PackVersion != "local-x" {
		t.Errorf("merged modules: %s first, b version %q", got.Modules[0].ID, got.Module("b").PackVersion)
	}
	if base.Module("b").PackVersion != "1" || len(base.Modules) != 2 {
		t.Error("Merge changed base")
	}
}

func TestBuiltinLoads(t *testing.T) {
	p, err := Builtin()
	if probs, ok := err.(Problems); ok {
		for _, pr := range probs {
			if strings.Contains(pr.Msg, "YAML syntax error") {
				t.Errorf("built-in pack: %s", pr)
			}
		}
		t.Logf("built-in pack problems (content still being written?):\n%s", probs.Error())
	} else if err != nil {
		t.Fatal(err)
	}
	if p == nil || len(p.Modules) == 0 {
		t.Fatal("built-in pack has no modules")
	}
	if p.ID != "kynangso-co-ban" || p.DefaultLang() != "vi" {
		t.Errorf("pack %q default %q", p.ID, p.DefaultLang())
	}
	again, _ := Builtin()
	if again != p {
		t.Error("Builtin is not cached")
	}
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"sumary", "summary"}, {"pass_precent", "pass_percent"}, {"corect", "correct"}, {"xyz", ""}, {"Skill", "skill"},
	} {
		got := suggest(tc.in, moduleFields)
		if tc.in == "corect" {
			got = suggest(tc.in, choiceFields)
		}
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, `"`+tc.want+`"`) {
			t.Errorf("suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

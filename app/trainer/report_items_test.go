package trainer

import (
	"context"
	"kynangso/app"
	"kynangso/app/apptest"
	"kynangso/app/ui"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/lessons"
	"kynangso/quiz"
	"kynangso/results"
)

// itemsPack is the test pack with the built-in question dichvucong q13 as
// it was when issue 18 was filed: a scenario whose first line stops in
// the middle of a quote (“Tổ công nghệ số / của xã”).
func itemsPack() *lessons.Pack {
	p := apptest.TestPack()
	vi := apptest.Vi
	p.Modules = append(p.Modules, &lessons.Module{ID: "dichvucong", Skill: 1, Order: 3, Title: vi("Dịch vụ công trực tuyến", "Online public services"),
		PassPercent: 70, Pages: map[string][]lessons.Page{"vi": {{Title: "Một", Body: "x"}}},
		Questions: []quiz.Question{{ID: "q13", Type: quiz.TypeSingle,
			Message: vi("Một thanh niên lạ đến nhà, nói mình ở “Tổ công nghệ số\ncủa xã”. Anh ta bảo: “Bác đọc cho cháu mật khẩu VNeID\nvà mã OTP vừa nhắn về máy, cháu nộp hồ sơ giúp cho nhanh.”\n",
				"A young man you don't know comes to your house saying he is\nfrom “the commune digital technology team”. He says: “Read me\nyour VNeID password and the OTP that just arrived, and I'll\nsubmit the file for you quickly.”\n"),
			Prompt: vi("Người này xin mật khẩu VNeID và mã OTP của bạn. Bạn nên làm gì?", "This man asks for your VNeID password and OTP. What should you do?"),
			Choices: []quiz.Choice{{ID: "a", Text: vi("Đọc cho nhanh, vì anh ta nói là người của xã", "Read them out")},
				{ID: "c", Text: vi("Không đọc, nhờ anh ta chỉ từng bước để mình tự gõ", "Read nothing"), Correct: true}}}}})
	return p
}

// seedItems stores four people's answers: to the choose-all antoan q2
// (right: a and b) a, a, a+b and a+c; to dichvucong q13 a wrong and a
// right answer.
func seedItems(t *testing.T, s *results.Store) {
	t.Helper()
	ctx := context.Background()
	class, err := s.OpenSession(ctx, results.ClassSession{Title: "Lớp Ea Tu", Date: "2026-03-14", Villages: []string{"Buôn Đôn"}})
	if err != nil {
		t.Fatal(err)
	}
	answer := func(pid, mod, qid string, chosen []string, right bool) {
		a, err := s.StartAttempt(ctx, results.Attempt{ParticipantID: pid, SessionID: class.ID, ModuleID: mod, QuestionIDs: []string{qid}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordAnswer(ctx, results.Answer{AttemptID: a.ID, QuestionID: qid, Chosen: chosen, Correct: right}); err != nil {
			t.Fatal(err)
		}
	}
	sets := [][]string{{"a"}, {"a"}, {"a", "b"}, {"a", "c"}}
	for i, name := range []string{"H'Nia Êban", "Y Bih Niê", "Nguyễn Thị Hoa", "Ksor H'Yam"} {
		p, err := s.CreateParticipant(ctx, results.Participant{FullName: name, BirthYear: 1960, Village: "Buôn Đôn",
			ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		answer(p.ID, "antoan", "q2", sets[i], i == 2)
		if i < 2 {
			answer(p.ID, "dichvucong", "q13", []string{map[bool]string{true: "c", false: "a"}[i == 1]}, i == 1)
		}
	}
}

// The item analysis names a scenario question by its prompt, with the
// start of its message cut at a word and its quotes closed (it showed the
// message's first line only, cut inside “Tổ công nghệ số). A choose-all
// question says what people most often did ("chỉ chọn …, thiếu …"), not
// "Hay chọn sai: <a right choice>", and how often each choice was ticked.
func TestGoldenItemAnalysisScenarioAndChooseAll(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		e := &trainerEnv{apptest.NewEnv(t, size[0], size[1], func(s *results.Store, now func() time.Time) tea.Model {
			return app.New(app.Config{Store: s, Pack: itemsPack(), Now: now, Seed: func() uint64 { return 42 }, Trainer: Area{}})
		})}
		e.SetPIN("2468")
		seedItems(t, e.Store)
		e.Open(size[0], size[1])
		e.unlock("2468")
		e.pick(actItems)
		p := e.reportTop()
		all := ansiStrip(strings.Join(p.cache, "\n"))
		for _, want := range []string{
			"1. 25% đúng (1/4) · An toàn trên mạng",
			"✗ Hay gặp: chỉ chọn Giữ kín OTP, thiếu Đặt mật khẩu khó đoán (2 lần)",
			"✓ Giữ kín OTP: chọn 4/4", "✓ Đặt mật khẩu khó đoán: chọn 1/4", "✗ Cho người lạ mượn máy: chọn 1/4",
			"Người này xin mật khẩu VNeID và mã OTP của bạn. Bạn nên làm gì?",
			"Một thanh niên lạ đến nhà, nói mình ở “Tổ công nghệ số của xã”.",
			"✗ Hay chọn sai: Đọc cho nhanh, vì anh ta nói là người của xã (1 lần)",
		} {
			if !strings.Contains(strings.Join(strings.Fields(all), " "), strings.Join(strings.Fields(want), " ")) {
				t.Errorf("%dx%d: no %q in:\n%s", size[0], size[1], want, all)
			}
		}
		if strings.Contains(all, "Hay chọn sai: Giữ kín OTP") {
			t.Errorf("%dx%d: a right choice is called a wrong answer:\n%s", size[0], size[1], all)
		}
		if strings.Count(all, "“") != strings.Count(all, "”") || strings.Count(all, "‘") != strings.Count(all, "’") {
			t.Errorf("%dx%d: a cut scenario leaves a quote open:\n%s", size[0], size[1], all)
		}
		e.Goldens("trainer_items_multiple")
	}
}

// shorten cuts at a word, ends with "…" and closes every quote it opened.
func TestShortenClosesQuotes(t *testing.T) {
	for _, c := range []struct {
		in       string
		w, lines int
		want     string
	}{
		{"Một thanh niên lạ đến nhà, nói mình ở “Tổ công nghệ số của xã”.", 50, 1, "Một thanh niên lạ đến nhà, nói mình ở “Tổ công…”"},
		{"Anh ta bảo: “Bác đọc cho cháu ‘mã’ và ‘mật khẩu’ nhé”.", 40, 1, "Anh ta bảo: “Bác đọc cho cháu ‘mã’ và…”"},
		{`He said "read me the code now" and left`, 22, 1, `He said "read me the…"`},
		{"Một hai ba bốn năm sáu bảy tám chín mười", 12, 2, "Một hai ba\nbốn năm sáu…"},
		{"Ngắn thôi.", 40, 1, "Ngắn thôi."},
	} {
		got := shorten(c.in, c.w, c.lines)
		if lines := ui.Wrap(got, c.w); strings.Join(lines, "\n") != c.want || len(lines) > c.lines {
			t.Errorf("shorten(%q, %d, %d) = %q, want %q", c.in, c.w, c.lines, strings.Join(lines, "\n"), c.want)
		}
	}
}

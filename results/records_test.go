package results

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func mustParticipant(t testing.TB, s *Store, name, village string, year int) Participant {
	t.Helper()
	p, err := s.CreateParticipant(context.Background(), Participant{FullName: name, Village: village,
		BirthYear: year, Gender: GenderFemale, Household: "Số 12", Phone: "0905123456",
		ConsentVersion: ConsentVersion})
	if err != nil {
		t.Fatalf("CreateParticipant(%q): %v", name, err)
	}
	return p
}

func TestParticipantRoundTrip(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p, err := s.CreateParticipant(ctx, Participant{
		FullName: "  H'Hen\u202e  Niê\x1b[31m ", BirthYear: 1958, Gender: GenderFemale,
		Village: "Buôn Kô\u0323 Sier", Household: "Ama Lin", Phone: "0905 123 456",
		ConsentVersion: ConsentVersion,
	})
	if err != nil {
		t.Fatal(err)
	}
	if p.FullName != "H'Hen Niê" || p.Village != "Buôn Kộ Sier" {
		t.Fatalf("not cleaned: %q / %q", p.FullName, p.Village)
	}
	got, err := s.Participant(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, p) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, p)
	}
	p.FullName, p.BirthYear = "H'Hen Niê Kdăm", 1959
	if err := s.UpdateParticipant(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Participant(ctx, p.ID)
	if got.FullName != "H'Hen Niê Kdăm" || got.BirthYear != 1959 || !got.UpdatedAt.After(p.UpdatedAt) || !got.CreatedAt.Equal(p.CreatedAt) {
		t.Fatalf("after update: %+v", got)
	}

	anon, err := s.CreateParticipant(ctx, Participant{Anonymous: true, FullName: "secret", Phone: "0123"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = s.Participant(ctx, anon.ID)
	if got.FullName != "" || got.Phone != "" || !got.Anonymous || !got.ConsentAt.IsZero() {
		t.Fatalf("anonymous kept personal data: %+v", got)
	}
	if _, err := s.Participant(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing participant: %v", err)
	}
	for _, bad := range []Participant{
		{FullName: "", ConsentVersion: ConsentVersion},
		{FullName: "A", ConsentVersion: ""},
		{FullName: "A", ConsentVersion: ConsentVersion, BirthYear: 1800},
		{FullName: "A", ConsentVersion: ConsentVersion, Gender: "x"},
	} {
		if _, err := s.CreateParticipant(ctx, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("CreateParticipant(%+v) = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestSearchParticipants(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := mustParticipant(t, s, "Nguyễn Văn A", "Thôn 1", 1960)
	duc := mustParticipant(t, s, "Trần Minh Đức", "Thôn 2", 1970)
	hen := mustParticipant(t, s, "H'Hen Niê", "Buôn Ea Tul", 1980)
	gone := mustParticipant(t, s, "Nguyễn Văn Ánh", "Thôn 1", 1961)
	joined := mustParticipant(t, s, "Nguyễn Văn An", "Thôn 1", 1962)
	s.CreateParticipant(ctx, Participant{Anonymous: true})
	if err := s.DeleteParticipantData(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO participant_links (id, from_id, into_id, linked_at, device_id, created_at, updated_at)
		VALUES ('l1', ?, ?, 'x', 'd', 'x', 'x')`, joined.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	nfd := "Tra\u0300n Minh \u0110u\u031b\u0301c" // decomposed input
	cases := []struct {
		q    string
		want []string
	}{
		{"nguyen van a", []string{a.ID}},
		{"NGUYEN", []string{a.ID}},
		{"duc", []string{duc.ID}},
		{"đức trần", []string{duc.ID}},
		{nfd, []string{duc.ID}},
		{"hhen", []string{hen.ID}},
		{"h'hen nie", []string{hen.ID}},
		{"van minh", nil},
		{"   ", nil},
		{"anh", nil}, // erased
	}
	for _, c := range cases {
		got, err := s.SearchParticipants(ctx, c.q, 10)
		if err != nil {
			t.Fatalf("search %q: %v", c.q, err)
		}
		var ids []string
		for _, p := range got {
			ids = append(ids, p.ID)
		}
		if !reflect.DeepEqual(ids, c.want) {
			t.Errorf("search %q = %v, want %v", c.q, ids, c.want)
		}
	}
	// Prefix matches first.
	b := mustParticipant(t, s, "Lê Văn Nguyên", "Thôn 3", 1990)
	got, _ := s.SearchParticipants(ctx, "nguy", 10)
	if len(got) != 2 || got[0].ID != a.ID || got[1].ID != b.ID {
		t.Errorf("order for nguy: %+v", got)
	}
}

func TestSessionsAndAttendance(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, ok, err := s.CurrentSession(ctx); ok || err != nil {
		t.Fatalf("CurrentSession on empty db: %v %v", ok, err)
	}
	c, err := s.OpenSession(ctx, ClassSession{Title: "Lớp buổi sáng", Commune: "Ea Tu",
		Villages: []string{"Buôn Kô Sier", "Thôn 1", "Thôn 1", " "}, Trainers: []string{"Y Khoa Êban"},
		PlannedModules: []string{"antoan", "thanhtoan"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Date != s.Today() || len(c.Villages) != 2 || !c.IsOpen() {
		t.Fatalf("opened: %+v", c)
	}
	cur, ok, err := s.CurrentSession(ctx)
	if err != nil || !ok || !reflect.DeepEqual(cur, c) {
		t.Fatalf("current = %+v %v %v, want %+v", cur, ok, err, c)
	}
	if _, err := s.OpenSession(ctx, ClassSession{Title: "x"}); !errors.Is(err, ErrSessionOpen) {
		t.Fatalf("second open: %v", err)
	}
	p := mustParticipant(t, s, "Ama Lin", "Buôn Kô Sier", 1950)
	a1, err := s.CheckIn(ctx, c.ID, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	a2, err := s.CheckIn(ctx, c.ID, p.ID)
	if err != nil || !reflect.DeepEqual(a1, a2) {
		t.Fatalf("second check-in: %+v %v, want %+v", a2, err, a1)
	}
	list, _ := s.Attendance(ctx, c.ID)
	if len(list) != 1 || list[0] != a1 {
		t.Fatalf("attendance %+v", list)
	}
	c.Title = "Lớp buổi chiều"
	if err := s.UpdateSession(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.CloseSession(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.CurrentSession(ctx); ok {
		t.Fatal("still open after close")
	}
	c2, err := s.OpenSession(ctx, ClassSession{Title: "Lớp 2", Date: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReopenSession(ctx, c.ID); !errors.Is(err, ErrSessionOpen) {
		t.Fatalf("reopen while another open: %v", err)
	}
	s.CloseSession(ctx, c2.ID)
	if err := s.ReopenSession(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	all, _ := s.Sessions(ctx)
	if len(all) != 2 || all[0].ID != c2.ID || all[1].Title != "Lớp buổi chiều" || !all[1].IsOpen() {
		t.Fatalf("sessions: %+v", all)
	}
	if _, err := s.OpenSession(ctx, ClassSession{Date: "27/11/2026"}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad date: %v", err)
	}
}

func TestLessonProgressKeepsFurthestPage(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := mustParticipant(t, s, "Y Khoa Êban", "Buôn Ea Tul", 1975)
	for _, pg := range []int{1, 3, 2} {
		if err := s.SaveLessonPage(ctx, p.ID, "antoan", pg, 5); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := s.LessonProgress(ctx, p.ID)
	if got := m["antoan"]; got.LastPage != 3 || got.PageCount != 5 || !got.CompletedAt.IsZero() {
		t.Fatalf("progress %+v", got)
	}
	s.SaveLessonPage(ctx, p.ID, "antoan", 5, 5)
	s.SaveLessonPage(ctx, p.ID, "antoan", 1, 5)
	m, _ = s.LessonProgress(ctx, p.ID)
	if got := m["antoan"]; got.LastPage != 5 || got.CompletedAt.IsZero() {
		t.Fatalf("completed progress %+v", got)
	}
}

func TestAttemptResumeAndAnswers(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := mustParticipant(t, s, "Nguyễn Thị Hoa", "Thôn 4", 1965)
	qs := []string{"q3", "q1", "q2"}
	a, err := s.StartAttempt(ctx, Attempt{ParticipantID: p.ID, ModuleID: "antoan", PackVersion: "1.0.0",
		Seed: 1<<63 + 5, QuestionIDs: qs})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartAttempt(ctx, Attempt{ParticipantID: p.ID, ModuleID: "antoan", QuestionIDs: qs}); !errors.Is(err, ErrAttemptInProgress) {
		t.Fatalf("second attempt: %v", err)
	}
	for i := 0; i < 2; i++ { // anonymous attempts never conflict
		if _, err := s.StartAttempt(ctx, Attempt{ModuleID: "antoan", QuestionIDs: qs}); err != nil {
			t.Fatalf("anonymous attempt %d: %v", i, err)
		}
	}
	ans, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: "q3", Chosen: []string{"c", "a"}, Correct: true, Millis: 4200})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: "q3", Chosen: []string{"b"}}); !errors.Is(err, ErrAlreadyAnswered) {
		t.Fatalf("second answer: %v", err)
	}
	if _, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: "q9"}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("answer to a question not drawn: %v", err)
	}
	// Resume (as after a restart): same order, answers so far.
	s2, err := Open(ctx, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, answers, ok, err := s2.InProgressAttempt(ctx, p.ID, "antoan")
	if err != nil || !ok {
		t.Fatalf("InProgressAttempt: %v %v", ok, err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Fatalf("resumed attempt\n got %+v\nwant %+v", got, a)
	}
	if len(answers) != 1 || !reflect.DeepEqual(answers[0], ans) || !reflect.DeepEqual(ans.Chosen, []string{"a", "c"}) {
		t.Fatalf("answers %+v, want %+v", answers, ans)
	}
	s2.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: "q1", Chosen: []string{"b"}})
	s2.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: "q2", Chosen: []string{"d"}, Correct: true})
	if err := s2.FinishAttempt(ctx, a.ID, 2, 3, false); err != nil {
		t.Fatal(err)
	}
	if err := s2.FinishAttempt(ctx, a.ID, 2, 3, false); err != nil {
		t.Fatalf("finishing twice: %v", err)
	}
	if err := s2.AbandonAttempt(ctx, a.ID); !errors.Is(err, ErrAttemptClosed) {
		t.Fatalf("abandon finished: %v", err)
	}
	if _, err := s2.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: "q1"}); !errors.Is(err, ErrAttemptClosed) {
		t.Fatalf("answer after finish: %v", err)
	}
	if _, _, ok, _ := s2.InProgressAttempt(ctx, p.ID, "antoan"); ok {
		t.Fatal("finished attempt still in progress")
	}
	list, _ := s2.Attempts(ctx, p.ID)
	if len(list) != 1 || list[0].State != StateFinished || list[0].Score != 2 || list[0].MaxScore != 3 || list[0].FinishedAt.IsZero() {
		t.Fatalf("attempts %+v", list)
	}
	all, _ := s2.Answers(ctx, a.ID)
	if len(all) != 3 || all[0].QuestionID != "q3" || all[2].QuestionID != "q2" {
		t.Fatalf("answer order %+v", all)
	}
	// A new attempt is allowed once the first is over.
	b, err := s2.StartAttempt(ctx, Attempt{ParticipantID: p.ID, ModuleID: "antoan", QuestionIDs: qs})
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.AbandonAttempt(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	list, _ = s2.Attempts(ctx, p.ID)
	if len(list) != 2 || list[0].ID != b.ID || list[0].State != StateAbandoned {
		t.Fatalf("attempts newest first %+v", list)
	}
}

func TestSettingsAndDeviceName(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, ok, err := s.Setting(ctx, "pin"); ok || err != nil {
		t.Fatalf("missing setting: %v %v", ok, err)
	}
	s.SetSetting(ctx, "pin", "h1")
	s.SetSetting(ctx, "pin", "h2")
	if v, ok, _ := s.Setting(ctx, "pin"); !ok || v != "h2" {
		t.Fatalf("setting = %q %v", v, ok)
	}
	if err := s.SetDeviceName(ctx, "Máy tổ 3\x07"); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.DeviceName(ctx); n != "Máy tổ 3" {
		t.Fatalf("device name %q", n)
	}
}

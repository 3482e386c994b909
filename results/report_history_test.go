package results

import (
	"context"
	"path/filepath"
	"testing"
)

// An attempt left half-way has no score: the history says how far it went
// and counts only finished attempts towards the best score.
func TestParticipantHistoryInProgress(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	cat := testCatalog("vi")
	p, err := s.CreateParticipant(ctx, Participant{FullName: "Y Bih Niê", BirthYear: 1958, Village: "Buôn A", ConsentVersion: ConsentVersion})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.StartAttempt(ctx, Attempt{ParticipantID: p.ID, ModuleID: "m1", QuestionIDs: []string{"q1", "q2"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: "q1", Chosen: []string{"a"}, Correct: true}); err != nil {
		t.Fatal(err)
	}
	h, err := s.ParticipantHistory(ctx, p.ID, cat)
	if err != nil {
		t.Fatal(err)
	}
	m := h.Modules[0]
	if m.InProgress == nil || *m.InProgress != (AttemptProgress{Answered: 1, Questions: 2}) {
		t.Fatalf("open attempt = %+v; want 1 of 2 answered", m.InProgress)
	}
	if m.Finished != 0 || m.BestPercent != 0 {
		t.Errorf("an open attempt must not count as finished: %+v", m)
	}
	if h.Modules[1].InProgress != nil {
		t.Errorf("m2 was never tried: %+v", h.Modules[1])
	}
	// Finished, the attempt has a score and is no longer in progress.
	if _, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: "q2", Chosen: []string{"b"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishAttempt(ctx, a.ID, 1, 2, false); err != nil {
		t.Fatal(err)
	}
	h, err = s.ParticipantHistory(ctx, p.ID, cat)
	if err != nil {
		t.Fatal(err)
	}
	if m := h.Modules[0]; m.InProgress != nil || m.Finished != 1 || m.BestPercent != 50 {
		t.Errorf("after finishing: %+v (in progress %+v)", m, m.InProgress)
	}
}

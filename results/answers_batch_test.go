package results

import (
	"context"
	"errors"
	"testing"
)

// A batch stores every good answer once and gives each bad one its own
// error, without losing the others.
func TestRecordAnswers(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p, err := s.CreateParticipant(ctx, Participant{Anonymous: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.StartAttempt(ctx, Attempt{ParticipantID: p.ID, ModuleID: "m", QuestionIDs: []string{"q1", "q2", "q3"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: "q1", Chosen: []string{"a"}}); err != nil {
		t.Fatal(err)
	}
	batch := []Answer{
		{AttemptID: a.ID, QuestionID: "q2", Chosen: []string{"b", "a"}},
		{AttemptID: a.ID, QuestionID: "q1", Chosen: []string{"b"}}, // answered before
		{AttemptID: a.ID, QuestionID: "q9"},                        // not in the attempt
		{AttemptID: "nope", QuestionID: "q1"},
		{AttemptID: a.ID, QuestionID: "q3", Chosen: []string{"c"}},
	}
	saved, errs, err := s.RecordAnswers(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	want := []error{nil, ErrAlreadyAnswered, ErrInvalid, ErrNotFound, nil}
	for i, w := range want {
		if (w == nil && errs[i] != nil) || (w != nil && !errors.Is(errs[i], w)) {
			t.Errorf("answer %d: %v, want %v", i, errs[i], w)
		}
	}
	if saved[0].Chosen[0] != "a" || saved[0].ID == "" {
		t.Errorf("saved answer: %+v", saved[0])
	}
	got, _ := s.Answers(ctx, a.ID)
	if len(got) != 3 {
		t.Fatalf("%d answers stored, want 3 (q1 once, q2, q3)", len(got))
	}
}

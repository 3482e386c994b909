package flow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"kynangso/lessons"
	"kynangso/quiz"
	"kynangso/results"
)

// DefaultPassPercent is the pass mark of a module that sets none.
const DefaultPassPercent = 70

// ErrNoQuestions means the module has nothing to ask.
var ErrNoQuestions = errors.New("module has no questions")

// ErrUnanswered means an attempt was asked to finish before every question
// it drew had an answer.
var ErrUnanswered = errors.New("the attempt still has unanswered questions")

// Attempt is a quiz attempt ready to show: its questions in the order they
// are asked (choices shuffled as drawn) and the answers committed so far.
type Attempt struct {
	results.Attempt
	Questions []quiz.Drawn
	// Answers holds the committed answers by question id.
	Answers map[string][]string
	// Resumed is set when the attempt was left earlier and picks up again.
	Resumed bool
}

// Next returns the index of the first unanswered question after index
// after (-1 to start from the first), and false when none is left.
func (a *Attempt) Next(after int) (int, bool) {
	for i := after + 1; i < len(a.Questions); i++ {
		if _, done := a.Answers[a.Questions[i].ID]; !done {
			return i, true
		}
	}
	return 0, false
}

// Answered is how many of the questions have a committed answer.
func (a *Attempt) Answered() int {
	n := 0
	for _, q := range a.Questions {
		if _, ok := a.Answers[q.ID]; ok {
			n++
		}
	}
	return n
}

// OpenQuiz resumes the person's unfinished attempt at the module, at the
// first unanswered question in the order first drawn, or starts a new one
// with a fresh seed (in the visit's class, if one is open).
func (f *Flow) OpenQuiz(ctx context.Context, v Visit, moduleID string) (*Attempt, error) {
	mod := f.pack.Module(moduleID)
	if mod == nil || len(mod.Questions) == 0 {
		return nil, ErrNoQuestions
	}
	a, answers, ok, err := f.store.InProgressAttempt(ctx, v.Participant.ID, moduleID)
	if err != nil {
		return nil, fmt.Errorf("find unfinished attempt: %w", err)
	}
	if ok {
		if drawn, _ := quiz.Arrange(mod.Questions, a.QuestionIDs, a.Seed); len(drawn) > 0 {
			return &Attempt{Attempt: a, Questions: drawn, Answers: answerMap(answers), Resumed: true}, nil
		}
	}
	seed := f.seed()
	drawn := quiz.Draw(mod.Questions, mod.AttemptSize(), seed)
	a = results.Attempt{
		ParticipantID: v.Participant.ID, ModuleID: moduleID, PackVersion: mod.PackVersion,
		Seed: seed, QuestionIDs: quiz.IDs(drawn),
	}
	if v.HasClass {
		a.SessionID = v.Class.ID
	}
	if a, err = f.store.StartAttempt(ctx, a); err != nil {
		return nil, fmt.Errorf("start attempt: %w", err)
	}
	return &Attempt{Attempt: a, Questions: drawn, Answers: map[string][]string{}}, nil
}

func answerMap(answers []results.Answer) map[string][]string {
	got := make(map[string][]string, len(answers))
	for _, an := range answers {
		got[an.QuestionID] = an.Chosen
	}
	return got
}

// NewAnswer is the answer chosen for question q of an attempt, ready to
// record: the choice ids sorted, whether it is right, and how long the
// question was on screen (shown to now). A front shows it as "saving…"
// while Record commits it.
func NewAnswer(attemptID string, q quiz.Drawn, chosen []string, shown, now time.Time) results.Answer {
	ids := slices.Sorted(slices.Values(chosen))
	return results.Answer{
		AttemptID: attemptID, QuestionID: q.ID, Chosen: ids,
		Correct: quiz.IsCorrect(q.Question, ids), AnsweredAt: now,
		Millis: max(0, now.Sub(shown).Milliseconds()),
	}
}

// Record commits an answer of the person's attempt (on disk before it
// returns). It is idempotent per attempt and question: a repeated record
// (a double tap, a form posted again after the Wi-Fi dropped, a retry
// after a crash) returns the answer stored first and stores nothing.
func (f *Flow) Record(ctx context.Context, participantID string, an results.Answer) (results.Answer, error) {
	if _, err := f.ownAttempt(ctx, participantID, an.AttemptID); err != nil {
		return results.Answer{}, err
	}
	saved, err := f.store.RecordAnswer(ctx, an)
	if errors.Is(err, results.ErrAlreadyAnswered) {
		return f.storedAnswer(ctx, an.AttemptID, an.QuestionID)
	}
	if err != nil {
		return results.Answer{}, fmt.Errorf("record answer: %w", err)
	}
	return saved, nil
}

// Answer is NewAnswer and Record in one call, for a front that has only
// ids: it checks the question is one the attempt drew.
func (f *Flow) Answer(ctx context.Context, participantID, attemptID, questionID string, chosen []string, shown time.Time) (results.Answer, error) {
	a, err := f.ownAttempt(ctx, participantID, attemptID)
	if err != nil {
		return results.Answer{}, err
	}
	drawn, err := f.arrange(a)
	if err != nil {
		return results.Answer{}, err
	}
	i := slices.IndexFunc(drawn, func(d quiz.Drawn) bool { return d.ID == questionID })
	if i < 0 {
		return results.Answer{}, fmt.Errorf("%w: question %q is not in this attempt", results.ErrInvalid, questionID)
	}
	return f.Record(ctx, participantID, NewAnswer(attemptID, drawn[i], chosen, shown, f.now()))
}

func (f *Flow) storedAnswer(ctx context.Context, attemptID, questionID string) (results.Answer, error) {
	answers, err := f.store.Answers(ctx, attemptID)
	if err != nil {
		return results.Answer{}, fmt.Errorf("record answer: %w", err)
	}
	for _, an := range answers {
		if an.QuestionID == questionID {
			return an, nil
		}
	}
	return results.Answer{}, fmt.Errorf("record answer: %w", results.ErrAlreadyAnswered)
}

// ownAttempt reads the attempt and checks it is the person's.
func (f *Flow) ownAttempt(ctx context.Context, participantID, attemptID string) (results.Attempt, error) {
	a, err := f.store.Attempt(ctx, attemptID)
	if err != nil {
		return results.Attempt{}, fmt.Errorf("read attempt: %w", err)
	}
	if a.ParticipantID != participantID {
		return results.Attempt{}, ErrNotYours
	}
	return a, nil
}

// arrange lays out the attempt's questions as they were drawn.
func (f *Flow) arrange(a results.Attempt) ([]quiz.Drawn, error) {
	mod := f.pack.Module(a.ModuleID)
	if mod == nil {
		return nil, ErrNoQuestions
	}
	drawn, _ := quiz.Arrange(mod.Questions, a.QuestionIDs, a.Seed)
	if len(drawn) == 0 {
		return nil, ErrNoQuestions
	}
	return drawn, nil
}

// PassPercent is the module's pass mark.
func PassPercent(mod *lessons.Module) int {
	if mod != nil && mod.PassPercent > 0 {
		return mod.PassPercent
	}
	return DefaultPassPercent
}

// Finish scores the person's attempt from its committed answers and stores
// the score. Finishing a finished attempt stores nothing and returns the
// same result, so a front may call it again to show the result.
func (f *Flow) Finish(ctx context.Context, participantID, attemptID string) (quiz.Result, error) {
	a, err := f.ownAttempt(ctx, participantID, attemptID)
	if err != nil {
		return quiz.Result{}, err
	}
	drawn, err := f.arrange(a)
	if err != nil {
		return quiz.Result{}, err
	}
	answers, err := f.store.Answers(ctx, attemptID)
	if err != nil {
		return quiz.Result{}, fmt.Errorf("finish attempt: %w", err)
	}
	got := answerMap(answers)
	for _, d := range drawn {
		if _, ok := got[d.ID]; !ok {
			return quiz.Result{}, ErrUnanswered
		}
	}
	res := quiz.Grade(drawn, got, PassPercent(f.pack.Module(a.ModuleID)))
	if a.State == results.StateFinished {
		return res, nil
	}
	if err := f.store.FinishAttempt(ctx, attemptID, res.Score, res.Max, res.Passed); err != nil {
		return quiz.Result{}, fmt.Errorf("finish attempt: %w", err)
	}
	return res, nil
}

// Leave is what leaving a quiz needs: an attempt with no answer yet is
// abandoned (there is nothing to resume, and the menu must not show a quiz
// "in progress" the person never began); one with answers stays open to
// resume at the first unanswered question.
func (f *Flow) Leave(ctx context.Context, participantID, attemptID string) error {
	a, err := f.ownAttempt(ctx, participantID, attemptID)
	if err != nil || a.State != results.StateInProgress {
		return err
	}
	answers, err := f.store.Answers(ctx, attemptID)
	if err != nil {
		return fmt.Errorf("leave attempt: %w", err)
	}
	if len(answers) > 0 {
		return nil
	}
	if err := f.store.AbandonAttempt(ctx, attemptID); err != nil {
		return fmt.Errorf("leave attempt: %w", err)
	}
	return nil
}

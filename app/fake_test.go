package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"kynangso/internal/safetext"
	"kynangso/results"
)

// fakeStore is a small in-memory Store for screen tests. The whole-program
// test uses the real binary and a real SQLite file instead.
type fakeStore struct {
	mu        sync.Mutex
	people    []results.Participant
	class     results.ClassSession
	hasClass  bool
	attend    []results.Attendance
	progress  map[string]map[string]results.LessonProgress
	attempts  []results.Attempt
	answers   []results.Answer
	failSaves int // RecordAnswer fails this many times first
	n         int
}

func newFakeStore() *fakeStore {
	return &fakeStore{progress: map[string]map[string]results.LessonProgress{}}
}

func (f *fakeStore) id(prefix string) string { f.n++; return fmt.Sprintf("%s-%d", prefix, f.n) }

func (f *fakeStore) CreateParticipant(_ context.Context, p results.Participant) (results.Participant, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if p.Anonymous {
		p = results.Participant{Anonymous: true}
	}
	p.ID = f.id("p")
	p.FullName = safetext.Line(p.FullName)
	f.people = append(f.people, p)
	return p, nil
}

func (f *fakeStore) Participant(_ context.Context, id string) (results.Participant, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.people {
		if p.ID == id {
			return p, nil
		}
	}
	return results.Participant{}, results.ErrNotFound
}

func (f *fakeStore) SearchParticipants(_ context.Context, q string, limit int) ([]results.Participant, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []results.Participant
	words := strings.Fields(safetext.Fold(q))
	for _, p := range f.people {
		key := safetext.Fold(p.FullName)
		ok := !p.Anonymous && len(words) > 0
		for _, w := range words {
			ok = ok && strings.Contains(key, w)
		}
		if ok && len(out) < limit {
			out = append(out, p)
		}
	}
	return out, nil
}

func (f *fakeStore) CurrentSession(context.Context) (results.ClassSession, bool, error) {
	return f.class, f.hasClass, nil
}

func (f *fakeStore) CheckIn(_ context.Context, sid, pid string) (results.Attendance, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := results.Attendance{ID: f.id("a"), SessionID: sid, ParticipantID: pid}
	f.attend = append(f.attend, a)
	return a, nil
}

func (f *fakeStore) SaveLessonPage(_ context.Context, pid, mid string, page, count int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.progress[pid] == nil {
		f.progress[pid] = map[string]results.LessonProgress{}
	}
	lp := f.progress[pid][mid]
	if page > lp.LastPage {
		lp.LastPage = page
	}
	lp.PageCount = count
	if page == count {
		lp.CompletedAt = time.Unix(1, 0)
	}
	f.progress[pid][mid] = lp
	return nil
}

func (f *fakeStore) LessonProgress(_ context.Context, pid string) (map[string]results.LessonProgress, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.progress[pid], nil
}

func (f *fakeStore) StartAttempt(_ context.Context, a results.Attempt) (results.Attempt, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a.ID, a.State = f.id("att"), results.StateInProgress
	f.attempts = append(f.attempts, a)
	return a, nil
}

func (f *fakeStore) InProgressAttempt(_ context.Context, pid, mid string) (results.Attempt, []results.Answer, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.attempts {
		if a.ParticipantID == pid && a.ModuleID == mid && a.State == results.StateInProgress {
			var ans []results.Answer
			for _, x := range f.answers {
				if x.AttemptID == a.ID {
					ans = append(ans, x)
				}
			}
			return a, ans, true, nil
		}
	}
	return results.Attempt{}, nil, false, nil
}

func (f *fakeStore) Attempt(_ context.Context, id string) (results.Attempt, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.attempts {
		if a.ID == id {
			return a, nil
		}
	}
	return results.Attempt{}, results.ErrNotFound
}

func (f *fakeStore) Answers(_ context.Context, attemptID string) ([]results.Answer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []results.Answer
	for _, x := range f.answers {
		if x.AttemptID == attemptID {
			out = append(out, x)
		}
	}
	return out, nil
}

func (f *fakeStore) RecordAnswer(_ context.Context, a results.Answer) (results.Answer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failSaves > 0 {
		f.failSaves--
		return results.Answer{}, errors.New("disk I/O error")
	}
	for _, x := range f.answers {
		if x.AttemptID == a.AttemptID && x.QuestionID == a.QuestionID {
			return results.Answer{}, results.ErrAlreadyAnswered
		}
	}
	a.ID = f.id("ans")
	f.answers = append(f.answers, a)
	return a, nil
}

func (f *fakeStore) FinishAttempt(_ context.Context, id string, score, max int, passed bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.attempts {
		if f.attempts[i].ID == id {
			f.attempts[i].State, f.attempts[i].Score, f.attempts[i].MaxScore, f.attempts[i].Passed = results.StateFinished, score, max, passed
			return nil
		}
	}
	return results.ErrNotFound
}

func (f *fakeStore) AbandonAttempt(_ context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.attempts {
		if f.attempts[i].ID == id && f.attempts[i].State == results.StateInProgress {
			f.attempts[i].State = results.StateAbandoned
			return nil
		}
	}
	return results.ErrNotFound
}

func (f *fakeStore) Attempts(_ context.Context, pid string) ([]results.Attempt, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []results.Attempt
	for _, a := range f.attempts {
		if a.ParticipantID == pid {
			out = append(out, a)
		}
	}
	slices.Reverse(out)
	return out, nil
}

func (f *fakeStore) Setting(context.Context, string) (string, bool, error) { return "", false, nil }

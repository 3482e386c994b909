package flow

import (
	"context"
	"fmt"

	"kynangso/lessons"
	"kynangso/results"
)

// StatusKind is where a person stands with one module.
type StatusKind int

// The statuses a module can have for a person.
const (
	StatusNew StatusKind = iota
	StatusReading
	StatusRead
	StatusInProgress
	StatusFailed
	StatusPassed
)

// ModuleStatus is one module's status for the menu.
type ModuleStatus struct {
	Kind            StatusKind
	Page, Pages     int // reading: the page reached of the pages
	Score, MaxScore int // failed or passed: the score shown
	// Resume is the page to open the lesson at: the page reached in an
	// unfinished reading, or 0 (the first page) once it was read to the
	// end.
	Resume int
}

// MenuEntry is one module of the menu and where the person stands with it.
// Every module is open to everyone: the order is a suggestion, not a lock.
type MenuEntry struct {
	Module *lessons.Module
	Status ModuleStatus
}

// HasQuiz reports whether the module has questions to ask.
func (e MenuEntry) HasQuiz() bool { return len(e.Module.Questions) > 0 }

// OpensQuiz reports whether choosing the module goes to its quiz rather
// than its lesson: a quiz in progress is resumed first.
func (e MenuEntry) OpensQuiz() bool { return e.HasQuiz() && e.Status.Kind == StatusInProgress }

// Menu lists the pack's modules with the person's status in each.
func (f *Flow) Menu(ctx context.Context, participantID string) ([]MenuEntry, error) {
	prog, err := f.store.LessonProgress(ctx, participantID)
	if err != nil {
		return nil, fmt.Errorf("lesson progress: %w", err)
	}
	atts, err := f.store.Attempts(ctx, participantID)
	if err != nil {
		return nil, fmt.Errorf("attempts: %w", err)
	}
	out := make([]MenuEntry, 0, len(f.pack.Modules))
	for _, m := range f.pack.Modules {
		out = append(out, MenuEntry{Module: m, Status: StatusOf(m.ID, prog, atts)})
	}
	return out, nil
}

// StatusOf works out a module's status from lesson progress and attempts
// (newest first): a quiz in progress shows first, then the best passed
// score, then the latest finished try, then reading.
func StatusOf(moduleID string, prog map[string]results.LessonProgress, atts []results.Attempt) ModuleStatus {
	st := readingStatus(prog[moduleID])
	st.Resume = resumePage(prog[moduleID])
	var best, latest *results.Attempt
	for i := range atts {
		a := &atts[i]
		if a.ModuleID != moduleID {
			continue
		}
		switch a.State {
		case results.StateInProgress:
			return ModuleStatus{Kind: StatusInProgress, Resume: st.Resume}
		case results.StateFinished:
			if latest == nil {
				latest = a
			}
			if a.Passed && (best == nil || a.Score*best.MaxScore > best.Score*a.MaxScore) {
				best = a
			}
		}
	}
	switch {
	case best != nil:
		return ModuleStatus{Kind: StatusPassed, Score: best.Score, MaxScore: best.MaxScore, Resume: st.Resume}
	case latest != nil:
		return ModuleStatus{Kind: StatusFailed, Score: latest.Score, MaxScore: latest.MaxScore, Resume: st.Resume}
	}
	return st
}

// readingStatus is the status from lesson progress alone.
func readingStatus(p results.LessonProgress) ModuleStatus {
	switch {
	case p.LastPage <= 0:
		return ModuleStatus{}
	case !p.CompletedAt.IsZero():
		return ModuleStatus{Kind: StatusRead}
	}
	return ModuleStatus{Kind: StatusReading, Page: p.LastPage, Pages: p.PageCount}
}

// resumePage is where reading picks up again: the page the menu shows as
// "Đang đọc (trang 7/10)", or the first page once the lesson was read to
// the end (reading it again starts from the beginning).
func resumePage(p results.LessonProgress) int {
	if p.LastPage <= 1 || !p.CompletedAt.IsZero() || p.LastPage >= p.PageCount {
		return 0
	}
	return p.LastPage
}

// SavePage records that the person was shown page (1-based) of the
// module's lesson of count pages.
func (f *Flow) SavePage(ctx context.Context, participantID, moduleID string, page, count int) error {
	if err := f.store.SaveLessonPage(ctx, participantID, moduleID, page, count); err != nil {
		return fmt.Errorf("save lesson page: %w", err)
	}
	return nil
}

package app

import (
	"fmt"
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/quiz"
)

// resultScreen shows a finished attempt: the score, passed or not with an
// encouraging sentence, the missed questions with their right answers, and
// four ways on: read the lesson again, retake, another module, finish.
type resultScreen struct {
	ui.Page
	frame    string // the frame layout made, which View shows
	c        *ui.Common
	w, h     int
	moduleID string
	res      quiz.Result
	focus    int
	scroll   ui.Scroller
	hits     ui.Hits // where the buttons are
}

func newResultScreen(c *ui.Common, moduleID string, res quiz.Result) *resultScreen {
	s := &resultScreen{c: c, moduleID: moduleID, res: res}
	if res.Passed {
		s.focus = 2 // another module
	}
	return s
}

// ModuleID is the module on screen, so the menu can highlight it.
func (s *resultScreen) ModuleID() string { return s.moduleID }

func (s *resultScreen) Init() tea.Cmd { return nil }

func (s *resultScreen) SetSize(w, h int) { s.w, s.h = w, h; s.layout() }

func (s *resultScreen) HelpKeys() []key.Binding {
	k := s.c.Keys
	return []key.Binding{ui.Relabel(k.Prev, "←/→", s.c.Cat.T("key.choose")), ui.Relabel(k.Choose, "1-4", s.c.Cat.T("key.choose")), k.Scroll, ui.With(k.Enter, s.c.Cat.T("key.enter"))}
}

func (s *resultScreen) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Prev, k.ShiftTab):
			s.focus = max(0, s.focus-1)
		case key.Matches(msg, k.Next, k.Tab):
			s.focus = min(3, s.focus+1)
		case key.Matches(msg, k.Up, k.Down):
			s.scroll.Key(msg, k)
		case key.Matches(msg, k.Enter):
			return s, s.act(s.focus)
		case key.Matches(msg, k.Choose):
			if d, _ := ui.Digit(msg.String()); d <= 4 {
				return s, s.act(d - 1)
			}
		case key.Matches(msg, k.Back):
			return s, ui.Send(showMenuMsg{})
		}
	case tea.MouseWheelMsg:
		s.scroll.Wheel(msg, 2)
	case tea.MouseClickMsg:
		if i, ok := s.hits.Hit(msg); ok {
			return s, s.act(i)
		}
	}
	return s, nil
}

func (s *resultScreen) act(i int) tea.Cmd {
	switch i {
	case 0:
		return ui.Send(openLessonMsg{moduleID: s.moduleID})
	case 1:
		return ui.Send(openQuizMsg{moduleID: s.moduleID})
	case 2:
		return ui.Send(showMenuMsg{})
	}
	return ui.Send(showFinishMsg{})
}

func (s *resultScreen) layout() {
	st, cat, lang := s.c.Styles, s.c.Cat, s.c.Lang()
	title := s.moduleID
	if s.c.Pack != nil {
		if m := s.c.Pack.Module(s.moduleID); m != nil {
			title = ui.Clean(m.Title.In(lang))
		}
	}
	var lines []string
	lines = append(lines, ui.Wrap(st.Title.Render(cat.F("result.title", title)), s.w)...)
	lines = append(lines, ui.Wrap(st.Bold.Render(cat.F("result.score", s.res.Score, s.res.Max, s.res.Percent)), s.w)...)
	if s.res.Passed {
		lines = append(lines, ui.Wrap(st.Correct.Render(cat.T("result.passed")), s.w)...)
	} else {
		lines = append(lines, ui.Wrap(st.Wrong.Render(cat.F("result.failed", s.res.PassPercent)), s.w)...)
	}
	lines = append(lines, "")
	if rule := s.ruleLines(); rule != nil {
		lines = append(append(lines, rule...), "")
	}
	missed := s.res.Missed()
	if len(missed) == 0 {
		lines = append(lines, ui.Wrap(st.Text.Render(cat.T("result.allgood")), s.w)...)
	} else {
		lines = append(lines, st.Bold.Render(cat.T("result.missed")))
	}
	for _, it := range missed {
		num := fmt.Sprintf("✗ %d. ", it.Number)
		lines = append(lines, ui.Hang(num, st.Text.Render(ui.Clean(it.Question.Prompt.In(lang))), s.w)...)
		var right []string
		for _, c := range it.Question.Choices {
			if c.Correct {
				right = append(right, ui.Clean(c.Text.In(lang)))
			}
		}
		one := func(r string) string { return cat.F("result.right", r) }
		// The answer lines up under the prompt, for "✗ 10." too.
		lines = append(lines, answerLines(right, one, cat.T("result.rightlist"), strings.Repeat(" ", ui.WidthOf(num)), st.Correct, s.w)...)
	}
	labels := []string{"1 " + cat.T("result.reread"), "2 " + cat.T("result.retake"), "3 " + cat.T("result.other"), "4 " + cat.T("result.finish")}
	btn, pos := ui.Buttons(labels, s.focus, s.w, st)
	s.scroll.Set(lines, nil)
	s.scroll.SetHeight(max(2, s.h-len(btn)-1))
	s.hits = ui.Hits{Top: s.scroll.Height() + 1, Buttons: pos}
	s.frame = s.scroll.View(st, cat) + "\n\n" + strings.Join(btn, "\n")
}

// ruleLines are the pack's one rule ("Chậm lại – Hỏi người mình tin –
// Rồi mới bấm."), the same words every module's last page ends with, after
// a pass and after a miss alike: it is what to take home either way. It
// is said calmly, as the lesson pages' "Ghi nhớ:" lines are, in the title
// colour rather than the verdict's green or red. Nil when the pack has
// none.
func (s *resultScreen) ruleLines() []string {
	if s.c.Pack == nil {
		return nil
	}
	rule := ui.CleanLine(s.c.Pack.Rule.In(s.c.Lang()))
	if rule == "" {
		return nil
	}
	st := s.c.Styles
	return ui.Hang(st.Bold.Render(s.c.Cat.T("remember"))+" ", st.Title.Render(rule), s.w)
}

// Update handles msg, then lays the page out again.
func (s *resultScreen) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := s.update(msg)
	s.layout()
	return c, cmd
}

// View shows the frame layout made.
func (s *resultScreen) View() string { return s.frame }

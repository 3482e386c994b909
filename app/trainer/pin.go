package trainer

import (
	"errors"
	"fmt"
	"kynangso/app/ui"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// pinMode is what the PIN page is asking for.
type pinMode int

const (
	pinLoading pinMode = iota // reading whether a PIN is set
	pinCreate                 // first start: type a new PIN
	pinRepeat                 // type the new PIN again
	pinEnter                  // type the PIN to unlock
	pinBroken                 // the store cannot hold a PIN: explain
	pinNone                   // no PIN yet, asked from a participant's screen: say how to create one
)

// pinScreen asks for the trainer PIN. On a laptop without one, the first
// start opens it in setup mode, where the trainer creates the PIN (typed
// twice) and cannot skip it; opened from a participant's screen it never
// offers to create one, so whoever sits down cannot set the PIN. Digits
// are masked. After too many wrong PINs it shows, in words, how long to
// wait; the wait is kept in the store so a restart does not shorten it.
type pinScreen struct {
	ui.Page
	c     *ui.Common
	store ui.PINStore
	w, h  int
	mode  pinMode
	setup bool // opened at first start to create the PIN
	input textinput.Model
	first string // the new PIN, while it is typed again
	note  string // what went wrong, in plain words
	next  time.Time
	busy  bool
}

// Messages of the PIN page.
type (
	pinStateMsg struct {
		has  bool
		next time.Time
		err  error
	}
	pinCheckedMsg struct {
		res results.PINCheck
		err error
	}
	pinSavedMsg    struct{ err error }
	pinWaitTickMsg struct{}
)

// newPinSetup is the PIN page of the first start, which creates the PIN.
func newPinSetup(c *ui.Common) *pinScreen {
	s := newPinScreen(c)
	s.setup = true
	return s
}

func newPinScreen(c *ui.Common) *pinScreen {
	in := textinput.New()
	in.Prompt = "› "
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '*'
	in.CharLimit = results.PINMaxLen
	in.SetStyles(c.Styles.Input)
	in.SetWidth(results.PINMaxLen + 2)
	s := &pinScreen{c: c, input: in, store: c.Stores.PIN}
	if s.store == nil {
		s.mode = pinBroken
	}
	return s
}

func (s *pinScreen) Init() tea.Cmd {
	if s.store == nil {
		return nil
	}
	st, ctx := s.store, s.c.Ctx
	return tea.Batch(s.input.Focus(), s.Cmd(func() tea.Msg {
		has, err := st.HasPIN(ctx)
		if err != nil {
			return pinStateMsg{err: err}
		}
		_, next, err := st.PINState(ctx)
		return pinStateMsg{has: has, next: next, err: err}
	}))
}

func (s *pinScreen) SetSize(w, h int) { s.w, s.h = w, h }

func (s *pinScreen) HelpKeys() []key.Binding {
	k, cat := s.c.Keys, s.c.Cat
	keys := []key.Binding{ui.With(k.Enter, cat.T("tr.pin.ok"))}
	switch {
	case s.mode == pinRepeat:
		return append(keys, ui.With(k.Back, cat.T("tr.pin.again")))
	case s.mustCreate():
		return keys // the PIN is made before anything else
	case s.mode == pinNone:
		return []key.Binding{ui.With(k.Back, cat.T("tr.back.welcome"))}
	}
	return append(keys, ui.With(k.Back, cat.T("tr.back.welcome")))
}

// mustCreate reports whether the page is the first start's PIN creation,
// which Esc and the idle lock cannot leave.
func (s *pinScreen) mustCreate() bool {
	return s.setup && (s.mode == pinLoading || s.mode == pinCreate || s.mode == pinRepeat)
}

// Blocking keeps the first start's PIN creation on screen when the
// trainer's area would lock itself: the PIN is made before anyone else
// sits down.
func (s *pinScreen) Blocking() bool { return s.mustCreate() }

func (s *pinScreen) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case pinStateMsg:
		return s, s.onState(msg)
	case pinCheckedMsg:
		return s, s.onChecked(msg)
	case pinSavedMsg:
		s.busy = false
		if msg.err != nil {
			s.mode, s.first, s.note = pinCreate, "", s.c.Cat.T("tr.pin.saveerr")
			if errIs(msg.err, results.ErrTrivialPIN) {
				s.note = s.c.Cat.T("tr.pin.trivial")
			}
			return s, nil
		}
		return s, ui.Send(ui.ReplaceMsg{ID: s.PageID(), Page: newTrainerHome(s.c)})
	case pinWaitTickMsg:
		if s.waiting() {
			return s, s.waitTick()
		}
		return s, nil
	case tea.KeyPressMsg:
		return s, s.onKey(msg)
	case tea.PasteMsg:
		return s, nil // a PIN is typed, never pasted
	}
	return s, nil
}

func (s *pinScreen) onState(msg pinStateMsg) tea.Cmd {
	if msg.err != nil {
		s.mode, s.note = pinBroken, s.c.Cat.T("tr.pin.readerr")
		return nil
	}
	if !msg.has {
		s.mode = pinNone
		if s.setup {
			s.mode = pinCreate
		}
		return nil
	}
	s.mode, s.next = pinEnter, msg.next
	// A clock that went backwards can leave the stored next try far ahead;
	// the store caps it at the next try, and so does the page.
	if limit := s.c.Now().Add(results.PINMaxWait); s.next.After(limit) {
		s.next = limit
	}
	if s.waiting() {
		return s.waitTick()
	}
	return nil
}

func (s *pinScreen) onChecked(msg pinCheckedMsg) tea.Cmd {
	s.busy = false
	s.input.SetValue("")
	if msg.err != nil {
		s.note = s.c.Cat.T("tr.pin.readerr")
		return nil
	}
	if msg.res.OK {
		home := newTrainerHome(s.c)
		if n := msg.res.Failures; n > 0 {
			// Someone tried PINs since the trainer last came in: say so.
			home.note = s.c.Cat.F("tr.pin.failures", n)
		}
		return ui.Send(ui.ReplaceMsg{ID: s.PageID(), Page: home})
	}
	s.next = s.c.Now().Add(msg.res.Wait)
	switch {
	case msg.res.TooEarly:
		s.note = ""
	case msg.res.Failures < results.PINFreeTries:
		s.note = s.c.Cat.F("tr.pin.wrong", results.PINFreeTries-msg.res.Failures)
	default:
		s.note = s.c.Cat.T("tr.pin.wrongwait")
	}
	if s.waiting() {
		return s.waitTick()
	}
	return nil
}

func (s *pinScreen) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	switch {
	case key.Matches(msg, k.Back):
		switch {
		case s.mode == pinRepeat:
			s.mode, s.first, s.note = pinCreate, "", ""
			s.input.SetValue("")
			return nil
		case s.mustCreate():
			s.note = s.c.Cat.T("tr.pin.mustcreate")
			return nil
		}
		return ui.Send(ui.ShowWelcomeMsg{})
	case key.Matches(msg, k.Enter):
		return s.submit()
	}
	if s.busy || s.mode == pinLoading || s.mode == pinBroken || s.mode == pinNone {
		return nil
	}
	if s.mode == pinEnter && s.waiting() {
		return nil // no typing while the page says to wait
	}
	// Only digits reach the input; anything else would never be a PIN.
	if t := msg.Text; t != "" && strings.Trim(t, "0123456789") != "" {
		return nil
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd
}

func (s *pinScreen) submit() tea.Cmd {
	if s.busy {
		return nil
	}
	pin, cat := s.input.Value(), s.c.Cat
	switch s.mode {
	case pinCreate:
		if !results.ValidPIN(pin) {
			s.note = cat.F("tr.pin.rule", results.PINMinLen, results.PINMaxLen)
			return nil
		}
		// Refused here, before it is typed again, with the reason.
		if results.TrivialPIN(pin) {
			s.note = cat.T("tr.pin.trivial")
			s.input.SetValue("")
			return nil
		}
		s.mode, s.first, s.note = pinRepeat, pin, ""
		s.input.SetValue("")
	case pinRepeat:
		if pin != s.first {
			s.mode, s.first, s.note = pinCreate, "", cat.T("tr.pin.mismatch")
			s.input.SetValue("")
			return nil
		}
		s.busy, s.note = true, ""
		st, ctx := s.store, s.c.Ctx
		return s.Cmd(func() tea.Msg { return pinSavedMsg{err: st.SetPIN(ctx, pin)} })
	case pinEnter:
		if s.waiting() {
			s.input.SetValue("") // refused unseen: the next try starts empty
			return nil
		}
		if pin == "" {
			s.note = cat.T("tr.pin.empty")
			return nil
		}
		s.busy, s.note = true, ""
		st, ctx, now := s.store, s.c.Ctx, s.c.Now()
		return s.Cmd(func() tea.Msg {
			res, err := st.CheckPIN(ctx, pin, now)
			if err != nil {
				err = fmt.Errorf("check PIN: %w", err)
			}
			return pinCheckedMsg{res: res, err: err}
		})
	}
	return nil
}

// waiting reports whether a try must still wait.
func (s *pinScreen) waiting() bool { return s.c.Now().Before(s.next) }

func (s *pinScreen) waitTick() tea.Cmd {
	return trainerTick(time.Second, func(time.Time) tea.Msg { return s.To(pinWaitTickMsg{}) })
}

func (s *pinScreen) View() string {
	st, cat := s.c.Styles, s.c.Cat
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	add(st.Title.Render(cat.T("tr.title")), "")
	switch s.mode {
	case pinLoading:
		add(st.Subtle.Render(cat.T("tr.loading")))
	case pinBroken:
		add(ui.Wrap(st.Error.Render(cat.T("tr.pin.broken")), s.w)...)
		if s.note != "" {
			add(ui.Wrap(st.Error.Render(s.note), s.w)...)
		}
	case pinNone:
		add(ui.Wrap(st.Text.Render(cat.T("tr.pin.none")), s.w)...)
	case pinCreate:
		add(ui.Wrap(st.Text.Render(cat.T("tr.pin.createintro")), s.w)...)
		add("", st.Bold.Render(cat.F("tr.pin.new", results.PINMinLen, results.PINMaxLen)), s.input.View())
		add(ui.Wrap(st.Subtle.Render(cat.T("tr.pin.hint")), s.w)...)
	case pinRepeat:
		add(ui.Wrap(st.Text.Render(cat.T("tr.pin.createintro")), s.w)...)
		add("", st.Bold.Render(cat.T("tr.pin.repeat")), s.input.View())
	case pinEnter:
		add(st.Bold.Render(cat.T("tr.pin.enter")), s.input.View())
	}
	if s.busy {
		add("", st.Subtle.Render(cat.T("tr.pin.checking")))
	}
	if s.note != "" && s.mode != pinBroken {
		add("")
		add(ui.Hang("✗ ", st.Error.Render(s.note), s.w)...)
	}
	if s.mode == pinEnter && s.waiting() {
		add("")
		add(ui.Wrap(st.Error.Render(cat.F("tr.pin.wait", waitWords(cat, s.next.Sub(s.c.Now())))), s.w)...)
	}
	return strings.Join(ui.PadLines(lines, s.h), "\n")
}

// waitWords says a wait in words: "2 phút 5 giây", rounding up to the second.
func waitWords(cat ui.Catalog, d time.Duration) string {
	secs := int((d + time.Second - 1) / time.Second)
	m, sec := secs/60, secs%60
	switch {
	case m > 0 && sec > 0:
		return cat.F("tr.wait.ms", m, sec)
	case m > 0:
		return cat.F("tr.wait.m", m)
	default:
		return cat.F("tr.wait.s", max(1, sec))
	}
}

// errIs is errors.Is, short for screens that pick a message by error.
func errIs(err, target error) bool { return errors.Is(err, target) }

// firstStart opens the trainer's area in setup mode at start-up when the
// laptop has no trainer PIN yet, so the first thing the trainer does is
// create one. It does nothing with a store that cannot keep a PIN.
func firstStart(c *ui.Common) tea.Cmd {
	ts := c.Stores.PIN
	if ts == nil {
		return nil
	}
	ctx := c.Ctx
	return func() tea.Msg {
		if has, err := ts.HasPIN(ctx); err != nil || has {
			return nil
		}
		return ui.ShowTrainerMsg{Setup: true}
	}
}

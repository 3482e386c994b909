package trainer

import (
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"kynangso/app/ui"
	"kynangso/results"
)

// phonesEvery is how often the page counts the phones again.
const phonesEvery = 2 * time.Second

// phonesState is where the phone pages stand.
type phonesState int

const (
	phonesStarting phonesState = iota
	phonesRunning
	phonesStopped
	phonesFailed
)

// phonesPage is "Mở lớp trên điện thoại": it starts the phone pages for
// the open class and shows the room how to join (the QR code, the plain
// address, the class code) and how many phones are in; d stops them, and
// the phones are told plainly. Leaving the page keeps them running.
type phonesPage struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	class  results.ClassSession
	w, h   int
	state  phonesState
	info   ui.PhoneInfo
	err    error
	closed bool
	latest ui.Latest
	keys   phonesKeys
}

// phonesKeys are the page's own keys.
type phonesKeys struct{ Stop, Retry key.Binding }

// Messages of the phone page.
type (
	phonesStartedMsg struct {
		req  int
		info ui.PhoneInfo
		err  error
	}
	phonesInfoMsg struct {
		req  int
		info ui.PhoneInfo
		ok   bool
	}
	phonesTickMsg    struct{}
	phonesStopMsg    struct{}
	phonesStoppedMsg struct{ err error }
)

func newPhonesPage(c *ui.Common, class results.ClassSession) *phonesPage {
	cat := c.Cat
	return &phonesPage{c: c, class: class, keys: phonesKeys{
		Stop:  key.NewBinding(key.WithKeys("d", "D"), key.WithHelp("d", cat.T("tr.phones.stop"))),
		Retry: key.NewBinding(key.WithKeys("r", "R"), key.WithHelp("r", cat.T("tr.phones.restart"))),
	}}
}

func (p *phonesPage) Init() tea.Cmd { return p.start() }

// start serves the class on phones (or finds it already served).
func (p *phonesPage) start() tea.Cmd {
	ph := p.c.Phones
	if ph == nil {
		p.state = phonesFailed
		return nil
	}
	p.state, p.err = phonesStarting, nil
	ctx, class, req := p.c.Ctx, p.class, p.latest.Next()
	return p.Cmd(func() tea.Msg {
		info, err := ph.Start(ctx, class)
		return phonesStartedMsg{req: req, info: info, err: err}
	})
}

// refresh counts the phones again.
func (p *phonesPage) refresh() tea.Cmd {
	ph, req := p.c.Phones, p.latest.Next()
	return p.Cmd(func() tea.Msg {
		info, ok := ph.Info()
		return phonesInfoMsg{req: req, info: info, ok: ok}
	})
}

// tick arms the next count.
func (p *phonesPage) tick() tea.Cmd {
	return trainerTick(phonesEvery, func(time.Time) tea.Msg { return p.To(phonesTickMsg{}) })
}

func (p *phonesPage) SetSize(w, h int) { p.w, p.h = w, h; p.layout() }

func (p *phonesPage) HelpKeys() []key.Binding {
	back := ui.With(p.c.Keys.Back, p.c.Cat.T("tr.back.menu"))
	switch p.state {
	case phonesRunning:
		return []key.Binding{p.keys.Stop, back}
	case phonesStopped, phonesFailed:
		if p.c.Phones != nil {
			return []key.Binding{p.keys.Retry, back}
		}
	}
	return []key.Binding{back}
}

func (p *phonesPage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case phonesStartedMsg:
		if !p.latest.Is(msg.req) {
			return p, nil
		}
		if msg.err != nil {
			p.state, p.err = phonesFailed, msg.err
			return p, nil
		}
		p.state, p.info = phonesRunning, msg.info
		return p, p.tick()
	case phonesInfoMsg:
		if !p.latest.Is(msg.req) || p.state != phonesRunning {
			return p, nil
		}
		if !msg.ok { // the class was closed, or stopped elsewhere
			p.state = phonesStopped
			return p, nil
		}
		p.info = msg.info
		return p, p.tick()
	case phonesTickMsg:
		if p.closed || p.state != phonesRunning {
			return p, nil
		}
		return p, p.refresh()
	case phonesStopMsg:
		ph := p.c.Phones
		p.latest.Next() // a count under way must not bring the page back
		return p, p.Cmd(func() tea.Msg { return phonesStoppedMsg{err: ph.Stop()} })
	case phonesStoppedMsg:
		p.state, p.err = phonesStopped, msg.err
		return p, nil
	case tea.KeyPressMsg:
		return p, p.key(msg)
	}
	return p, nil
}

func (p *phonesPage) key(msg tea.KeyPressMsg) tea.Cmd {
	cat := p.c.Cat
	switch {
	case key.Matches(msg, p.c.Keys.Back):
		p.closed = true
		return p.Close()
	case p.state == phonesRunning && key.Matches(msg, p.keys.Stop):
		return ui.Open(ui.NewConfirmDialog(p.c, cat.T("tr.phones.stopq"), cat.T("tr.phones.stopbody"), p.To(phonesStopMsg{})))
	case (p.state == phonesStopped || p.state == phonesFailed) && key.Matches(msg, p.keys.Retry):
		return p.start()
	}
	return nil
}

func (p *phonesPage) layout() {
	st, cat := p.c.Styles, p.c.Cat
	var lines []string
	switch {
	case p.c.Phones == nil:
		lines = append([]string{st.Title.Render(cat.T("tr.phones.title"))}, wrapErr(p.c, cat.T("tr.phones.none"), p.w)...)
	case p.state == phonesStarting:
		lines = []string{st.Title.Render(cat.T("tr.phones.title")), "", st.Subtle.Render(cat.T("tr.phones.starting"))}
	case p.state == phonesFailed:
		lines = append([]string{st.Title.Render(cat.T("tr.phones.title"))}, wrapErr(p.c, p.problem(), p.w)...)
	case p.state == phonesStopped:
		lines = append([]string{st.Title.Render(cat.T("tr.phones.title")), ""}, ui.Wrap(st.Saved.Render(cat.T("tr.phones.stopped")), p.w)...)
	default:
		lines = p.running()
	}
	p.frame = strings.Join(ui.PadLines(lines, p.h), "\n")
}

// problem words why the phone pages did not start.
func (p *phonesPage) problem() string {
	if errors.Is(p.err, ui.ErrNoNetwork) {
		return p.c.Cat.T("tr.phones.nonet")
	}
	return p.c.Cat.T("tr.phones.err")
}

// running is the QR code with the address, the code and the count beside
// it, or under it when the screen is too narrow for both.
func (p *phonesPage) running() []string {
	st, cat := p.c.Styles, p.c.Cat
	qr := ui.QRLines(p.info.QR)
	qw := lipgloss.Width(qr[0])
	side := max(16, p.w-qw-2)
	addr := strings.TrimPrefix(p.info.URL, "http://")
	var text []string
	text = append(text, ui.Wrap(st.Title.Render(cat.T("tr.phones.title")), side)...)
	text = append(text, "")
	text = append(text, ui.Wrap(st.Text.Render(cat.T("tr.phones.scan")), side)...)
	text = append(text, "")
	text = append(text, ui.Wrap(st.Text.Render(cat.T("tr.phones.or")), side)...)
	text = append(text, st.Bold.Render(addr), "")
	text = append(text, st.Text.Render(cat.T("tr.phones.code")), st.Bold.Render(spaced(p.info.Code)), "")
	text = append(text, st.Saved.Render(cat.F("tr.phones.count", p.info.Phones)), "")
	text = append(text, ui.Wrap(st.Subtle.Render(cat.T("tr.phones.wifi")), side)...)
	if p.w < qw+2+16 {
		return append(text, qr...)
	}
	var out []string
	for i := range max(len(qr), len(text)) {
		l := strings.Repeat(" ", qw)
		if i < len(qr) {
			l = qr[i]
		}
		if i < len(text) {
			l += "  " + text[i]
		}
		out = append(out, l)
	}
	return out
}

// spaced writes a six-digit code as "246 810", easier to read out.
func spaced(code string) string {
	if len(code) != 6 {
		return code
	}
	return code[:3] + " " + code[3:]
}

// Update handles msg, then lays the page out again.
func (p *phonesPage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *phonesPage) View() string { return p.frame }

// phonesOn reports whether the phone pages are running, for the home
// menu's label. Info only reads the launcher's memory, so the menu may ask
// it while laying out.
func (h *trainerHome) phonesOn() bool {
	if h.c.Phones == nil {
		return false
	}
	_, on := h.c.Phones.Info()
	return on
}

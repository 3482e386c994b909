package trainer

import (
	"fmt"
	"kynangso/app/ui"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// dashboardEvery is how often the dashboard reads the store again while it
// is on screen.
const dashboardEvery = 2 * time.Second

// dashboard is the live view of the open class: who checked in and when,
// what each person is doing (lesson page, quiz question) and their scores.
// It refreshes itself every dashboardEvery while it is showing.
type dashboard struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	store  ui.SessionStore
	class  results.ClassSession
	w, h   int
	rows   []results.DashboardRow
	seats  map[string]results.SeatVisit // by participant id; nil without seats
	loaded bool
	err    error
	at     time.Time
	scroll ui.Scroller
	closed bool
	// latest numbers the loads (the timer's and r's): only the answer to
	// the last one is shown, and only it sets the next timer.
	latest ui.Latest
}

// Messages of the dashboard.
type (
	dashLoadedMsg struct {
		req   int
		rows  []results.DashboardRow
		seats map[string]results.SeatVisit
		err   error
	}
	dashTickMsg struct{}
)

func newDashboard(c *ui.Common, class results.ClassSession) *dashboard {
	d := &dashboard{c: c, class: class}
	d.store = c.Stores.Sessions
	return d
}

func (d *dashboard) Init() tea.Cmd { return d.load() }

func (d *dashboard) load() tea.Cmd {
	if d.store == nil {
		return nil
	}
	st, ctx, id := d.store, d.c.Ctx, d.class.ID
	req := d.latest.Next()
	return d.Cmd(func() tea.Msg {
		rows, err := st.Dashboard(ctx, id)
		if err != nil {
			return dashLoadedMsg{req: req, err: fmt.Errorf("dashboard: %w", err)}
		}
		var seats map[string]results.SeatVisit
		if sr, ok := st.(seatReader); ok {
			// Seats only mark the rows: without them the table still shows.
			seats, _ = sr.Seats(ctx, id)
		}
		return dashLoadedMsg{req: req, rows: rows, seats: seats}
	})
}

func (d *dashboard) SetSize(w, h int) { d.w, d.h = w, h; d.layout() }

func (d *dashboard) HelpKeys() []key.Binding {
	k, cat := d.c.Keys, d.c.Cat
	tk := newTrainerKeys(cat)
	return []key.Binding{ui.With(k.Scroll, cat.T("key.scroll")), tk.Refresh, ui.With(k.Back, cat.T("tr.back.menu"))}
}

func (d *dashboard) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	k := d.c.Keys
	switch msg := msg.(type) {
	case dashLoadedMsg:
		if d.closed || !d.latest.Is(msg.req) {
			return d, nil
		}
		d.loaded, d.err, d.at = true, msg.err, d.c.Now()
		if msg.err == nil {
			d.rows, d.seats = msg.rows, msg.seats
		}
		// Re-arm only after a load finished, so slow reads never pile up.
		return d, trainerTick(dashboardEvery, func(time.Time) tea.Msg { return d.To(dashTickMsg{}) })
	case dashTickMsg:
		if d.closed {
			return d, nil
		}
		return d, d.load()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			d.closed = true
			return d, d.Close()
		case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDn):
			d.scroll.Key(msg, k)
		case key.Matches(msg, newTrainerKeys(d.c.Cat).Refresh):
			return d, d.load()
		}
	case tea.MouseWheelMsg:
		d.scroll.Wheel(msg, 1)
	}
	return d, nil
}

func (d *dashboard) layout() {
	st, cat := d.c.Styles, d.c.Cat
	lines := []string{ui.Truncate(st.Title.Render(cat.F("tr.dash.title", classLabel(d.class))), d.w)}
	switch {
	case d.store == nil:
		lines = append(lines, wrapErr(d.c, cat.T("tr.pin.broken"), d.w)...)
	case !d.loaded:
		lines = append(lines, st.Subtle.Render(cat.T("tr.loading")))
	default:
		status := cat.F("tr.dash.count", len(d.rows), d.at.In(d.c.Now().Location()).Format("15:04:05"))
		lines = append(lines, ui.Truncate(st.Subtle.Render(status), d.w))
		if d.err != nil {
			lines = append(lines, wrapErr(d.c, cat.T("tr.dash.err"), d.w)...)
		}
		lines = append(lines, "")
		lines = append(lines, d.table()...)
	}
	d.scroll.Set(lines, nil)
	d.scroll.SetHeight(d.h)
	d.frame = d.scroll.View(st, cat)
}

// name is the person's name and birth year, or "guest" for the anonymous.
func (d *dashboard) name(r results.DashboardRow) string {
	if r.Anonymous {
		return d.c.Cat.T("app.guest")
	}
	n := ui.CleanLine(r.Name)
	if r.BirthYear > 0 {
		n += " (" + ui.Itoa(r.BirthYear) + ")"
	}
	return n
}

// moduleNo is the module's number in the pack ("B2"), or its id.
func (d *dashboard) moduleNo(id string) string {
	if d.c.Pack != nil {
		for i, m := range d.c.Pack.Modules {
			if m.ID == id {
				return d.c.Cat.F("tr.dash.mod", i+1)
			}
		}
	}
	return ui.CleanLine(id)
}

// scores lists the best score per module: "B1 ✓8/10 B2 ✗4/10".
func (d *dashboard) scores(r results.DashboardRow) string {
	var parts []string
	for _, b := range r.Best {
		mark := "✗"
		if b.Passed {
			mark = "✓"
		}
		parts = append(parts, fmt.Sprintf("%s %s%d/%d", d.moduleNo(b.ModuleID), mark, b.Score, b.MaxScore))
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, " ")
}

// legend names the module numbers used in the table.
func (d *dashboard) legend() []string {
	st, cat := d.c.Styles, d.c.Cat
	if d.c.Pack == nil {
		return nil
	}
	var out []string
	for i, m := range d.c.Pack.Modules {
		out = append(out, ui.Truncate(st.Subtle.Render(cat.F("tr.dash.mod", i+1)+" = "+ui.CleanLine(m.Title.In(cat.Lang))), d.w))
	}
	return append(out, ui.Wrap(st.Subtle.Render(cat.T("tr.dash.marks")), d.w)...)
}

// Update handles msg, then lays the page out again.
func (d *dashboard) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := d.update(msg)
	d.layout()
	return c, cmd
}

// View shows the frame layout made.
func (d *dashboard) View() string { return d.frame }

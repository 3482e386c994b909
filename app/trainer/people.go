package trainer

import (
	"kynangso/app/ui"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// peoplePage finds a person by name (diacritics optional). Enter shows
// their history; e corrects their details; x deletes their data on
// request; g joins two records of the same person (g on the duplicate, then
// g on the record to keep). ↓ moves from the search field into the list.
type peoplePage struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	store  ui.PeopleStore
	w, h   int
	input  textinput.Model
	inList bool
	list   pickList
	people []results.Participant
	from   *results.Participant // the record to join away, once g was pressed
	note   string
	bad    bool
}

type (
	peopleFoundMsg struct {
		query  string
		people []results.Participant
		err    error
	}
	deletePersonMsg struct{ id string }
	linkPeopleMsg   struct{ from, into string }
	peopleDoneMsg   struct {
		note string
		err  error
	}
)

func newPeoplePage(c *ui.Common, _ bool) *peoplePage {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = ui.TypedLimit
	in.Placeholder = c.Cat.T("tr.people.ph")
	in.SetStyles(c.Styles.Input)
	p := &peoplePage{c: c, input: in}
	p.store = c.Stores.People
	return p
}

func (p *peoplePage) Init() tea.Cmd { return tea.Batch(p.input.Focus(), p.search()) }

// Reload searches again after an edit or a deletion.
func (p *peoplePage) Reload() tea.Cmd { return p.search() }

func (p *peoplePage) search() tea.Cmd {
	if p.store == nil {
		return nil
	}
	st, ctx, q := p.store, p.c.Ctx, p.input.Value()
	return p.Cmd(func() tea.Msg {
		ps, err := st.SearchParticipants(ctx, q, 50)
		return peopleFoundMsg{query: q, people: ps, err: err}
	})
}

func (p *peoplePage) SetSize(w, h int) { p.w, p.h = w, h; p.input.SetWidth(max(8, w-4)); p.layout() }

func (p *peoplePage) HelpKeys() []key.Binding {
	k, cat, tk := p.c.Keys, p.c.Cat, newTrainerKeys(p.c.Cat)
	if !p.inList {
		return []key.Binding{ui.With(k.Down, cat.T("tr.people.tolist")), ui.With(k.Back, cat.T("tr.back.menu"))}
	}
	return []key.Binding{k.Scroll, ui.With(k.Enter, cat.T("tr.people.history")), tk.Edit, tk.Merge, tk.Delete, ui.With(k.Back, cat.T("tr.people.tosearch"))}
}

func (p *peoplePage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	k, tk, cat := p.c.Keys, newTrainerKeys(p.c.Cat), p.c.Cat
	switch msg := msg.(type) {
	case peopleFoundMsg:
		return p, p.onFound(msg)
	case deletePersonMsg:
		st, ctx := p.store, p.c.Ctx
		return p, p.Cmd(func() tea.Msg {
			err := st.DeleteParticipantData(ctx, msg.id)
			return peopleDoneMsg{note: cat.T("tr.people.deleted"), err: err}
		})
	case linkPeopleMsg:
		st, ctx := p.store, p.c.Ctx
		return p, p.Cmd(func() tea.Msg {
			err := st.LinkParticipants(ctx, msg.from, msg.into)
			return peopleDoneMsg{note: cat.T("tr.people.joined"), err: err}
		})
	case peopleDoneMsg:
		p.from = nil
		p.note, p.bad = msg.note, msg.err != nil
		switch {
		case errIs(msg.err, results.ErrErasurePending):
			// Committed: the person is gone from every list; the store
			// finishes wiping the file by itself.
			p.note, p.bad = cat.T("tr.people.erasing"), false
		case msg.err != nil:
			p.note = cat.T("tr.class.err.save")
		}
		return p, p.search()
	case tea.KeyPressMsg:
		if !p.inList {
			switch {
			case key.Matches(msg, k.Back):
				return p, p.Close()
			case key.Matches(msg, k.Down, k.Enter, k.Tab):
				if len(p.people) > 0 {
					p.inList = true
					p.input.Blur()
				}
				return p, nil
			}
			var cmd tea.Cmd
			p.input, cmd = p.input.Update(msg)
			return p, tea.Batch(cmd, p.search())
		}
		switch {
		case key.Matches(msg, k.Back), key.Matches(msg, k.Up) && p.list.cursor == 0:
			p.inList, p.from = false, nil
			return p, p.input.Focus()
		case key.Matches(msg, tk.Edit):
			if x, ok := p.current(); ok {
				return p, ui.Open(newPersonForm(p.c, x))
			}
		case key.Matches(msg, tk.Delete):
			if x, ok := p.current(); ok {
				// Several people can share a name: say which one, by birth
				// year, village and household.
				return p, ui.Open(ui.NewConfirmDialog(p.c, cat.F("tr.people.delq", ui.CleanLine(x.FullName)),
					cat.F("tr.people.delwho", trPersonLine(cat, x))+"\n"+cat.T("tr.people.delbody"), p.To(deletePersonMsg{id: x.ID})))
			}
		case key.Matches(msg, tk.Merge):
			return p, p.merge()
		}
	}
	if p.inList {
		if i := p.list.update(msg, k); i >= 0 && i < len(p.people) {
			return p, ui.Open(newHistoryPage(p.c, p.people[i]))
		}
	}
	return p, nil
}

// onFound lists the people a search found, if it is the latest search.
func (p *peoplePage) onFound(msg peopleFoundMsg) tea.Cmd {
	if msg.query != p.input.Value() {
		return nil
	}
	cat := p.c.Cat
	p.people = msg.people
	items := make([]string, len(msg.people))
	for i, x := range msg.people {
		items[i] = trPersonLine(cat, x)
	}
	p.list.setItems(items)
	if msg.err != nil {
		p.note, p.bad = cat.T("tr.rep.err"), true
	}
	if len(items) == 0 && p.inList {
		// Nobody left to act on (the one shown was erased): back to the
		// search field, with its keys.
		p.inList = false
		return p.input.Focus()
	}
	return nil
}

// merge marks the record to join away, or asks to join it into the one
// under the cursor.
func (p *peoplePage) merge() tea.Cmd {
	cat := p.c.Cat
	x, ok := p.current()
	if !ok {
		return nil
	}
	if p.from == nil || p.from.ID == x.ID {
		p.from, p.note, p.bad = &x, cat.F("tr.people.pickkeep", ui.CleanLine(x.FullName)), false
		return nil
	}
	body := cat.F("tr.people.joinbody", trPersonLine(cat, *p.from), trPersonLine(cat, x))
	return ui.Open(ui.NewConfirmDialog(p.c, cat.T("tr.people.joinq"), body, p.To(linkPeopleMsg{from: p.from.ID, into: x.ID})))
}

func (p *peoplePage) current() (results.Participant, bool) {
	if p.list.cursor < len(p.people) {
		return p.people[p.list.cursor], true
	}
	return results.Participant{}, false
}

// trPersonLine is "Name · 1960 · Buôn Đôn · hộ 12".
func trPersonLine(cat ui.Catalog, x results.Participant) string {
	parts := []string{ui.CleanLine(x.FullName)}
	if x.BirthYear > 0 {
		parts = append(parts, ui.Itoa(x.BirthYear))
	}
	if x.Village != "" {
		parts = append(parts, ui.CleanLine(x.Village))
	}
	if hh := ui.CleanLine(x.Household); hh != "" {
		if !namesHousehold(hh) {
			hh = cat.F("tr.people.hh", hh)
		}
		parts = append(parts, hh)
	}
	return strings.Join(parts, " · ")
}

// namesHousehold reports whether a household label already starts with the
// word "hộ" (any case, or typed without marks as "ho") or "household", as in
// "Hộ H'Bia Mlô": the screens then show it as written instead of "hộ Hộ
// H'Bia Mlô". Other marks mean other words: "Hồ Văn Tám" is a surname.
func namesHousehold(label string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(label), " ")
	first = strings.ToLower(strings.TrimRightFunc(first, func(r rune) bool { return !unicode.IsLetter(r) }))
	if i := strings.IndexFunc(first, func(r rune) bool { return !unicode.IsLetter(r) }); i > 0 {
		first = first[:i] // "Hộ:12", "hộ.5"
	}
	switch norm.NFC.String(first) {
	case "hộ", "ho", "household":
		return true
	}
	return false
}

func (p *peoplePage) layout() {
	st, cat := p.c.Styles, p.c.Cat
	head := []string{st.Title.Render(cat.T("tr.people.title")), st.Bold.Render(cat.T("tr.people.find")), p.input.View()}
	if p.note != "" {
		style := st.Saved
		if p.bad {
			style = st.Error
		}
		head = append(head, ui.Wrap(style.Render(p.note), p.w)...)
	}
	if len(p.people) == 0 && p.input.Value() != "" {
		head = append(head, st.Subtle.Render(cat.T("tr.people.none")))
	}
	p.list.head = append(head, "")
	if !p.inList {
		saved := p.list.cursor
		p.list.cursor = -1
		defer func() { p.list.cursor = saved }()
	}
	p.frame = p.list.view(p.c, p.w, p.h, false)
}

// Update handles msg, then lays the page out again.
func (p *peoplePage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *peoplePage) View() string { return p.frame }

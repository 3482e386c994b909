package trainer

import (
	"fmt"
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// homeAction is one entry of the trainer's home menu.
type homeAction int

const (
	actDashboard homeAction = iota
	actPhones
	actOpenClass
	actCloseClass
	actReopenClass
	actSummary
	actHistory
	actItems
	actCoverage
	actFollowUp
	actPeople
	actDups
	actExport
	actBackup
	actSync
	actWhere
	actWelcome
	actQuit
)

// homeLabels are the catalog keys of the actions.
var homeLabels = map[homeAction]string{
	actDashboard: "tr.home.dashboard", actPhones: "tr.home.phones", actOpenClass: "tr.home.open", actCloseClass: "tr.home.close",
	actReopenClass: "tr.home.reopen", actSummary: "tr.home.summary", actHistory: "tr.home.history",
	actItems: "tr.home.items", actCoverage: "tr.home.coverage", actFollowUp: "tr.home.followup",
	actPeople: "tr.home.people", actDups: "tr.home.dups", actExport: "tr.home.export", actBackup: "tr.home.backup",
	actSync: "tr.home.sync", actWhere: "tr.home.where", actWelcome: "tr.home.welcome", actQuit: "tr.home.quit",
}

// trainerHome is the trainer's menu: the open class first, then the
// summaries, the participants, the files, and leaving.
type trainerHome struct {
	ui.Page
	frame   string // the frame layout made, which View shows
	c       *ui.Common
	store   ui.SessionStore
	w, h    int
	list    pickList
	actions []homeAction
	class   results.ClassSession
	open    bool
	loaded  bool
	err     error
	note    string // the outcome of the last action, e.g. "class closed"
}

// homeClassMsg carries the class open on this laptop, if any.
type homeClassMsg struct {
	class results.ClassSession
	open  bool
	err   error
}

func newTrainerHome(c *ui.Common) *trainerHome {
	h := &trainerHome{c: c}
	h.store = c.Stores.Sessions
	h.setActions()
	return h
}

func (h *trainerHome) Init() tea.Cmd { return h.Reload() }

// Reload reads the open class again (after a page below it changed it).
func (h *trainerHome) Reload() tea.Cmd {
	if h.store == nil {
		return nil
	}
	st, ctx := h.store, h.c.Ctx
	return tea.Batch(ui.Send(ui.ClassChangedMsg{}), h.Cmd(func() tea.Msg {
		c, ok, err := st.CurrentSession(ctx)
		if err != nil {
			err = fmt.Errorf("read open class: %w", err)
		}
		return homeClassMsg{class: c, open: ok, err: err}
	}))
}

// setActions lays out the menu. The numbers never change meaning: slot 1
// opens or closes the class, slot 2 is always the class dashboard (marked
// as needing an open class when there is none), and so on, so a trainer's
// habit of pressing "3" for the summary holds whatever the class state.
func (h *trainerHome) setActions() {
	acts := []homeAction{actOpenClass, actDashboard}
	if h.open {
		acts[0] = actCloseClass
	}
	// The class on phones comes first after the nine numbered entries, so
	// that their numbers stay what trainers learned.
	acts = append(acts, actReopenClass, actSummary, actHistory, actItems, actCoverage, actFollowUp,
		actPeople, actPhones, actDups, actExport, actBackup, actSync, actWhere, actWelcome, actQuit)
	h.actions = acts
	labels := make([]string, len(acts))
	for i, a := range acts {
		labels[i] = h.c.Cat.T(homeLabels[a])
		if a == actPhones && h.phonesOn() {
			labels[i] = h.c.Cat.T("tr.home.phoneson")
		}
		if (a == actDashboard || a == actPhones) && !h.open {
			labels[i] += " " + h.c.Cat.T("tr.home.needclass")
		}
		if a == actReopenClass && h.open {
			labels[i] += " " + h.c.Cat.T("tr.home.closefirst")
		}
	}
	h.list.setItems(labels)
}

func (h *trainerHome) SetSize(w, hh int) { h.w, h.h = w, hh; h.layout() }

func (h *trainerHome) HelpKeys() []key.Binding {
	k, cat := h.c.Keys, h.c.Cat
	return []key.Binding{ui.With(k.Scroll, cat.T("key.scroll")), ui.With(k.Enter, cat.T("key.enter")),
		numberKeys(k.Choose, cat), ui.With(k.Back, cat.T("tr.back.welcome"))}
}

func (h *trainerHome) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case homeClassMsg:
		h.loaded, h.err, h.class, h.open = true, msg.err, msg.class, msg.open
		h.setActions()
		return h, nil
	case closeClassMsg:
		if h.store == nil {
			return h, nil
		}
		return h, h.Cmd(closeClass(h.c, h.store, msg.id))
	case classClosedMsg:
		h.note = ""
		if msg.err != nil {
			h.note = classErr(h.c.Cat, msg.err)
		} else {
			h.note = h.c.Cat.T("tr.close.done")
		}
		return h, h.Reload()
	case tea.KeyPressMsg:
		if key.Matches(msg, h.c.Keys.Back) {
			return h, ui.Send(ui.ShowWelcomeMsg{})
		}
	}
	if i := h.list.update(msg, h.c.Keys); i >= 0 {
		return h, h.act(h.actions[i])
	}
	return h, nil
}

// act opens what the chosen entry does.
func (h *trainerHome) act(a homeAction) tea.Cmd {
	c, cat := h.c, h.c.Cat
	push := func(p ui.Component) tea.Cmd { return ui.Open(p) }
	switch a {
	case actDashboard:
		if !h.open {
			h.note = cat.T("tr.home.dashnoclass")
			return nil
		}
		return push(newDashboard(c, h.class))
	case actPhones:
		if !h.open {
			h.note = cat.T("tr.home.phonesnoclass")
			return nil
		}
		return push(newPhonesPage(c, h.class))
	case actOpenClass:
		return push(newClassForm(c))
	case actCloseClass:
		body := cat.F("tr.close.body", ui.CleanLine(h.class.Title))
		return ui.Open(ui.NewConfirmDialog(c, cat.T("tr.close.q"), body, h.To(closeClassMsg{id: h.class.ID})))
	case actReopenClass:
		if h.open { // only one class is open at a time: reopening would fail
			h.note = cat.T("tr.home.reopennoclose")
			return nil
		}
		return push(newReopenPage(c))
	case actSummary, actItems, actCoverage, actFollowUp:
		return push(newReportPage(c, reportKindOf(a), defaultFilter(h.class, h.open)))
	case actHistory, actPeople:
		return push(newPeoplePage(c, a == actPeople))
	case actDups:
		return push(newDupsPage(c))
	case actExport:
		return push(newExportPage(c, defaultFilter(h.class, h.open)))
	case actBackup:
		return push(newBackupPage(c))
	case actSync:
		return push(newSyncPage(c))
	case actWhere:
		return push(newWherePage(c))
	case actWelcome:
		return ui.Send(ui.ShowWelcomeMsg{})
	case actQuit:
		return ui.Open(ui.NewConfirmDialog(c, cat.T("tr.quit.q"), cat.T("tr.quit.body"), ui.QuitAppMsg{}))
	}
	return nil
}

func (h *trainerHome) layout() {
	st, cat := h.c.Styles, h.c.Cat
	head := []string{st.Title.Render(cat.T("tr.home.title"))}
	switch {
	case h.store == nil:
		head = append(head, ui.Wrap(st.Error.Render(cat.T("tr.pin.broken")), h.w)...)
	case h.err != nil:
		head = append(head, ui.Wrap(st.Error.Render(cat.T("tr.class.readerr")), h.w)...)
	case !h.loaded:
		head = append(head, st.Subtle.Render(cat.T("tr.loading")))
	case h.open:
		head = append(head, ui.Truncate(st.Bold.Render(cat.F("tr.home.isopen", classLabel(h.class))), h.w))
	default:
		head = append(head, st.Subtle.Render(cat.T("tr.home.noclass")))
	}
	if h.note != "" {
		head = append(head, ui.Wrap(st.Saved.Render(h.note), h.w)...)
	}
	h.list.head = append(head, "")
	h.frame = h.list.view(h.c, h.w, h.h, true)
}

// classLabel is "title · date", with the date written the Vietnamese way.
func classLabel(c results.ClassSession) string {
	parts := ui.NonEmpty(ui.CleanLine(c.Title), viDate(c.Date))
	return strings.Join(parts, " · ")
}

// numberKeys is the number-key binding with help "1-9", for lists longer
// than the four choices of a quiz.
func numberKeys(b key.Binding, cat ui.Catalog) key.Binding {
	b.SetHelp("1-9", cat.T("key.choose"))
	return b
}

// Update handles msg, then lays the page out again.
func (h *trainerHome) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := h.update(msg)
	h.layout()
	return c, cmd
}

// View shows the frame layout made.
func (h *trainerHome) View() string { return h.frame }

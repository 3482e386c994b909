package trainer

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
	"kynangso/flow"
	"kynangso/results"
)

// personForm corrects a person's name and details.
type personForm struct {
	ui.Page
	frame                             string // the frame layout made, which View shows
	c                                 *ui.Common
	store                             ui.PeopleStore
	person                            results.Participant
	form                              *trainerForm
	name, year, village, house, phone *formField
	gender                            *formField
}

type personSavedMsg struct{ err error }

func newPersonForm(c *ui.Common, x results.Participant) *personForm {
	cat := c.Cat
	p := &personForm{c: c, person: x, form: newTrainerForm(c, cat.T("tr.people.save"))}
	p.store = c.Stores.People
	f := p.form
	year := ""
	if x.BirthYear > 0 {
		year = ui.Itoa(x.BirthYear)
	}
	// Names are never cut: past results.MaxNameLen the form says so.
	p.name = f.text(cat.T("register.name"), ui.CleanLine(x.FullName), "", ui.TypedLimit)
	p.year = f.text(cat.T("register.year"), year, cat.T("register.year.ph"), 4)
	g := 0
	for i, v := range flow.Genders {
		if v == x.Gender {
			g = i
		}
	}
	p.gender = f.choice(cat.T("register.gender"), []string{cat.T("register.g.unset"), cat.T("register.g.male"), cat.T("register.g.female"), cat.T("register.g.other")}, g)
	p.village = f.text(cat.T("register.village"), ui.CleanLine(x.Village), "", ui.TypedLimit)
	p.house = f.text(cat.T("register.household"), ui.CleanLine(x.Household), cat.T("register.optional"), ui.TypedLimit)
	p.phone = f.text(cat.T("register.phone"), ui.CleanLine(x.Phone), cat.T("register.optional"), 24)
	f.top = []string{c.Styles.Title.Render(cat.T("tr.people.edit")), ""}
	return p
}

func (p *personForm) Init() tea.Cmd           { return p.form.focusCmd() }
func (p *personForm) SetSize(w, h int)        { p.form.setSize(w, h); p.layout() }
func (p *personForm) HelpKeys() []key.Binding { return p.form.helpKeys(p.c.Cat.T("tr.form.cancel")) }
func (p *personForm) layout() {
	p.frame = p.form.view()
}

func (p *personForm) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case personSavedMsg:
		return p, p.form.saved(msg.err, p.c.Cat.T("tr.class.err.save"), p.Close())
	case tea.KeyPressMsg:
		if key.Matches(msg, p.c.Keys.Back) {
			return p, p.Close()
		}
	}
	cmd, submitted := p.form.update(msg)
	if submitted {
		return p, p.submit()
	}
	return p, cmd
}

func (p *personForm) submit() tea.Cmd {
	rf := flow.Registration{Name: p.name.value(), Year: p.year.value(), Gender: flow.Genders[p.gender.choice],
		Village: p.village.value(), Household: p.house.value(), Phone: p.phone.value()}
	got, errs := ui.ValidateForm(p.c.Cat, rf, p.c.Now().Year())
	for i, fd := range map[int]*formField{int(flow.FieldName): p.name, int(flow.FieldYear): p.year, int(flow.FieldVillage): p.village,
		int(flow.FieldHousehold): p.house, int(flow.FieldPhone): p.phone} {
		fd.err = errs[i]
	}
	if cmd, bad := p.form.firstError(); bad {
		return cmd
	}
	x := p.person
	x.FullName, x.BirthYear, x.Gender, x.Village, x.Household, x.Phone = got.FullName, got.BirthYear, got.Gender, got.Village, got.Household, got.Phone
	st, ctx := p.store, p.c.Ctx
	return p.Cmd(func() tea.Msg {
		err := st.UpdateParticipant(ctx, x)
		if err != nil {
			err = fmt.Errorf("correct participant: %w", err)
		}
		return personSavedMsg{err: err}
	})
}

// View shows the frame layout made.
func (p *personForm) View() string { return p.frame }

// Update handles msg, then lays the page out again.
func (p *personForm) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

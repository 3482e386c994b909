package trainer

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
	"kynangso/results"
)

// exportPage saves the attendance list or the results of a filter as an
// XLSX or CSV file in the export folder, and says where, with the full path.
type exportPage struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	store  ui.FileStore
	filter results.Filter
	label  string // the filter's class, as shown
	form   *trainerForm
	what   *formField
	format *formField
	phone  *formField // the phone column, off unless asked for
	w, h   int
	busy   bool
	// dir is the folder exports go to, found by a command when the page
	// opens ("" until then).
	dir string
}

// defaultExportDir finds the folder exports go to (it asks the disk which
// folders exist, so it runs in a command); tests replace it to see when it
// is called.
var defaultExportDir = results.DefaultExportDir

// Messages of the file pages.
type (
	// filesDoneMsg is the outcome of an export or a backup: the lines
	// to show, or what went wrong.
	filesDoneMsg struct {
		lines []string
		err   error
	}
	// exportDirMsg carries the folder exports go to.
	exportDirMsg struct{ dir string }
)

func newExportPage(c *ui.Common, f results.Filter) *exportPage {
	cat := c.Cat
	p := &exportPage{c: c, store: c.Stores.Files, filter: f, form: newTrainerForm(c, cat.T("tr.files.save"))}
	p.what = p.form.choice(cat.T("tr.files.what"), []string{cat.T("tr.files.att"), cat.T("tr.files.res")}, 0)
	p.format = p.form.choice(cat.T("tr.files.format"), []string{"Excel (XLSX)", "CSV"}, 0)
	p.phone = p.form.choice(cat.T("tr.files.phone"), []string{cat.T("tr.files.phone.no"), cat.T("tr.files.phone.yes")}, 0)
	p.phone.hint = cat.T("tr.files.phone.hint")
	p.setTop(76)
	return p
}

// setTop lays out the page's title, filter and folder for width w.
func (p *exportPage) setTop(w int) {
	st, cat := p.c.Styles, p.c.Cat
	top := []string{st.Title.Render(cat.T("tr.home.export")), ""}
	label := p.label
	if v := p.c.Visit; label == "" && v.HasClass && v.Class.ID == p.filter.SessionID {
		label = classLabel(v.Class)
	}
	top = append(top, ui.Wrap(st.Subtle.Render(filterText(cat, p.filter, label)), w)...)
	top = append(top, st.Subtle.Render(cat.T("tr.files.to")))
	dir := st.Subtle.Render(cat.T("tr.files.looking"))
	if p.dir != "" {
		dir = st.Text.Render(p.dir)
	}
	top = append(top, ui.Hang("  ", dir, w)...)
	p.form.top = append(top, "")
}

// exportDirCmd looks for the folder exports go to.
func (p *exportPage) exportDirCmd() tea.Cmd {
	return p.Cmd(func() tea.Msg { return exportDirMsg{dir: defaultExportDir()} })
}

func (p *exportPage) Init() tea.Cmd { return tea.Batch(p.form.focusCmd(), p.exportDirCmd()) }

func (p *exportPage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.form.setSize(w, h)
	p.setTop(w)
	p.layout()
}

func (p *exportPage) HelpKeys() []key.Binding {
	return append(p.form.helpKeys(p.c.Cat.T("tr.back.menu")), newTrainerKeys(p.c.Cat).Filter)
}

func (p *exportPage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case exportDirMsg:
		p.dir = msg.dir
		p.setTop(cmp.Or(p.w, 76))
		return p, nil
	case filesDoneMsg:
		p.busy = false
		p.form.bottom = doneLines(p.c, msg, p.form.w, true)
		return p, nil
	case filterChosenMsg:
		p.filter, p.label = msg.filter, msg.label
		p.form.bottom = nil
		p.setTop(p.w)
		return p, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, p.c.Keys.Back) {
			return p, p.Close()
		}
		// The export form has only choices, so f is free to mean "filter",
		// as on the summary pages.
		if !p.busy && key.Matches(msg, newTrainerKeys(p.c.Cat).Filter) {
			return p, ui.Open(newFilterPage(p.c, p.PageID(), p.filter))
		}
	}
	cmd, submitted := p.form.update(msg)
	if submitted && !p.busy && p.store != nil {
		p.busy = true
		p.form.bottom = []string{"", p.c.Styles.Subtle.Render(p.c.Cat.T("tr.files.working"))}
		return p, p.export()
	}
	return p, cmd
}

// doneLines are the lines under a file form after an export or a backup:
// what was saved and where, or what went wrong and what to do. An export
// whose filter matched nothing says so, not "check the folder".
func doneLines(c *ui.Common, msg filesDoneMsg, w int, export bool) []string {
	if msg.err == nil {
		return append([]string{""}, msg.lines...)
	}
	if export && (errIs(msg.err, results.ErrNotFound) || errIs(msg.err, results.ErrBadFilter)) {
		return wrapErr(c, c.Cat.T("tr.filter.nomatch"), w)
	}
	out := wrapErr(c, c.Cat.T("tr.files.err"), w)
	return append(out, ui.Wrap(c.Styles.Subtle.Render(ui.CleanLine(msg.err.Error())), w)...)
}

// export writes the chosen file into the export folder under a free name.
func (p *exportPage) export() tea.Cmd {
	st, ctx, cat := p.store, p.c.Ctx, p.c.Cat
	kind := []results.ExportKind{results.ExportAttendance, results.ExportResults}[p.what.choice]
	format := []results.Format{results.FormatXLSX, results.FormatCSV}[p.format.choice]
	opt := results.ExportOptions{Filter: p.filter, Catalog: results.NewCatalog(p.c.Pack, cat.Lang), WithPhone: p.phone.choice == 1}
	dir := p.dir
	return p.Cmd(func() tea.Msg {
		if dir == "" { // saved before the folder was found: find it here
			dir = defaultExportDir()
		}
		tmp, err := os.CreateTemp(dir, ".kynangso-export-*")
		if err != nil {
			return filesDoneMsg{err: fmt.Errorf("export: %w", err)}
		}
		info, err := st.Export(ctx, tmp, kind, format, opt)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(tmp.Name())
			return filesDoneMsg{err: fmt.Errorf("export: %w", err)}
		}
		name, err := placeNew(tmp.Name(), filepath.Join(dir, results.ExportFileName(kind, format, info, cat.Lang)))
		if err != nil {
			os.Remove(tmp.Name())
			return filesDoneMsg{err: fmt.Errorf("export: %w", err)}
		}
		return filesDoneMsg{lines: []string{"✓ " + cat.F("tr.files.saved", info.Rows), "  " + name}}
	})
}

// placeNew gives the finished temporary file tmp a free name like want
// (want, want-2, ...) without ever replacing an existing file: a hard link
// fails when the name is taken, so a file that appeared since the name was
// chosen is kept and the next name tried. Where links are not supported (a
// FAT32 USB stick) it falls back to a rename, after checking the name is
// still free.
func placeNew(tmp, want string) (string, error) {
	for range 20 {
		name := results.FreeFileName(want)
		err := os.Link(tmp, name)
		if err == nil {
			os.Remove(tmp)
			return name, nil
		}
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if _, serr := os.Lstat(name); !errors.Is(serr, fs.ErrNotExist) {
			continue
		}
		if err := os.Rename(tmp, name); err != nil {
			return "", fmt.Errorf("name the file %s: %w", name, err)
		}
		return name, nil
	}
	return "", fmt.Errorf("no free file name like %s", want)
}

func (p *exportPage) layout() {
	p.frame = p.form.view()
}

// Update handles msg, then lays the page out again.
func (p *exportPage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *exportPage) View() string { return p.frame }

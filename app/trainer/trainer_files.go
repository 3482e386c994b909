package trainer

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"kynangso/app/ui"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// filesPage runs one file action (export, backup, or showing where the data
// lives) and shows its outcome with the full path.
type filesPage struct {
	ui.Page
	c      *ui.Common
	store  ui.FileStore
	kind   homeAction
	filter results.Filter
	label  string // the filter's class, as shown
	form   *trainerForm
	what   *formField
	format *formField
	phone  *formField // export: the phone column, off unless asked for
	w, h   int
	scroll ui.Scroller // the where page, on a short window
	busy   bool
	result []string
	// suggest is where the backup folder came from: the note above the
	// folder says when no other USB stick was found.
	suggest results.BackupDirSuggestion
	// suggested is set once suggest has arrived; dbPath is the database
	// it is for.
	suggested bool
	dbPath    string
	// exportDir is the folder exports go to, found by a command when the
	// export page opens ("" until then).
	exportDir string
}

// suggestBackupDir finds the default backup folder for a database; tests
// replace it to fake the drives plugged in.
var suggestBackupDir = results.SuggestBackupDirFor

// defaultExportDir finds the folder exports go to (it asks the disk which
// folders exist, so it runs in a command); tests replace it to see when it
// is called.
var defaultExportDir = results.DefaultExportDir

type filesDoneMsg struct {
	p     *filesPage
	lines []string
	err   error
}

func newExportPage(c *ui.Common, f results.Filter) *filesPage {
	cat := c.Cat
	p := &filesPage{c: c, kind: actExport, filter: f, form: newTrainerForm(c, cat.T("tr.files.save"))}
	p.store = c.Stores.Files
	p.what = p.form.choice(cat.T("tr.files.what"), []string{cat.T("tr.files.att"), cat.T("tr.files.res")}, 0)
	p.format = p.form.choice(cat.T("tr.files.format"), []string{"Excel (XLSX)", "CSV"}, 0)
	p.phone = p.form.choice(cat.T("tr.files.phone"), []string{cat.T("tr.files.phone.no"), cat.T("tr.files.phone.yes")}, 0)
	p.phone.hint = cat.T("tr.files.phone.hint")
	p.setTop(76)
	return p
}

// setTop lays out the export page's title, filter and folder for width w.
func (p *filesPage) setTop(w int) {
	st, cat := p.c.Styles, p.c.Cat
	top := []string{st.Title.Render(cat.T("tr.home.export")), ""}
	label := p.label
	if v := p.c.Visit; label == "" && v.HasClass && v.Class.ID == p.filter.SessionID {
		label = classLabel(v.Class)
	}
	top = append(top, ui.Wrap(st.Subtle.Render(filterText(cat, p.filter, label)), w)...)
	top = append(top, st.Subtle.Render(cat.T("tr.files.to")))
	dir := st.Subtle.Render(cat.T("tr.files.looking"))
	if p.exportDir != "" {
		dir = st.Text.Render(p.exportDir)
	}
	top = append(top, ui.Hang("  ", dir, w)...)
	p.form.top = append(top, "")
}

func newBackupPage(c *ui.Common) *filesPage {
	cat := c.Cat
	p := &filesPage{c: c, kind: actBackup, form: newTrainerForm(c, cat.T("tr.files.backup"))}
	p.store = c.Stores.Files
	dbPath := ""
	if p.store != nil {
		dbPath = p.store.Path()
	}
	p.dbPath = dbPath
	p.what = p.form.text(cat.T("tr.files.folder"), "", "", 400)
	p.setBackupTop(76)
	return p
}

// backupSuggestMsg carries the default backup folder, looked for in a
// command because it asks the system about every drive.
type backupSuggestMsg struct {
	p *filesPage
	s results.BackupDirSuggestion
}

// exportDirMsg carries the folder exports go to.
type exportDirMsg struct {
	p   *filesPage
	dir string
}

// exportDirCmd looks for the folder exports go to.
func (p *filesPage) exportDirCmd() tea.Cmd {
	return p.Cmd(func() tea.Msg { return exportDirMsg{dir: defaultExportDir()} })
}

// suggestCmd looks for the default backup folder.
func (p *filesPage) suggestCmd() tea.Cmd {
	db := p.dbPath
	return p.Cmd(func() tea.Msg { return backupSuggestMsg{s: suggestBackupDir(db)} })
}

// setBackupTop lays out the backup page's title and, when the folder is not
// another USB stick, a plain note saying so and what to do, for width w.
func (p *filesPage) setBackupTop(w int) {
	st, cat := p.c.Styles, p.c.Cat
	top := []string{st.Title.Render(cat.T("tr.home.backup")), ""}
	note := ""
	switch s := p.suggest; {
	case !p.suggested:
		note = cat.T("tr.files.usb.looking")
	case s.Source == results.BackupDirRemovable && s.DBOnRemovable:
		note = cat.T("tr.files.usb.other")
	case s.Source == results.BackupDirRemovable:
		p.what.hint = cat.T("tr.files.usb")
	case s.DBOnRemovable:
		note = cat.T("tr.files.usb.same")
	default:
		note = cat.T("tr.files.usb.none")
	}
	if note != "" {
		top = append(top, ui.Wrap(st.Bold.Render(note), w)...)
		top = append(top, "")
	}
	p.form.top = top
}

func newWherePage(c *ui.Common) *filesPage {
	p := &filesPage{c: c, kind: actWhere}
	p.store = c.Stores.Files
	if p.store != nil {
		abs, err := filepath.Abs(p.store.Path())
		if err != nil {
			abs = p.store.Path()
		}
		p.result = []string{c.Cat.T("tr.files.where"), "  " + abs}
	}
	return p
}

func (p *filesPage) Init() tea.Cmd {
	switch p.kind {
	case actBackup:
		return tea.Batch(p.form.focusCmd(), p.suggestCmd())
	case actExport:
		return tea.Batch(p.form.focusCmd(), p.exportDirCmd())
	}
	if p.form != nil {
		return p.form.focusCmd()
	}
	return nil
}

func (p *filesPage) SetSize(w, h int) {
	p.w, p.h = w, h
	if p.form != nil {
		p.form.setSize(w, h)
	}
	switch p.kind {
	case actExport:
		p.setTop(w)
	case actBackup:
		p.setBackupTop(w)
	}
}

func (p *filesPage) HelpKeys() []key.Binding {
	if p.form == nil {
		return []key.Binding{p.c.Keys.Scroll, ui.With(p.c.Keys.Back, p.c.Cat.T("tr.back.menu"))}
	}
	keys := p.form.helpKeys(p.c.Cat.T("tr.back.menu"))
	if p.kind == actExport {
		keys = append(keys, newTrainerKeys(p.c.Cat).Filter)
	}
	return keys
}

func (p *filesPage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case exportDirMsg:
		p.exportDir = msg.dir
		p.setTop(cmp.Or(p.w, 76))
		return p, nil
	case backupSuggestMsg:
		p.suggest, p.suggested = msg.s, true
		if p.what.value() == "" { // keep what the trainer typed meanwhile
			p.what.input.SetValue(msg.s.Dir)
			p.what.input.CursorEnd()
		}
		p.setBackupTop(cmp.Or(p.w, 76))
		return p, nil
	case filesDoneMsg:
		p.busy = false
		if msg.err != nil {
			p.result = nil
			if p.kind == actExport && (errIs(msg.err, results.ErrNotFound) || errIs(msg.err, results.ErrBadFilter)) {
				// The filter matched nothing: say so, not "check the folder".
				p.form.bottom = wrapErr(p.c, p.c.Cat.T("tr.filter.nomatch"), p.form.w)
				return p, nil
			}
			p.form.bottom = wrapErr(p.c, p.c.Cat.T("tr.files.err"), p.form.w)
			p.form.bottom = append(p.form.bottom, ui.Wrap(p.c.Styles.Subtle.Render(ui.CleanLine(msg.err.Error())), p.form.w)...)
			return p, nil
		}
		p.result = msg.lines
		p.form.bottom = append([]string{""}, msg.lines...)
		return p, nil
	case filterChosenMsg:
		p.filter, p.label, p.result = msg.filter, msg.label, nil
		p.form.bottom = nil
		p.setTop(p.w)
		return p, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, p.c.Keys.Back) {
			return p, p.Close()
		}
		// The export form has only choices, so f is free to mean "filter",
		// as on the summary pages.
		if p.kind == actExport && !p.busy && key.Matches(msg, newTrainerKeys(p.c.Cat).Filter) {
			return p, ui.Open(newFilterPage(p.c, p.PageID(), p.filter))
		}
	}
	if p.form == nil {
		if k, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case key.Matches(k, p.c.Keys.Down):
				p.scroll.Scroll(1)
			case key.Matches(k, p.c.Keys.Up):
				p.scroll.Scroll(-1)
			}
		}
		return p, nil
	}
	cmd, submitted := p.form.update(msg)
	if submitted && !p.busy && p.store != nil {
		p.busy = true
		p.form.bottom = []string{"", p.c.Styles.Subtle.Render(p.c.Cat.T("tr.files.working"))}
		if p.kind == actExport {
			return p, p.export()
		}
		return p, p.backup()
	}
	return p, cmd
}

// export writes the chosen file into the export folder under a free name.
func (p *filesPage) export() tea.Cmd {
	st, ctx, cat := p.store, p.c.Ctx, p.c.Cat
	kind := []results.ExportKind{results.ExportAttendance, results.ExportResults}[p.what.choice]
	format := []results.Format{results.FormatXLSX, results.FormatCSV}[p.format.choice]
	opt := results.ExportOptions{Filter: p.filter, Catalog: results.NewCatalog(p.c.Pack, cat.Lang), WithPhone: p.phone.choice == 1}
	dir := p.exportDir
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

// backup copies the database into the chosen folder; Backup checks the
// copy's integrity before giving it its name.
func (p *filesPage) backup() tea.Cmd {
	st, ctx, cat, now := p.store, p.c.Ctx, p.c.Cat, p.c.Now()
	dir := strings.TrimSpace(p.what.input.Value())
	return p.Cmd(func() tea.Msg {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return filesDoneMsg{err: fmt.Errorf("backup folder %q: not a folder", dir)}
		}
		name := results.FreeFileName(filepath.Join(dir, results.DefaultBackupName(now)))
		if err := st.Backup(ctx, name); err != nil {
			return filesDoneMsg{err: fmt.Errorf("backup: %w", err)}
		}
		return filesDoneMsg{lines: []string{"✓ " + cat.T("tr.files.backedup"), "  " + name, "✓ " + cat.T("tr.files.intact")}}
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

func (p *filesPage) View() string {
	if p.form != nil {
		return p.form.view()
	}
	st, cat := p.c.Styles, p.c.Cat
	w := max(20, p.w)
	lines := []string{st.Title.Render(cat.T("tr.home.where")), ""}
	if p.store == nil {
		lines = append(lines, wrapErr(p.c, cat.T("tr.pin.broken"), w)...)
	}
	for _, l := range p.result {
		lines = append(lines, ui.Wrap(st.Text.Render(l), w)...)
	}
	lines = append(lines, "")
	lines = append(lines, ui.Wrap(st.Subtle.Render(cat.T("tr.files.wherehint")), w)...)
	p.scroll.Set(lines, nil)
	p.scroll.SetHeight(p.h)
	return p.scroll.View(st, cat)
}

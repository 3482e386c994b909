package trainer

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
	"kynangso/results"
)

// backupPage copies the database into a folder (another USB stick by
// default) and says where, after checking the copy.
type backupPage struct {
	ui.Page
	frame string // the frame layout made, which View shows
	c     *ui.Common
	store ui.FileStore
	form  *trainerForm
	what  *formField // the folder
	w, h  int
	busy  bool
	// suggest is where the backup folder came from: the note above the
	// folder says when no other USB stick was found. suggested is set
	// once it has arrived; dbPath is the database it is for.
	suggest   results.BackupDirSuggestion
	suggested bool
	dbPath    string
}

// suggestBackupDir finds the default backup folder for a database; tests
// replace it to fake the drives plugged in.
var suggestBackupDir = results.SuggestBackupDirFor

// backupSuggestMsg carries the default backup folder, looked for in a
// command because it asks the system about every drive.
type backupSuggestMsg struct{ s results.BackupDirSuggestion }

func newBackupPage(c *ui.Common) *backupPage {
	cat := c.Cat
	p := &backupPage{c: c, store: c.Stores.Files, form: newTrainerForm(c, cat.T("tr.files.backup"))}
	if p.store != nil {
		p.dbPath = p.store.Path()
	}
	p.what = p.form.text(cat.T("tr.files.folder"), "", "", 400)
	p.setTop(76)
	return p
}

// suggestCmd looks for the default backup folder.
func (p *backupPage) suggestCmd() tea.Cmd {
	db := p.dbPath
	return p.Cmd(func() tea.Msg { return backupSuggestMsg{s: suggestBackupDir(db)} })
}

// setTop lays out the page's title and, when the folder is not another
// USB stick, a plain note saying so and what to do, for width w.
func (p *backupPage) setTop(w int) {
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

func (p *backupPage) Init() tea.Cmd { return tea.Batch(p.form.focusCmd(), p.suggestCmd()) }

func (p *backupPage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.form.setSize(w, h)
	p.setTop(w)
	p.layout()
}

func (p *backupPage) HelpKeys() []key.Binding { return p.form.helpKeys(p.c.Cat.T("tr.back.menu")) }

func (p *backupPage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case backupSuggestMsg:
		p.suggest, p.suggested = msg.s, true
		if p.what.value() == "" { // keep what the trainer typed meanwhile
			p.what.input.SetValue(msg.s.Dir)
			p.what.input.CursorEnd()
		}
		p.setTop(cmp.Or(p.w, 76))
		return p, nil
	case filesDoneMsg:
		p.busy = false
		p.form.bottom = doneLines(p.c, msg, p.form.w, false)
		return p, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, p.c.Keys.Back) {
			return p, p.Close()
		}
	}
	cmd, submitted := p.form.update(msg)
	if submitted && !p.busy && p.store != nil {
		p.busy = true
		p.form.bottom = []string{"", p.c.Styles.Subtle.Render(p.c.Cat.T("tr.files.working"))}
		return p, p.backup()
	}
	return p, cmd
}

// backup copies the database into the chosen folder; Backup checks the
// copy's integrity before giving it its name.
func (p *backupPage) backup() tea.Cmd {
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

func (p *backupPage) layout() {
	p.frame = p.form.view()
}

// Update handles msg, then lays the page out again.
func (p *backupPage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *backupPage) View() string { return p.frame }

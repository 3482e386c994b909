package trainer

import (
	"context"
	"os"
	"sync"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
	"kynangso/hub"
	"kynangso/results"
)

// syncPage sends this laptop's results to the province hub (hub.Sync) and
// brings back the commune's people, showing each step and a progress bar.
// Esc asks before stopping a sync; a stopped or cut-off sync loses nothing
// and the next one sends the rest.
type syncPage struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	store  *results.Store
	w, h   int
	scroll ui.Scroller
	bar    progress.Model

	state syncState
	cfg   hub.Config
	job   *syncJob
	snap  syncSnap
	frac  float64 // how far the bar is; it never goes back during a run
}

// syncState is where the page is.
type syncState int

const (
	syncReading  syncState = iota // reading the hub address
	syncIdle                      // ready: Enter sends
	syncRunning                   // a sync is running
	syncStopping                  // the trainer asked to stop; waiting for the sync to return
	syncOver                      // the sync ended (snap says how)
	syncNoConfig                  // no usable address (snap.err says why)
)

// hubConfig reads the hub address the laptop was given (KYNANGSO_HUB, or
// the one saved with `kynangso hub set`); tests replace it.
var hubConfig = func() (hub.Config, error) {
	path, err := hub.ConfigPath()
	if err != nil {
		return hub.Config{}, err
	}
	return hub.Load(path, os.Getenv)
}

// syncConfigMsg carries the hub address, and the sync of this file that
// is still running (or ended while no page showed it), if any.
type syncConfigMsg struct {
	cfg hub.Config
	err error
	job *syncJob
}

// syncUpdateMsg carries how a run stands.
type syncUpdateMsg struct {
	job  *syncJob
	snap syncSnap
}

// syncStopMsg is the trainer's "yes, stop" from the confirm dialog.
type syncStopMsg struct{}

func newSyncPage(c *ui.Common) *syncPage {
	p := &syncPage{c: c}
	// hub.Sync reads the database file itself in one snapshot and keeps
	// its ledger beside it, so it takes the store, not a small interface.
	p.store, _ = c.Store.(*results.Store)
	full := c.Styles.ProgressFull.GetForeground()
	p.bar = progress.New(progress.WithFillCharacters('█', '░'), progress.WithColors(full))
	p.bar.EmptyColor = c.Styles.ProgressEmpty.GetForeground()
	return p
}

func (p *syncPage) Init() tea.Cmd { return p.readConfig() }

// readConfig reads the address (a file) and looks for a run to follow.
func (p *syncPage) readConfig() tea.Cmd {
	if p.store == nil {
		return nil
	}
	path := p.store.Path()
	return p.Cmd(func() tea.Msg {
		cfg, err := hubConfig()
		return syncConfigMsg{cfg: cfg, err: err, job: runningJob(path)}
	})
}

func (p *syncPage) SetSize(w, h int) { p.w, p.h = w, h; p.layout() }

func (p *syncPage) HelpKeys() []key.Binding {
	k, cat := p.c.Keys, p.c.Cat
	keys := []key.Binding{k.Scroll}
	switch p.state {
	case syncRunning:
		return append(keys, ui.With(k.Back, cat.T("tr.sync.key.stop")))
	case syncStopping, syncReading:
		return keys
	case syncIdle:
		keys = append(keys, ui.With(k.Enter, cat.T("tr.sync.key.start")))
	case syncOver:
		if p.snap.err == nil {
			keys = append(keys, ui.With(k.Enter, cat.T("tr.sync.key.again")))
		} else {
			keys = append(keys, ui.With(k.Enter, cat.T("tr.sync.key.retry")))
		}
	case syncNoConfig:
		keys = append(keys, ui.With(k.Enter, cat.T("tr.sync.key.retry")))
	}
	return append(keys, ui.With(k.Back, cat.T("tr.back.menu")))
}

func (p *syncPage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case syncConfigMsg:
		return p, p.configured(msg)
	case syncUpdateMsg:
		if msg.job != p.job {
			return p, nil // an earlier run's answer
		}
		return p, p.follow(msg.snap)
	case syncStopMsg:
		if p.state == syncRunning {
			p.state = syncStopping
			p.job.stop()
		}
		return p, nil
	case tea.KeyPressMsg:
		return p, p.key(msg)
	}
	return p, nil
}

// configured takes the address read, and follows a run found still going.
func (p *syncPage) configured(msg syncConfigMsg) tea.Cmd {
	p.cfg = msg.cfg
	if msg.err != nil {
		p.state, p.snap = syncNoConfig, syncSnap{err: msg.err}
		return nil
	}
	p.state = syncIdle
	if msg.job != nil {
		p.job, p.frac, p.state = msg.job, 0, syncRunning
		return p.wait(-1)
	}
	return nil
}

// follow shows a run's new state and waits for the next one.
func (p *syncPage) follow(s syncSnap) tea.Cmd {
	p.snap = s
	if s.over {
		p.state = syncOver
		p.job.markSeen()
		return nil
	}
	p.frac = max(p.frac, syncFraction(s.prog))
	return p.wait(s.ver)
}

func (p *syncPage) key(msg tea.KeyPressMsg) tea.Cmd {
	k, cat := p.c.Keys, p.c.Cat
	switch {
	case key.Matches(msg, k.Back):
		switch p.state {
		case syncRunning:
			return ui.Open(ui.NewConfirmDialog(p.c, cat.T("tr.sync.stopq"), cat.T("tr.sync.stopbody"), p.To(syncStopMsg{})))
		case syncStopping:
			return nil // the sync is returning; leaving now would hide how it ended
		}
		return p.Close()
	case key.Matches(msg, k.Enter):
		switch p.state {
		case syncIdle, syncOver:
			return p.start()
		case syncNoConfig:
			p.state = syncReading
			return p.readConfig()
		}
	default:
		p.scroll.Key(msg, k)
	}
	return nil
}

// start begins a sync of this laptop in the background and follows it.
func (p *syncPage) start() tea.Cmd {
	if p.store == nil {
		return nil
	}
	p.job, p.frac, p.state, p.snap = newSyncJob(p.c.Ctx, p.store.Path()), 0, syncRunning, syncSnap{}
	job, st, cfg := p.job, p.store, p.cfg
	return p.Cmd(func() tea.Msg {
		go job.run(st, cfg)
		return syncUpdateMsg{job: job, snap: job.next(-1)}
	})
}

// wait is the command that returns the run's next state after ver.
func (p *syncPage) wait(ver int) tea.Cmd {
	job := p.job
	return p.Cmd(func() tea.Msg { return syncUpdateMsg{job: job, snap: job.next(ver)} })
}

func (p *syncPage) layout() {
	p.scroll.Set(p.lines(max(20, p.w)), nil)
	p.scroll.SetHeight(p.h)
	p.frame = p.scroll.View(p.c.Styles, p.c.Cat)
}

// Update handles msg, then lays the page out again.
func (p *syncPage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *syncPage) View() string { return p.frame }

// syncFraction is how far a sync is, 0 to 1, over all its steps: sending
// gets most of the bar, as it takes most of the time.
func syncFraction(pr hub.Progress) float64 {
	part := 1.0
	if pr.Total > 0 {
		part = min(1, float64(pr.Done)/float64(pr.Total))
	}
	switch pr.Phase {
	case hub.PhaseScan:
		return 0.05
	case hub.PhaseSend:
		return 0.10 + 0.75*part
	case hub.PhasePull:
		return 0.85 + 0.05*part
	case hub.PhaseApply:
		return 0.90 + 0.10*part
	case hub.PhaseDone:
		return 1
	}
	return 0
}

// syncJob is one run of hub.Sync, kept apart from the page that started
// it: the trainer's area locks itself after a few idle minutes, which
// closes the page, while a first sync on a slow link may take longer. The
// page opened again finds the run and follows it instead of starting a
// second one on the same file, and shows how it ended if no page did.
type syncJob struct {
	path   string
	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every change
	snap    syncSnap
	seen    bool // a page showed how it ended
}

// syncSnap is how a run stands: its version (bumped on every change), the
// last progress, and once over, what it did or why it stopped.
type syncSnap struct {
	ver  int
	prog hub.Progress
	over bool
	res  hub.Result
	err  error
}

// syncJobs holds the latest run of each database file.
var (
	syncJobsMu sync.Mutex
	syncJobs   = map[string]*syncJob{}
)

// newSyncJob registers a new run for the file at path, stopped when
// parent is or when the trainer says so.
func newSyncJob(parent context.Context, path string) *syncJob {
	j := &syncJob{path: path, changed: make(chan struct{})}
	j.ctx, j.cancel = context.WithCancel(parent)
	syncJobsMu.Lock()
	syncJobs[path] = j
	syncJobsMu.Unlock()
	return j
}

// runningJob returns the run of path that is still going, or that ended
// without a page showing it; nil otherwise.
func runningJob(path string) *syncJob {
	syncJobsMu.Lock()
	j := syncJobs[path]
	syncJobsMu.Unlock()
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.snap.over && j.seen {
		return nil
	}
	return j
}

// run syncs and records every step; it is the run's only writer.
func (j *syncJob) run(st *results.Store, cfg hub.Config) {
	res, err := hub.Sync(j.ctx, st, cfg, func(pr hub.Progress) {
		j.set(func(s *syncSnap) { s.prog = pr })
	})
	j.cancel()
	j.set(func(s *syncSnap) { s.over, s.res, s.err = true, res, err })
}

// stop cancels the run; hub.Sync returns at its next step, having kept
// everything the hub confirmed.
func (j *syncJob) stop() { j.cancel() }

func (j *syncJob) set(change func(*syncSnap)) {
	j.mu.Lock()
	change(&j.snap)
	j.snap.ver++
	close(j.changed)
	j.changed = make(chan struct{})
	j.mu.Unlock()
}

// next returns the run's state once its version is past ver (at once for
// ver -1). Every waiter wakes on a change, so a page closed while waiting
// never takes the last state from the page that follows the run now.
func (j *syncJob) next(ver int) syncSnap {
	for {
		j.mu.Lock()
		s, ch := j.snap, j.changed
		j.mu.Unlock()
		if ver < 0 || s.ver > ver || s.over {
			return s
		}
		<-ch
	}
}

// markSeen notes that a page showed how the run ended.
func (j *syncJob) markSeen() {
	j.mu.Lock()
	j.seen = true
	j.mu.Unlock()
}

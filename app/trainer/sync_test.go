package trainer

import (
	"context"
	"errors"
	"regexp"
	"testing"

	"kynangso/app/ui"
	"kynangso/hub"
	"kynangso/hub/hubtest"
	"kynangso/results"
)

// useHub makes the sync page read cfg (or err) as the laptop's hub address.
func useHub(t *testing.T, cfg hub.Config, err error) {
	t.Helper()
	old := hubConfig
	hubConfig = func() (hub.Config, error) { return cfg, err }
	t.Cleanup(func() { hubConfig = old })
}

// openSync unlocks the trainer's area and opens "Gửi kết quả lên tỉnh".
func openSync(t *testing.T, w, h int) (*trainerEnv, *syncPage) {
	t.Helper()
	e := newTrainerEnv(t, w, h)
	e.SetPIN("2468")
	e.unlock("2468")
	e.pick(actSync)
	p, ok := e.m().Front().(*syncPage)
	if !ok {
		t.Fatalf("the sync page did not open:\n%s", e.Screen())
	}
	return e, p
}

// show hands the page a state of a run, as the run's command would.
func (e *trainerEnv) show(p *syncPage, s syncSnap) {
	e.T.Helper()
	e.M.Update(ui.Addressed{To: p.PageID(), Msg: syncUpdateMsg{job: p.job, snap: s}})
}

// The page's states at 80×24 and 60×20: ready, sending at 40%, done, no
// address set, and no connection (a real attempt at a port nobody
// listens on).
func TestSyncPageGoldens(t *testing.T) {
	cfg := hub.Config{DSN: "postgres://eatu1:bi-mat-42@hub.daklak.example/kynangso?sslmode=verify-full"}
	useHub(t, cfg, nil)
	e, p := openSync(t, 80, 24)
	e.Want("hub.daklak.example · eatu1", "Bấm Enter để bắt đầu gửi.")
	e.Lacks("bi-mat-42")
	e.Goldens("trainer_sync_idle")

	p.job, p.state = newSyncJob(context.Background(), "golden"), syncRunning
	e.show(p, syncSnap{ver: 3, prog: hub.Progress{Phase: hub.PhaseSend, Done: 4000, Total: 10000}})
	e.Want("✓ Kết nối máy chủ tỉnh", "▶ Gửi kết quả: 4.000 / 10.000 dòng", " 40%")
	e.Goldens("trainer_sync_running")

	res := hub.Result{Team: "Tổ 1 buôn Ea Tu", Commune: "Xã Ea Tu", Pulled: 12, Tables: map[string]hub.TableResult{
		"participants": {Sent: 5000, New: 4990, Updated: 10}, "class_sessions": {Sent: 200, New: 200},
		"attendance": {Sent: 8150, New: 8150}, "attempts": {Sent: 14028, New: 14000, Updated: 28, Refused: 3},
		"answers": {Sent: 137915, New: 137915}}}
	res.Merge.Duplicates = make([]results.DuplicatePair, 2)
	e.show(p, syncSnap{ver: 9, over: true, res: res})
	e.Want("Đã gửi xong lên tỉnh.", "người học: 5.000 (4.990 mới, 10 cập nhật)", "3 thuộc xã khác", "Có 2 cặp")
	e.Goldens("trainer_sync_done")
	e.Press(esc)
	if _, ok := e.m().Front().(*trainerHome); !ok {
		t.Fatalf("Esc after the sync did not go back to the menu:\n%s", e.Screen())
	}

	useHub(t, hub.Config{}, hub.ErrNoHub)
	e.pick(actSync)
	e.Want("chưa có địa chỉ máy chủ tỉnh", "kynangso hub set", "postgres://TỔ:MẬT_KHẨU@MÁY_CHỦ/kynangso?sslmode=require")
	e.Goldens("trainer_sync_nohub")
	e.Press(esc)

	useHub(t, hub.Config{DSN: "postgres://eatu1:bi-mat-42@127.0.0.1:1/kynangso?sslmode=disable&connect_timeout=5"}, nil)
	e.pick(actSync)
	e.Press(enter)
	e.Want("Chưa kết nối được máy chủ tỉnh", "trụ sở xã", "Bấm Enter để thử lại", "127.0.0.1:1")
	e.Lacks("bi-mat-42")
	e.Goldens("trainer_sync_connfail", maskDial)
}

// maskDial hides the part of a dial error that differs between systems.
func maskDial(s string) string {
	return regexp.MustCompile(`(?s)dial error:.*?\n\n`).ReplaceAllString(s, "dial error: …\n\n")
}

// A whole run against a real hub (the hub tests' server): the page sends
// the laptop's records, says what it sent and brought back, and the hub
// then holds exactly this laptop's data; a second run sends nothing.
func TestSyncPageRunsAgainstAHub(t *testing.T) {
	ctx := context.Background()
	db := hubtest.New(t)
	if err := hub.Migrate(ctx, db.Connect(t, "")); err != nil {
		t.Fatal(err)
	}
	role := db.Role("eatu1")
	if err := hub.AddTeam(ctx, db.Connect(t, ""), hub.Team{Role: role, Name: "Tổ 1 buôn Ea Tu", Commune: "Xã Ea Tu"}, hub.NewPassword()); err != nil {
		t.Fatal(err)
	}
	useHub(t, hub.Config{DSN: db.DSN(role)}, nil)
	e, _ := openSync(t, 80, 24)
	p1, err := e.Store.CreateParticipant(ctx, results.Participant{FullName: "H'Hen Niê", BirthYear: 1961,
		Village: "Buôn Ea Tu", ConsentVersion: results.ConsentVersion})
	if err != nil {
		t.Fatal(err)
	}
	c, err := e.Store.OpenSession(ctx, results.ClassSession{Title: "An toàn trên mạng", Commune: "Ea Tu"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.CheckIn(ctx, c.ID, p1.ID); err != nil {
		t.Fatal(err)
	}
	e.Press(enter) // runs the sync to the end, each step's command in turn
	e.Want("Đã gửi xong lên tỉnh.", "Tổ: Tổ 1 buôn Ea Tu, Xã Ea Tu", "người học: 1 (1 mới, 0 cập nhật)",
		"điểm danh: 1 (1 mới, 0 cập nhật)", "bấm Enter để gửi tiếp")
	if got, want := hubFingerprint(t, db), laptopFingerprint(t, e.Store); got != want {
		t.Errorf("hub fingerprint %s after the sync, laptop %s", got, want)
	}
	e.Press(enter)
	e.Want("Không có gì mới để gửi")
}

// Esc during a sync asks first; "yes" stops it, which loses nothing: the
// page says so, and the next send brings the hub level with the laptop.
func TestSyncPageStopsAndResumes(t *testing.T) {
	ctx := context.Background()
	db := hubtest.New(t)
	if err := hub.Migrate(ctx, db.Connect(t, "")); err != nil {
		t.Fatal(err)
	}
	role := db.Role("eatu1")
	if err := hub.AddTeam(ctx, db.Connect(t, ""), hub.Team{Role: role, Name: "Tổ 1", Commune: "Xã Ea Tu"}, hub.NewPassword()); err != nil {
		t.Fatal(err)
	}
	useHub(t, hub.Config{DSN: db.DSN(role)}, nil)
	e, p := openSync(t, 80, 24)
	if _, err := e.Store.CreateParticipant(ctx, results.Participant{FullName: "Y Bhin Êban", BirthYear: 1970,
		Village: "Buôn Kô Sier", ConsentVersion: results.ConsentVersion}); err != nil {
		t.Fatal(err)
	}
	_, start := e.M.Update(enter) // the run is made; its command is held back
	if p.state != syncRunning {
		t.Fatalf("Enter did not start a sync (state %v)", p.state)
	}
	e.Press(esc)
	e.Want("Dừng gửi lên tỉnh?", "vẫn được giữ trên máy chủ")
	e.Press(num(1))
	if p.state != syncStopping {
		t.Fatalf("yes did not stop the sync (state %v):\n%s", p.state, e.Screen())
	}
	e.Press(esc) // ignored while the sync returns
	if e.m().Front() != ui.Component(p) {
		t.Fatalf("Esc left the page while the sync was stopping")
	}
	e.Run(start)
	e.Want("Đã dừng.", "Bấm Enter để gửi nốt")
	if !errors.Is(p.snap.err, context.Canceled) {
		t.Fatalf("the run ended with %v, want it cancelled", p.snap.err)
	}
	e.Press(enter)
	e.Want("Đã gửi xong lên tỉnh.")
	if got, want := hubFingerprint(t, db), laptopFingerprint(t, e.Store); got != want {
		t.Errorf("hub fingerprint %s after the resumed sync, laptop %s", got, want)
	}
}

// A page closed while it follows a run (the area locked itself) leaves
// the run going; the page opened again follows the same run rather than
// starting a second one on the same file, and a run that ended while no
// page showed it is shown once.
func TestSyncPageFollowsARunLeftBehind(t *testing.T) {
	useHub(t, hub.Config{DSN: "postgres://eatu1@hub.daklak.example/kynangso?sslmode=require"}, nil)
	e, p := openSync(t, 80, 24)
	job := newSyncJob(context.Background(), e.Path)
	job.set(func(s *syncSnap) { s.prog = hub.Progress{Phase: hub.PhaseSend, Done: 1, Total: 4} })
	if runningJob(e.Path) != job {
		t.Fatal("a running sync is not found")
	}
	// The page opened again while it runs: it follows the run (the wait
	// itself is not run here: the run does not move).
	e.M.Update(ui.Addressed{To: p.PageID(), Msg: syncConfigMsg{cfg: p.cfg, job: runningJob(e.Path)}})
	if p.job != job || p.state != syncRunning {
		t.Fatalf("the page does not follow the run (state %v)", p.state)
	}
	e.Press(esc, num(2)) // asks to stop; "no" keeps it going
	if p.state != syncRunning {
		t.Fatalf("answering no changed the state to %v", p.state)
	}
	job.set(func(s *syncSnap) { s.over, s.res = true, hub.Result{Team: "Tổ 1", Commune: "Xã Ea Tu"} })
	p.state, p.job = syncIdle, nil // as if closed before the end: nobody saw it
	e.Press(esc)
	e.pick(actSync)
	e.Want("Đã gửi xong lên tỉnh.", "Tổ: Tổ 1, Xã Ea Tu")
	e.Press(esc)
	e.pick(actSync)
	if r := e.m().Front().(*syncPage); r.job != nil || r.state != syncIdle {
		t.Fatalf("a run already shown is followed again (state %v)", r.state)
	}
}

// Every waiter wakes on a change: a waiter of a closed page cannot take
// the last state from the page that follows the run now.
func TestSyncJobWakesEveryWaiter(t *testing.T) {
	j := newSyncJob(context.Background(), t.Name())
	got := make(chan syncSnap, 2)
	for range 2 {
		go func() { got <- j.next(0) }()
	}
	j.set(func(s *syncSnap) { s.over = true })
	for range 2 {
		if s := <-got; !s.over {
			t.Fatalf("a waiter woke to %+v", s)
		}
	}
}

func TestSyncFraction(t *testing.T) {
	tests := []struct {
		p    hub.Progress
		want float64
	}{
		{hub.Progress{Phase: hub.PhaseConnect}, 0},
		{hub.Progress{Phase: hub.PhaseScan}, 0.05},
		{hub.Progress{Phase: hub.PhaseSend, Total: 100}, 0.10},
		{hub.Progress{Phase: hub.PhaseSend, Done: 40, Total: 100}, 0.40},
		{hub.Progress{Phase: hub.PhaseSend}, 0.85}, // nothing to send
		{hub.Progress{Phase: hub.PhaseApply, Done: 5, Total: 10}, 0.95},
		{hub.Progress{Phase: hub.PhaseDone}, 1},
	}
	for _, tt := range tests {
		if got := syncFraction(tt.p); got < tt.want-1e-9 || got > tt.want+1e-9 {
			t.Errorf("syncFraction(%+v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestGroupDigits(t *testing.T) {
	for _, tt := range []struct {
		n      int
		vi, en string
	}{{0, "0", "0"}, {999, "999", "999"}, {1000, "1.000", "1,000"}, {137915, "137.915", "137,915"}, {-1234567, "-1.234.567", "-1,234,567"}} {
		if got := groupDigits(tt.n, "vi"); got != tt.vi {
			t.Errorf("groupDigits(%d, vi) = %q, want %q", tt.n, got, tt.vi)
		}
		if got := groupDigits(tt.n, "en"); got != tt.en {
			t.Errorf("groupDigits(%d, en) = %q, want %q", tt.n, got, tt.en)
		}
	}
}

func hubFingerprint(t *testing.T, db *hubtest.DB) string {
	t.Helper()
	fp, err := hub.Fingerprint(context.Background(), db.Connect(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

func laptopFingerprint(t *testing.T, s *results.Store) string {
	t.Helper()
	fp, err := s.Fingerprint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

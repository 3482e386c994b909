package trainer

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"kynangso/app/ui"
	"kynangso/results"
	"kynangso/web"
)

// fakePhones is a phone server that only remembers what it was asked.
type fakePhones struct {
	info     ui.PhoneInfo
	running  bool
	startErr error
	stops    int
}

func (f *fakePhones) Start(_ context.Context, c results.ClassSession) (ui.PhoneInfo, error) {
	if f.startErr != nil {
		return ui.PhoneInfo{}, f.startErr
	}
	f.running, f.info.ClassID = true, c.ID
	return f.info, nil
}

func (f *fakePhones) Info() (ui.PhoneInfo, bool) { return f.info, f.running }

func (f *fakePhones) Stop() error { f.running = false; f.stops++; return nil }

const joinURL = "http://192.168.43.10:8080/v/246810"

// phonesEnv is the trainer's area with a class open and fake phones.
func phonesEnv(t *testing.T, f *fakePhones) *trainerEnv {
	t.Helper()
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	if _, err := e.Store.OpenSession(context.Background(), results.ClassSession{Title: "Lớp Ea Tu", Date: "2026-03-14"}); err != nil {
		t.Fatal(err)
	}
	e.Open(80, 24)
	e.m().Common().Phones = f
	e.unlock("2468")
	return e
}

// The page starts the phone pages for the open class and shows the QR
// code, the plain address and the class code; d stops them after asking,
// and Esc leaves them running.
func TestPhonesPage(t *testing.T) {
	f := &fakePhones{info: ui.PhoneInfo{URL: "http://192.168.43.10:8080", JoinURL: joinURL, Code: "246810",
		QR: web.QR(joinURL), Phones: 3}}
	e := phonesEnv(t, f)
	e.pick(actPhones)
	e.Want("192.168.43.10:8080", "246 810", "Điện thoại đang học: 3", "Quét mã QR", "█")
	e.Goldens("trainer_phones")
	e.Press(esc)
	e.Want("Lớp trên điện thoại (đang mở)")
	if !f.running {
		t.Fatal("leaving the page stopped the phones")
	}
	e.pick(actPhones)
	e.Press(tpressKey('d'))
	e.Want("Dừng lớp trên điện thoại?")
	e.Press(num(1))
	e.Want("Đã dừng lớp trên điện thoại")
	if f.running || f.stops != 1 {
		t.Fatalf("after d and 1: running %v, %d stops", f.running, f.stops)
	}
	e.Goldens("trainer_phones_stopped")
}

// Without Wi-Fi the page says what to do, and r tries again.
func TestPhonesPageNoNetwork(t *testing.T) {
	f := &fakePhones{startErr: ui.ErrNoNetwork}
	e := phonesEnv(t, f)
	e.pick(actPhones)
	e.Want("Máy tính chưa vào mạng wifi nào", "r mở lại")
	e.Goldens("trainer_phones_nonet")
	f.startErr = nil
	f.info = ui.PhoneInfo{URL: "http://10.0.0.5:8080", Code: "135790", QR: web.QR("http://10.0.0.5:8080/v/135790")}
	e.Press(tpressKey('r'))
	e.Want("10.0.0.5:8080", "135 790")
}

// With no class open the entry says a class is needed first.
func TestPhonesNeedAClass(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	e.m().Common().Phones = &fakePhones{}
	e.unlock("2468")
	e.Want("Mở lớp trên điện thoại (cần mở lớp)")
	e.pick(actPhones)
	e.Want("Lớp trên điện thoại cần một lớp đang mở")
}

// The real server behind the page: it answers on the address it shows,
// and after "Dừng" every page says the class on phones has closed.
func TestPhonesPageWithRealServer(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	class, err := e.Store.OpenSession(context.Background(), results.ClassSession{Title: "Lớp Ea Tu"})
	if err != nil {
		t.Fatal(err)
	}
	e.Open(80, 24)
	l := &web.Launcher{Store: e.Store, Pack: e.m().Common().Pack, Now: e.Clk.Now, Host: "127.0.0.1", Port: 18080}
	e.m().Common().Phones = l
	t.Cleanup(func() {
		if s := l.Server(); s != nil {
			s.StopNow()
		}
	})
	e.unlock("2468")
	e.pick(actPhones)
	info, ok := l.Info()
	if !ok || info.ClassID != class.ID || !strings.HasPrefix(info.URL, "http://127.0.0.1:") {
		t.Fatalf("launcher info %+v %v", info, ok)
	}
	e.Want(strings.TrimPrefix(info.URL, "http://"), info.Code[:3]+" "+info.Code[3:])
	resp, err := http.Get(info.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the phone page: %d", resp.StatusCode)
	}
	srv := l.Server()
	e.Press(tpressKey('d'), num(1))
	e.Want("Đã dừng")
	resp, err = http.Get(info.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("after stopping: %d, want 503 with the notice", resp.StatusCode)
	}
	srv.StopNow()
	if _, ok := l.Info(); ok {
		t.Fatal("the launcher still reports a running server")
	}
	if _, err := (&web.Launcher{Store: e.Store, Host: "203.0.113.9", Port: 1}).Start(context.Background(), class); err == nil || errors.Is(err, ui.ErrNoNetwork) {
		t.Fatalf("listening on an address the laptop lacks: %v", err)
	}
}

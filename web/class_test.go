package web

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/app"
	"kynangso/app/apptest"
	"kynangso/results"
)

// The class test: 30 phones (each its own cookie jar) and the laptop's own
// keyboard seat take quizzes at once against one database file, the phones
// through their own store handle as `kynangso serve` beside the app would.
// Afterwards every answer each phone was told is saved is in the database,
// once, and nothing else is.
func TestClassOfThirtyPhonesAndTheLaptop(t *testing.T) {
	if testing.Short() {
		t.Skip("the class test runs 31 seats; skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "lop.db")
	pk := builtin(t)
	laptop := apptest.NewEnvAt(t, path, 80, 24, func(s *results.Store, now func() time.Time) tea.Model {
		return app.New(app.Config{Store: s, Pack: pk, Now: now, Seed: func() uint64 { return 7 }})
	})
	ctx := context.Background()
	class, err := laptop.Store.OpenSession(ctx, results.ClassSession{Title: "Lớp Buôn Đôn", Villages: []string{"Buôn Đôn"}})
	if err != nil {
		t.Fatal(err)
	}
	bo, err := laptop.Store.CreateParticipant(ctx, results.Participant{FullName: "Điểu Thị Bơ", BirthYear: 1957,
		Village: "Buôn Đôn", ConsentVersion: results.ConsentVersion, ConsentAt: apptest.FixedNow})
	if err != nil {
		t.Fatal(err)
	}
	laptop.Open(80, 24) // the app reads the class it now has
	s := newSiteOn(t, path, class)

	const phones = 30
	told := make([]map[string][]string, phones) // attempt → questions told saved
	errs := make(chan error, phones)
	var wg sync.WaitGroup
	for i := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			told[i] = map[string][]string{}
			if err := ride(s, i, told[i]); err != nil {
				errs <- fmt.Errorf("phone %d: %w", i+1, err)
			}
		}()
	}
	laptopAnswers := keyboardQuiz(laptop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	saved := 0
	for i, atts := range told {
		for att, qs := range atts {
			stored := s.answers(att)
			if len(stored) != len(qs) {
				t.Errorf("phone %d attempt %s: %d answers stored, told saved %d", i+1, att, len(stored), len(qs))
			}
			for _, q := range qs {
				n := 0
				for _, a := range stored {
					if a.QuestionID == q {
						n++
					}
				}
				if n != 1 {
					t.Errorf("phone %d attempt %s question %s stored %d times", i+1, att, q, n)
				}
			}
			saved += len(qs)
		}
	}
	atts, err := laptop.Store.Attempts(ctx, bo.ID)
	if err != nil || len(atts) != 1 {
		t.Fatalf("the laptop seat's attempts: %+v %v", atts, err)
	}
	if got := len(s.answers(atts[0].ID)); got != laptopAnswers || got == 0 {
		t.Errorf("the laptop seat confirmed %d answers, %d are stored", laptopAnswers, got)
	}
	seats, _ := s.store.Seats(ctx, class.ID)
	phonesSeen := 0
	for _, v := range seats {
		if v.Seat == results.SeatPhone {
			phonesSeen++
		}
	}
	if phonesSeen != phones || seats[bo.ID].Seat != results.SeatLaptop {
		t.Errorf("seats: %d phones, laptop person at %q", phonesSeen, seats[bo.ID].Seat)
	}
	t.Logf("%d phones and the laptop: %d answers told saved on phones, %d at the laptop, all stored once", phones, saved, laptopAnswers)
}

// newSiteOn serves class from the database at path through a store
// handle of its own.
func newSiteOn(t *testing.T, path string, class results.ClassSession) *site {
	t.Helper()
	st := apptest.OpenStore(t, path, apptest.NewClock().Fn())
	s := &site{t: t, store: st, class: class, pack: builtin(t)}
	var err error
	s.srv, err = New(Config{Store: st, Pack: s.pack, Class: class, Code: testCode})
	if err != nil {
		t.Fatal(err)
	}
	s.ts = newTestServer(t, s.srv)
	return s
}

// ride registers phone i and takes one module's quiz to the end, noting
// each answer the page said was saved.
func ride(s *site, i int, told map[string][]string) error {
	r := newRider(s.ts.URL)
	if err := r.register(fmt.Sprintf("Người thử số %02d", i+1)); err != nil {
		return err
	}
	mod := s.pack.Modules[1+i%(len(s.pack.Modules)-1)].ID
	att, err := r.start(mod)
	if err != nil {
		return err
	}
	for {
		q, err := r.answer(att)
		if err != nil {
			return err
		}
		told[att] = append(told[att], q)
		more, err := r.next(att)
		if err != nil || !more {
			return err
		}
	}
}

// keyboardQuiz checks in the stored person at the laptop's keyboard and
// takes the first module's quiz, as a resident at the laptop does,
// returning how many answers the screen said were saved.
func keyboardQuiz(e *apptest.Env) int {
	e.T.Helper()
	e.Press(apptest.Enter)
	e.Typ("bo")
	e.Press(apptest.Enter, apptest.Key('k'))
	saved := 0
	for range 40 {
		if strings.Contains(e.Screen(), "Kết quả") {
			return saved
		}
		e.Press(apptest.Num(1), apptest.Enter)
		if !strings.Contains(e.Screen(), "Đã lưu") {
			e.T.Fatalf("the laptop's answer is not shown saved:\n%s", e.Screen())
		}
		saved++
		e.Press(apptest.Enter)
	}
	e.T.Fatalf("the laptop's quiz never ended:\n%s", e.Screen())
	return saved
}

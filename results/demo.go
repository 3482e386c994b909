package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/google/uuid"

	"kynangso/lessons"
)

// DemoModule describes one module's quiz for the demo generator; the CLI
// fills it from the built-in content pack so demo answers use real question
// and choice ids.
type DemoModule struct {
	ID          string
	QuestionIDs []string
	ChoiceIDs   map[string][]string // question id → every choice id
	Correct     map[string][]string // question id → correct choice ids
	PassPercent int                 // 0 means 70
	PerAttempt  int                 // questions drawn per attempt; 0 means all
	PageCount   int                 // lesson pages; 0 means 6
}

// DemoOptions sizes the demo database. Zero values get small defaults.
type DemoOptions struct {
	Participants int   // default 200
	Sessions     int   // default Participants/25, at least 4
	Seed         int64 // same seed, same content; different seeds, different device ids
	PackVersion  string
}

// DemoCounts says how many rows of each kind Demo wrote.
type DemoCounts struct {
	Participants, Households, Sessions, Attendance, LessonProgress, Attempts, Answers int
	// Reviews counts the review attempts (one question each, kind
	// KindReview); Attempts and Answers count quizzes only.
	Reviews int
}

// demoBase is the first demo class day: data spans the ten months after it.
var demoBase = time.Date(2026, 1, 5, 1, 0, 0, 0, time.UTC) // 08:00 in Vietnam

// Demo writes a realistic demo database to path, which must not exist yet:
// people of Đắk Lắk in households and villages, classes over ten months,
// attendance, lesson progress, attempts with plausible scores and an
// answer to every question drawn, and the reviews of missed questions that
// returning people take. Everything (ids and times included) comes
// from opts.Seed, so the same seed gives the same content. modules may be
// nil; a synthetic five-module set is used then.
func Demo(ctx context.Context, path string, opts DemoOptions, modules []DemoModule) (DemoCounts, error) {
	if _, err := os.Stat(path); err == nil {
		return DemoCounts{}, fmt.Errorf("demo database: %s already exists", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return DemoCounts{}, fmt.Errorf("demo database: %w", err)
	}
	opts = demoDefaults(opts)
	if len(modules) == 0 {
		modules = syntheticModules()
	}
	s, err := Open(ctx, path) // creates the file (0600) and the schema
	if err != nil {
		return DemoCounts{}, err
	}
	if err := s.Close(); err != nil {
		return DemoCounts{}, err
	}
	g := newDemoGen(opts, modules)
	if err := g.write(ctx, path); err != nil {
		for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
			os.Remove(p) // a half-written demo file is worth nothing
		}
		return DemoCounts{}, err
	}
	return g.counts, nil
}

// write fills the new file in one transaction without journal or fsync
// (nothing is lost if it fails: the file is removed), then puts it back in
// WAL mode and checks it opens like any other database.
func (g *demoGen) write(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", dsnMode(path, modeBulk))
	if err != nil {
		return fmt.Errorf("demo database: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("demo database: %w", err)
	}
	defer tx.Rollback()
	// Secondary indexes are dropped and rebuilt after loading: building an
	// index from sorted data is several times faster than growing it.
	indexes, err := dropIndexes(ctx, tx)
	if err != nil {
		return err
	}
	// person_summary's triggers look people up in tables whose indexes are
	// gone while loading; it is counted once at the end instead.
	triggers, err := dropTriggers(ctx, tx, "person_summary_")
	if err != nil {
		return err
	}
	w, err := newDemoWriter(ctx, tx)
	if err != nil {
		return err
	}
	err = g.run(w)
	w.close()
	if err != nil {
		return err
	}
	for _, q := range indexes {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("demo database: rebuild index: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, personSummaryRecountSQL("true")); err != nil {
		return fmt.Errorf("demo database: count person_summary: %w", err)
	}
	for _, q := range triggers {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("demo database: re-create trigger: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("demo database: commit: %w", err)
	}
	if _, err := db.ExecContext(ctx, `PRAGMA journal_mode = WAL`); err != nil {
		return fmt.Errorf("demo database: %w", err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("demo database: %w", err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		return fmt.Errorf("demo database: reopen: %w", err)
	}
	return s.Close()
}

func demoDefaults(o DemoOptions) DemoOptions {
	if o.Participants <= 0 {
		o.Participants = 200
	}
	if o.Sessions <= 0 {
		o.Sessions = max(4, o.Participants/25)
	}
	if o.PackVersion == "" {
		o.PackVersion = "demo"
	}
	return o
}

// DemoModulesOf describes a pack's quizzes for the demo generator (nil for
// no pack: Demo then makes up modules of its own).
func DemoModulesOf(pack *lessons.Pack) []DemoModule {
	if pack == nil {
		return nil
	}
	var out []DemoModule
	for _, m := range pack.Modules {
		if len(m.Questions) == 0 {
			continue
		}
		dm := DemoModule{ID: m.ID, ChoiceIDs: map[string][]string{}, Correct: map[string][]string{},
			PassPercent: m.PassPercent, PerAttempt: m.AttemptSize(), PageCount: len(m.PagesIn(pack.DefaultLang()))}
		for _, q := range m.Questions {
			dm.QuestionIDs = append(dm.QuestionIDs, q.ID)
			for _, c := range q.Choices {
				dm.ChoiceIDs[q.ID] = append(dm.ChoiceIDs[q.ID], c.ID)
			}
			dm.Correct[q.ID] = q.CorrectIDs()
		}
		out = append(out, dm)
	}
	return out
}

// syntheticModules stands in for the content pack when none is given.
func syntheticModules() []DemoModule {
	var ms []DemoModule
	for _, id := range []string{"nentang", "dichvucong", "thanhtoan", "antoan", "muasam"} {
		m := DemoModule{ID: id, ChoiceIDs: map[string][]string{}, Correct: map[string][]string{}, PerAttempt: 10}
		for q := 1; q <= 15; q++ {
			qid := fmt.Sprintf("%s-q%02d", id, q)
			m.QuestionIDs = append(m.QuestionIDs, qid)
			m.ChoiceIDs[qid] = []string{"a", "b", "c", "d"}
			m.Correct[qid] = []string{string(rune('a' + q%4))}
		}
		ms = append(ms, m)
	}
	return ms
}

// demoGen holds the generator's state; every random choice comes from rng.
type demoGen struct {
	opts     DemoOptions
	modules  []DemoModule
	rng      *rand.Rand
	rev      *rand.Rand // reviews draw from their own stream, so the quizzes are those of earlier versions
	device   string
	sessions [][]demoSession // by commune
	ordered  []demoSession   // all, in time order
	counts   DemoCounts
	houses   map[string]int  // village → last house number handed out
	heads    map[string]bool // village + "\x00" + household label already used
}

type demoSession struct {
	index   int // in ordered
	id      string
	opened  time.Time
	modules []int // indexes into modules
}

func newDemoGen(opts DemoOptions, modules []DemoModule) *demoGen {
	seed := uint64(opts.Seed)
	g := &demoGen{opts: opts, modules: modules,
		rng:    rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15)),
		rev:    rand.New(rand.NewPCG(seed^0x5EED, seed)),
		houses: map[string]int{}, heads: map[string]bool{}}
	g.device = g.id(demoBase.Add(-time.Hour))
	return g
}

// id makes a UUIDv7 for time t from the generator's random stream.
func (g *demoGen) id(t time.Time) string { return demoID(g.rng, t) }

// demoID makes a UUIDv7 for time t from rng.
func demoID(rng *rand.Rand, t time.Time) string {
	var u uuid.UUID
	ms := uint64(t.UnixMilli())
	for i := 0; i < 6; i++ {
		u[i] = byte(ms >> (40 - 8*i))
	}
	r1, r2 := rng.Uint64(), rng.Uint64()
	for i := 0; i < 5; i++ {
		u[6+i] = byte(r1 >> (8 * i))
		u[11+i] = byte(r2 >> (8 * i))
	}
	u[6] = 0x70 | u[6]&0x0f
	u[8] = 0x80 | u[8]&0x3f
	return u.String()
}

func (g *demoGen) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

func (g *demoGen) run(w *demoWriter) error {
	if err := w.device(g.device, fmtTime(demoBase.Add(-time.Hour))); err != nil {
		return err
	}
	if err := g.makeSessions(w); err != nil {
		return err
	}
	return g.play(w, g.plan())
}

// makeSessions spreads the classes over ten months and the communes.
func (g *demoGen) makeSessions(w *demoWriter) error {
	g.sessions = make([][]demoSession, len(demoCommunes))
	span := 300 * 24 * time.Hour
	for i := 0; i < g.opts.Sessions; i++ {
		ci := i % len(demoCommunes)
		day := time.Duration(int64(span) * int64(i) / int64(g.opts.Sessions)).Truncate(24 * time.Hour)
		opened := demoBase.Add(day + time.Duration(g.rng.IntN(90))*time.Minute)
		c := demoCommunes[ci]
		var villages []string
		for _, v := range c.Villages {
			if g.rng.IntN(2) == 0 || len(villages) == 0 {
				villages = append(villages, v)
			}
		}
		mods := g.sessionModules()
		var planned []string
		for _, m := range mods {
			planned = append(planned, g.modules[m].ID)
		}
		trainers := []string{g.pick(demoTrainers)}
		ds := demoSession{index: i, id: g.id(opened), opened: opened, modules: mods}
		title := fmt.Sprintf("Lớp kỹ năng số %s, xã %s", opened.Format("01/2006"), c.Name)
		if err := w.session(ds.id, title, opened.Format("2006-01-02"), c.Name, jsonList(villages),
			jsonList(trainers), jsonList(planned), fmtTime(opened), fmtTime(opened.Add(3*time.Hour)), g.device); err != nil {
			return err
		}
		g.sessions[ci] = append(g.sessions[ci], ds)
		g.ordered = append(g.ordered, ds)
		g.counts.Sessions++
	}
	return nil
}

// sessionModules picks the skills a class teaches: most classes take one or
// two skills ("mưa dầm thấm lâu"), and about one in four is a review class
// that goes over all of them, so the demo has people who passed every skill
// and households that meet the national target.
func (g *demoGen) sessionModules() []int {
	first := g.rng.IntN(len(g.modules))
	switch r := g.rng.IntN(100); {
	case r < 25:
		all := make([]int, len(g.modules))
		for i := range all {
			all[i] = i
		}
		return all
	case r < 60 && len(g.modules) > 1:
		return []int{first, (first + 1) % len(g.modules)}
	}
	return []int{first}
}

// dropIndexes drops the non-unique secondary indexes and returns the
// statements that recreate them.
func dropIndexes(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema
		WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`)
	if err != nil {
		return nil, fmt.Errorf("demo database: list indexes: %w", err)
	}
	var names, sqls []string
	for rows.Next() {
		var n, q string
		if err := rows.Scan(&n, &q); err != nil {
			rows.Close()
			return nil, fmt.Errorf("demo database: list indexes: %w", err)
		}
		names, sqls = append(names, n), append(sqls, q)
	}
	rows.Close()
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+n+`"`); err != nil {
			return nil, fmt.Errorf("demo database: drop index %s: %w", n, err)
		}
	}
	return sqls, nil
}

// dropTriggers drops the triggers whose names start with prefix and
// returns their SQL, to create them again.
func dropTriggers(ctx context.Context, tx *sql.Tx, prefix string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema
		WHERE type = 'trigger' AND substr(name, 1, length(?1)) = ?1 ORDER BY name`, prefix)
	if err != nil {
		return nil, fmt.Errorf("demo database: list triggers: %w", err)
	}
	var names, sqls []string
	for rows.Next() {
		var n, q string
		if err := rows.Scan(&n, &q); err != nil {
			rows.Close()
			return nil, fmt.Errorf("demo database: list triggers: %w", err)
		}
		names, sqls = append(names, n), append(sqls, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("demo database: list triggers: %w", err)
	}
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+n+`"`); err != nil {
			return nil, fmt.Errorf("demo database: drop trigger %s: %w", n, err)
		}
	}
	return sqls, nil
}

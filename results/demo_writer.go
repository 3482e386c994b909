package results

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// demoWriter holds the prepared statements Demo inserts with, inside one
// transaction (the fast path: 100,000 people in seconds).
type demoWriter struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

var demoInserts = map[string]string{
	"participant": `INSERT INTO participants (id, full_name, search_key, birth_year, gender, village,
		household, phone, consent_version, consent_at, anonymous, device_id, created_at, updated_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)`,
	"session": `INSERT INTO class_sessions (id, title, date, commune, villages, trainers, planned_modules,
		opened_at, closed_at, device_id, created_at, updated_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?8, ?9)`,
	"attendance": `INSERT INTO attendance (id, session_id, participant_id, checked_in_at, device_id,
		created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?4)`,
	"progress": `INSERT INTO lesson_progress (participant_id, module_id, last_page, page_count,
		completed_at, device_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)`,
	"attempt": `INSERT INTO attempts (id, participant_id, session_id, module_id, pack_version, seed,
		question_ids, state, started_at, finished_at, score, max_score, passed, device_id, created_at, updated_at, kind)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?9, ?10, ?15)`,
	"answer": `INSERT INTO answers (id, attempt_id, question_id, chosen, correct, answered_at, millis,
		device_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?6, ?6)`,
}

func newDemoWriter(ctx context.Context, tx *sql.Tx) (*demoWriter, error) {
	w := &demoWriter{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
	for name, q := range demoInserts {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare demo %s: %w", name, err)
		}
		w.stmts[name] = st
	}
	return w, nil
}

func (w *demoWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *demoWriter) exec(name string, args ...any) error {
	if _, err := w.stmts[name].ExecContext(w.ctx, args...); err != nil {
		return fmt.Errorf("demo %s: %w", name, err)
	}
	return nil
}

// device replaces the random device id Open made with the seed's own, so
// the same seed gives the same content.
func (w *demoWriter) device(id, ts string) error {
	for _, q := range []string{`DELETE FROM devices`, `DELETE FROM meta WHERE key = 'device_id'`} {
		if _, err := w.tx.ExecContext(w.ctx, q); err != nil {
			return fmt.Errorf("demo device: %w", err)
		}
	}
	if _, err := w.tx.ExecContext(w.ctx, `INSERT INTO meta (key, value) VALUES ('device_id', ?)`, id); err != nil {
		return fmt.Errorf("demo device: %w", err)
	}
	_, err := w.tx.ExecContext(w.ctx, `INSERT INTO devices (id, name, device_id, created_at, updated_at)
		VALUES (?1, 'Máy demo', ?1, ?2, ?2)`, id, ts)
	if err != nil {
		return fmt.Errorf("demo device: %w", err)
	}
	return nil
}

func (w *demoWriter) participant(id string, p demoPerson, at time.Time, device string) error {
	ts := fmtTime(at)
	if p.anonymous {
		return w.exec("participant", id, "", "", 0, "", "", "", "", "", nil, 1, device, ts)
	}
	phone := ""
	if h := len(id) % 5; h < 3 { // about 60% gave a phone number
		phone = "09" + id[len(id)-8:]
		phone = phone[:2] + digitsOnly(phone[2:])
	}
	return w.exec("participant", id, p.name, SearchKey(p.name), p.year, p.gender, p.village,
		p.household, phone, ConsentVersion, ts, 0, device, ts)
}

// digitsOnly maps hex characters to digits so a demo phone looks real.
func digitsOnly(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < '0' || c > '9' {
			b[i] = '0' + c%10
		}
	}
	return string(b)
}

func (w *demoWriter) session(id, title, date, commune, villages, trainers, planned, opened, closed, device string) error {
	return w.exec("session", id, title, date, commune, villages, trainers, planned, opened, closed, device)
}

func (w *demoWriter) attendance(id, sid, pid, at, device string) error {
	return w.exec("attendance", id, sid, pid, at, device)
}

func (w *demoWriter) progress(pid, module string, page, count int, completed any, device, at string) error {
	return w.exec("progress", pid, module, page, count, completed, device, at)
}

func (w *demoWriter) attempt(id, pid, sid, module, pack string, seed int64, qids, state, started, finished string,
	score, maxScore, passed int, device, kind string) error {
	return w.exec("attempt", id, pid, sid, module, pack, seed, qids, state, started, finished, score, maxScore, passed,
		device, kind)
}

func (w *demoWriter) answer(id, aid, q, chosen string, correct int, at string, ms int, device string) error {
	return w.exec("answer", id, aid, q, chosen, correct, at, ms, device)
}

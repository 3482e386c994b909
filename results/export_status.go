package results

import (
	"context"
	"encoding/json"
	"fmt"
)

// Not tried is not failed. A module nobody tried shows "—" and "chưa học"
// (Label "not_studied") in every export and report, never "0 people, 0 %
// passed", which reads as a class that failed; "chưa đạt" ("not_passed")
// is kept for a module tried and not passed. These helpers say which is
// which, for the exports, the command line and the trainer's screens.

// NotTried reports whether nobody tried the module within the report's
// filter: no attempt at all, neither by a person nor unlinked (anonymous
// practice, erased people).
func (m ModuleSummary) NotTried() bool { return m.Tried == 0 && m.Attempts == 0 }

// HasPassRate reports whether PassRate means something: someone (a person
// the report can count) tried the module. Otherwise it is shown as "—".
func (m ModuleSummary) HasPassRate() bool { return m.Tried > 0 }

// HasAverageBest reports whether AverageBest means something: someone
// finished an attempt. Otherwise it is shown as "—".
func (m ModuleSummary) HasAverageBest() bool { return m.Finished > 0 }

// Study says how far a person got with a module.
type Study int

// The steps of Study, in order.
const (
	// StudyNone: never read its lesson nor started its quiz ("chưa học").
	StudyNone Study = iota
	// StudyRead: read (some of) its lesson, never started its quiz.
	StudyRead
	// StudyTried: started its quiz at least once, passed or not.
	StudyTried
)

// ModulesStudied returns, for each person id given (the kept record of a
// person, as the reports give it), the modules they read or tried at any
// time, through every record joined into them. A module missing from a
// person's map is StudyNone. The follow-up list tells with it what a person
// still has to pass ("chưa đạt": studied) from what they have not begun
// ("chưa học").
func (s *Store) ModulesStudied(ctx context.Context, ids []string) (map[string]map[string]Study, error) {
	out := make(map[string]map[string]Study, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(ids)
	rows, err := s.db.QueryContext(ctx, `WITH RECURSIVE `+canonCTE+`,
	want(pid) AS MATERIALIZED (SELECT DISTINCT value FROM json_each(?)),
	mem(pid, rec) AS (
		SELECT pid, pid FROM want
		UNION ALL SELECT c.cid, c.id FROM canon AS c JOIN want ON want.pid = c.cid
	)
	SELECT mem.pid, pm.module_id, max(pm.attempts > 0)
	FROM mem JOIN person_module AS pm ON pm.participant_id = mem.rec
	GROUP BY 1, 2`, string(list))
	if err != nil {
		return nil, fmt.Errorf("modules studied: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pid, module string
		var tried bool
		if err := rows.Scan(&pid, &module, &tried); err != nil {
			return nil, fmt.Errorf("modules studied: %w", err)
		}
		if out[pid] == nil {
			out[pid] = map[string]Study{}
		}
		out[pid][module] = StudyRead
		if tried {
			out[pid][module] = StudyTried
		}
	}
	return out, rows.Err()
}

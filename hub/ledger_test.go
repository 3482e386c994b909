package hub

import (
	"context"
	"path/filepath"
	"testing"

	"kynangso/internal/testclock"
	"kynangso/results"
)

// TestCanonicalJSONIsSQLites checks the first sync's row text against
// SQLite's json_object on the same rows, with every character SQLite
// escapes, Vietnamese, an emoji, NULLs and large and negative integers.
func TestCanonicalJSONIsSQLites(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, filepath.Join(t.TempDir(), "k.db"), testclock.New(testclock.Start))
	odd := "Nguyễn \"Văn\" \\ An\b\t\n\f\r\x01\x1f\x7f ' / 🙂 Đắk Lắk"
	_, err := s.DB().Exec(`INSERT INTO devices (id, name, device_id, created_at, updated_at) VALUES ('d1', ?, 'x', 'a', 'b')`, odd)
	must(t, err)
	_, err = s.DB().Exec(`INSERT INTO participants (id, full_name, birth_year, consent_at, device_id, created_at, updated_at)
		VALUES ('p1', ?, 1950, NULL, 'x', 'a', 'b')`, odd)
	must(t, err)
	_, err = s.DB().Exec(`INSERT INTO attempts (id, participant_id, module_id, seed, state, started_at, device_id, created_at, updated_at)
		VALUES ('a1', 'p1', 'm', -9223372036854775807, 'in_progress', 'a', 'x', 'a', 'b')`)
	must(t, err)
	for _, name := range []string{"devices", "participants", "attempts"} {
		tb := tableNamed(name)
		got := map[string]string{}
		must(t, s.ReadHub(ctx, func(r results.HubReader) error {
			return r.Rows(name, nil, func(vals []any) error {
				got[vals[0].(string)] = string(canonicalJSON(nil, tb.Cols, vals))
				return nil
			})
		}))
		rows, err := s.DB().Query(`SELECT id, ` + results.HubJSON(tb, "") + ` FROM ` + name)
		must(t, err)
		for rows.Next() {
			var id, want string
			must(t, rows.Scan(&id, &want))
			if got[id] != want {
				t.Errorf("%s %s:\ngo:     %s\nsqlite: %s", name, id, got[id], want)
			}
		}
		must(t, rows.Err())
		rows.Close()
		if len(got) < 1 {
			t.Errorf("%s: no rows read", name)
		}
	}
}

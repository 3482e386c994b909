package hub

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"kynangso/internal/testclock"
)

// TestLaptopLoginLeastPrivilege tries, as a laptop's login, everything a
// laptop must not do, and checks that PostgreSQL refuses it.
func TestLaptopLoginLeastPrivilege(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := buildCommune3(t, t.TempDir())
	h := newTestHub(t)
	eatu := h.team(t, "Xã Ea Tu", "eatu1")
	eatu2 := h.team(t, "Xã Ea Tu", "eatu2")
	krong := h.team(t, "Xã Krông Búk", "krong1")
	paths := copyFiles(t, t.TempDir(), f.paths)
	syncAll(t, eatu, paths[:1])
	before := h.fingerprint(t)

	other := mustConnect(t, krong.DSN)
	denied := func(what, sql string, args ...any) {
		t.Helper()
		_, err := other.Exec(ctx, sql, args...)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "42501" {
			t.Errorf("%s: want permission denied (42501), got %v", what, err)
		}
	}
	for _, tbl := range []string{"participants", "attendance", "attempts", "answers", "participant_links", "merge_log"} {
		denied("delete "+tbl, `DELETE FROM kynangso.`+tbl)
		denied("truncate "+tbl, `TRUNCATE kynangso.`+tbl)
	}
	denied("read the teams", `SELECT * FROM kynangso.teams`)
	denied("drop a table", `DROP TABLE kynangso.answers`)
	denied("change the merge rules", `UPDATE kynangso.merge_rules SET beats = 'true'`)
	denied("merge a table directly", `SELECT kynangso.apply_erasures()`)

	// Another commune's rows are invisible: reads return nothing and
	// updates touch nothing.
	for _, tbl := range []string{"participants", "class_sessions", "attendance", "attempts", "answers", "participant_links"} {
		var n int
		must(t, other.QueryRow(ctx, `SELECT count(*) FROM kynangso.`+tbl).Scan(&n))
		if n != 0 {
			t.Errorf("a Krông Búk laptop reads %d rows of Ea Tu's %s", n, tbl)
		}
	}
	tag, err := other.Exec(ctx, `UPDATE kynangso.participants SET full_name = 'x'`)
	if err != nil || tag.RowsAffected() != 0 {
		t.Errorf("update another commune's people: %v rows, %v", tag.RowsAffected(), err)
	}
	// A row claimed for another team is refused.
	_, err = other.Exec(ctx, `INSERT INTO kynangso.devices (id, device_id, created_at, updated_at, team_id, commune_id)
		VALUES ('d', 'd', 'x', 'x', (SELECT min(team_id) FROM kynangso.participants), 1)`)
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "42501" {
		t.Errorf("insert a row for another team: want a row-level security refusal, got %v", err)
	}

	// A second team of the same commune reads its people (to find them at
	// check-in) but not the first team's classes and answers.
	same := mustConnect(t, eatu2.DSN)
	var people, answers int
	must(t, same.QueryRow(ctx, `SELECT (SELECT count(*) FROM kynangso.participants), (SELECT count(*) FROM kynangso.answers)`).Scan(&people, &answers))
	if people == 0 || answers != 0 {
		t.Errorf("a second Ea Tu team reads %d people (want all) and %d answers (want none)", people, answers)
	}

	// Sending another commune's records through a sync changes none of
	// them: the Krông Búk laptop holds a copy of A (a USB stick passed
	// between communes) with Lan renamed.
	s := openStore(t, paths[0], testclock.New(testclock.Start.AddDate(0, 1, 0)))
	lan, err := s.Participant(ctx, f.lan.ID)
	must(t, err)
	lan.FullName = "Tên bị sửa"
	must(t, s.UpdateParticipant(ctx, lan))
	must(t, s.DeleteParticipantData(ctx, f.hung.ID))
	res, err := Sync(ctx, s, krong, nil)
	must(t, err)
	if res.Tables["participants"].Refused == 0 {
		t.Errorf("sync of another commune's edits: nothing refused: %+v", res.Tables["participants"])
	}
	if got := h.fingerprint(t); got != before {
		t.Errorf("a Krông Búk laptop changed Ea Tu's records on the hub")
	}
	if res.Pulled != 0 {
		t.Errorf("a Krông Búk laptop pulled %d of Ea Tu's rows", res.Pulled)
	}

	// The province reads everything and writes nothing.
	prov := h.province(t)
	var n int
	must(t, prov.QueryRow(ctx, `SELECT count(*) FROM kynangso.answers`).Scan(&n))
	if n == 0 {
		t.Error("the province reads no answers")
	}
	if _, err := prov.Exec(ctx, `UPDATE kynangso.participants SET full_name = 'x'`); err == nil ||
		!strings.Contains(err.Error(), "permission denied") {
		t.Errorf("the province updated people: %v", err)
	}
	if _, err := prov.Exec(ctx, `SELECT kynangso.begin_push()`); err == nil {
		t.Error("the province's login may push")
	}
}

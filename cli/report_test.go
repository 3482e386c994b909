package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"kynangso/lessons"
	"kynangso/results"
)

// TestReportJSONEqualsSummaries runs `kynangso report --format json` on a
// demo database and checks that every number equals what the results
// package's summaries return for the same database and filter.
func TestReportJSONEqualsSummaries(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "demo.db")
	if _, err := results.Demo(ctx, db, results.DemoOptions{Participants: 400, Seed: 5}, nil); err != nil {
		t.Fatal(err)
	}
	pack, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s, err := results.Open(ctx, db, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	var village, from string
	if err := s.DB().QueryRow(`SELECT p.village, cs.date FROM attendance AS t
		JOIN participants AS p ON p.id = t.participant_id JOIN class_sessions AS cs ON cs.id = t.session_id
		WHERE p.village <> '' ORDER BY cs.date LIMIT 1 OFFSET 50`).Scan(&village, &from); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, tc := range []struct {
		name  string
		lang  string
		f     results.Filter
		flags []string
	}{
		{"all", "vi", results.Filter{}, nil},
		{"filtered-en", "en", results.Filter{Village: village, From: from},
			[]string{"--village", village, "--from", from}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--db", db, "--lang", tc.lang, "report", "--format", "json", "--with-phone"}, tc.flags...)
			var out, errOut bytes.Buffer
			if code := run(ctx, args, &out, &errOut); code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut.String())
			}
			var got reportData
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, out.String())
			}
			want := summariesOf(t, db, tc.f, results.NewCatalog(pack, tc.lang))
			if got.Class == nil || got.Class.Attendance.Total == 0 || len(got.Questions.Items) == 0 ||
				got.FollowUp.People == 0 {
				t.Fatalf("report is empty: %s", out.String())
			}
			if !reflect.DeepEqual(got, want) {
				g, _ := json.MarshalIndent(got, "", " ")
				w, _ := json.MarshalIndent(want, "", " ")
				t.Fatalf("report JSON differs from the summaries\ngot  %.2000s\nwant %.2000s", g, w)
			}
		})
	}
}

// summariesOf calls the summaries directly and returns them as the JSON
// output would decode (a round trip drops nothing the report prints).
func summariesOf(t *testing.T, db string, f results.Filter, cat results.Catalog) reportData {
	t.Helper()
	ctx := context.Background()
	s, err := results.Open(ctx, db, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.ClassSummary(ctx, f, cat)
	if err != nil {
		t.Fatal(err)
	}
	q, err := s.ItemAnalysis(ctx, f, cat)
	if err != nil {
		t.Fatal(err)
	}
	cov, err := s.Coverage(ctx, f, cat)
	if err != nil {
		t.Fatal(err)
	}
	fu, err := s.FollowUp(ctx, f, cat, true)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(reportData{Class: &c, Questions: &q, Coverage: &cov, FollowUp: &fu})
	if err != nil {
		t.Fatal(err)
	}
	var d reportData
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

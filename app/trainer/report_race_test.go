package trainer

import (
	"testing"

	"kynangso/results"
)

// Two loads of a report page race when the trainer changes the filter
// twice quickly: the answer for the older filter can arrive last. Every
// report page must show only the answer to its latest request, so the
// filter named at the top is the one the data is for (issue 20).
func TestReportPagesTakeOnlyTheLatestAnswer(t *testing.T) {
	cases := []struct {
		name string
		act  homeAction
		a, b results.Filter
		min  int // follow-up overview threshold; 0 keeps the default
	}{
		{"summary", actSummary, results.Filter{Village: "Buôn Đôn"}, results.Filter{Village: "Thôn 4"}, 0},
		{"items", actItems, results.Filter{Village: "Buôn Đôn"}, results.Filter{Village: "Thôn 4"}, 0},
		{"coverage", actCoverage, results.Filter{Village: "Buôn Đôn"}, results.Filter{Village: "Thôn 4"}, 0},
		{"follow-up", actFollowUp, results.Filter{Village: "Buôn Đôn"}, results.Filter{Village: "Thôn 4"}, 0},
		{"follow-up overview", actFollowUp, results.Filter{}, results.Filter{Village: "Buôn Đôn"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.min > 0 {
				lowerOverviewMin(t, c.min)
			}
			e := newTrainerEnv(t, 80, 24)
			e.SetPIN("2468")
			seedClass(t, e.Store)
			e.Open(80, 24)
			e.unlock("2468")
			e.pick(c.act)
			p := e.reportTop()
			// What each filter shows when it loads alone.
			shown := func(f results.Filter) string {
				_, cmd := p.Update(filterChosenMsg{filter: f})
				e.Run(cmd)
				return e.Screen()
			}
			wantA, wantB := shown(c.a), shown(c.b)
			if wantA == wantB {
				t.Fatalf("the two filters show the same page; the test cannot tell them apart:\n%s", wantA)
			}
			// The race: A asked, then B asked, B answers, then A answers.
			_, loadA := p.Update(filterChosenMsg{filter: c.a})
			_, loadB := p.Update(filterChosenMsg{filter: c.b})
			answerA, answerB := await(e.T, loadA), await(e.T, loadB)
			e.Press(answerB, answerA)
			if got := e.Screen(); got != wantB {
				t.Fatalf("after the older answer came last the page shows:\n%s\nwant (filter B alone):\n%s", got, wantB)
			}
		})
	}
}

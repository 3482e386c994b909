package flow_test

import (
	"testing"

	"kynangso/flow"
	"kynangso/results"
)

func TestStatusOf(t *testing.T) {
	prog := map[string]results.LessonProgress{"a": {LastPage: 2, PageCount: 5}}
	tests := []struct {
		name string
		atts []results.Attempt
		want flow.StatusKind
	}{
		{"reading", nil, flow.StatusReading},
		{"in progress wins", []results.Attempt{{ModuleID: "a", State: results.StateInProgress}, {ModuleID: "a", State: results.StateFinished, Passed: true}}, flow.StatusInProgress},
		{"passed once stays passed", []results.Attempt{{ModuleID: "a", State: results.StateFinished, Score: 2, MaxScore: 10}, {ModuleID: "a", State: results.StateFinished, Passed: true, Score: 8, MaxScore: 10}}, flow.StatusPassed},
		{"failed", []results.Attempt{{ModuleID: "a", State: results.StateFinished, Score: 2, MaxScore: 10}}, flow.StatusFailed},
		{"other module ignored", []results.Attempt{{ModuleID: "b", State: results.StateInProgress}}, flow.StatusReading},
	}
	for _, tt := range tests {
		if got := flow.StatusOf("a", prog, tt.atts); got.Kind != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got.Kind, tt.want)
		}
	}
	if got := flow.StatusOf("z", nil, nil); got.Kind != flow.StatusNew {
		t.Errorf("untouched module: %v", got.Kind)
	}
}

package trainer

import "kynangso/app/ui"

// The strings of the person's review queue in their history (issue 14),
// kept in their own table so they merge apart from the others'.
func init() { ui.AddStrings(reviewStrings) }

var reviewStrings = map[string]ui.Entry{
	"tr.hist.review":     {"Ôn lại câu chưa đúng: %d câu đang chờ", "Review of missed questions: %d waiting"},
	"tr.hist.reviewnone": {"Ôn lại câu chưa đúng: không còn câu nào chờ", "Review of missed questions: none waiting"},
	"tr.hist.reviewed":   {"đã ôn %d lần, đúng %d", "reviewed %d times, right %d"},
	"tr.hist.learnt":     {"đã nhớ", "learnt"},
}

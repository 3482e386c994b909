package trainer

import "kynangso/app/ui"

func init() { ui.AddStrings(polish18Strings) }

// polish18Strings are the trainer's texts added with the class-run polish
// (issue 18): not tried is not failed, and the item analysis of
// choose-all questions.
var polish18Strings = map[string]ui.Entry{
	"tr.fu.notbegun":   {"chưa học: %s", "not studied: %s"},
	"tr.hist.failed":   {"chưa đạt", "not passed"},
	"tr.hist.readonly": {"đã đọc bài, chưa làm bài kiểm tra", "lesson read, quiz not taken yet"},
	"tr.hist.notbegun": {"chưa học", "not studied"},
	"tr.items.set":     {"Hay gặp: %s (%s lần)", "Most common: %s (%s times)"},
	"tr.items.choice":  {"%s: chọn %s/%s", "%s: ticked %s/%s"},
	"tr.sum.nottried":  {"chưa học", "not studied"},
}

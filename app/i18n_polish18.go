package app

import "kynangso/app/ui"

func init() { ui.AddStrings(polish18Strings) }

// polish18Strings are the participant screens' texts added with the
// class-run polish (issue 18): the menu's lessons of the day, the
// foundation module's note, carrying on, and the result screen's rule.
var polish18Strings = map[string]ui.Entry{
	"app.guestshort":   {"Khách", "Guest"},
	"consent.key1":     {"đồng ý", "agree"},
	"consent.key2":     {"không đồng ý", "do not agree"},
	"lesson.doneenter": {"Bấm Enter để làm bài kiểm tra ngay, hoặc bấm 2 để về danh sách bài.", "Press Enter to take the quiz now, or 2 to go back to the lessons."},
	"quiz.answerlist":  {"Các đáp án đúng:", "Right answers:"},
	"result.rightlist": {"→ Các đáp án đúng:", "→ Right answers:"},
	"menu.today":       {"Bài hôm nay", "Today's lesson"},
	"menu.foundation":  {"dành cho người mới dùng điện thoại", "for people new to smartphones"},
	"menu.resume":      {"Tiếp tục bài đang làm dở: bấm Enter.", "Carry on where you stopped: press Enter."},
}

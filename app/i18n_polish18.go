package app

import "kynangso/app/ui"

func init() { ui.AddStrings(polish18Strings) }

// polish18Strings are the participant screens' texts added with the
// class-run polish (issue 18): the menu's lessons of the day, the
// foundation module's note, carrying on, and the result screen's rule.
var polish18Strings = map[string]ui.Entry{
	"app.guestshort":  {"Khách", "Guest"},
	"menu.today":      {"Bài hôm nay", "Today's lesson"},
	"menu.foundation": {"dành cho người mới dùng điện thoại", "for people new to smartphones"},
	"menu.resume":     {"Tiếp tục bài đang làm dở: bấm Enter.", "Carry on where you stopped: press Enter."},
}

package app

import "kynangso/app/ui"

func init() { ui.AddStrings(visitStartStrings) }

// visitStartStrings are the texts of how a visit starts and ends on a
// shared laptop: trying without a name, the same person registering
// again, and the countdown before an untouched screen goes back to the
// welcome screen.
var visitStartStrings = map[string]ui.Entry{
	"checkin.walkin":     {"Học thử, không lưu tên", "Just try it, keep no name"},
	"checkin.walkinhint": {"Không cần gõ gì; kết quả không ghi tên bạn.", "Nothing to type; results are kept without your name."},

	"register.sameq":    {"Có phải bạn là %s?", "Are you %s?"},
	"register.samebody": {"Máy đã có một người cùng họ tên, năm sinh và thôn, buôn. Nếu đúng là bạn, bấm 1: bạn học tiếp từ chỗ đã dừng. Nếu bạn là người khác, bấm 2 để đăng ký mới.", "Someone with the same name, birth year and village is already registered. If that is you, press 1 and carry on where you stopped. If you are someone else, press 2 to register."},
	"register.sameyes":  {"Đúng, là tôi", "Yes, that is me"},
	"register.sameno":   {"Không, tôi là người khác", "No, I am someone else"},
	"register.looking":  {"Đang kiểm tra…", "Checking…"},

	"idle.title": {"Bạn còn đó không?", "Are you still there?"},
	"idle.body":  {"Bấm phím bất kỳ để học tiếp. Nếu không, sau %d giây máy sẽ về màn hình chào cho người sau. Mọi kết quả đã được lưu.", "Press any key to carry on. Otherwise, in %d seconds the laptop goes back to the welcome screen for the next person. Everything is saved."},
}

package ui

import "fmt"

// Languages the interface offers, default first.
const (
	LangVI = "vi"
	LangEN = "en"
)

// Catalog looks up UI strings in one language. Every string the TUI shows
// lives in the strings table below, in Vietnamese and English; a missing key
// shows as the key itself so it is caught by tests, never as a blank.
type Catalog struct {
	Lang string
}

// NewCatalog returns the catalog for lang, falling back to Vietnamese.
func NewCatalog(lang string) Catalog {
	if lang != LangEN {
		lang = LangVI
	}
	return Catalog{Lang: lang}
}

// T returns the string for key in the catalog's language.
func (c Catalog) T(key string) string {
	e, ok := uiStrings[key]
	if !ok {
		return key
	}
	if c.Lang == LangEN {
		return e[1]
	}
	return e[0]
}

// F formats the string for key with args, like fmt.Sprintf.
func (c Catalog) F(key string, args ...any) string {
	return fmt.Sprintf(c.T(key), args...)
}

// Entry is one string in both languages: Vietnamese, then English.
type Entry [2]string

// uiStrings is the whole interface text. Keep Vietnamese plain and short:
// many readers are elderly and new to computers.
// strings is the whole interface text, in one table every lookup goes to.
// This package holds what every part of the TUI shows (the app's name, key
// help, the registration fields and their problems); the participant
// screens (package app) and the trainer's area (package trainer) add their
// own with AddStrings. Keep Vietnamese plain and short: many readers are
// elderly and new to computers.
var uiStrings = map[string]Entry{
	"app.name":  {"Kỹ năng số", "Digital skills"},
	"app.class": {"Lớp: %s", "Class: %s"},
	"app.guest": {"Khách (không lưu tên)", "Guest (no name kept)"},

	"key.up":       {"lên", "up"},
	"key.down":     {"xuống", "down"},
	"key.prev":     {"trước", "previous"},
	"key.next":     {"sau", "next"},
	"key.pageup":   {"trang trước", "previous page"},
	"key.pagedown": {"trang sau", "next page"},
	"key.enter":    {"chọn", "choose"},
	"key.back":     {"quay lại", "back"},
	"key.tab":      {"ô sau", "next field"},
	"key.shifttab": {"ô trước", "previous field"},
	"key.toggle":   {"đánh dấu", "tick"},
	"key.choose":   {"chọn", "choose"},
	"key.quiz":     {"làm bài kiểm tra", "take the quiz"},
	"key.lang":     {"English", "Tiếng Việt"},
	"key.trainer":  {"tập huấn viên", "trainer"},
	"key.scroll":   {"cuộn", "scroll"},

	"help.start":    {"bắt đầu", "start"},
	"help.answer":   {"trả lời", "answer"},
	"help.continue": {"tiếp tục", "continue"},
	"help.retry":    {"thử lưu lại", "try saving again"},
	"help.menu":     {"về danh sách bài", "back to lessons"},
	"help.cancel":   {"không", "no"},
	"help.finish":   {"kết thúc lượt", "finish"},
	"help.more":     {"↓ Còn nữa, bấm ↓ để xem tiếp", "↓ More below, press ↓ to read on"},
	"help.above":    {"↑ Phía trên còn nữa", "↑ More above"},

	"register.title":     {"Đăng ký người học mới", "Register a new learner"},
	"register.name":      {"Họ và tên", "Full name"},
	"register.year":      {"Năm sinh", "Birth year"},
	"register.gender":    {"Giới tính", "Gender"},
	"register.village":   {"Thôn, buôn", "Village"},
	"register.household": {"Hộ gia đình", "Household"},
	"register.phone":     {"Điện thoại", "Phone"},
	"register.optional":  {"(không bắt buộc)", "(optional)"},
	"register.g.unset":   {"Không nói", "Prefer not to say"},
	"register.g.male":    {"Nam", "Male"},
	"register.g.female":  {"Nữ", "Female"},
	"register.g.other":   {"Khác", "Other"},
	"register.v.other":   {"Thôn khác (gõ tên)", "Other (type it)"},
	"register.hh.ph":     {"(số nhà hoặc tên chủ hộ, không bắt buộc)", "(house number or head of household, optional)"},
	"register.year.ph":   {"ví dụ: 1960", "e.g. 1960"},
	"register.leaveq":    {"Bỏ những gì đã gõ?", "Discard what you typed?"},
	"register.leavebody": {"Bấm 1 để bỏ và quay lại tìm tên. Bấm 2 để ở lại và gõ tiếp.", "Press 1 to discard it and go back to the search. Press 2 to stay and carry on."},
	"register.next":      {"Tiếp tục", "Continue"},
	"register.pick":      {"←/→ để chọn", "←/→ to choose"},
	"register.fix":       {"Xin sửa các ô có dấu ✗ rồi bấm Tiếp tục.", "Please fix the fields marked ✗, then press Continue."},
	"err.name.empty":     {"Xin gõ họ và tên.", "Please type your full name."},
	"err.year.empty":     {"Xin gõ năm sinh, ví dụ 1960.", "Please type your birth year, for example 1960."},
	"err.year.digits":    {"Năm sinh gồm 4 chữ số, ví dụ 1960.", "A birth year has 4 digits, for example 1960."},
	"err.year.range":     {"Năm sinh phải từ %d đến %d.", "The birth year must be between %d and %d."},
	"err.village.empty":  {"Xin chọn hoặc gõ tên thôn, buôn.", "Please choose or type your village."},

	"yes": {"Có", "Yes"},
	"no":  {"Không", "No"},

	"err.generic": {"Có lỗi: %s", "Something went wrong: %s"},
}

// AddStrings adds a part's strings to the catalog; a key defined twice is a
// programming error, caught at start-up.
func AddStrings(table map[string]Entry) {
	for k, v := range table {
		if _, dup := uiStrings[k]; dup {
			panic("i18n: string " + k + " is defined twice")
		}
		uiStrings[k] = v
	}
}

// Lookup returns the entry for key, for tests that check every key used
// exists in both languages.
func Lookup(key string) (Entry, bool) {
	e, ok := uiStrings[key]
	return e, ok
}

// Keys lists every key in the catalog.
func Keys() []string {
	out := make([]string, 0, len(uiStrings))
	for k := range uiStrings {
		out = append(out, k)
	}
	return out
}

package trainer

import "kynangso/app/ui"

func init() { ui.AddStrings(safetyStrings) }

// safetyStrings are the trainer's texts of a shared laptop's safety: the
// PIN nobody else can set, the erasure that finishes by itself, and the
// laptop's name.
var safetyStrings = map[string]ui.Entry{
	"tr.pin.trivial":    {"Mã PIN này dễ đoán quá: không dùng một số lặp lại (1111), dãy số liền nhau (1234, 9876), một cặp số lặp lại (1212) hay một năm (1975, 2026). Hãy chọn mã khác mà chỉ tập huấn viên biết, ví dụ 4 đến 8 chữ số không theo thứ tự nào.", "This PIN is too easy to guess: no digit repeated (1111), no run (1234, 9876), no repeated pair (1212) and no year (1975, 2026). Choose another one only trainers know, e.g. 4 to 8 digits in no particular order."},
	"tr.pin.hint":       {"Không dùng 1111, 1234, 1212 hay năm sinh: người học cũng đoán được.", "Not 1111, 1234, 1212 or a birth year: learners could guess it."},
	"tr.pin.mustcreate": {"Cần tạo mã PIN trước khi cho người học dùng máy: không có mã, ai cũng vào được khu vực này.", "Create the PIN before learners use the laptop: without it, anyone can open this area."},
	"tr.pin.none":       {"Máy này chưa có mã PIN của tập huấn viên, nên khu vực này chưa mở được. Tập huấn viên tạo mã bằng lệnh kynangso trainer set-pin (trong cửa sổ lệnh), rồi bấm t lại. Bấm Esc để về màn hình chào.", "This laptop has no trainer PIN yet, so this area cannot open. A trainer creates one with the command kynangso trainer set-pin (in a command window), then presses t again. Press Esc to go back to the welcome screen."},
	"tr.pin.failures":   {"Chú ý: có %d lần nhập sai mã PIN kể từ lần vào trước.", "Note: the PIN was typed wrong %d time(s) since the last time you came in."},

	"tr.people.erasing": {"Đã xóa khỏi danh sách. Việc xóa hẳn khỏi máy sẽ tự xong khi máy làm xong việc đang dở.", "Removed from the list. Removing it from the laptop for good finishes by itself once the work in progress is done."},

	"tr.where.name":     {"Tên máy:", "Laptop name:"},
	"tr.where.noname":   {"(chưa đặt tên; bấm n để đặt, ví dụ \"Máy tổ 3, xã Ea Tu\")", "(not named yet; press n to name it, e.g. \"Team 3 laptop, Ea Tu\")"},
	"tr.where.namehint": {"Tên máy hiện trong kết quả gộp từ nhiều máy, để biết kết quả nào từ máy nào.", "The name shows in results merged from several laptops, so you know which laptop each came from."},
	"tr.where.pending":  {"Có %d yêu cầu xóa dữ liệu đang chờ xóa hẳn khỏi tệp; máy tự làm xong khi hết việc đang dở.", "%d erasure(s) are still waiting to leave the file; the laptop finishes them by itself once the work in progress is done."},
	"tr.where.readerr":  {"Chưa đọc được tên máy. Xin thử lại sau ít phút.", "Could not read the laptop name. Please try again in a moment."},
	"tr.where.rename":   {"đặt tên máy", "name the laptop"},
	"tr.name.title":     {"Đặt tên cho máy này", "Name this laptop"},
	"tr.name.field":     {"Tên máy", "Laptop name"},
	"tr.name.ph":        {"ví dụ: Máy tổ 3, xã Ea Tu", "e.g. Team 3 laptop, Ea Tu"},
	"tr.name.save":      {"Lưu tên", "Save the name"},
	"tr.name.empty":     {"Xin gõ tên máy, ví dụ \"Máy tổ 3, xã Ea Tu\".", "Please type a name, e.g. \"Team 3 laptop, Ea Tu\"."},
	"tr.name.long":      {"Tên máy dài %d chữ; tối đa %d. Xin đặt tên ngắn hơn.", "The name is %d characters long; %d at most. Please use a shorter one."},
	"tr.name.saveerr":   {"Chưa lưu được tên máy. Xin thử lại; nếu vẫn lỗi, kiểm tra ổ đĩa còn chỗ trống.", "Could not save the name. Try again; if it keeps failing, check the disk has free space."},
}

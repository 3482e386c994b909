package trainer

import "kynangso/app/ui"

// The strings of the phone page and the dashboard's seats (issue 15), kept
// in their own table so they merge apart from the others'.
func init() { ui.AddStrings(webStrings) }

var webStrings = map[string]ui.Entry{
	"tr.col.seat":           {"Ngồi ở", "Seat"},
	"tr.dash.laptop":        {"máy tính", "laptop"},
	"tr.dash.phone":         {"điện thoại", "phone"},
	"tr.dash.left":          {"đã về %s", "left %s"},
	"tr.home.phones":        {"Mở lớp trên điện thoại", "Open the class on phones"},
	"tr.home.phoneson":      {"Lớp trên điện thoại (đang mở)", "Class on phones (running)"},
	"tr.home.phonesnoclass": {"Lớp trên điện thoại cần một lớp đang mở. Chọn 1 để mở lớp.", "The class on phones needs an open class. Choose 1 to open one."},

	"tr.phones.title":    {"Lớp trên điện thoại", "Class on phones"},
	"tr.phones.starting": {"Đang mở lớp trên điện thoại…", "Starting the class on phones…"},
	"tr.phones.scan":     {"Quét mã QR bằng máy ảnh hoặc Zalo.", "Scan the QR code with the camera or Zalo."},
	"tr.phones.or":       {"Hoặc gõ vào trình duyệt:", "Or type in the browser:"},
	"tr.phones.code":     {"Mã lớp:", "Class code:"},
	"tr.phones.count":    {"Điện thoại đang học: %d", "Phones learning: %d"},
	"tr.phones.wifi":     {"Điện thoại phải vào cùng mạng wifi với máy tính.", "Phones must be on the same Wi-Fi as the laptop."},
	"tr.phones.stop":     {"dừng", "stop"},
	"tr.phones.stopq":    {"Dừng lớp trên điện thoại?", "Stop the class on phones?"},
	"tr.phones.stopbody": {"Điện thoại đang mở trang sẽ thấy: lớp trên điện thoại đã đóng. Câu trả lời đã lưu vẫn an toàn. Bấm 1 để dừng, 2 để tiếp tục.", "Phones with the page open will see that the class on phones has closed. Saved answers stay safe. Press 1 to stop, 2 to carry on."},
	"tr.phones.stopped":  {"Đã dừng lớp trên điện thoại. Điện thoại nào mở trang trong khoảng một phút tới sẽ thấy thông báo lớp đã đóng.", "The class on phones has stopped. Phones that open the page in the next minute see that the class has closed."},
	"tr.phones.restart":  {"mở lại", "start again"},
	"tr.phones.none":     {"Lần chạy này của ứng dụng không mở được lớp trên điện thoại. Hãy mở lại ứng dụng.", "This run of the app cannot serve phones. Please restart the app."},
	"tr.phones.nonet":    {"Máy tính chưa vào mạng wifi nào. Hãy bật điểm phát wifi trên điện thoại của tập huấn viên (hoặc bật bộ phát wifi), cho máy tính vào mạng đó, rồi bấm r để thử lại.", "The laptop is not on any Wi-Fi. Turn on the hotspot of the trainer's phone (or a pocket Wi-Fi router), join the laptop to it, then press r to try again."},
	"tr.phones.err":      {"Chưa mở được lớp trên điện thoại. Bấm r để thử lại; nếu vẫn lỗi, đóng và mở lại ứng dụng.", "Could not start the class on phones. Press r to try again; if it keeps failing, restart the app."},
	"tr.phones.keep":     {"Esc về menu: lớp trên điện thoại vẫn chạy.", "Esc goes back to the menu: the class on phones keeps running."},
}

package web

import (
	"kynangso/app/ui"

	// The participant's screens register their strings (the consent text,
	// the module statuses, the quiz and result words) in the one catalog;
	// the phone pages show the very same words, so the consent a person
	// gives on a phone is the consent of the laptop, word for word.
	_ "kynangso/app"
)

func init() { ui.AddStrings(webStrings) }

// webStrings are the phone pages' own texts: where the laptop says "press
// Enter", a phone says "tap". Keys start with "web.".
var webStrings = map[string]ui.Entry{
	"web.footer":       {"Kết quả của bạn được lưu trên máy tính của lớp. Khi lớp trên điện thoại đóng, trang này sẽ báo.", "Your results are kept on the class laptop. When the class on the phone closes, this page says so."},
	"web.join.title":   {"Vào lớp học", "Join the class"},
	"web.join.intro":   {"Gõ mã lớp gồm 6 chữ số mà tập huấn viên cho xem trên màn hình máy tính.", "Type the 6-digit class code the trainer shows on the laptop screen."},
	"web.join.qr":      {"Lần sau: mở máy ảnh hoặc Zalo, quét mã QR trên màn hình máy tính là vào ngay. Quét mã QR cũng là kỹ năng đầu tiên của bài Thanh toán trực tuyến.", "Next time: open the camera or Zalo and scan the QR code on the laptop screen to come straight in. Scanning a QR code is also the first skill of the online payment lesson."},
	"web.join.code":    {"Mã lớp", "Class code"},
	"web.join.go":      {"Vào lớp", "Join"},
	"web.join.wrong":   {"Mã lớp chưa đúng. Xin xem lại 6 chữ số trên màn hình máy tính rồi gõ lại.", "That class code is not right. Please look at the 6 digits on the laptop screen and type them again."},
	"web.join.wait":    {"Đã gõ sai nhiều lần. Xin đợi %s rồi thử lại, hoặc quét mã QR trên màn hình máy tính.", "Too many wrong codes. Please wait %s and try again, or scan the QR code on the laptop screen."},
	"web.wait.m":       {"%d phút", "%d min"},
	"web.wait.s":       {"%d giây", "%d s"},
	"web.join.scanned": {"Đã vào lớp %s.", "You have joined %s."},

	"web.search.go":    {"Tìm", "Search"},
	"web.search.pick":  {"Chạm vào tên của bạn:", "Tap your name:"},
	"web.search.new":   {"Tôi chưa có tên ở đây: đăng ký mới", "My name is not here: register"},
	"web.search.stale": {"Danh sách tên đã cũ. Xin tìm lại tên của bạn.", "That list of names is out of date. Please search for your name again."},

	"web.register.go":    {"Tiếp tục", "Continue"},
	"web.consent.choose": {"Bạn hãy chọn một trong hai nút dưới đây.", "Please choose one of the two buttons below."},

	"web.menu.pick":    {"Chạm vào bài bạn muốn học:", "Tap the lesson you want:"},
	"web.menu.finish":  {"Học xong, kết thúc lượt", "I'm done: finish"},
	"web.menu.resumed": {"Tiếp tục bài đang làm dở.", "Carrying on with your unfinished quiz."},

	"web.lesson.menu": {"Về danh sách bài", "Back to lessons"},
	"web.lesson.end":  {"Hết bài →", "End of lesson →"},

	"web.quiz.single":    {"Chạm vào một đáp án, rồi chạm nút Trả lời.", "Tap one answer, then tap Answer."},
	"web.quiz.multi":     {"Chạm vào tất cả các đáp án đúng, rồi chạm nút Trả lời.", "Tap every right answer, then tap Answer."},
	"web.quiz.leave":     {"Tạm dừng, về danh sách bài", "Pause, back to lessons"},
	"web.quiz.yours":     {"Bạn chọn: %s", "You chose: %s"},
	"web.quiz.next":      {"Câu sau →", "Next question →"},
	"web.quiz.result":    {"Xem kết quả →", "See your result →"},
	"web.quiz.already":   {"Câu này bạn đã trả lời rồi; câu trả lời đầu tiên được giữ.", "You had already answered this question; your first answer is kept."},
	"web.quiz.badchoice": {"Đáp án đó không có trong câu hỏi. Xin chọn lại.", "That answer is not one of the choices. Please choose again."},
	"web.quiz.onlyone":   {"Câu này chỉ chọn một đáp án.", "This question takes one answer only."},

	"web.result.again": {"Làm lại", "Try again"},

	"web.thanks.next": {"Người khác dùng điện thoại này: bắt đầu", "Someone else uses this phone: start"},

	"web.closed":       {"Lớp học trên điện thoại đã đóng. Cảm ơn bạn! Mọi câu trả lời đã được lưu trước đó vẫn an toàn. Muốn học tiếp, xin hỏi tập huấn viên.", "The class on the phone has closed. Thank you! Every answer saved before is safe. To carry on, please ask the trainer."},
	"web.err.csrf":     {"Trang này đã cũ. Xin mở lại trang chủ của lớp rồi làm tiếp; không có gì bị mất.", "This page is out of date. Please open the class's first page again and carry on; nothing is lost."},
	"web.err.notfound": {"Không có trang này. Xin về trang đầu của lớp.", "There is no such page. Please go back to the class's first page."},
	"web.err.notyours": {"Trang này không phải của bạn. Xin về danh sách bài của bạn.", "This page is not yours. Please go back to your lessons."},
	"web.err.save":     {"Chưa lưu được. Xin chạm lại nút vừa chạm; nếu vẫn lỗi, báo tập huấn viên. Không có gì bị mất.", "Could not save. Please tap the same button again; if it keeps failing, tell the trainer. Nothing is lost."},
	"web.err.big":      {"Nội dung gửi quá dài. Xin gõ ngắn hơn.", "What was sent is too long. Please type less."},
	"web.err.join":     {"Xin vào lớp trước: gõ mã lớp hoặc quét mã QR.", "Please join the class first: type the class code or scan the QR code."},
	"web.home":         {"Về trang đầu", "Back to the first page"},
	"web.back":         {"Quay lại", "Back"},

	"web.lop.err":     {"Chưa đọc được số liệu của lớp. Trang sẽ thử lại.", "Could not read the class figures. The page will try again."},
	"web.lop.title":   {"Lớp học hôm nay", "Today's class"},
	"web.lop.in":      {"Đã điểm danh", "Checked in"},
	"web.lop.phones":  {"Đang học trên điện thoại", "Learning on a phone"},
	"web.lop.passed":  {"Bài đã đạt", "Lessons passed"},
	"web.lop.hard":    {"Câu nhiều người chọn sai nhất", "The question most people got wrong"},
	"web.lop.hardpct": {"%d trong %d lần trả lời chưa đúng", "%d of %d answers were wrong"},
	"web.lop.nohard":  {"Chưa đủ câu trả lời để biết.", "Not enough answers yet to tell."},
	"web.lop.code":    {"Mã lớp: %s", "Class code: %s"},
	"web.lop.refresh": {"Trang tự làm mới mỗi 15 giây. Không hiện tên ai.", "This page refreshes itself every 15 seconds. It shows no one's name."},
	"web.lop.join":    {"Trang chiếu lên màn hình lớn: gõ mã lớp.", "The page for the big screen: type the class code."},
}

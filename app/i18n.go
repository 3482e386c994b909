package app

import "kynangso/app/ui"

func init() { ui.AddStrings(participantStrings) }

// participantStrings are the texts of the participant's screens. Keep
// Vietnamese plain and short: many readers are elderly and new to
// computers.
var participantStrings = map[string]ui.Entry{
	"welcome.title":    {"Chào mừng bạn đến lớp kỹ năng số!", "Welcome to the digital skills class!"},
	"welcome.sub":      {"Học cách dùng điện thoại an toàn, dễ dàng.", "Learn to use your phone safely and easily."},
	"welcome.class":    {"Lớp hôm nay: %s", "Today's class: %s"},
	"welcome.place":    {"Nơi học: %s", "Place: %s"},
	"welcome.noclass":  {"Hôm nay chưa mở lớp. Bạn vẫn học được bình thường.", "No class is open today. You can still learn as usual."},
	"welcome.start":    {"Bắt đầu", "Start"},
	"welcome.press":    {"Bấm Enter (phím xuống dòng) để bắt đầu.", "Press Enter to start."},
	"welcome.lang":     {"Ngôn ngữ:", "Language:"},
	"welcome.classerr": {"Chưa đọc được thông tin lớp học. Bạn vẫn học được; báo tập huấn viên nếu lỗi còn.", "Could not read the class details. You can still learn; tell the trainer if this stays."},

	"checkin.title":     {"Tìm tên của bạn", "Find your name"},
	"checkin.prompt":    {"Gõ một phần họ tên (không cần dấu):", "Type part of your name (accents optional):"},
	"checkin.hint":      {"Gõ ít nhất 2 chữ, ví dụ \"lan\" để tìm \"Nguyễn Thị Lan\".", "Type at least 2 letters, e.g. \"lan\" finds \"Nguyễn Thị Lan\"."},
	"checkin.more":      {"Gõ thêm chữ nữa: tên chỉ hiện khi đã gõ ít nhất 2 chữ, để giữ kín tên mọi người.", "Type more: names show only after at least 2 letters, to keep everyone's name private."},
	"checkin.none":      {"Chưa thấy tên nào khớp. Bạn có thể đăng ký mới, hoặc học thử không lưu tên.", "No name matches yet. You can register as new, or just try it without a name."},
	"checkin.new":       {"+ Tôi chưa có tên ở đây: đăng ký mới", "+ My name is not here: register"},
	"checkin.born":      {"sinh %d", "born %d"},
	"checkin.searcherr": {"Chưa tìm được. Bấm Enter để thử lại, hoặc báo tập huấn viên.", "The search did not work. Press Enter to try again, or tell the trainer."},
	"checkin.saveerr":   {"Chưa ghi danh được. Bấm Enter để thử lại, hoặc báo tập huấn viên.", "Could not check you in. Press Enter to try again, or tell the trainer."},
	"checkin.working":   {"Đang ghi danh…", "Checking you in…"},

	"consent.title": {"Đồng ý lưu thông tin", "Agreeing to keep your details"},
	"consent.body": {
		"Lưu gì: họ tên, năm sinh, thôn buôn; nếu bạn muốn cho thì thêm giới tính, hộ gia đình, số điện thoại; ngày bạn đến lớp và kết quả bài học, bài kiểm tra.\n\n" +
			"Để làm gì: để lần sau bạn học tiếp được, và để Tổ công nghệ số cộng đồng biết ai cần giúp thêm, nhà nào cần đến thăm.\n\n" +
			"Ai được xem: tập huấn viên của Tổ công nghệ số cộng đồng (họ gộp kết quả từ các máy của Tổ). Danh sách điểm danh và kết quả (họ tên, năm sinh, giới tính, thôn, hộ, ngày đến lớp, kết quả) được gửi Ủy ban nhân dân xã để báo cáo. Số điện thoại chỉ gửi khi xã cần. Ngoài ra không ai khác; không đăng lên mạng.\n\n" +
			"Lưu bao lâu: cho đến khi bạn xin xóa.\n\n" +
			"Muốn sửa hoặc xóa: bất cứ lúc nào, bạn nói với tập huấn viên, họ sẽ sửa hoặc xóa thông tin của bạn (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, từ 1/1/2026).\n\n" +
			"Không đồng ý cũng được: bạn vẫn học và làm bài bình thường; kết quả được lưu nhưng không có tên.",
		"What is kept: your full name, birth year and village; if you wish, your gender, household and phone number; the days you came to class and the results of your lessons and quizzes.\n\n" +
			"Why: so you can carry on next time, and so the community digital technology team knows who needs more help and which homes to visit.\n\n" +
			"Who sees it: the trainers of the community digital technology team (they put together the results from the team's laptops). The attendance sheet and results (name, birth year, gender, village, household, days in class, results) go to the commune People's Committee (UBND xã) for its report. Your phone number goes only if the commune asks for it. Nobody else sees it; nothing is posted online.\n\n" +
			"How long: until you ask for it to be deleted.\n\n" +
			"To correct or delete it: at any time, tell the trainer and they will correct or delete your details (Personal Data Protection Law 91/2025/QH15, in force from 1 January 2026).\n\n" +
			"You may say no: you can still learn and take quizzes; results are kept without your name."},
	"consent.agree":   {"Đồng ý", "I agree"},
	"consent.decline": {"Không đồng ý", "I do not agree"},
	"consent.saving":  {"Đang lưu…", "Saving…"},
	"consent.choose":  {"Bạn hãy chọn: bấm 1 nếu đồng ý, bấm 2 nếu không đồng ý.", "Please choose: press 1 to agree, 2 not to agree."},
	"consent.err":     {"Chưa lưu được. Bấm Enter để thử lại, hoặc báo tập huấn viên. Thông tin bạn gõ vẫn còn.", "Could not save. Press Enter to try again, or tell the trainer. What you typed is kept."},

	"menu.title":       {"Chọn bài học", "Choose a lesson"},
	"menu.hello":       {"Xin chào %s!", "Hello %s!"},
	"menu.helloguest":  {"Xin chào!", "Hello!"},
	"menu.finish":      {"Học xong, kết thúc lượt", "I'm done: finish"},
	"menu.loaderr":     {"Chưa đọc được kết quả cũ. Bà con vẫn học được; báo tập huấn viên nếu lỗi còn.", "Could not read earlier results. You can still learn; tell the trainer if this stays."},
	"menu.empty":       {"Chưa có bài học nào. Xin báo tập huấn viên.", "There are no lessons yet. Please tell the trainer."},
	"status.new":       {"Chưa học", "Not started"},
	"status.reading":   {"Đang đọc (trang %d/%d)", "Reading (page %d/%d)"},
	"status.read":      {"Đã đọc bài", "Lesson read"},
	"status.passed":    {"✓ Đạt %d/%d", "✓ Passed %d/%d"},
	"status.failed":    {"Chưa đạt (%d/%d), thử lại nhé", "Not passed yet (%d/%d)"},
	"status.progress":  {"Đang làm bài kiểm tra", "Quiz in progress"},
	"menu.enterquiz":   {"làm tiếp bài kiểm tra", "continue the quiz"},
	"menu.enterresume": {"đọc tiếp", "continue reading"},
	"menu.enterhelp":   {"đọc bài", "read lesson"},
	"menu.quitq":       {"Kết thúc lượt học của bạn?", "Finish your turn?"},
	"menu.quitbody":    {"Kết quả đã được lưu. Người sau sẽ bắt đầu từ màn hình chào.", "Your results are saved. The next person starts from the welcome screen."},

	"lesson.prev":       {"Trang trước", "Previous page"},
	"lesson.next":       {"Trang sau", "Next page"},
	"lesson.quiz":       {"Làm bài kiểm tra", "Take the quiz"},
	"lesson.menu":       {"Về danh sách bài", "Back to lessons"},
	"lesson.page":       {"Trang %d/%d", "Page %d/%d"},
	"lesson.end":        {"Hết bài →", "End of lesson →"},
	"lesson.lastpage":   {"Đây là trang cuối. Bấm Enter hoặc → để chọn việc tiếp theo.", "This is the last page. Press Enter or → to choose what to do next."},
	"lesson.done":       {"Bạn đã đọc xong bài này", "You have finished reading this lesson"},
	"lesson.donenoquiz": {"Bài này không có bài kiểm tra. Bấm Enter để về danh sách bài.", "This lesson has no quiz. Press Enter to go back to the lessons."},
	"lesson.backpage":   {"trang cuối", "last page"},
	"lesson.nextpage":   {"Bấm Enter hoặc → để sang trang sau.", "Press Enter or → for the next page."},
	"lesson.empty":      {"Bài này chưa có nội dung. Xin báo tập huấn viên.", "This lesson has no content yet. Please tell the trainer."},
	"lesson.saveerr":    {"Chưa lưu được trang đang đọc; bà con cứ đọc tiếp.", "Could not save your page; just carry on reading."},
	"remember":          {"Ghi nhớ:", "Remember:"},

	"quiz.q":          {"Câu %d/%d", "Question %d/%d"},
	"quiz.multi":      {"Chọn tất cả đáp án đúng, rồi bấm Enter.", "Choose all the right answers, then press Enter."},
	"quiz.single":     {"Bấm số để chọn, rồi bấm Enter để trả lời.", "Press a number to choose, then Enter to answer."},
	"quiz.pickfirst":  {"Hãy chọn một đáp án trước.", "Please choose an answer first."},
	"quiz.right":      {"✓ Đúng rồi!", "✓ Right!"},
	"quiz.wrong":      {"✗ Chưa đúng.", "✗ Not quite."},
	"quiz.answer":     {"Đáp án đúng: %s", "Right answer: %s"},
	"quiz.saving":     {"Đang lưu…", "Saving…"},
	"quiz.saved":      {"✓ Đã lưu", "✓ Saved"},
	"quiz.saveerr":    {"Chưa lưu được câu trả lời. Câu trả lời vẫn còn đây. Bấm Enter để lưu lại; nếu vẫn lỗi, báo tập huấn viên.", "Your answer is not saved yet. It is still here. Press Enter to save again; if it keeps failing, tell the trainer."},
	"quiz.next":       {"Bấm Enter để sang câu sau.", "Press Enter for the next question."},
	"quiz.last":       {"Bấm Enter để xem kết quả.", "Press Enter to see your result."},
	"quiz.loading":    {"Đang chuẩn bị bài kiểm tra…", "Getting the quiz ready…"},
	"quiz.loaderr":    {"Chưa mở được bài kiểm tra. Bấm Esc để quay lại rồi thử lại, hoặc báo tập huấn viên.", "Could not open the quiz. Press Esc to go back and try again, or tell the trainer."},
	"quiz.noquestion": {"Bài này chưa có câu hỏi. Xin báo tập huấn viên.", "This module has no questions yet. Please tell the trainer."},
	"quiz.resumed":    {"Tiếp tục bài đang làm dở.", "Carrying on with your unfinished quiz."},
	"quiz.finishing":  {"Đang chấm điểm…", "Marking…"},
	"quiz.finisherr":  {"Chưa lưu được kết quả. Bấm Enter để thử lại; các câu trả lời đã được lưu.", "Could not save the result. Press Enter to try again; your answers are already saved."},
	"quiz.answerbtn":  {"Trả lời", "Answer"},

	"result.title":   {"Kết quả: %s", "Result: %s"},
	"result.score":   {"Bạn trả lời đúng %d/%d câu (%d%%).", "You got %d of %d right (%d%%)."},
	"result.passed":  {"✓ ĐẠT. Giỏi lắm! Bạn đã nắm được bài này.", "✓ PASSED. Well done! You have learned this one."},
	"result.failed":  {"✗ CHƯA ĐẠT (cần %d%%). Không sao cả, đọc lại bài rồi thử lần nữa nhé, lần sau sẽ tốt hơn.", "✗ NOT PASSED YET (%d%% needed). No worries: read the lesson again and try once more."},
	"result.missed":  {"Các câu chưa đúng:", "Questions to look at again:"},
	"result.right":   {"→ Đáp án đúng: %s", "→ Right answer: %s"},
	"result.reread":  {"Đọc lại bài", "Read again"},
	"result.retake":  {"Làm lại", "Try again"},
	"result.other":   {"Bài khác", "Other lesson"},
	"result.finish":  {"Kết thúc", "Finish"},
	"result.allgood": {"Bạn trả lời đúng tất cả các câu!", "You got every question right!"},

	"finish.title": {"Cảm ơn bạn đã học!", "Thank you for learning!"},
	"finish.body":  {"Kết quả của bạn đã được lưu an toàn.\nHẹn gặp lại ở buổi học sau!", "Your results are safely saved.\nSee you at the next class!"},
	"finish.next":  {"Bấm Enter để mời người tiếp theo.", "Press Enter for the next person."},
}

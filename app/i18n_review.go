package app

import "kynangso/app/ui"

func init() { ui.AddStrings(reviewStrings) }

// reviewStrings are the texts of the review screen (review.go): a short,
// kind look back at the questions a person missed, never a test.
var reviewStrings = map[string]ui.Entry{
	"review.title": {"Ôn lại câu lần trước bạn chưa đúng", "A look back at what you missed last time"},
	"review.intro": {"Lần trước còn %d câu bạn chưa trả lời đúng. Mình cùng xem lại %d câu nhé, mỗi câu có lời giải thích sau khi bạn trả lời.",
		"Last time, %d questions were not quite right. Let's look at %d of them again; each one is explained after you answer."},
	"review.introone": {"Lần trước còn 1 câu bạn chưa trả lời đúng. Mình cùng xem lại câu đó nhé, có lời giải thích sau khi bạn trả lời.",
		"Last time, one question was not quite right. Let's look at it again; it is explained after you answer."},
	"review.again":     {"Bạn đang ôn dở: mình làm tiếp các câu còn lại nhé.", "You started this review before: let's carry on with the rest."},
	"review.nomark":    {"Phần ôn này không tính điểm, chỉ giúp bạn nhớ lâu hơn.", "This is not marked; it only helps you remember."},
	"review.start":     {"Ôn lại ngay", "Look again now"},
	"review.later":     {"Để lần sau", "Another time"},
	"review.loading":   {"Đang mở phần ôn lại…", "Getting your review ready…"},
	"review.loaderr":   {"Chưa mở được phần ôn lại. Bấm Enter để vào học; báo tập huấn viên nếu lỗi còn.", "Could not open the review. Press Enter to go on to the lessons; tell the trainer if this stays."},
	"review.finishing": {"Đang lưu phần ôn lại…", "Saving your review…"},
	"review.finisherr": {"Chưa lưu xong phần ôn lại. Bấm Enter để thử lại; các câu trả lời đã được lưu.", "Could not finish saving the review. Press Enter to try again; your answers are already saved."},
	"review.done":      {"Xong phần ôn lại!", "Review done!"},
	"review.score":     {"Bạn trả lời đúng %d/%d câu.", "You got %d of %d right."},
	"review.learnt":    {"Đã nhớ chắc (đúng 2 lần, sẽ không hỏi lại nữa): %d câu.", "Now known well (right twice, not asked again): %d."},
	"review.more":      {"Còn %d câu, lần sau mình ôn tiếp nhé.", "Still to look at next time: %d."},
	"review.allclear":  {"Bạn đã ôn xong hết các câu chưa đúng. Giỏi lắm!", "You have gone over every question you missed. Well done!"},
	"review.go":        {"Vào học", "Go to the lessons"},
	"help.later":       {"để lần sau", "another time"},
	"help.reviewnow":   {"ôn lại ngay", "look again now"},
}

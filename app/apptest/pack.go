package apptest

import (
	"kynangso/lessons"
	"kynangso/quiz"
)

// Vi is a text in Vietnamese and English.
func Vi(s, en string) quiz.Text { return quiz.Text{"vi": s, "en": en} }

// TestPack is a small pack with every Markdown feature and question type.
func TestPack() *lessons.Pack {
	body := "## Vì sao cần\n\nMã OTP là **mật khẩu dùng một lần**, ngân hàng gửi qua tin nhắn.\n\n" +
		"1. Mở tin nhắn.\n2. Đọc mã, **không** đọc cho ai.\n   Kể cả người xưng là công an.\n\n- Giữ kín.\n- Xóa tin sau khi dùng.\n\n" +
		"```message Tin nhắn lạ\nMa OTP cua ban la 123456. Khong chia se ma nay.\n```\n\n**Ghi nhớ:** Không ai được hỏi mã OTP của bạn."
	m1 := &lessons.Module{
		ID: "antoan", Skill: 4, Order: 1, Title: Vi("An toàn trên mạng", "Staying safe online"), PassPercent: 70,
		Pages: map[string][]lessons.Page{
			"vi": {{Title: "Mã OTP là gì?", Body: body}, {Title: "Trang hai", Body: "Đoạn văn ngắn."}},
			"en": {{Title: "What is an OTP?", Body: "A **one-time** code."}, {Title: "Page two", Body: "Short."}},
		},
		Questions: []quiz.Question{
			{ID: "q1", Type: quiz.TypeSingle, Message: Vi("[Tin nhắn từ 0868xxx]\nBạn trúng thưởng, bấm link.", "[SMS]\nYou won, tap the link."),
				Prompt:      Vi("Bạn nên làm gì?", "What should you do?"),
				Choices:     []quiz.Choice{{ID: "a", Text: Vi("Bấm link", "Tap it")}, {ID: "b", Text: Vi("Xóa tin nhắn", "Delete it"), Correct: true}, {ID: "c", Text: Vi("Gửi cho bạn bè", "Forward it")}},
				Explanation: Vi("Tin trúng thưởng lạ là lừa đảo.", "Surprise prizes are scams.")},
			{ID: "q2", Type: quiz.TypeMultiple, Prompt: Vi("Điều nào giữ an toàn?", "Which keep you safe?"),
				Choices:     []quiz.Choice{{ID: "a", Text: Vi("Giữ kín OTP", "Keep the OTP secret"), Correct: true}, {ID: "b", Text: Vi("Đặt mật khẩu khó đoán", "Use a hard password"), Correct: true}, {ID: "c", Text: Vi("Cho người lạ mượn máy", "Lend your phone to strangers")}},
				Explanation: Vi("Giữ kín mã và mật khẩu.", "Keep codes and passwords secret.")},
			{ID: "q3", Type: quiz.TypeTrueFalse, Prompt: Vi("Công an hỏi mã OTP qua điện thoại.", "The police ask for OTPs by phone."),
				Choices:     []quiz.Choice{{ID: "dung", Text: Vi("Đúng", "True")}, {ID: "sai", Text: Vi("Sai", "False"), Correct: true}},
				Explanation: Vi("Không bao giờ.", "Never.")},
		},
		PackVersion: "test-1",
	}
	m2 := &lessons.Module{
		ID: "muasam", Skill: 3, Order: 2, Title: Vi("Mua sắm trực tuyến", "Online shopping"),
		Pages: map[string][]lessons.Page{"vi": {{Title: "Mua hàng", Body: "Chọn nơi bán uy tín."}}},
	}
	return &lessons.Pack{ID: "test", Version: "test-1", Languages: []string{"vi", "en"}, Title: Vi("Thử", "Test"), Modules: []*lessons.Module{m1, m2}}
}

package ui

func init() { AddStrings(formStrings) }

// formStrings are the problems of the registration fields that the
// participant's form and the trainer's person form share, and the
// countdown before an idle screen resets. A name is never cut: a long one
// is refused with its length, so the person knows what to shorten.
var formStrings = map[string]Entry{
	"err.name.letters":   {"Tên cần ít nhất hai chữ cái. Xin gõ họ và tên bằng chữ.", "A name needs at least two letters. Please type your full name in letters."},
	"err.name.toolong":   {"Tên quá dài: %d chữ, tối đa %d. Xin viết gọn lại, ví dụ bỏ tên đệm thứ hai.", "The name is too long: %d characters, %d at most. Please shorten it, e.g. leave out a second middle name."},
	"err.village.long":   {"Tên thôn, buôn quá dài (tối đa %d chữ). Xin viết gọn lại.", "The village name is too long (%d characters at most). Please shorten it."},
	"err.household.long": {"Hộ gia đình quá dài (tối đa %d chữ). Xin viết gọn lại.", "The household is too long (%d characters at most). Please shorten it."},
	"err.phone":          {"Số di động gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912 345 678), hoặc +84 rồi 9 chữ số. Không có thì để trống.", "A mobile number has 10 digits starting with 0 (e.g. 0912 345 678), or +84 and 9 digits. Leave it empty if there is none."},
}

package results

// labels is the one catalog of words reports and exports show: column
// headers, sheet names and values such as genders. Vietnamese is the
// default; English is used when the language is "en".
var labels = map[string][2]string{ // key: {vi, en}
	// Values.
	"not_given": {"(không ghi)", "(not given)"},
	"anonymous": {"(ẩn danh)", "(anonymous)"},
	"nam":       {"Nam", "Male"},
	"nu":        {"Nữ", "Female"},
	"khac":      {"Khác", "Other"},
	"yes":       {"Có", "Yes"},
	"no":        {"Không", "No"},
	"no_answer": {"(bỏ trống)", "(no answer)"},
	// A choose-all question answered with an incomplete or wrong set.
	"only_missed":  {"chỉ chọn %s, thiếu %s", "chose only %s, missed %s"},
	"extra":        {"chọn nhầm %s", "also ticked %s (wrong)"},
	"extra_missed": {"chọn nhầm %s, thiếu %s", "ticked %s (wrong), missed %s"},
	"all":          {"Tất cả", "All"},

	// Attendance sheet.
	"att_title":     {"DANH SÁCH ĐIỂM DANH", "ATTENDANCE LIST"},
	"class":         {"Lớp học", "Class"},
	"date":          {"Ngày", "Date"},
	"commune":       {"Xã/phường", "Commune"},
	"villages":      {"Thôn/buôn", "Villages"},
	"trainers":      {"Người hướng dẫn", "Trainer"},
	"period":        {"Thời gian", "Period"},
	"stt":           {"STT", "No."},
	"full_name":     {"Họ và tên", "Full name"},
	"birth_year":    {"Năm sinh", "Birth year"},
	"gender":        {"Giới tính", "Gender"},
	"village":       {"Thôn/buôn", "Village"},
	"household":     {"Hộ gia đình", "Household"},
	"phone":         {"Số điện thoại", "Phone"},
	"check_in":      {"Giờ điểm danh", "Check-in time"},
	"studied":       {"Bài đã học", "Modules studied"},
	"mods_passed":   {"Bài đã đạt", "Modules passed"},
	"signature":     {"Ký tên", "Signature"},
	"participant":   {"Mã người học", "Participant id"},
	"session_id":    {"Mã lớp", "Class id"},
	"module_id":     {"Mã bài", "Module id"},
	"module":        {"Bài học", "Module"},
	"attempts":      {"Số lần làm", "Attempts"},
	"best_score":    {"Điểm cao nhất (%)", "Best score (%)"},
	"last_score":    {"Điểm lần cuối (%)", "Last score (%)"},
	"passed":        {"Đạt", "Passed"},
	"date_passed":   {"Ngày đạt", "Date passed"},
	"question_id":   {"Mã câu hỏi", "Question id"},
	"question":      {"Câu hỏi", "Question"},
	"answered":      {"Số lượt trả lời", "Times answered"},
	"pct_correct":   {"Tỉ lệ đúng (%)", "% correct"},
	"top_wrong":     {"Câu trả lời sai hay gặp nhất", "Most common wrong answer"},
	"choice_counts": {"Số lần chọn từng đáp án (câu chọn nhiều đáp án)", "Times each choice was ticked (choose-all questions)"},
	"top_wrong_id":  {"Mã đáp án sai", "Wrong choice id"},
	"top_wrong_n":   {"Số lần chọn", "Times chosen"},
	"tried":         {"Số người làm", "People who tried"},
	"people_pass":   {"Số người đạt", "People who passed"},
	"pass_rate":     {"Tỉ lệ đạt (%)", "Pass rate (%)"},
	"avg_best":      {"Điểm TB cao nhất (%)", "Average best score (%)"},

	// Sheet names (at most 31 characters, no []:*?/\).
	"sheet_attendance": {"Điểm danh", "Attendance"},
	"sheet_results":    {"Kết quả", "Results"},
	"sheet_items":      {"Câu hỏi", "Questions"},
	"sheet_summary":    {"Tổng hợp", "Summary"},
	"chart_title":      {"Tỉ lệ đạt theo bài (%)", "Pass rate per module (%)"},
	"results_title":    {"KẾT QUẢ HỌC TẬP", "LEARNING RESULTS"},
	"items_title":      {"PHÂN TÍCH CÂU HỎI", "QUESTION ANALYSIS"},
}

// Label returns the report word for key in lang ("en" gives English, any
// other language Vietnamese). An unknown key is returned as it is.
func Label(lang, key string) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// GenderLabel names a stored gender code in lang; "" is "not given".
func GenderLabel(code, lang string) string {
	switch code {
	case GenderMale, GenderFemale, GenderOther:
		return Label(lang, code)
	}
	return Label(lang, "not_given")
}

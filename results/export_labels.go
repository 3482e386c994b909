package results

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"kynangso/internal/safetext"
)

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
	// Module codes: B1 (bài), M1 (module).
	"code_prefix": {"B", "M"},
	// A choose-all question answered with an incomplete or wrong set.
	"only_missed":  {"chỉ chọn %s, thiếu %s", "chose only %s, missed %s"},
	"extra":        {"chọn nhầm %s", "also ticked %s (wrong)"},
	"extra_missed": {"chọn nhầm %s, thiếu %s", "ticked %s (wrong), missed %s"},
	"all":          {"Tất cả", "All"},
	// Not tried is not failed: a module nobody tried, or a person has not
	// studied, is "chưa học"; one tried and not passed is "chưa đạt".
	"not_studied": {"chưa học", "not studied"},
	"not_passed":  {"chưa đạt", "not passed"},
	"passed_yes":  {"Đạt", "Passed"},
	"passed_no":   {"Chưa đạt", "Not passed"},
	"none":        {"—", "—"},

	// Attendance sheet.
	"att_title":     {"DANH SÁCH ĐIỂM DANH", "ATTENDANCE LIST"},
	"class":         {"Lớp học", "Class"},
	"date":          {"Ngày", "Date"},
	"commune":       {"Xã/phường", "Commune"},
	"villages":      {"Thôn/buôn", "Villages"},
	"trainers":      {"Người hướng dẫn", "Trainer"},
	"period":        {"Thời gian", "Period"},
	"date_from":     {"Từ ngày", "From"},
	"date_to":       {"Đến ngày", "To"},
	"planned":       {"Bài dự kiến", "Planned modules"},
	"codes":         {"Mã bài", "Module codes"},
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
	"passed":        {"Kết quả", "Result"},
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
	"chart_none":       {"Chưa có ai làm bài kiểm tra trong phạm vi này, nên chưa có biểu đồ.", "Nobody has taken a quiz in this scope yet, so there is no chart."},

	// Under the sign-in sheet. %d: people, anonymous, check-ins.
	"total":        {"Tổng số: %d người", "Total: %d people"},
	"total_visits": {"Tổng số: %d lượt điểm danh của %d người", "Total: %d check-ins by %d people"},
	"total_anon":   {" (trong đó %d người ẩn danh)", " (%d of them anonymous)"},
	"place_date":   {"…………………, ngày …… tháng …… năm ………", "…………………, date …… / …… / ………"},
	"prepared_by":  {"NGƯỜI LẬP DANH SÁCH", "PREPARED BY"},
	"sign_name":    {"(Ký, ghi rõ họ tên)", "(signature and full name)"},
	"confirmed_by": {"XÁC NHẬN CỦA UBND XÃ/PHƯỜNG", "CONFIRMED BY THE COMMUNE PEOPLE'S COMMITTEE"},
	"sign_seal":    {"(Ký tên, đóng dấu)", "(signature and seal)"},
	"page":         {"Trang &P/&N", "Page &P of &N"},
	"att_subject":  {"Danh sách điểm danh lớp học kỹ năng số", "Attendance list of a digital-skills class"},
	"res_subject":  {"Kết quả học tập kỹ năng số", "Digital-skills learning results"},
	"doc_keywords": {"kỹ năng số; điểm danh; kết quả", "digital skills; attendance; results"},
	"doc_language": {"vi-VN", "en-US"},
}

// PrintDateLayout is how a date is written wherever a person reads it
// (CSV and XLSX exports, the text report): 07/12/2026. ISO dates
// (DateLayout) stay in JSON and file names, where they sort.
const PrintDateLayout = "02/01/2006"

// PrintDateTimeLayout is a date and time for people: 07/12/2026 09:05.
const PrintDateTimeLayout = "02/01/2006 15:04"

// PrintDate writes a DateLayout date (a class date, a filter date) the way
// people read it, 07/12/2026; anything else is returned as it is.
func PrintDate(date string) string {
	t, err := time.Parse(DateLayout, date)
	if err != nil {
		return date
	}
	return t.Format(PrintDateLayout)
}

// ModuleCode is the short code a printed sheet or a narrow table names a
// module by: "B1", "B2"… (bài) in the catalog's order, "M1"… in English. A
// module the catalog does not have keeps its id.
func (c Catalog) ModuleCode(id string) string {
	for i, m := range c.Modules {
		if m.ID == id {
			return Label(c.Lang, "code_prefix") + strconv.Itoa(i+1)
		}
	}
	return safetext.Line(id)
}

// Codes joins the codes of ids in catalog order, "B1, B3"; three or more
// modules in a row are a range, "B1–B5", "B1–B3, B5", so that a cell of
// the sign-in sheet stays on one line. It is "—" when there are none, so
// an empty cell never looks like a value left out.
func (c Catalog) Codes(ids []string) string {
	if len(ids) == 0 {
		return Label(c.Lang, "none")
	}
	pos := map[string]int{}
	for i, m := range c.Modules {
		pos[m.ID] = i
	}
	var out []string
	ordered := c.moduleIDs(ids)
	for i := 0; i < len(ordered); i++ {
		if !slices.Contains(ids, ordered[i]) {
			continue
		}
		j := i // the end of a run of modules next to each other in the pack
		for j+1 < len(ordered) && slices.Contains(ids, ordered[j+1]) && inPack(pos, ordered[j+1]) && inPack(pos, ordered[i]) {
			j++
		}
		switch {
		case j-i >= 2:
			out = append(out, c.ModuleCode(ordered[i])+"–"+c.ModuleCode(ordered[j]))
		case j > i:
			out = append(out, c.ModuleCode(ordered[i]), c.ModuleCode(ordered[j]))
		default:
			out = append(out, c.ModuleCode(ordered[i]))
		}
		i = j
	}
	return strings.Join(out, ", ")
}

func inPack(pos map[string]int, id string) bool {
	_, ok := pos[id]
	return ok
}

// legend names the code of each module of ids with its title, in catalog
// order: "B1 Nền tảng số; B2 Mua sắm".
func (c Catalog) legend(ids []string) string {
	var out []string
	for _, id := range c.moduleIDs(ids) {
		if slices.Contains(ids, id) {
			out = append(out, c.ModuleCode(id)+" "+c.label(id).Title)
		}
	}
	return strings.Join(out, "; ")
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

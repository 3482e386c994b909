package results

// Names and places used by the demo data generator: typical of Đắk Lắk,
// where Kinh villages (thôn) sit beside Ê Đê and M'nông villages (buôn).
// Ê Đê names put Y before a man's name and H' before a woman's, followed by
// the clan name the children take from their mother; older people are often
// called Ama (father of) or Amí (mother of) their first child's name.

var demoCommunes = []struct {
	Name     string
	Villages []string
}{
	{"Ea Tu", []string{"Buôn Kô Sier", "Buôn Ea Tu", "Buôn Kdun", "Thôn 1", "Thôn 2", "Thôn 3"}},
	{"Hòa Thuận", []string{"Buôn Ea Bông", "Buôn Cuôr Knia", "Thôn 4", "Thôn 5", "Thôn 6"}},
	{"Cư Êbur", []string{"Buôn Ako Dhông", "Buôn Kmrơng Prông", "Thôn 7", "Thôn 8", "Thôn Tân Lập"}},
	{"Ea Kao", []string{"Buôn Tơng Jú", "Buôn Cuôr Đăng", "Buôn Đăk Tuôr", "Thôn Quảng Thành", "Thôn Hòa Bình"}},
	{"Krông Nô", []string{"Bon Đăk Prí", "Bon Yok Đôn", "Thôn Nam Dao", "Thôn Đắk Mâm"}},
}

var (
	kinhSurnames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
		"Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương"}
	kinhMiddleMale   = []string{"Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Công", "Xuân"}
	kinhMiddleFemale = []string{"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ"}
	kinhGivenMale    = []string{"Hùng", "Dũng", "Minh", "Tuấn", "Nam", "Hải", "Sơn", "Bình", "Cường",
		"Đức", "Thắng", "Long", "Phong", "Quang", "Toàn", "Lộc", "Phúc", "Tài", "Khánh", "An"}
	kinhGivenFemale = []string{"Hoa", "Lan", "Mai", "Hương", "Hằng", "Thủy", "Nga", "Hạnh", "Loan",
		"Đào", "Yến", "Nhung", "Ánh", "Xuân", "Thảo", "Liên", "Huệ", "Tuyết", "Oanh", "Vân"}

	edeClans     = []string{"Niê", "Êban", "Mlô", "Ktla", "Hđơk", "Byă", "Ayun", "Adrơng", "Êya", "Knul", "Kpă", "Buôn Yă", "Nie Kdăm", "Mlô Duôn Du"}
	edeGivenMale = []string{"Khoa", "Blin", "Thuôn", "Ku", "Nguôl", "Juin", "Tlang", "Sanh", "Kuăn", "Wơn", "Bhiơr", "Dhăm", "Lin", "Yơn",
		"Bih", "Hiu", "Jek", "Kông", "Mếch", "Ngông", "Thái", "Tuyn", "Du", "Hăm"}
	edeGivenFemale = []string{"Hen", "Ruin", "Nhi", "Bia", "Ngăm", "Dim", "Lia", "Hlen", "Nam", "Djuin", "Ble", "Yâo", "Mlưn", "Hjuê",
		"Bi", "Ban", "Hiăng", "Huê", "Jung", "Ly", "Nhăn", "Pơ", "Tuyết", "Lê"}

	// M'nông clan names, written after the given name by those who use them.
	mnongClans       = []string{"Bon Jốc", "Liêng", "Liêng Jang", "Lăk", "Bu Krông", "Nâm", "Rơ Lăm", "Ndu"}
	mnongGivenMale   = []string{"Bơ", "Đoan", "Ngơi", "Srê", "Brông", "Khiêng", "Lơng", "Jơi", "Kré", "Nâng", "Điệp", "Thuận", "Hưng", "Lăng", "Kông", "Mblơi"}
	mnongGivenFemale = []string{"Liêm", "Hoa", "Nhơn", "Blang", "Sang", "Bôn", "Dung", "Huê", "Jen", "Mai", "Thu", "Lý", "Ngọc", "Srai", "Prông", "Rin"}

	demoTrainers = []string{"Y Khoa Êban", "Nguyễn Thị Hạnh", "H'Ruin Niê", "Trần Văn Lộc",
		"Phạm Thu Trang", "Y Sanh Mlô", "Lê Minh Tuấn", "H'Bia Ktla", "Điểu Brông"}
)

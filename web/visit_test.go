package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kynangso/results"
)

// A resident's whole visit: code, register with consent, menu, a lesson
// page, the quiz to the end, the result, finish.
func TestWholeVisit(t *testing.T) {
	s := newSite(t)
	p := s.phone()
	p.register("Nguyễn Thị Hoa", "1958")
	if !strings.Contains(p.last, "Xin chào Nguyễn Thị Hoa!") {
		t.Fatalf("menu does not greet the person:\n%s", p.last)
	}
	mod := s.pack.Modules[1]
	p.get("/bai/" + mod.ID + "/1")
	if p.code != http.StatusOK || !strings.Contains(p.last, "Trang 1/") {
		t.Fatalf("lesson page: %d\n%s", p.code, p.last)
	}
	att := s.takeQuiz(p, mod.ID, "1")
	if !strings.Contains(p.last, "Kết quả") || p.path != "/kt/"+att+"/ket-qua" {
		t.Fatalf("no result page: at %s\n%s", p.path, p.last)
	}
	a, err := s.store.Attempt(t.Context(), att)
	if err != nil || a.State != results.StateFinished {
		t.Fatalf("attempt after the result: %+v %v", a, err)
	}
	p.post("/xong", nil)
	if p.path != "/cam-on" {
		t.Fatalf("finish went to %s", p.path)
	}
	seats, _ := s.store.Seats(t.Context(), s.class.ID)
	if len(seats) != 1 {
		t.Fatalf("seats: %+v", seats)
	}
	for _, v := range seats {
		if v.Seat != results.SeatPhone || !v.Left() {
			t.Fatalf("seat after finishing: %+v", v)
		}
	}
	// The phone is ready for the next person, still in the class.
	p.get("/bai")
	if p.path != "/tim" {
		t.Fatalf("after finishing, the menu sends to %s, want the search", p.path)
	}
}

// takeQuiz answers every question of module with choice number pick and
// ends on the result page.
func (s *site) takeQuiz(p *phone, module, pick string) string {
	s.t.Helper()
	att := p.startQuiz(module)
	for range 50 {
		if strings.HasPrefix(p.path, "/kt/"+att+"/ket-qua") {
			return att
		}
		q := p.question()
		p.post("/kt/"+att, url.Values{"q": {q}, "c": {pick}})
		if !strings.Contains(p.last, "✓ Đã lưu") {
			s.t.Fatalf("answer not shown as saved: at %s (%d)\n%s", p.path, p.code, p.last)
		}
		next := "/kt/" + att
		if strings.Contains(p.last, "/ket-qua") {
			next += "/ket-qua"
		}
		p.get(next)
	}
	s.t.Fatal("the quiz never ended")
	return ""
}

// A double tap, a refresh of the saved page and a post sent again after
// the Wi-Fi dropped store the answer once; a second post with another
// choice keeps the first answer and says so.
func TestAnswerRepeatedStoresOnce(t *testing.T) {
	s := newSite(t)
	p := s.phone()
	p.register("Y Bih Niê", "1960")
	att := p.startQuiz(s.pack.Modules[1].ID)
	q := p.question()
	form := url.Values{"q": {q}, "c": {"2"}, "csrf": {p.csrf()}}
	p.post("/kt/"+att, form)
	saved := p.path
	p.post("/kt/"+att, form) // the same post again
	if p.path != saved || strings.Contains(p.last, "đã trả lời rồi") {
		t.Fatalf("the same answer again went to %s:\n%s", p.path, p.last)
	}
	p.get(saved) // refresh
	other := url.Values{"q": {q}, "c": {"1"}, "csrf": {p.csrf()}}
	p.post("/kt/"+att, other) // the back button, another choice
	if !strings.Contains(p.last, "câu trả lời đầu tiên được giữ") {
		t.Fatalf("a changed answer is not said to be kept as first given:\n%s", p.last)
	}
	as := s.answers(att)
	if len(as) != 1 || as[0].QuestionID != q {
		t.Fatalf("stored answers: %+v, want one for %s", as, q)
	}
}

// Two posts of one phone at the same moment (a double tap) run one after
// the other: one answer is stored, both pages show it saved.
func TestDoubleTapAtOnce(t *testing.T) {
	s := newSite(t)
	p := s.phone()
	p.register("Hà Văn Tư", "1949")
	att := p.startQuiz(s.pack.Modules[2].ID)
	form := url.Values{"q": {p.question()}, "c": {"1"}, "csrf": {p.csrf()}}
	done := make(chan string, 2)
	for range 2 {
		go func() {
			req, _ := http.NewRequest(http.MethodPost, s.ts.URL+"/kt/"+att, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := p.c.Do(req)
			if err != nil {
				done <- err.Error()
				return
			}
			resp.Body.Close()
			done <- resp.Request.URL.Path
		}()
	}
	a, b := <-done, <-done
	if a != b || !strings.Contains(a, "/cau/") {
		t.Fatalf("the two taps ended at %q and %q", a, b)
	}
	if n := len(s.answers(att)); n != 1 {
		t.Fatalf("%d answers stored, want 1", n)
	}
}

// A phone whose cookie is lost joins and finds its name again, and the
// quiz picks up at the next question of the same attempt.
func TestLostCookieResumesSameAttempt(t *testing.T) {
	s := newSite(t)
	p := s.phone()
	p.register("Lê Thị Mơ", "1962")
	mod := s.pack.Modules[1].ID
	att := p.startQuiz(mod)
	first := p.question()
	p.post("/kt/"+att, url.Values{"q": {first}, "c": {"1"}})

	p2 := s.phone() // the same person, cookies gone
	p2.join()
	p2.post("/tim", url.Values{"q": {"le thi mo"}})
	if !strings.Contains(p2.last, "Lê Thị Mơ") {
		t.Fatalf("search without accents does not find the person:\n%s", p2.last)
	}
	id := valueOf(t, p2.last, `name="id" value="`)
	p2.post("/chon", url.Values{"id": {id}})
	if !strings.Contains(p2.last, "Đang làm bài kiểm tra") {
		t.Fatalf("menu does not show the quiz in progress:\n%s", p2.last)
	}
	again := p2.startQuiz(mod)
	if again != att {
		t.Fatalf("a new attempt %s was started, want %s resumed", again, att)
	}
	if q := p2.question(); q == first || !strings.Contains(p2.last, "Tiếp tục bài đang làm dở") {
		t.Fatalf("resumed at %s (first was %s):\n%s", q, first, p2.last)
	}
}

// valueOf is the attribute value that follows prefix on the page.
func valueOf(t *testing.T, page, prefix string) string {
	t.Helper()
	_, rest, ok := strings.Cut(page, prefix)
	if !ok {
		t.Fatalf("no %q on the page:\n%s", prefix, page)
	}
	v, _, _ := strings.Cut(rest, `"`)
	return v
}

// A double tap on "I agree" registers the person once.
func TestConsentTwiceRegistersOnce(t *testing.T) {
	s := newSite(t)
	p := s.phone()
	p.join()
	p.get("/dang-ky")
	p.post("/dang-ky", url.Values{"name": {"Trần Văn Ba"}, "year": {"1950"}, "village": {"other"}, "village_other": {"Thôn 3"}})
	tok := p.csrf()
	p.post("/dong-y", url.Values{"choice": {"1"}, "csrf": {tok}})
	p.post("/dong-y", url.Values{"choice": {"1"}, "csrf": {tok}})
	if p.path != "/bai" {
		t.Fatalf("second tap went to %s", p.path)
	}
	rows, _ := s.store.Dashboard(t.Context(), s.class.ID)
	if len(rows) != 1 || rows[0].Name != "Trần Văn Ba" || rows[0].Village != "Thôn 3" {
		t.Fatalf("people checked in: %+v", rows)
	}
}

// The registration form says what to fix with the laptop's words and
// keeps what was typed; declining consent stores no name.
func TestRegistrationProblemsAndDecline(t *testing.T) {
	s := newSite(t)
	p := s.phone()
	p.join()
	p.get("/dang-ky")
	p.post("/dang-ky", url.Values{"name": {"Đinh Thị Nở"}, "year": {"19x"}, "phone": {"12"}})
	if p.code != http.StatusUnprocessableEntity || !strings.Contains(p.last, "Năm sinh gồm 4 chữ số") ||
		!strings.Contains(p.last, "Số di động gồm 10 chữ số") || !strings.Contains(p.last, `value="Đinh Thị Nở"`) {
		t.Fatalf("problems not shown (%d):\n%s", p.code, p.last)
	}
	p.post("/dang-ky", url.Values{"name": {"Đinh Thị Nở"}, "year": {"1961"}, "village": {"Ea Huar"}})
	p.post("/dong-y", url.Values{"choice": {"2"}})
	if p.path != "/bai" || !strings.Contains(p.last, "Khách") {
		t.Fatalf("declined consent: at %s\n%s", p.path, p.last)
	}
	rows, _ := s.store.Dashboard(t.Context(), s.class.ID)
	if len(rows) != 1 || !rows[0].Anonymous || rows[0].Name != "" {
		t.Fatalf("declined consent kept a name: %+v", rows)
	}
}

// The English button switches every page and comes back to the same page;
// the return address cannot lead off the site.
func TestEnglishSwitch(t *testing.T) {
	s := newSite(t)
	p := s.phone()
	p.register("Nguyễn Văn An", "1965")
	p.post("/ngon-ngu", url.Values{"back": {"/bai"}})
	if p.path != "/bai" || !strings.Contains(p.last, "Hello Nguyễn Văn An!") || !strings.Contains(p.last, `lang="en"`) {
		t.Fatalf("after English: at %s\n%s", p.path, p.last)
	}
	p.post("/ngon-ngu", url.Values{"back": {"//evil.example/x"}})
	if p.path != "/bai" || !strings.Contains(p.last, "Xin chào") {
		t.Fatalf("a foreign return address went to %s", p.path)
	}
	for _, bad := range []string{"https://evil.example/", "/\\evil", "javascript:alert(1)"} {
		if got := localPath(bad); got != "/" {
			t.Errorf("localPath(%q) = %q", bad, got)
		}
	}
}

package ui

import "testing"

func TestReflow(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"prose joins", "Bạn bán cơm ở chợ xã. Khách nói đã quét mã trên bàn trả 40.000đ,\nnhưng điện thoại bạn không báo tiền vào.",
			"Bạn bán cơm ở chợ xã. Khách nói đã quét mã trên bàn trả 40.000đ, nhưng điện thoại bạn không báo tiền vào."},
		{"header stays", "[SMS từ 0865xxx102]\nCHUC MUNG! So thue bao cua ban trung thuong xe may\nSH. Bam link de nhan giai",
			"[SMS từ 0865xxx102]\nCHUC MUNG! So thue bao cua ban trung thuong xe may SH. Bam link de nhan giai"},
		{"labels stay", "Chuyển tiền\nNgười nhận: NGUYEN VAN A\nSố tiền: 45.000đ\nNội dung: tien hoc",
			"Chuyển tiền\nNgười nhận: NGUYEN VAN A\nSố tiền: 45.000đ\nNội dung: tien hoc"},
		{"label value carries on in lower case", "Nội dung: chuyen tien hoc phi\ncho con", "Nội dung: chuyen tien hoc phi cho con"},
		{"list stays", "Bạn cần:\n- căn cước\n- sổ hộ khẩu", "Bạn cần:\n- căn cước\n- sổ hộ khẩu"},
		{"blank line is a paragraph", "Một.\n\nHai\nba.", "Một.\n\nHai ba."},
		{"times and links are not labels", "Hẹn lúc\n10:30 ở xã, xem\nhttp://xa.gov.vn", "Hẹn lúc 10:30 ở xã, xem http://xa.gov.vn"},
	} {
		if got := reflow(c.in); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

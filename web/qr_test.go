package web

import "testing"

func TestQRFitsTheTrainerPage(t *testing.T) {
	q := QR("http://192.168.43.100:8080/v/123456")
	if len(q) == 0 || len(q) > 29 || len(q[0]) != len(q) {
		t.Fatalf("QR is %d modules, want a square of at most 29 (version 3)", len(q))
	}
}

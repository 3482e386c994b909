package ui

import (
	"context"
	"errors"

	"kynangso/results"
)

// ErrNoNetwork means the laptop has no address on a local network: it has
// not joined the hotspot or the pocket router yet.
var ErrNoNetwork = errors.New("the laptop is not on a local network (Wi-Fi)")

// Phones runs the phone pages (package web) for the open class: a web
// server on the local Wi-Fi that the residents' phones join. The trainer's
// page "Mở lớp trên điện thoại" starts and stops it; cli gives the real one
// to Common.Phones, and a nil Phones (tests, a build without it) shows the
// page as unavailable.
type Phones interface {
	// Start serves the phone pages for class, or returns what is already
	// running for it.
	Start(ctx context.Context, class results.ClassSession) (PhoneInfo, error)
	// Info is what is running now; false when nothing is.
	Info() (PhoneInfo, bool)
	// Stop tells the phones the class on the phone is over and stops the
	// server; it is safe to call when nothing runs.
	Stop() error
}

// PhoneInfo is what the trainer shows the room: the address to type, the
// class code, the QR code of the join address and how many phones are in.
type PhoneInfo struct {
	// URL is the plain address, e.g. http://192.168.43.10:8080.
	URL string
	// JoinURL is what the QR code holds: the address with the class code,
	// so a scan goes straight to "find your name".
	JoinURL string
	// Code is the class code, six digits.
	Code string
	// QR is the QR code of JoinURL, true for a dark module, without the
	// quiet zone (the page draws it).
	QR [][]bool
	// ClassID is the class the pages serve.
	ClassID string
	// Phones counts the phones with someone checked in.
	Phones int
}

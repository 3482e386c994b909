package hub

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// Trouble is what went wrong with the hub, in the terms a front (the
// trainer's page, the command line) words for a trainer: each kind has its
// own next step.
type Trouble int

// The kinds of trouble, from the laptop's own settings to the hub's.
const (
	TroubleNone        Trouble = iota // no error
	TroubleNoHub                      // no address set: set one (kynangso hub set), ask the province for it
	TroubleAddress                    // the address cannot be used: check what the province gave
	TroubleCertificate                // the hub's certificate cannot be checked: ask the province for its CA certificate
	TroubleLogin                      // the hub refused the login or its password: ask the province
	TroubleNotTeam                    // the login is not a team's: use the team's address
	TroubleAppOld                     // the hub is newer than this kynangso: update the app
	TroubleHubOld                     // the hub is older (or not set up): the province upgrades it
	TroubleStopped                    // cancelled by the user: what was sent is kept
	TroubleConnection                 // the hub could not be reached or the connection dropped: try where there is internet
	TroubleHub                        // the hub refused something else: tell the province
	TroubleLocal                      // this laptop's own file or disk failed: check the disk, try again
)

// TroubleOf says what kind of trouble err is (TroubleNone for nil). An
// error the hub reports that is not about the login counts as TroubleHub;
// a network error, a timeout or a dropped connection as
// TroubleConnection, which is what a laptop in a village meets most; and
// anything else as TroubleLocal (the laptop's file, its disk).
func TroubleOf(err error) Trouble {
	var pe *pgconn.PgError
	var certErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var badName x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case err == nil:
		return TroubleNone
	case errors.Is(err, ErrNoHub):
		return TroubleNoHub
	case errors.Is(err, ErrBadAddress):
		return TroubleAddress
	case errors.Is(err, ErrNotTeam):
		return TroubleNotTeam
	case errors.Is(err, ErrNewerSchema):
		return TroubleAppOld
	case errors.Is(err, ErrOlderSchema), errors.Is(err, ErrNotHub):
		return TroubleHubOld
	case errors.Is(err, context.Canceled):
		return TroubleStopped
	case errors.As(err, &certErr), errors.As(err, &unknownCA), errors.As(err, &badName), errors.As(err, &invalid):
		return TroubleCertificate
	case errors.As(err, &pe):
		switch pe.Code {
		case "28P01", "28000": // invalid password, no such role or no hba entry
			return TroubleLogin
		case "57P01", "57P02", "57P03", "08000", "08003", "08006": // the server shut down or the link broke
			return TroubleConnection
		}
		return TroubleHub
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	if errors.As(err, &ne) || errors.As(err, &ce) || pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, pgconn.ErrConnClosed) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return TroubleConnection
	}
	return TroubleLocal
}

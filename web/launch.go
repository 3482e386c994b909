package web

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"kynangso/app/ui"
	"kynangso/lessons"
	"kynangso/results"
)

// DefaultPort is the port the phone pages listen on: above 1024, so no
// administrator right is needed, and the usual "second web port" that
// phones' browsers open without a word.
const DefaultPort = 8080

// ErrNoNetwork means the laptop has no address on a local network: it has
// not joined the hotspot or the pocket router yet.
var ErrNoNetwork = ui.ErrNoNetwork

// Launcher starts and stops the phone pages for the trainer's page and
// `kynangso serve`: it is the ui.Phones the terminal app is given.
type Launcher struct {
	Store Store
	Pack  *lessons.Pack
	Now   func() time.Time
	Lang  string
	// Host is the address to listen on; empty picks the laptop's address
	// on the local Wi-Fi (LANAddress).
	Host string
	// Port is the port; 0 is DefaultPort (the next ones are tried when it
	// is taken).
	Port int
	// Grace is Config.Grace.
	Grace time.Duration

	mu  sync.Mutex
	srv *Server
	url string
}

var _ ui.Phones = (*Launcher)(nil)

// Start serves class, or returns what already serves it.
func (l *Launcher) Start(_ context.Context, class results.ClassSession) (ui.PhoneInfo, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.srv != nil {
		select {
		case <-l.srv.Stopped():
			l.srv = nil
		default:
			if l.srv.closing.Load() || l.srv.Class().ID != class.ID {
				l.srv.StopNow()
				l.srv = nil
			} else {
				return l.info(), nil
			}
		}
	}
	host := l.Host
	if host == "" {
		a, err := LANAddress()
		if err != nil {
			return ui.PhoneInfo{}, err
		}
		host = a.String()
	}
	ln, port, err := listen(host, l.Port)
	if err != nil {
		return ui.PhoneInfo{}, err
	}
	srv, err := New(Config{Store: l.Store, Pack: l.Pack, Class: class, Now: l.Now, Lang: l.Lang, Grace: l.Grace})
	if err != nil {
		ln.Close()
		return ui.PhoneInfo{}, err
	}
	go srv.Serve(ln) //nolint:errcheck // Serve ends with Stop; a failure shows as Stopped
	l.srv, l.url = srv, URL(host, port)
	return l.info(), nil
}

// listen opens host:port, or the next free port of the ten after it.
func listen(host string, port int) (net.Listener, int, error) {
	if port == 0 {
		port = DefaultPort
	}
	var first error
	for p := port; p < port+10; p++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(p)))
		if err == nil {
			return ln, ln.Addr().(*net.TCPAddr).Port, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, 0, fmt.Errorf("listen on %s: %w", host, first)
}

// Info is what runs now.
func (l *Launcher) Info() (ui.PhoneInfo, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.srv == nil {
		return ui.PhoneInfo{}, false
	}
	select {
	case <-l.srv.Stopped():
		l.srv = nil
		return ui.PhoneInfo{}, false
	default:
	}
	if l.srv.closing.Load() {
		return ui.PhoneInfo{}, false
	}
	return l.info(), true
}

func (l *Launcher) info() ui.PhoneInfo {
	join := l.url + "/v/" + l.srv.Code()
	return ui.PhoneInfo{URL: l.url, JoinURL: join, Code: l.srv.Code(), QR: QR(join),
		ClassID: l.srv.Class().ID, Phones: l.srv.Phones()}
}

// Stop tells the phones and stops the server.
func (l *Launcher) Stop() error {
	l.mu.Lock()
	srv := l.srv
	l.srv = nil
	l.mu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Stop()
}

// Server is the running server, or nil (`kynangso serve` waits on it).
func (l *Launcher) Server() *Server {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.srv
}

// QR is the QR code of text, true for a dark module, with no quiet zone.
// Level M survives a smudged or glaring laptop screen better than L and
// still fits a join address in 29×29 modules.
func QR(text string) [][]bool {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil
	}
	q.DisableBorder = true
	return q.Bitmap()
}

// LANAddress is the laptop's IPv4 address on a local network: the one the
// phones on the same hotspot or router can reach. A private address is
// preferred over a link-local one; none at all is ErrNoNetwork.
func LANAddress() (netip.Addr, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return netip.Addr{}, fmt.Errorf("list network interfaces: %w", err)
	}
	var best netip.Addr
	for _, ifc := range ifs {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip, ok := netip.AddrFromSlice(n.IP)
			if !ok || !ip.Unmap().Is4() {
				continue
			}
			ip = ip.Unmap()
			if ip.IsPrivate() {
				return ip, nil
			}
			if localPeer(ip.String()) && !best.IsValid() {
				best = ip
			}
		}
	}
	if !best.IsValid() {
		return netip.Addr{}, ErrNoNetwork
	}
	return best, nil
}

package web

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// maxBody is the most a form may send: the registration form filled to
// every limit is under 2 KB.
const maxBody = 16 << 10

// requestTimeout bounds the store calls of one request.
const requestTimeout = 10 * time.Second

// csp allows nothing but this site's own stylesheet and forms: no script
// at all, no frame, no plugin, no image or font from anywhere.
const csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'"

// guard wraps the pages in the checks every request passes, outermost
// first: only addresses of a local network, only an IP address as host,
// the security headers, the class still open, cross-origin posts refused,
// size and time limits. Pages go uncompressed: each is 1 to 4 KB, and a
// gzip writer per request (its tables weigh over half a megabyte) cost
// more memory and time than the bytes it saved on a local Wi-Fi; the
// stylesheet is compressed once (serveCSS).
func (s *Server) guard(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.refuse(w, r, http.StatusForbidden, "web.err.csrf")
	}))
	inner := cop.Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		switch {
		case !localPeer(r.RemoteAddr):
			http.Error(w, "403", http.StatusForbidden)
			return
		case !ipHost(r.Host):
			// A name in Host means a page elsewhere pointed a name at the
			// laptop (DNS rebinding): phones use the address itself.
			http.Error(w, "421", http.StatusMisdirectedRequest)
			return
		case s.closing.Load() && r.URL.Path != "/"+cssPath:
			s.refuse(w, r, http.StatusServiceUnavailable, "web.closed")
			return
		}
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		}
		ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
		defer cancel()
		inner.ServeHTTP(w, r.WithContext(ctx))
	})
}

// privateNets are the addresses a phone on the class's Wi-Fi can have.
var privateNets = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT, some pocket routers
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("fe80::/10"),
}

// localPeer reports whether addr (host:port) is this machine or on a
// local network: a laptop that is also on a public network never answers
// it.
func localPeer(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	ip = ip.Unmap().WithZone("")
	if ip.IsLoopback() {
		return true
	}
	for _, p := range privateNets {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// ipHost reports whether the Host header is an IP address (with a port or
// not) or localhost.
func ipHost(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	h = strings.Trim(h, "[]")
	if h == "localhost" {
		return true
	}
	_, err = netip.ParseAddr(h)
	return err == nil
}

package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"sync"
	"time"

	"kynangso/flow"
	"kynangso/results"
)

// cookieName is the phone's session cookie. It holds a random id only; what
// it stands for stays on the laptop, in memory, and is gone when the
// server stops (the phone then joins and finds its name again, and the
// flow resumes its attempt).
const cookieName = "kns"

// maxSessions bounds the memory a crowd of phones (or someone scripting
// new cookies) can take; the least recently seen sessions go first.
const maxSessions = 2000

// sessionLife is how long a phone's session lasts without a visit.
const sessionLife = 12 * time.Hour

// session is one phone. Its mutex serialises the phone's requests, so a
// double tap on a button runs its two posts one after the other and the
// second sees what the first did.
type session struct {
	mu       sync.Mutex
	id       string
	csrf     string
	lastSeen time.Time

	joined    bool   // the class code was given
	projector bool   // joined for the projector page only
	lang      string // "vi" or "en"
	pid       string // the person checked in on this phone

	query string   // the last name searched
	found []string // ids the last search listed: the only ones it may check in

	form     flow.Registration // the registration form as typed
	problems map[flow.Field]flow.Problem
	draft    *results.Participant // validated, waiting for consent
	created  results.Participant  // registered but not checked in (retry)

	shown map[string]time.Time // when each question was first shown
}

// sessions holds the phones' sessions by id.
type sessions struct {
	mu  sync.Mutex
	m   map[string]*session
	now func() time.Time
}

func newSessions(now func() time.Time) *sessions {
	return &sessions{m: map[string]*session{}, now: now}
}

// randomToken is 32 random bytes, URL-safe.
func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("web: no randomness: " + err.Error()) // crypto/rand does not fail on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// get returns the phone's session, or nil.
func (ss *sessions) get(r *http.Request) *session {
	c, err := r.Cookie(cookieName)
	if err != nil {
		return nil
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s := ss.m[c.Value]
	now := ss.now()
	if s == nil || now.Sub(s.lastSeen) > sessionLife {
		delete(ss.m, c.Value)
		return nil
	}
	s.lastSeen = now
	return s
}

// create starts a session and sets its cookie on w.
func (ss *sessions) create(w http.ResponseWriter, lang string) *session {
	s := &session{id: randomToken(), csrf: randomToken(), lang: lang, lastSeen: ss.now(), shown: map[string]time.Time{}}
	ss.mu.Lock()
	if len(ss.m) >= maxSessions {
		ss.evictOldest()
	}
	ss.m[s.id] = s
	ss.mu.Unlock()
	http.SetCookie(w, &http.Cookie{
		Name: cookieName, Value: s.id, Path: "/", MaxAge: int(sessionLife / time.Second),
		HttpOnly: true, SameSite: http.SameSiteStrictMode,
	})
	return s
}

func (ss *sessions) evictOldest() {
	var oldest *session
	for _, s := range ss.m {
		if oldest == nil || s.lastSeen.Before(oldest.lastSeen) {
			oldest = s
		}
	}
	if oldest != nil {
		delete(ss.m, oldest.id)
	}
}

// active counts sessions with someone checked in, seen within d.
func (ss *sessions) active(d time.Duration) int {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	now, n := ss.now(), 0
	for _, s := range ss.m {
		if now.Sub(s.lastSeen) <= d && s.hasPerson() {
			n++
		}
	}
	return n
}

// hasPerson reads pid under the session's lock... without waiting on a
// request in progress: a request holding the lock is, by itself, a sign of
// someone there.
func (s *session) hasPerson() bool {
	if !s.mu.TryLock() {
		return true
	}
	defer s.mu.Unlock()
	return s.pid != ""
}

// validCSRF reports whether the form carries the session's token.
func (s *session) validCSRF(r *http.Request) bool {
	t := r.PostFormValue("csrf")
	return t != "" && subtle.ConstantTimeCompare([]byte(t), []byte(s.csrf)) == 1
}

// checkOut forgets the person on this phone (their turn is over, or the
// next person takes the phone), keeping the phone joined to the class.
func (s *session) checkOut() {
	s.pid, s.query, s.found, s.draft = "", "", nil, nil
	s.form, s.problems, s.created = flow.Registration{}, nil, results.Participant{}
	s.shown = map[string]time.Time{}
}

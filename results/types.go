// Package results keeps everything a class produces in one SQLite file on the
// laptop: participants, class sessions, attendance, lesson progress, quiz
// attempts and answers. It also computes reports, writes exports and merges
// other laptops' databases. It never imports terminal code.
package results

import "time"

// Gender values stored for participants. Empty means not given.
const (
	GenderUnset  = ""
	GenderMale   = "nam"
	GenderFemale = "nu"
	GenderOther  = "khac"
)

// Attempt states.
const (
	StateInProgress = "in_progress"
	StateFinished   = "finished"
	StateAbandoned  = "abandoned"
)

// ConsentVersion names the consent text shown at registration; it is stored
// with each participant who agrees, so a later change of wording is traceable.
const ConsentVersion = "2026-02"

// Participant is a resident who checked in. A participant who declined
// consent is stored with Anonymous set and no personal fields.
type Participant struct {
	ID        string
	FullName  string
	BirthYear int // 0 = not given
	Gender    string
	Village   string
	Household string
	Phone     string
	// ConsentVersion and ConsentAt record the consent text agreed to; empty
	// and zero when the person declined (Anonymous).
	ConsentVersion string
	ConsentAt      time.Time
	Anonymous      bool
	// DeletedAt is set when the person's data was erased on request; the
	// record then keeps only its id (a tombstone) and is Anonymous.
	DeletedAt time.Time
	DeviceID  string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ClassSession is one class a trainer opens on a laptop.
type ClassSession struct {
	ID             string
	Title          string
	Date           string // YYYY-MM-DD, local date of the class
	Commune        string
	Villages       []string
	Trainers       []string
	PlannedModules []string
	OpenedAt       time.Time
	ClosedAt       time.Time // zero while open
	DeviceID       string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// IsOpen reports whether the class has not been closed.
func (c ClassSession) IsOpen() bool { return c.ClosedAt.IsZero() }

// Attendance is one check-in of a participant to a class session.
type Attendance struct {
	ID            string
	SessionID     string
	ParticipantID string
	CheckedInAt   time.Time
	DeviceID      string
}

// LessonProgress is how far a participant has read a module's lesson.
type LessonProgress struct {
	ParticipantID string
	ModuleID      string
	LastPage      int // 1-based page last shown
	PageCount     int
	CompletedAt   time.Time // zero until the last page was reached
	UpdatedAt     time.Time
}

// Attempt is one try at a module's quiz.
type Attempt struct {
	ID            string
	ParticipantID string // "" for anonymous practice
	SessionID     string // "" for practice outside a class
	ModuleID      string
	PackVersion   string
	Seed          uint64
	QuestionIDs   []string // the drawn questions in the order shown
	State         string
	StartedAt     time.Time
	FinishedAt    time.Time
	Score         int
	MaxScore      int
	Passed        bool
	DeviceID      string
	UpdatedAt     time.Time
	// Kind is KindQuiz for a module's quiz or KindReview for one missed
	// question asked again (review.go); a review never counts as a quiz.
	Kind string
}

// Answer is one confirmed answer, committed the moment it is given.
type Answer struct {
	ID         string
	AttemptID  string
	QuestionID string
	Chosen     []string // choice ids, sorted
	Correct    bool
	AnsweredAt time.Time
	Millis     int64 // time from showing the question to confirming
	DeviceID   string
}

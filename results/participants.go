package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"kynangso/internal/safetext"
)

// ErrInvalid wraps a plain description of a value the store refuses (for
// example a birth year in the future); callers show the text after it.
var ErrInvalid = errors.New("results: invalid value")

// SearchKey returns the key participants are searched by: the name without
// diacritics, lower case, đ→d, with apostrophes and hyphens dropped so
// "H'Hen" is found by "hhen" as well as "h'hen".
func SearchKey(name string) string {
	return strings.Join(strings.Fields(keyPunct.Replace(safetext.Fold(name))), " ")
}

var keyPunct = strings.NewReplacer("'", "", "’", "", "‘", "", "`", "", "-", " ", ".", " ", ",", " ")

// cleanParticipant normalises p's text and checks its values. Anonymous
// people keep no personal field at all.
func cleanParticipant(p *Participant, clk clock) error {
	if p.Anonymous {
		*p = Participant{ID: p.ID, Anonymous: true, DeviceID: p.DeviceID,
			CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, DeletedAt: p.DeletedAt}
		return nil
	}
	p.FullName = safetext.Line(p.FullName)
	p.Village = safetext.Line(p.Village)
	p.Household = safetext.Line(p.Household)
	p.Phone = safetext.Line(p.Phone)
	p.ConsentVersion = safetext.Line(p.ConsentVersion)
	switch {
	case CheckName(p.FullName) != NameOK:
		return fmt.Errorf("%w: %v", ErrInvalid, CheckName(p.FullName))
	case len([]rune(p.Village)) > MaxNameLen || len([]rune(p.Household)) > MaxNameLen:
		return fmt.Errorf("%w: a village or household is longer than %d characters", ErrInvalid, MaxNameLen)
	case p.ConsentVersion == "":
		return fmt.Errorf("%w: a named participant needs recorded consent (ConsentVersion); store people who decline as Anonymous", ErrInvalid)
	case p.BirthYear != 0 && (p.BirthYear < 1900 || p.BirthYear > clk.year()):
		return fmt.Errorf("%w: birth year %d is not between 1900 and this year", ErrInvalid, p.BirthYear)
	}
	switch p.Gender {
	case GenderUnset, GenderMale, GenderFemale, GenderOther:
	default:
		return fmt.Errorf("%w: gender %q is not one of %q, %q, %q or empty", ErrInvalid, p.Gender, GenderMale, GenderFemale, GenderOther)
	}
	if p.ConsentAt.IsZero() {
		p.ConsentAt = clk.now()
	}
	p.ConsentAt = p.ConsentAt.UTC().Truncate(time.Millisecond)
	return nil
}

// CreateParticipant registers a person: it assigns a UUIDv7 id, this
// laptop's device id and the times, cleans the text (control and bidi
// characters removed, NFC) and computes the search key. For an anonymous
// participant every personal field is ignored.
func (s *Store) CreateParticipant(ctx context.Context, p Participant) (Participant, error) {
	if err := cleanParticipant(&p, s.clk); err != nil {
		return Participant{}, err
	}
	p.ID = newID()
	p.DeviceID = s.deviceID
	p.CreatedAt = s.clk.now()
	p.UpdatedAt = p.CreatedAt
	p.DeletedAt = time.Time{}
	_, err := s.db.ExecContext(ctx, `INSERT INTO participants (id, full_name, search_key,
		birth_year, gender, village, household, phone, consent_version, consent_at,
		anonymous, device_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.FullName, SearchKey(p.FullName), p.BirthYear, p.Gender, p.Village,
		p.Household, p.Phone, p.ConsentVersion, nullTime(p.ConsentAt), b2i(p.Anonymous),
		p.DeviceID, fmtTime(p.CreatedAt), fmtTime(p.UpdatedAt))
	if err != nil {
		return Participant{}, fmt.Errorf("create participant: %w", err)
	}
	return p, nil
}

// UpdateParticipant corrects a person's details (name, birth year, gender,
// village, household, phone, consent) and bumps UpdatedAt. A record whose
// data was erased cannot be updated (ErrNotFound).
func (s *Store) UpdateParticipant(ctx context.Context, p Participant) error {
	if err := cleanParticipant(&p, s.clk); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE participants SET full_name = ?, search_key = ?,
		birth_year = ?, gender = ?, village = ?, household = ?, phone = ?,
		consent_version = ?, consent_at = ?, anonymous = ?, updated_at = ?
		WHERE id = ? AND deleted_at IS NULL`,
		p.FullName, SearchKey(p.FullName), p.BirthYear, p.Gender, p.Village, p.Household,
		p.Phone, p.ConsentVersion, nullTime(p.ConsentAt), b2i(p.Anonymous), s.clk.stamp(), p.ID)
	if err != nil {
		return fmt.Errorf("update participant: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

const participantCols = `id, full_name, birth_year, gender, village, household, phone,
	consent_version, consent_at, anonymous, deleted_at, device_id, created_at, updated_at`

type rowScanner interface{ Scan(dest ...any) error }

func scanParticipant(r rowScanner) (Participant, error) {
	var p Participant
	var consentAt, deletedAt, created, updated sql.NullString
	var anon int
	err := r.Scan(&p.ID, &p.FullName, &p.BirthYear, &p.Gender, &p.Village, &p.Household,
		&p.Phone, &p.ConsentVersion, &consentAt, &anon, &deletedAt, &p.DeviceID, &created, &updated)
	if err != nil {
		return Participant{}, err
	}
	p.ConsentAt, p.DeletedAt = parseTime(consentAt), parseTime(deletedAt)
	p.CreatedAt, p.UpdatedAt = parseTime(created), parseTime(updated)
	p.Anonymous = anon == 1
	return p, nil
}

// Participant returns the record with the given id (ErrNotFound if none).
// An erased record comes back with DeletedAt set and no personal field.
func (s *Store) Participant(ctx context.Context, id string) (Participant, error) {
	p, err := scanParticipant(s.db.QueryRowContext(ctx,
		`SELECT `+participantCols+` FROM participants WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Participant{}, ErrNotFound
	}
	if err != nil {
		return Participant{}, fmt.Errorf("read participant: %w", err)
	}
	return p, nil
}

// SearchParticipants finds people by name without diacritics and case:
// every word of query must occur somewhere in the name ("nguyen a" finds
// "Nguyễn Văn An"). A blank query gives no result. Anonymous, erased and
// joined-away records are never returned. Names starting with the query come
// first, then alphabetical order of the search key. limit <= 0 means 50.
func (s *Store) SearchParticipants(ctx context.Context, query string, limit int) ([]Participant, error) {
	words := strings.Fields(SearchKey(query))
	if len(words) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	// The covering partial index participants_search is scanned instead of
	// the table: instr() on short keys over 100,000 entries takes a few ms.
	var where []string
	args := make([]any, 0, len(words)+3)
	for _, w := range words {
		where = append(where, "instr(p.search_key, ?) > 0")
		args = append(args, w)
	}
	prefix := strings.Join(words, " ")
	args = append(args, prefix, limit)
	q := `SELECT ` + prefixCols("p.", participantCols) + `
		FROM participants AS p INDEXED BY participants_search
		WHERE p.anonymous = 0 AND p.deleted_at IS NULL AND ` + strings.Join(where, " AND ") + `
		  AND NOT EXISTS (SELECT 1 FROM participant_links AS l WHERE l.from_id = p.id)
		ORDER BY substr(p.search_key, 1, length(?3)) <> ?3, p.search_key, p.id
		LIMIT ?`
	q = strings.Replace(q, "?3", fmt.Sprintf("?%d", len(words)+1), 2)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("search participants: %w", err)
	}
	defer rows.Close()
	var out []Participant
	for rows.Next() {
		p, err := scanParticipant(rows)
		if err != nil {
			return nil, fmt.Errorf("search participants: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search participants: %w", err)
	}
	return out, nil
}

// prefixCols qualifies a comma-separated column list with a table alias.
func prefixCols(prefix, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = prefix + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

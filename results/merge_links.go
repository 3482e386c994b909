package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"kynangso/internal/safetext"
)

// DuplicatePair is two records that probably belong to one person: the same
// name without diacritics, birth year and village, not yet joined. A is the
// record registered first (the suggested keeper).
type DuplicatePair struct {
	A, B Participant
	// Exact is set when the household also matches (or is missing on
	// either side) and the birth year and village are known: what
	// --link-exact joins without asking.
	Exact bool
}

// CanonicalParticipantSQL returns a query with columns (id, canon_id) that
// maps every participant record to the record it counts as: the end of its
// chain of joins (participant_links, from_id joined into into_id), or
// itself. Reports count people as DISTINCT canon_id so a person joined from
// two records counts once, for example:
//
//	SELECT count(DISTINCT c.canon_id) FROM attendance a
//	JOIN (<CanonicalParticipantSQL>) c ON c.id = a.participant_id
//
// Merge removes any circle of joins, so every chain ends.
func (s *Store) CanonicalParticipantSQL() string { return canonicalSQL }

const canonicalSQL = `WITH RECURSIVE chain(id, cid) AS (
		SELECT from_id, into_id FROM participant_links
		UNION
		SELECT chain.id, l.into_id FROM chain JOIN participant_links AS l ON l.from_id = chain.cid
	)
	SELECT p.id AS id, COALESCE((SELECT c.cid FROM chain AS c WHERE c.id = p.id
		AND NOT EXISTS (SELECT 1 FROM participant_links AS x WHERE x.from_id = c.cid)), p.id) AS canon_id
	FROM participants AS p`

// canonOf returns the record id counts as, following joins.
func canonOf(ctx context.Context, q querierTx, id string) (string, error) {
	seen := map[string]bool{}
	for !seen[id] {
		seen[id] = true
		var next string
		err := q.QueryRowContext(ctx, `SELECT into_id FROM participant_links WHERE from_id = ?`, id).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			return id, nil
		}
		if err != nil {
			return "", fmt.Errorf("follow joins: %w", err)
		}
		id = next
	}
	return id, nil
}

// LinkParticipants joins the record fromID into intoID as the same person.
// Nothing is moved or deleted: every attempt, attendance and lesson page of
// both records is kept, and reports count the two as one (see
// CanonicalParticipantSQL). The join is recorded in participant_links with
// this laptop's id and the time, travels with merges and survives them.
// Joining records that are already joined changes nothing. When either
// record was itself joined away, the records they count as are joined, so
// joins never form a circle. Erased or missing records give ErrNotFound.
func (s *Store) LinkParticipants(ctx context.Context, fromID, intoID string) error {
	if fromID == intoID {
		return fmt.Errorf("%w: a record cannot be joined with itself", ErrInvalid)
	}
	return s.withTx(ctx, "join participants", func(tx *sql.Tx) error {
		return s.link(ctx, tx, fromID, intoID)
	})
}

// link joins fromID into intoID inside tx (see LinkParticipants).
func (s *Store) link(ctx context.Context, tx *sql.Tx, fromID, intoID string) error {
	for _, id := range []string{fromID, intoID} {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM participants WHERE id = ? AND deleted_at IS NULL`, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%w: no participant record %q", ErrNotFound, id)
		}
	}
	from, err := canonOf(ctx, tx, fromID)
	if err != nil {
		return err
	}
	into, err := canonOf(ctx, tx, intoID)
	if err != nil {
		return err
	}
	if from == into {
		return nil
	}
	ts := s.clk.stamp()
	_, err = tx.ExecContext(ctx, `INSERT INTO participant_links (id, from_id, into_id, linked_by,
		linked_at, device_id, created_at, updated_at) VALUES (?1, ?2, ?3, '', ?4, ?5, ?4, ?4)`,
		newID(), from, into, ts, s.deviceID)
	return err
}

// ProbableDuplicates lists pairs of records with the same name without
// diacritics (search key), birth year and village (compared without
// diacritics and case) that do not yet count as one person. Anonymous and
// erased records are left out. Pairs are sorted by name, then id.
func (s *Store) ProbableDuplicates(ctx context.Context) ([]DuplicatePair, error) {
	canon, err := s.canonMap(ctx)
	if err != nil {
		return nil, err
	}
	groups, err := s.sameNameGroups(ctx)
	if err != nil {
		return nil, err
	}
	people, err := s.participantsByID(ctx, groups)
	if err != nil {
		return nil, err
	}
	var out []DuplicatePair
	for _, ids := range groups {
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				if canon.of(ids[i]) == canon.of(ids[j]) {
					continue
				}
				a, b := people[ids[i]], people[ids[j]]
				if earlier(b, a) {
					a, b = b, a
				}
				out = append(out, DuplicatePair{A: a, B: b, Exact: a.BirthYear != 0 && a.Village != "" &&
					(a.Household == "" || b.Household == "" || safetext.Fold(a.Household) == safetext.Fold(b.Household))})
			}
		}
	}
	// Sort by name, then ids; each name is folded once, not per comparison.
	keys := make(map[string]string, len(out))
	for _, d := range out {
		if _, ok := keys[d.A.FullName]; !ok {
			keys[d.A.FullName] = SearchKey(d.A.FullName)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ka, kb := keys[a.A.FullName], keys[b.A.FullName]; ka != kb {
			return ka < kb
		}
		if a.A.ID != b.A.ID {
			return a.A.ID < b.A.ID
		}
		return a.B.ID < b.B.ID
	})
	return out, nil
}

// sameNameGroups returns the ids of findable records grouped by search key,
// birth year and village without diacritics, keeping groups of two or more.
// Grouping happens in Go: a self-join on the name alone meets every pair of
// the many people sharing a common name, most of them born other years.
func (s *Store) sameNameGroups(ctx context.Context) ([][]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, search_key, birth_year, village FROM participants
		WHERE anonymous = 0 AND deleted_at IS NULL AND search_key <> ''`)
	if err != nil {
		return nil, fmt.Errorf("find probable duplicates: %w", err)
	}
	defer rows.Close()
	type key struct {
		name, village string
		year          int
	}
	folded := map[string]string{} // few villages, many people
	groups := map[key][]string{}
	for rows.Next() {
		var id, village string
		var k key
		if err := rows.Scan(&id, &k.name, &k.year, &village); err != nil {
			return nil, fmt.Errorf("find probable duplicates: %w", err)
		}
		f, ok := folded[village]
		if !ok {
			f = safetext.Fold(village)
			folded[village] = f
		}
		k.village = f
		groups[k] = append(groups[k], id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find probable duplicates: %w", err)
	}
	var out [][]string
	for _, ids := range groups {
		if len(ids) > 1 {
			sort.Strings(ids)
			out = append(out, ids)
		}
	}
	return out, nil
}

// participantsByID reads the records named in groups, a few hundred per
// query.
func (s *Store) participantsByID(ctx context.Context, groups [][]string) (map[string]Participant, error) {
	var ids []any
	for _, g := range groups {
		for _, id := range g {
			ids = append(ids, id)
		}
	}
	out := make(map[string]Participant, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		q := `SELECT ` + participantCols + ` FROM participants WHERE id IN (?` + strings.Repeat(", ?", n-1) + `)`
		rows, err := s.db.QueryContext(ctx, q, ids[:n]...)
		if err != nil {
			return nil, fmt.Errorf("find probable duplicates: %w", err)
		}
		for rows.Next() {
			p, err := scanParticipant(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("find probable duplicates: %w", err)
			}
			out[p.ID] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("find probable duplicates: %w", err)
		}
		ids = ids[n:]
	}
	return out, nil
}

// earlier reports whether a was registered before b (ties: the smaller id):
// the keeper suggested for a pair.
func earlier(a, b Participant) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) {
		return a.CreatedAt.Before(b.CreatedAt)
	}
	return a.ID < b.ID
}

// canonMap maps joined-away record ids to the next record in their chain.
type canonMap map[string]string

// of follows the chain from id to the record it counts as.
func (c canonMap) of(id string) string {
	for i := 0; i <= len(c); i++ {
		next, ok := c[id]
		if !ok {
			return id
		}
		id = next
	}
	return id // a circle: merge removes them, so this is not reached
}

func (s *Store) canonMap(ctx context.Context) (canonMap, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT from_id, into_id FROM participant_links`)
	if err != nil {
		return nil, fmt.Errorf("read joins: %w", err)
	}
	defer rows.Close()
	c := canonMap{}
	for rows.Next() {
		var from, into string
		if err := rows.Scan(&from, &into); err != nil {
			return nil, fmt.Errorf("read joins: %w", err)
		}
		c[from] = into
	}
	return c, rows.Err()
}

// LinkExact joins every group of exact duplicates (DuplicatePair.Exact,
// grouped through shared records) into the group's record registered first
// (ties: the smaller id), so the keeper does not depend on which laptop runs
// it or in which order files were merged. It returns the pairs it found.
func (s *Store) LinkExact(ctx context.Context) ([]DuplicatePair, error) {
	dups, err := s.ProbableDuplicates(ctx)
	if err != nil {
		return nil, err
	}
	parent := map[string]string{}
	best := map[string]Participant{}
	var find func(string) string
	find = func(x string) string {
		if p, ok := parent[x]; ok && p != x {
			r := find(p)
			parent[x] = r
			return r
		}
		return x
	}
	var exact []DuplicatePair
	for _, d := range dups {
		if !d.Exact {
			continue
		}
		exact = append(exact, d)
		for _, p := range []Participant{d.A, d.B} {
			if _, ok := parent[p.ID]; !ok {
				parent[p.ID], best[p.ID] = p.ID, p
			}
		}
		ra, rb := find(d.A.ID), find(d.B.ID)
		if ra == rb {
			continue
		}
		parent[rb] = ra
		if earlier(best[rb], best[ra]) {
			best[ra] = best[rb]
		}
	}
	ids := make([]string, 0, len(parent))
	for id := range parent {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	// One transaction for all the joins: one commit, not one per pair.
	err = s.withTx(ctx, "join exact duplicates", func(tx *sql.Tx) error {
		for _, id := range ids {
			if k := best[find(id)]; k.ID != id {
				if err := s.link(ctx, tx, id, k.ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return exact, nil
}

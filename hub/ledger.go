package hub

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ledger remembers, for one laptop database and one hub, which version of
// every record the hub is known to hold: a hash of the record's key and of
// its content, as sent (or as pulled back). A sync sends the rows whose
// content hash differs, so a re-run after an interruption sends only what
// the hub did not confirm, and a sync with nothing new sends nothing. The
// pull watermark (the hub's change sequence, never a laptop clock) is kept
// beside it.
//
// The ledger lives beside the database (FILE.db.hub-sync) and belongs to
// that file: a backup does not carry it, and losing it costs one full
// resend, never data (the hub's merge is idempotent).
type ledger struct {
	path      string
	hubID     string
	watermark string // pg_snapshot_xmin of the last pull, as text; "0" for none
	sent      map[uint64]uint64
}

const ledgerMagic = "kynangso-hub-ledger 1"

// ledgerPath is where the ledger of the database at dbPath is kept.
func ledgerPath(dbPath string) string { return dbPath + ".hub-sync" }

// loadLedger reads the ledger at path for the hub hubID. A missing file, a
// damaged one or one made for another hub gives an empty ledger: everything
// is sent again, which the hub merges to the same result.
func loadLedger(path, hubID string) *ledger {
	l := &ledger{path: path, hubID: hubID, watermark: "0", sent: map[uint64]uint64{}}
	f, err := os.Open(path)
	if err != nil {
		return l
	}
	defer f.Close()
	r := bufio.NewReader(f)
	head, err := r.ReadString('\n')
	fields := strings.Fields(strings.TrimSuffix(head, "\n"))
	if err != nil || len(fields) != 5 || strings.Join(fields[:2], " ") != ledgerMagic || fields[2] != hubID {
		return l
	}
	n, err := strconv.Atoi(fields[4])
	if err != nil {
		return l
	}
	var pair [16]byte
	sent := make(map[uint64]uint64, n)
	for range n {
		if _, err := io.ReadFull(r, pair[:]); err != nil {
			return l
		}
		sent[binary.LittleEndian.Uint64(pair[:8])] = binary.LittleEndian.Uint64(pair[8:])
	}
	l.watermark, l.sent = fields[3], sent
	return l
}

// save writes the ledger to a temporary file beside it and renames it, so
// a sync cut off midway leaves the previous ledger whole.
func (l *ledger) save() error {
	f, err := os.CreateTemp(filepath.Dir(l.path), ".hub-sync-*.tmp")
	if err != nil {
		return fmt.Errorf("save sync ledger: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "%s %s %s %d\n", ledgerMagic, l.hubID, l.watermark, len(l.sent))
	var pair [16]byte
	for k, v := range l.sent {
		binary.LittleEndian.PutUint64(pair[:8], k)
		binary.LittleEndian.PutUint64(pair[8:], v)
		w.Write(pair[:])
	}
	err = errors.Join(w.Flush(), f.Sync(), f.Close())
	if err != nil {
		return fmt.Errorf("save sync ledger: %w", err)
	}
	if err := os.Rename(tmp, l.path); err != nil {
		return fmt.Errorf("save sync ledger: %w", err)
	}
	return nil
}

// unitHashes returns the hash of a unit's key (with its table) and of its
// content (results.HubReader.Digests): a row read from the laptop and the
// same row read from the hub (kynangso.sqlite_json builds the same text)
// hash alike. FNV-1a: not for secrets, only to notice a change.
func unitHashes(table, key, content string) (uint64, uint64) {
	h := fnv64(fnvOffset, table)
	h ^= 0 // the separator byte
	h *= 1099511628211
	return fnv64(h, key), fnv64(fnvOffset, content)
}

const fnvOffset = 14695981039346656037

func fnv64(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// canonicalJSON writes a row as SQLite's json_object writes it (the text
// results.HubReader.Digests compares): the columns in order, no spaces,
// strings with " and \ escaped, \b \t \n \f \r by name and the other
// control characters as \u00xx, integers as digits, NULL as null. A first
// sync hashes the rows it reads anyway instead of asking SQLite for the
// text in a second pass; TestCanonicalJSONIsSQLites holds the two equal.
func canonicalJSON(buf []byte, cols []string, vals []any) []byte {
	buf = append(buf, '{')
	for i, c := range cols {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(append(append(buf, '"'), c...), '"', ':')
		switch v := vals[i].(type) {
		case nil:
			buf = append(buf, "null"...)
		case int64:
			buf = strconv.AppendInt(buf, v, 10)
		case string:
			buf = appendJSONString(buf, v)
		default:
			buf = appendJSONString(buf, fmt.Sprint(v))
		}
	}
	return append(buf, '}')
}

func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
		case c == '\b':
			buf = append(buf, '\\', 'b')
		case c == '\t':
			buf = append(buf, '\\', 't')
		case c == '\n':
			buf = append(buf, '\\', 'n')
		case c == '\f':
			buf = append(buf, '\\', 'f')
		case c == '\r':
			buf = append(buf, '\\', 'r')
		case c < 0x20:
			buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			buf = append(buf, c)
		}
	}
	return append(buf, '"')
}

package hub

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// fingerprintTables is what results.Fingerprint hashes, in its order: every
// content table as canonical JSON in key order, and of a join only the pair
// of records.
var fingerprintTables = []struct{ name, cols, order string }{
	{"participants", "", "id"},
	{"class_sessions", "", "id"},
	{"attendance", "", "id"},
	{"lesson_progress", "", "participant_id, module_id"},
	{"attempts", "", "id"},
	{"answers", "", "id"},
	{"participant_links", "from_id, into_id", "from_id"},
}

// Fingerprint returns the SHA-256 (hex) of the hub's content computed
// exactly as results.(*Store).Fingerprint computes a laptop's (docs/merge.md,
// "Fingerprint"): a hub and a laptop file holding the same results print the
// same value. It reads one snapshot; a laptop login sees only its own rows,
// so compare with the province's login.
func Fingerprint(ctx context.Context, conn *pgx.Conn) (string, error) {
	h := sha256.New()
	err := pgx.BeginTxFunc(ctx, conn, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		for _, ft := range fingerprintTables {
			cs := ft.cols
			if cs == "" {
				cs = strings.Join(tableNamed(ft.name).Cols, ",")
			}
			arr := "{" + strings.ReplaceAll(cs, " ", "") + "}"
			rows, err := tx.Query(ctx, fmt.Sprintf(`SELECT kynangso.sqlite_json(to_jsonb(t), $1) FROM kynangso.%s AS t ORDER BY %s`,
				ft.name, ft.order), arr)
			if err != nil {
				return fmt.Errorf("hub fingerprint %s: %w", ft.name, err)
			}
			fmt.Fprintf(h, "table %s\n", ft.name)
			for rows.Next() {
				var line string
				if err := rows.Scan(&line); err != nil {
					rows.Close()
					return fmt.Errorf("hub fingerprint %s: %w", ft.name, err)
				}
				h.Write([]byte(line))
				h.Write([]byte{'\n'})
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("hub fingerprint %s: %w", ft.name, err)
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// tablesCheck guards the assumption above: the fingerprint's tables are
// tables a sync exchanges.
var _ = func() bool {
	for _, ft := range fingerprintTables {
		tableNamed(ft.name)
	}
	return true
}()

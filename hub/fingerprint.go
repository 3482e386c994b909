package hub

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/jackc/pgx/v5"

	"kynangso/results"
)

// Fingerprint returns the SHA-256 (hex) of the hub's content computed
// exactly as results.(*Store).Fingerprint computes a laptop's (docs/merge.md,
// "Fingerprint"): a hub and a laptop file holding the same results print the
// same value. It reads one snapshot; a laptop login sees only its own rows,
// so compare with the province's login.
func Fingerprint(ctx context.Context, conn *pgx.Conn) (string, error) {
	h := sha256.New()
	err := pgx.BeginTxFunc(ctx, conn, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		for _, ft := range results.FingerprintTables() {
			rows, err := tx.Query(ctx, fmt.Sprintf(`SELECT kynangso.sqlite_json(to_jsonb(t), $1) FROM kynangso.%s AS t ORDER BY %s`,
				ft.Name, ft.Order), ft.Cols)
			if err != nil {
				return fmt.Errorf("hub fingerprint %s: %w", ft.Name, err)
			}
			fmt.Fprintf(h, "table %s\n", ft.Name)
			for rows.Next() {
				var line string
				if err := rows.Scan(&line); err != nil {
					rows.Close()
					return fmt.Errorf("hub fingerprint %s: %w", ft.Name, err)
				}
				h.Write([]byte(line))
				h.Write([]byte{'\n'})
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("hub fingerprint %s: %w", ft.Name, err)
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

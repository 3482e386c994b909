package hub

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Connect opens a connection to the hub at c. Errors never show the
// password. The connection gives up after 20 seconds, a phone's 4G being
// slow to answer but a dead link being worth saying so.
func Connect(ctx context.Context, c Config) (*pgx.Conn, error) {
	pc, err := pgx.ParseConfig(c.DSN)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadAddress, maskErr(err, c.DSN))
	}
	if pc.ConnectTimeout == 0 {
		pc.ConnectTimeout = 20 * time.Second
	}
	pc.RuntimeParams["application_name"] = "kynangso"
	conn, err := pgx.ConnectConfig(ctx, pc)
	if err != nil {
		return nil, maskErr(fmt.Errorf("connect to the hub: %w", err), c.DSN)
	}
	return conn, nil
}

// Team is a team's login on the hub.
type Team struct {
	Role    string // the PostgreSQL role its laptops connect as
	Name    string
	Commune string
}

// AddTeam creates a team's login role (member of kynangso_laptop) with
// password and records it under its commune, creating the commune when it
// is new. The connected role needs CREATEROLE (the hub's owner). The role
// name must be a plain lower-case identifier.
func AddTeam(ctx context.Context, conn *pgx.Conn, t Team, password string) error {
	if !plainIdent(t.Role) {
		return fmt.Errorf("%w: the role %q must be lower-case letters, digits and _", ErrBadAddress, t.Role)
	}
	if strings.TrimSpace(t.Commune) == "" {
		return fmt.Errorf("%w: a team needs a commune", ErrBadAddress)
	}
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		lit, err := quoteLiteral(ctx, tx, password)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, fmt.Sprintf(`CREATE ROLE %s LOGIN PASSWORD %s IN ROLE kynangso_laptop`,
			pgx.Identifier{t.Role}.Sanitize(), lit)); err != nil {
			return fmt.Errorf("create team role %s: %w", t.Role, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO kynangso.communes (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, t.Commune); err != nil {
			return fmt.Errorf("add commune: %w", err)
		}
		_, err = tx.Exec(ctx, `INSERT INTO kynangso.teams (role_name, name, commune_id)
			SELECT $1, $2, id FROM kynangso.communes WHERE name = $3`, t.Role, t.Name, t.Commune)
		if err != nil {
			return fmt.Errorf("add team: %w", err)
		}
		return nil
	})
}

// AddProvince creates a login role that reads every commune (member of
// kynangso_province), for the province staff's reports.
func AddProvince(ctx context.Context, conn *pgx.Conn, role, password string) error {
	if !plainIdent(role) {
		return fmt.Errorf("%w: the role %q must be lower-case letters, digits and _", ErrBadAddress, role)
	}
	lit, err := quoteLiteral(ctx, conn, password)
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, fmt.Sprintf(`CREATE ROLE %s LOGIN PASSWORD %s IN ROLE kynangso_province`,
		pgx.Identifier{role}.Sanitize(), lit))
	if err != nil {
		return fmt.Errorf("create province role %s: %w", role, err)
	}
	return nil
}

// quoteLiteral quotes s as an SQL literal by the server's own rules (CREATE
// ROLE takes no parameters).
func quoteLiteral(ctx context.Context, q querier, s string) (string, error) {
	var lit string
	if err := q.QueryRow(ctx, `SELECT quote_literal($1::text)`, s).Scan(&lit); err != nil {
		return "", fmt.Errorf("quote password: %w", err)
	}
	return lit, nil
}

func plainIdent(s string) bool {
	if s == "" || len(s) > 63 || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// NewPassword returns a random password of 26 letters and digits (130 bits),
// easy to type from paper.
func NewPassword() string {
	b := make([]byte, 16)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

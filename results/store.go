package results

import (
	"context"
	"database/sql"
	"errors"
)

// Store is the results database. Placeholder until the store lands: the
// results-store work replaces this file.
type Store struct {
	db *sql.DB
}

// Open opens (creating if needed) the results database at path.
func Open(ctx context.Context, path string) (*Store, error) {
	return nil, errors.New("not implemented yet")
}

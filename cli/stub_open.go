package cli

import (
	"context"
	"errors"

	"kynangso/results"
)

// Placeholder: delete this file when cli/store.go lands.

// OpenStore opens the results database chosen by --db, $KYNANGSO_DB,
// portable mode or the user data folder.
func (o *Options) OpenStore(ctx context.Context) (*results.Store, error) {
	return nil, errors.New("not implemented yet")
}

package cli

import (
	"context"
	"errors"
)

// Placeholder: delete this file when the real TUI start lands in its own file.
func runTUI(ctx context.Context, o *Options) error { return errors.New("not implemented yet") }

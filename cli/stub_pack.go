package cli

import (
	"errors"

	"kynangso/lessons"
)

// Placeholder: delete this file when LoadPack lands in cli/content.go.

// LoadPack loads the built-in pack plus the modules of --content.
func (o *Options) LoadPack() (*lessons.Pack, error) {
	return nil, errors.New("not implemented yet")
}

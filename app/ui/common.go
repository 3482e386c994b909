package ui

import (
	"context"
	"time"

	"kynangso/flow"
	"kynangso/lessons"
)

// MaxContentWidth is the widest the content column grows on a big terminal;
// longer lines are hard to read for people new to screens.
const MaxContentWidth = 76

// DefaultIdleTimeout is how long a participant screen may sit untouched
// before the app returns to the welcome screen for the next person.
const DefaultIdleTimeout = 10 * time.Minute

// SettingIdleMinutes is the local store setting that overrides the idle
// timeout, in whole minutes.
const SettingIdleMinutes = flow.SettingIdleMinutes

// Common is shared by the root model and every screen: sizes, styles, keys,
// language, services and the current visit. Screens keep a pointer to it, so
// a resize, a background change or a language switch reaches all of them.
type Common struct {
	// Width and Height are the size of the content area a screen draws in
	// (the header and help line excluded).
	Width, Height int

	Styles *Styles
	Keys   KeyMap
	Cat    Catalog

	Store flow.Store
	// Stores are the parts of the store the trainer's area uses.
	Stores Stores
	// Flow holds the rules of a visit; screens call it from commands.
	Flow *flow.Flow
	Pack *lessons.Pack
	// Ctx bounds store calls made from commands.
	Ctx context.Context
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Seed gives each new attempt its random seed; tests replace it.
	Seed func() uint64
	// Phones runs the phone pages for the open class (nil: not offered).
	Phones Phones

	// Visit is the person at the keyboard; it is reset for the next person.
	Visit Visit
}

// Visit is what the app knows about the person currently at the keyboard.
type Visit = flow.Visit

// ClassNow is the open class as the flow takes it.
func (c *Common) ClassNow() flow.Class {
	return flow.Class{Session: c.Visit.Class, Open: c.Visit.HasClass}
}

// SetLang switches the interface language and rebuilds the key help.
func (c *Common) SetLang(lang string) {
	c.Cat = NewCatalog(lang)
	c.Keys = NewKeyMap(c.Cat)
}

// Lang returns the current interface language code.
func (c *Common) Lang() string { return c.Cat.Lang }

package ui

import (
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// probe is a page that records what it was sent.
type probe struct {
	Page
	got []tea.Msg
}

func (p *probe) Init() tea.Cmd                           { return nil }
func (p *probe) SetSize(int, int)                        {}
func (p *probe) HelpKeys() []key.Binding                 { return nil }
func (p *probe) View() string                            { return "" }
func (p *probe) Update(msg tea.Msg) (Component, tea.Cmd) { p.got = append(p.got, msg); return p, nil }

func TestOverlayAddressesPages(t *testing.T) {
	var o Overlay
	base, a, b := &probe{}, &probe{}, &probe{}
	o.Reset(base)
	o.Push(a)
	o.Push(b)
	if a.PageID() == b.PageID() || a.PageID() == 0 || o.Front() != b || o.Base() != base {
		t.Fatalf("ids %d %d, front %p", a.PageID(), b.PageID(), o.Front())
	}
	o.Deliver(a.PageID(), "for a")
	o.Update("key")
	if len(a.got) != 1 || a.got[0] != "for a" || len(b.got) != 1 || b.got[0] != "key" || len(base.got) != 0 {
		t.Fatalf("a %v b %v base %v", a.got, b.got, base.got)
	}
	// Closing a closes what was opened over it; their answers go nowhere.
	if !o.Close(a.PageID()) || o.Front() != base || o.Has(b.PageID()) {
		t.Fatalf("after closing a: front %p, b open %v", o.Front(), o.Has(b.PageID()))
	}
	o.Deliver(b.PageID(), "late")
	if len(b.got) != 1 {
		t.Errorf("a closed page got %v", b.got)
	}
	if o.Close(base.PageID()) {
		t.Error("the screen at the bottom was closed")
	}
	c := &probe{}
	if !o.Replace(base.PageID(), c) || o.Base() != c || c.PageID() <= b.PageID() {
		t.Errorf("replace: base %p, id %d", o.Base(), c.PageID())
	}
}

func TestLatest(t *testing.T) {
	var l Latest
	first, second := l.Next(), l.Next()
	if l.Is(first) || !l.Is(second) {
		t.Errorf("first %d second %d", first, second)
	}
}

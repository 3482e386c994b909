package ui

import tea "charm.land/bubbletea/v2"

// PageID names one open page (a screen, a trainer page or a dialog) for as
// long as it is open. Ids are never reused, so an answer addressed to a
// page that has closed finds nobody and is dropped.
type PageID int

// Page gives a component its id on the overlay; components embed it. The
// overlay sets the id when the page is opened.
type Page struct{ id PageID }

// SetPageID is called by the overlay when the page opens.
func (p *Page) SetPageID(id PageID) { p.id = id }

// PageID is the page's id (0 before it is opened).
func (p *Page) PageID() PageID { return p.id }

// To addresses msg to this page.
func (p *Page) To(msg tea.Msg) tea.Msg { return Addressed{To: p.id, Msg: msg} }

// Cmd runs cmd and addresses what it returns to this page: every store
// result reaches the page that asked for it, and nobody else.
func (p *Page) Cmd(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	id := p.id
	return func() tea.Msg {
		msg := cmd()
		if msg == nil {
			return nil
		}
		return Addressed{To: id, Msg: msg}
	}
}

// Close asks the root to close this page (and anything opened over it).
func (p *Page) Close() tea.Cmd { return Send(CloseMsg{ID: p.id}) }

// Addressed carries a message to one page of the overlay.
type Addressed struct {
	To  PageID
	Msg tea.Msg
}

// PushMsg opens a page on top of the front one.
type PushMsg struct{ Page Component }

// CloseMsg closes a page and whatever was opened over it.
type CloseMsg struct{ ID PageID }

// ReplaceMsg puts Page where the page ID is (a form that became a report,
// the PIN page that became the trainer's menu).
type ReplaceMsg struct {
	ID   PageID
	Page Component
}

// Reloader is a page that reads its data again when it comes back to the
// front: the page closed over it may have changed that data.
type Reloader interface{ Reload() tea.Cmd }

// Overlay is the stack of open pages: the screen at the bottom, then the
// trainer's pages and dialogs opened over it. Keys go to the front page;
// an addressed message goes to its page only.
type Overlay struct {
	entries []entry
	next    PageID
}

type entry struct {
	id PageID
	c  Component
}

// open gives c the next id.
func (o *Overlay) open(c Component) entry {
	o.next++
	if p, ok := c.(interface{ SetPageID(PageID) }); ok {
		p.SetPageID(o.next)
	}
	return entry{id: o.next, c: c}
}

// Reset makes base the only page.
func (o *Overlay) Reset(base Component) {
	o.entries = []entry{o.open(base)}
}

// Push opens c on top.
func (o *Overlay) Push(c Component) { o.entries = append(o.entries, o.open(c)) }

// Close closes the page id and those over it; it reports whether the
// page was open. The bottom page is never closed.
func (o *Overlay) Close(id PageID) bool {
	for i := 1; i < len(o.entries); i++ {
		if o.entries[i].id == id {
			o.entries = o.entries[:i]
			return true
		}
	}
	return false
}

// Replace puts c where the page id is, closing the pages over it.
func (o *Overlay) Replace(id PageID, c Component) bool {
	for i, e := range o.entries {
		if e.id == id {
			o.entries = append(o.entries[:i], o.open(c))
			return true
		}
	}
	return false
}

// Has reports whether the page id is open.
func (o *Overlay) Has(id PageID) bool {
	for _, e := range o.entries {
		if e.id == id {
			return true
		}
	}
	return false
}

// Base is the bottom page (the screen), Front the top one.
func (o *Overlay) Base() Component { return o.entries[0].c }

// Front is the page that has the keys.
func (o *Overlay) Front() Component { return o.entries[len(o.entries)-1].c }

// Len is how many pages are open.
func (o *Overlay) Len() int { return len(o.entries) }

// Update sends msg to the front page.
func (o *Overlay) Update(msg tea.Msg) tea.Cmd {
	e := &o.entries[len(o.entries)-1]
	var cmd tea.Cmd
	e.c, cmd = e.c.Update(msg)
	return cmd
}

// Deliver sends msg to the page id; a closed page gets nothing.
func (o *Overlay) Deliver(id PageID, msg tea.Msg) tea.Cmd {
	for i := range o.entries {
		if e := &o.entries[i]; e.id == id {
			var cmd tea.Cmd
			e.c, cmd = e.c.Update(msg)
			return cmd
		}
	}
	return nil
}

// SetSize sizes every page.
func (o *Overlay) SetSize(w, h int) {
	for _, e := range o.entries {
		e.c.SetSize(w, h)
	}
}

// Latest numbers a page's requests so that it takes only the answer to the
// last one it made: when two loads race (the old filter's and the new
// one's), the late answer to the old request is dropped instead of showing
// one filter's data under another's label.
type Latest struct{ n int }

// Next numbers a new request.
func (l *Latest) Next() int { l.n++; return l.n }

// Is reports whether n is the latest request.
func (l *Latest) Is(n int) bool { return n == l.n }

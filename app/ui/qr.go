package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// qrQuiet is the light margin drawn round a QR code, in modules: a scanner
// needs it, and the terminal's dark background around it does not count.
const qrQuiet = 2

// QRLines draws the QR code with half blocks, two modules a line: light
// modules as block characters in the terminal's text colour, dark ones as
// spaces, with a light quiet zone. Light on dark is how a terminal with no
// colour (NO_COLOR) shows it, and phones' scanners read it; where colour
// is shown it is painted white on black, so a light terminal shows it the
// same way.
func QRLines(m [][]bool) []string {
	n := len(m) + 2*qrQuiet
	light := func(x, y int) bool {
		x, y = x-qrQuiet, y-qrQuiet
		if y < 0 || y >= len(m) || x < 0 || x >= len(m) {
			return y >= -qrQuiet && y < len(m)+qrQuiet // quiet zone, not past it
		}
		return !m[y][x]
	}
	paint := lipgloss.NewStyle().Foreground(lipgloss.Color("#ffffff")).Background(lipgloss.Color("#000000"))
	var out []string
	for y := 0; y < n; y += 2 {
		var b strings.Builder
		for x := range n {
			top, bottom := light(x, y), y+1 < n && light(x, y+1)
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteString(" ")
			}
		}
		out = append(out, paint.Render(b.String()))
	}
	return out
}

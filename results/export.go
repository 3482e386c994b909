package results

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"kynangso/internal/safetext"
)

// Format is the file format of an export.
type Format string

// The export formats.
const (
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
)

// ExportKind says which file an export writes.
type ExportKind string

// The exports trainers hand in.
const (
	// ExportAttendance is the sign-in sheet: one row per person per class.
	ExportAttendance ExportKind = "attendance"
	// ExportResults is one row per person × module, then the item analysis.
	ExportResults ExportKind = "results"
)

// ExportOptions chooses what an export holds. The catalog gives the labels
// and the language (Catalog.Lang: "vi", or "en" for English headers).
type ExportOptions struct {
	Filter  Filter
	Catalog Catalog
	// WithPhone adds the phone column (personal data: only when asked).
	WithPhone bool
}

// ExportInfo describes a written export, for naming the file and telling
// the trainer what was written.
type ExportInfo struct {
	// Rows counts the data rows of the main table.
	Rows int
	// Place is the class's commune, the filter's village or the one commune
	// of every class in the filter ("" when there are several).
	Place string
	// Date is the class date, the filter's To date, or the latest class date.
	Date string
}

// Export writes the export of kind in format to w.
func (s *Store) Export(ctx context.Context, w io.Writer, kind ExportKind, format Format, opt ExportOptions) (ExportInfo, error) {
	if format != FormatCSV && format != FormatXLSX {
		return ExportInfo{}, fmt.Errorf("%w: export format %q is not csv or xlsx", ErrInvalid, format)
	}
	var (
		b    *exportBook
		info ExportInfo
		err  error
	)
	switch kind {
	case ExportAttendance:
		b, info, err = s.attendanceBook(ctx, opt)
	case ExportResults:
		b, info, err = s.resultsBook(ctx, opt)
	default:
		return ExportInfo{}, fmt.Errorf("%w: export kind %q is not attendance or results", ErrInvalid, kind)
	}
	if err != nil {
		return ExportInfo{}, err
	}
	defer b.close()
	b.lang, b.created = opt.Catalog.Lang, s.clk.now()
	if format == FormatCSV {
		info.Rows, err = writeCSV(ctx, w, b)
	} else {
		info.Rows, err = writeXLSX(ctx, w, b)
	}
	if err != nil {
		return ExportInfo{}, fmt.Errorf("export %s: %w", kind, err)
	}
	return info, nil
}

// NeutraliseCell makes a text cell safe to open in a spreadsheet (the OWASP
// CSV-injection rule): a value starting with =, +, -, @, tab, carriage
// return or line feed gets a leading single quote, so a name such as
// "=HYPERLINK(...)" is shown as text and never run. Other values are
// returned unchanged.
func NeutraliseCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return "'" + s
	}
	return s
}

// colKind says how a column's values are written.
type colKind int

const (
	colText     colKind = iota // user or label text: always a string cell
	colShort                   // short text (a gender, module codes): centred on the sign-in sheet
	colID                      // ids and phones: text, leading zeros kept
	colInt                     // counts and years
	colFloat                   // percentages
	colDate                    // time.Time shown as a date
	colDateTime                // time.Time shown as date and time
	colClock                   // time.Time shown as the time of day in XLSX (the date is in the header), date and time in CSV
)

// column is one column of an export table.
type column struct {
	label string
	kind  colKind
	width float64 // characters, for XLSX
}

// headerLine is one "label: value" line of a table's header block; the
// value is a string or a time.Time (a date, written as a real date cell in
// XLSX).
type headerLine struct {
	label string
	value any
}

// exportTable is one table of an export: a title, a block of "label: value"
// lines (the class header), the column headers and a row source that is
// read once, streaming.
type exportTable struct {
	sheet  string
	title  string
	header []headerLine
	cols   []column
	// rows calls emit for every row; values are string, int, float64,
	// time.Time (zero = empty) or nil (empty).
	rows func(emit func([]any) error) error
	// total, when set, is called after the rows and gives the line printed
	// under the table ("Tổng số: 30 người").
	total func() string
	// main marks the table whose rows ExportInfo.Rows counts.
	main bool
	// form marks the sign-in sheet: in XLSX a bordered table with rows tall
	// enough to sign in, printed on A4 with a sign-off block under it.
	form bool
}

// exportBook is the tables of one export plus the module summary shown on
// the XLSX "Tổng hợp" sheet, and what the file's properties say.
type exportBook struct {
	tables  []exportTable
	summary []ModuleSummary
	closers []func()
	// title and subject are the document properties (XLSX).
	title, subject string
	// lang and created are set by Export: the labels' language and the
	// store's clock, for the document properties.
	lang    string
	created time.Time
}

func (b *exportBook) close() {
	for _, c := range b.closers {
		c()
	}
}

// cellText renders a value as CSV text; strings are cleaned and neutralised.
// Dates are written dd/mm/yyyy, as people read them.
func cellText(v any, kind colKind) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return NeutraliseCell(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		if x.IsZero() {
			return ""
		}
		if kind == colDateTime || kind == colClock {
			return x.Format(PrintDateTimeLayout)
		}
		return x.Format(PrintDateLayout)
	}
	return NeutraliseCell(fmt.Sprint(v))
}

// writeCSV writes the tables as UTF-8 CSV with a BOM (so Excel on Windows
// reads Vietnamese correctly) and CRLF line ends, a blank line between
// blocks. It returns the main table's row count.
func writeCSV(ctx context.Context, w io.Writer, b *exportBook) (int, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	n := 0
	for i, t := range b.tables {
		if i > 0 {
			_ = cw.Write(nil)
		}
		if t.title != "" {
			_ = cw.Write([]string{NeutraliseCell(t.title)})
		}
		for _, h := range t.header {
			_ = cw.Write([]string{NeutraliseCell(h.label), cellText(h.value, colDate)})
		}
		if t.title != "" || len(t.header) > 0 {
			_ = cw.Write(nil)
		}
		head := make([]string, len(t.cols))
		for j, c := range t.cols {
			head[j] = NeutraliseCell(c.label)
		}
		_ = cw.Write(head)
		rec := make([]string, len(t.cols))
		err := t.rows(func(vals []any) error {
			for j := range rec {
				rec[j] = ""
				if j < len(vals) {
					rec[j] = cellText(vals[j], t.cols[j].kind)
				}
			}
			if t.main {
				n++
				if n%4096 == 0 && ctx.Err() != nil {
					return ctx.Err()
				}
			}
			return cw.Write(rec)
		})
		if err != nil {
			return n, err
		}
		if t.total != nil {
			_ = cw.Write(nil)
			_ = cw.Write([]string{NeutraliseCell(t.total())})
		}
	}
	cw.Flush()
	return n, cw.Error()
}

// clean is how user text enters an export: one line, no terminal controls,
// NFC.
func clean(s string) string { return safetext.Line(s) }

// ExportFileName returns a file name for an export: kind, place and date,
// ASCII only, e.g. "diem-danh_xa-ea-tu_2026-03-10.xlsx" (Vietnamese) or
// "attendance_xa-ea-tu_2026-03-10.xlsx" (English).
func ExportFileName(kind ExportKind, format Format, info ExportInfo, lang string) string {
	name := map[ExportKind][2]string{
		ExportAttendance: {"diem-danh", "attendance"},
		ExportResults:    {"ket-qua", "results"},
	}[kind]
	base := name[0]
	if lang == "en" {
		base = name[1]
	}
	if base == "" {
		base = string(kind)
	}
	place := Slug(info.Place)
	if place == "" {
		place = map[bool]string{true: "all", false: "tat-ca"}[lang == "en"]
	}
	file := base + "_" + place
	if _, err := time.Parse(DateLayout, info.Date); err == nil {
		file += "_" + info.Date
	}
	return file + "." + string(format)
}

// Slug makes an ASCII file-name part of s: without diacritics (đ→d), lower
// case, words joined by hyphens, at most 40 characters (cut between words).
func Slug(s string) string { return safetext.Slug(s, 40) }

// DefaultExportDir returns the folder exports are saved to from the
// trainer's screens: the user's Documents folder when it exists (on Windows
// the one the known-folder API names, which follows a move to OneDrive or
// another drive; elsewhere $XDG_DOCUMENTS_DIR, then ~/Documents), else the
// current folder.
func DefaultExportDir() string {
	return defaultExportDir(systemDocuments().dirs(), os.Getwd)
}

func defaultExportDir(docs []string, wd func() (string, error)) string {
	for _, c := range docs {
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return c
		}
	}
	if d, err := wd(); err == nil {
		return d
	}
	return "."
}

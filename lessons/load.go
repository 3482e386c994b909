package lessons

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"kynangso/internal/safetext"
)

// MaxFileSize is the largest content file the loader reads; anything bigger
// is certainly a mistake (a video, a database) and would slow the app.
const MaxFileSize = 1 << 20

// DefaultLanguages are the languages a folder without pack.yaml is checked
// against: those of the built-in pack, Vietnamese first.
var DefaultLanguages = []string{"vi", "en"}

// LocalVersionPrefix starts the PackVersion of modules loaded from a folder
// without pack.yaml; a digest of the module's files follows, so results stay
// traceable to the exact content they were taken on.
const LocalVersionPrefix = "local-"

// Load reads a content pack from fsys and reports every problem found, not
// only the first. fsys may hold a pack (pack.yaml and one folder per
// module), just module folders (checked against DefaultLanguages), or a single
// module (module.yaml at its root). The pack returned is never nil: when there
// are problems it holds the modules that could be read.
func Load(fsys fs.FS) (*Pack, []Problem) {
	return load(fsys, "")
}

// LoadDir loads the content pack in the folder dir; see Load.
func LoadDir(dir string) (*Pack, []Problem) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return &Pack{Languages: slices.Clone(DefaultLanguages)}, []Problem{{
			File: filepath.ToSlash(dir),
			Msg:  "folder not found or not a folder: give the folder that holds pack.yaml or the module folders",
		}}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	return load(newContentFS(dir), filepath.Base(abs))
}

// loader holds the state of one Load.
type loader struct {
	fsys  fs.FS
	probs problemList
	langs []string
	sum   hash.Hash // digest of the current module's files, or nil
}

func load(fsys fs.FS, rootName string) (*Pack, []Problem) {
	l := &loader{fsys: fsys}
	pack := &Pack{}
	if _, err := fs.Stat(fsys, "module.yaml"); err == nil {
		pack.Languages = slices.Clone(DefaultLanguages)
		l.langs = pack.Languages
		l.sum = sha256.New()
		if m := l.loadModule("", rootName); m != nil {
			m.PackVersion = LocalVersionPrefix + hex.EncodeToString(l.sum.Sum(nil))[:12]
			pack.Modules = append(pack.Modules, m)
		}
		return pack, l.sorted()
	}
	hasPack := l.loadPackFile(pack)
	l.langs = pack.Languages
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		l.probs.add(".", 0, "cannot read the folder: %v", err)
	}
	seen := map[string]string{}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		if !hasPack {
			l.sum = sha256.New()
		}
		m := l.loadModule(e.Name()+"/", e.Name())
		if m == nil {
			continue
		}
		if prev, dup := seen[m.ID]; dup {
			l.probs.add(e.Name()+"/module.yaml", 1, "module id %q is also used by folder %s/: module ids must be unique", m.ID, prev)
			continue
		}
		seen[m.ID] = e.Name()
		m.PackVersion = pack.Version
		if l.sum != nil {
			m.PackVersion = LocalVersionPrefix + hex.EncodeToString(l.sum.Sum(nil))[:12]
		}
		pack.Modules = append(pack.Modules, m)
	}
	if len(pack.Modules) == 0 && len(l.probs.items) == 0 {
		l.probs.add(".", 0, "no modules found: a pack holds one folder per module, each with module.yaml, quiz.yaml and lesson.<lang>.md")
	}
	sortModules(pack.Modules)
	return pack, l.sorted()
}

// sorted returns the problems by file, then line, keeping the order they
// were found in within a line.
func (l *loader) sorted() []Problem {
	slices.SortStableFunc(l.probs.items, func(a, b Problem) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return l.probs.items
}

// sortModules orders modules for the menu: by order, then by id.
func sortModules(ms []*Module) {
	slices.SortStableFunc(ms, func(a, b *Module) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// readFile reads name, reporting a missing file (when required), anything
// that is not a regular file, a file over MaxFileSize, NUL bytes, invalid
// UTF-8 and hidden control or format characters. It strips a byte-order
// mark and turns CRLF into LF, since Windows editors add both.
func (l *loader) readFile(name string, required bool) ([]byte, bool) {
	data, ok := l.readRegular(name, required)
	if !ok {
		return nil, false
	}
	if l.sum != nil {
		fmt.Fprintf(l.sum, "%s\x00%d\x00", name, len(data))
		l.sum.Write(data)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		l.probs.add(name, lineAt(data, i), "the file holds a NUL byte: it is not a text file, or was saved as UTF-16; save it as UTF-8")
		return nil, false
	}
	if !utf8.Valid(data) {
		l.probs.add(name, lineAt(data, firstInvalidUTF8(data)), "the file is not valid UTF-8 text: save it as UTF-8 (not Windows-1258 or another code page)")
		return nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	l.reportHiddenChars(name, data)
	return data, true
}

// readRegular returns the bytes of name if it is a regular file (after
// following links) of at most MaxFileSize. The kind is checked before the
// file is opened, because reading a device such as /dev/zero never ends and
// opening a FIFO waits for a writer; the open file is checked again and read
// through a limit, in case it was swapped or grew in between.
func (l *loader) readRegular(name string, required bool) ([]byte, bool) {
	st, err := fs.Stat(l.fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		if required {
			l.probs.add(name, 0, "missing file: %s", missingHint(path.Base(name)))
		}
		return nil, false
	}
	if err != nil {
		l.probs.add(name, 0, "không đọc được tệp / cannot read the file: %v", err)
		return nil, false
	}
	if !st.Mode().IsRegular() {
		l.probs.add(name, 0, "%s", l.notRegularMsg(name, st.Mode()))
		return nil, false
	}
	if st.Size() > MaxFileSize {
		l.probs.add(name, 0, "%s", tooLargeMsg(st.Size()))
		return nil, false
	}
	f, err := l.fsys.Open(name)
	if err != nil {
		l.probs.add(name, 0, "không đọc được tệp / cannot read the file: %v", err)
		return nil, false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		l.probs.add(name, 0, "tệp vừa bị thay khi đang đọc, hãy kiểm tra lại / the file changed while it was read: check it again")
		return nil, false
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		l.probs.add(name, 0, "không đọc được tệp / cannot read the file: %v", err)
		return nil, false
	}
	if len(data) > MaxFileSize {
		l.probs.add(name, 0, "%s", tooLargeMsg(-1))
		return nil, false
	}
	return data, true
}

// tooLargeMsg says that a content file of size bytes (-1: not known, only
// that it is over the limit) is over MaxFileSize.
func tooLargeMsg(size int64) string {
	vi, en := "lớn hơn 1 MiB", "over 1 MiB"
	if size >= 0 {
		mib := fmt.Sprintf("%.1f", float64(size)/(1<<20))
		vi, en = "nặng "+strings.Replace(mib, ".", ",", 1)+" MiB", "is "+mib+" MiB"
	}
	return fmt.Sprintf("tệp %s, mỗi tệp nội dung phải dưới 1 MiB: đây có lẽ là ảnh, video hay tệp khác đặt nhầm tên / "+
		"file %s; content files must be under 1 MiB: it is probably a picture, a video or another file misnamed", vi, en)
}

// notRegularMsg says what name is instead of a text file (a folder, a FIFO,
// a device, and where it links to) and what to do about it.
func (l *loader) notRegularMsg(name string, mode fs.FileMode) string {
	vi, en := "một loại tệp đặc biệt", "a special file"
	switch {
	case mode.IsDir():
		vi, en = "một thư mục", "a folder"
	case mode&fs.ModeNamedPipe != 0:
		vi, en = "một ống dẫn (FIFO)", "a named pipe (FIFO)"
	case mode&fs.ModeDevice != 0:
		vi, en = "một thiết bị", "a device"
	case mode&fs.ModeSocket != 0:
		vi, en = "một socket", "a socket"
	}
	if lst, err := fs.Lstat(l.fsys, name); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
		if to, err := fs.ReadLink(l.fsys, name); err == nil {
			to = safetext.Line(to)
			vi, en = "liên kết tới "+to+", "+vi, "a link to "+to+", which is "+en
		}
	}
	base := path.Base(name)
	return fmt.Sprintf("đây là %s, không phải tệp văn bản: hãy đặt vào chỗ này một tệp văn bản UTF-8 thường tên %s / "+
		"this is %s, not a text file: put an ordinary UTF-8 text file named %s in its place", vi, base, en, base)
}

func missingHint(base string) string {
	switch {
	case base == "module.yaml":
		return "every module folder needs a module.yaml with its id, skill, title and summary"
	case base == "quiz.yaml":
		return "every module needs a quiz.yaml with its questions"
	case strings.HasPrefix(base, "lesson."):
		return "every pack language needs its own lesson file, with the same pages"
	}
	return base + " is required"
}

// lineAt returns the 1-based line of byte offset i in data.
func lineAt(data []byte, i int) int {
	return bytes.Count(data[:i], []byte("\n")) + 1
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// Merge returns base with the modules of extra added; a module of extra
// replaces the base module with the same id. The pack identity (id, version,
// languages, title) stays that of base; each module keeps its own
// PackVersion. Neither argument is changed.
func Merge(base, extra *Pack) *Pack {
	out := *base
	out.Modules = slices.Clone(base.Modules)
	if extra == nil {
		return &out
	}
	for _, m := range extra.Modules {
		if i := slices.IndexFunc(out.Modules, func(b *Module) bool { return b.ID == m.ID }); i >= 0 {
			out.Modules[i] = m
		} else {
			out.Modules = append(out.Modules, m)
		}
	}
	sortModules(out.Modules)
	return &out
}

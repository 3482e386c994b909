//go:build windows

package results

import (
	"golang.org/x/sys/windows"
)

// removableDrives lists the drive letters Windows reports as removable
// (USB sticks, memory cards) that can be written to.
func removableDrives() []string {
	mask, err := windows.GetLogicalDrives()
	if err != nil {
		return nil
	}
	var out []string
	for i := 0; i < 26; i++ {
		if mask&(1<<uint(i)) == 0 {
			continue
		}
		root := string(rune('A'+i)) + `:\`
		p, err := windows.UTF16PtrFromString(root)
		if err != nil {
			continue
		}
		if windows.GetDriveType(p) == windows.DRIVE_REMOVABLE && isWritableDir(root) {
			out = append(out, root)
		}
	}
	return out
}

// knownDocumentsDir asks Windows where the user's Documents folder is. It
// is not always %USERPROFILE%\Documents: OneDrive's folder backup, a
// company policy or the folder's Location tab can move it (for example to
// %USERPROFILE%\OneDrive\Documents or D:\Tài liệu), and only the
// known-folder API follows the move.
func knownDocumentsDir() (string, error) {
	return windows.KnownFolderPath(windows.FOLDERID_Documents, windows.KF_FLAG_DEFAULT)
}

//go:build unix

package results

import "syscall"

func umask(m int) int { return syscall.Umask(m) }

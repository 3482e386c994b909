package lessons

import (
	"os"
	"strconv"
)

func readTestFile(name string) ([]byte, error) { return os.ReadFile(name) }

func itoa(n int) string { return strconv.Itoa(n) }

// Command kynangso runs digital-skills classes on a shared laptop: lessons and
// quizzes on the five basic digital skills, with results kept safely in a
// local SQLite file. See README.md.
package main

import (
	"context"
	"os"

	"kynangso/cli"
)

func main() {
	os.Exit(cli.Execute(context.Background(), os.Args[1:]))
}

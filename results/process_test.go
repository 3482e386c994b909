package results

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// Child processes: the test binary re-runs itself with KYNANGSO_TEST_CHILD
// set to play a second app instance writing the same database.
const childEnv = "KYNANGSO_TEST_CHILD"

func TestMain(m *testing.M) {
	pinClock()
	switch os.Getenv(childEnv) {
	case "":
		flag.Parse()
		code := m.Run()
		if search100k.path != "" {
			os.RemoveAll(filepath.Dir(search100k.path))
		}
		os.Exit(code)
	case "writer":
		os.Exit(childAnswerLoop(os.Getenv("KYNANGSO_TEST_DB"), false))
	case "crash":
		os.Exit(childAnswerLoop(os.Getenv("KYNANGSO_TEST_DB"), true))
	}
}

// childAnswerLoop answers questions until its deadline (writer) or until it
// is killed (crash), printing the id of each answer once RecordAnswer has
// returned, i.e. once it is committed. Any error ends it with status 1.
func childAnswerLoop(path string, forever bool) int {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		return 1
	}
	defer s.Close()
	p, err := s.CreateParticipant(ctx, Participant{FullName: "Người thử " + strconv.Itoa(os.Getpid()), ConsentVersion: ConsentVersion})
	if err != nil {
		fmt.Fprintln(os.Stderr, "participant:", err)
		return 1
	}
	qs := make([]string, 50)
	for i := range qs {
		qs[i] = fmt.Sprintf("q%02d", i)
	}
	out := bufio.NewWriter(os.Stdout)
	deadline := time.Now().Add(10 * time.Second)
	for n := 0; forever || time.Now().Before(deadline); n++ {
		a, err := s.StartAttempt(ctx, Attempt{ParticipantID: p.ID, ModuleID: fmt.Sprintf("m%d", n), QuestionIDs: qs})
		if err != nil {
			fmt.Fprintln(os.Stderr, "start:", err)
			return 1
		}
		for _, q := range qs {
			ans, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: q, Chosen: []string{"a"}, Correct: true})
			if err != nil {
				fmt.Fprintln(os.Stderr, "answer:", err)
				return 1
			}
			fmt.Fprintln(out, ans.ID)
			out.Flush()
		}
		if err := s.FinishAttempt(ctx, a.ID, len(qs), len(qs), true); err != nil {
			fmt.Fprintln(os.Stderr, "finish:", err)
			return 1
		}
	}
	return 0
}

func childCmd(t *testing.T, mode, path string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "KYNANGSO_TEST_DB="+path)
	return cmd
}

// TestTwoProcessesWriteAtOnce runs two app instances answering into the same
// file for 10 s: no error may reach either (busy timeout + BEGIN IMMEDIATE).
func TestTwoProcessesWriteAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	s := openTest(t) // create the schema first, as the app would have
	s.Close()
	if err := os.Rename(s.Path(), path); err != nil {
		t.Fatal(err)
	}
	var cmds []*exec.Cmd
	outs := make([]*countWriter, 2)
	for i := range outs {
		cmd := childCmd(t, "writer", path)
		outs[i] = &countWriter{}
		cmd.Stdout, cmd.Stderr = outs[i], outs[i]
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("writer %d failed: %v\n%s", i, err, outs[i].tail())
		}
	}
	s2, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var answers int
	s2.db.QueryRow(`SELECT count(*) FROM answers`).Scan(&answers)
	if answers != outs[0].lines+outs[1].lines || outs[0].lines == 0 || outs[1].lines == 0 {
		t.Fatalf("%d answers stored; writers reported %d and %d", answers, outs[0].lines, outs[1].lines)
	}
	t.Logf("two writers committed %d and %d answers in 10 s", outs[0].lines, outs[1].lines)
}

// countWriter counts output lines and keeps the last bytes for messages.
type countWriter struct {
	lines int
	last  []byte
}

func (w *countWriter) Write(b []byte) (int, error) {
	for _, c := range b {
		if c == '\n' {
			w.lines++
		}
	}
	w.last = append(w.last, b...)
	if len(w.last) > 2000 {
		w.last = w.last[len(w.last)-2000:]
	}
	return len(b), nil
}

func (w *countWriter) tail() string { return string(w.last) }

// TestCrashKeepsCommittedAnswers kills an answering child with SIGKILL at
// random moments 50 times: every answer it reported committed must be in the
// file, and the file must pass integrity_check each time.
func TestCrashKeepsCommittedAnswers(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL test")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	s := openTest(t)
	s.Close()
	if err := os.Rename(s.Path(), path); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	reported := map[string]bool{}
	for round := 0; round < 50; round++ {
		cmd := childCmd(t, "crash", path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Wait for the first committed answer, then kill after a random delay.
		first, ok := <-lines
		if !ok {
			cmd.Wait()
			t.Fatalf("round %d: child wrote nothing", round)
		}
		reported[first] = true
		time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
		cmd.Process.Kill()
		for id := range lines {
			if len(id) == 36 { // a line cut by the kill is not a report
				reported[id] = true
			}
		}
		cmd.Wait()
		checkAfterCrash(t, round, path, reported)
	}
	t.Logf("%d committed answers checked over 50 kills", len(reported))
}

func checkAfterCrash(t *testing.T, round int, path string, reported map[string]bool) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("round %d: reopen after kill: %v", round, err)
	}
	defer s.Close()
	var check string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("round %d: integrity_check = %q, %v", round, check, err)
	}
	stored := map[string]bool{}
	rows, err := s.db.Query(`SELECT id FROM answers`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		rows.Scan(&id)
		stored[id] = true
	}
	for id := range reported {
		if !stored[id] {
			t.Fatalf("round %d: answer %s was reported committed but is missing", round, id)
		}
	}
}

package results

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"
)

// TestQueryPlans prints plans and timings of the report queries on the
// cached 100k demo (scratch tool; set KYN_QP=1).
func TestQueryPlans(t *testing.T) {
	if os.Getenv("KYN_QP") == "" {
		t.Skip("set KYN_QP=1")
	}
	ctx := context.Background()
	s, err := Open(ctx, os.Getenv("KYN_DB"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sc, _ := s.newScope(ctx, Filter{})
	q := os.Getenv("KYN_Q")
	switch q {
	case "coverage":
		q = coverageQuery(sc)
	case "attrows":
		q = attendanceRowsQuery(sc)
	case "followup":
		q = followUpQuery(sc)
	}
	rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, sc.args(q, sql.Named("skills", "{}"), sql.Named("nskills", 5), sql.Named("order", "[]"))...)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a, b, c int
		var d string
		rows.Scan(&a, &b, &c, &d)
		fmt.Println(a, b, d)
	}
	rows.Close()
	start := time.Now()
	rows, err = s.db.QueryContext(ctx, q, sc.args(q, sql.Named("skills", "{}"), sql.Named("nskills", 5), sql.Named("order", "[]"))...)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	rows.Close()
	fmt.Println("rows", n, time.Since(start))
}

package digest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the current output")

// TestGoldenDigest pins one full digest of the fixtures: the second day of
// a server that saw the first dock strike reports and the breach the day
// before. Review a diff of the golden file like code.
func TestGoldenDigest(t *testing.T) {
	fs := loadFixtures(t)
	day1 := Build(Input{Items: fixtureItems(fs, only(101, 102, 103, 601, 602, 603, 604))})
	in := Input{
		PeriodStart: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC),
		PeriodEnd:   time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC),
		Items:       fixtureItems(fs, nil),
		Previous:    previousOf(day1),
	}
	got, err := json.MarshalIndent(Build(in), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "digest.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("digest differs from %s; run go test -run TestGoldenDigest -update and review the diff", path)
	}
}

package storage

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	dayStart = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	dayEnd   = dayStart.Add(24 * time.Hour)
	postTime = dayEnd.Add(8 * time.Hour)
)

func mustClaim(t *testing.T, db *DB, guild string, now time.Time, maxAttempts int) (DigestRun, bool) {
	t.Helper()
	run, ok, err := db.ClaimDigest(context.Background(), guild, dayStart, dayEnd, now, maxAttempts)
	if err != nil {
		t.Fatalf("ClaimDigest: %v", err)
	}
	return run, ok
}

func TestClaimDigestOnce(t *testing.T) {
	db, _ := openTest(t)
	run, ok := mustClaim(t, db, "g1", postTime, 3)
	if !ok || run.ID == 0 || run.State != StateClaimed || run.Attempts != 1 || !run.ClaimedAt.Equal(postTime) ||
		!run.PeriodStart.Equal(dayStart) || !run.PeriodEnd.Equal(dayEnd) || run.GuildID != "g1" {
		t.Fatalf("first claim = %+v, %v", run, ok)
	}
	again, ok := mustClaim(t, db, "g1", postTime.Add(time.Minute), 3)
	if ok {
		t.Fatal("second claim while the first is in progress returned claimed=true")
	}
	if !reflect.DeepEqual(again, run) {
		t.Errorf("second claim returned %+v, want the existing row %+v", again, run)
	}
	// Another server's same period is its own.
	if _, ok := mustClaim(t, db, "g2", postTime, 3); !ok {
		t.Error("g2 could not claim its own period")
	}
}

func TestClaimDigestRetries(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	const maxAttempts = 3
	now := postTime
	run, _ := mustClaim(t, db, "g1", now, maxAttempts)
	for attempt := 2; attempt <= maxAttempts; attempt++ {
		if err := db.DigestFailed(ctx, "g1", run.ID, "discord said 500", now); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
		var ok bool
		run, ok = mustClaim(t, db, "g1", now, maxAttempts)
		if !ok || run.Attempts != attempt || run.State != StateClaimed || !run.ClaimedAt.Equal(now) {
			t.Fatalf("re-claim %d after failure = %+v, %v", attempt, run, ok)
		}
		if run.LastError != "discord said 500" {
			t.Errorf("LastError = %q", run.LastError)
		}
	}
	if err := db.DigestFailed(ctx, "g1", run.ID, "still failing", now); err != nil {
		t.Fatal(err)
	}
	run, ok := mustClaim(t, db, "g1", now.Add(time.Hour), maxAttempts)
	if ok || run.State != StateFailed || run.Attempts != maxAttempts || run.LastError != "still failing" {
		t.Errorf("claim after %d attempts = %+v, %v; want claimed=false, failed", maxAttempts, run, ok)
	}
	// A later, higher limit lets the scheduler try again.
	if _, ok := mustClaim(t, db, "g1", now.Add(time.Hour), maxAttempts+1); !ok {
		t.Error("claim with a raised maxAttempts refused")
	}
}

func TestClaimDigestFinalStates(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		finish func(db *DB, id int64) error
		state  string
	}{
		{"posted", func(db *DB, id int64) error {
			return db.DigestPosted(ctx, "g1", id, []string{"m1", "m2"}, []int64{7, 9}, true, postTime.Add(time.Minute))
		}, StatePosted},
		{"empty", func(db *DB, id int64) error { return db.DigestEmpty(ctx, "g1", id, postTime.Add(time.Minute)) }, StateEmpty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "d.db")
			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			run, _ := mustClaim(t, db, "g1", postTime, 3)
			if err := tc.finish(db, run.ID); err != nil {
				t.Fatal(err)
			}
			// Not by this process, long after any lease...
			if got, ok := mustClaim(t, db, "g1", postTime.Add(48*time.Hour), 10); ok || got.State != tc.state {
				t.Errorf("re-claim of %s digest = %+v, %v", tc.state, got, ok)
			}
			// ...nor by a restarted one.
			db.Close()
			db, err = Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			got, ok := mustClaim(t, db, "g1", postTime.Add(48*time.Hour), 10)
			if ok || got.State != tc.state || got.Attempts != 1 {
				t.Errorf("re-claim of %s digest after restart = %+v, %v", tc.state, got, ok)
			}
			if !got.PostedAt.Equal(postTime.Add(time.Minute)) {
				t.Errorf("PostedAt = %v", got.PostedAt)
			}
			if tc.state == StatePosted {
				if !reflect.DeepEqual(got.MessageIDs, []string{"m1", "m2"}) || !reflect.DeepEqual(got.ArticleIDs, []int64{7, 9}) || !got.Late {
					t.Errorf("posted digest = %+v", got)
				}
			}
			// A final state does not change back.
			if err := db.DigestFailed(ctx, "g1", got.ID, "late failure", postTime); err == nil || !strings.Contains(err.Error(), "already "+tc.state) {
				t.Errorf("DigestFailed on a %s digest: err = %v", tc.state, err)
			}
			if after, _ := db.LastDigest(ctx, "g1"); !reflect.DeepEqual(after, got) {
				t.Errorf("digest changed by refused update: %+v", after)
			}
		})
	}
}

// TestClaimDigestAfterCrash: a claim left in state "claimed" by a process
// that died is retried by the next process at once, and by the same process
// only once the lease has run out.
func TestClaimDigestAfterCrash(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	first, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	run, _ := mustClaim(t, first, "g1", postTime, 3)
	first.Close() // crashed mid-post

	second, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	got, ok := mustClaim(t, second, "g1", postTime.Add(time.Minute), 3)
	if !ok || got.ID != run.ID || got.Attempts != 2 {
		t.Fatalf("claim after restart = %+v, %v; want re-claimed with Attempts 2", got, ok)
	}
	if _, ok := mustClaim(t, second, "g1", postTime.Add(time.Minute+ClaimLease-time.Millisecond), 3); ok {
		t.Error("same process re-claimed its own claim inside the lease")
	}
	got, ok = mustClaim(t, second, "g1", postTime.Add(time.Minute+ClaimLease), 3)
	if !ok || got.Attempts != 3 {
		t.Errorf("claim after the lease = %+v, %v; want re-claimed with Attempts 3", got, ok)
	}
	if got, ok = mustClaim(t, second, "g1", postTime.Add(time.Hour*5), 3); ok || got.Attempts != 3 {
		t.Errorf("claim beyond maxAttempts = %+v, %v; want claimed=false", got, ok)
	}
}

func TestClaimDigestConcurrent(t *testing.T) {
	db, _ := openTest(t)
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		winners int
	)
	for range 16 {
		wg.Go(func() {
			_, ok, err := db.ClaimDigest(context.Background(), "g1", dayStart, dayEnd, postTime, 3)
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				winners++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if winners != 1 {
		t.Errorf("%d goroutines claimed the same period, want exactly 1", winners)
	}
}

func TestDigestLog(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	if _, err := db.LastDigest(ctx, "g1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("LastDigest with none: err = %v, want ErrNotFound", err)
	}
	var runIDs []int64
	for day := range 4 {
		start := dayStart.AddDate(0, 0, day)
		run, ok, err := db.ClaimDigest(ctx, "g1", start, start.Add(24*time.Hour), postTime, 3)
		if err != nil || !ok {
			t.Fatalf("claim day %d: %v, %v", day, ok, err)
		}
		runIDs = append(runIDs, run.ID)
	}
	last, err := db.LastDigest(ctx, "g1")
	if err != nil || last.ID != runIDs[3] {
		t.Errorf("LastDigest = %d, %v; want %d", last.ID, err, runIDs[3])
	}
	runs, err := db.DigestRuns(ctx, "g1", 2)
	if err != nil || len(runs) != 2 || runs[0].ID != runIDs[3] || runs[1].ID != runIDs[2] {
		t.Errorf("DigestRuns(2) = %+v, %v", runs, err)
	}
	if all, _ := db.DigestRuns(ctx, "g1", 0); len(all) != 4 {
		t.Errorf("DigestRuns(0) = %d runs, want 4", len(all))
	}
	if other, _ := db.DigestRuns(ctx, "g2", 0); len(other) != 0 {
		t.Errorf("g2 sees %d of g1's digests", len(other))
	}

	// Another server cannot touch g1's digest.
	for name, call := range map[string]func() error{
		"posted": func() error { return db.DigestPosted(ctx, "g2", runIDs[0], []string{"x"}, nil, false, postTime) },
		"failed": func() error { return db.DigestFailed(ctx, "g2", runIDs[0], "x", postTime) },
		"empty":  func() error { return db.DigestEmpty(ctx, "g2", runIDs[0], postTime) },
	} {
		if err := call(); !errors.Is(err, ErrNotFound) {
			t.Errorf("Digest%s across servers: err = %v, want ErrNotFound", name, err)
		}
	}
	if err := db.DigestPosted(ctx, "g1", 9999, nil, nil, false, postTime); !errors.Is(err, ErrNotFound) {
		t.Errorf("DigestPosted on a missing ID: err = %v, want ErrNotFound", err)
	}

	long := strings.Repeat("é", maxErrorLen)
	if err := db.DigestFailed(ctx, "g1", runIDs[1], long, postTime); err != nil {
		t.Fatal(err)
	}
	runs, _ = db.DigestRuns(ctx, "g1", 0)
	for _, r := range runs {
		if r.ID == runIDs[1] && (len(r.LastError) > maxErrorLen+len("…") || !strings.HasSuffix(r.LastError, "…")) {
			t.Errorf("long error kept as %d bytes", len(r.LastError))
		}
	}
}

func TestClaimDigestBadPeriod(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name       string
		guild      string
		start, end time.Time
	}{
		{"end before start", "g1", dayEnd, dayStart},
		{"empty period", "g1", dayStart, dayStart},
		{"zero start", "g1", time.Time{}, dayEnd},
		{"no guild", "", dayStart, dayEnd},
	} {
		if _, _, err := db.ClaimDigest(ctx, tc.guild, tc.start, tc.end, postTime, 3); err == nil {
			t.Errorf("%s: ClaimDigest accepted it", tc.name)
		}
	}
}

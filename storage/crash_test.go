package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// saveSteps are the points SaveBriefedArticle passes, in order; "committed"
// is after the commit.
var saveSteps = []string{"begin", "article", "briefing", "index", "committed"}

// TestSaveBriefedArticleFaultAtEveryStep stops a save at each step: before
// the commit nothing of it is stored, after it everything is.
func TestSaveBriefedArticleFaultAtEveryStep(t *testing.T) {
	ctx := context.Background()
	for _, stop := range saveSteps {
		t.Run(stop, func(t *testing.T) {
			db, _ := openTest(t)
			saveBriefed(t, db, "g1", 1, t0)
			boom := errors.New("fault injected")
			db.fault = func(step string) error {
				if step == stop {
					return boom
				}
				return nil
			}
			_, _, err := db.SaveBriefedArticle(ctx, sub("g1", t0.Add(time.Minute)), testArticle(2), "v1", testBriefing(2), t0)
			if !errors.Is(err, boom) {
				t.Fatalf("err = %v, want the injected fault", err)
			}
			db.fault = nil
			want := 1
			if stop == "committed" {
				want = 2
			}
			checkWhole(t, db, "g1", want)
		})
	}
}

// checkWhole asserts the server has want articles, every one with its
// briefing and quotes, and that the digest's loader returns them all.
func checkWhole(t *testing.T, db *DB, guild string, want int) {
	t.Helper()
	ctx := context.Background()
	var ok string
	if err := db.reader.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q, %v", ok, err)
	}
	arts := count(t, db, `SELECT COUNT(*) FROM articles WHERE guild_id = '`+guild+`'`)
	briefs := count(t, db, `SELECT COUNT(*) FROM briefings b JOIN articles a ON a.id = b.article_id WHERE a.guild_id = '`+guild+`'`)
	quotes := count(t, db, `SELECT COUNT(*) FROM quotes WHERE guild_id = '`+guild+`'`)
	if arts != want || briefs != want || quotes != want {
		t.Errorf("%d articles, %d briefings, %d quotes; want %d of each", arts, briefs, quotes, want)
	}
	got, err := db.BriefedArticles(ctx, guild, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != arts {
		t.Errorf("digest loader returned %d of %d stored articles", len(got), arts)
	}
	if un, err := db.UnbriefedArticles(ctx, guild, time.Time{}, time.Time{}); err != nil || len(un) != 0 {
		t.Errorf("UnbriefedArticles = %d, %v; want none", len(un), err)
	}
}

// TestSaveBriefedArticleKilled kills a real writer process (SIGKILL, no
// chance to clean up) at every step of a save, then opens what it left.
func TestSaveBriefedArticleKilled(t *testing.T) {
	if os.Getenv("BRIEFBOT_CRASH_DB") != "" {
		crashChild(t)
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no test binary path:", err)
	}
	for _, stop := range saveSteps {
		t.Run(stop, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "briefbot.db")
			cmd := exec.Command(exe, "-test.run=^TestSaveBriefedArticleKilled$")
			cmd.Env = append(os.Environ(), "BRIEFBOT_CRASH_DB="+path, "BRIEFBOT_CRASH_STEP="+stop)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child was not killed at %q: %v\n%s", stop, err, out)
			}
			db, err := Open(context.Background(), path)
			if err != nil {
				t.Fatalf("open what the killed writer left: %v", err)
			}
			defer db.Close()
			want := 1
			if stop == "committed" {
				want = 2
			}
			checkWhole(t, db, "g1", want)
		})
	}
}

// crashChild is the writer TestSaveBriefedArticleKilled kills: one whole
// save, then a second one that kills its own process at the step named.
func crashChild(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, os.Getenv("BRIEFBOT_CRASH_DB"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SaveBriefedArticle(ctx, sub("g1", t0), testArticle(1), "v1", testBriefing(1), t0); err != nil {
		t.Fatal(err)
	}
	stop := os.Getenv("BRIEFBOT_CRASH_STEP")
	db.fault = func(step string) error {
		if step == stop {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
		return nil
	}
	// A large text, so the kill lands in a real multi-page write.
	a := testArticle(2)
	a.Text += strings.Repeat(" The harbour council met again.", 100_000)
	_, _, err = db.SaveBriefedArticle(ctx, sub("g1", t0.Add(time.Minute)), a, "v1", testBriefing(2), t0)
	t.Fatalf("save returned (%v) instead of being killed at %q", err, stop)
}

// TestBriefedArticlesBriefsWhatACrashLeft: an article stored without a
// briefing (an older build killed between its two writes) reaches the
// digest once a Briefer is set, and its briefing is stored when writable.
func TestBriefedArticlesBriefsWhatACrashLeft(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	saveBriefed(t, db, "g1", 1, t0)
	orphan, _, err := db.SaveArticle(ctx, sub("g1", t0.Add(-time.Minute)), testArticle(2))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := db.BriefedArticles(ctx, "g1", time.Time{}, time.Time{}); len(got) != 1 {
		t.Fatalf("without a Briefer: %d articles, want only the briefed one", len(got))
	}
	if un, _ := db.UnbriefedArticles(ctx, "g1", time.Time{}, time.Time{}); len(un) != 1 || un[0].ID != orphan.ID || un[0].Text == "" {
		t.Fatalf("UnbriefedArticles = %+v, want the orphan with its text", un)
	}
	calls := 0
	briefer := Briefer{EngineVersion: "v2", Now: func() time.Time { return t0 },
		Brief: func(_ context.Context, a briefing.Article) (briefing.Briefing, error) {
			calls++
			return briefing.Briefing{Title: "briefed late: " + a.Title}, nil
		}}

	// A read-only reader briefs it in memory and writes nothing.
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	ro.SetBriefer(briefer)
	got, err := ro.BriefedArticles(ctx, "g1", time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Article.ID != orphan.ID || !strings.HasPrefix(got[0].Briefing.Briefing.Title, "briefed late") {
		t.Fatalf("read-only with Briefer: %d articles, first %+v", len(got), got[0].Briefing)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM briefings`); n != 1 {
		t.Errorf("read-only reader stored %d briefings, want the 1 there was", n)
	}

	db.SetBriefer(briefer)
	if got, err := db.BriefedArticles(ctx, "g1", time.Time{}, time.Time{}); err != nil || len(got) != 2 {
		t.Fatalf("writable with Briefer: %d, %v", len(got), err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM briefings`); n != 2 {
		t.Errorf("%d briefings after the writable read, want 2", n)
	}
	if calls != 2 {
		t.Errorf("Brief called %d times, want 2 (once per reader)", calls)
	}
	failing := briefer
	failing.Brief = func(context.Context, briefing.Article) (briefing.Briefing, error) {
		return briefing.Briefing{}, fmt.Errorf("engine stopped: %w", context.Canceled)
	}
	if _, _, err := db.SaveArticle(ctx, sub("g1", t0.Add(time.Hour)), testArticle(3)); err != nil {
		t.Fatal(err)
	}
	db.SetBriefer(failing)
	if _, err := db.BriefedArticles(ctx, "g1", time.Time{}, time.Time{}); !errors.Is(err, context.Canceled) {
		t.Errorf("a failing Briefer: err = %v, want it passed on", err)
	}
}

func TestSaveBriefedArticleDuplicate(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	first, created, err := db.SaveBriefedArticle(ctx, sub("g1", t0), testArticle(1), "v1", testBriefing(1), t0)
	if err != nil || !created {
		t.Fatalf("first save: created=%v err=%v", created, err)
	}
	again := testArticle(1)
	again.URL += "&utm_medium=copy"
	b := testBriefing(1)
	b.Title = "must not replace the stored briefing"
	second, created, err := db.SaveBriefedArticle(ctx, sub("g1", t0.Add(time.Hour)), again, "v1", b, t0)
	if err != nil || created || second.ID != first.ID {
		t.Fatalf("second save: id %d created=%v err=%v; want id %d, not created", second.ID, created, err, first.ID)
	}
	sb, err := db.Briefing(ctx, "g1", first.ID)
	if err != nil || sb.Briefing.Title != testBriefing(1).Title {
		t.Errorf("stored briefing = %q, %v; want the first one", sb.Briefing.Title, err)
	}
}

// TestDigestArticlesBriefsWhatACrashLeft: the digest's cheap loader also
// reaches an article stored without a briefing, in submission order, with
// its text cut like the others and its whole length kept.
func TestDigestArticlesBriefsWhatACrashLeft(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	saveBriefed(t, db, "g1", 1, t0)
	orphan, _, err := db.SaveArticle(ctx, sub("g1", t0.Add(-time.Minute)), testArticle(2))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := db.DigestArticles(ctx, "g1", time.Time{}, time.Time{}, 10); len(got) != 1 {
		t.Fatalf("without a Briefer: %d articles, want only the briefed one", len(got))
	}
	db.SetBriefer(Briefer{EngineVersion: "v2", Now: func() time.Time { return t0 },
		Brief: func(_ context.Context, a briefing.Article) (briefing.Briefing, error) {
			return briefing.Briefing{Title: "briefed late: " + a.Title}, nil
		}})
	got, err := db.DigestArticles(ctx, "g1", time.Time{}, time.Time{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != orphan.ID || !strings.HasPrefix(got[0].Briefing.Title, "briefed late") {
		t.Fatalf("with a Briefer: %d articles, first %+v", len(got), got)
	}
	o := got[0]
	if o.Article.Text != string([]rune(orphan.Text)[:10]) || o.TextLen != len([]rune(orphan.Text)) || o.ContentHash != orphan.ContentHash {
		t.Errorf("orphan text %q (len %d, hash %q), want the first 10 runes of %q, its whole length and hash", o.Article.Text, o.TextLen, o.ContentHash, orphan.Text)
	}
}

package storage

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestOpenSettings(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	for name, pool := range map[string]querier{"writer": db.writer, "reader": db.reader} {
		var mode string
		var fk, busy int
		if err := pool.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := pool.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := pool.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || fk != 1 || busy != int(busyTimeout.Milliseconds()) {
			t.Errorf("%s: journal_mode=%s foreign_keys=%d busy_timeout=%d; want wal, 1, %d",
				name, mode, fk, busy, busyTimeout.Milliseconds())
		}
	}
	if got := db.writer.Stats().MaxOpenConnections; got != 1 {
		t.Errorf("writer MaxOpenConnections = %d, want 1", got)
	}
	if got := db.reader.Stats().MaxOpenConnections; got < 2 {
		t.Errorf("reader MaxOpenConnections = %d, want several", got)
	}
	if _, err := db.reader.ExecContext(ctx, `INSERT INTO servers (guild_id, created_at, updated_at) VALUES ('g', 0, 0)`); err == nil {
		t.Error("reader pool accepted a write; it must be read-only")
	}
	if err := db.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestOpenBadPath(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct{ name, path, want string }{
		{"empty", "", "empty path"},
		{"missing folder", filepath.Join(t.TempDir(), "no", "such", "x.db"), "folder"},
		{"parent is a file", filepath.Join(writeFile(t, "plain"), "x.db"), "not a folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(ctx, tc.path)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBackupRestoresIdenticalDatabase(t *testing.T) {
	db, path := openTest(t)
	ctx := context.Background()
	if err := db.SaveServer(ctx, Server{GuildID: "g1", DigestChannel: "c", DigestEnabled: true,
		WatchChannels: []string{"w1", "w2"}}, t0); err != nil {
		t.Fatal(err)
	}
	var doomed StoredArticle
	for i := range 20 {
		saveBriefed(t, db, "g1", i, t0.Add(time.Duration(i)*time.Minute))
		a := saveBriefed(t, db, "g2", i, t0.Add(time.Duration(i)*time.Minute))
		if i == 4 {
			doomed = a
		}
	}
	run, _, err := db.ClaimDigest(ctx, "g1", t0, t0.Add(24*time.Hour), t0, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DigestPosted(ctx, "g1", run.ID, []string{"m1"}, []int64{1, 2}, false, t0); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteArticle(ctx, "g2", doomed.ID); err != nil {
		t.Fatal(err)
	}

	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if err := db.Backup(ctx, backup); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second Backup to the same file: err = %v, want fs.ErrExist", err)
	}

	restored, err := Open(ctx, backup)
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	v, err := restored.SchemaVersion(ctx)
	if err != nil || v != len(migrations()) {
		t.Errorf("backup schema version = %d, %v; want %d", v, err, len(migrations()))
	}
	found, err := restored.Articles(ctx, "g1", ArticleQuery{Search: "harbour pier"})
	if err != nil || len(found) != 20 {
		t.Errorf("search in backup: %d results, %v; want 20", len(found), err)
	}
	restored.Close()

	orig := dumpTables(t, path)
	copied := dumpTables(t, backup)
	if len(orig) < 10 {
		t.Fatalf("dump saw only %d tables", len(orig))
	}
	if !reflect.DeepEqual(orig, copied) {
		for table := range orig {
			if !reflect.DeepEqual(orig[table], copied[table]) {
				t.Errorf("table %s differs: %d rows vs %d in backup", table, len(orig[table]), len(copied[table]))
			}
		}
		for table := range copied {
			if _, ok := orig[table]; !ok {
				t.Errorf("backup has extra table %s", table)
			}
		}
	}
}

func TestBackupRefusesExistingFile(t *testing.T) {
	db, _ := openTest(t)
	target := writeFile(t, "")
	if err := db.Backup(context.Background(), target); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Backup over an existing (empty) file: err = %v, want fs.ErrExist", err)
	}
	if err := db.Backup(context.Background(), ""); err == nil {
		t.Error("Backup to an empty path succeeded")
	}
}

// TestConcurrentWriters hammers the single writer from many goroutines while
// readers run; none may see "database is locked" or any other error.
func TestConcurrentWriters(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	const workers, perWorker = 8, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers*perWorker*2)
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				n := w*perWorker + i
				// Every worker also re-submits a shared URL to race the dedupe.
				for _, num := range []int{n, 100000 + i} {
					a, _, err := db.SaveArticle(ctx, sub("g1", t0.Add(time.Duration(n)*time.Second)), testArticle(num))
					if err != nil {
						errs <- err
						continue
					}
					if err := db.SaveBriefing(ctx, "g1", a.ID, "v1", testBriefing(num), t0); err != nil {
						errs <- err
					}
				}
			}
		})
		wg.Go(func() {
			for range perWorker {
				if _, err := db.Articles(ctx, "g1", ArticleQuery{Search: "harbour", Limit: 10}); err != nil {
					errs <- err
				}
				if _, err := db.Quotes(ctx, "g1", QuoteQuery{Speaker: "ruiz", Limit: 5}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent call: %v", err)
	}
	n, err := db.CountArticles(ctx, "g1", ArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if want := workers*perWorker + perWorker; n != want {
		t.Errorf("CountArticles = %d, want %d", n, want)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM briefings`); got != n {
		t.Errorf("%d briefings for %d articles", got, n)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM quotes`); got != n {
		t.Errorf("%d indexed quotes for %d articles (one each)", got, n)
	}
}

package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// holdWriteLock opens its own connection to path (another program, as far
// as DB is concerned) and keeps a write transaction open until the test ends.
func holdWriteLock(t *testing.T, path string) {
	t.Helper()
	other, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	other.SetMaxOpenConns(1)
	ctx := context.Background()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO servers (guild_id, created_at, updated_at) VALUES ('other', 0, 0)`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.ExecContext(ctx, `ROLLBACK`)
		conn.Close()
		other.Close()
	})
}

// TestOpenWhileAnotherProgramWrites: readers (digest, backup, run --check)
// and an up-to-date writer open at once beside a held write lock; only an
// actual write waits, and then fails saying who holds the database.
func TestOpenWhileAnotherProgramWrites(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	saveBriefed(t, db, "g1", 1, t0)
	db.Close()
	holdWriteLock(t, path)

	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("OpenReadOnly beside a writer: %v", err)
	}
	defer ro.Close()
	if got, err := ro.BriefedArticles(ctx, "g1", time.Time{}, time.Time{}); err != nil || len(got) != 1 {
		t.Errorf("read beside a writer: %d articles, %v", len(got), err)
	}
	if err := ro.Backup(ctx, filepath.Join(t.TempDir(), "copy.db")); err != nil {
		t.Errorf("Backup beside a writer: %v", err)
	}
	if err := ro.SaveServer(ctx, Server{GuildID: "g2"}, t0); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write on a read-only database: err = %v, want ErrReadOnly", err)
	}

	rw, err := open(ctx, path, openConfig{target: len(migrations()), busy: 50 * time.Millisecond})
	if err != nil {
		t.Fatalf("Open an up-to-date file beside a writer: %v (it must not need the write lock)", err)
	}
	defer rw.Close()
	_, _, err = rw.SaveBriefedArticle(ctx, sub("g1", t0), testArticle(2), "v1", testBriefing(2), t0)
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another program") {
		t.Errorf("write while another program holds the lock: err = %v, want ErrBusy naming another program", err)
	}
}

// TestOpenMigrationBlockedByAnotherProgram: a file that needs migrating
// while another program holds the write lock fails with a clear reason.
func TestOpenMigrationBlockedByAnotherProgram(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := openAt(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	holdWriteLock(t, path)
	_, err = open(ctx, path, openConfig{target: len(migrations()), busy: 50 * time.Millisecond})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another program") || strings.Count(err.Error(), "open database") > 1 {
		t.Errorf("migrating a locked file: err = %v, want one ErrBusy line naming another program", err)
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("OpenReadOnly of an older, locked file: %v", err)
	}
	defer ro.Close()
	if v, _ := ro.SchemaVersion(ctx); v != 1 {
		t.Errorf("read-only open migrated the file to %d", v)
	}
}

// snapshotDir reads every file in dir, so a test can prove nothing changed.
func snapshotDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

// TestNewerSchemaUntouched: a file from a newer build, in either journal
// mode, is refused by Open and OpenReadOnly with its bytes unchanged.
func TestNewerSchemaUntouched(t *testing.T) {
	ctx := context.Background()
	for _, mode := range []string{"DELETE", "WAL"} {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "newer.db")
			raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode="+mode)
			if err != nil {
				t.Fatal(err)
			}
			mustExec(t, raw, schemaVersionTable)
			mustExec(t, raw, `INSERT INTO schema_version (version, applied_at) VALUES (?, 0)`, len(migrations())+5)
			mustExec(t, raw, `CREATE TABLE future (x TEXT)`)
			raw.Close()
			before := snapshotDir(t, dir)

			for name, openFn := range map[string]func(context.Context, string) (*DB, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
				db, err := openFn(ctx, path)
				if err == nil {
					db.Close()
					t.Fatalf("%s accepted a newer schema", name)
				}
				if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "upgrade briefbot") {
					t.Errorf("%s: err = %v, want ErrNewerSchema saying to upgrade", name, err)
				}
				after := snapshotDir(t, dir)
				// Reading a WAL file read-only needs the shared-memory
				// index beside it; a -wal may appear, but must be empty.
				for f, b := range after {
					if _, had := before[f]; !had && f != "newer.db-shm" && !(f == "newer.db-wal" && len(b) == 0) {
						t.Errorf("%s left %s (%d bytes)", name, f, len(b))
					}
				}
				for f, b := range before {
					if !bytes.Equal(after[f], b) {
						t.Errorf("%s changed %s", name, f)
					}
				}
			}
		})
	}
}

func TestOpenNotABriefbotDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte(strings.Repeat("shopping list: eggs, bread\n", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	raw, err := sql.Open("sqlite3", other)
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, raw, `CREATE TABLE recipes (name TEXT)`)
	raw.Close()
	for _, path := range []string{text, other} {
		before, _ := os.ReadFile(path)
		for name, openFn := range map[string]func(context.Context, string) (*DB, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
			db, err := openFn(ctx, path)
			if err == nil {
				db.Close()
				t.Fatalf("%s(%s) succeeded", name, filepath.Base(path))
			}
			if !errors.Is(err, ErrNotBriefbot) || strings.Count(err.Error(), "open database") != 1 {
				t.Errorf("%s(%s): err = %v, want one ErrNotBriefbot line", name, filepath.Base(path), err)
			}
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("%s was changed", filepath.Base(path))
		}
	}
}

func TestOpenReadOnlyMissingOrEmpty(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	if _, err := OpenReadOnly(ctx, missing); !errors.Is(err, ErrNoDatabase) || !strings.Contains(err.Error(), "--db") {
		t.Errorf("missing file: err = %v, want ErrNoDatabase pointing at --db", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("OpenReadOnly created the file")
	}
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenReadOnly(ctx, empty); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("empty file: err = %v, want ErrNoDatabase", err)
	}
	if st, _ := os.Stat(empty); st.Size() != 0 {
		t.Error("OpenReadOnly wrote to an empty file")
	}
}

// TestOpenReadOnlyFolder: a folder this user may not write is named as the
// cause, not reported as a missing file. Root may write anywhere, so the
// check needs an ordinary user.
func TestOpenReadOnlyFolder(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root ignores folder permissions")
	}
	dir := filepath.Join(t.TempDir(), "locked")
	if err := os.Mkdir(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	_, err := Open(context.Background(), filepath.Join(dir, "briefbot.db"))
	if err == nil || !strings.Contains(err.Error(), "may not create files in the folder") {
		t.Errorf("err = %v, want the folder's permission named", err)
	}
}

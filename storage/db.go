// Package storage keeps briefbot's data in one SQLite file: server settings,
// articles and their briefings, the digest log and a full-text index.
//
// Every per-server method takes the guild ID and never returns another
// server's rows. Times are stored as UTC unix milliseconds (NULL for the zero
// time) and come back as time.Time in UTC.
package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver (cgo)
)

// ErrNotFound is returned (wrapped) when a row does not exist for the given
// server, including when it exists only for another server.
var ErrNotFound = errors.New("not found")

// ErrNewerSchema is returned (wrapped) by Open when the file was migrated by a
// newer briefbot than this one; opening it could corrupt what that version wrote.
var ErrNewerSchema = errors.New("this database was written by a newer briefbot")

// busyTimeout is how long a connection waits for another process's lock
// before giving up. Within this process the single writer connection already
// queues writes, so this only matters for a second process (a CLI command
// beside a running bot) or a checkpoint.
const busyTimeout = 15 * time.Second

// DB is an open briefbot database. It is safe for concurrent use.
type DB struct {
	// writer has exactly one connection: SQLite allows one writer at a time,
	// and queueing in database/sql instead of in SQLite's lock means no
	// caller ever sees "database is locked".
	writer *sql.DB
	// reader is a read-only pool; WAL lets its connections read in
	// parallel with each other and with the writer.
	reader *sql.DB
	// instance tells this process's digest claims from those of an earlier
	// process that may have crashed mid-post.
	instance string
}

// Open opens the database at path, creating the file if needed, switches it
// to WAL, and migrates it to the newest schema this build knows. A database
// written by a newer build is refused with ErrNewerSchema.
func Open(ctx context.Context, path string) (*DB, error) {
	return openAt(ctx, path, len(migrations()))
}

// openAt opens the database migrated to version target; tests use it to build
// databases as earlier builds left them.
func openAt(ctx context.Context, path string, target int) (*DB, error) {
	if strings.TrimSpace(path) == "" {
		return nil, errors.New("open database: empty path: give a file name such as briefbot.db")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if st, err := os.Stat(filepath.Dir(abs)); err != nil {
		return nil, fmt.Errorf("open database %s: folder: %w", path, err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("open database %s: %s is not a folder", path, filepath.Dir(abs))
	}

	common := url.Values{}
	common.Set("_busy_timeout", strconv.FormatInt(busyTimeout.Milliseconds(), 10))
	common.Set("_foreign_keys", "on")
	common.Set("_stmt_cache_size", "64")

	wp := cloneValues(common)
	wp.Set("_journal_mode", "WAL")
	wp.Set("_synchronous", "NORMAL")
	// IMMEDIATE takes the write lock at BEGIN, so a transaction never has
	// to upgrade a read lock (the upgrade is what fails with SQLITE_BUSY
	// regardless of the busy timeout).
	wp.Set("_txlock", "immediate")
	writer, err := sql.Open("sqlite3", fileDSN(abs, wp))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	writer.SetConnMaxIdleTime(0)

	var mode string
	if err := writer.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if !strings.EqualFold(mode, "wal") {
		writer.Close()
		return nil, fmt.Errorf("open database %s: journal mode is %q, not WAL: put the file on a local disk", path, mode)
	}
	if err := migrate(ctx, writer, migrations()[:target]); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}

	rp := cloneValues(common)
	// mode=ro, not query_only: query_only also forbids VACUUM INTO,
	// which Backup runs on a reader so writers are not held up.
	rp.Set("mode", "ro")
	reader, err := sql.Open("sqlite3", fileDSN(abs, rp))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	reader.SetMaxOpenConns(n)
	reader.SetMaxIdleConns(n)
	if err := reader.PingContext(ctx); err != nil {
		reader.Close()
		writer.Close()
		return nil, fmt.Errorf("open database %s: readers: %w", path, err)
	}

	var id [8]byte
	if _, err := rand.Read(id[:]); err != nil {
		reader.Close()
		writer.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return &DB{writer: writer, reader: reader, instance: hex.EncodeToString(id[:])}, nil
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// fileDSN builds a file: URI so that mode=ro is honoured and a path holding
// '?', '#' or '%' is escaped rather than read as parameters.
func fileDSN(abs string, params url.Values) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	return u.String() + "?" + params.Encode()
}

// Close closes both connection pools; the last close checkpoints the WAL.
func (db *DB) Close() error {
	rerr := db.reader.Close()
	werr := db.writer.Close()
	if err := errors.Join(rerr, werr); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// Ping checks that both the writer and the readers can reach the file.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.writer.PingContext(ctx); err != nil {
		return fmt.Errorf("ping database writer: %w", err)
	}
	if err := db.reader.PingContext(ctx); err != nil {
		return fmt.Errorf("ping database readers: %w", err)
	}
	return nil
}

// SchemaVersion returns the newest migration applied to the file.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	v, err := schemaVersion(ctx, db.reader)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// Backup writes a consistent, compacted copy of the database to path with
// VACUUM INTO. It refuses to overwrite an existing file. Writers keep going
// while it runs: it reads one snapshot through a reader connection.
func (db *DB) Backup(ctx context.Context, path string) error {
	if strings.TrimSpace(path) == "" {
		return errors.New("back up database: empty path: give the backup file's name")
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("back up database: %s: %w: choose a new file name", path, fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("back up database: %w", err)
	}
	if _, err := db.reader.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("back up database to %s: %w", path, err)
	}
	return nil
}

// querier is what the read helpers need; *sql.DB and *sql.Tx both have it,
// so a lookup can run on the reader pool or inside a write transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// write runs fn in a write transaction on the single writer connection.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// toDB stores a time as UTC unix milliseconds, the zero time as NULL.
func toDB(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// fromDB is the inverse of toDB.
func fromDB(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// limitArg turns "0 or less means no limit" into SQLite's LIMIT -1.
func limitArg(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

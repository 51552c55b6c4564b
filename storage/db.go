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
	// caller ever sees "database is locked". It is nil when the database
	// was opened with OpenReadOnly.
	writer *sql.DB
	// reader is a read-only pool; WAL lets its connections read in
	// parallel with each other and with the writer.
	reader *sql.DB
	// instance tells this process's digest claims from those of an earlier
	// process that may have crashed mid-post.
	instance string
	// path is the file as the caller named it, for error messages.
	path string
	// fault, when set by a test, runs at named points of a save and may
	// stop it there (or end the process) to prove a crash loses nothing.
	fault func(step string) error
	// briefer, if set, briefs articles found without a briefing.
	briefer *Briefer
}

// ErrReadOnly is returned (wrapped) by writes on a database opened with
// OpenReadOnly.
var ErrReadOnly = errors.New("the database was opened read-only")

// ErrNotBriefbot is returned (wrapped) when the file is not a briefbot
// database: not SQLite at all, or SQLite holding another program's tables.
var ErrNotBriefbot = errors.New("not a briefbot database")

// ErrNoDatabase is returned (wrapped) by OpenReadOnly when the file does not
// exist or holds no briefbot data yet.
var ErrNoDatabase = errors.New("no database at that path")

// ErrBusy is returned (wrapped) when another program held the database's
// write lock for longer than the busy timeout.
var ErrBusy = errors.New("the database is locked by another program")

// Open opens the database at path for reading and writing, creating the file
// if needed, switches it to WAL, and migrates it to the newest schema this
// build knows. A file that is not a briefbot database, or one written by a
// newer build (ErrNewerSchema), is refused before anything in it is written.
// An up-to-date file is opened without taking the write lock.
func Open(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, openConfig{target: len(migrations())})
}

// OpenReadOnly opens an existing database for commands that only read or
// copy it (digest, backup, run --check): it never creates the file, never
// migrates, never changes the journal mode and never takes the write lock,
// so it works beside a running bot that is busy writing. An older schema is
// accepted (SchemaVersion tells it); a newer one is refused.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, openConfig{target: len(migrations()), readOnly: true})
}

// openAt opens the database migrated to version target; tests use it to build
// databases as earlier builds left them.
func openAt(ctx context.Context, path string, target int) (*DB, error) {
	return open(ctx, path, openConfig{target: target})
}

type openConfig struct {
	target   int           // schema version to migrate to (and the newest accepted)
	readOnly bool          // OpenReadOnly
	busy     time.Duration // 0 = busyTimeout; tests shorten it
}

func open(ctx context.Context, path string, cfg openConfig) (*DB, error) {
	if strings.TrimSpace(path) == "" {
		return nil, errors.New("open database: empty path: give a file name such as briefbot.db")
	}
	if cfg.busy <= 0 {
		cfg.busy = busyTimeout
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	dir := filepath.Dir(abs)
	if st, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("open database %s: folder %s: %w", path, dir, err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("open database %s: %s is not a folder", path, dir)
	}
	st, statErr := os.Stat(abs)
	switch {
	case statErr == nil && st.IsDir():
		return nil, fmt.Errorf("open database %s: it is a folder: give a file name such as %s", path, filepath.Join(path, "briefbot.db"))
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return nil, fmt.Errorf("open database %s: %w", path, statErr)
	case statErr != nil && cfg.readOnly:
		return nil, fmt.Errorf("open database %s: %w: give the database's path with --db (or BRIEFBOT_DB)", path, ErrNoDatabase)
	}

	common := url.Values{}
	common.Set("_busy_timeout", strconv.FormatInt(cfg.busy.Milliseconds(), 10))
	common.Set("_foreign_keys", "on")
	common.Set("_stmt_cache_size", "64")

	// Look before touching: a read-only look at the file decides whether it
	// is ours and not from a newer build, before the writer's first
	// statement switches its journal mode or migrates it.
	version := 0
	if statErr == nil && st.Size() > 0 {
		if version, err = probe(ctx, abs, common, cfg.target); err != nil {
			return nil, openError(path, abs, err)
		}
	}
	if cfg.readOnly && version == 0 {
		return nil, fmt.Errorf("open database %s: %w (the file is empty): give the database's path with --db (or BRIEFBOT_DB)", path, ErrNoDatabase)
	}

	db := &DB{path: path}
	if !cfg.readOnly {
		if db.writer, err = openWriter(ctx, abs, common, version, cfg.target); err != nil {
			return nil, openError(path, abs, err)
		}
	}

	rp := cloneValues(common)
	// mode=ro, not query_only: query_only also forbids VACUUM INTO,
	// which Backup runs on a reader so writers are not held up.
	rp.Set("mode", "ro")
	reader, err := sql.Open("sqlite3", fileDSN(abs, rp))
	if err != nil {
		db.Close()
		return nil, openError(path, abs, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	reader.SetMaxOpenConns(n)
	reader.SetMaxIdleConns(n)
	db.reader = reader
	if err := reader.PingContext(ctx); err != nil {
		db.Close()
		return nil, openError(path, abs, err)
	}

	var id [8]byte
	if _, err := rand.Read(id[:]); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.instance = hex.EncodeToString(id[:])
	return db, nil
}

// probe reads an existing file through a read-only connection and returns
// its schema version: ErrNotBriefbot if it is not ours, ErrNewerSchema if a
// newer build wrote it. It writes nothing.
func probe(ctx context.Context, abs string, common url.Values, known int) (int, error) {
	p := cloneValues(common)
	p.Set("mode", "ro")
	conn, err := sql.Open("sqlite3", fileDSN(abs, p))
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	var tables, ours int
	err = conn.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE name = 'schema_version')
		FROM sqlite_master WHERE type = 'table'`).Scan(&tables, &ours)
	if err != nil {
		return 0, err
	}
	switch {
	case tables == 0:
		return 0, nil // an empty SQLite file: ours to fill
	case ours == 0:
		return 0, fmt.Errorf("%w: it is a SQLite database with %d tables of another program", ErrNotBriefbot, tables)
	}
	v, err := schemaVersion(ctx, conn)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if v > known {
		return v, newerSchema(v, known)
	}
	return v, nil
}

func newerSchema(v, known int) error {
	return fmt.Errorf("%w (schema %d, this build knows %d): upgrade briefbot or restore a backup", ErrNewerSchema, v, known)
}

// openWriter opens the single writer connection, switches the file to WAL
// and migrates it from version (what probe saw) to target. An up-to-date
// file gets no write at all.
func openWriter(ctx context.Context, abs string, common url.Values, version, target int) (*sql.DB, error) {
	wp := cloneValues(common)
	wp.Set("_journal_mode", "WAL")
	wp.Set("_synchronous", "NORMAL")
	// IMMEDIATE takes the write lock at BEGIN, so a transaction never has
	// to upgrade a read lock (the upgrade is what fails with SQLITE_BUSY
	// regardless of the busy timeout).
	wp.Set("_txlock", "immediate")
	writer, err := sql.Open("sqlite3", fileDSN(abs, wp))
	if err != nil {
		return nil, err
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	writer.SetConnMaxIdleTime(0)

	var mode string
	if err := writer.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		writer.Close()
		return nil, err
	}
	if !strings.EqualFold(mode, "wal") {
		writer.Close()
		return nil, fmt.Errorf("journal mode is %q, not WAL: put the file on a local disk", mode)
	}
	if version < target {
		if err := migrate(ctx, writer, migrations()[:target]); err != nil {
			writer.Close()
			return nil, err
		}
	}
	return writer, nil
}

// errKind sorts SQLite's result codes into the causes a user can act on.
type errKind int

const (
	kindOther    errKind = iota
	kindBusy             // another connection holds the lock
	kindNotADB           // the file is not a SQLite database
	kindCantOpen         // the file or its folder cannot be opened or written
)

// openError words a failure to open as its real cause and what to do.
func openError(path, abs string, err error) error {
	switch sqliteKind(err) {
	case kindNotADB:
		return fmt.Errorf("open database %s: %w: the file is not a SQLite database; check --db (or BRIEFBOT_DB) names briefbot's database", path, ErrNotBriefbot)
	case kindBusy:
		return fmt.Errorf("open database %s: %w: another program (another briefbot?) kept it locked; stop that program or try again", path, ErrBusy)
	case kindCantOpen:
		return fmt.Errorf("open database %s: %s: %w", path, permissionHint(abs), err)
	}
	return fmt.Errorf("open database %s: %w", path, err)
}

// permissionHint says which of the file and its folder this process may not
// write: SQLite needs both (the folder for its -wal and -shm files).
func permissionHint(abs string) string {
	dir := filepath.Dir(abs)
	who := fmt.Sprintf("this user (uid %d)", os.Getuid())
	if f, err := os.CreateTemp(dir, ".briefbot-write-check-*"); err != nil {
		return fmt.Sprintf("%s may not create files in the folder %s, which SQLite needs for the database and its -wal and -shm files; "+
			"give that user write access to the folder or choose another --db", who, dir)
	} else {
		name := f.Name()
		f.Close()
		os.Remove(name)
	}
	if f, err := os.OpenFile(abs, os.O_RDWR, 0); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("%s may not write the file %s; give that user write access to it or choose another --db", who, abs)
	} else if err == nil {
		f.Close()
	}
	return "SQLite could not open the file"
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
	var rerr, werr error
	if db.reader != nil {
		rerr = db.reader.Close()
	}
	if db.writer != nil {
		werr = db.writer.Close()
	}
	if err := errors.Join(rerr, werr); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// Ping checks that both the writer and the readers can reach the file.
func (db *DB) Ping(ctx context.Context) error {
	if db.writer == nil {
		// Read-only: nothing may be written, so check the readers only.
	} else if err := db.writer.PingContext(ctx); err != nil {
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
	if db.writer == nil {
		return ErrReadOnly
	}
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return busyError(fmt.Errorf("begin: %w", err))
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return busyError(err)
	}
	if err := tx.Commit(); err != nil {
		return busyError(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// exec runs one write statement on the writer.
func (db *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if db.writer == nil {
		return nil, ErrReadOnly
	}
	res, err := db.writer.ExecContext(ctx, query, args...)
	return res, busyError(err)
}

// busyError adds ErrBusy to SQLite's "database is locked", so the caller can
// say another program holds the database rather than print SQLite's words.
func busyError(err error) error {
	if sqliteKind(err) == kindBusy {
		return fmt.Errorf("%w: another program (another briefbot?) kept it locked for %v: %w", ErrBusy, busyTimeout, err)
	}
	return err
}

// step runs the test fault hook, if any, at a named point of a save.
func (db *DB) step(name string) error {
	if db.fault == nil {
		return nil
	}
	return db.fault(name)
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

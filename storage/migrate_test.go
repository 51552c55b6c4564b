package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fixtures write rows the way the build that knew only that schema version
// wrote them: raw SQL against that version's tables, since today's methods
// also touch tables that version lacked.
var fixtures = map[int]func(t *testing.T, w *sql.DB){
	1: func(t *testing.T, w *sql.DB) {
		ms := t0.UnixMilli()
		mustExec(t, w, `INSERT INTO servers (guild_id, digest_channel, digest_schedule, time_zone, digest_enabled,
			created_at, updated_at) VALUES ('g-old', 'c-digest', '0 8 * * *', 'Europe/Paris', 1, ?, ?)`, ms, ms)
		for n := 1; n <= 3; n++ {
			a := testArticle(n)
			sum := sha256.Sum256([]byte(a.Text))
			mustExec(t, w, `INSERT INTO articles (id, guild_id, url, canonical_url, title, byline, site, published,
				language, text, submitted_by, channel_id, message_id, submitted_at, content_hash)
				VALUES (?, 'g-old', ?, ?, ?, ?, ?, ?, ?, ?, 'user-7', 'chan-g-old', 'msg-1', ?, ?)`,
				n, a.URL, a.CanonicalURL, a.Title, a.Byline, a.Site, a.Published.UnixMilli(), a.Language, a.Text,
				ms+int64(n), hex.EncodeToString(sum[:]))
		}
		raw, err := json.Marshal(testBriefing(1))
		if err != nil {
			t.Fatal(err)
		}
		mustExec(t, w, `INSERT INTO briefings (article_id, engine_version, json, created_at) VALUES (1, 'old-0.1', ?, ?)`,
			string(raw), ms)
		// A damaged briefing: migrating must keep it byte for byte, not fail.
		mustExec(t, w, `INSERT INTO briefings (article_id, engine_version, json, created_at) VALUES (3, 'old-0.1', '{not json', ?)`, ms)
	},
	2: func(t *testing.T, w *sql.DB) {
		mustExec(t, w, `INSERT INTO digests (guild_id, period_start, period_end, state, message_ids, attempts,
			claimed_at, posted_at, late, article_ids) VALUES ('g-old', ?, ?, 'posted', '["m-9"]', 1, ?, ?, 1, '[1]')`,
			t0.UnixMilli(), t0.UnixMilli()+86400000, t0.UnixMilli(), t0.UnixMilli()+5000)
	},
}

func mustExec(t *testing.T, w *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := w.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func schemaOf(t *testing.T, db *DB) []string {
	t.Helper()
	rows, err := db.reader.Query(`SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func TestMigrateFromEmpty(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	v, err := db.SchemaVersion(ctx)
	if err != nil || v != len(migrations()) {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, len(migrations()))
	}
	if got := count(t, db, `SELECT COUNT(*) FROM schema_version`); got != len(migrations()) {
		t.Errorf("%d schema_version rows, want one per migration (%d)", got, len(migrations()))
	}
	for _, table := range []string{"servers", "articles", "briefings", "articles_fts", "digests", "quotes", "actor_terms"} {
		if got := count(t, db, `SELECT COUNT(*) FROM sqlite_master WHERE name = ?`, table); got != 1 {
			t.Errorf("table %s missing", table)
		}
	}
}

func TestMigrateTwiceIsNoOp(t *testing.T) {
	db, path := openTest(t)
	ctx := context.Background()
	saveBriefed(t, db, "g1", 1, t0)
	before := schemaOf(t, db)
	if err := migrate(ctx, db.writer, migrations()); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	db.Close()
	db2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db2.Close()
	if got := count(t, db2, `SELECT COUNT(*) FROM schema_version`); got != len(migrations()) {
		t.Errorf("%d schema_version rows after migrating again, want %d", got, len(migrations()))
	}
	if after := schemaOf(t, db2); !reflect.DeepEqual(before, after) {
		t.Errorf("schema changed on re-migration:\n%v\n%v", before, after)
	}
	if n, err := db2.CountArticles(ctx, "g1", ArticleQuery{}); err != nil || n != 1 {
		t.Errorf("CountArticles after reopen = %d, %v; want 1", n, err)
	}
}

func TestMigrateFromEveryEarlierVersion(t *testing.T) {
	ctx := context.Background()
	fresh, _ := openTest(t)
	wantSchema := schemaOf(t, fresh)

	for from := 1; from < len(migrations()); from++ {
		t.Run(fmt.Sprintf("from %d", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			old, err := openAt(ctx, path, from)
			if err != nil {
				t.Fatalf("build schema %d: %v", from, err)
			}
			if v, _ := old.SchemaVersion(ctx); v != from {
				t.Fatalf("old database at schema %d, want %d", v, from)
			}
			for v := 1; v <= from; v++ {
				fixtures[v](t, old.writer)
			}
			old.Close()

			db, err := Open(ctx, path)
			if err != nil {
				t.Fatalf("Open (migrate up): %v", err)
			}
			defer db.Close()
			if v, _ := db.SchemaVersion(ctx); v != len(migrations()) {
				t.Errorf("schema after migrating = %d, want %d", v, len(migrations()))
			}
			if got := schemaOf(t, db); !reflect.DeepEqual(got, wantSchema) {
				t.Errorf("migrated schema differs from a fresh one:\n got %q\nwant %q", got, wantSchema)
			}

			srv, err := db.Server(ctx, "g-old")
			if err != nil {
				t.Fatal(err)
			}
			wantSrv := Server{GuildID: "g-old", DigestChannel: "c-digest", DigestSchedule: "0 8 * * *",
				TimeZone: "Europe/Paris", DigestEnabled: true, CreatedAt: t0, UpdatedAt: t0}
			if !reflect.DeepEqual(srv, wantSrv) {
				t.Errorf("server after migration = %+v, want %+v", srv, wantSrv)
			}

			a, err := db.Article(ctx, "g-old", 1)
			if err != nil {
				t.Fatal(err)
			}
			want := testArticle(1)
			if a.Article != want || a.SubmittedAt.UnixMilli() != t0.UnixMilli()+1 || a.SubmittedBy != "user-7" {
				t.Errorf("article after migration = %+v", a)
			}
			b, err := db.Briefing(ctx, "g-old", 1)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(b.Briefing, testBriefing(1)) || b.EngineVersion != "old-0.1" {
				t.Errorf("briefing after migration = %+v", b)
			}
			var damaged string
			if err := db.reader.QueryRow(`SELECT json FROM briefings WHERE article_id = 3`).Scan(&damaged); err != nil || damaged != "{not json" {
				t.Errorf("damaged briefing = %q, %v; want it kept as it was", damaged, err)
			}

			// The v3 index was backfilled from the old briefings.
			quotes, err := db.Quotes(ctx, "g-old", QuoteQuery{Speaker: "ruiz"})
			if err != nil || len(quotes) != 1 || quotes[0].ArticleID != 1 {
				t.Errorf("Quotes after migration = %+v, %v; want the one quote of article 1", quotes, err)
			}
			about, err := db.ActorArticles(ctx, "g-old", "Mayor Ruiz", 0)
			if err != nil || len(about) != 1 || about[0].Article.ID != 1 {
				t.Errorf("ActorArticles after migration = %d results, %v; want article 1", len(about), err)
			}
			found, err := db.Articles(ctx, "g-old", ArticleQuery{Search: "harbour"})
			if err != nil || len(found) != 3 {
				t.Errorf("search after migration = %v, %v; want 3 articles", ids(found), err)
			}

			if from >= 2 {
				d, err := db.LastDigest(ctx, "g-old")
				if err != nil {
					t.Fatal(err)
				}
				if d.State != StatePosted || !reflect.DeepEqual(d.MessageIDs, []string{"m-9"}) ||
					!reflect.DeepEqual(d.ArticleIDs, []int64{1}) || !d.Late || !d.PeriodStart.Equal(t0) {
					t.Errorf("digest after migration = %+v", d)
				}
			}

			// And what the new schema added works on the old data.
			srv.WatchChannels = []string{"news"}
			if err := db.SaveServer(ctx, srv, t0.Add(1)); err != nil {
				t.Fatal(err)
			}
			if got, _ := db.Server(ctx, "g-old"); !reflect.DeepEqual(got.WatchChannels, []string{"news"}) {
				t.Errorf("watch channels after save = %v", got.WatchChannels)
			}
		})
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	saveBriefed(t, db, "g1", 1, t0)
	next := len(migrations()) + 1
	mustExec(t, db.writer, `INSERT INTO schema_version (version, applied_at) VALUES (?, 0)`, next)
	db.Close()
	before := dumpTables(t, path)

	_, err := Open(ctx, path)
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open newer database: err = %v, want ErrNewerSchema", err)
	}
	want := fmt.Sprintf("this database was written by a newer briefbot (schema %d, this build knows %d): upgrade briefbot or restore a backup",
		next, len(migrations()))
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error = %q\nwant it to contain %q", err, want)
	}
	if after := dumpTables(t, path); !reflect.DeepEqual(before, after) {
		t.Error("refusing a newer database changed its contents")
	}

	// An older build (one that knows fewer steps) refuses today's file too.
	path2 := filepath.Join(t.TempDir(), "current.db")
	cur, err := Open(ctx, path2)
	if err != nil {
		t.Fatal(err)
	}
	cur.Close()
	_, err = openAt(ctx, path2, 1)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), fmt.Sprintf("(schema %d, this build knows 1)", len(migrations()))) {
		t.Errorf("old build opening current file: err = %v", err)
	}
}

// TestFailedMigrationRollsBack checks that a step that fails part-way leaves
// nothing of itself behind and no version row.
func TestFailedMigrationRollsBack(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	steps := append(migrations(), migration{"broken", execSQL(`
		CREATE TABLE half_done (x INTEGER);
		INSERT INTO no_such_table VALUES (1);`)})
	err := migrate(ctx, db.writer, steps)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("migrate to schema %d (broken)", len(migrations())+1)) {
		t.Fatalf("migrate with a broken step: err = %v", err)
	}
	if v, _ := db.SchemaVersion(ctx); v != len(migrations()) {
		t.Errorf("schema version = %d after failed step, want %d", v, len(migrations()))
	}
	if n := count(t, db, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'`); n != 0 {
		t.Error("failed step left its table behind")
	}
}

// migratedFrom builds a database at schema version from, fills it with the
// fixtures of every version up to it, and opens it (migrating it up).
func migratedFrom(t *testing.T, from int) *DB {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", from))
	old, err := openAt(ctx, path, from)
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= from; v++ {
		fixtures[v](t, old.writer)
	}
	old.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open a schema-%d database: %v", from, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

package schedule

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
	// Zone rules for the tests on hosts without a tz database; the binary
	// gets them from cmd/briefbot.
	_ "time/tzdata"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/digest"
	"github.com/briefbot/briefbot/storage"
)

// clock is the tests' fake time; nothing in these tests reads the real clock
// to decide a schedule.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// postCall is one PostDigest call as the fake Discord saw it.
type postCall struct {
	Guild, Channel string
	Digest         digest.Digest
	Opts           PostOptions
	At             time.Time
}

// message is one digest message the fake Discord created.
type message struct {
	postCall
	IDs []string
}

// fakeDiscord records digest posts like a channel would, including Discord's
// enforce_nonce dedupe, which only holds for a few minutes.
type fakeDiscord struct {
	clock       *clock
	nonceWindow time.Duration

	mu    sync.Mutex
	calls []postCall
	msgs  []message
	n     int
	// fail, if set, fails a call before anything is posted.
	fail func(c postCall) error
	// failAfterPost, if set, posts and then fails: the process died
	// before it heard back.
	failAfterPost func(c postCall) error
	// onPost, if set, receives a value (without blocking) for each message.
	onPost chan struct{}
	// findCalls counts FindPosted calls (finderPoster only).
	findCalls int
}

func newFakeDiscord(c *clock) *fakeDiscord {
	return &fakeDiscord{clock: c, nonceWindow: 5 * time.Minute}
}

func (f *fakeDiscord) PostDigest(ctx context.Context, guildID, channelID string, d digest.Digest, opts PostOptions) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := postCall{Guild: guildID, Channel: channelID, Digest: d, Opts: opts, At: f.clock.Now()}
	f.calls = append(f.calls, c)
	if f.fail != nil {
		if err := f.fail(c); err != nil {
			return nil, err
		}
	}
	for _, m := range f.msgs {
		if m.Channel == channelID && m.Opts.Nonce == opts.Nonce && c.At.Sub(m.At) < f.nonceWindow {
			return m.IDs, nil // enforce_nonce: Discord hands back the first message
		}
	}
	f.n++
	ids := []string{fmt.Sprintf("msg-%d", f.n)}
	f.msgs = append(f.msgs, message{postCall: c, IDs: ids})
	if f.onPost != nil {
		select {
		case f.onPost <- struct{}{}:
		default:
		}
	}
	if f.failAfterPost != nil {
		if err := f.failAfterPost(c); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func (f *fakeDiscord) messages(guild string) []message {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []message
	for _, m := range f.msgs {
		if m.Guild == guild {
			out = append(out, m)
		}
	}
	return out
}

func (f *fakeDiscord) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

func (f *fakeDiscord) lastCall() postCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[len(f.calls)-1]
}

// finderPoster is a fake Discord whose bot can search its recent messages
// for a digest's nonce marker.
type finderPoster struct{ *fakeDiscord }

func (f finderPoster) FindPosted(ctx context.Context, guildID, channelID, nonce string) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.findCalls++
	for _, m := range f.msgs {
		if m.Guild == guildID && m.Channel == channelID && m.Opts.Nonce == nonce {
			return m.IDs, nil
		}
	}
	return nil, nil
}

// deadStore is a Store whose outcome writes fail once kill is called: the
// process died between posting and recording.
type deadStore struct {
	*storage.DB
	mu   sync.Mutex
	dead bool
	// failWrites, while > 0, fails that many outcome writes (a transient
	// database error) without killing the store.
	failWrites int
}

var errDead = errors.New("process died")

func (d *deadStore) kill() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.dead = true
}

func (d *deadStore) check() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.dead {
		return errDead
	}
	if d.failWrites > 0 {
		d.failWrites--
		return errors.New("disk I/O error")
	}
	return nil
}

func (d *deadStore) DigestPosted(ctx context.Context, guildID string, id int64, messageIDs []string, articleIDs []int64, late bool, now time.Time) error {
	if err := d.check(); err != nil {
		return err
	}
	return d.DB.DigestPosted(ctx, guildID, id, messageIDs, articleIDs, late, now)
}

func (d *deadStore) DigestFailed(ctx context.Context, guildID string, id int64, reason string, now time.Time) error {
	if err := d.check(); err != nil {
		return err
	}
	return d.DB.DigestFailed(ctx, guildID, id, reason, now)
}

func (d *deadStore) DigestEmpty(ctx context.Context, guildID string, id int64, now time.Time) error {
	if err := d.check(); err != nil {
		return err
	}
	return d.DB.DigestEmpty(ctx, guildID, id, now)
}

// env is one test's database, fake Discord and clock.
type env struct {
	t       *testing.T
	ctx     context.Context
	path    string
	db      *storage.DB
	clock   *clock
	discord *fakeDiscord
	// shared lists every article stored, per server.
	shared map[string][]sharedArticle
	n      int
}

type sharedArticle struct {
	id int64
	at time.Time
}

func newEnv(t *testing.T, start time.Time) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), path: filepath.Join(t.TempDir(), "briefbot.db"),
		clock: &clock{now: start}, shared: map[string][]sharedArticle{}}
	e.discord = newFakeDiscord(e.clock)
	e.db = e.open()
	return e
}

func (e *env) open() *storage.DB {
	e.t.Helper()
	db, err := storage.Open(e.ctx, e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { db.Close() })
	return db
}

func (e *env) config() Config {
	return Config{MaxAttempts: 3, RetryBackoff: 5 * time.Minute, Now: e.clock.Now}
}

func (e *env) scheduler(cfg Config, store Store, poster Poster) *Scheduler {
	e.t.Helper()
	s, err := New(cfg, store, poster)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(s.Stop)
	return s
}

// server saves a server's settings at the clock's time.
func (e *env) server(guild, zone, spec string) storage.Server {
	e.t.Helper()
	srv := storage.Server{GuildID: guild, DigestChannel: "digest-" + guild, DigestSchedule: spec, TimeZone: zone, DigestEnabled: true}
	if err := e.db.SaveServer(e.ctx, srv, e.clock.Now()); err != nil {
		e.t.Fatal(err)
	}
	got, err := e.db.Server(e.ctx, guild)
	if err != nil {
		e.t.Fatal(err)
	}
	return got
}

var topics = []string{
	"harbour council votes to rebuild the old pier after storm damage",
	"regional rail strike halts commuter trains for a second day",
	"central bank holds interest rates steady amid slowing inflation",
	"wildfire near the northern forest forces village evacuation",
	"football club appoints new manager after a poor season",
	"university researchers report a battery breakthrough for electric buses",
	"drought pushes farmers to ration water across the valley",
	"parliament debates a bill on online privacy for children",
}

// share stores an article (and its briefing) submitted at at, as the bot
// would for a pasted link.
func (e *env) share(guild string, at time.Time) int64 {
	e.t.Helper()
	return e.shareStored(guild, at, at)
}

// shareStored stores an article submitted at at but written only at
// storedAt (a slow fetch); the briefing is written at storedAt too.
func (e *env) shareStored(guild string, at, storedAt time.Time) int64 {
	e.t.Helper()
	e.n++
	topic := topics[e.n%len(topics)]
	a := briefing.Article{
		URL:   fmt.Sprintf("https://news.example/%s/%d", guild, e.n),
		Title: fmt.Sprintf("Report %d: %s", e.n, topic),
		Site:  "news.example",
		Text: fmt.Sprintf("Report %d. Officials said the %s.\n\nResidents reacted on day %d with questions about what comes next.",
			e.n, topic, e.n),
	}
	sub := storage.Submission{GuildID: guild, ChannelID: "links", MessageID: fmt.Sprintf("m%d", e.n), UserID: fmt.Sprintf("member-%d", e.n%3), At: at}
	stored, created, err := e.db.SaveArticle(e.ctx, sub, a)
	if err != nil || !created {
		e.t.Fatalf("save article: created=%v err=%v", created, err)
	}
	b := briefing.Briefing{Title: a.Title, Summary: "Officials said the " + topic + "."}
	if err := e.db.SaveBriefing(e.ctx, guild, stored.ID, "test", b, storedAt); err != nil {
		e.t.Fatal(err)
	}
	e.shared[guild] = append(e.shared[guild], sharedArticle{id: stored.ID, at: at})
	return stored.ID
}

// posted counts, per article, the distinct digest messages that listed it.
func (e *env) posted(guild string) map[int64]int {
	counts := map[int64]int{}
	for _, m := range e.discord.messages(guild) {
		for _, st := range m.Digest.Stories {
			for _, id := range st.ArticleIDs {
				counts[id]++
			}
		}
	}
	return counts
}

// checkOnce asserts the two promises: no period was posted twice, and
// every article submitted before covered (the end of the last posted
// period) is in exactly one posted digest, which also agrees with the
// digest log.
func (e *env) checkOnce(guild string, covered time.Time) {
	e.t.Helper()
	nonces := map[string]int{}
	for _, m := range e.discord.messages(guild) {
		nonces[m.Opts.Nonce]++
		if m.Channel != "digest-"+guild && m.Channel != "new-digest-"+guild {
			e.t.Errorf("digest of %s posted to channel %s", guild, m.Channel)
		}
	}
	for n, c := range nonces {
		if c > 1 {
			e.t.Errorf("%s: period with nonce %s posted %d times", guild, n, c)
		}
	}
	counts := e.posted(guild)
	mine := map[int64]bool{}
	for _, a := range e.shared[guild] {
		mine[a.id] = true
		if a.at.Before(covered) && counts[a.id] != 1 {
			e.t.Errorf("%s: article %d shared at %s is in %d posted digests, want 1", guild, a.id, a.at.UTC(), counts[a.id])
		}
		if !a.at.Before(covered) && counts[a.id] > 1 {
			e.t.Errorf("%s: article %d posted %d times", guild, a.id, counts[a.id])
		}
	}
	for id := range counts {
		if !mine[id] {
			e.t.Errorf("%s: digest lists article %d of another server", guild, id)
		}
	}
	runs, err := e.db.DigestRuns(e.ctx, guild, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	logged := map[int64]int{}
	for _, r := range runs {
		if r.State == storage.StatePosted {
			for _, id := range r.ArticleIDs {
				logged[id]++
			}
		}
	}
	for id, c := range counts {
		if logged[id] != c {
			e.t.Errorf("%s: article %d posted %d times but logged %d times", guild, id, c, logged[id])
		}
	}
}

func (e *env) runs(guild string) []storage.DigestRun {
	e.t.Helper()
	runs, err := e.db.DigestRuns(e.ctx, guild, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	slices.Reverse(runs) // oldest first reads better in assertions
	return runs
}

// fireAt moves the clock to at and fires the server's entry, as cron would.
func (e *env) fireAt(s *Scheduler, guild string, at time.Time) error {
	e.clock.Set(at)
	return s.Fire(e.ctx, guild, at)
}

// tickAt moves the clock to at and runs Tick.
func (e *env) tickAt(s *Scheduler, at time.Time) error {
	e.clock.Set(at)
	return s.Tick(e.ctx, at)
}

func mustNoErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Package schedule posts each server's daily digest at the time the server
// chose, in its own time zone, exactly once per period: also when the bot
// restarts, crashes mid-post or was offline at the hour.
//
// How once is kept: a period [previous fire, fire) is claimed in the
// database before anything is built (storage.ClaimDigest, unique per server
// and period), and only a claim lets the scheduler post. A claim left by a
// crashed process is taken over by the next start, which first asks the
// Poster whether that period's message is already in the channel (see
// PostedFinder) and posts with the same Discord nonce as the first try.
//
// How no article is lost: a digest covers everything submitted since the
// end of the last period that was posted (or found empty), not just its own
// period, so a failed, skipped or missed period's articles are carried into
// the next digest; articles already listed in a posted digest are left out
// by id. Only the latest period is ever posted late, never a backlog.
//
// Decisions about time are pure (Schedule, Periods, NextRun) and every
// method that acts takes the current time, so tests drive the scheduler
// with a fake clock; only Start runs real timers (cron/v3 entries and a
// retry ticker).
package schedule

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/briefbot/briefbot/briefing/digest"
	"github.com/briefbot/briefbot/storage"
)

// Store is the part of storage.DB the scheduler uses.
type Store interface {
	DigestServers(ctx context.Context) ([]storage.Server, error)
	Server(ctx context.Context, guildID string) (storage.Server, error)
	DigestArticles(ctx context.Context, guildID string, from, to time.Time, maxText int) ([]storage.DigestArticle, error)
	Article(ctx context.Context, guildID string, id int64) (storage.StoredArticle, error)
	Briefing(ctx context.Context, guildID string, articleID int64) (storage.StoredBriefing, error)
	ClaimDigest(ctx context.Context, guildID string, start, end, now time.Time, maxAttempts int) (storage.DigestRun, bool, error)
	DigestPosted(ctx context.Context, guildID string, id int64, messageIDs []string, articleIDs []int64, late bool, now time.Time) error
	DigestFailed(ctx context.Context, guildID string, id int64, reason string, now time.Time) error
	DigestEmpty(ctx context.Context, guildID string, id int64, now time.Time) error
	DigestRuns(ctx context.Context, guildID string, limit int) ([]storage.DigestRun, error)
}

// Poster posts a digest to a Discord channel.
//
// PostDigest must send opts.Nonce as the message nonce with enforce_nonce
// (for a digest of several messages, the nonce plus "-2", "-3", ... on the
// later ones; the nonce leaves room for that within Discord's 25 characters),
// so a retry of the same period inside Discord's dedupe window returns the
// first message instead of posting a second. If it fails after posting
// some messages of a multi-message digest, it should delete those (best
// effort) before returning the error, because the retry posts all of it.
// Wrap errors that retrying cannot fix (unknown channel, missing access or
// permissions) with Permanent.
type Poster interface {
	PostDigest(ctx context.Context, guildID, channelID string, d digest.Digest, opts PostOptions) (messageIDs []string, err error)
}

// PostedFinder is implemented by a Poster that can tell whether the digest
// with a given nonce is already in the channel, for instance by a marker
// carrying the nonce in the embed footer of the bot's recent messages. The
// scheduler asks before re-posting a period whose earlier attempt may have
// reached Discord (a crash between posting and recording), so it is the
// guard that holds beyond Discord's few-minute nonce window. nil messageIDs
// and a nil error mean not found.
type PostedFinder interface {
	FindPosted(ctx context.Context, guildID, channelID, nonce string) (messageIDs []string, err error)
}

// PostOptions tells the Poster how to present one digest.
type PostOptions struct {
	// Late is true when the digest goes out well after its time (the bot
	// was offline at the hour, or posting was retried): say so in the post.
	Late bool
	// Scheduled is the fire time the digest belongs to, in the server's
	// zone, for the late note ("due at 08:00").
	Scheduled time.Time
	// Nonce is the same on every attempt at one period, and differs
	// between periods and servers; at most 20 characters.
	Nonce string
	// Attempt counts tries at this period, 1 for the first.
	Attempt int
	// Empty is true for the one-line "nothing was shared" note sent when
	// Config.EmptyNote is set; the digest then has no stories.
	Empty bool
}

// Config holds the scheduler's settings. Zero values take the defaults
// named on each field.
type Config struct {
	// DefaultSchedule is the cron spec for servers that set none
	// (BRIEFBOT_DIGEST_SCHEDULE); "" = "0 8 * * *".
	DefaultSchedule string
	// MaxAttempts bounds tries at one period, the first included; 0 = 4.
	MaxAttempts int
	// RetryBackoff is the wait before the first retry, doubled for each
	// further one and capped at 6 h; 0 = 5 min.
	RetryBackoff time.Duration
	// LateAfter: a digest posted longer than this after its fire time is
	// marked late; 0 = 10 min. A start-up catch-up is always late.
	LateAfter time.Duration
	// CarryOver bounds how far before its period a digest reaches back for
	// articles no earlier digest posted (after failures, downtime or a
	// long pause); 0 = 7 days.
	CarryOver time.Duration
	// ArticleSlack is how far before the last posted period's end a digest
	// also looks, for articles stored only after that digest was built (a
	// slow fetch, a briefing still running at the hour); 0 = 1 h.
	ArticleSlack time.Duration
	// TickEvery is how often Start's loop calls Tick; 0 = 30 s.
	TickEvery time.Duration
	// EmptyNote posts a one-line note when a period has nothing to post,
	// instead of posting nothing.
	EmptyNote bool
	// Logger receives the scheduler's logs; nil discards them.
	Logger *slog.Logger
	// Now is the clock for Start, its cron entries and Update; nil =
	// time.Now.
	Now func() time.Time
}

const (
	defaultSpec         = "0 8 * * *"
	defaultMaxAttempts  = 4
	defaultRetryBackoff = 5 * time.Minute
	maxRetryBackoff     = 6 * time.Hour
	defaultLateAfter    = 10 * time.Minute
	defaultCarryOver    = 7 * 24 * time.Hour
	defaultArticleSlack = time.Hour
	defaultTickEvery    = 30 * time.Second
	// historyRuns is how many recent digests are read to find where the
	// next one starts and which articles were already posted.
	historyRuns = 64
	// recordTimeout bounds writing an outcome after the caller's context
	// ended (shutdown during a post): losing that write would leave a
	// claim that only a restart resolves.
	recordTimeout = 30 * time.Second
)

// ErrNotScheduled is returned (wrapped) by Fire for a server with no digest
// entry: digests disabled, no channel, or never passed to Update or Start.
var ErrNotScheduled = errors.New("server has no digest schedule")

// Permanent marks a posting error that retrying will not fix, such as a
// deleted channel or missing permissions. The scheduler records it and does
// not retry the period until the server's settings change (Update).
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

type permanentError struct{ err error }

func (p permanentError) Error() string { return p.err.Error() }
func (p permanentError) Unwrap() error { return p.err }

// Scheduler runs the digests of all servers. Its methods are safe for
// concurrent use; one server's digest work is serialised.
type Scheduler struct {
	cfg    Config
	store  Store
	poster Poster
	log    *slog.Logger
	now    func() time.Time
	cron   *cron.Cron

	// runCtx is the context of work started by cron and the tick loop; Stop
	// cancels it.
	runCtx context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	entries map[string]*entry
	// guildLocks serialise one server's digest work; never removed, so a
	// lock held across Remove and a later Update is still the same lock.
	guildLocks map[string]*sync.Mutex
	started    bool
}

// entry is a scheduled server. Fields are guarded by Scheduler.mu.
type entry struct {
	server storage.Server
	sched  Schedule
	cronID cron.EntryID
	// fired is the end of the latest period this scheduler fired (or found
	// handled at registration); an equal or older fire is a duplicate.
	fired time.Time
	retry *retry
	// blocked is a period that failed permanently; Update retries it.
	blocked *Period
	// unrecorded is a digest posted to Discord whose outcome could not be
	// written: it is written again before anything else is posted.
	unrecorded *unrecorded
}

type retry struct {
	period Period
	due    time.Time
	late   bool
}

type unrecorded struct {
	runID      int64
	messageIDs []string
	articleIDs []int64
	late       bool
	due        time.Time
	attempts   int
}

// New checks cfg and returns a Scheduler that has not started.
func New(cfg Config, store Store, poster Poster) (*Scheduler, error) {
	if store == nil || poster == nil {
		return nil, errors.New("new digest scheduler: store and poster are required")
	}
	if cfg.DefaultSchedule == "" {
		cfg.DefaultSchedule = defaultSpec
	}
	if _, err := ParseSchedule(cfg.DefaultSchedule, time.UTC); err != nil {
		return nil, fmt.Errorf("new digest scheduler: default schedule (BRIEFBOT_DIGEST_SCHEDULE): %w", err)
	}
	if cfg.MaxAttempts < 0 || cfg.RetryBackoff < 0 || cfg.LateAfter < 0 || cfg.CarryOver < 0 ||
		cfg.ArticleSlack < 0 || cfg.TickEvery < 0 {
		return nil, errors.New("new digest scheduler: negative attempts or durations: use 0 for the defaults")
	}
	cfg.MaxAttempts = cmp.Or(cfg.MaxAttempts, defaultMaxAttempts)
	cfg.RetryBackoff = cmp.Or(cfg.RetryBackoff, defaultRetryBackoff)
	cfg.LateAfter = cmp.Or(cfg.LateAfter, defaultLateAfter)
	cfg.CarryOver = cmp.Or(cfg.CarryOver, defaultCarryOver)
	cfg.ArticleSlack = cmp.Or(cfg.ArticleSlack, defaultArticleSlack)
	cfg.TickEvery = cmp.Or(cfg.TickEvery, defaultTickEvery)
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "digest-scheduler")
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	cl := cronLogger{log}
	s := &Scheduler{
		cfg:        cfg,
		store:      store,
		poster:     poster,
		log:        log,
		now:        now,
		cron:       cron.New(cron.WithLocation(time.UTC), cron.WithLogger(cl), cron.WithChain(cron.Recover(cl))),
		entries:    map[string]*entry{},
		guildLocks: map[string]*sync.Mutex{},
	}
	s.runCtx, s.cancel = context.WithCancel(context.Background())
	return s, nil
}

// Start registers every server with digests enabled, starts the cron
// entries and, in the background, posts the catch-up digests (see CatchUp)
// and then calls Tick every Config.TickEvery. Call it once the Discord
// session is open. Cancelling ctx or calling Stop ends it.
func (s *Scheduler) Start(ctx context.Context) error {
	s.mu.Lock()
	if s.started {
		s.mu.Unlock()
		return errors.New("start digest scheduler: already started")
	}
	s.started = true
	s.mu.Unlock()
	context.AfterFunc(ctx, s.cancel)

	now := s.now()
	if err := s.load(s.runCtx, now); err != nil {
		return fmt.Errorf("start digest scheduler: %w", err)
	}
	s.cron.Start()
	s.wg.Go(func() {
		if err := s.catchUpAll(s.runCtx, now); err != nil {
			s.log.Error("catch up digests", "err", err)
		}
		t := time.NewTicker(s.cfg.TickEvery)
		defer t.Stop()
		for {
			select {
			case <-s.runCtx.Done():
				return
			case <-t.C:
				if err := s.Tick(s.runCtx, s.now()); err != nil {
					s.log.Error("digest tick", "err", err)
				}
			}
		}
	})
	return nil
}

// Stop stops the cron entries and the tick loop and waits for digest work
// in progress to end; its context is cancelled, and outcomes are still
// written. Safe to call more than once, and without Start.
func (s *Scheduler) Stop() {
	s.cancel()
	<-s.cron.Stop().Done()
	s.wg.Wait()
}

// CatchUp registers every server with digests enabled (as Start does) and,
// for each, handles the latest period whose fire time is at or before now:
//   - no digest row for it (the bot was down at the hour): post it now,
//     marked late, covering everything since the last posted period;
//   - a row left "claimed" by a crashed process or "failed" with attempts
//     left: finish it, once;
//   - posted or empty: nothing.
//
// Older periods are never posted; an older claim left by a crash is settled
// (found in the channel through PostedFinder, or marked failed so the
// catch-up carries its articles). Start calls it in the background.
func (s *Scheduler) CatchUp(ctx context.Context, now time.Time) error {
	if err := s.load(ctx, now); err != nil {
		return fmt.Errorf("catch up digests: %w", err)
	}
	return s.catchUpAll(ctx, now)
}

func (s *Scheduler) load(ctx context.Context, now time.Time) error {
	servers, err := s.store.DigestServers(ctx)
	if err != nil {
		return fmt.Errorf("load digest servers: %w", err)
	}
	for _, srv := range servers {
		// One server's bad settings must not keep the others from their digests.
		if err := s.register(srv, now); err != nil {
			s.log.Warn("digest not scheduled: bad settings", "guild", srv.GuildID, "err", err)
		}
	}
	return nil
}

func (s *Scheduler) catchUpAll(ctx context.Context, now time.Time) error {
	s.mu.Lock()
	guilds := slices.Sorted(maps.Keys(s.entries))
	s.mu.Unlock()
	var errs []error
	for _, g := range guilds {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := s.catchUp(ctx, g, now); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Update applies a server's saved settings: its entry is added, moved to
// the new time or zone, or removed when digests are off or no channel is
// set. A period that failed permanently (say, a deleted channel) is retried
// at the next Tick. A schedule or zone the scheduler cannot read is an
// error and leaves the old entry in place; check settings with
// CheckSettings before saving them.
func (s *Scheduler) Update(ctx context.Context, srv storage.Server) error {
	if !srv.DigestEnabled || srv.DigestChannel == "" {
		s.Remove(srv.GuildID)
		return nil
	}
	if err := s.register(srv, s.now()); err != nil {
		return fmt.Errorf("update digest schedule of %s: %w", srv.GuildID, err)
	}
	return nil
}

// Remove drops a server's entry and any pending retry.
func (s *Scheduler) Remove(guildID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.entries[guildID]; e != nil {
		s.cron.Remove(e.cronID)
		delete(s.entries, guildID)
	}
}

// scheduleFor reads a server's effective schedule.
func (s *Scheduler) scheduleFor(srv storage.Server) (Schedule, error) {
	loc, err := LoadZone(srv.TimeZone)
	if err != nil {
		return Schedule{}, err
	}
	return ParseSchedule(cmp.Or(srv.DigestSchedule, s.cfg.DefaultSchedule), loc)
}

// register adds or updates a server's entry. A new entry counts the period
// ending at or before now as handled: a settings change does not post a
// past period (CatchUp decides about those at start-up).
func (s *Scheduler) register(srv storage.Server, now time.Time) error {
	if srv.GuildID == "" {
		return errors.New("empty guild ID")
	}
	sched, err := s.scheduleFor(srv)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.entries[srv.GuildID]
	if e == nil {
		e = &entry{}
		s.entries[srv.GuildID] = e
	} else {
		s.cron.Remove(e.cronID)
	}
	e.server, e.sched = srv, sched
	if last := sched.Prev(now); last.After(e.fired) {
		e.fired = last
	}
	if e.blocked != nil {
		e.retry = &retry{period: *e.blocked, due: now}
		e.blocked = nil
	}
	guildID := srv.GuildID
	e.cronID = s.cron.Schedule(sched, cron.FuncJob(func() {
		if err := s.Fire(s.runCtx, guildID, s.now()); err != nil && !errors.Is(err, context.Canceled) {
			s.log.Error("digest", "guild", guildID, "err", err)
		}
	}))
	return nil
}

// lockGuild serialises digest work for one server.
func (s *Scheduler) lockGuild(guildID string) (unlock func()) {
	s.mu.Lock()
	l := s.guildLocks[guildID]
	if l == nil {
		l = &sync.Mutex{}
		s.guildLocks[guildID] = l
	}
	s.mu.Unlock()
	l.Lock()
	return l.Unlock
}

// snapshot copies what a digest run needs from a server's entry.
type snapshot struct {
	server storage.Server
	sched  Schedule
}

// Fire runs the server's digest for the period ending at the latest fire
// time at or before now. It is what the cron entry calls; tests call it
// with fake times. A period this scheduler already fired is not fired again
// (retries go through Tick). The returned error is the posting or storage
// error, after it was recorded and any retry scheduled.
func (s *Scheduler) Fire(ctx context.Context, guildID string, now time.Time) error {
	unlock := s.lockGuild(guildID)
	defer unlock()
	s.mu.Lock()
	e := s.entries[guildID]
	if e == nil {
		s.mu.Unlock()
		return fmt.Errorf("fire digest of %s: %w", guildID, ErrNotScheduled)
	}
	p, ok := e.sched.PeriodAt(now)
	if !ok || !p.End.After(e.fired) {
		s.mu.Unlock()
		return nil
	}
	e.fired = p.End
	// The new period carries the articles of one still waiting for a retry.
	e.retry, e.blocked = nil, nil
	snap := snapshot{e.server, e.sched}
	s.mu.Unlock()
	return s.runPeriod(ctx, snap, p, now.Sub(p.End) > s.cfg.LateAfter, now)
}

// Tick does what is due at now: writes a posted digest's outcome that could
// not be written before, retries failed periods whose backoff has passed,
// and fires any period a cron entry missed (the host slept through it).
func (s *Scheduler) Tick(ctx context.Context, now time.Time) error {
	type job struct {
		guildID      string
		fire, record bool
		retry        *retry
	}
	var jobs []job
	s.mu.Lock()
	for _, g := range slices.Sorted(maps.Keys(s.entries)) {
		e := s.entries[g]
		j := job{guildID: g}
		j.record = e.unrecorded != nil && !e.unrecorded.due.After(now)
		if last := e.sched.Prev(now); last.After(e.fired) {
			j.fire = true
		} else if e.retry != nil && !e.retry.due.After(now) {
			j.retry = e.retry
		}
		if j.fire || j.record || j.retry != nil {
			jobs = append(jobs, j)
		}
	}
	s.mu.Unlock()

	var errs []error
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		var err error
		switch {
		case j.fire:
			err = s.Fire(ctx, j.guildID, now)
		case j.retry != nil:
			err = s.retryPeriod(ctx, j.guildID, j.retry, now)
		case j.record:
			err = s.recordUnrecorded(ctx, j.guildID, now)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (s *Scheduler) retryPeriod(ctx context.Context, guildID string, r *retry, now time.Time) error {
	unlock := s.lockGuild(guildID)
	defer unlock()
	s.mu.Lock()
	e := s.entries[guildID]
	if e == nil || e.retry != r {
		s.mu.Unlock()
		return nil // removed, superseded or already done
	}
	e.retry = nil
	snap := snapshot{e.server, e.sched}
	s.mu.Unlock()
	return s.runPeriod(ctx, snap, r.period, r.late || now.Sub(r.period.End) > s.cfg.LateAfter, now)
}

func (s *Scheduler) setRetry(guildID string, r *retry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.entries[guildID]; e != nil {
		e.retry = r
	}
}

func (s *Scheduler) catchUp(ctx context.Context, guildID string, now time.Time) error {
	unlock := s.lockGuild(guildID)
	defer unlock()
	s.mu.Lock()
	e := s.entries[guildID]
	if e == nil {
		s.mu.Unlock()
		return nil
	}
	p, ok := e.sched.PeriodAt(now)
	if !ok {
		s.mu.Unlock()
		return nil
	}
	if p.End.After(e.fired) {
		e.fired = p.End
	}
	snap := snapshot{e.server, e.sched}
	s.mu.Unlock()

	runs, err := s.store.DigestRuns(ctx, guildID, historyRuns)
	if err != nil {
		return fmt.Errorf("catch up digest of %s: %w", guildID, err)
	}
	for _, r := range runs {
		if r.State == storage.StateClaimed && r.PeriodEnd.Before(p.End) {
			s.settleStale(ctx, snap, r, runs, now)
		}
	}
	switch {
	case len(runs) > 0 && runs[0].PeriodEnd.After(p.End):
		return nil // a later period under an earlier schedule is already there
	case len(runs) > 0 && runs[0].PeriodEnd.Equal(p.End):
		if st := runs[0].State; st == storage.StatePosted || st == storage.StateEmpty {
			return nil
		}
		// Claimed by a process that died, or failed: ClaimDigest decides
		// whether attempts are left.
		return s.runPeriod(ctx, snap, p, now.Sub(p.End) > s.cfg.LateAfter, now)
	case len(runs) > 0 || !snap.server.UpdatedAt.After(p.End):
		// Digests were on at the fire time and nothing ran: the bot was
		// down. A server configured after the hour waits for its next one.
		return s.runPeriod(ctx, snap, p, true, now)
	}
	return nil
}

// settleStale resolves a claim an earlier process left on a period older
// than the latest one. That period is not posted any more; if its digest
// reached the channel before the crash it is recorded as posted (so its
// articles are not posted again), otherwise it is marked failed and the
// next digest carries its articles.
func (s *Scheduler) settleStale(ctx context.Context, snap snapshot, r storage.DigestRun, runs []storage.DigestRun, now time.Time) {
	guildID := snap.server.GuildID
	p := Period{Start: r.PeriodStart, End: r.PeriodEnd}
	if finder, ok := s.poster.(PostedFinder); ok {
		ids, err := finder.FindPosted(ctx, guildID, snap.server.DigestChannel, nonce(guildID, p))
		if err != nil {
			s.log.Warn("check interrupted digest", "guild", guildID, "period", p, "err", err)
			return
		}
		if len(ids) > 0 {
			b, err := s.build(ctx, guildID, p, r.ID, runs)
			if err == nil {
				err = s.store.DigestPosted(ctx, guildID, r.ID, ids, b.articleIDs, r.Late, now)
			}
			if err != nil {
				s.log.Error("record interrupted digest found posted", "guild", guildID, "period", p, "err", err)
			}
			return
		}
	}
	if err := s.store.DigestFailed(ctx, guildID, r.ID, "interrupted: the bot stopped while posting; a later digest carries its articles", now); err != nil {
		s.log.Error("record interrupted digest", "guild", guildID, "period", p, "err", err)
	}
}

// runPeriod claims period p, builds its digest, posts it and records the
// outcome. The caller holds the server's lock.
func (s *Scheduler) runPeriod(ctx context.Context, snap snapshot, p Period, late bool, now time.Time) error {
	guildID := snap.server.GuildID
	log := s.log.With("guild", guildID, "period", p)
	if err := s.recordUnrecorded(ctx, guildID, now); err != nil {
		// Posting anything now could repeat that digest's articles.
		return err
	}
	runs, err := s.store.DigestRuns(ctx, guildID, historyRuns)
	if err != nil {
		return fmt.Errorf("run digest of %s: %w", guildID, err)
	}
	p, ok := keyPeriod(runs, p)
	if !ok {
		log.Info("digest period superseded by a later one")
		return nil
	}
	run, claimed, err := s.store.ClaimDigest(ctx, guildID, p.Start, p.End, now, s.cfg.MaxAttempts)
	if err != nil {
		return fmt.Errorf("run digest of %s: %w", guildID, err)
	}
	if !claimed {
		if run.State == storage.StateClaimed && run.Attempts < s.cfg.MaxAttempts {
			// This process holds a claim it did not finish (an outcome
			// write failed): the store frees it when its lease runs out.
			s.setRetry(guildID, &retry{period: p, due: run.ClaimedAt.Add(storage.ClaimLease), late: late})
		}
		log.Debug("digest period not claimed", "state", run.State, "attempts", run.Attempts)
		return nil
	}

	b, err := s.build(ctx, guildID, p, run.ID, runs)
	if err != nil {
		return s.failed(ctx, snap, run, p, late, now, fmt.Errorf("build digest: %w", err))
	}
	n := nonce(guildID, p)
	channel := snap.server.DigestChannel

	if run.Attempts > 1 {
		// An earlier attempt may have reached Discord before it died.
		if finder, ok := s.poster.(PostedFinder); ok {
			ids, err := finder.FindPosted(ctx, guildID, channel, n)
			if err != nil {
				return s.failed(ctx, snap, run, p, late, now, fmt.Errorf("check for an earlier post: %w", err))
			}
			if len(ids) > 0 {
				log.Info("digest found already posted; recording it")
				return s.posted(ctx, guildID, run, ids, b.articleIDs, late, now)
			}
		}
	}

	empty := len(b.digest.Stories) == 0
	if empty && !s.cfg.EmptyNote {
		rctx, cancel := recordContext(ctx)
		defer cancel()
		if err := s.store.DigestEmpty(rctx, guildID, run.ID, now); err != nil {
			return fmt.Errorf("run digest of %s: %w", guildID, err)
		}
		log.Info("digest period empty")
		return nil
	}
	ids, err := s.poster.PostDigest(ctx, guildID, channel, b.digest, PostOptions{
		Late:      late,
		Scheduled: p.End.In(snap.sched.Location()),
		Nonce:     n,
		Attempt:   run.Attempts,
		Empty:     empty,
	})
	if err != nil {
		return s.failed(ctx, snap, run, p, late, now, fmt.Errorf("post digest: %w", err))
	}
	log.Info("digest posted", "messages", len(ids), "articles", len(b.articleIDs), "late", late, "attempt", run.Attempts)
	return s.posted(ctx, guildID, run, ids, b.articleIDs, late, now)
}

// recordContext outlives a cancelled caller for long enough to write an
// outcome.
func recordContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
}

func (s *Scheduler) posted(ctx context.Context, guildID string, run storage.DigestRun, ids []string, articleIDs []int64, late bool, now time.Time) error {
	rctx, cancel := recordContext(ctx)
	defer cancel()
	err := s.store.DigestPosted(rctx, guildID, run.ID, ids, articleIDs, late, now)
	if err == nil {
		return nil
	}
	// The digest is in the channel: never post it again. Keep the outcome
	// and write it before this server's next digest.
	s.mu.Lock()
	if e := s.entries[guildID]; e != nil {
		e.unrecorded = &unrecorded{runID: run.ID, messageIDs: ids, articleIDs: articleIDs, late: late,
			due: now.Add(s.backoff(1)), attempts: 1}
	}
	s.mu.Unlock()
	return fmt.Errorf("record digest of %s posted: %w", guildID, err)
}

// recordUnrecorded writes a posted digest's outcome kept by posted.
func (s *Scheduler) recordUnrecorded(ctx context.Context, guildID string, now time.Time) error {
	s.mu.Lock()
	e := s.entries[guildID]
	var u *unrecorded
	if e != nil {
		u = e.unrecorded
	}
	s.mu.Unlock()
	if u == nil {
		return nil
	}
	err := s.store.DigestPosted(ctx, guildID, u.runID, u.messageIDs, u.articleIDs, u.late, now)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil || errors.Is(err, storage.ErrNotFound) {
		if e.unrecorded == u {
			e.unrecorded = nil
		}
		return nil
	}
	u.attempts++
	u.due = now.Add(s.backoff(u.attempts))
	return fmt.Errorf("record digest of %s posted: %w", guildID, err)
}

// failed records a failed attempt and schedules the retry.
func (s *Scheduler) failed(ctx context.Context, snap snapshot, run storage.DigestRun, p Period, late bool, now time.Time, cause error) error {
	guildID := snap.server.GuildID
	rctx, cancel := recordContext(ctx)
	defer cancel()
	reason := cause.Error()
	if IsPermanent(cause) {
		reason = "permanent: " + reason
	}
	if err := s.store.DigestFailed(rctx, guildID, run.ID, reason, now); err != nil {
		// The claim stays; the store frees it after its lease.
		s.setRetry(guildID, &retry{period: p, due: now.Add(storage.ClaimLease), late: late})
		return errors.Join(fmt.Errorf("digest of %s: %w", guildID, cause), fmt.Errorf("record digest failure: %w", err))
	}
	log := s.log.With("guild", guildID, "period", p, "attempt", run.Attempts, "err", cause)
	switch {
	case ctx.Err() != nil:
		log.Info("digest interrupted; the next start finishes it")
	case IsPermanent(cause):
		log.Warn("digest failed; not retrying until the settings change")
		s.mu.Lock()
		if e := s.entries[guildID]; e != nil {
			e.blocked = &p
		}
		s.mu.Unlock()
	case run.Attempts >= s.cfg.MaxAttempts:
		log.Warn("digest failed; attempts used up, the next digest carries its articles")
	default:
		due := now.Add(s.backoff(run.Attempts))
		log.Warn("digest failed; will retry", "retry_at", due)
		s.setRetry(guildID, &retry{period: p, due: due, late: late})
	}
	return fmt.Errorf("digest of %s: %w", guildID, cause)
}

// backoff is the wait after the attempt-th failure.
func (s *Scheduler) backoff(attempt int) time.Duration {
	d := s.cfg.RetryBackoff
	for i := 1; i < attempt && d < maxRetryBackoff; i++ {
		d *= 2
	}
	return min(d, maxRetryBackoff)
}

// keyPeriod returns the period to claim for the fire time p.End, given the
// server's digests newest first. Periods are unique by start in the digest
// log, so after a schedule change the schedule's own previous fire time may
// collide with, or reach back before, a digest already there (daily at 08:00
// becoming weekly on Mondays at 08:00 gives a weekly period that starts where
// Monday's daily one started). The period then starts where the last digest
// ended. A row already ending at p.End is this fire's own (a retry or a
// restart) and keeps its start. ok is false when a digest reaching past p.End
// exists: the fire is superseded.
func keyPeriod(runs []storage.DigestRun, p Period) (Period, bool) {
	for _, r := range runs {
		if r.PeriodEnd.Equal(p.End) {
			return Period{Start: r.PeriodStart, End: p.End}, true
		}
	}
	if len(runs) == 0 {
		return p, true
	}
	last := runs[0]
	if !last.PeriodEnd.Before(p.End) {
		return Period{}, false
	}
	if last.PeriodEnd.After(p.Start) {
		p.Start = last.PeriodEnd
	}
	return p, true
}

// nonce names one server's period for Discord's message dedupe: stable
// across attempts and restarts, 20 characters.
func nonce(guildID string, p Period) string {
	sum := sha256.Sum256([]byte(guildID + "|" + strconv.FormatInt(p.Start.UnixMilli(), 10) + "|" + strconv.FormatInt(p.End.UnixMilli(), 10)))
	return "bd" + hex.EncodeToString(sum[:9])
}

// built is a digest ready to post.
type built struct {
	digest     digest.Digest
	articleIDs []int64
}

// build makes the digest of period p (run self) from everything submitted
// since the last posted or empty period, less what earlier digests posted.
func (s *Scheduler) build(ctx context.Context, guildID string, p Period, self int64, runs []storage.DigestRun) (built, error) {
	from, done, prev := s.window(runs, p, self)
	var items []digest.Item
	if from.Before(p.End) {
		arts, err := s.store.DigestArticles(ctx, guildID, from.Add(-s.cfg.ArticleSlack), p.End, digest.TextNeeded)
		if err != nil {
			return built{}, err
		}
		for i := range arts {
			if done[arts[i].ID] {
				continue
			}
			it := digestItem(&arts[i])
			// Stored late for its time: count it in this period.
			if it.SubmittedAt.Before(from) {
				it.SubmittedAt = from
			}
			items = append(items, it)
		}
	}
	var previous []digest.PreviousStory
	if prev != nil && len(items) > 0 {
		var err error
		if previous, err = s.previousStories(ctx, guildID, prev.ArticleIDs); err != nil {
			return built{}, err
		}
	}
	d := digest.Build(digest.Input{PeriodStart: from, PeriodEnd: p.End, Items: items, Previous: previous})
	var ids []int64
	for _, st := range d.Stories {
		ids = append(ids, st.ArticleIDs...)
	}
	slices.Sort(ids)
	return built{digest: d, articleIDs: slices.Compact(ids)}, nil
}

// window finds where period p's digest starts: the end of the last posted
// or empty period before it, else the start of the oldest unposted period
// after that, else p's own start; never more than CarryOver before p. done
// holds the articles posted by any other digest, and prev is the last
// posted one.
func (s *Scheduler) window(runs []storage.DigestRun, p Period, self int64) (from time.Time, done map[int64]bool, prev *storage.DigestRun) {
	done = map[int64]bool{}
	var open time.Time
	found := false
	for i := range runs {
		r := &runs[i]
		if r.ID == self {
			continue
		}
		if r.State == storage.StatePosted {
			for _, id := range r.ArticleIDs {
				done[id] = true
			}
		}
		if !r.PeriodEnd.Before(p.End) {
			continue // a later period (superseded fires never get here)
		}
		if r.State == storage.StatePosted && prev == nil {
			prev = r
		}
		if found {
			continue
		}
		switch r.State {
		case storage.StatePosted, storage.StateEmpty:
			from, found = r.PeriodEnd, true
		default:
			open = r.PeriodStart // runs are newest first: ends at the oldest
		}
	}
	if !found {
		from = p.Start
		if !open.IsZero() && open.Before(from) {
			from = open
		}
	}
	if limit := p.Start.Add(-s.cfg.CarryOver); from.Before(limit) {
		from = limit
	}
	return from, done, prev
}

// previousStories rebuilds the stories of the last posted digest from its
// articles, for digest.Input.Previous. The digest log keeps article ids, not
// stories, so keys and terms are recomputed from those articles alone.
func (s *Scheduler) previousStories(ctx context.Context, guildID string, ids []int64) ([]digest.PreviousStory, error) {
	var items []digest.Item
	for _, id := range ids {
		a, err := s.store.Article(ctx, guildID, id)
		if errors.Is(err, storage.ErrNotFound) {
			continue // deleted since
		}
		if err != nil {
			return nil, fmt.Errorf("load previous digest: %w", err)
		}
		b, err := s.store.Briefing(ctx, guildID, id)
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return nil, fmt.Errorf("load previous digest: %w", err)
		}
		items = append(items, toItem(storage.BriefedArticle{Article: a, Briefing: b}))
	}
	if len(items) == 0 {
		return nil, nil
	}
	d := digest.Build(digest.Input{Items: items})
	out := make([]digest.PreviousStory, 0, len(d.Stories))
	for _, st := range d.Stories {
		out = append(out, digest.PreviousStory{Key: st.Key, ArticleIDs: st.ArticleIDs, Terms: st.Terms})
	}
	return out, nil
}

// digestItem is a loaded article as the digest takes it; only the first
// digest.TextNeeded characters of its text were read.
func digestItem(a *storage.DigestArticle) digest.Item {
	return digest.Item{ArticleID: a.ID, Article: a.Article, Briefing: a.Briefing,
		SubmittedBy: a.SubmittedBy, SubmittedAt: a.SubmittedAt, TextLen: a.TextLen, TextHash: a.ContentHash}
}

func toItem(a storage.BriefedArticle) digest.Item {
	return digest.Item{
		ArticleID:   a.Article.ID,
		Article:     a.Article.Article,
		Briefing:    a.Briefing.Briefing,
		SubmittedBy: a.Article.SubmittedBy,
		SubmittedAt: a.Article.SubmittedAt,
	}
}

// Preview builds a digest of what the server shared in [since, now) for
// /digest now. It claims nothing and records nothing, so the scheduled
// digest is unaffected, and it shows everything in the window, including
// articles a posted digest already listed.
func (s *Scheduler) Preview(ctx context.Context, guildID string, since, now time.Time) (digest.Digest, error) {
	if !since.Before(now) {
		return digest.Digest{}, errors.New("preview digest: the start must be before now")
	}
	arts, err := s.store.DigestArticles(ctx, guildID, since, now, digest.TextNeeded)
	if err != nil {
		return digest.Digest{}, fmt.Errorf("preview digest: %w", err)
	}
	items := make([]digest.Item, 0, len(arts))
	for i := range arts {
		items = append(items, digestItem(&arts[i]))
	}
	return digest.Build(digest.Input{PeriodStart: since, PeriodEnd: now, Items: items}), nil
}

// Status is what /digest status shows.
type Status struct {
	GuildID string
	// Enabled: digests are on and a channel is set.
	Enabled   bool
	ChannelID string
	// Spec is the effective cron spec; DefaultSpec is true when the server
	// set none and the configured default applies.
	Spec        string
	DefaultSpec bool
	Location    *time.Location
	// Scheduled: this scheduler has a live entry for the server.
	Scheduled bool
	// Next is the next fire time in Location; zero when not enabled or the
	// settings cannot be read (Problem says why).
	Next    time.Time
	Problem string
	// Last is the newest digest period, times in Location; nil before the
	// first. Last.State is "claimed", "posted", "failed" or "empty".
	Last *storage.DigestRun
	// RetryAt is when a failed period is tried again; zero if none is
	// pending. Blocked: the last failure was permanent and waits for a
	// settings change.
	RetryAt     time.Time
	Blocked     bool
	MaxAttempts int
}

// Status reports a server's digest schedule and its latest digest as of now.
func (s *Scheduler) Status(ctx context.Context, guildID string, now time.Time) (Status, error) {
	st := Status{GuildID: guildID, Location: time.UTC, MaxAttempts: s.cfg.MaxAttempts, Spec: s.cfg.DefaultSchedule, DefaultSpec: true}
	srv, err := s.store.Server(ctx, guildID)
	switch {
	case errors.Is(err, storage.ErrNotFound):
	case err != nil:
		return Status{}, fmt.Errorf("digest status of %s: %w", guildID, err)
	default:
		st.Enabled = srv.DigestEnabled && srv.DigestChannel != ""
		st.ChannelID = srv.DigestChannel
		if srv.DigestSchedule != "" {
			st.Spec, st.DefaultSpec = srv.DigestSchedule, false
		}
		if sched, err := s.scheduleFor(srv); err != nil {
			st.Problem = err.Error()
		} else {
			st.Location = sched.Location()
			if st.Enabled {
				st.Next = sched.Next(now).In(st.Location)
			}
		}
	}

	s.mu.Lock()
	if e := s.entries[guildID]; e != nil {
		st.Scheduled = true
		if e.retry != nil {
			st.RetryAt = e.retry.due.In(st.Location)
		}
		st.Blocked = e.blocked != nil
	}
	s.mu.Unlock()

	runs, err := s.store.DigestRuns(ctx, guildID, 1)
	if err != nil {
		return Status{}, fmt.Errorf("digest status of %s: %w", guildID, err)
	}
	if len(runs) > 0 {
		r := runs[0]
		for _, t := range []*time.Time{&r.PeriodStart, &r.PeriodEnd, &r.ClaimedAt, &r.PostedAt} {
			if !t.IsZero() {
				*t = t.In(st.Location)
			}
		}
		st.Last = &r
	}
	return st, nil
}

// cronLogger sends cron/v3's logs to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

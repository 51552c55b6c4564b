package schedule

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/storage"
)

func at(loc *time.Location) func(month time.Month, day, hour, min int) time.Time {
	return func(month time.Month, day, hour, min int) time.Time {
		return time.Date(2024, month, day, hour, min, 0, 0, loc)
	}
}

func TestDigestPostedOncePerPeriod(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	day := func(d, h, m int) time.Time { return at(ny)(time.June, d, h, m) }
	e := newEnv(t, day(1, 7, 0))
	srv := e.server("g1", "America/New_York", "") // the configured default
	s := e.scheduler(e.config(), e.db, e.discord)
	mustNoErr(t, s.Update(e.ctx, srv))

	a1 := e.share("g1", day(1, 7, 10))
	a2 := e.share("g1", day(1, 9, 0))
	a3 := e.share("g1", day(1, 23, 0))

	mustNoErr(t, e.fireAt(s, "g1", day(1, 8, 0)))
	// cron can run an entry twice (a slow tick, the Tick safety net): no effect.
	mustNoErr(t, e.fireAt(s, "g1", day(1, 8, 0)))
	mustNoErr(t, e.tickAt(s, day(1, 8, 30)))
	if n := len(e.discord.messages("g1")); n != 1 {
		t.Fatalf("after the first 08:00: %d messages, want 1", n)
	}
	if got := e.posted("g1"); got[a1] != 1 || got[a2] != 0 {
		t.Fatalf("first digest lists %v, want only article %d", got, a1)
	}
	first := e.discord.lastCall()
	if want := day(1, 8, 0); !first.Opts.Scheduled.Equal(want) || first.Opts.Scheduled.Location().String() != "America/New_York" || first.Opts.Late {
		t.Errorf("first digest options %+v, want scheduled %s in New York, not late", first.Opts, want)
	}
	if len(first.Opts.Nonce) == 0 || len(first.Opts.Nonce) > 20 {
		t.Errorf("nonce %q: want 1 to 20 characters", first.Opts.Nonce)
	}

	mustNoErr(t, e.fireAt(s, "g1", day(2, 8, 0)))
	if got := e.posted("g1"); got[a2] != 1 || got[a3] != 1 {
		t.Fatalf("second digest: counts %v, want articles %d and %d", got, a2, a3)
	}
	mustNoErr(t, e.fireAt(s, "g1", day(3, 8, 0))) // nothing shared: nothing posted
	if n := len(e.discord.messages("g1")); n != 2 {
		t.Fatalf("an empty period posted: %d messages", n)
	}
	e.share("g1", day(3, 12, 0))
	mustNoErr(t, e.fireAt(s, "g1", day(4, 8, 0)))

	runs := e.runs("g1")
	wantStates := []string{storage.StatePosted, storage.StatePosted, storage.StateEmpty, storage.StatePosted}
	if len(runs) != len(wantStates) {
		t.Fatalf("%d digest rows, want %d", len(runs), len(wantStates))
	}
	nonces := map[string]bool{}
	for _, m := range e.discord.messages("g1") {
		nonces[m.Opts.Nonce] = true
	}
	for i, r := range runs {
		if r.State != wantStates[i] || r.Attempts != 1 || r.Late {
			t.Errorf("run %d: state %s attempts %d late %v, want %s 1 false", i, r.State, r.Attempts, r.Late, wantStates[i])
		}
		if want := day(1+i, 8, 0); !r.PeriodEnd.Equal(want) || !r.PeriodStart.Equal(want.AddDate(0, 0, -1)) {
			t.Errorf("run %d covers %s .. %s, want the day before %s", i, r.PeriodStart, r.PeriodEnd, want)
		}
	}
	if len(nonces) != 3 {
		t.Errorf("3 posts used %d distinct nonces", len(nonces))
	}
	e.checkOnce("g1", day(4, 8, 0))
}

// TestDigestAcrossDST drives the scheduler with a fake clock through DST
// changes, ticking every 5 minutes as the Start loop would and also firing
// the entry where cron/v3 itself would (its repeated fall-back hour).
func TestDigestAcrossDST(t *testing.T) {
	tests := []struct {
		name, zone, spec string
		from, to         time.Time
		cronV3Extra      []time.Time // where cron/v3 would also fire
		want             []time.Time // digests' fire times
	}{
		{
			name: "new york spring forward", zone: "America/New_York", spec: "30 2 * * *",
			from: utc(2024, 3, 8, 12, 0), to: utc(2024, 3, 11, 12, 0),
			want: []time.Time{utc(2024, 3, 9, 7, 30), utc(2024, 3, 10, 7, 0), utc(2024, 3, 11, 6, 30)},
		},
		{
			name: "new york fall back", zone: "America/New_York", spec: "30 1 * * *",
			from: utc(2024, 11, 1, 12, 0), to: utc(2024, 11, 4, 12, 0),
			cronV3Extra: []time.Time{utc(2024, 11, 3, 6, 30)},
			want:        []time.Time{utc(2024, 11, 2, 5, 30), utc(2024, 11, 3, 5, 30), utc(2024, 11, 4, 6, 30)},
		},
		{
			name: "london spring forward", zone: "Europe/London", spec: "30 1 * * *",
			from: utc(2024, 3, 29, 12, 0), to: utc(2024, 4, 1, 12, 0),
			want: []time.Time{utc(2024, 3, 30, 1, 30), utc(2024, 3, 31, 1, 0), utc(2024, 4, 1, 0, 30)},
		},
		{
			name: "london fall back", zone: "Europe/London", spec: "30 1 * * *",
			from: utc(2024, 10, 25, 12, 0), to: utc(2024, 10, 28, 12, 0),
			cronV3Extra: []time.Time{utc(2024, 10, 27, 1, 30)},
			want:        []time.Time{utc(2024, 10, 26, 0, 30), utc(2024, 10, 27, 0, 30), utc(2024, 10, 28, 1, 30)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.from)
			srv := e.server("g1", tt.zone, tt.spec)
			s := e.scheduler(e.config(), e.db, e.discord)
			mustNoErr(t, s.Update(e.ctx, srv))
			for a := tt.from; a.Before(tt.to); a = a.Add(170 * time.Minute) {
				e.share("g1", a)
			}
			extra := slices.Clone(tt.cronV3Extra)
			for now := tt.from; !now.After(tt.to); now = now.Add(5 * time.Minute) {
				mustNoErr(t, e.tickAt(s, now))
				if len(extra) > 0 && !now.Before(extra[0]) {
					mustNoErr(t, e.fireAt(s, "g1", extra[0]))
					extra = extra[1:]
				}
			}
			msgs := e.discord.messages("g1")
			if len(msgs) != len(tt.want) {
				t.Fatalf("%d digests posted, want %d", len(msgs), len(tt.want))
			}
			for i, m := range msgs {
				if !m.Opts.Scheduled.Equal(tt.want[i]) || !m.At.Equal(tt.want[i]) {
					t.Errorf("digest %d scheduled %s posted %s, want both %s", i, m.Opts.Scheduled.UTC(), m.At.UTC(), tt.want[i])
				}
				if m.Opts.Late {
					t.Errorf("digest %d marked late", i)
				}
			}
			e.checkOnce("g1", tt.want[len(tt.want)-1])
		})
	}
}

// TestRestartDuringPosting: a process claims the period and dies while
// posting; a new process over the same database file finishes it once.
func TestRestartDuringPosting(t *testing.T) {
	london := mustZone(t, "Europe/London")
	day := func(d, h, m int) time.Time { return at(london)(time.May, d, h, m) }

	type setup struct {
		e        *env
		a        *Scheduler
		deadA    *deadStore
		articles []int64
	}
	start := func(t *testing.T, finder bool) setup {
		e := newEnv(t, day(1, 7, 0))
		srv := e.server("g1", "Europe/London", "0 8 * * *")
		ids := []int64{e.share("g1", day(1, 6, 0)), e.share("g1", day(1, 7, 30))}
		dead := &deadStore{DB: e.db}
		a := e.scheduler(e.config(), dead, e.poster(finder))
		mustNoErr(t, a.Update(e.ctx, srv))
		return setup{e: e, a: a, deadA: dead, articles: ids}
	}
	restart := func(t *testing.T, e *env, finder bool, now time.Time) *Scheduler {
		e.clock.Set(now)
		b := e.scheduler(e.config(), e.open(), e.poster(finder))
		mustNoErr(t, b.CatchUp(e.ctx, now))
		return b
	}

	t.Run("died before discord got it", func(t *testing.T) {
		st := start(t, false)
		e := st.e
		e.discord.fail = func(postCall) error { st.deadA.kill(); return errDead }
		if err := e.fireAt(st.a, "g1", day(1, 8, 0)); err == nil {
			t.Fatal("Fire reported success for a post that died")
		}
		if r := e.runs("g1"); len(r) != 1 || r[0].State != storage.StateClaimed {
			t.Fatalf("after the crash the period is %+v, want one claimed row", r)
		}
		e.discord.fail = nil
		b := restart(t, e, false, day(1, 8, 3))
		mustNoErr(t, b.CatchUp(e.ctx, day(1, 8, 4))) // a second restart does nothing more
		mustNoErr(t, e.tickAt(b, day(1, 8, 30)))
		msgs := e.discord.messages("g1")
		if len(msgs) != 1 {
			t.Fatalf("%d digests posted, want 1", len(msgs))
		}
		r := e.runs("g1")
		if len(r) != 1 || r[0].State != storage.StatePosted || r[0].Attempts != 2 || !slices.Equal(r[0].MessageIDs, msgs[0].IDs) {
			t.Fatalf("digest row %+v, want posted on attempt 2 with message %v", r, msgs[0].IDs)
		}
		if msgs[0].Opts.Late || msgs[0].Opts.Attempt != 2 {
			t.Errorf("restart 3 minutes after the hour: options %+v, want attempt 2 and not late", msgs[0].Opts)
		}
		e.checkOnce("g1", day(1, 8, 0))
	})

	t.Run("died after discord got it, found by nonce marker", func(t *testing.T) {
		st := start(t, true)
		e := st.e
		e.discord.failAfterPost = func(postCall) error { st.deadA.kill(); return errDead }
		_ = e.fireAt(st.a, "g1", day(1, 8, 0))
		e.discord.failAfterPost = nil
		// An hour later: past Discord's nonce window, only the marker can tell.
		restart(t, e, true, day(1, 9, 0))
		msgs := e.discord.messages("g1")
		if len(msgs) != 1 || e.discord.callCount() != 1 {
			t.Fatalf("%d messages from %d calls, want the first post only", len(msgs), e.discord.callCount())
		}
		r := e.runs("g1")
		if len(r) != 1 || r[0].State != storage.StatePosted || !slices.Equal(r[0].MessageIDs, msgs[0].IDs) {
			t.Fatalf("digest row %+v, want posted as %v", r, msgs[0].IDs)
		}
		if !slices.Equal(r[0].ArticleIDs, st.articles) {
			t.Errorf("recorded articles %v, want %v", r[0].ArticleIDs, st.articles)
		}
		e.checkOnce("g1", day(1, 8, 0))
	})

	t.Run("died after discord got it, same nonce within discord's window", func(t *testing.T) {
		st := start(t, false)
		e := st.e
		e.discord.failAfterPost = func(postCall) error { st.deadA.kill(); return errDead }
		_ = e.fireAt(st.a, "g1", day(1, 8, 0))
		e.discord.failAfterPost = nil
		restart(t, e, false, day(1, 8, 2))
		if n := e.discord.callCount(); n != 2 {
			t.Fatalf("%d post calls, want the first and the restart's", n)
		}
		if c0, c1 := e.discord.calls[0].Opts.Nonce, e.discord.calls[1].Opts.Nonce; c0 != c1 {
			t.Fatalf("restart used nonce %q, first try %q: Discord could not dedupe", c1, c0)
		}
		if n := len(e.discord.messages("g1")); n != 1 {
			t.Fatalf("%d messages in the channel, want 1", n)
		}
		if r := e.runs("g1"); r[0].State != storage.StatePosted {
			t.Fatalf("digest row state %s, want posted", r[0].State)
		}
		e.checkOnce("g1", day(1, 8, 0))
	})

	t.Run("restart after the next hour settles the old claim", func(t *testing.T) {
		st := start(t, true)
		e := st.e
		e.discord.failAfterPost = func(postCall) error { st.deadA.kill(); return errDead }
		_ = e.fireAt(st.a, "g1", day(1, 8, 0))
		e.discord.failAfterPost = nil
		later := e.share("g1", day(1, 15, 0))
		restart(t, e, true, day(2, 9, 0))
		msgs := e.discord.messages("g1")
		if len(msgs) != 2 {
			t.Fatalf("%d messages, want the first digest and one late catch-up", len(msgs))
		}
		if !msgs[1].Opts.Late || !msgs[1].Opts.Scheduled.Equal(day(2, 8, 0)) {
			t.Errorf("catch-up options %+v, want late for day 2 08:00", msgs[1].Opts)
		}
		if got := e.posted("g1"); got[later] != 1 {
			t.Errorf("article shared after the crash is in %d digests", got[later])
		}
		r := e.runs("g1")
		if len(r) != 2 || r[0].State != storage.StatePosted || r[1].State != storage.StatePosted {
			t.Fatalf("digest rows %+v, want both posted", r)
		}
		e.checkOnce("g1", day(2, 8, 0))
	})
}

// poster returns the fake Discord, with or without the nonce-marker search.
func (e *env) poster(finder bool) Poster {
	if finder {
		return finderPoster{e.discord}
	}
	return e.discord
}

func TestOfflineAtTheHour(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	day := func(d, h, m int) time.Time { return at(ny)(time.September, d, h, m) }

	t.Run("late catch-up once, covering everything since the last digest", func(t *testing.T) {
		e := newEnv(t, day(1, 7, 0))
		srv := e.server("g1", "America/New_York", "0 8 * * *")
		a := e.scheduler(e.config(), e.db, e.discord)
		mustNoErr(t, a.Update(e.ctx, srv))
		e.share("g1", day(1, 7, 30))
		mustNoErr(t, e.fireAt(a, "g1", day(1, 8, 0)))
		noon := e.share("g1", day(1, 12, 0))
		evening := e.share("g1", day(1, 20, 0))
		a.Stop() // the bot goes down and misses day 2 and day 3 08:00

		e.clock.Set(day(3, 10, 0))
		b := e.scheduler(e.config(), e.open(), e.discord)
		mustNoErr(t, b.CatchUp(e.ctx, day(3, 10, 0)))
		msgs := e.discord.messages("g1")
		if len(msgs) != 2 {
			t.Fatalf("%d digests, want the day-1 one and one catch-up", len(msgs))
		}
		late := msgs[1]
		if !late.Opts.Late || !late.Opts.Scheduled.Equal(day(3, 8, 0)) {
			t.Errorf("catch-up options %+v, want late for day 3 08:00", late.Opts)
		}
		if got := e.posted("g1"); got[noon] != 1 || got[evening] != 1 {
			t.Errorf("catch-up lost articles of the missed days: counts %v", got)
		}
		if !late.Digest.PeriodStart.Equal(day(1, 8, 0)) {
			t.Errorf("catch-up covers from %s, want the end of the last posted digest %s", late.Digest.PeriodStart, day(1, 8, 0))
		}
		// Another restart, the tick loop and a late cron run change nothing.
		mustNoErr(t, b.CatchUp(e.ctx, day(3, 10, 5)))
		c := e.scheduler(e.config(), e.open(), e.discord)
		mustNoErr(t, c.CatchUp(e.ctx, day(3, 11, 0)))
		mustNoErr(t, e.tickAt(b, day(3, 10, 10)))
		mustNoErr(t, e.fireAt(b, "g1", day(3, 10, 15)))
		if n := len(e.discord.messages("g1")); n != 2 {
			t.Fatalf("%d digests after repeated catch-up, want 2", n)
		}
		r := e.runs("g1")
		if len(r) != 2 || !r[1].Late || r[1].State != storage.StatePosted || !r[1].PeriodEnd.Equal(day(3, 8, 0)) {
			t.Fatalf("digest rows %+v: want day 1 and a late day 3; day 2 is never posted", r)
		}
		// The next day is an ordinary digest again.
		e.share("g1", day(3, 12, 0))
		mustNoErr(t, e.fireAt(b, "g1", day(4, 8, 0)))
		if m := e.discord.lastCall(); m.Opts.Late {
			t.Error("day 4 digest marked late")
		}
		e.checkOnce("g1", day(4, 8, 0))
	})

	t.Run("server configured before the hour, never posted", func(t *testing.T) {
		e := newEnv(t, day(1, 7, 0))
		e.server("g1", "America/New_York", "0 8 * * *")
		e.share("g1", day(1, 7, 30))
		s := e.scheduler(e.config(), e.db, e.discord)
		e.clock.Set(day(1, 9, 0))
		mustNoErr(t, s.CatchUp(e.ctx, day(1, 9, 0)))
		if msgs := e.discord.messages("g1"); len(msgs) != 1 || !msgs[0].Opts.Late {
			t.Fatalf("messages %+v, want one late catch-up", msgs)
		}
	})

	t.Run("server configured after the hour waits for the next one", func(t *testing.T) {
		e := newEnv(t, day(1, 9, 0))
		e.server("g1", "America/New_York", "0 8 * * *")
		e.share("g1", day(1, 9, 30))
		s := e.scheduler(e.config(), e.db, e.discord)
		e.clock.Set(day(1, 10, 0))
		mustNoErr(t, s.CatchUp(e.ctx, day(1, 10, 0)))
		mustNoErr(t, e.tickAt(s, day(1, 10, 30)))
		if n := e.discord.callCount(); n != 0 {
			t.Fatalf("%d posts before the server's first hour", n)
		}
		mustNoErr(t, e.fireAt(s, "g1", day(2, 8, 0)))
		if n := len(e.discord.messages("g1")); n != 1 {
			t.Fatalf("%d posts at the first hour, want 1", n)
		}
	})
}

func TestTwoServersInTheirOwnZones(t *testing.T) {
	start := utc(2024, 7, 1, 0, 0)
	e := newEnv(t, start)
	london := e.server("london", "Europe/London", "0 8 * * *")
	ny := e.server("newyork", "America/New_York", "0 8 * * *")
	tokyo := e.server("tokyo", "Asia/Tokyo", "30 21 * * 1-5")
	s := e.scheduler(e.config(), e.db, e.discord)
	for _, srv := range []storage.Server{london, ny, tokyo} {
		mustNoErr(t, s.Update(e.ctx, srv))
	}
	for a := start; a.Before(start.Add(72 * time.Hour)); a = a.Add(3 * time.Hour) {
		e.share("london", a)
		e.share("newyork", a.Add(time.Minute))
		e.share("tokyo", a.Add(2*time.Minute))
	}
	for now := start; !now.After(start.Add(72 * time.Hour)); now = now.Add(5 * time.Minute) {
		mustNoErr(t, e.tickAt(s, now))
	}
	want := map[string][]time.Time{
		"london":  {utc(2024, 7, 1, 7, 0), utc(2024, 7, 2, 7, 0), utc(2024, 7, 3, 7, 0)},    // 08:00 BST
		"newyork": {utc(2024, 7, 1, 12, 0), utc(2024, 7, 2, 12, 0), utc(2024, 7, 3, 12, 0)}, // 08:00 EDT
		"tokyo":   {utc(2024, 7, 1, 12, 30), utc(2024, 7, 2, 12, 30), utc(2024, 7, 3, 12, 30)},
	}
	for guild, times := range want {
		msgs := e.discord.messages(guild)
		if len(msgs) != len(times) {
			t.Fatalf("%s: %d digests, want %d", guild, len(msgs), len(times))
		}
		for i, m := range msgs {
			if !m.Opts.Scheduled.Equal(times[i]) || m.Opts.Scheduled.Hour() != map[string]int{"london": 8, "newyork": 8, "tokyo": 21}[guild] {
				t.Errorf("%s digest %d scheduled %s, want %s in its own zone", guild, i, m.Opts.Scheduled, times[i])
			}
		}
		e.checkOnce(guild, times[len(times)-1])
	}
	st, err := s.Status(e.ctx, "tokyo", utc(2024, 7, 5, 13, 0)) // Friday 22:00 in Tokyo
	mustNoErr(t, err)
	if want := time.Date(2024, 7, 8, 21, 30, 0, 0, mustZone(t, "Asia/Tokyo")); !st.Next.Equal(want) || st.Next.Location().String() != "Asia/Tokyo" {
		t.Errorf("tokyo next run %s, want Monday %s", st.Next, want)
	}
}

func TestFailingChannel(t *testing.T) {
	london := mustZone(t, "Europe/London")
	day := func(d, h, m int) time.Time { return at(london)(time.February, d, h, m) }
	errBusy := errors.New("discord: 503 service unavailable")

	t.Run("transient failures retried with backoff until posted", func(t *testing.T) {
		e := newEnv(t, day(1, 7, 0))
		srv := e.server("g1", "Europe/London", "0 8 * * *")
		s := e.scheduler(e.config(), e.db, e.discord)
		mustNoErr(t, s.Update(e.ctx, srv))
		e.share("g1", day(1, 7, 30))
		failures := 2
		e.discord.fail = func(postCall) error {
			if failures > 0 {
				failures--
				return errBusy
			}
			return nil
		}
		if err := e.fireAt(s, "g1", day(1, 8, 0)); !errors.Is(err, errBusy) {
			t.Fatalf("Fire error %v, want the post error", err)
		}
		st, err := s.Status(e.ctx, "g1", day(1, 8, 1))
		mustNoErr(t, err)
		if st.Last == nil || st.Last.State != storage.StateFailed || st.Last.Attempts != 1 ||
			!strings.Contains(st.Last.LastError, "503") || !st.RetryAt.Equal(day(1, 8, 5)) {
			t.Fatalf("status after the first failure: %+v last %+v, want failed attempt 1 retrying at 08:05", st, st.Last)
		}
		mustNoErr(t, e.tickAt(s, day(1, 8, 4)))
		if n := e.discord.callCount(); n != 1 {
			t.Fatalf("retried before the backoff: %d calls", n)
		}
		if err := e.tickAt(s, day(1, 8, 5)); !errors.Is(err, errBusy) {
			t.Fatalf("second attempt: %v, want the post error", err)
		}
		st, _ = s.Status(e.ctx, "g1", day(1, 8, 6))
		if !st.RetryAt.Equal(day(1, 8, 15)) || st.Last.Attempts != 2 {
			t.Fatalf("after attempt 2: retry at %s attempts %d, want 08:15 (doubled backoff) and 2", st.RetryAt, st.Last.Attempts)
		}
		mustNoErr(t, e.tickAt(s, day(1, 8, 14)))
		mustNoErr(t, e.tickAt(s, day(1, 8, 15)))
		mustNoErr(t, e.tickAt(s, day(1, 9, 0)))
		if n := e.discord.callCount(); n != 3 {
			t.Fatalf("%d calls, want 3", n)
		}
		msgs := e.discord.messages("g1")
		if len(msgs) != 1 || msgs[0].Opts.Attempt != 3 {
			t.Fatalf("messages %+v, want one, on attempt 3", msgs)
		}
		st, _ = s.Status(e.ctx, "g1", day(1, 9, 0))
		if st.Last.State != storage.StatePosted || !st.RetryAt.IsZero() || !slices.Equal(st.Last.MessageIDs, msgs[0].IDs) {
			t.Fatalf("status %+v last %+v, want posted with its message and no retry", st, st.Last)
		}
		e.checkOnce("g1", day(1, 8, 0))
	})

	t.Run("attempts are bounded and the next digest carries the articles", func(t *testing.T) {
		e := newEnv(t, day(1, 7, 0))
		srv := e.server("g1", "Europe/London", "0 8 * * *")
		s := e.scheduler(e.config(), e.db, e.discord)
		mustNoErr(t, s.Update(e.ctx, srv))
		lost := e.share("g1", day(1, 7, 30))
		e.discord.fail = func(postCall) error { return errBusy }
		_ = e.fireAt(s, "g1", day(1, 8, 0))
		for now := day(1, 8, 0); now.Before(day(1, 23, 0)); now = now.Add(5 * time.Minute) {
			_ = e.tickAt(s, now)
		}
		if n := e.discord.callCount(); n != 3 {
			t.Fatalf("%d attempts, want MaxAttempts = 3", n)
		}
		st, _ := s.Status(e.ctx, "g1", day(1, 23, 0))
		if st.Last.State != storage.StateFailed || st.Last.Attempts != 3 || !st.RetryAt.IsZero() {
			t.Fatalf("status last %+v retry %s, want failed after 3 attempts, no retry", st.Last, st.RetryAt)
		}
		// A restart does not try the spent period again.
		b := e.scheduler(e.config(), e.open(), e.discord)
		mustNoErr(t, b.CatchUp(e.ctx, day(1, 23, 30)))
		if n := e.discord.callCount(); n != 3 {
			t.Fatalf("restart retried a spent period: %d calls", n)
		}
		e.discord.fail = nil
		next := e.share("g1", day(1, 12, 0))
		mustNoErr(t, e.fireAt(s, "g1", day(2, 8, 0)))
		if got := e.posted("g1"); got[lost] != 1 || got[next] != 1 {
			t.Fatalf("day-2 digest counts %v: want the failed day's article %d and the new %d", got, lost, next)
		}
		e.checkOnce("g1", day(2, 8, 0))
	})

	t.Run("deleted channel is not retried until the settings change", func(t *testing.T) {
		e := newEnv(t, day(1, 7, 0))
		srv := e.server("g1", "Europe/London", "0 8 * * *")
		s := e.scheduler(e.config(), e.db, e.discord)
		mustNoErr(t, s.Update(e.ctx, srv))
		e.share("g1", day(1, 7, 30))
		e.discord.fail = func(c postCall) error {
			if c.Channel == "digest-g1" {
				return Permanent(errors.New("discord: 404 Unknown Channel"))
			}
			return nil
		}
		err := e.fireAt(s, "g1", day(1, 8, 0))
		if !IsPermanent(err) {
			t.Fatalf("Fire error %v, want a permanent one", err)
		}
		for now := day(1, 8, 5); now.Before(day(1, 12, 0)); now = now.Add(5 * time.Minute) {
			mustNoErr(t, e.tickAt(s, now))
		}
		st, _ := s.Status(e.ctx, "g1", day(1, 12, 0))
		if e.discord.callCount() != 1 || !st.Blocked || !strings.Contains(st.Last.LastError, "Unknown Channel") {
			t.Fatalf("calls %d, status %+v last %+v: want one attempt, blocked, error shown", e.discord.callCount(), st, st.Last)
		}
		srv.DigestChannel = "new-digest-g1"
		mustNoErr(t, e.db.SaveServer(e.ctx, srv, day(1, 12, 0)))
		mustNoErr(t, s.Update(e.ctx, srv))
		mustNoErr(t, e.tickAt(s, day(1, 12, 1)))
		msgs := e.discord.messages("g1")
		if len(msgs) != 1 || msgs[0].Channel != "new-digest-g1" || !msgs[0].Opts.Late {
			t.Fatalf("messages %+v, want one late post in the new channel", msgs)
		}
		e.checkOnce("g1", day(1, 8, 0))
	})
}

func TestPostedButNotRecorded(t *testing.T) {
	utcDay := func(d, h, m int) time.Time { return at(time.UTC)(time.April, d, h, m) }
	e := newEnv(t, utcDay(1, 7, 0))
	srv := e.server("g1", "", "0 8 * * *")
	store := &deadStore{DB: e.db, failWrites: 1}
	s := e.scheduler(e.config(), store, e.discord)
	mustNoErr(t, s.Update(e.ctx, srv))
	e.share("g1", utcDay(1, 7, 0))
	if err := e.fireAt(s, "g1", utcDay(1, 8, 0)); err == nil {
		t.Fatal("Fire hid a failed write")
	}
	mustNoErr(t, e.tickAt(s, utcDay(1, 8, 5)))
	if r := e.runs("g1"); len(r) != 1 || r[0].State != storage.StatePosted || len(r[0].MessageIDs) != 1 {
		t.Fatalf("rows %+v, want the post recorded by the next tick", r)
	}
	e.share("g1", utcDay(1, 9, 0))
	mustNoErr(t, e.fireAt(s, "g1", utcDay(2, 8, 0)))
	if n := e.discord.callCount(); n != 2 {
		t.Fatalf("%d post calls, want 2 (no re-post)", n)
	}
	e.checkOnce("g1", utcDay(2, 8, 0))
}

// An article written to the database after the digest that should have had
// it was built (slow fetch at the hour) goes into the next one.
func TestArticleStoredAfterTheHour(t *testing.T) {
	utcDay := func(d, h, m int) time.Time { return at(time.UTC)(time.April, d, h, m) }
	e := newEnv(t, utcDay(1, 7, 0))
	s := e.scheduler(e.config(), e.db, e.discord)
	mustNoErr(t, s.Update(e.ctx, e.server("g1", "", "0 8 * * *")))
	e.share("g1", utcDay(1, 7, 0))
	mustNoErr(t, e.fireAt(s, "g1", utcDay(1, 8, 0)))
	slow := e.shareStored("g1", utcDay(1, 7, 59), utcDay(1, 8, 1))
	mustNoErr(t, e.fireAt(s, "g1", utcDay(2, 8, 0)))
	if got := e.posted("g1"); got[slow] != 1 {
		t.Fatalf("late-stored article in %d digests, want 1", got[slow])
	}
	e.checkOnce("g1", utcDay(2, 8, 0))
}

func TestScheduleChangeKeepsEveryArticleOnce(t *testing.T) {
	utcDay := func(d, h, m int) time.Time { return at(time.UTC)(time.August, d, h, m) }
	e := newEnv(t, utcDay(5, 7, 0)) // 5 August 2024 is a Monday
	srv := e.server("g1", "", "0 8 * * *")
	s := e.scheduler(e.config(), e.db, e.discord)
	mustNoErr(t, s.Update(e.ctx, srv))
	for a := utcDay(4, 9, 0); a.Before(utcDay(20, 0, 0)); a = a.Add(7 * time.Hour) {
		e.share("g1", a)
	}
	change := func(when time.Time, spec string) {
		e.clock.Set(when)
		srv.DigestSchedule = spec
		mustNoErr(t, e.db.SaveServer(e.ctx, srv, when))
		mustNoErr(t, s.Update(e.ctx, srv))
	}
	tick := func(from, to time.Time) {
		for now := from; now.Before(to); now = now.Add(10 * time.Minute) {
			mustNoErr(t, e.tickAt(s, now))
		}
	}
	tick(utcDay(5, 7, 0), utcDay(5, 12, 0))  // Monday 08:00 daily
	change(utcDay(5, 12, 0), "0 20 * * *")   // evenings: the 20:00 period reaches back before 08:00
	tick(utcDay(5, 12, 0), utcDay(6, 10, 0)) // Monday 20:00
	change(utcDay(6, 10, 0), "0 8 * * *")    // back to mornings, after today's 08:00
	tick(utcDay(6, 10, 0), utcDay(7, 9, 0))  // Wednesday 08:00
	// Weekly on Tuesdays: the schedule's own period [Tue 6th 08:00, Tue
	// 13th 08:00) starts where an already posted daily period starts.
	change(utcDay(7, 9, 0), "0 8 * * 2")
	tick(utcDay(7, 9, 0), utcDay(13, 9, 0))
	change(utcDay(13, 9, 0), "0 8 * * *") // daily again
	tick(utcDay(13, 9, 0), utcDay(16, 9, 0))
	want := []time.Time{utcDay(5, 8, 0), utcDay(5, 20, 0), utcDay(7, 8, 0), utcDay(13, 8, 0),
		utcDay(14, 8, 0), utcDay(15, 8, 0), utcDay(16, 8, 0)}
	msgs := e.discord.messages("g1")
	if len(msgs) != len(want) {
		for _, m := range msgs {
			t.Logf("posted %s", m.Opts.Scheduled)
		}
		t.Fatalf("%d digests, want %d", len(msgs), len(want))
	}
	for i, m := range msgs {
		if !m.Opts.Scheduled.Equal(want[i]) {
			t.Errorf("digest %d for %s, want %s", i, m.Opts.Scheduled, want[i])
		}
		if i > 0 && !m.Digest.PeriodStart.Equal(msgs[i-1].Digest.PeriodEnd) {
			t.Errorf("digest %d covers from %s, previous one ended %s: what they cover must tile",
				i, m.Digest.PeriodStart, msgs[i-1].Digest.PeriodEnd)
		}
	}
	if r := e.runs("g1"); len(r) != len(want) || !r[3].PeriodStart.Equal(utcDay(7, 8, 0)) {
		t.Fatalf("digest rows %+v: the weekly period must be keyed after the last daily one", r)
	}
	e.checkOnce("g1", utcDay(16, 8, 0))
}

func TestPreviewClaimsNothing(t *testing.T) {
	utcDay := func(d, h, m int) time.Time { return at(time.UTC)(time.April, d, h, m) }
	e := newEnv(t, utcDay(1, 7, 0))
	s := e.scheduler(e.config(), e.db, e.discord)
	mustNoErr(t, s.Update(e.ctx, e.server("g1", "", "0 8 * * *")))
	old := e.share("g1", utcDay(1, 1, 0))
	recent := e.share("g1", utcDay(1, 6, 0))
	e.share("other", utcDay(1, 6, 30))
	d, err := s.Preview(e.ctx, "g1", utcDay(1, 4, 0), utcDay(1, 7, 0))
	mustNoErr(t, err)
	var ids []int64
	for _, st := range d.Stories {
		ids = append(ids, st.ArticleIDs...)
	}
	if !slices.Equal(ids, []int64{recent}) || d.ArticleCount != 1 {
		t.Fatalf("preview lists %v, want only %d", ids, recent)
	}
	if r := e.runs("g1"); len(r) != 0 {
		t.Fatalf("preview wrote digest rows %+v", r)
	}
	if _, err := s.Preview(e.ctx, "g1", utcDay(1, 7, 0), utcDay(1, 7, 0)); err == nil {
		t.Error("preview of an empty window accepted")
	}
	mustNoErr(t, e.fireAt(s, "g1", utcDay(1, 8, 0)))
	if got := e.posted("g1"); got[old] != 1 || got[recent] != 1 {
		t.Fatalf("scheduled digest after a preview: counts %v, want both articles once", got)
	}
}

func TestUpdateAndRemove(t *testing.T) {
	utcDay := func(d, h, m int) time.Time { return at(time.UTC)(time.April, d, h, m) }
	e := newEnv(t, utcDay(1, 7, 0))
	srv := e.server("g1", "", "")
	s := e.scheduler(e.config(), e.db, e.discord)
	if err := s.Fire(e.ctx, "g1", utcDay(1, 8, 0)); !errors.Is(err, ErrNotScheduled) {
		t.Fatalf("Fire before Update: %v, want ErrNotScheduled", err)
	}
	mustNoErr(t, s.Update(e.ctx, srv))

	bad := srv
	bad.TimeZone = "Atlantis/Lost_City"
	if err := s.Update(e.ctx, bad); err == nil || !strings.Contains(err.Error(), "IANA") {
		t.Fatalf("Update with a bad zone: %v", err)
	}
	st, err := s.Status(e.ctx, "g1", utcDay(1, 7, 0))
	mustNoErr(t, err)
	if !st.Scheduled || !st.DefaultSpec || st.Spec != "0 8 * * *" || !st.Next.Equal(utcDay(1, 8, 0)) {
		t.Fatalf("status %+v: the old entry must stay after a bad update", st)
	}

	srv.DigestSchedule, srv.TimeZone = "30 9 * * *", "Europe/London"
	mustNoErr(t, e.db.SaveServer(e.ctx, srv, utcDay(1, 7, 0)))
	mustNoErr(t, s.Update(e.ctx, srv))
	st, _ = s.Status(e.ctx, "g1", utcDay(1, 7, 0))
	if want := utc(2024, 4, 1, 8, 30); !st.Next.Equal(want) || st.Location.String() != "Europe/London" || st.DefaultSpec {
		t.Fatalf("status after moving to 09:30 London: %+v", st)
	}

	srv.DigestEnabled = false
	mustNoErr(t, e.db.SaveServer(e.ctx, srv, utcDay(1, 7, 0)))
	mustNoErr(t, s.Update(e.ctx, srv))
	if err := s.Fire(e.ctx, "g1", utcDay(1, 9, 30)); !errors.Is(err, ErrNotScheduled) {
		t.Fatalf("Fire after disabling: %v", err)
	}
	st, _ = s.Status(e.ctx, "g1", utcDay(1, 7, 0))
	if st.Enabled || st.Scheduled || !st.Next.IsZero() {
		t.Fatalf("status of a disabled server %+v", st)
	}
	mustNoErr(t, e.tickAt(s, utcDay(2, 12, 0)))
	if n := e.discord.callCount(); n != 0 {
		t.Fatalf("%d posts for a disabled server", n)
	}

	st, err = s.Status(e.ctx, "never-seen", utcDay(1, 7, 0))
	if err != nil || st.Enabled || st.Last != nil {
		t.Fatalf("status of an unknown server: %+v, %v", st, err)
	}
}

func TestEmptyNote(t *testing.T) {
	utcDay := func(d, h, m int) time.Time { return at(time.UTC)(time.April, d, h, m) }
	e := newEnv(t, utcDay(1, 7, 0))
	cfg := e.config()
	cfg.EmptyNote = true
	s := e.scheduler(cfg, e.db, e.discord)
	mustNoErr(t, s.Update(e.ctx, e.server("g1", "", "0 8 * * *")))
	mustNoErr(t, e.fireAt(s, "g1", utcDay(1, 8, 0)))
	msgs := e.discord.messages("g1")
	if len(msgs) != 1 || !msgs[0].Opts.Empty || len(msgs[0].Digest.Stories) != 0 {
		t.Fatalf("messages %+v, want one empty note", msgs)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	e := newEnv(t, utc(2024, 1, 1, 0, 0))
	if _, err := New(Config{DefaultSchedule: "every morning"}, e.db, e.discord); err == nil || !strings.Contains(err.Error(), "BRIEFBOT_DIGEST_SCHEDULE") {
		t.Errorf("bad default schedule: %v", err)
	}
	if _, err := New(Config{RetryBackoff: -time.Second}, e.db, e.discord); err == nil {
		t.Error("negative backoff accepted")
	}
	if _, err := New(Config{}, nil, e.discord); err == nil {
		t.Error("nil store accepted")
	}
}

// TestStartStop runs the real cron and tick loop briefly: Start catches up
// in the background and Stop waits for it.
func TestStartStop(t *testing.T) {
	e := newEnv(t, utc(2024, 4, 1, 9, 0))
	// Configured long ago; its 08:00 today went by with the bot down.
	mustNoErr(t, e.db.SaveServer(e.ctx, storage.Server{GuildID: "g1", DigestChannel: "digest-g1", DigestEnabled: true}, utc(2024, 3, 1, 0, 0)))
	e.share("g1", utc(2024, 4, 1, 7, 0))
	posted := make(chan struct{}, 1)
	e.discord.onPost = posted
	s := e.scheduler(e.config(), e.db, e.discord)
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	mustNoErr(t, s.Start(ctx))
	if err := s.Start(ctx); err == nil {
		t.Error("second Start accepted")
	}
	select {
	case <-posted:
	case <-time.After(10 * time.Second):
		t.Fatal("no catch-up post within 10 s")
	}
	s.Stop()
	s.Stop()
	if n := len(e.discord.messages("g1")); n != 1 {
		t.Fatalf("%d messages, want the one catch-up", n)
	}
	if r := e.runs("g1"); len(r) != 1 || r[0].State != storage.StatePosted || !r[0].Late {
		t.Fatalf("digest rows %+v, want one late post recorded before Stop returned", r)
	}
}

package schedule

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Schedule is a server's digest schedule: a standard 5-field cron spec read
// as wall-clock time in one time zone.
//
// cron/v3's own SpecSchedule walks real instants, so on the spring-forward
// day a job at 02:30 America/New_York never fires (that wall time does not
// exist) and in the fall-back hour a job at 01:30 fires twice. Schedule
// instead matches the spec against wall-clock time with no DST (the spec
// evaluated in UTC on "naive" wall times) and maps each matching wall time to
// one instant:
//   - a wall time that happens once is that instant;
//   - a wall time that happens twice (fall-back) is its first occurrence only;
//   - a wall time that never happens (spring-forward gap) is the first instant
//     after the gap, so the day still gets its digest.
//
// Schedule satisfies cron.Schedule, so the live cron entries and the pure
// period arithmetic share one definition of when a digest is due.
type Schedule struct {
	spec string
	loc  *time.Location
	// wall is evaluated on naive wall times in UTC, a zone without DST.
	wall *cron.SpecSchedule
}

// Period is one digest period: it ends at a fire time and starts at the fire
// time before it, [Start, End).
type Period struct {
	Start, End time.Time
}

// String formats the period for logs.
func (p Period) String() string {
	return p.Start.Format(time.RFC3339) + " .. " + p.End.Format(time.RFC3339)
}

// ErrNeverFires is returned (wrapped) for a spec that matches no date, such
// as the 31st of April.
var ErrNeverFires = errors.New("schedule never fires")

// specHelp is appended to spec parse errors so the reader knows what to type.
const specHelp = `use 5 fields "minute hour day-of-month month day-of-week", e.g. "0 8 * * *" for 08:00 every day`

// ParseSchedule parses a standard 5-field cron spec (or a descriptor such as
// @daily) to be read in loc. The zone belongs in loc: a CRON_TZ= or TZ=
// prefix is refused, and so is @every (digests follow the clock, not an
// interval).
func ParseSchedule(spec string, loc *time.Location) (Schedule, error) {
	spec = strings.TrimSpace(spec)
	if loc == nil {
		return Schedule{}, errors.New("parse digest schedule: no time zone given")
	}
	if spec == "" {
		return Schedule{}, fmt.Errorf("parse digest schedule: empty spec: %s", specHelp)
	}
	if strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=") {
		return Schedule{}, fmt.Errorf("parse digest schedule %q: the time zone is a separate setting, remove the TZ= prefix", spec)
	}
	if strings.HasPrefix(spec, "@every") {
		return Schedule{}, fmt.Errorf("parse digest schedule %q: @every is not supported: %s", spec, specHelp)
	}
	parsed, err := cron.ParseStandard(spec)
	if err != nil {
		return Schedule{}, fmt.Errorf("parse digest schedule %q: %w: %s", spec, err, specHelp)
	}
	ss, ok := parsed.(*cron.SpecSchedule)
	if !ok {
		return Schedule{}, fmt.Errorf("parse digest schedule %q: %s", spec, specHelp)
	}
	wall := *ss
	wall.Location = time.UTC
	s := Schedule{spec: spec, loc: loc, wall: &wall}
	// A fixed reference keeps parsing pure; cron searches five years ahead,
	// which covers leap days.
	if wall.Next(time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return Schedule{}, fmt.Errorf("parse digest schedule %q: %w: %s", spec, ErrNeverFires, specHelp)
	}
	return s, nil
}

// Spec returns the cron spec as parsed (trimmed).
func (s Schedule) Spec() string { return s.spec }

// Location returns the time zone the spec is read in.
func (s Schedule) Location() *time.Location { return s.loc }

// Next returns the first fire time strictly after t, in the schedule's zone,
// or the zero time if none is found within five years.
func (s Schedule) Next(t time.Time) time.Time {
	if s.wall == nil {
		return time.Time{}
	}
	w := s.naive(t)
	for {
		w = s.wall.Next(w)
		if w.IsZero() {
			return time.Time{}
		}
		// resolve is non-decreasing in w, so this ends: wall times that map
		// to an instant at or before t are the second pass of a fall-back
		// hour or the gap's duplicates.
		if c := s.resolve(w); c.After(t) {
			return c
		}
	}
}

// Prev returns the latest fire time at or before t, or the zero time if there
// is none within about five years.
func (s Schedule) Prev(t time.Time) time.Time {
	if s.wall == nil {
		return time.Time{}
	}
	const limit = 6 * 366 * 24 * time.Hour
	for back := time.Hour; back <= 2*limit; back *= 2 {
		f := s.Next(t.Add(-back))
		if f.IsZero() || f.After(t) {
			continue
		}
		for {
			n := s.Next(f)
			if n.IsZero() || n.After(t) {
				return f
			}
			f = n
		}
	}
	return time.Time{}
}

// PeriodAt returns the period that ends at the latest fire time at or before
// t. ok is false if the schedule has not fired within five years of t.
func (s Schedule) PeriodAt(t time.Time) (p Period, ok bool) {
	end := s.Prev(t)
	if end.IsZero() {
		return Period{}, false
	}
	start := s.Prev(end.Add(-time.Nanosecond))
	if start.IsZero() {
		// Only a spec that fires less than every five years gets here,
		// and ParseSchedule refuses those; a day is a safe period.
		start = end.AddDate(0, 0, -1)
	}
	return Period{Start: start, End: end}, true
}

// Periods returns the periods whose fire time (End) lies in (from, to], oldest
// first. Consecutive periods share their boundary, so they tile the time from
// the first Start to the last End with no gap and no overlap. The caller
// bounds the window: a minutely spec over a year is half a million periods.
func (s Schedule) Periods(from, to time.Time) []Period {
	var out []Period
	end := s.Next(from)
	if end.IsZero() || end.After(to) {
		return nil
	}
	start := s.Prev(end.Add(-time.Nanosecond))
	if start.IsZero() {
		start = end.AddDate(0, 0, -1)
	}
	for !end.IsZero() && !end.After(to) {
		out = append(out, Period{Start: start, End: end})
		start, end = end, s.Next(end)
	}
	return out
}

// naive returns t's wall-clock reading in the schedule's zone as a UTC time,
// the domain the wall spec is evaluated in.
func (s Schedule) naive(t time.Time) time.Time {
	w := t.In(s.loc)
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC)
}

// resolve maps a naive wall time to the instant the digest fires: the first
// instant showing that wall time, or, for a wall time skipped by a forward
// transition, the first instant after the gap.
func (s Schedule) resolve(w time.Time) time.Time {
	// Offsets in effect within 15 h of w cover every instant that could
	// show w (zone offsets range from -12 h to +14 h); two transitions that
	// close together do not occur in the tz database's current rules.
	probes := [...]time.Time{w.Add(-15 * time.Hour), w, w.Add(15 * time.Hour)}
	var best, after time.Time
	for _, p := range probes {
		_, off := p.In(s.loc).Zone()
		c := w.Add(-time.Duration(off) * time.Second)
		switch nw := s.naive(c); {
		case nw.Equal(w):
			if best.IsZero() || c.Before(best) {
				best = c
			}
		case nw.After(w):
			// c lies past a gap that swallowed w; the gap ends where
			// c's zone period begins.
			start, _ := c.In(s.loc).ZoneBounds()
			if !start.IsZero() && s.naive(start).After(w) && (after.IsZero() || start.Before(after)) {
				after = start
			}
		}
	}
	if !best.IsZero() {
		return best.In(s.loc)
	}
	if !after.IsZero() {
		return after.In(s.loc)
	}
	// Not reachable for real zones; fall back to Go's own normalisation.
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), s.loc)
}

// Periods returns the digest periods of spec in loc whose fire time lies in
// (from, to], oldest first: each is [previous fire, this fire).
func Periods(spec string, loc *time.Location, from, to time.Time) ([]Period, error) {
	s, err := ParseSchedule(spec, loc)
	if err != nil {
		return nil, err
	}
	return s.Periods(from, to), nil
}

// NextRun returns the first fire time of spec in loc strictly after after, in
// loc.
func NextRun(spec string, loc *time.Location, after time.Time) (time.Time, error) {
	s, err := ParseSchedule(spec, loc)
	if err != nil {
		return time.Time{}, err
	}
	next := s.Next(after)
	if next.IsZero() {
		return time.Time{}, fmt.Errorf("next digest run of %q: %w", spec, ErrNeverFires)
	}
	return next, nil
}

// LoadZone resolves a server's time zone setting: "" is UTC; otherwise an
// IANA name such as "Europe/London". "Local" is refused because it would
// follow the host's zone rather than the server's.
func LoadZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	if name == "Local" || len(name) > 64 {
		return nil, fmt.Errorf("load time zone %q: use an IANA name such as Europe/London or America/New_York", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("load time zone %q: use an IANA name such as Europe/London or America/New_York: %w", name, err)
	}
	return loc, nil
}

// CheckSettings validates a schedule and zone the way the scheduler will read
// them, so a settings command can refuse bad input before saving it. An
// empty spec means the default and is valid.
func CheckSettings(spec, zone string) error {
	loc, err := LoadZone(zone)
	if err != nil {
		return err
	}
	if strings.TrimSpace(spec) == "" {
		return nil
	}
	_, err = ParseSchedule(spec, loc)
	return err
}

// SpecFromClock turns a time of day typed by a member ("08:30", "8:30",
// "20:05", "8:30 pm", "12am") into a daily cron spec ("30 8 * * *").
func SpecFromClock(clock string) (string, error) {
	h, m, err := parseClock(clock)
	if err != nil {
		return "", err
	}
	return strconv.Itoa(m) + " " + strconv.Itoa(h) + " * * *", nil
}

func parseClock(clock string) (hour, minute int, err error) {
	bad := func() (int, int, error) {
		shown := clock
		if len(shown) > 32 {
			shown = shown[:32] + "..."
		}
		return 0, 0, fmt.Errorf("read time of day %q: use HH:MM on a 24-hour clock, e.g. 08:30 or 20:00", shown)
	}
	s := strings.ToLower(strings.TrimSpace(clock))
	if s == "" || len(s) > 16 {
		return bad()
	}
	meridiem := ""
	for _, suffix := range []string{"am", "pm", "a.m.", "p.m."} {
		if rest, ok := strings.CutSuffix(s, suffix); ok {
			meridiem, s = suffix[:1], strings.TrimSpace(rest)
			break
		}
	}
	hs, ms, hasMinutes := strings.Cut(s, ":")
	if !hasMinutes {
		if meridiem == "" {
			return bad() // "8" alone is too ambiguous to guess at
		}
		ms = "00"
	}
	if !allDigits(hs) || len(hs) < 1 || len(hs) > 2 || !allDigits(ms) || len(ms) != 2 {
		return bad()
	}
	hour, _ = strconv.Atoi(hs)
	minute, _ = strconv.Atoi(ms)
	if minute > 59 {
		return bad()
	}
	switch meridiem {
	case "":
		if hour > 23 {
			return bad()
		}
	default:
		if hour < 1 || hour > 12 {
			return bad()
		}
		hour %= 12
		if meridiem == "p" {
			hour += 12
		}
	}
	return hour, minute, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

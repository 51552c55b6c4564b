package schedule

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/robfig/cron/v3"
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := LoadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustSchedule(t testing.TB, spec string, loc *time.Location) Schedule {
	t.Helper()
	s, err := ParseSchedule(spec, loc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// utc is a compact way to write an instant in tests.
func utc(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
}

func TestPeriodsAcrossDST(t *testing.T) {
	tests := []struct {
		name     string
		zone     string
		spec     string
		from, to time.Time
		want     []time.Time // fire times, in UTC
	}{
		{
			// 2024-03-10: 02:00 EST becomes 03:00 EDT; 02:30 does not exist.
			name: "new york spring forward fires after the gap",
			zone: "America/New_York", spec: "30 2 * * *",
			from: utc(2024, 3, 8, 0, 0), to: utc(2024, 3, 12, 0, 0),
			want: []time.Time{
				utc(2024, 3, 8, 7, 30),  // 02:30 EST
				utc(2024, 3, 9, 7, 30),  // 02:30 EST
				utc(2024, 3, 10, 7, 0),  // 03:00 EDT, first instant after the gap
				utc(2024, 3, 11, 6, 30), // 02:30 EDT
			},
		},
		{
			// 2024-11-03: 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
			name: "new york fall back fires once in the repeated hour",
			zone: "America/New_York", spec: "30 1 * * *",
			from: utc(2024, 11, 1, 12, 0), to: utc(2024, 11, 5, 12, 0),
			want: []time.Time{
				utc(2024, 11, 2, 5, 30), // 01:30 EDT
				utc(2024, 11, 3, 5, 30), // 01:30 EDT, the first 01:30 only
				utc(2024, 11, 4, 6, 30), // 01:30 EST
				utc(2024, 11, 5, 6, 30),
			},
		},
		{
			name: "new york default hour keeps 08:00 local across spring forward",
			zone: "America/New_York", spec: "0 8 * * *",
			from: utc(2024, 3, 9, 0, 0), to: utc(2024, 3, 11, 23, 0),
			want: []time.Time{
				utc(2024, 3, 9, 13, 0),  // 08:00 EST
				utc(2024, 3, 10, 12, 0), // 08:00 EDT
				utc(2024, 3, 11, 12, 0),
			},
		},
		{
			// 2024-03-31: 01:00 GMT becomes 02:00 BST; 01:30 does not exist.
			name: "london spring forward fires after the gap",
			zone: "Europe/London", spec: "30 1 * * *",
			from: utc(2024, 3, 29, 12, 0), to: utc(2024, 4, 1, 12, 0),
			want: []time.Time{
				utc(2024, 3, 30, 1, 30), // 01:30 GMT
				utc(2024, 3, 31, 1, 0),  // 02:00 BST, first instant after the gap
				utc(2024, 4, 1, 0, 30),  // 01:30 BST
			},
		},
		{
			// 2024-10-27: 02:00 BST becomes 01:00 GMT; 01:30 happens twice.
			name: "london fall back fires once in the repeated hour",
			zone: "Europe/London", spec: "30 1 * * *",
			from: utc(2024, 10, 25, 12, 0), to: utc(2024, 10, 28, 12, 0),
			want: []time.Time{
				utc(2024, 10, 26, 0, 30), // 01:30 BST
				utc(2024, 10, 27, 0, 30), // 01:30 BST, the first 01:30 only
				utc(2024, 10, 28, 1, 30), // 01:30 GMT
			},
		},
		{
			name: "london weekly spec on the spring-forward sunday",
			zone: "Europe/London", spec: "15 1 * * 0",
			from: utc(2024, 3, 20, 0, 0), to: utc(2024, 4, 8, 0, 0),
			want: []time.Time{
				utc(2024, 3, 24, 1, 15), // 01:15 GMT
				utc(2024, 3, 31, 1, 0),  // 02:00 BST
				utc(2024, 4, 7, 0, 15),  // 01:15 BST
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := mustZone(t, tt.zone)
			got, err := Periods(tt.spec, loc, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d periods %v, want %d fire times %v", len(got), got, len(tt.want), tt.want)
			}
			for i, p := range got {
				if !p.End.Equal(tt.want[i]) {
					t.Errorf("period %d ends %s, want %s", i, p.End.UTC(), tt.want[i])
				}
				if p.End.Location() != loc {
					t.Errorf("period %d end is in %s, want the server zone %s", i, p.End.Location(), loc)
				}
				if i > 0 && !p.Start.Equal(got[i-1].End) {
					t.Errorf("period %d starts %s, want the previous fire %s", i, p.Start, got[i-1].End)
				}
				if !p.Start.Before(p.End) {
					t.Errorf("period %d is empty or reversed: %s", i, p)
				}
			}
		})
	}
}

// TestCronV3SkipsTheGap records why Schedule exists: cron/v3's own spec
// schedule jumps straight past the spring-forward day and fires twice in the
// fall-back hour. If a cron upgrade changes this, the comment on Schedule is
// out of date.
func TestCronV3SkipsTheGap(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	parsed, err := cron.ParseStandard("CRON_TZ=America/New_York 30 2 * * *")
	if err != nil {
		t.Fatal(err)
	}
	next := parsed.Next(utc(2024, 3, 9, 12, 0))
	if want := time.Date(2024, 3, 11, 2, 30, 0, 0, ny); !next.Equal(want) {
		t.Fatalf("cron/v3 next after 9 March = %s; this test expected it to skip to %s", next, want)
	}
	ours := mustSchedule(t, "30 2 * * *", ny).Next(utc(2024, 3, 9, 12, 0))
	if want := utc(2024, 3, 10, 7, 0); !ours.Equal(want) {
		t.Fatalf("Schedule.Next = %s, want %s (03:00 EDT)", ours.UTC(), want)
	}

	fall, err := cron.ParseStandard("CRON_TZ=America/New_York 30 1 * * *")
	if err != nil {
		t.Fatal(err)
	}
	first := fall.Next(utc(2024, 11, 3, 4, 0))
	second := fall.Next(first)
	if !second.Equal(utc(2024, 11, 3, 6, 30)) {
		t.Fatalf("cron/v3 second fire = %s; this test expected the repeated 01:30 EST", second.UTC())
	}
	if got := mustSchedule(t, "30 1 * * *", ny).Next(first); !got.Equal(utc(2024, 11, 4, 6, 30)) {
		t.Fatalf("Schedule.Next after the first 01:30 = %s, want the next day", got.UTC())
	}
}

func TestScheduleFrequentSpecAcrossTransitions(t *testing.T) {
	for _, tc := range []struct {
		zone     string
		from, to time.Time
	}{
		{"America/New_York", utc(2024, 3, 10, 4, 0), utc(2024, 3, 10, 10, 0)},
		{"America/New_York", utc(2024, 11, 3, 3, 0), utc(2024, 11, 3, 9, 0)},
		{"Europe/London", utc(2024, 3, 30, 22, 0), utc(2024, 3, 31, 4, 0)},
		{"Europe/London", utc(2024, 10, 26, 22, 0), utc(2024, 10, 27, 4, 0)},
		{"Australia/Lord_Howe", utc(2024, 10, 5, 10, 0), utc(2024, 10, 5, 20, 0)}, // 30-minute shift
	} {
		t.Run(tc.zone+" "+tc.from.Format("2006-01-02"), func(t *testing.T) {
			loc := mustZone(t, tc.zone)
			s := mustSchedule(t, "*/15 * * * *", loc)
			ps := s.Periods(tc.from, tc.to)
			seenWall := map[string]bool{}
			for i, p := range ps {
				if i > 0 && !p.End.After(ps[i-1].End) {
					t.Fatalf("fire %d at %s does not follow %s", i, p.End, ps[i-1].End)
				}
				wall := p.End.Format("2006-01-02 15:04")
				if seenWall[wall] {
					t.Fatalf("wall time %s fired twice", wall)
				}
				seenWall[wall] = true
				if p.End.Sub(p.Start) > 75*time.Minute {
					t.Errorf("period %s is longer than the 15 min spacing plus one DST shift", p)
				}
			}
			if len(ps) < 16 {
				t.Fatalf("only %d fires in 6 hours", len(ps))
			}
		})
	}
}

// TestNextPrevAgree checks the invariants the scheduler relies on, every 13
// hours (so every hour of the day comes round) through a year, in zones with
// odd offsets and DST rules.
func TestNextPrevAgree(t *testing.T) {
	specs := []string{"0 8 * * *", "30 2 * * *", "30 1 * * *", "0 0 * * 1", "45 23 * * 1-5", "*/20 1-3 * * *"}
	zones := []string{"UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago"}
	for _, zone := range zones {
		loc := mustZone(t, zone)
		for _, spec := range specs {
			s := mustSchedule(t, spec, loc)
			for at := utc(2024, 1, 1, 0, 7); at.Before(utc(2025, 1, 1, 0, 0)); at = at.Add(13 * time.Hour) {
				next := s.Next(at)
				if !next.After(at) {
					t.Fatalf("%s %s: Next(%s) = %s, not after", zone, spec, at, next)
				}
				if got := s.Prev(next); !got.Equal(next) {
					t.Fatalf("%s %s: Prev(Next(%s)) = %s, want %s", zone, spec, at, got, next)
				}
				prev := s.Prev(at)
				if prev.After(at) || prev.IsZero() {
					t.Fatalf("%s %s: Prev(%s) = %s", zone, spec, at, prev)
				}
				if got := s.Next(prev); !got.Equal(next) {
					t.Fatalf("%s %s: Next(Prev(%s)) = %s, want %s: a fire time lies between", zone, spec, at, got, next)
				}
			}
		}
	}
}

func TestPeriodAt(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	s := mustSchedule(t, "0 8 * * *", ny)
	for _, tc := range []struct {
		at         time.Time
		start, end time.Time
	}{
		{time.Date(2024, 6, 5, 8, 0, 0, 0, ny), time.Date(2024, 6, 4, 8, 0, 0, 0, ny), time.Date(2024, 6, 5, 8, 0, 0, 0, ny)},
		{time.Date(2024, 6, 5, 8, 0, 0, 250e6, ny), time.Date(2024, 6, 4, 8, 0, 0, 0, ny), time.Date(2024, 6, 5, 8, 0, 0, 0, ny)},
		{time.Date(2024, 6, 5, 7, 59, 59, 0, ny), time.Date(2024, 6, 3, 8, 0, 0, 0, ny), time.Date(2024, 6, 4, 8, 0, 0, 0, ny)},
		{time.Date(2024, 6, 5, 23, 0, 0, 0, ny), time.Date(2024, 6, 4, 8, 0, 0, 0, ny), time.Date(2024, 6, 5, 8, 0, 0, 0, ny)},
	} {
		p, ok := s.PeriodAt(tc.at)
		if !ok || !p.Start.Equal(tc.start) || !p.End.Equal(tc.end) {
			t.Errorf("PeriodAt(%s) = %s, %v; want %s .. %s", tc.at, p, ok, tc.start, tc.end)
		}
	}
}

func TestNextRun(t *testing.T) {
	london := mustZone(t, "Europe/London")
	got, err := NextRun("0 8 * * *", london, utc(2024, 7, 1, 7, 30))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 7, 2, 8, 0, 0, 0, london); !got.Equal(want) || got.Location() != london {
		t.Fatalf("NextRun = %s, want %s in London", got, want)
	}
	if _, err := NextRun("0 8 * *", london, utc(2024, 7, 1, 0, 0)); err == nil {
		t.Fatal("NextRun accepted a 4-field spec")
	}
}

func TestParseScheduleRejects(t *testing.T) {
	for _, tc := range []struct {
		spec, wantIn string
	}{
		{"", "empty spec"},
		{"   ", "empty spec"},
		{"0 8 * *", "5 fields"},
		{"0 8 * * * *", "5 fields"},
		{"61 8 * * *", "5 fields"},
		{"0 25 * * *", "5 fields"},
		{"CRON_TZ=Europe/London 0 8 * * *", "separate setting"},
		{"TZ=UTC 0 8 * * *", "separate setting"},
		{"@every 1h", "@every is not supported"},
		{"0 0 31 4 *", "never fires"},
		{"hello", "5 fields"},
	} {
		_, err := ParseSchedule(tc.spec, time.UTC)
		if err == nil || !strings.Contains(err.Error(), tc.wantIn) {
			t.Errorf("ParseSchedule(%q) error = %v, want one mentioning %q", tc.spec, err, tc.wantIn)
		}
	}
	if _, err := ParseSchedule("0 0 31 4 *", time.UTC); !errors.Is(err, ErrNeverFires) {
		t.Errorf("31 April: error %v is not ErrNeverFires", err)
	}
	for _, ok := range []string{"0 8 * * *", "@daily", "  30 7 * * 1-5 ", "0 0 29 2 *", "0 8,20 * * *"} {
		if _, err := ParseSchedule(ok, time.UTC); err != nil {
			t.Errorf("ParseSchedule(%q): %v", ok, err)
		}
	}
}

func TestLoadZone(t *testing.T) {
	for _, tc := range []struct {
		name string
		want string // location name, "" = error
	}{
		{"", "UTC"},
		{"UTC", "UTC"},
		{"Europe/London", "Europe/London"},
		{" America/New_York ", "America/New_York"},
		{"Mars/Olympus_Mons", ""},
		{"Local", ""},
		{"../../etc/passwd", ""},
		{"/etc/localtime", ""},
		{strings.Repeat("A", 200), ""},
	} {
		loc, err := LoadZone(tc.name)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("LoadZone(%q) = %s, want an error", tc.name, loc)
		case tc.want == "" && !strings.Contains(err.Error(), "IANA"):
			t.Errorf("LoadZone(%q) error %q does not say what to use", tc.name, err)
		case tc.want != "" && (err != nil || loc.String() != tc.want):
			t.Errorf("LoadZone(%q) = %v, %v; want %s", tc.name, loc, err, tc.want)
		}
	}
}

func TestCheckSettings(t *testing.T) {
	for _, tc := range []struct {
		spec, zone string
		ok         bool
	}{
		{"", "", true},
		{"", "Europe/London", true},
		{"30 8 * * *", "America/New_York", true},
		{"30 8 * * *", "Nowhere/Atall", false},
		{"30 8 * *", "Europe/London", false},
	} {
		if err := CheckSettings(tc.spec, tc.zone); (err == nil) != tc.ok {
			t.Errorf("CheckSettings(%q, %q) = %v, want ok=%v", tc.spec, tc.zone, err, tc.ok)
		}
	}
}

func TestSpecFromClock(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"08:30", "30 8 * * *"},
		{"8:30", "30 8 * * *"},
		{" 20:05 ", "5 20 * * *"},
		{"00:00", "0 0 * * *"},
		{"23:59", "59 23 * * *"},
		{"8:30 pm", "30 20 * * *"},
		{"8:30PM", "30 20 * * *"},
		{"12am", "0 0 * * *"},
		{"12:15 p.m.", "15 12 * * *"},
		{"7 am", "0 7 * * *"},
		{"24:00", ""},
		{"8:60", ""},
		{"8", ""},
		{"8:5", ""},
		{"08:30:00", ""},
		{"13:00 pm", ""},
		{"0 am", ""},
		{"-1:30", ""},
		{"", ""},
		{"eight", ""},
		{"* 8 * * *", ""},
	} {
		got, err := SpecFromClock(tc.in)
		if tc.want == "" {
			if err == nil {
				t.Errorf("SpecFromClock(%q) = %q, want an error", tc.in, got)
			} else if !strings.Contains(err.Error(), "HH:MM") {
				t.Errorf("SpecFromClock(%q) error %q does not say what to type", tc.in, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("SpecFromClock(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func FuzzSpecFromClock(f *testing.F) {
	for _, seed := range []string{"08:30", "8:30 pm", "12am", "24:00", "", "1:2:3", "٠٨:٣٠", "99:99am"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		spec, err := SpecFromClock(in)
		if err != nil {
			if len(err.Error()) > 200 {
				t.Fatalf("error message too long for a reply: %d bytes", len(err.Error()))
			}
			return
		}
		s, err := ParseSchedule(spec, time.UTC)
		if err != nil {
			t.Fatalf("SpecFromClock(%q) = %q, which does not parse: %v", in, spec, err)
		}
		next := s.Next(utc(2024, 1, 1, 0, 0))
		if next.Sub(utc(2024, 1, 1, 0, 0)) > 24*time.Hour {
			t.Fatalf("SpecFromClock(%q) = %q does not fire daily", in, spec)
		}
	})
}

func FuzzParseSchedule(f *testing.F) {
	for _, seed := range []string{"0 8 * * *", "*/15 1-3 * * 1-5", "@weekly", "0 0 29 2 *", "TZ=x 1 2 3 4 5", "1,2,3 * L * ?", "59 23 31 12 *"} {
		f.Add(seed, "America/New_York")
	}
	f.Fuzz(func(t *testing.T, spec, zone string) {
		loc, err := LoadZone(zone)
		if err != nil {
			loc = time.UTC
		}
		s, err := ParseSchedule(spec, loc)
		if err != nil {
			return
		}
		at := utc(2024, 3, 10, 6, 59)
		next := s.Next(at)
		if next.IsZero() {
			return // a leap-day-only spec may not fire within cron's search window
		}
		if !next.After(at) {
			t.Fatalf("Next(%s) = %s for %q", at, next, spec)
		}
		if got := s.Prev(next); !got.Equal(next) {
			t.Fatalf("Prev(Next) = %s, want %s for %q", got, next, spec)
		}
	})
}

func BenchmarkScheduleNext(b *testing.B) {
	s := mustSchedule(b, "30 2 * * *", mustZone(b, "America/New_York"))
	at := utc(2024, 3, 9, 12, 0)
	for b.Loop() {
		at = s.Next(at)
	}
}

func BenchmarkSchedulePrev(b *testing.B) {
	s := mustSchedule(b, "0 8 * * *", mustZone(b, "Europe/London"))
	at := utc(2024, 3, 31, 12, 0)
	for b.Loop() {
		s.Prev(at)
	}
}

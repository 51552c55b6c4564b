package bot

import (
	"sync"
	"time"
)

// maxIdleBuckets: past this many servers tracked, servers whose bucket is
// full again are forgotten; a full bucket and no bucket behave the same.
const maxIdleBuckets = 1024

// rateLimiter is a token bucket per server: perMinute links in a burst,
// refilled at perMinute a minute. It is kept as a "generic cell rate"
// schedule (the time at which the bucket would be full again) so the
// arithmetic is exact. Time is passed in, so tests move a clock instead of
// sleeping.
type rateLimiter struct {
	mu       sync.Mutex
	burst    int
	interval time.Duration // one token's refill time
	full     map[string]time.Time
}

func newRateLimiter(perMinute int) *rateLimiter {
	if perMinute <= 0 {
		perMinute = DefaultLinksPerMinute
	}
	return &rateLimiter{burst: perMinute, interval: time.Minute / time.Duration(perMinute), full: make(map[string]time.Time)}
}

// Allow takes n tokens from key's bucket if it holds them all and reports
// true; otherwise it takes nothing and says how long until n are available.
func (l *rateLimiter) Allow(key string, n int, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n > l.burst {
		return false, time.Minute // more than a whole burst is never granted at once
	}
	full, ok := l.full[key]
	if !ok && len(l.full) >= maxIdleBuckets {
		l.pruneLocked(now)
	}
	if full.Before(now) {
		full = now
	}
	next := full.Add(time.Duration(n) * l.interval)
	if over := next.Sub(now) - time.Duration(l.burst)*l.interval; over > 0 {
		return false, over
	}
	l.full[key] = next
	return true, 0
}

// Available reports how many whole tokens key's bucket holds now.
func (l *rateLimiter) Available(key string, now time.Time) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	full, ok := l.full[key]
	if !ok || !full.After(now) {
		return l.burst
	}
	used := (full.Sub(now) + l.interval - 1) / l.interval
	return l.burst - int(used)
}

func (l *rateLimiter) pruneLocked(now time.Time) {
	for k, full := range l.full {
		if !full.After(now) {
			delete(l.full, k)
		}
	}
}

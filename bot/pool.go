package bot

import (
	"context"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
)

// abandonWait is how long stop waits, after the grace period, for jobs to
// notice their cancelled context and say goodbye to the user.
const abandonWait = 5 * time.Second

// pool runs ingest jobs on a fixed number of workers. Jobs queue per server
// and workers take them round-robin across servers, so a server that pastes
// fifty links does not hold back the next server's one; and no server may
// occupy every worker, so slow sites in one server leave a worker for the
// others. Each job runs under its own timeout.
type pool struct {
	workers   int
	perKey    int // running jobs one key may have at once
	maxQueued int
	timeout   time.Duration
	log       *slog.Logger

	mu      sync.Mutex
	cond    *sync.Cond
	queues  map[string][]func(context.Context)
	ring    []string // keys with queued jobs, in turn order
	running map[string]int
	queued  int
	closed  bool
	started bool

	base   context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newPool(workers, maxQueued int, timeout time.Duration, log *slog.Logger) *pool {
	if workers <= 0 {
		workers = 1
	}
	perKey := workers - 1 // keep one worker for other servers
	if perKey < 1 {
		perKey = 1
	}
	p := &pool{
		workers:   workers,
		perKey:    perKey,
		maxQueued: maxQueued,
		timeout:   timeout,
		log:       log,
		queues:    make(map[string][]func(context.Context)),
		running:   make(map[string]int),
	}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// start launches the workers; jobs' contexts derive from ctx.
func (p *pool) start(ctx context.Context) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.started {
		return
	}
	p.started = true
	p.base, p.cancel = context.WithCancel(ctx)
	for i := 0; i < p.workers; i++ {
		p.wg.Add(1)
		go p.worker()
	}
}

// submit queues run for key. It reports false when the pool is closed or
// its queue is full; run is then never called.
func (p *pool) submit(key string, run func(ctx context.Context)) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || p.queued >= p.maxQueued {
		return false
	}
	if len(p.queues[key]) == 0 {
		p.ring = append(p.ring, key)
	}
	p.queues[key] = append(p.queues[key], run)
	p.queued++
	p.cond.Signal()
	return true
}

// next blocks until a job may run and returns it, or returns false when the
// pool is closed and drained. p.mu must be held.
func (p *pool) nextLocked() (string, func(context.Context), bool) {
	for {
		for i, key := range p.ring {
			if p.running[key] >= p.perKey {
				continue
			}
			q := p.queues[key]
			run := q[0]
			q[0] = nil
			p.queues[key] = q[1:]
			p.queued--
			p.ring = append(p.ring[:i:i], p.ring[i+1:]...)
			if len(p.queues[key]) > 0 {
				p.ring = append(p.ring, key) // its next job waits for the others' turn
			} else {
				delete(p.queues, key)
			}
			p.running[key]++
			return key, run, true
		}
		if p.closed && p.queued == 0 {
			return "", nil, false
		}
		p.cond.Wait()
	}
}

func (p *pool) worker() {
	defer p.wg.Done()
	for {
		p.mu.Lock()
		key, run, ok := p.nextLocked()
		base := p.base
		p.mu.Unlock()
		if !ok {
			return
		}
		p.runJob(base, run)
		p.mu.Lock()
		p.running[key]--
		if p.running[key] == 0 {
			delete(p.running, key)
		}
		p.cond.Broadcast() // a job of key may be runnable again
		p.mu.Unlock()
	}
}

func (p *pool) runJob(base context.Context, run func(context.Context)) {
	ctx, cancel := context.WithTimeout(base, p.timeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			p.log.Error("ingest job panicked", "panic", r, "stack", string(debug.Stack()))
		}
	}()
	run(ctx)
}

// stop refuses new jobs and waits up to grace for queued and running ones.
// Then it cancels the jobs' contexts, so the rest end quickly, and waits a
// little more for them to finish. It returns how many jobs were still
// queued or running when the grace period ended.
func (p *pool) stop(grace time.Duration) int {
	p.mu.Lock()
	if p.closed && !p.started {
		p.mu.Unlock()
		return 0
	}
	p.closed = true
	started := p.started
	p.cond.Broadcast()
	p.mu.Unlock()
	if !started {
		return 0
	}
	done := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(done)
	}()
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-done:
		p.cancel()
		return 0
	case <-timer.C:
	}
	p.mu.Lock()
	left := p.queued
	for _, n := range p.running {
		left += n
	}
	p.mu.Unlock()
	p.cancel()
	select {
	case <-done:
	case <-time.After(abandonWait):
		p.log.Warn("ingest jobs ignored cancellation; leaving them behind")
	}
	return left
}

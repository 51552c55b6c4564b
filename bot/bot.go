// Package bot is the Discord application: the session and its gateway
// connection, slash commands, pasted links, and the replies built from
// stored briefings. It wires the engine (package briefing), the fetcher
// (briefing/fetch) and the database (storage) to Discord through
// github.com/bwmarrin/discordgo, and owns nothing else.
package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/fetch"
	"github.com/briefbot/briefbot/storage"
)

// Defaults for the zero values of Config.
const (
	DefaultWorkers        = 4
	DefaultLinksPerMinute = 10
	DefaultJobTimeout     = 60 * time.Second
	DefaultShutdownGrace  = 10 * time.Second
)

// userAgent is what the fetcher sends when the bot builds it.
const userAgent = "briefbot/1.0 (+https://github.com/briefbot/briefbot; a Discord bot that briefs news articles)"

// Config is everything the bot reads from flags and the environment.
type Config struct {
	// Token is the bot token from the Developer Portal, with or without
	// the "Bot " prefix. It is never logged.
	Token string
	// GuildID, if set, registers the commands in that one server, where
	// they appear at once (global commands can take a while); for development.
	GuildID string
	// Workers is how many links are ingested at the same time.
	Workers int
	// LinksPerMinute is each server's budget of links (pasted or /brief url);
	// a burst of that many is allowed, then one more every 60/N seconds.
	LinksPerMinute int
	// JobTimeout bounds one link's fetch, briefing and storage.
	JobTimeout time.Duration
	// ShutdownGrace is how long in-flight work may finish after the
	// context ends; work still running then is abandoned.
	ShutdownGrace time.Duration
	// MessageContent requests the privileged Message Content intent, which
	// pasted links need. When Discord refuses it (close code 4014) the bot
	// reconnects without it, says so once, and serves slash commands only.
	MessageContent bool
	// DefaultDigestSchedule is the 5-field cron spec, read in each server's
	// time zone, for servers that set a digest channel but no time
	// (BRIEFBOT_DIGEST_SCHEDULE); "" = "0 8 * * *".
	DefaultDigestSchedule string
	// AllowLoopback lets the fetcher the bot builds reach 127.0.0.1; tests only.
	AllowLoopback bool
}

// ArticleStore keeps one server's articles.
type ArticleStore interface {
	SaveArticle(ctx context.Context, sub storage.Submission, a briefing.Article) (storage.StoredArticle, bool, error)
	SaveBriefedArticle(ctx context.Context, sub storage.Submission, a briefing.Article, engineVersion string, b briefing.Briefing, now time.Time) (storage.StoredArticle, bool, error)
	Article(ctx context.Context, guildID string, id int64) (storage.StoredArticle, error)
	ArticleByURL(ctx context.Context, guildID, canonicalURL string) (storage.StoredArticle, error)
	ArticleByNumber(ctx context.Context, guildID string, number int64) (storage.StoredArticle, error)
	ArticleTitles(ctx context.Context, guildID string, limit int) ([]storage.ArticleTitle, error)
	DeleteArticle(ctx context.Context, guildID string, id int64) error
	Articles(ctx context.Context, guildID string, q storage.ArticleQuery) ([]storage.StoredArticle, error)
	CountArticles(ctx context.Context, guildID string, q storage.ArticleQuery) (int, error)
}

// BriefingStore keeps the briefings of stored articles and answers
// questions across them.
type BriefingStore interface {
	SaveBriefing(ctx context.Context, guildID string, articleID int64, engineVersion string, b briefing.Briefing, now time.Time) error
	Briefing(ctx context.Context, guildID string, articleID int64) (storage.StoredBriefing, error)
	Quotes(ctx context.Context, guildID string, q storage.QuoteQuery) ([]storage.StoredQuote, error)
	SpeakerUses(ctx context.Context, guildID string, limit int) ([]storage.NameUse, error)
	ActorArticles(ctx context.Context, guildID, name string, limit int) ([]storage.BriefedArticle, error)
	ActorUses(ctx context.Context, guildID string, limit int) ([]storage.NameUse, error)
}

// ServerStore reads per-server settings.
type ServerStore interface {
	Server(ctx context.Context, guildID string) (storage.Server, error)
}

// DigestStore keeps the servers' digest settings and the digest log: what
// /digest and the digest scheduler (bot/schedule) read and write.
type DigestStore interface {
	schedule.Store
	SaveServer(ctx context.Context, s storage.Server, now time.Time) error
}

// Store is what the bot needs from the database; *storage.DB implements it.
type Store interface {
	ArticleStore
	BriefingStore
	ServerStore
	DigestStore
}

// Fetcher turns a link into an article; *fetch.Fetcher implements it.
type Fetcher interface {
	Fetch(ctx context.Context, url string) (briefing.Article, error)
}

// Briefer turns an article into a briefing, giving up when ctx ends (a
// job's time limit, shutdown); *briefing.Engine implements it.
type Briefer interface {
	BriefContext(ctx context.Context, a briefing.Article) (briefing.Briefing, error)
}

// Pinger is the database health check Check runs.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Deps are the bot's collaborators.
type Deps struct {
	Store Store // required
	// Fetcher nil: a fetch.Fetcher with Config.AllowLoopback.
	Fetcher Fetcher
	// Briefer nil: briefing.New().
	Briefer Briefer
	// EngineVersion is recorded with each briefing; "" = briefing.EngineVersion.
	// Stored briefings from another version are made again when shown.
	EngineVersion string
	// Logger nil: logs are discarded.
	Logger *slog.Logger
	// Now nil: time.Now. Rate limits, submission times, "days" filters and
	// the digest scheduler use it.
	Now func() time.Time
	// HTTPClient is used for Discord's REST API and gateway lookup; nil = discordgo's default.
	HTTPClient *http.Client
}

// Bot serves one Discord application. Create it with New and run it with Run.
type Bot struct {
	cfg           Config
	token         string // "Bot ..." form, for discordgo
	store         Store
	fetcher       Fetcher
	briefer       Briefer
	engineVersion string
	log           *slog.Logger
	now           func() time.Time
	httpClient    *http.Client

	limiter *rateLimiter
	pool    *pool
	// quickAnswer is how long answerSoon waits before deferring.
	quickAnswer time.Duration
	// userInstall is whether the application may be installed to users,
	// read at registration.
	userInstall atomic.Bool
	// digests posts each server's digest; its Poster uses session.
	digests *schedule.Scheduler
	session atomic.Pointer[discordgo.Session]

	// contentIntent is whether the live connection has the Message Content intent.
	contentIntent     atomic.Bool
	contentLineLogged atomic.Bool
	closing           atomic.Bool
	running           atomic.Bool
	appID             atomic.Value // string
	botUserID         atomic.Value // string
	// cmdIDs are the registered commands' ids, for clickable mentions.
	cmdIDs       atomic.Pointer[cmdRefs]
	disconnected chan struct{}
	// serving is closed once Run has connected and registered the
	// commands, so callers (tests, health checks) can wait for it.
	serving     chan struct{}
	servingOnce sync.Once
	// inflight counts event handlers in progress, so shutdown can wait for them.
	inflight     tracker
	commandsOnce sync.Once
	commands     map[string]command
	// work is cancelled when the shutdown grace period is over.
	work       context.Context
	cancelWork context.CancelFunc
}

// New checks cfg and deps and builds a Bot. It does not connect.
func New(cfg Config, deps Deps) (*Bot, error) {
	if err := checkConfig(cfg); err != nil {
		return nil, err
	}
	if deps.Store == nil {
		return nil, errors.New("create bot: no store: open the database with storage.Open and pass it in Deps.Store")
	}
	cfg = withDefaults(cfg)
	b := &Bot{
		cfg:           cfg,
		token:         botToken(cfg.Token),
		store:         deps.Store,
		fetcher:       deps.Fetcher,
		briefer:       deps.Briefer,
		engineVersion: deps.EngineVersion,
		log:           deps.Logger,
		now:           deps.Now,
		httpClient:    deps.HTTPClient,
		disconnected:  make(chan struct{}, 1),
		serving:       make(chan struct{}),
		quickAnswer:   defaultQuickAnswer,
	}
	if b.fetcher == nil {
		b.fetcher = fetch.New(fetch.Options{UserAgent: userAgent, AllowLoopback: cfg.AllowLoopback})
	}
	if b.briefer == nil {
		b.briefer = briefing.New()
	}
	if b.engineVersion == "" {
		b.engineVersion = briefing.EngineVersion
	}
	if b.log == nil {
		b.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if b.now == nil {
		b.now = time.Now
	}
	b.limiter = newRateLimiter(cfg.LinksPerMinute)
	b.pool = newPool(cfg.Workers, cfg.Workers*64, cfg.JobTimeout, b.log)
	var err error
	b.digests, err = schedule.New(schedule.Config{
		DefaultSchedule: cfg.DefaultDigestSchedule,
		Logger:          b.log,
		Now:             b.now,
	}, deps.Store, digestPoster{b})
	if err != nil {
		return nil, fmt.Errorf("create bot: %w", err)
	}
	b.appID.Store("")
	b.botUserID.Store("")
	return b, nil
}

func withDefaults(cfg Config) Config {
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.LinksPerMinute <= 0 {
		cfg.LinksPerMinute = DefaultLinksPerMinute
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = DefaultJobTimeout
	}
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = DefaultShutdownGrace
	}
	return cfg
}

// Run connects to Discord, registers the commands and serves until ctx is
// done; then it stops taking work, lets work in flight finish for up to
// Config.ShutdownGrace, and closes the session. It returns nil after a clean
// shutdown and an error when Discord refuses the bot (a bad token, say). The
// caller closes the database after Run returns. A Bot runs once.
func (b *Bot) Run(ctx context.Context) error {
	if !b.running.CompareAndSwap(false, true) {
		return errors.New("run bot: already running")
	}
	b.work, b.cancelWork = context.WithCancel(context.WithoutCancel(ctx))
	defer b.cancelWork()

	s, err := b.newSession()
	if err != nil {
		return err
	}
	b.session.Store(s)
	b.pool.start(b.work)
	defer b.pool.stop(0)   // no-op after a clean shutdown; frees workers on an early return
	defer b.digests.Stop() // likewise

	if err := b.connect(ctx, s); err != nil {
		return err
	}
	if ctx.Err() != nil {
		b.shutdown(s)
		return nil
	}
	// Digests post through the session, so they start once it is open;
	// Start also posts, in the background, a digest missed while offline.
	if err := b.digests.Start(b.work); err != nil {
		b.shutdown(s)
		return fmt.Errorf("run bot: %w", err)
	}
	if err := b.registerCommands(ctx, s); err != nil {
		b.shutdown(s)
		if ctx.Err() != nil {
			return nil // stopped while registering: a clean shutdown
		}
		return err
	}
	b.servingOnce.Do(func() { close(b.serving) })
	b.log.Info("briefbot is serving", "guild_commands", b.cfg.GuildID != "", "pasted_links", b.contentIntent.Load(), "workers", b.cfg.Workers)

	err = b.serve(ctx, s)
	b.shutdown(s)
	return err
}

// shutdown stops intake, waits for work within the grace period, and
// closes the gateway connection.
func (b *Bot) shutdown(s *discordgo.Session) {
	b.closing.Store(true)
	// A digest being posted is interrupted and recorded; the next start
	// finishes it. This happens before Run returns and the caller closes
	// the database.
	b.digests.Stop()
	start := time.Now()
	abandoned := b.pool.stop(b.cfg.ShutdownGrace)
	left := b.cfg.ShutdownGrace - time.Since(start)
	if left < time.Second {
		left = time.Second
	}
	select {
	case <-b.inflight.done():
	case <-time.After(left):
		b.log.Warn("shutdown: event handlers still running after the grace period; abandoning them")
	}
	b.cancelWork()
	if abandoned > 0 {
		b.log.Warn("shutdown: abandoned ingest jobs", "jobs", abandoned)
	}
	if err := s.Close(); err != nil {
		b.log.Warn("close Discord session", "err", err)
	}
	b.log.Info("briefbot stopped")
}

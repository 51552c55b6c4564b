// Package discordtest is an in-process fake Discord for the bot's tests.
//
// It speaks the real protocol that github.com/bwmarrin/discordgo v0.29 uses: REST under /api/v9
// (served by an httptest server on 127.0.0.1) and the gateway over ws:// (HELLO, IDENTIFY, READY,
// heartbeat ACK, RESUME with replay, RECONNECT, INVALID_SESSION, dispatches with sequence numbers).
// A test connects an unmodified discordgo session to it by giving the session HTTPClient(), whose
// transport sends https://discord.com/... to the fake; no discordgo package variable is touched.
//
// The fake records what the bot did (Requests, InteractionResponses, Original, Followups,
// ChannelMessages, Reactions, Commands, Threads) and fails the test through the testing.TB given to
// New when a reply breaks one of Discord's rules (see the Rule constants): a late or second
// interaction acknowledgement, content or embeds over Discord's limits, or a message that could ping.
//
// Like Discord, it honours a message nonce sent with enforce_nonce (a second post with the same
// nonce within NonceWindow returns the first message) and lists a channel's messages newest first
// (GET /channels/{id}/messages). DenyChannel makes a channel refuse the bot the way Discord does
// when the bot lacks permissions there or the channel was deleted.
//
// Typical use in a bot test:
//
//	fake := discordtest.New(t)
//	sess, _ := fake.Session("test-token") // discordgo session wired to the fake; closed at cleanup
//	sess.AddHandler(myInteractionHandler)
//	if err := sess.Open(); err != nil { t.Fatal(err) }
//	in := fake.DispatchInteraction(discordtest.SlashCommand("brief", discordtest.StringOption("url", u)))
//	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
//	defer cancel()
//	err := fake.WaitFor(ctx, func(s *discordtest.Server) bool {
//		m := s.Original(in.Token)
//		return m != nil && m.Flags&discordgo.MessageFlagsLoading == 0
//	})
package discordtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Fixed identities of the fake. They are snowflake-shaped so code that parses IDs works on them.
const (
	// ApplicationID is the bot's application; also the bot user's ID, as for applications made today.
	ApplicationID = "1100000000000000001"
	// BotUserID is the user the bot logs in as.
	BotUserID = ApplicationID
	// BotUsername is the bot user's name.
	BotUsername = "briefbot-test"
	// DefaultGuildID is the guild the bot is in unless WithGuilds says otherwise.
	DefaultGuildID = "1100000000000000100"
	// DefaultChannelID is a text channel of the default guild; dispatches without a channel land here.
	DefaultChannelID = "1100000000000000200"
	// DefaultDMChannelID is a direct-message channel between DefaultUserID and the bot.
	DefaultDMChannelID = "1100000000000000300"
	// DefaultUserID is the human who sends messages and runs commands unless a test says otherwise.
	DefaultUserID = "1100000000000000400"
	// DefaultUsername is DefaultUserID's name.
	DefaultUsername = "reader"
)

// Discord's timing rules.
const (
	// AckDeadline is how long Discord waits for the first interaction callback.
	AckDeadline = 3 * time.Second
	// TokenLifetime is how long an interaction token can edit replies and send follow-ups.
	TokenLifetime = 15 * time.Minute
	// DefaultHeartbeatInterval is what Discord announces in HELLO.
	DefaultHeartbeatInterval = 45 * time.Second
	// NonceWindow is how long a message nonce sent with enforce_nonce is remembered: a second post
	// with it in that time returns the first message. Discord says "the past few minutes".
	NonceWindow = 5 * time.Minute
	// MaxNonceLength is the longest nonce Discord accepts.
	MaxNonceLength = 25
)

// nonceRecord is the message a nonce created, and when.
type nonceRecord struct {
	messageID string
	at        time.Time
}

// apiPrefix is where discordgo v0.29 sends REST calls (APIVersion "9").
const apiPrefix = "/api/v9"

// gatewayPath is the websocket endpoint announced by GET /gateway.
const gatewayPath = "/ws/"

// ErrClosed is returned by WaitFor helpers once the server has been closed.
var ErrClosed = errors.New("discordtest: server closed")

// Option configures a Server.
type Option func(*config)

type config struct {
	heartbeat  time.Duration
	now        func() time.Time
	token      string
	disallowed discordgo.Intent
	guilds     []*discordgo.Guild
	// userInstall: the application may be installed to users (WithUserInstall).
	userInstall bool
}

// WithHeartbeatInterval sets the interval announced in HELLO. Tests that want to see heartbeats
// use a small one (discordgo sends the first heartbeat at once, then one per interval).
func WithHeartbeatInterval(d time.Duration) Option {
	return func(c *config) { c.heartbeat = d }
}

// WithClock replaces the clock used for interaction deadlines, token lifetimes, snowflakes and
// timestamps, so tests of deadlines move time instead of sleeping.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// WithToken makes the fake accept only this bot token (with or without the "Bot " prefix) on REST
// calls and IDENTIFY. Without it any non-empty "Bot ..." token is accepted.
func WithToken(token string) Option {
	return func(c *config) { c.token = token }
}

// WithDisallowedIntents lists intents the application has not been granted (privileged intents
// such as discordgo.IntentMessageContent). IDENTIFY asking for any of them is closed with 4014,
// as Discord does, and GET /applications/@me leaves the matching flags out.
func WithDisallowedIntents(mask discordgo.Intent) Option {
	return func(c *config) { c.disallowed |= mask }
}

// WithGuilds replaces the guilds the bot is in. Their Channels are registered with the fake.
func WithGuilds(guilds ...*discordgo.Guild) Option {
	return func(c *config) { c.guilds = guilds }
}

// Server is the fake Discord. All methods are safe for concurrent use.
type Server struct {
	t        testing.TB
	cfg      config
	ts       *httptest.Server
	mux      *http.ServeMux
	upgrader websocket.Upgrader
	host     string // 127.0.0.1:port
	wsURL    string

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every recorded change; see WaitFor
	closed  bool
	lastID  uint64

	// gateway state
	sessions    map[string]*gwSession
	conns       map[*gwConn]struct{}
	identifies  []IdentifyRecord
	resumes     []ResumeRecord
	heartbeats  int
	connections int

	// REST state
	requests     []Request
	violations   []Violation
	rateLimits   []rateLimitRule
	interactions map[string]*interactionState // by interaction ID
	byToken      map[string]*interactionState
	messages     map[string]*discordgo.Message // every known message by ID
	posts        map[string][]string           // channel ID -> IDs of messages the bot posted there
	reactions    map[string][]string           // channelID/messageID -> emoji the bot added
	commands     map[string][]*discordgo.ApplicationCommand
	channels     map[string]*discordgo.Channel
	denied       map[string]int         // channel ID -> Discord error code, see DenyChannel
	nonces       map[string]nonceRecord // channelID/nonce -> the message it created

	wg        sync.WaitGroup // gateway connection goroutines
	closeOnce sync.Once
}

// New starts a fake Discord on 127.0.0.1 and closes it when the test ends. Rule violations are
// reported with t.Errorf.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	cfg := config{heartbeat: DefaultHeartbeatInterval, now: time.Now}
	for _, o := range opts {
		o(&cfg)
	}
	if len(cfg.guilds) == 0 {
		cfg.guilds = []*discordgo.Guild{defaultGuild()}
	}
	s := &Server{
		t:            t,
		cfg:          cfg,
		changed:      make(chan struct{}),
		sessions:     map[string]*gwSession{},
		conns:        map[*gwConn]struct{}{},
		interactions: map[string]*interactionState{},
		byToken:      map[string]*interactionState{},
		messages:     map[string]*discordgo.Message{},
		posts:        map[string][]string{},
		reactions:    map[string][]string{},
		commands:     map[string][]*discordgo.ApplicationCommand{},
		channels:     map[string]*discordgo.Channel{},
		denied:       map[string]int{},
		nonces:       map[string]nonceRecord{},
	}
	// The bot's clients send no Origin header; accept whatever arrives, this is a test server.
	s.upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	for _, g := range cfg.guilds {
		for _, ch := range g.Channels {
			c := *ch
			if c.GuildID == "" {
				c.GuildID = g.ID
			}
			s.channels[c.ID] = &c
		}
	}
	s.channels[DefaultDMChannelID] = &discordgo.Channel{
		ID:         DefaultDMChannelID,
		Type:       discordgo.ChannelTypeDM,
		Recipients: []*discordgo.User{defaultUser()},
	}
	s.channels[DefaultGroupDMChannelID] = &discordgo.Channel{
		ID:         DefaultGroupDMChannelID,
		Type:       discordgo.ChannelTypeGroupDM,
		Recipients: []*discordgo.User{defaultUser()},
	}
	s.mux = s.routes()
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.host = strings.TrimPrefix(s.ts.URL, "http://")
	s.wsURL = "ws://" + s.host + gatewayPath
	t.Cleanup(s.Close)
	return s
}

func defaultGuild() *discordgo.Guild {
	return &discordgo.Guild{
		ID:      DefaultGuildID,
		Name:    "Test Guild",
		OwnerID: "1100000000000000999",
		Channels: []*discordgo.Channel{{
			ID:      DefaultChannelID,
			GuildID: DefaultGuildID,
			Name:    "general",
			Type:    discordgo.ChannelTypeGuildText,
		}},
	}
}

func defaultUser() *discordgo.User {
	return &discordgo.User{ID: DefaultUserID, Username: DefaultUsername, GlobalName: "Reader"}
}

func botUser() *discordgo.User {
	return &discordgo.User{ID: BotUserID, Username: BotUsername, Bot: true}
}

// URL is the fake's base URL (http://127.0.0.1:port).
func (s *Server) URL() string { return s.ts.URL }

// GatewayURL is the websocket URL the fake announces (ws://127.0.0.1:port/ws/).
func (s *Server) GatewayURL() string { return s.wsURL }

// HTTPClient returns a client whose transport sends requests for discord.com, discordapp.com and
// Discord's CDN hosts to the fake, and refuses every other host so a test can never reach the
// internet through it.
func (s *Server) HTTPClient() *http.Client {
	return &http.Client{
		Transport: &rewriteTransport{base: s.ts.Client().Transport, host: s.host},
		Timeout:   20 * time.Second,
	}
}

// Session returns a discordgo session wired to the fake: its REST client is HTTPClient(), its
// websocket dialer has no proxy, and it is closed when the test ends (before the server, since
// cleanups run last-in first-out). A token without the "Bot " prefix gets one.
//
// Before closing, the cleanup waits (up to 5 s) until the client has finished connecting or
// resuming: discordgo v0.29 starts its heartbeat goroutine at the end of Open, and if Close sends
// the close frame before that goroutine's first write, the write fails and discordgo starts an
// endless reconnect loop of its own.
func (s *Server) Session(token string) (*discordgo.Session, error) {
	if !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	sess, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("create discordgo session: %w", err)
	}
	sess.Client = s.HTTPClient()
	sess.Dialer = &websocket.Dialer{HandshakeTimeout: 10 * time.Second}
	s.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.WaitFor(ctx, func(s *Server) bool { return s.settled() })
		_ = sess.Close()
	})
	return sess, nil
}

// Close shuts the fake down: gateway connections are cut, the HTTP server stops and every goroutine
// of the fake has returned when Close does. Safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		conns := make([]*gwConn, 0, len(s.conns))
		for c := range s.conns {
			conns = append(conns, c)
		}
		s.bumpLocked()
		s.mu.Unlock()
		for _, c := range conns {
			c.kill()
		}
		s.ts.Close()
		s.wg.Wait()
	})
}

// WaitFor blocks until cond(s) is true, the context ends, or the server is closed. cond is
// re-evaluated after every change the fake records, so tests wait without sleeping. cond must not
// block; it may call any accessor of s.
func (s *Server) WaitFor(ctx context.Context, cond func(*Server) bool) error {
	for {
		s.mu.Lock()
		ch, closed := s.changed, s.closed
		s.mu.Unlock()
		if cond(s) {
			return nil
		}
		if closed {
			return ErrClosed
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("wait for fake discord: %w", ctx.Err())
		}
	}
}

// WaitIdentified waits until a session has identified, READY has been sent to it and the client
// has sent its first heartbeat, and returns that identify. Waiting for the heartbeat matters:
// discordgo sends it from a goroutine started at the end of Open, and a session closed before that
// write happens sees the write fail and reconnects by itself.
func (s *Server) WaitIdentified(ctx context.Context) (IdentifyRecord, error) {
	var rec IdentifyRecord
	err := s.WaitFor(ctx, func(s *Server) bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		if len(s.identifies) == 0 {
			return false
		}
		rec = s.identifies[len(s.identifies)-1]
		g := s.sessions[rec.SessionID]
		return g == nil || g.beats > 0
	})
	return rec, err
}

// bumpLocked wakes every WaitFor. s.mu must be held.
func (s *Server) bumpLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) now() time.Time { return s.cfg.now() }

// discordEpoch is the start of Discord's snowflake clock (2015-01-01 UTC) in milliseconds.
const discordEpoch = 1420070400000

// nextIDLocked returns a fresh snowflake from the fake clock, strictly increasing even if the
// clock stands still or goes back. s.mu must be held.
func (s *Server) nextIDLocked() string {
	ms := s.now().UnixMilli() - discordEpoch
	if ms < 0 {
		ms = 0
	}
	id := uint64(ms) << 22
	if id <= s.lastID {
		id = s.lastID + 1
	}
	s.lastID = id
	return fmt.Sprint(id)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)
}

// rewriteTransport points Discord's public hosts at the fake.
type rewriteTransport struct {
	base http.RoundTripper
	host string
}

func (rt *rewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	prefix := ""
	switch strings.ToLower(r.URL.Hostname()) {
	case "discord.com", "www.discord.com", "canary.discord.com", "ptb.discord.com",
		"discordapp.com", "www.discordapp.com":
	case "cdn.discordapp.com", "media.discordapp.net":
		// Kept apart from the API so a CDN fetch can never be mistaken for a REST call.
		prefix = "/_cdn"
	default:
		if r.Body != nil {
			_ = r.Body.Close()
		}
		return nil, fmt.Errorf("discordtest: refusing request to %s: only Discord hosts are faked", r.URL.Host)
	}
	r2 := r.Clone(r.Context())
	r2.URL.Scheme = "http"
	r2.URL.Host = rt.host
	r2.Host = rt.host
	r2.URL.Path = prefix + r.URL.Path
	if r.URL.RawPath != "" {
		r2.URL.RawPath = prefix + r.URL.RawPath
	}
	return rt.base.RoundTrip(r2)
}

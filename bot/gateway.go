package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway close codes the bot treats specially
// (https://discord.com/developers/docs/topics/opcodes-and-status-codes).
const (
	closeAuthenticationFailed = 4004
	closeInvalidShard         = 4010
	closeShardingRequired     = 4011
	closeInvalidAPIVersion    = 4012
	closeInvalidIntents       = 4013
	closeDisallowedIntents    = 4014
)

// Application flags that say the Message Content intent is granted.
const (
	appFlagGatewayMessageContent        = 1 << 18
	appFlagGatewayMessageContentLimited = 1 << 19
)

// maxReconnectWait caps the back-off between reconnection attempts.
const maxReconnectWait = 2 * time.Minute

// noContentIntentLine is the one start-up line when pasted links are off.
const noContentIntentLine = "pasted links are off: the Message Content intent is not granted; " +
	"turn on Developer Portal > your app > Bot > Privileged Gateway Intents > Message Content Intent and restart. " +
	"Slash commands work meanwhile"

// newSession builds the discordgo session. Reconnection is the bot's own
// (see serve), so it can stop on shutdown and drop a refused intent;
// discordgo's logging is off because everything worth saying comes back as
// an error the bot logs through slog. No discordgo package variable is touched.
func (b *Bot) newSession() (*discordgo.Session, error) {
	s, err := discordgo.New(b.token)
	if err != nil {
		return nil, fmt.Errorf("create Discord session: %w", err)
	}
	if b.httpClient != nil {
		s.Client = b.httpClient
	}
	s.Dialer = &websocket.Dialer{Proxy: http.ProxyFromEnvironment, HandshakeTimeout: 30 * time.Second}
	s.ShouldReconnectOnError = false
	s.ShouldRetryOnRateLimit = true
	s.MaxRestRetries = 3
	s.LogLevel = discordgo.LogError - 1
	s.StateEnabled = true
	s.Identify.Intents = discordgo.IntentGuilds | discordgo.IntentGuildMessages
	if b.cfg.MessageContent {
		s.Identify.Intents |= discordgo.IntentMessageContent
	} else {
		b.noContentIntent("the bot was started without it")
	}
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessageCreate)
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) {
		select {
		case b.disconnected <- struct{}{}:
		default:
		}
	})
	return s, nil
}

// connect opens the gateway, retrying with back-off until it works, ctx
// ends (nil is returned), or Discord refuses the bot for good. A refused
// Message Content intent (close 4014) is dropped and the bot connects without it.
func (b *Bot) connect(ctx context.Context, s *discordgo.Session) error {
	wait := time.Second
	for attempt := 1; ; attempt++ {
		err := s.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			b.afterOpen(s)
			return nil
		}
		code := closeCode(err)
		if code == closeDisallowedIntents && s.Identify.Intents&discordgo.IntentMessageContent != 0 {
			b.noContentIntent("Discord closed the gateway with 4014")
			s.Identify.Intents &^= discordgo.IntentMessageContent
			continue
		}
		if fatal := fatalConnectError(err, code); fatal != nil {
			return fatal
		}
		b.log.Warn("connect to the Discord gateway failed; retrying", "attempt", attempt, "in", wait, "err", err)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait *= 2
		if wait > maxReconnectWait {
			wait = maxReconnectWait
		}
	}
}

// afterOpen reads what READY said: who the bot is and whether the Message
// Content intent is really granted.
func (b *Bot) afterOpen(s *discordgo.Session) {
	s.State.RLock()
	ready := s.State.Ready
	s.State.RUnlock()
	if ready.User != nil {
		b.botUserID.Store(ready.User.ID)
	}
	if ready.Application != nil && ready.Application.ID != "" {
		b.appID.Store(ready.Application.ID)
	} else if ready.User != nil {
		b.appID.Store(ready.User.ID) // the same ID for applications made since 2020
	}
	wanted := s.Identify.Intents&discordgo.IntentMessageContent != 0
	granted := wanted
	if wanted && ready.Application != nil &&
		ready.Application.Flags&(appFlagGatewayMessageContent|appFlagGatewayMessageContentLimited) == 0 {
		// Discord closes with 4014 rather than send READY when the intent
		// is refused, so this is belt and braces; should it ever happen,
		// the next identify is refused and connect drops the intent.
		granted = false
		b.noContentIntent("the application's flags in READY do not include it")
	}
	b.contentIntent.Store(granted)
}

// noContentIntent says, once per run, that pasted links are off and why.
func (b *Bot) noContentIntent(why string) {
	if b.contentLineLogged.CompareAndSwap(false, true) {
		b.log.Warn(noContentIntentLine, "reason", why)
	}
}

// serve keeps the gateway connected until ctx ends.
func (b *Bot) serve(ctx context.Context, s *discordgo.Session) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-b.disconnected:
		}
		if ctx.Err() != nil {
			return nil
		}
		b.log.Warn("lost the Discord gateway connection; reconnecting")
		if err := b.connect(ctx, s); err != nil {
			return err
		}
		if ctx.Err() == nil {
			b.log.Info("reconnected to the Discord gateway")
		}
	}
}

// closeCode is the websocket close code in err, or 0.
func closeCode(err error) int {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return 0
}

// fatalConnectError explains errors that retrying cannot fix, or returns nil.
func fatalConnectError(err error, code int) error {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusUnauthorized {
		return errors.New("connect to Discord: the token was refused (HTTP 401): set DISCORD_TOKEN to the bot's current token (Developer Portal > Bot > Reset Token)")
	}
	switch code {
	case closeAuthenticationFailed:
		return errors.New("connect to Discord: the token was refused (gateway close 4004): set DISCORD_TOKEN to the bot's current token (Developer Portal > Bot > Reset Token)")
	case closeDisallowedIntents, closeInvalidIntents:
		return fmt.Errorf("connect to Discord: intents refused (gateway close %d): %w", code, err)
	case closeInvalidShard, closeShardingRequired, closeInvalidAPIVersion:
		return fmt.Errorf("connect to Discord: gateway refused the connection (close %d): %w", code, err)
	}
	return nil
}

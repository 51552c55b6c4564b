package bot

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/bot/schedule"
)

// ErrNoToken is returned when Config.Token is empty.
var ErrNoToken = errors.New("DISCORD_TOKEN is not set: in the Discord Developer Portal open your application, " +
	"go to Bot, press Reset Token, copy it, and run `export DISCORD_TOKEN=<token>` before `briefbot run`")

// ErrBadToken is returned when Config.Token does not look like a bot token.
var ErrBadToken = errors.New("DISCORD_TOKEN does not look like a bot token (three dot-separated parts, " +
	"like the one the Developer Portal shows under Bot > Reset Token); copy it again, without quotes or spaces")

// Check validates cfg (the token is present and shaped like a bot token, the
// numbers and durations make sense, the default digest schedule parses) and,
// if db is not nil, that the database answers. It makes no call to Discord.
// It reports every problem found, for `briefbot run --check`.
func Check(ctx context.Context, cfg Config, db Pinger) error {
	errs := []error{checkConfig(cfg)}
	if db != nil {
		if err := db.Ping(ctx); err != nil {
			errs = append(errs, fmt.Errorf("check database: %w", err))
		}
	}
	return errors.Join(errs...)
}

// checkConfig validates cfg without any I/O. Messages never include the token.
func checkConfig(cfg Config) error {
	var errs []error
	if err := checkToken(cfg.Token); err != nil {
		errs = append(errs, err)
	}
	if cfg.GuildID != "" && !isSnowflake(cfg.GuildID) {
		errs = append(errs, fmt.Errorf("guild ID %q is not a Discord ID: copy it with Developer Mode on (right-click the server > Copy Server ID)", cfg.GuildID))
	}
	if cfg.Workers < 0 {
		errs = append(errs, fmt.Errorf("workers is %d: use a positive number, or 0 for the default %d", cfg.Workers, DefaultWorkers))
	}
	if cfg.LinksPerMinute < 0 {
		errs = append(errs, fmt.Errorf("links per minute is %d: use a positive number, or 0 for the default %d", cfg.LinksPerMinute, DefaultLinksPerMinute))
	}
	if cfg.JobTimeout < 0 {
		errs = append(errs, fmt.Errorf("job timeout is %v: use a positive duration such as 60s", cfg.JobTimeout))
	}
	if cfg.ShutdownGrace < 0 {
		errs = append(errs, fmt.Errorf("shutdown grace is %v: use a positive duration such as 10s", cfg.ShutdownGrace))
	}
	if spec := cfg.DefaultDigestSchedule; spec != "" {
		// Read the way the scheduler reads it: no TZ= prefix, no @every,
		// and it must fire at all.
		if err := schedule.CheckSettings(spec, ""); err != nil {
			errs = append(errs, fmt.Errorf("default digest schedule %q is not a 5-field cron spec such as \"0 8 * * *\": %w", spec, err))
		}
	}
	return errors.Join(errs...)
}

// checkToken accepts id.timestamp.hmac, each part base64url, the first one
// decoding to a numeric ID, as Discord issues bot tokens.
func checkToken(token string) error {
	t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(token), "Bot "))
	if t == "" {
		return ErrNoToken
	}
	parts := strings.Split(t, ".")
	if len(parts) != 3 || len(parts[0]) < 16 || len(parts[1]) < 4 || len(parts[2]) < 20 {
		return ErrBadToken
	}
	for _, p := range parts {
		if !isBase64URL(p) {
			return ErrBadToken
		}
	}
	id, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[0], "="))
	if err != nil || !isSnowflake(string(id)) {
		return ErrBadToken
	}
	return nil
}

func isBase64URL(s string) bool {
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '='
		if !ok {
			return false
		}
	}
	return s != ""
}

func isSnowflake(s string) bool {
	if len(s) < 15 || len(s) > 21 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// botToken is the token as discordgo sends it.
func botToken(token string) string {
	t := strings.TrimSpace(token)
	if strings.HasPrefix(t, "Bot ") {
		return t
	}
	return "Bot " + t
}

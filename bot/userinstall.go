package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// Where briefings are kept. A server that added the bot (a guild install)
// has its own space, shared by its members, as always. A member who added
// briefbot to their own account (a user install) can also brief in DMs, group
// DMs and servers that never added the bot; those briefings go to the
// member's own space, "user:<their id>", which no server ever reads: /articles,
// /quotes, /actor, digests and autocomplete in a server only see the server's
// space. The member's briefings are theirs alone: autocomplete offers only
// their own articles, and a briefing is shown publicly only where they ask for it.

// userSpacePrefix marks a user's own space among storage's server keys; no
// Discord snowflake starts with a letter, so it can never name a server.
const userSpacePrefix = "user:"

// space is one namespace of articles: a server's, or a user's own.
type space struct {
	id     string // the storage key: a guild ID, or userSpacePrefix + user ID
	server bool
}

// serverSpace is the server's space when the interaction comes from a server
// that added the bot; ok is false elsewhere (DMs, group DMs, and servers
// where only the member installed briefbot).
func serverSpace(i *discordgo.Interaction) (space, bool) {
	if i.GuildID == "" {
		return space{}, false
	}
	owners := i.AuthorizingIntegrationOwners
	// Interactions without the field predate user installs: a guild install.
	if len(owners) > 0 && owners[discordgo.ApplicationIntegrationGuildInstall] != i.GuildID {
		return space{}, false
	}
	return space{id: i.GuildID, server: true}, true
}

// spaceOf is where an interaction's articles are kept: the server's when it
// added the bot, otherwise the user's own (the installing user's, which for
// commands is who ran them). ok is false if neither is known.
func (b *Bot) spaceOf(i *discordgo.Interaction) (space, bool) {
	if sp, ok := serverSpace(i); ok {
		return sp, true
	}
	user := i.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationUserInstall]
	if user == "" {
		user = userID(i)
	}
	if user == "" {
		return space{}, false
	}
	return space{id: userSpacePrefix + user}, true
}

// installContexts is what GET /applications/@me says about where the app
// can be installed. discordgo v0.29 looks for integration_types_config under
// another name (integration_types), so the bot decodes it itself.
type installContexts struct {
	guild, user bool
}

// readInstallContexts asks Discord where the application may be installed.
// The command registration must match: a command offered to user installs
// is refused unless the app supports them (Developer Portal > Installation).
func readInstallContexts(ctx context.Context, s *discordgo.Session) (installContexts, error) {
	raw, err := s.RequestWithBucketID("GET", discordgo.EndpointApplication("@me"), nil,
		discordgo.EndpointApplication(""), discordgo.WithContext(ctx))
	if err != nil {
		return installContexts{}, fmt.Errorf("read application: %w", err)
	}
	var app struct {
		Config map[string]json.RawMessage `json:"integration_types_config"`
	}
	if err := json.Unmarshal(raw, &app); err != nil {
		return installContexts{}, fmt.Errorf("read application: %w", err)
	}
	if len(app.Config) == 0 {
		// Apps that never chose are guild-installable only.
		return installContexts{guild: true}, nil
	}
	_, guild := app.Config[strconv.Itoa(int(discordgo.ApplicationIntegrationGuildInstall))]
	_, user := app.Config[strconv.Itoa(int(discordgo.ApplicationIntegrationUserInstall))]
	return installContexts{guild: guild, user: user}, nil
}

// userInstallOffLine is the one start-up line when user installs are off.
const userInstallOffLine = "user install is off: /brief and \"Brief this article\" work only in servers that added the bot and in its DMs; " +
	"to let members add briefbot to their own account, tick Developer Portal > your app > Installation > Installation Contexts > User Install"

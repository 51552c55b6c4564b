package bot

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/storage"
)

// /digest: setup and off change the server's digest (Manage Server only),
// now previews one for whoever asks, status says when the next is due and
// how the last went. The scheduled digests themselves are bot/schedule's
// work; the bot gives it a Poster (digest_post.go) and tells it about
// settings changes.

const (
	// defaultPreviewHours is /digest now's window when hours is not given.
	defaultPreviewHours = 24
	// maxPreviewHours matches the scheduler's carry-over: a week.
	maxPreviewHours = 7 * 24
	maxClockLength  = 16
	maxZoneLength   = 64
)

const notAllowedToConfigureDigest = "Only members with the Manage Server permission can set up or turn off the digest. " +
	"Anyone can use /digest now and /digest status."

// zonesText lists the time zones offered by the timezone autocomplete:
// Go's time/tzdata can load zones by name but cannot list them.
//
//go:embed zones.txt
var zonesText string

// zoneNames are the listed zones, in file order.
func zoneNames() []string {
	var out []string
	for line := range strings.Lines(zonesText) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// popularZones are offered before anything is typed.
func popularZones() []string {
	return []string{
		"UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Chicago",
		"America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "Asia/Kolkata", "Asia/Tokyo",
		"Australia/Sydney",
	}
}

// resolveZone turns what a member typed into an IANA name the scheduler
// loads: a listed zone in any case or with spaces, or any other name Go
// knows ("US/Eastern"). "" stays "" (keep the current zone).
func resolveZone(typed string) (string, error) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return "", nil
	}
	want := strings.ReplaceAll(typed, " ", "_")
	for _, z := range zoneNames() {
		if strings.EqualFold(z, want) {
			return z, nil
		}
	}
	if _, err := schedule.LoadZone(want); err != nil {
		return "", err
	}
	return want, nil
}

// completeDigest answers autocomplete for /digest setup timezone:.
func (b *Bot) completeDigest(_ context.Context, _ *discordgo.Session, _ *discordgo.Interaction, focused *discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandOptionChoice {
	if focused.Name != "timezone" {
		return nil
	}
	typed, _ := focused.Value.(string)
	return completeZone(typed)
}

// digestCommand is the /digest registration. DefaultMemberPermissions is
// left unset on purpose: it applies to the whole command, and now and
// status are for every member; setup and off check Manage Server in code.
// Server admins can still narrow the command in Server Settings >
// Integrations.
func digestCommand() *discordgo.ApplicationCommand {
	noDM := false
	return &discordgo.ApplicationCommand{
		Name:         "digest",
		Description:  "The daily digest of what was shared here: set it up, turn it off, preview it, check it",
		DMPermission: &noDM,
		Contexts:     guildOnly(),
		Options: []*discordgo.ApplicationCommandOption{
			{
				Type: discordgo.ApplicationCommandOptionSubCommand, Name: "setup",
				Description: "Post a digest every day in a channel, at a time and zone you choose (Manage Server)",
				Options: []*discordgo.ApplicationCommandOption{
					{
						Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "Where to post the digest", Required: true,
						ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews},
					},
					{Type: discordgo.ApplicationCommandOptionString, Name: "time", Description: "Time of day, HH:MM on a 24-hour clock; without it, the bot's default time", MaxLength: maxClockLength},
					{Type: discordgo.ApplicationCommandOptionString, Name: "timezone", Description: "Your time zone, e.g. Europe/London; without it, the current one (UTC at first)", Autocomplete: true, MaxLength: maxZoneLength},
				},
			},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "off", Description: "Stop posting the daily digest (Manage Server)"},
			{
				Type: discordgo.ApplicationCommandOptionSubCommand, Name: "now",
				Description: "A digest of what was shared lately, only for you; the daily one is not affected",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionInteger, Name: "hours", Description: "How many hours back to look (default 24)", MinValue: floatPtr(1), MaxValue: maxPreviewHours},
					{Type: discordgo.ApplicationCommandOptionBoolean, Name: "public", Description: "Post it for everyone in this channel instead of only you"},
				},
			},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "status", Description: "When the next digest is due, and how the last one went"},
		},
	}
}

// subcommand returns the chosen subcommand and its options.
func subcommand(opts options) (string, options) {
	for name, o := range opts {
		if o.Type == discordgo.ApplicationCommandOptionSubCommand {
			return name, optionsOf(o.Options)
		}
	}
	return "", nil
}

// bool is a boolean option; false when absent.
func (o options) bool(name string) bool {
	opt := o[name]
	if opt == nil {
		return false
	}
	v, _ := opt.Value.(bool)
	return v
}

// cmdDigest serves /digest.
func (b *Bot) cmdDigest(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, opts options) {
	sub, o := subcommand(opts)
	switch sub {
	case "setup":
		b.digestSetup(ctx, s, i, o)
	case "off":
		b.digestOff(ctx, s, i)
	case "now":
		b.digestNow(ctx, s, i, o)
	case "status":
		b.digestStatus(ctx, s, i)
	default:
		b.failNow(ctx, s, i, "Use /digest setup, /digest off, /digest now or /digest status.")
	}
}

// digestSetup serves /digest setup: it checks the member and the options
// before anything is saved, then saves the settings and reschedules.
func (b *Bot) digestSetup(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, o options) {
	log := b.log.With("guild", i.GuildID, "user", userID(i))
	if !canManageServer(i.Member) {
		log.Info("digest setup refused: no Manage Server permission")
		b.failNow(ctx, s, i, notAllowedToConfigureDigest)
		return
	}
	channel := o.str("channel")
	if !isSnowflake(channel) || !channelInGuild(i, channel) {
		b.failNow(ctx, s, i, "Pick the channel to post the digest in from the list.")
		return
	}
	spec := ""
	if clock := o.str("time"); clock != "" {
		var err error
		if spec, err = schedule.SpecFromClock(clock); err != nil {
			b.failNow(ctx, s, i, fmt.Sprintf("I can't read the time “%s”: use HH:MM on a 24-hour clock, such as 08:30 or 20:00.", md(embeds.Truncate(clock, maxClockLength))))
			return
		}
	}
	zone, err := resolveZone(o.str("timezone"))
	if err != nil {
		b.failNow(ctx, s, i, fmt.Sprintf("I don't know the time zone “%s”: pick one from the suggestions as you type, such as Europe/London or America/New_York.", md(embeds.Truncate(o.str("timezone"), maxZoneLength))))
		return
	}
	answer, ok := deferPrivate(ctx, s, i, log, "/digest setup")
	if !ok {
		return
	}
	srv, err := b.serverSettings(ctx, i.GuildID)
	if err != nil {
		log.Error("read server settings", "err", err)
		answer(userMessage(err))
		return
	}
	srv.DigestChannel, srv.DigestSchedule, srv.DigestEnabled = channel, spec, true
	if zone != "" {
		srv.TimeZone = zone
	}
	if err := schedule.CheckSettings(srv.DigestSchedule, srv.TimeZone); err != nil {
		// Only a zone saved earlier can get here: the typed one was checked.
		answer(fmt.Sprintf("The time zone saved for this server (“%s”) is no longer known: run /digest setup again with the timezone option.", md(srv.TimeZone)))
		return
	}
	if srv, err = b.saveSettings(ctx, srv); err != nil {
		log.Error("save digest settings", "err", err)
		answer(userMessage(err))
		return
	}
	if err := b.digests.Update(ctx, srv); err != nil {
		log.Error("schedule digest", "err", err)
		answer("I saved the settings but couldn't schedule the digest: try /digest setup again, and tell the bot's operator if it keeps failing.")
		return
	}
	log.Info("digest set up", "channel", channel, "schedule", spec, "zone", srv.TimeZone)
	st, err := b.digests.Status(ctx, i.GuildID, srv.UpdatedAt)
	if err != nil {
		log.Error("read digest status", "err", err)
		answer("The digest is on: it will be posted in <#" + channel + ">.")
		return
	}
	answer("The digest is on: " + scheduleLine(st))
}

// channelInGuild reports whether the channel Discord resolved for the
// interaction belongs to the server it came from; a digest must never be
// posted into another server. With no resolved data there is nothing to
// contradict the ID, which Discord only offers from this server.
func channelInGuild(i *discordgo.Interaction, channelID string) bool {
	if i.Type != discordgo.InteractionApplicationCommand {
		return false
	}
	data := i.ApplicationCommandData()
	if data.Resolved == nil || data.Resolved.Channels[channelID] == nil {
		return true
	}
	g := data.Resolved.Channels[channelID].GuildID
	return g == "" || g == i.GuildID
}

// digestOff serves /digest off.
func (b *Bot) digestOff(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) {
	log := b.log.With("guild", i.GuildID, "user", userID(i))
	if !canManageServer(i.Member) {
		log.Info("digest off refused: no Manage Server permission")
		b.failNow(ctx, s, i, notAllowedToConfigureDigest)
		return
	}
	answer, ok := deferPrivate(ctx, s, i, log, "/digest off")
	if !ok {
		return
	}
	srv, err := b.serverSettings(ctx, i.GuildID)
	switch {
	case err != nil:
		log.Error("read server settings", "err", err)
		answer(userMessage(err))
		return
	case !srv.DigestEnabled:
		b.digests.Remove(i.GuildID)
		answer("The digest is already off. /digest setup turns it on.")
		return
	}
	srv.DigestEnabled = false
	if srv, err = b.saveSettings(ctx, srv); err != nil {
		log.Error("save digest settings", "err", err)
		answer(userMessage(err))
		return
	}
	if err := b.digests.Update(ctx, srv); err != nil {
		log.Error("unschedule digest", "err", err) // Update removes an entry without error; kept for safety
	}
	log.Info("digest turned off")
	answer("The digest is off: nothing more will be posted in <#" + srv.DigestChannel + ">. /digest setup turns it on again, and /digest now still works.")
}

// digestNow serves /digest now: a preview of the last hours, claimed and
// recorded nowhere, so the daily digest is unaffected.
func (b *Bot) digestNow(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, o options) {
	log := b.log.With("guild", i.GuildID, "user", userID(i))
	hours := o.int("hours")
	if hours <= 0 {
		hours = defaultPreviewHours
	}
	hours = min(hours, maxPreviewHours)
	public := o.bool("public")
	if err := deferPrivately(ctx, s, i); err != nil {
		log.Warn("defer /digest now", "err", err)
		return
	}
	now := b.now()
	d, err := b.digests.Preview(ctx, i.GuildID, now.Add(-time.Duration(hours)*time.Hour), now)
	if err != nil {
		log.Error("preview digest", "err", err)
		b.failAfterDefer(ctx, s, i, userMessage(err))
		return
	}
	if len(d.Stories) == 0 {
		b.failAfterDefer(ctx, s, i, fmt.Sprintf("Nothing was shared here in the last %s.", countText(hours, "hour", "hours")))
		return
	}
	msgs := renderDigest(d, digestLayout{title: "Digest preview", loc: b.serverZone(ctx, i.GuildID),
		summaries: b.storySummaries(ctx, i.GuildID, d), cmds: b.cmds()})
	if public {
		if err := publish(ctx, s, i, "", msgs...); err != nil {
			log.Warn("answer /digest now", "err", err)
			return
		}
	} else {
		if err := editReply(ctx, s, i, msgs[0]); err != nil {
			log.Warn("answer /digest now", "err", err)
			return
		}
		for _, r := range msgs[1:] {
			if err := followUp(ctx, s, i, r, true); err != nil {
				log.Warn("send /digest now follow-up", "err", err)
				return
			}
		}
	}
	log.Info("digest preview", "hours", hours, "stories", len(d.Stories), "messages", len(msgs), "public", public)
}

// serverZone is the server's digest time zone, UTC when it has none.
func (b *Bot) serverZone(ctx context.Context, guildID string) *time.Location {
	srv, err := b.store.Server(ctx, guildID)
	if err != nil {
		if !errors.Is(err, storage.ErrNotFound) {
			b.log.Warn("read server settings", "guild", guildID, "err", err)
		}
		return time.UTC
	}
	loc, err := schedule.LoadZone(srv.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// digestStatus serves /digest status, privately.
func (b *Bot) digestStatus(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) {
	if err := deferReply(ctx, s, i, true); err != nil {
		b.log.Warn("defer /digest status", "guild", i.GuildID, "err", err)
		return
	}
	st, err := b.digests.Status(ctx, i.GuildID, b.now())
	if err != nil {
		b.log.Error("read digest status", "guild", i.GuildID, "err", err)
		b.failAfterDefer(ctx, s, i, userMessage(err))
		return
	}
	if err := editReply(ctx, s, i, renderDigestStatus(st, b.cmds())); err != nil {
		b.log.Warn("answer /digest status", "guild", i.GuildID, "err", err)
	}
}

// renderDigestStatus says whether the digest is on, where and when, when
// the next one is due and how the last one went: what it posted, or why it
// failed and whether it will be tried again. Every time is a Discord
// timestamp, which each member reads in their own zone.
func renderDigestStatus(st schedule.Status, cmds cmdRefs) reply {
	var lines []string
	if st.Enabled {
		lines = append(lines, "The digest is **on**: "+scheduleLine(st))
	} else {
		line := "The digest is **off**."
		if st.ChannelID != "" {
			line += " It was posted in <#" + st.ChannelID + ">."
		}
		lines = append(lines, line, "Members with the Manage Server permission can turn it on with "+cmds.mention("digest setup")+".")
	}
	if st.Problem != "" {
		lines = append(lines, "⚠️ The saved settings can't be used: "+md(st.Problem)+". Run "+cmds.mention("digest setup")+" again.")
	}
	lines = append(lines, "")
	lines = append(lines, lastRunLines(st, cmds)...)
	return reply{embeds: []*discordgo.MessageEmbed{{
		Title:       "Digest status",
		Description: strings.Join(lines, "\n"),
		Color:       digestColor,
	}}}
}

// scheduleLine says where and when the digest is posted, and when next.
func scheduleLine(st schedule.Status) string {
	line := "posted in <#" + st.ChannelID + "> " + describeSpec(st.Spec, st.Next)
	if st.DefaultSpec {
		line += ", the bot's default time"
	}
	if zone := st.Location.String(); zone != "" && zone != "UTC" {
		line += " (set in " + zone + ")"
	}
	line += "."
	if st.Next.IsZero() {
		return line + " No digest is due: the schedule never fires."
	}
	return line + fmt.Sprintf(" The next one is due <t:%d:R>.", st.Next.Unix())
}

// describeSpec reads a daily "M H * * *" spec as a time of day, shown as
// the next run's time of day in each member's zone; anything else is shown
// as the cron spec it is.
func describeSpec(spec string, next time.Time) string {
	f := strings.Fields(spec)
	if len(f) == 5 && f[2] == "*" && f[3] == "*" && f[4] == "*" {
		m, errM := strconv.Atoi(f[0])
		h, errH := strconv.Atoi(f[1])
		if errM == nil && errH == nil && m >= 0 && m < 60 && h >= 0 && h < 24 {
			if next.IsZero() {
				return fmt.Sprintf("every day at %02d:%02d", h, m)
			}
			return fmt.Sprintf("every day at <t:%d:t>", next.Unix())
		}
	}
	return "on the schedule `" + strings.ReplaceAll(spec, "`", "") + "`"
}

// periodWords is a period as its length and its end: "the 24 hours to <t:…:f>".
func periodWords(r *storage.DigestRun) string {
	hours := int(r.PeriodEnd.Sub(r.PeriodStart).Round(time.Hour).Hours())
	what := countText(hours, "hour", "hours")
	switch {
	case hours == 24:
		what = "day"
	case hours%24 == 0 && hours > 0:
		what = countText(hours/24, "day", "days")
	}
	return fmt.Sprintf("the %s to <t:%d:f>", what, r.PeriodEnd.Unix())
}

// lastRunLines describe the latest digest period.
func lastRunLines(st schedule.Status, cmds cmdRefs) []string {
	r := st.Last
	if r == nil {
		return []string{"No digest has been posted yet."}
	}
	switch r.State {
	case storage.StatePosted:
		line := "**Last digest:** " + periodWords(r)
		if r.Late {
			line += ", posted late"
		}
		line += fmt.Sprintf(": %s in %s", countText(len(r.ArticleIDs), "article", "articles"), countText(len(r.MessageIDs), "message", "messages"))
		if len(r.MessageIDs) > 0 && st.ChannelID != "" {
			line += fmt.Sprintf(", [see it](https://discord.com/channels/%s/%s/%s)", st.GuildID, st.ChannelID, r.MessageIDs[0])
		}
		return []string{line + "."}
	case storage.StateEmpty:
		return []string{"**Last period:** " + periodWords(r) + ": nothing was shared, so nothing was posted."}
	case storage.StateClaimed:
		return []string{fmt.Sprintf("**Digest being posted:** %s (attempt %d).", periodWords(r), r.Attempts)}
	}
	lines := []string{fmt.Sprintf("**Last digest failed:** %s, after %s of %d: %s.", periodWords(r),
		countText(r.Attempts, "attempt", "attempts"), st.MaxAttempts, md(failureReason(r.LastError)))}
	switch {
	case st.Blocked:
		lines = append(lines, "I won't try again until the settings change: fix the problem, then run "+cmds.mention("digest setup")+".")
	case !st.RetryAt.IsZero():
		lines = append(lines, fmt.Sprintf("Next try: <t:%d:R>.", st.RetryAt.Unix()))
	case r.Attempts >= st.MaxAttempts:
		lines = append(lines, "No tries are left for it: its articles will be in the next digest.")
	}
	return lines
}

// failureReason is a recorded failure without the scheduler's prefixes.
func failureReason(s string) string {
	for _, p := range []string{"permanent: ", "post digest: ", "build digest: "} {
		s = strings.TrimPrefix(s, p)
	}
	return embeds.Truncate(oneLine(s), 500)
}

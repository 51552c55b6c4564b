package bot

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // every listed zone must load from the binary alone

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/storage"
)

func TestZoneListLoads(t *testing.T) {
	names := zoneNames()
	if len(names) < 400 {
		t.Fatalf("%d zones listed, want the ~420 canonical ones", len(names))
	}
	seen := map[string]bool{}
	for _, z := range names {
		if seen[z] {
			t.Errorf("%s listed twice", z)
		}
		seen[z] = true
		if _, err := schedule.LoadZone(z); err != nil {
			t.Errorf("listed zone %s does not load: %v", z, err)
		}
	}
	for _, z := range append(popularZones(), "Europe/Kyiv", "America/Argentina/Buenos_Aires", "Pacific/Chatham") {
		if !seen[z] {
			t.Errorf("%s is not listed", z)
		}
	}
}

func TestCompleteZone(t *testing.T) {
	tests := []struct {
		typed     string
		first     string
		n         int // 0: any number up to 25
		allInside bool
	}{
		{"", "UTC", len(popularZones()), false},
		{"london", "Europe/London", 1, true},
		{"LONDON", "Europe/London", 1, true},
		{"new york", "America/New_York", 0, true},
		{"new_york", "America/New_York", 0, true},
		{"berl", "Europe/Berlin", 1, true},
		{"europe/", "", embeds.MaxChoices, true},
		{"paris", "Europe/Paris", 1, true},
		{"ind", "America/Indiana/Indianapolis", 0, true}, // city prefix before other matches
		{"zzzz", "", -1, false},
	}
	for _, tc := range tests {
		got := completeZone(tc.typed)
		switch {
		case tc.n == -1 && len(got) != 0:
			t.Errorf("%q: %d choices, want none", tc.typed, len(got))
		case tc.n > 0 && len(got) != tc.n:
			t.Errorf("%q: %d choices, want %d", tc.typed, len(got), tc.n)
		case len(got) > embeds.MaxChoices:
			t.Errorf("%q: %d choices, over Discord's 25", tc.typed, len(got))
		}
		if tc.first != "" && (len(got) == 0 || got[0].Value != tc.first) {
			t.Errorf("%q: first choice %+v, want %s", tc.typed, got, tc.first)
		}
		q := strings.ToLower(strings.ReplaceAll(tc.typed, " ", "_"))
		for _, c := range got {
			v, _ := c.Value.(string)
			if tc.allInside && !strings.Contains(strings.ToLower(v), q) {
				t.Errorf("%q: offered %s, which does not contain it", tc.typed, v)
			}
			if len(c.Name) > embeds.MaxChoiceName || len(v) > embeds.MaxChoiceValue {
				t.Errorf("choice %+v over the limits", c)
			}
		}
	}
}

func TestResolveZone(t *testing.T) {
	tests := []struct{ typed, want, err string }{
		{"", "", ""},
		{"Europe/London", "Europe/London", ""},
		{"europe/london", "Europe/London", ""},
		{" America/New York ", "America/New_York", ""},
		{"UTC", "UTC", ""},
		{"US/Eastern", "US/Eastern", ""}, // an alias Go knows, not listed
		{"Mars/Olympus_Mons", "", "IANA"},
		{"Local", "", "IANA"},
		{"../../etc/passwd", "", "IANA"},
	}
	for _, tc := range tests {
		got, err := resolveZone(tc.typed)
		if got != tc.want || (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("resolveZone(%q) = %q, %v; want %q, error with %q", tc.typed, got, err, tc.want, tc.err)
		}
	}
}

func TestDescribeSpec(t *testing.T) {
	next := time.Date(2026, 2, 15, 8, 0, 0, 0, time.UTC)
	stamp := fmt.Sprintf("every day at <t:%d:t>", next.Unix())
	for spec, want := range map[string]string{
		"0 8 * * *":    stamp,
		"30 7 * * *":   stamp,
		"5 20 * * *":   stamp,
		"0 8 * * 1":    "on the schedule `0 8 * * 1`",
		"*/30 * * * *": "on the schedule `*/30 * * * *`",
		"@daily":       "on the schedule `@daily`",
	} {
		if got := describeSpec(spec, next); got != want {
			t.Errorf("describeSpec(%q) = %q, want %q", spec, got, want)
		}
	}
}

func TestRenderDigestStatus(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	next := time.Date(2026, 7, 15, 7, 30, 0, 0, london)
	base := schedule.Status{GuildID: "1100000000000000100", Enabled: true, ChannelID: "1100000000000000250", Spec: "30 7 * * *",
		Location: london, Scheduled: true, Next: next, MaxAttempts: 4}
	start := time.Date(2026, 7, 13, 7, 30, 0, 0, london)
	run := storage.DigestRun{PeriodStart: start, PeriodEnd: start.Add(24 * time.Hour), Attempts: 1}

	posted := run
	posted.State, posted.PostedAt, posted.Late = storage.StatePosted, run.PeriodEnd.Add(time.Hour), true
	posted.MessageIDs, posted.ArticleIDs = []string{"1200", "1201"}, []int64{4, 5, 6}
	failed := run
	failed.State, failed.Attempts = storage.StateFailed, 2
	failed.LastError = "post digest: send digest message: HTTP 502 Bad Gateway"
	blocked := failed
	blocked.LastError = "permanent: post digest: I'm not allowed to post in <#1100000000000000250> (Discord error 50013): give me Send Messages"
	spent := failed
	spent.Attempts = 4
	empty := run
	empty.State = storage.StateEmpty

	with := func(f func(*schedule.Status)) schedule.Status {
		st := base
		f(&st)
		return st
	}
	tests := []struct {
		name string
		st   schedule.Status
		want []string
	}{
		{"never run", base, []string{
			fmt.Sprintf("The digest is **on**: posted in <#1100000000000000250> every day at <t:%d:t> (set in Europe/London). The next one is due <t:%d:R>.", next.Unix(), next.Unix()),
			"No digest has been posted yet.",
		}},
		{"posted", with(func(s *schedule.Status) { s.Last = &posted }), []string{
			fmt.Sprintf("**Last digest:** the day to <t:%d:f>, posted late: 3 articles in 2 messages, [see it](https://discord.com/channels/1100000000000000100/1100000000000000250/1200).", posted.PeriodEnd.Unix()),
		}},
		{"failed, retry due", with(func(s *schedule.Status) { s.Last, s.RetryAt = &failed, next.Add(-time.Hour) }), []string{
			fmt.Sprintf("**Last digest failed:** the day to <t:%d:f>, after 2 attempts of 4: send digest message: HTTP 502 Bad Gateway.", failed.PeriodEnd.Unix()),
			fmt.Sprintf("Next try: <t:%d:R>.", next.Add(-time.Hour).Unix()),
		}},
		{"failed for good", with(func(s *schedule.Status) { s.Last, s.Blocked = &blocked, true }), []string{
			"after 2 attempts of 4: I'm not allowed to post in <#1100000000000000250> (Discord error 50013)",
			"I won't try again until the settings change",
		}},
		{"attempts spent", with(func(s *schedule.Status) { s.Last = &spent }), []string{"No tries are left for it: its articles will be in the next digest."}},
		{"empty", with(func(s *schedule.Status) { s.Last = &empty }), []string{"nothing was shared, so nothing was posted"}},
		{"off", with(func(s *schedule.Status) { s.Enabled, s.Next = false, time.Time{} }), []string{
			"The digest is **off**. It was posted in <#1100000000000000250>.", "/digest setup",
		}},
		{"default time", with(func(s *schedule.Status) { s.Spec, s.DefaultSpec = "0 8 * * *", true }), []string{", the bot's default time (set in Europe/London)."}},
		{"bad zone", with(func(s *schedule.Status) { s.Problem = "load time zone \"Nowhere\": use an IANA name" }), []string{"can't be used"}},
	}
	for _, tc := range tests {
		r := renderDigestStatus(tc.st, nil)
		if err := embeds.Check(r.content, r.embeds); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		desc := r.embeds[0].Description
		for _, w := range tc.want {
			if !strings.Contains(desc, w) {
				t.Errorf("%s: status\n%s\nlacks %q", tc.name, desc, w)
			}
		}
	}
}

func restError(status, code int) error {
	return &discordgo.RESTError{
		Response: &http.Response{StatusCode: status, Status: http.StatusText(status)},
		Message:  &discordgo.APIErrorMessage{Code: code, Message: "refused"},
	}
}

func TestPostErrorPermanence(t *testing.T) {
	tests := []struct {
		err       error
		permanent bool
		says      string
	}{
		{restError(http.StatusNotFound, discordgo.ErrCodeUnknownChannel), true, "no longer exists (Discord error 10003)"},
		{restError(http.StatusForbidden, discordgo.ErrCodeMissingAccess), true, "can't see the digest channel <#42> (Discord error 50001)"},
		{restError(http.StatusForbidden, discordgo.ErrCodeMissingPermissions), true, "not allowed to post in <#42> (Discord error 50013)"},
		{fmt.Errorf("send digest message: %w", restError(http.StatusForbidden, discordgo.ErrCodeMissingPermissions)), true, "Discord error 50013"},
		{restError(http.StatusBadGateway, 0), false, ""},
		{restError(http.StatusBadRequest, 50035), false, ""},
		{errNotConnected, false, ""},
	}
	for _, tc := range tests {
		err := postError(tc.err, "42")
		if schedule.IsPermanent(err) != tc.permanent {
			t.Errorf("postError(%v): permanent %v, want %v", tc.err, schedule.IsPermanent(err), tc.permanent)
		}
		if !strings.Contains(err.Error(), tc.says) {
			t.Errorf("postError(%v) = %q, want it to say %q", tc.err, err, tc.says)
		}
		var rest *discordgo.RESTError
		if errors.As(tc.err, &rest) && !errors.As(err, &rest) {
			t.Errorf("postError(%v) hid the Discord error", tc.err)
		}
	}
}

func TestDigestCommandRegistration(t *testing.T) {
	c := digestCommand()
	if c.DefaultMemberPermissions != nil {
		t.Error("/digest must stay visible to every member: now and status are for everyone")
	}
	subs := map[string]*discordgo.ApplicationCommandOption{}
	for _, o := range c.Options {
		subs[o.Name] = o
	}
	for _, name := range []string{"setup", "off", "now", "status"} {
		if subs[name] == nil || subs[name].Type != discordgo.ApplicationCommandOptionSubCommand {
			t.Errorf("no subcommand %s", name)
		}
	}
	setup := subs["setup"].Options
	if setup[0].Name != "channel" || !setup[0].Required || setup[0].Type != discordgo.ApplicationCommandOptionChannel || setup[1].Required || !setup[2].Autocomplete {
		t.Errorf("setup options %+v, want a required channel, an optional time, an autocompleted timezone", setup)
	}
}

func TestChannelInGuild(t *testing.T) {
	in := func(resolved *discordgo.ApplicationCommandInteractionDataResolved) *discordgo.Interaction {
		return &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, GuildID: "100",
			Data: discordgo.ApplicationCommandInteractionData{Name: "digest", Resolved: resolved}}
	}
	chans := func(guild string) *discordgo.ApplicationCommandInteractionDataResolved {
		return &discordgo.ApplicationCommandInteractionDataResolved{Channels: map[string]*discordgo.Channel{"7": {ID: "7", GuildID: guild}}}
	}
	for _, tc := range []struct {
		name string
		i    *discordgo.Interaction
		want bool
	}{
		{"no resolved data", in(nil), true},
		{"this server", in(chans("100")), true},
		{"another server", in(chans("200")), false},
		{"not a command", &discordgo.Interaction{Type: discordgo.InteractionMessageComponent}, false},
	} {
		if got := channelInGuild(tc.i, "7"); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

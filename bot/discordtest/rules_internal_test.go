package discordtest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestCheckEmbeds(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	fields := func(n int) []*discordgo.MessageEmbedField {
		out := make([]*discordgo.MessageEmbedField, n)
		for i := range out {
			out[i] = &discordgo.MessageEmbedField{Name: "n", Value: "v"}
		}
		return out
	}
	many := func(n int) []*discordgo.MessageEmbed {
		out := make([]*discordgo.MessageEmbed, n)
		for i := range out {
			out[i] = &discordgo.MessageEmbed{Title: "t"}
		}
		return out
	}
	tests := []struct {
		name   string
		embeds []*discordgo.MessageEmbed
		want   string // substring of the one problem; "" means no problem
	}{
		{"all limits met", []*discordgo.MessageEmbed{{
			Title: long(256), Description: long(4096), Fields: []*discordgo.MessageEmbedField{{Name: long(256), Value: long(1024)}},
			Footer: &discordgo.MessageEmbedFooter{Text: long(100)}, Author: &discordgo.MessageEmbedAuthor{Name: long(256)},
			URL: "https://news.example/a", Color: 0xFFFFFF,
		}}, ""},
		{"title", []*discordgo.MessageEmbed{{Title: long(257)}}, "title is 257"},
		{"description", []*discordgo.MessageEmbed{{Description: long(4097)}}, "description is 4097"},
		{"25 fields", []*discordgo.MessageEmbed{{Fields: fields(25)}}, ""},
		{"26 fields", []*discordgo.MessageEmbed{{Fields: fields(26)}}, "26 fields"},
		{"field name", []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: long(257), Value: "v"}}}}, "field 0 name is 257"},
		{"field value", []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: long(1025)}}}}, "field 0 value is 1025"},
		{"empty field value", []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "n"}}}}, "empty name or value"},
		{"footer", []*discordgo.MessageEmbed{{Footer: &discordgo.MessageEmbedFooter{Text: long(2049)}}}, "footer text is 2049"},
		{"author", []*discordgo.MessageEmbed{{Author: &discordgo.MessageEmbedAuthor{Name: long(257)}}}, "author name is 257"},
		{"total across embeds", []*discordgo.MessageEmbed{{Description: long(3001)}, {Description: long(3000)}}, "6001 characters in all"},
		{"total at the limit", []*discordgo.MessageEmbed{{Description: long(3000)}, {Description: long(3000)}}, ""},
		{"10 embeds", many(10), ""},
		{"11 embeds", many(11), "11 embeds"},
		{"characters not bytes", []*discordgo.MessageEmbed{{Title: strings.Repeat("ü", 256)}}, ""},
		{"bad url", []*discordgo.MessageEmbed{{URL: "news.example/a"}}, "not a well-formed"},
		{"attachment image", []*discordgo.MessageEmbed{{Image: &discordgo.MessageEmbedImage{URL: "attachment://chart.png"}}}, ""},
		{"color", []*discordgo.MessageEmbed{{Color: 0x1000000}}, "24-bit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkEmbeds(tt.embeds)
			if tt.want == "" {
				if len(got) != 0 {
					t.Fatalf("problems %+v, want none", got)
				}
				return
			}
			if len(got) != 1 || !strings.Contains(got[0].detail, tt.want) || got[0].rule != RuleEmbedLimits || !got[0].reject {
				t.Fatalf("problems %+v, want one rejecting %s problem mentioning %q", got, RuleEmbedLimits, tt.want)
			}
		})
	}
}

func TestCheckAllowedMentions(t *testing.T) {
	tests := []struct {
		name string
		raw  string // the allowed_mentions value; "" means the key is absent
		ok   bool
	}{
		{"absent", "", false},
		{"null", "null", false},
		{"discordgo zero value", `{"parse":null,"replied_user":false}`, true},
		{"empty parse", `{"parse":[]}`, true},
		{"parse everyone", `{"parse":["everyone"]}`, false},
		{"parse users", `{"parse":["users"]}`, false},
		{"listed users", `{"parse":[],"users":["1"]}`, false},
		{"listed roles", `{"parse":[],"roles":["1"]}`, false},
		{"replied user", `{"parse":[],"replied_user":true}`, false},
		{"not an object", `"none"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := checkAllowedMentions(json.RawMessage(tt.raw))
			if (p == nil) != tt.ok {
				t.Fatalf("checkAllowedMentions(%s) = %+v, want ok=%v", tt.raw, p, tt.ok)
			}
			if p != nil && (p.rule != RuleAllowedMentions || p.reject) {
				t.Fatalf("problem %+v, want a non-rejecting %s", p, RuleAllowedMentions)
			}
		})
	}
}

func TestValidateCommands(t *testing.T) {
	opt := func(name string, required bool) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: "d", Required: required}
	}
	tests := []struct {
		name string
		cmds []*discordgo.ApplicationCommand
		want string
	}{
		{"valid", []*discordgo.ApplicationCommand{
			{Name: "brief", Description: "Brief a link", Options: []*discordgo.ApplicationCommandOption{opt("url", true), opt("lang", false)}},
			{Name: "digest-time", Description: "Set the hour"},
			{Name: "Summarise Message", Type: discordgo.MessageApplicationCommand},
		}, ""},
		{"upper case", []*discordgo.ApplicationCommand{{Name: "Brief", Description: "d"}}, "lower case"},
		{"space", []*discordgo.ApplicationCommand{{Name: "my brief", Description: "d"}}, "1-32 letters"},
		{"long name", []*discordgo.ApplicationCommand{{Name: strings.Repeat("b", 33), Description: "d"}}, "1-32 letters"},
		{"no description", []*discordgo.ApplicationCommand{{Name: "brief"}}, "description must be 1-100"},
		{"long description", []*discordgo.ApplicationCommand{{Name: "brief", Description: strings.Repeat("d", 101)}}, "description must be 1-100"},
		{"duplicate", []*discordgo.ApplicationCommand{{Name: "brief", Description: "d"}, {Name: "brief", Description: "d"}}, "twice"},
		{"required after optional", []*discordgo.ApplicationCommand{{Name: "brief", Description: "d",
			Options: []*discordgo.ApplicationCommandOption{opt("lang", false), opt("url", true)}}}, "follows an optional"},
		{"context menu with description", []*discordgo.ApplicationCommand{{Name: "Summarise", Description: "d", Type: discordgo.MessageApplicationCommand}}, "no description"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := validateCommands(tt.cmds)
			if tt.want == "" {
				if len(got) != 0 {
					t.Fatalf("problems %q, want none", got)
				}
				return
			}
			if len(got) != 1 || !strings.Contains(got[0], tt.want) {
				t.Fatalf("problems %q, want one mentioning %q", got, tt.want)
			}
		})
	}
}

func TestValidEmoji(t *testing.T) {
	for e, want := range map[string]bool{
		"✅": true, "👀": true, "#⃣": true, "briefbot:123456789012345678": true,
		"": false, ":white_check_mark:": false, "white_check_mark": false, "name:abc": false,
	} {
		if got := validEmoji(e); got != want {
			t.Errorf("validEmoji(%q) = %v, want %v", e, got, want)
		}
	}
}

func TestRateLimitPatterns(t *testing.T) {
	tests := []struct {
		method, pattern, reqMethod, path string
		want                             bool
	}{
		{"POST", "/channels/{id}/messages", "POST", "/channels/1/messages", true},
		{"POST", "/channels/{id}/messages", "PATCH", "/channels/1/messages", false},
		{"", "/channels/*/messages", "PATCH", "/channels/1/messages", true},
		{"POST", "/api/v9/interactions/*/*/callback", "POST", "/interactions/1/tok/callback", true},
		{"POST", "/channels/{id}/messages", "POST", "/channels/1/messages/2", false},
		{"POST", "/channels/2/messages", "POST", "/channels/1/messages", false},
	}
	for _, tt := range tests {
		rl := rateLimitRule{method: strings.ToUpper(tt.method), pattern: splitPath(strings.TrimPrefix(tt.pattern, apiPrefix))}
		if got := rl.matches(tt.reqMethod, tt.path); got != tt.want {
			t.Errorf("%s %s matches %s %s = %v, want %v", tt.method, tt.pattern, tt.reqMethod, tt.path, got, tt.want)
		}
	}
}

// FuzzCheckMessage: whatever the bot sends, reading and checking it never panics, and a body the
// checks accept decodes to a message within the content limit.
func FuzzCheckMessage(f *testing.F) {
	f.Add([]byte(`{"content":"hi","allowed_mentions":{"parse":[]}}`))
	f.Add([]byte(`{"embeds":[{"title":"t","fields":[{"name":"n","value":"v"}]}]}`))
	f.Add([]byte(`{"components":[{"type":1,"components":[{"type":2,"label":"x","custom_id":"y"}]}]}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"embeds":[null],"allowed_mentions":null}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		fields, m, err := decodeMessageBody(raw)
		if err != nil {
			return
		}
		problems := checkMessage(fields, m)
		rejected := false
		for _, p := range problems {
			rejected = rejected || p.reject
		}
		if !rejected && runes(m.Content) > MaxContentLength {
			t.Fatalf("content of %d characters accepted", runes(m.Content))
		}
		_ = emptyMessage(m)
	})
}

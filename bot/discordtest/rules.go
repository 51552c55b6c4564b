package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Rule names a Discord rule the bot broke. Every violation is reported to the test with Errorf and
// kept in Violations.
type Rule string

// The rules the fake enforces. Where Discord rejects the call, the fake answers with Discord's
// error too, so the bot's error path runs as it would in production.
const (
	// RuleAckDeadline: the first callback came more than AckDeadline after dispatch. Discord
	// answers 404 Unknown interaction and the user sees "The application did not respond".
	RuleAckDeadline Rule = "interaction-ack-deadline"
	// RuleAckedTwice: a second callback for one interaction (400, code 40060).
	RuleAckedTwice Rule = "interaction-acked-twice"
	// RuleNotAcknowledged: @original or a follow-up was used before any callback (404).
	RuleNotAcknowledged Rule = "interaction-not-acknowledged"
	// RuleUnknownInteraction: a callback or webhook call for an interaction the fake never
	// dispatched, or with the wrong token or application ID (404).
	RuleUnknownInteraction Rule = "unknown-interaction"
	// RuleTokenExpired: the interaction token was used more than TokenLifetime after dispatch (401).
	RuleTokenExpired Rule = "interaction-token-expired"
	// RuleContentLength: message content over MaxContentLength characters (400).
	RuleContentLength Rule = "content-too-long"
	// RuleEmbedLimits: an embed over one of Discord's limits, more than MaxEmbeds embeds, or an
	// empty field name or value (400).
	RuleEmbedLimits Rule = "embed-limits"
	// RuleEmptyMessage: a message with no content, embed, component or file (400, code 50006).
	RuleEmptyMessage Rule = "empty-message"
	// RuleAllowedMentions: a message, edit or follow-up without an allowed_mentions object whose
	// parse list is empty (and with no users, roles or replied_user), so it could ping someone.
	// Discord accepts such a message; the fake accepts it too but fails the test.
	RuleAllowedMentions Rule = "allowed-mentions"
	// RuleInvalidCommand: a command registration Discord would refuse (400).
	RuleInvalidCommand Rule = "invalid-command"
	// RuleUnregisteredCommand: a test dispatched a command the bot has not registered, which real
	// Discord could never send.
	RuleUnregisteredCommand Rule = "unregistered-command"
	// RuleAuthorization: a REST call without "Authorization: Bot <token>" or with the wrong token (401).
	RuleAuthorization Rule = "authorization"
	// RuleInvalidRequest: any other request Discord would refuse: malformed JSON, unknown channel,
	// message or emoji, editing another user's message, a bad thread (4xx).
	RuleInvalidRequest Rule = "invalid-request"
	// RuleUnsupportedEndpoint: the bot called an endpoint this fake does not implement. Extend the
	// fake rather than let the bot talk to a route nobody checked.
	RuleUnsupportedEndpoint Rule = "unsupported-endpoint"
)

// Discord's message limits, counted in Unicode code points.
const (
	MaxContentLength    = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxEmbedFieldName   = 256
	MaxEmbedFieldValue  = 1024
	MaxEmbedFooter      = 2048
	MaxEmbedAuthorName  = 256
	MaxEmbedTotal       = 6000 // title, description, field names and values, footer and author, across all embeds
)

// problem is one broken rule found in a payload. reject says whether Discord refuses the call.
type problem struct {
	rule   Rule
	detail string
	reject bool
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// decodeMessageBody reads a message-bearing JSON object (message create or edit, follow-up,
// callback data): the set of fields present, for edits and allowed_mentions, and the message.
func decodeMessageBody(raw []byte) (map[string]json.RawMessage, *discordgo.Message, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, nil, fmt.Errorf("decode message body: %w", err)
	}
	if fields == nil {
		return nil, nil, fmt.Errorf("decode message body: want a JSON object, got null")
	}
	var m discordgo.Message
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, nil, fmt.Errorf("decode message body: %w", err)
	}
	return fields, &m, nil
}

// checkMessage applies the content, embed and mention rules to a decoded message body.
func checkMessage(fields map[string]json.RawMessage, m *discordgo.Message) []problem {
	var out []problem
	if n := runes(m.Content); n > MaxContentLength {
		out = append(out, problem{RuleContentLength, fmt.Sprintf("content is %d characters (limit %d)", n, MaxContentLength), true})
	}
	if _, ok := fields["embeds"]; ok {
		out = append(out, checkEmbeds(m.Embeds)...)
	}
	if p := checkAllowedMentions(fields["allowed_mentions"]); p != nil {
		out = append(out, *p)
	}
	return out
}

// checkAllowedMentions demands an allowed_mentions object that lets nothing ping. discordgo
// encodes a zero MessageAllowedMentions as {"parse":null,...}; Discord reads a null parse as empty.
func checkAllowedMentions(raw json.RawMessage) *problem {
	bad := func(detail string) *problem {
		return &problem{RuleAllowedMentions, detail + "; set AllowedMentions: &discordgo.MessageAllowedMentions{} so nothing can ping", false}
	}
	if len(raw) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return bad("no allowed_mentions object: @everyone, roles and users in the text would ping")
	}
	var am struct {
		Parse       []string `json:"parse"`
		Users       []string `json:"users"`
		Roles       []string `json:"roles"`
		RepliedUser bool     `json:"replied_user"`
	}
	if err := json.Unmarshal(raw, &am); err != nil {
		return bad("allowed_mentions is not an object of the expected shape")
	}
	switch {
	case len(am.Parse) > 0:
		return bad(fmt.Sprintf("allowed_mentions.parse is %q", am.Parse))
	case len(am.Users) > 0:
		return bad(fmt.Sprintf("allowed_mentions.users lets %d users be pinged", len(am.Users)))
	case len(am.Roles) > 0:
		return bad(fmt.Sprintf("allowed_mentions.roles lets %d roles be pinged", len(am.Roles)))
	case am.RepliedUser:
		return bad("allowed_mentions.replied_user pings the author of the replied-to message")
	}
	return nil
}

// checkEmbeds applies Discord's embed limits.
func checkEmbeds(embeds []*discordgo.MessageEmbed) []problem {
	var out []problem
	add := func(format string, args ...any) {
		out = append(out, problem{RuleEmbedLimits, fmt.Sprintf(format, args...), true})
	}
	if len(embeds) > MaxEmbeds {
		add("%d embeds (limit %d)", len(embeds), MaxEmbeds)
	}
	total := 0
	limit := func(i int, what, s string, max int) {
		n := runes(s)
		total += n
		if n > max {
			add("embed %d: %s is %d characters (limit %d)", i, what, n, max)
		}
	}
	for i, e := range embeds {
		if e == nil {
			add("embed %d is null", i)
			continue
		}
		limit(i, "title", e.Title, MaxEmbedTitle)
		limit(i, "description", e.Description, MaxEmbedDescription)
		if len(e.Fields) > MaxEmbedFields {
			add("embed %d: %d fields (limit %d)", i, len(e.Fields), MaxEmbedFields)
		}
		for j, f := range e.Fields {
			if f == nil {
				add("embed %d: field %d is null", i, j)
				continue
			}
			if f.Name == "" || f.Value == "" {
				add("embed %d: field %d has an empty name or value (Discord needs both)", i, j)
			}
			limit(i, fmt.Sprintf("field %d name", j), f.Name, MaxEmbedFieldName)
			limit(i, fmt.Sprintf("field %d value", j), f.Value, MaxEmbedFieldValue)
		}
		if e.Footer != nil {
			limit(i, "footer text", e.Footer.Text, MaxEmbedFooter)
		}
		if e.Author != nil {
			limit(i, "author name", e.Author.Name, MaxEmbedAuthorName)
			checkURL(i, "author url", e.Author.URL, false, add)
		}
		checkURL(i, "url", e.URL, false, add)
		if e.Image != nil {
			checkURL(i, "image url", e.Image.URL, true, add)
		}
		if e.Thumbnail != nil {
			checkURL(i, "thumbnail url", e.Thumbnail.URL, true, add)
		}
		if e.Color < 0 || e.Color > 0xFFFFFF {
			add("embed %d: color %d is not a 24-bit RGB value", i, e.Color)
		}
	}
	if total > MaxEmbedTotal {
		add("embeds hold %d characters in all (limit %d)", total, MaxEmbedTotal)
	}
	return out
}

// checkURL: Discord refuses embed links that are not well-formed http(s) URLs (and, for images,
// attachment:// references).
func checkURL(i int, what, raw string, media bool, add func(string, ...any)) {
	if raw == "" {
		return
	}
	u, err := url.Parse(raw)
	ok := err == nil && ((u.Scheme == "http" || u.Scheme == "https") && u.Host != "" || media && u.Scheme == "attachment")
	if !ok {
		add("embed %d: %s %q is not a well-formed http(s) URL", i, what, raw)
	}
}

// emptyMessage reports whether Discord would refuse m as having nothing to show.
func emptyMessage(m *discordgo.Message) bool {
	return strings.TrimSpace(m.Content) == "" && len(m.Embeds) == 0 && len(m.Components) == 0 &&
		len(m.Attachments) == 0 && len(m.StickerItems) == 0 && m.Poll == nil
}

// commandName is Discord's pattern for chat command and option names.
var commandName = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// validateCommands applies Discord's registration rules to one bulk overwrite.
func validateCommands(cmds []*discordgo.ApplicationCommand) []string {
	var out []string
	seen := map[string]bool{}
	perType := map[discordgo.ApplicationCommandType]int{}
	for i, c := range cmds {
		if c == nil {
			out = append(out, fmt.Sprintf("command %d is null", i))
			continue
		}
		typ := c.Type
		if typ == 0 {
			typ = discordgo.ChatApplicationCommand
		}
		perType[typ]++
		key := fmt.Sprintf("%d/%s", typ, c.Name)
		if seen[key] {
			out = append(out, fmt.Sprintf("command %q registered twice", c.Name))
		}
		seen[key] = true
		switch typ {
		case discordgo.ChatApplicationCommand:
			out = append(out, checkName("command", c.Name)...)
			out = append(out, checkDescription(fmt.Sprintf("command %q", c.Name), c.Description)...)
			out = append(out, checkOptions(fmt.Sprintf("command %q", c.Name), c.Options, 0)...)
		case discordgo.UserApplicationCommand, discordgo.MessageApplicationCommand:
			if n := runes(c.Name); n < 1 || n > 32 {
				out = append(out, fmt.Sprintf("context-menu command name %q must be 1-32 characters", c.Name))
			}
			if c.Description != "" || len(c.Options) > 0 {
				out = append(out, fmt.Sprintf("context-menu command %q must have no description or options", c.Name))
			}
		default:
			out = append(out, fmt.Sprintf("command %q has unknown type %d", c.Name, typ))
		}
	}
	if perType[discordgo.ChatApplicationCommand] > 100 {
		out = append(out, fmt.Sprintf("%d chat commands (limit 100)", perType[discordgo.ChatApplicationCommand]))
	}
	for _, typ := range []discordgo.ApplicationCommandType{discordgo.UserApplicationCommand, discordgo.MessageApplicationCommand} {
		if perType[typ] > 5 {
			out = append(out, fmt.Sprintf("%d context-menu commands of type %d (limit 5)", perType[typ], typ))
		}
	}
	return out
}

func checkName(what, name string) []string {
	switch {
	case !commandName.MatchString(name):
		return []string{fmt.Sprintf("%s name %q must be 1-32 letters, digits, '-' or '_'", what, name)}
	case strings.ToLower(name) != name:
		return []string{fmt.Sprintf("%s name %q must be lower case", what, name)}
	}
	return nil
}

func checkDescription(what, desc string) []string {
	if n := runes(desc); n < 1 || n > 100 {
		return []string{fmt.Sprintf("%s description must be 1-100 characters, is %d", what, n)}
	}
	return nil
}

func checkOptions(what string, opts []*discordgo.ApplicationCommandOption, depth int) []string {
	var out []string
	if len(opts) > 25 {
		out = append(out, fmt.Sprintf("%s has %d options (limit 25)", what, len(opts)))
	}
	seen := map[string]bool{}
	optional := false
	for i, o := range opts {
		if o == nil {
			out = append(out, fmt.Sprintf("%s option %d is null", what, i))
			continue
		}
		where := fmt.Sprintf("%s option %q", what, o.Name)
		out = append(out, checkName(where, o.Name)...)
		out = append(out, checkDescription(where, o.Description)...)
		if seen[o.Name] {
			out = append(out, where+" appears twice")
		}
		seen[o.Name] = true
		if len(o.Choices) > 25 {
			out = append(out, fmt.Sprintf("%s has %d choices (limit 25)", where, len(o.Choices)))
		}
		switch o.Type {
		case discordgo.ApplicationCommandOptionSubCommand, discordgo.ApplicationCommandOptionSubCommandGroup:
			if depth >= 2 || (o.Type == discordgo.ApplicationCommandOptionSubCommandGroup && depth >= 1) {
				out = append(out, where+" nests subcommands deeper than Discord allows")
			}
			out = append(out, checkOptions(where, o.Options, depth+1)...)
		default:
			if o.Required && optional {
				out = append(out, where+" is required but follows an optional option")
			}
			if !o.Required {
				optional = true
			}
		}
	}
	return out
}

// validEmoji accepts what Discord's reaction endpoint takes: a Unicode emoji or name:id of a custom
// emoji. Names like ":white_check_mark:" are a common mistake and Discord answers Unknown Emoji.
func validEmoji(e string) bool {
	if e == "" {
		return false
	}
	if name, id, ok := strings.Cut(e, ":"); ok {
		return name != "" && id != "" && allDigits(id)
	}
	for _, r := range e {
		if r > 0x7f {
			return true // some non-ASCII rune; Discord's own emoji table is not worth copying here
		}
	}
	return false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Package embeds is the one place where Discord's message limits are
// enforced. Everything the bot posts passes through FitMessage (or Fit for
// a single embed) just before it is sent, so no other code needs to count
// characters, and a limit Discord changes is changed here only.
//
// Lengths are counted in UTF-16 code units, the unit Discord's JavaScript
// clients count in. That count is never smaller than the number of
// characters (runes), so text within these limits is within them however
// Discord counts.
package embeds

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/rivo/uniseg"
)

// Discord's limits on messages, embeds and interaction components.
const (
	MaxContent     = 2000
	MaxEmbeds      = 10
	MaxTitle       = 256
	MaxDescription = 4096
	MaxFields      = 25
	MaxFieldName   = 256
	MaxFieldValue  = 1024
	MaxFooter      = 2048
	MaxAuthor      = 256
	// MaxTotal bounds the title, description, field names and values,
	// footer and author of all embeds of one message together.
	MaxTotal = 6000
	// MaxURL is the longest link kept in an embed; longer ones are dropped
	// because Discord rejects the whole message for one bad URL.
	MaxURL = 2048

	MaxCustomID    = 100
	MaxChoices     = 25
	MaxChoiceName  = 100
	MaxChoiceValue = 100
	MaxButtonLabel = 80
)

// Ellipsis marks text that was trimmed.
const Ellipsis = "…"

// zeroWidthSpace breaks a mention without changing how the text reads.
const zeroWidthSpace = "\u200b"

// Len is the length of s as Discord counts it (UTF-16 code units), after
// invalid UTF-8 is replaced.
func Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func runeLen(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// Cut returns the longest prefix of s, ending on a character (grapheme
// cluster) boundary where possible, whose length is at most max. It adds no
// ellipsis; use it for identifiers such as custom ids.
func Cut(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if max <= 0 {
		return ""
	}
	if Len(s) <= max {
		return s
	}
	return s[:cutIndex(s, max)]
}

// cutIndex is the byte index of the longest prefix of valid UTF-8 s that
// fits in max units: on a grapheme boundary, or on a rune boundary when even
// the first grapheme cluster is too long.
func cutIndex(s string, max int) int {
	used, end := 0, 0
	rest := s
	state := -1
	var cluster string
	for len(rest) > 0 {
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		l := Len(cluster)
		if used+l > max {
			break
		}
		used += l
		end += len(cluster)
	}
	if end > 0 {
		return end
	}
	// A single cluster longer than max (a letter with thousands of
	// combining marks): fall back to whole runes.
	for i, r := range s {
		if used+runeLen(r) > max {
			return i
		}
		used += runeLen(r)
	}
	return len(s)
}

// Truncate shortens s to at most max units. Text that does not fit is cut on
// a word boundary when there is one in the last part of the allowed room,
// otherwise on a character boundary, and ends with an ellipsis. Invalid UTF-8
// is replaced, so the result is always valid.
func Truncate(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if Len(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	if max == 1 {
		return Ellipsis
	}
	budget := max - Len(Ellipsis)
	end := cutIndex(s, budget)
	cut := s[:end]
	// Prefer the last word boundary, unless that would throw away more
	// than a third of the room (one enormous word).
	if !endsAtWordBoundary(s, end) {
		if i := lastSpace(cut); i >= 0 && Len(cut[:i]) >= budget*2/3 {
			cut = cut[:i]
		}
	}
	cut = strings.TrimRightFunc(cut, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—(", r)
	})
	return cut + Ellipsis
}

// endsAtWordBoundary reports whether cutting s at byte index i splits no word.
func endsAtWordBoundary(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

func lastSpace(s string) int {
	return strings.LastIndexFunc(s, unicode.IsSpace)
}

// JoinLines joins lines with newlines, keeping whole lines while they fit in
// max. The first line that does not fit is trimmed into the room left when
// that room is worth using; the lines after it are dropped.
func JoinLines(lines []string, max int) string {
	var b strings.Builder
	used := 0
	for _, line := range lines {
		line = strings.ToValidUTF8(line, "\uFFFD")
		sep := 0
		if b.Len() > 0 {
			sep = 1
		}
		l := Len(line)
		if used+sep+l <= max {
			if sep == 1 {
				b.WriteByte('\n')
			}
			b.WriteString(line)
			used += sep + l
			continue
		}
		room := max - used - sep
		if room >= 40 || b.Len() == 0 {
			if t := Truncate(line, room); t != "" {
				if sep == 1 {
					b.WriteByte('\n')
				}
				b.WriteString(t)
			}
		}
		break
	}
	return b.String()
}

// NoPing breaks @everyone, @here and user, role and member mentions
// (<@id>, <@!id>, <@&id>) with a zero-width space. Messages are also sent
// with no allowed mentions; this keeps quoted text harmless even if one is
// ever sent without them. It is idempotent.
func NoPing(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '@' {
			b.WriteByte(c)
			continue
		}
		rest := s[i+1:]
		switch {
		case hasPrefixFold(rest, "everyone"), hasPrefixFold(rest, "here"):
			b.WriteString("@" + zeroWidthSpace)
		case i > 0 && s[i-1] == '<' && startsMentionID(rest):
			b.WriteString("@" + zeroWidthSpace)
		default:
			b.WriteByte('@')
		}
	}
	return b.String()
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// startsMentionID reports whether s (the text after "<@") continues a
// mention: an optional ! or & and then a digit.
func startsMentionID(s string) bool {
	if s != "" && (s[0] == '!' || s[0] == '&') {
		s = s[1:]
	}
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// Fit returns a copy of e, with mentions broken, within every per-embed
// limit. Fields with an empty value are dropped; an empty field name becomes
// a zero-width space, as Discord requires both.
func Fit(e *discordgo.MessageEmbed) *discordgo.MessageEmbed {
	if e == nil {
		return nil
	}
	out := *e
	out.Title = Truncate(NoPing(e.Title), MaxTitle)
	out.Description = Truncate(NoPing(e.Description), MaxDescription)
	out.URL = fitURL(e.URL)
	if e.Footer != nil {
		f := *e.Footer
		f.Text = Truncate(NoPing(f.Text), MaxFooter)
		f.IconURL = fitURL(f.IconURL)
		out.Footer = &f
		if f.Text == "" {
			out.Footer = nil // Discord requires footer text
		}
	}
	if e.Author != nil {
		a := *e.Author
		a.Name = Truncate(NoPing(a.Name), MaxAuthor)
		a.URL = fitURL(a.URL)
		a.IconURL = fitURL(a.IconURL)
		out.Author = &a
		if a.Name == "" {
			out.Author = nil // Discord requires an author name
		}
	}
	out.Fields = nil
	for _, f := range e.Fields {
		if f == nil || len(out.Fields) == MaxFields {
			continue
		}
		value := Truncate(NoPing(strings.TrimSpace(f.Value)), MaxFieldValue)
		if value == "" {
			continue
		}
		name := Truncate(NoPing(strings.TrimSpace(f.Name)), MaxFieldName)
		if name == "" {
			name = zeroWidthSpace
		}
		out.Fields = append(out.Fields, &discordgo.MessageEmbedField{Name: name, Value: value, Inline: f.Inline})
	}
	return &out
}

// fitURL keeps only http(s) links Discord accepts.
func fitURL(u string) string {
	if len(u) > MaxURL || !utf8.ValidString(u) {
		return ""
	}
	lower := strings.ToLower(u)
	if !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") {
		return ""
	}
	return u
}

// Total is the length Discord counts against MaxTotal for one embed.
func Total(e *discordgo.MessageEmbed) int {
	if e == nil {
		return 0
	}
	n := Len(e.Title) + Len(e.Description)
	if e.Footer != nil {
		n += Len(e.Footer.Text)
	}
	if e.Author != nil {
		n += Len(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += Len(f.Name) + Len(f.Value)
	}
	return n
}

// FitMessage returns content and embeds, mentions broken, within every limit
// of one message: content, the number of embeds, each embed, and the total
// across embeds. When the total is over, the last fields go first, then
// descriptions shrink, then whole embeds after the first are dropped.
func FitMessage(content string, embeds []*discordgo.MessageEmbed) (string, []*discordgo.MessageEmbed) {
	content = Truncate(NoPing(content), MaxContent)
	var out []*discordgo.MessageEmbed
	for _, e := range embeds {
		if e != nil && len(out) < MaxEmbeds {
			out = append(out, Fit(e))
		}
	}
	total := 0
	for _, e := range out {
		total += Total(e)
	}
	// Drop fields from the end, newest embed first.
	for i := len(out) - 1; i >= 0 && total > MaxTotal; i-- {
		for len(out[i].Fields) > 0 && total > MaxTotal {
			f := out[i].Fields[len(out[i].Fields)-1]
			total -= Len(f.Name) + Len(f.Value)
			out[i].Fields = out[i].Fields[:len(out[i].Fields)-1]
		}
	}
	// Shrink descriptions, then footers, last embed first.
	for i := len(out) - 1; i >= 0 && total > MaxTotal; i-- {
		total = shrink(&out[i].Description, total)
		if out[i].Footer != nil {
			total = shrink(&out[i].Footer.Text, total)
			if out[i].Footer.Text == "" {
				out[i].Footer = nil
			}
		}
	}
	for len(out) > 1 && total > MaxTotal {
		total -= Total(out[len(out)-1])
		out = out[:len(out)-1]
	}
	if len(out) == 1 && total > MaxTotal {
		// Title and author alone are far below MaxTotal, so this is
		// unreachable with today's limits; keep the guarantee anyway.
		total = shrink(&out[0].Title, total)
		if out[0].Author != nil {
			shrink(&out[0].Author.Name, total)
			if out[0].Author.Name == "" {
				out[0].Author = nil
			}
		}
	}
	return content, out
}

// shrink trims *s by as much as total exceeds MaxTotal and returns the new total.
func shrink(s *string, total int) int {
	over := total - MaxTotal
	if over <= 0 || *s == "" {
		return total
	}
	before := Len(*s)
	keep := before - over
	if keep < 0 {
		keep = 0
	}
	*s = Truncate(*s, keep)
	return total - before + Len(*s)
}

// Check reports the first limit that content and embeds break, or nil. Tests
// use it to assert what FitMessage guarantees.
func Check(content string, embeds []*discordgo.MessageEmbed) error {
	if !utf8.ValidString(content) {
		return fmt.Errorf("content is not valid UTF-8")
	}
	if n := Len(content); n > MaxContent {
		return fmt.Errorf("content is %d long, limit %d", n, MaxContent)
	}
	if len(embeds) > MaxEmbeds {
		return fmt.Errorf("%d embeds, limit %d", len(embeds), MaxEmbeds)
	}
	total := 0
	for i, e := range embeds {
		if err := checkEmbed(e); err != nil {
			return fmt.Errorf("embed %d: %w", i, err)
		}
		total += Total(e)
	}
	if total > MaxTotal {
		return fmt.Errorf("embeds total %d, limit %d", total, MaxTotal)
	}
	return nil
}

func checkEmbed(e *discordgo.MessageEmbed) error {
	if e == nil {
		return fmt.Errorf("nil embed")
	}
	check := func(what, s string, max int) error {
		if !utf8.ValidString(s) {
			return fmt.Errorf("%s is not valid UTF-8", what)
		}
		if n := Len(s); n > max {
			return fmt.Errorf("%s is %d long, limit %d", what, n, max)
		}
		return nil
	}
	if err := check("title", e.Title, MaxTitle); err != nil {
		return err
	}
	if err := check("description", e.Description, MaxDescription); err != nil {
		return err
	}
	if e.Footer != nil {
		if e.Footer.Text == "" {
			return fmt.Errorf("footer without text")
		}
		if err := check("footer", e.Footer.Text, MaxFooter); err != nil {
			return err
		}
	}
	if e.Author != nil {
		if e.Author.Name == "" {
			return fmt.Errorf("author without name")
		}
		if err := check("author", e.Author.Name, MaxAuthor); err != nil {
			return err
		}
	}
	if len(e.Fields) > MaxFields {
		return fmt.Errorf("%d fields, limit %d", len(e.Fields), MaxFields)
	}
	for i, f := range e.Fields {
		if f.Name == "" || f.Value == "" {
			return fmt.Errorf("field %d has an empty name or value", i)
		}
		if err := check(fmt.Sprintf("field %d name", i), f.Name, MaxFieldName); err != nil {
			return err
		}
		if err := check(fmt.Sprintf("field %d value", i), f.Value, MaxFieldValue); err != nil {
			return err
		}
	}
	if len(e.URL) > MaxURL {
		return fmt.Errorf("url is %d long, limit %d", len(e.URL), MaxURL)
	}
	return nil
}

// Choice builds an autocomplete choice whose name and value fit Discord's
// limits. The value is cut, never ellipsised, since it is data.
func Choice(name, value string) *discordgo.ApplicationCommandOptionChoice {
	name = Truncate(strings.TrimSpace(name), MaxChoiceName)
	if name == "" {
		name = Cut(value, MaxChoiceName)
	}
	return &discordgo.ApplicationCommandOptionChoice{Name: name, Value: Cut(value, MaxChoiceValue)}
}

// Label fits a button label.
func Label(s string) string { return Truncate(s, MaxButtonLabel) }

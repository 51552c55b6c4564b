package embeds

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

func TestLen(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"é", 1},
		{"日本", 2},
		{"😀", 2}, // outside the BMP: two UTF-16 units
		{"a😀b", 4},
	}
	for _, tt := range tests {
		if got := Len(tt.in); got != tt.want {
			t.Errorf("Len(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits", "short text", 20, "short text"},
		{"exact", "exactly ten", 11, "exactly ten"},
		{"word boundary", "the council voted to expand the harbour", 20, "the council voted…"},
		{"trailing punctuation dropped", "one, two, three, four", 11, "one, two…"},
		{"no space in room", "abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…"},
		{"cut at boundary keeps word", "alpha beta gamma", 11, "alpha beta…"},
		{"zero", "anything", 0, ""},
		{"one", "anything", 1, "…"},
		{"emoji not split", "ab😀😀😀", 5, "ab😀…"},
		{"flag kept whole", "🇫🇷🇫🇷🇫🇷", 6, "🇫🇷…"},
		{"combining mark kept with letter", "cafe\u0301 cafe\u0301 cafe\u0301", 8, "cafe\u0301…"},
		{"invalid utf8 replaced", "ab\xffcd", 10, "ab\uFFFDcd"},
		{"long word fallback", "a supercalifragilisticexpialidocious word", 20, "a supercalifragilis…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Truncate(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if Len(got) > tt.max {
				t.Errorf("result %q is %d long, over %d", got, Len(got), tt.max)
			}
			if !utf8.ValidString(got) {
				t.Errorf("result %q is not valid UTF-8", got)
			}
		})
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"articles:1:7:harbour", 100, "articles:1:7:harbour"},
		{"abcdef", 3, "abc"},
		{"a😀", 2, "a"},
		{"é\u0301x", 1, "é"}, // a single cluster longer than max falls back to runes
		{"x", 0, ""},
	}
	for _, tt := range tests {
		if got := Cut(tt.in, tt.max); got != tt.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestJoinLines(t *testing.T) {
	lines := []string{"first line", "second line", "third line that is rather long and will not fit in the room left"}
	tests := []struct {
		name string
		max  int
		want string
	}{
		{"all fit", 200, strings.Join(lines, "\n")},
		{"whole lines only when room is small", 30, "first line\nsecond line"},
		{"last line trimmed when room is useful", 70, "first line\nsecond line\nthird line that is rather long and will not…"},
		{"first line trimmed when nothing fits", 8, "first…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := JoinLines(lines, tt.max)
			if got != tt.want {
				t.Errorf("JoinLines(max %d) = %q, want %q", tt.max, got, tt.want)
			}
			if Len(got) > tt.max {
				t.Errorf("over the limit: %d > %d", Len(got), tt.max)
			}
		})
	}
}

func TestNoPing(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"hello @everyone", "hello @\u200beveryone"},
		{"@here now", "@\u200bhere now"},
		{"@EVERYONE shouting", "@\u200bEVERYONE shouting"},
		{"ping <@123>", "ping <@\u200b123>"},
		{"nick <@!456>", "nick <@\u200b!456>"},
		{"role <@&789>", "role <@\u200b&789>"},
		{"mail me at a@example.com", "mail me at a@example.com"},
		{"<@name> is not a mention", "<@name> is not a mention"},
		{"no at sign", "no at sign"},
	}
	for _, tt := range tests {
		got := NoPing(tt.in)
		if got != tt.want {
			t.Errorf("NoPing(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := NoPing(got); again != got {
			t.Errorf("NoPing is not idempotent on %q: %q", got, again)
		}
	}
}

func TestFitEmbed(t *testing.T) {
	long := strings.Repeat("word ", 3000)
	var fields []*discordgo.MessageEmbedField
	for i := 0; i < 40; i++ {
		fields = append(fields, &discordgo.MessageEmbedField{Name: long, Value: long})
	}
	fields = append(fields, &discordgo.MessageEmbedField{Name: "empty", Value: "  "})
	e := &discordgo.MessageEmbed{
		URL:         "javascript:alert(1)",
		Title:       "@everyone " + long,
		Description: long,
		Footer:      &discordgo.MessageEmbedFooter{Text: long},
		Author:      &discordgo.MessageEmbedAuthor{Name: long},
		Fields:      fields,
	}
	got := Fit(e)
	if err := checkEmbed(got); err != nil {
		t.Fatalf("Fit result breaks a limit: %v", err)
	}
	if len(got.Fields) != MaxFields {
		t.Errorf("fields = %d, want %d", len(got.Fields), MaxFields)
	}
	if got.URL != "" {
		t.Errorf("non-http URL kept: %q", got.URL)
	}
	if !strings.HasPrefix(got.Title, "@\u200beveryone") {
		t.Errorf("title mention not broken: %q", got.Title[:20])
	}
	if len(e.Fields) != 41 || e.Title[:9] != "@everyone" {
		t.Error("Fit changed its input")
	}
}

func TestFitMessageTotal(t *testing.T) {
	long := strings.Repeat("lorem ipsum ", 500)
	var embeds []*discordgo.MessageEmbed
	for i := 0; i < 12; i++ {
		var fields []*discordgo.MessageEmbedField
		for j := 0; j < 30; j++ {
			fields = append(fields, &discordgo.MessageEmbedField{Name: "Field", Value: long})
		}
		embeds = append(embeds, &discordgo.MessageEmbed{Title: "Title", Description: long, Fields: fields, Footer: &discordgo.MessageEmbedFooter{Text: long}})
	}
	content, out := FitMessage(strings.Repeat("x y ", 2000)+"@here", embeds)
	if err := Check(content, out); err != nil {
		t.Fatalf("FitMessage result breaks a limit: %v", err)
	}
	if len(out) == 0 || out[0].Title != "Title" {
		t.Fatalf("first embed lost: %+v", out)
	}
	if strings.Contains(content, "@here") {
		t.Error("content kept a live @here")
	}
}

func TestFitMessageKeepsWhatFits(t *testing.T) {
	e := &discordgo.MessageEmbed{
		Title:       "Harbour expansion approved",
		URL:         "https://news.example/harbour",
		Description: "The council voted 7 to 2.",
		Fields:      []*discordgo.MessageEmbedField{{Name: "Key actors", Value: "**Mara Lind**: mayor"}},
		Footer:      &discordgo.MessageEmbedFooter{Text: "news.example"},
	}
	content, out := FitMessage("hello", []*discordgo.MessageEmbed{e})
	if content != "hello" || len(out) != 1 {
		t.Fatalf("got %q, %d embeds", content, len(out))
	}
	got := out[0]
	if got.Title != e.Title || got.URL != e.URL || got.Description != e.Description ||
		len(got.Fields) != 1 || got.Fields[0].Value != e.Fields[0].Value || got.Footer.Text != e.Footer.Text {
		t.Errorf("FitMessage changed an embed within limits: %+v", got)
	}
}

func TestCheckCatches(t *testing.T) {
	tests := []struct {
		name    string
		content string
		embeds  []*discordgo.MessageEmbed
	}{
		{"content", strings.Repeat("a", MaxContent+1), nil},
		{"title", "", []*discordgo.MessageEmbed{{Title: strings.Repeat("a", MaxTitle+1)}}},
		{"empty field", "", []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "a"}}}}},
		{"total", "", []*discordgo.MessageEmbed{{Description: strings.Repeat("a", 4000)}, {Description: strings.Repeat("a", 4000)}}},
		{"too many embeds", "", make([]*discordgo.MessageEmbed, 11)},
	}
	for _, tt := range tests {
		if Check(tt.content, tt.embeds) == nil {
			t.Errorf("%s: Check found nothing wrong", tt.name)
		}
	}
}

func TestChoice(t *testing.T) {
	c := Choice(strings.Repeat("Harbour ", 30), strings.Repeat("9", 150))
	if Len(c.Name) > MaxChoiceName || Len(c.Value.(string)) > MaxChoiceValue {
		t.Errorf("choice over limits: %d, %d", Len(c.Name), Len(c.Value.(string)))
	}
	if c := Choice("", "42"); c.Name != "42" {
		t.Errorf("empty name should fall back to the value, got %q", c.Name)
	}
}

// FuzzFitMessage: any text in any field comes out valid UTF-8, within every
// limit, and with no live mass mention.
func FuzzFitMessage(f *testing.F) {
	f.Add("title @everyone", "description", "field", "value <@123>", "footer", 3, 2)
	f.Add(strings.Repeat("é\u0301", 300), strings.Repeat("😀 ", 3000), "", "", "\xff\xfe", 30, 12)
	f.Add("", "", "", "", "", 0, 0)
	f.Fuzz(func(t *testing.T, title, desc, name, value, footer string, nFields, nEmbeds int) {
		nFields = abs(nFields) % 30
		nEmbeds = abs(nEmbeds) % 12
		var embeds []*discordgo.MessageEmbed
		for i := 0; i < nEmbeds; i++ {
			e := &discordgo.MessageEmbed{
				Title:       strings.Repeat(title, 1+i),
				Description: strings.Repeat(desc, 1+i%3),
				Footer:      &discordgo.MessageEmbedFooter{Text: footer},
				Author:      &discordgo.MessageEmbedAuthor{Name: title + name},
			}
			for j := 0; j < nFields; j++ {
				e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value})
			}
			embeds = append(embeds, e)
		}
		content, out := FitMessage(desc+value, embeds)
		if err := Check(content, out); err != nil {
			t.Fatalf("limits broken: %v", err)
		}
		for _, s := range texts(content, out) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8: %q", s)
			}
			if strings.Contains(s, "@everyone") || strings.Contains(s, "@here") {
				t.Fatalf("live mass mention: %q", s)
			}
		}
		for _, max := range []int{0, 1, 2, 5, 100} {
			if got := Truncate(title, max); Len(got) > max || !utf8.ValidString(got) {
				t.Fatalf("Truncate(%q, %d) = %q", title, max, got)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n == -n { // math.MinInt
			return 0
		}
		return -n
	}
	return n
}

func texts(content string, embeds []*discordgo.MessageEmbed) []string {
	out := []string{content}
	for _, e := range embeds {
		out = append(out, e.Title, e.Description)
		if e.Footer != nil {
			out = append(out, e.Footer.Text)
		}
		if e.Author != nil {
			out = append(out, e.Author.Name)
		}
		for _, f := range e.Fields {
			out = append(out, f.Name, f.Value)
		}
	}
	return out
}

package bot

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFindLinks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"none", "no links here, just talk", nil},
		{"plain", "read this https://news.example/harbour-vote today", []string{"https://news.example/harbour-vote"}},
		{"http and case", "HTTP://News.Example/a and Https://other.example/b", []string{"HTTP://News.Example/a", "Https://other.example/b"}},
		{"sentence end", "See https://news.example/a. Then https://news.example/b!", []string{"https://news.example/a", "https://news.example/b"}},
		{"comma list", "https://a.example/1, https://b.example/2; https://c.example/3:", []string{"https://a.example/1", "https://b.example/2", "https://c.example/3"}},
		{"in parentheses", "(source: https://news.example/story)", []string{"https://news.example/story"}},
		{"balanced parentheses kept", "https://en.wikipedia.example/wiki/Tide_(band) is", []string{"https://en.wikipedia.example/wiki/Tide_(band)"}},
		{"angle brackets suppress embed", "<https://news.example/quiet>", []string{"https://news.example/quiet"}},
		{"markdown link", "[the story](https://news.example/md) here", []string{"https://news.example/md"}},
		{"masked with angle", "[story](<https://news.example/md2>)", []string{"https://news.example/md2"}},
		{"spoiler", "||https://news.example/spoiler||", []string{"https://news.example/spoiler"}},
		{"quoted", `he said "https://news.example/q"`, []string{"https://news.example/q"}},
		{"query and fragment", "https://news.example/a?id=3&x=y#part", []string{"https://news.example/a?id=3&x=y#part"}},
		{"duplicates once", "https://news.example/a https://news.example/a", []string{"https://news.example/a"}},
		{"inline code ignored", "not this `https://news.example/code` but https://news.example/real", []string{"https://news.example/real"}},
		{"code block ignored", "```\nhttps://news.example/block\n```\nhttps://news.example/after", []string{"https://news.example/after"}},
		{"unclosed backtick is text", "`https://news.example/open", []string{"https://news.example/open"}},
		{"glued to a word", "xhttps://news.example/no", nil},
		{"no host", "https:// and http:///path", nil},
		{"other schemes", "ftp://files.example/x javascript:alert(1) mailto:a@b.example", nil},
		{"ipv6 host", "http://[2001:db8::1]/page", []string{"http://[2001:db8::1]/page"}},
		{"port", "https://news.example:8443/x.", []string{"https://news.example:8443/x"}},
		{"unicode path", "https://news.example/économie/réforme", []string{"https://news.example/économie/réforme"}},
		{"newline separated", "https://a.example/1\nhttps://b.example/2", []string{"https://a.example/1", "https://b.example/2"}},
		{"emphasis", "*https://news.example/bold*", []string{"https://news.example/bold"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindLinks(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("FindLinks(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSkip(t *testing.T) {
	tests := []struct {
		link string
		skip bool
	}{
		{"https://news.example/politics/harbour-vote", false},
		{"https://www.youtube.com/watch?v=abc", true},
		{"https://youtu.be/abc", true},
		{"https://twitter.com/someone/status/1", true},
		{"https://x.com/someone/status/1", true},
		{"https://www.instagram.com/p/xyz/", true},
		{"https://vm.tiktok.com/abc", true},
		{"https://discord.com/channels/1/2/3", true},
		{"https://discord.gg/invite", true},
		{"https://cdn.discordapp.com/attachments/1/2/photo.png", true},
		{"https://media.giphy.com/media/abc/giphy.gif", true},
		{"https://tenor.com/view/cat-123", true},
		{"https://news.example/photo.JPG", true},
		{"https://news.example/clip.mp4?t=3", true},
		{"https://news.example/report.pdf", true},
		{"https://notyoutube.com.example/article", false}, // suffix match is on whole labels
		{"https://xyoutube.com/article", false},
		{"https://news.example/2024/05/story.html", false},
	}
	for _, tt := range tests {
		if got := Skip(tt.link); got != tt.skip {
			t.Errorf("Skip(%q) = %v, want %v", tt.link, got, tt.skip)
		}
	}
}

func TestArticleLinks(t *testing.T) {
	msg := "two reports: https://news.example/a?utm_source=x and https://news.example/a " +
		"plus a clip https://youtu.be/zzz and https://other.example/b"
	got := articleLinks(msg)
	want := []string{"https://news.example/a?utm_source=x", "https://other.example/b"}
	if !slices.Equal(got, want) {
		t.Errorf("articleLinks = %q, want %q (same canonical URL once, media skipped)", got, want)
	}
	var many strings.Builder
	for i := 0; i < 30; i++ {
		many.WriteString("https://news.example/" + strings.Repeat("a", i+1) + " ")
	}
	if n := len(articleLinks(many.String())); n != maxLinksPerMessage {
		t.Errorf("%d links kept from 30, want the cap %d", n, maxLinksPerMessage)
	}
}

// FuzzFindLinks: whatever a member types, FindLinks returns distinct,
// parseable absolute http(s) URLs that appear in the text, and never panics.
func FuzzFindLinks(f *testing.F) {
	seeds := []string{
		"read https://news.example/a.",
		"<https://a.example/x> [t](https://b.example/y) ||https://c.example/z||",
		"```https://code.example``` `https://x.example`",
		"https://en.wikipedia.example/wiki/A_(b)) (https://x.example/(y))",
		"http://[::1]:80/ https://[bad",
		"\xff\xfehttps://news.example/\x00",
		"hTtPs://MiXeD.example/Path?q=1#f",
		"https://",
		strings.Repeat("https://a.example/", 50),
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		links := FindLinks(text)
		seen := map[string]bool{}
		valid := strings.ToValidUTF8(text, "\uFFFD")
		for _, l := range links {
			if seen[l] {
				t.Fatalf("duplicate link %q", l)
			}
			seen[l] = true
			if !utf8.ValidString(l) {
				t.Fatalf("invalid UTF-8 in %q", l)
			}
			u, err := url.Parse(l)
			if err != nil {
				t.Fatalf("unparseable link %q: %v", l, err)
			}
			if s := strings.ToLower(u.Scheme); s != "http" && s != "https" || u.Hostname() == "" {
				t.Fatalf("not an absolute http(s) URL: %q", l)
			}
			if strings.ContainsFunc(l, func(r rune) bool { return r == ' ' || r == '\n' || r == '<' || r == '>' || r == '`' }) {
				t.Fatalf("link %q holds a character that ends links", l)
			}
			if !strings.Contains(valid, l) {
				t.Fatalf("link %q is not in the text", l)
			}
		}
		_ = articleLinks(text) // must not panic either
	})
}

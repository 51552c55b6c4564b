package fetch

import (
	"errors"
	"strings"
	"testing"
)

func TestCanonicalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already canonical", "https://example.com/news/story", "https://example.com/news/story"},
		{"lower-case scheme and host", "HTTPS://News.Example.COM/Story/One", "https://news.example.com/Story/One"},
		{"default https port dropped", "https://example.com:443/a", "https://example.com/a"},
		{"default http port dropped", "http://example.com:80/a", "http://example.com/a"},
		{"other port kept", "https://example.com:8443/a", "https://example.com:8443/a"},
		{"http port on https kept", "https://example.com:80/a", "https://example.com:80/a"},
		{"fragment dropped", "https://example.com/a#comments", "https://example.com/a"},
		{"utm params dropped", "https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=spring", "https://example.com/a"},
		{"utm prefix is case-insensitive", "https://example.com/a?UTM_Source=x&id=3", "https://example.com/a?id=3"},
		{"click ids dropped", "https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&yclid=5&igshid=6", "https://example.com/a"},
		{"mailchimp and analytics dropped", "https://example.com/a?mc_cid=1&mc_eid=2&_ga=3&ref_src=twsrc", "https://example.com/a"},
		{"content params kept and sorted", "https://example.com/a?page=2&id=7&utm_source=x", "https://example.com/a?id=7&page=2"},
		{"repeated keys keep their order", "https://example.com/a?tag=b&tag=a&id=1", "https://example.com/a?id=1&tag=b&tag=a"},
		{"empty query removed", "https://example.com/a?", "https://example.com/a"},
		{"empty params removed", "https://example.com/a?&&id=1&", "https://example.com/a?id=1"},
		{"key without value kept as is", "https://example.com/a?amp", "https://example.com/a?amp"},
		{"escaping normalised", "https://example.com/a?q=caf%C3%A9+au+lait", "https://example.com/a?q=caf%C3%A9+au+lait"},
		{"dot segments cleaned", "https://example.com/news/./2024/../story", "https://example.com/news/story"},
		{"double slashes cleaned", "https://example.com//news//story", "https://example.com/news/story"},
		{"trailing slash kept", "https://example.com/news/", "https://example.com/news/"},
		{"no trailing slash not added", "https://example.com/news", "https://example.com/news"},
		{"empty path becomes root", "https://example.com", "https://example.com/"},
		{"credentials dropped", "https://user:secret@example.com/a", "https://example.com/a"},
		{"trailing dot in host dropped", "https://example.com./a", "https://example.com/a"},
		{"ipv6 host", "http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a"},
		{"encoded slash kept", "https://example.com/a%2Fb/c", "https://example.com/a%2Fb/c"},
		{"surrounding spaces", "  https://example.com/a  ", "https://example.com/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Canonicalize(tt.in)
			if err != nil {
				t.Fatalf("Canonicalize(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			again, err := Canonicalize(got)
			if err != nil || again != got {
				t.Errorf("not idempotent: Canonicalize(%q) = %q, %v", got, again, err)
			}
		})
	}
}

func TestCanonicalizeRejects(t *testing.T) {
	for _, in := range []string{"", "example.com/a", "ftp://example.com/a", "mailto:someone@example.com", "javascript:alert(1)", "https:///path-only", "http://%zz/"} {
		if got, err := Canonicalize(in); !errors.Is(err, ErrBadURL) {
			t.Errorf("Canonicalize(%q) = %q, %v; want ErrBadURL", in, got, err)
		}
	}
}

func TestParseUserURL(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // URL string when accepted
		wantMsg  string // part of the user message when refused
	}{
		{name: "plain https", in: "https://example.com/news/story", want: "https://example.com/news/story"},
		{name: "spaces trimmed", in: "  https://example.com/a \n", want: "https://example.com/a"},
		{name: "discord angle brackets", in: "<https://example.com/a>", want: "https://example.com/a"},
		{name: "bare host gets https", in: "example.com/news/story", want: "https://example.com/news/story"},
		{name: "bare www host with port", in: "www.example.com:8080/a", want: "https://www.example.com:8080/a"},
		{name: "http kept", in: "http://example.com/", want: "http://example.com/"},
		{name: "empty", in: "   ", wantMsg: "empty"},
		{name: "ftp refused", in: "ftp://example.com/file", wantMsg: `not "ftp" links`},
		{name: "javascript refused", in: "javascript:alert(1)", wantMsg: `not "javascript" links`},
		{name: "credentials refused", in: "https://user:pass@example.com/a", wantMsg: "user name or password"},
		{name: "user only refused", in: "https://user@example.com/a", wantMsg: "user name or password"},
		{name: "no host", in: "https:///a", wantMsg: "no site name"},
		{name: "two links", in: "https://a.example/ https://b.example/", wantMsg: "spaces"},
		{name: "word not link", in: "hello", wantMsg: "no http:// or https://"},
		{name: "bad port", in: "https://example.com:http/a", wantMsg: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := ParseUserURL(tt.in)
			if tt.want != "" {
				if err != nil {
					t.Fatalf("ParseUserURL(%q): %v", tt.in, err)
				}
				if u.String() != tt.want {
					t.Errorf("ParseUserURL(%q) = %q, want %q", tt.in, u, tt.want)
				}
				return
			}
			if !errors.Is(err, ErrBadURL) {
				t.Fatalf("ParseUserURL(%q) = %v, %v; want ErrBadURL", tt.in, u, err)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("message %q does not mention %q", err.Error(), tt.wantMsg)
			}
		})
	}
}

func TestSameSite(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"example.com", "example.com", true},
		{"www.example.com", "example.com", true},
		{"news.example.com", "www.example.com", true},
		{"news.example.co.uk", "www.example.co.uk", true},
		{"EXAMPLE.com", "example.com.", true},
		{"example.com", "example.org", false},
		{"a.example.co.uk", "b.other.co.uk", false},
		{"alice.github.io", "bob.github.io", false}, // github.io is a public suffix
		{"127.0.0.1", "127.0.0.1", true},
		{"127.0.0.1", "127.0.0.2", false},
		{"", "example.com", false},
	}
	for _, tt := range tests {
		if got := sameSite(tt.a, tt.b); got != tt.want {
			t.Errorf("sameSite(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{
		"https://example.com/a?utm_source=x&b=2&a=1#frag",
		"HTTP://User:Pw@EXAMPLE.com:80//a/./b/../c/?&x=%zz&y=1",
		"https://[::1]:443/%2F?q=a+b&q=%41",
		"http://example.com/a b?c d=e f",
		"https://example.com/;x=1?a=1;b=2",
		"https://xn--caf-dma.example/é?é=ü",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		once, err := Canonicalize(raw)
		if err != nil {
			if !errors.Is(err, ErrBadURL) {
				t.Fatalf("Canonicalize(%q): error %v is not ErrBadURL", raw, err)
			}
			return
		}
		twice, err := Canonicalize(once)
		if err != nil {
			t.Fatalf("Canonicalize(%q) = %q, which it then refuses: %v", raw, once, err)
		}
		if twice != once {
			t.Fatalf("not idempotent: %q -> %q -> %q", raw, once, twice)
		}
	})
}

func TestWithoutTracking(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://news.example/a?utm_source=x&id=4", "https://news.example/a?id=4"},
		{"https://news.example/a?b=2&a=1&fbclid=zz", "https://news.example/a?b=2&a=1"},
		{"https://news.example/a?utm_medium=m", "https://news.example/a"},
		{"https://news.example/a#.UlFH6xaKwlI", "https://news.example/a#.UlFH6xaKwlI"},
		{"http://news.example/hollywood’s-mermaid?x=1&utm_campaign=c#top", "http://news.example/hollywood’s-mermaid?x=1#top"},
		{"https://news.example/plain", "https://news.example/plain"},
		{"HTTPS://News.Example/Path/Case?Q=1", "https://news.example/Path/Case?Q=1"},
		{"https://News.Example?utm_source=x", "https://news.example"},
		{"https://News.Example", "https://news.example"},
	} {
		if got := WithoutTracking(tc.in); got != tc.want {
			t.Errorf("WithoutTracking(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzWithoutTracking: never panics, and is idempotent.
func FuzzWithoutTracking(f *testing.F) {
	for _, s := range []string{"https://a.example/x?utm_source=1&b=2#f", "HTTP://A.B?c", "://", "a?&&#", "https://x.example/?%zz=1&utm_medium=2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		once := WithoutTracking(raw)
		if twice := WithoutTracking(once); twice != once {
			t.Errorf("not idempotent: %q -> %q -> %q", raw, once, twice)
		}
	})
}

package fetch

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestImageURL(t *testing.T) {
	page, _ := url.Parse("https://news.example/world/2026/story?id=4")
	long := "https://cdn.example/" + strings.Repeat("a", maxImageURLBytes)
	tests := []struct {
		name, raw string
		page      *url.URL
		want      string
	}{
		{"absolute https", "https://cdn.example/a.jpg", page, "https://cdn.example/a.jpg"},
		{"absolute http", "http://cdn.example/a.jpg", page, "http://cdn.example/a.jpg"},
		{"upper-case scheme", "HTTPS://cdn.example/a.jpg", page, "https://cdn.example/a.jpg"},
		{"root-relative", "/img/a.jpg", page, "https://news.example/img/a.jpg"},
		{"path-relative", "a.jpg", page, "https://news.example/world/2026/a.jpg"},
		{"dot-dot", "../../img/a.jpg?w=800", page, "https://news.example/img/a.jpg?w=800"},
		{"protocol-relative", "//cdn.example/a.jpg", page, "https://cdn.example/a.jpg"},
		{"spaces trimmed", "  https://cdn.example/a.jpg \n", page, "https://cdn.example/a.jpg"},
		{"fragment dropped", "https://cdn.example/a.jpg#x", page, "https://cdn.example/a.jpg"},
		{"relative without page", "/img/a.jpg", nil, ""},
		{"empty", "", page, ""},
		{"javascript", "javascript:alert(1)", page, ""},
		{"javascript mixed case", " JavaScript:alert(1)", page, ""},
		{"data", "data:image/png;base64,iVBORw0KGgo=", page, ""},
		{"data mixed case", "DATA:image/gif;base64,R0lGOD", page, ""},
		{"ftp", "ftp://files.example/a.jpg", page, ""},
		{"file", "file:///etc/passwd", page, ""},
		{"attachment scheme", "attachment://a.png", page, ""},
		{"credentials", "https://user:pw@cdn.example/a.jpg", page, ""},
		{"no host", "https:///a.jpg", page, ""},
		{"control character", "https://cdn.example/a\x00.jpg", page, ""},
		{"newline inside", "https://cdn.example/a\n.jpg", page, ""},
		{"too long", long, page, ""},
		{"invalid UTF-8", "https://cdn.example/\xff.jpg", page, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := imageURL(tt.raw, tt.page); got != tt.want {
				t.Errorf("imageURL(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}

func TestFirstImageSkipsRefused(t *testing.T) {
	page, _ := url.Parse("https://news.example/story")
	if got := firstImage(page, "data:image/png;base64,AAAA", "", "/a.jpg"); got != "https://news.example/a.jpg" {
		t.Errorf("firstImage = %q, want the first acceptable candidate", got)
	}
	if got := firstImage(page, "javascript:void(0)"); got != "" {
		t.Errorf("firstImage = %q, want none", got)
	}
}

func TestDeclaredImage(t *testing.T) {
	tests := []struct {
		name, page string
		want       []string
	}{
		{"og:image", `<head><meta property="og:image" content="/a.jpg"></head>`, []string{"/a.jpg"}},
		{"og:image before twitter:image whatever the order",
			`<head><meta name="twitter:image" content="/t.jpg"><meta property="og:image" content="/o.jpg"></head>`, []string{"/o.jpg", "/t.jpg"}},
		{"secure_url", `<head><meta property="og:image:secure_url" content="https://c.example/s.jpg"></head>`, []string{"https://c.example/s.jpg"}},
		{"twitter:image by name", `<head><meta name="twitter:image" content="/t.jpg"></head>`, []string{"/t.jpg"}},
		{"twitter:image:src", `<head><meta name="twitter:image:src" content="/t.jpg"></head>`, []string{"/t.jpg"}},
		{"first og:image only", `<head><meta property="og:image" content="/1.jpg"><meta property="og:image" content="/2.jpg"></head>`, []string{"/1.jpg"}},
		{"empty content skipped", `<head><meta property="og:image" content=" "><meta property="og:image" content="/2.jpg"></head>`, []string{"/2.jpg"}},
		{"body ignored", `<head></head><body><meta property="og:image" content="/user.jpg"></body>`, nil},
		{"none", `<head><meta property="og:title" content="x"></head>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := declaredImages(parseHTML(t, tt.page)); !slices.Equal(got, tt.want) {
				t.Errorf("declaredImages = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFetchImage(t *testing.T) {
	site := newTestSite(t)
	f := New(testOptions())
	tests := []struct {
		path, want string
	}{
		{"/img/relative", site.URL + "/media/pier-gallery.jpg?w=1200"},
		{"/img/javascript", ""},
		{"/img/data", ""},
		{"/img/data-then-twitter", "https://cdn.lakeside-courier.example/social/pier-gallery-card.jpg"},
		{"/article", ""}, // the page declares no image: no thumbnail
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			a, err := f.Fetch(context.Background(), site.URL+tt.path)
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			checkArticle(t, a)
			if a.Image != tt.want {
				t.Errorf("Image = %q, want %q", a.Image, tt.want)
			}
		})
	}
}

func FuzzImageURL(f *testing.F) {
	for _, s := range []string{"/a.jpg", "https://cdn.example/a.jpg", "javascript:alert(1)", "data:image/png;base64,AA",
		"//cdn.example/x", "https://u:p@h/x", "\x00", "HTTP://A/%zz"} {
		f.Add(s)
	}
	page, _ := url.Parse("https://news.example/world/story")
	f.Fuzz(func(t *testing.T, raw string) {
		for _, base := range []*url.URL{page, nil} {
			got := imageURL(raw, base)
			if got == "" {
				continue
			}
			u, err := url.Parse(got)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
				t.Fatalf("imageURL(%q) = %q: not an absolute http(s) URL without credentials", raw, got)
			}
			if len(got) > maxImageURLBytes || strings.ContainsAny(got, "\x00\r\n") {
				t.Fatalf("imageURL(%q) = %q: too long or has control characters", raw, got)
			}
			if imageURL(got, base) != got {
				t.Fatalf("imageURL is not stable on its own output %q", got)
			}
		}
	})
}

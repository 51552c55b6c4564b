package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/briefbot/briefbot/briefing"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.html-result golden files")

// sentinels are the errors every failure must match one of.
var sentinels = map[string]error{
	"ErrBadURL": ErrBadURL, "ErrNotArticle": ErrNotArticle, "ErrTooLarge": ErrTooLarge,
	"ErrTimeout": ErrTimeout, "ErrBlockedAddress": ErrBlockedAddress, "ErrHTTPStatus": ErrHTTPStatus,
	"ErrTooManyRedirects": ErrTooManyRedirects, "ErrPaywall": ErrPaywall, "ErrEmpty": ErrEmpty,
	"ErrUnreachable": ErrUnreachable,
}

func sentinelName(err error) string {
	for name, s := range sentinels {
		if errors.Is(err, s) {
			return name
		}
	}
	return ""
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// extractCases are the fixture pages with what a reader must get from each.
var extractCases = []struct {
	file, contentType, pageURL string

	wantErr       error
	wantTitle     string
	wantByline    string
	wantSite      string
	wantLanguage  string
	wantCanonical string
	wantPublished string // RFC 3339, "" for none
	wantImage     string
	contains      []string
	excludes      []string
}{
	{
		file:          "article.html",
		contentType:   "text/html; charset=utf-8",
		pageURL:       "https://lakeside-courier.example/news/2024/05/harbour-ferry-returns?utm_source=newsletter&fbclid=abc",
		wantTitle:     "Harbour ferry returns after two-year repair",
		wantByline:    "Mara Ellison",
		wantSite:      "The Lakeside Courier",
		wantLanguage:  "en",
		wantCanonical: "https://www.lakeside-courier.example/news/2024/05/harbour-ferry-returns",
		wantPublished: "2024-05-14T08:30:00+01:00",
		contains: []string{
			"The Windrush Belle carried its first paying passengers across Marrow Bay on Tuesday",
			`"I had forgotten you could see the islands from here," said Olive Brannagh`,
			"The repair bill rose from 1.8 million pounds to just over 3 million.",
			"Desmond Ure, who chairs the board",
			"Councillor Fenella Achterberg",
			"with the last crossing leaving the south slipway at 22.40.",
		},
		excludes: []string{
			"Subscribe for one pound", "Road closures announced", "Read more: Councillors question",
			"Share on Facebook", "Lifeboat crew rescue", "Sign up to our free newsletter",
			"About time too", "baywatcher42", "Three million pounds for a boat", "All rights reserved",
			"Privacy and cookies", "dataLayer",
		},
	},
	{
		file:          "cp1252-header.html",
		contentType:   "text/html; charset=windows-1252",
		pageURL:       "https://echo-vallee.example/region/fete-du-cidre",
		wantTitle:     "La fête du cidre de Trévennec attire un public record",
		wantSite:      "L'Écho de la Vallée",
		wantLanguage:  "fr",
		wantCanonical: "https://echo-vallee.example/region/fete-du-cidre",
		contains: []string{
			"Plus de douze mille visiteurs se sont pressés samedi sur la place de l'Église de Trévennec",
			"« On a dû rappeler mon beau-frère pour qu'il rapporte des caisses de la ferme », raconte Loïc Le Bihan",
			"fixé à 3 €, a rapporté près de 36 000 €",
			"cœur historique du village",
		},
		excludes: []string{"Abonnez-vous", "Tous droits réservés", "Mentions légales"},
	},
	{
		// ISO-8859-15 puts € at 0xA4 and œ at 0xBD, where windows-1252 has
		// ¤ and ½: only honouring the header gets them right.
		file:          "latin9-header.html",
		contentType:   "text/html; charset=ISO-8859-15",
		pageURL:       "https://echo-vallee.example/region/fete-du-cidre",
		wantTitle:     "La fête du cidre de Trévennec attire un public record",
		wantSite:      "L'Écho de la Vallée",
		wantLanguage:  "fr",
		wantCanonical: "https://echo-vallee.example/region/fete-du-cidre",
		contains:      []string{"fixé à 3 €, a rapporté près de 36 000 €", "cœur historique du village"},
		excludes:      []string{"¤", "½"},
	},
	{
		file:          "latin9-meta.html",
		contentType:   "text/html",
		pageURL:       "https://echo-vallee.example/region/fete-du-cidre",
		wantTitle:     "La fête du cidre de Trévennec attire un public record",
		wantSite:      "L'Écho de la Vallée",
		wantLanguage:  "fr",
		wantCanonical: "https://echo-vallee.example/region/fete-du-cidre",
		contains:      []string{"fixé à 3 €, a rapporté près de 36 000 €", "cœur historique du village", "l'Église de Trévennec"},
		excludes:      []string{"¤", "½"},
	},
	{
		file:          "invalid-utf8.html",
		contentType:   "text/html; charset=utf-8",
		pageURL:       "https://lakeside-courier.example/news/cafe-rent",
		wantTitle:     "Café owners fight rent rise",
		wantSite:      "lakeside-courier.example",
		wantLanguage:  "en",
		wantCanonical: "https://lakeside-courier.example/news/cafe-rent",
		contains: []string{
			"The owners of the harbour café on Quay Street",
			"Stray bytes",
			"“We are not asking for charity,” said Ros Penhallow",
		},
	},
	{
		file:          "reservoir-vote.html",
		contentType:   "text/html",
		pageURL:       "https://lakeside-courier.example/news/2024/06/reservoir-vote?utm_medium=social",
		wantTitle:     "Council backs plan to raise Hallow Moor reservoir",
		wantByline:    "Tamsin Rowe",
		wantSite:      "The Lakeside Courier",
		wantLanguage:  "en",
		wantCanonical: "https://www.lakeside-courier.example/news/2024/06/reservoir-vote",
		wantPublished: "2024-06-07T06:00:00+01:00",
		contains: []string{
			"Hallow Moor reservoir will be raised by four metres",
			"“We have had three hosepipe bans in seven years,” said Anwen Trethowan",
			"Councillor Jory Pascoe",
			"Council leader Bryony Keast said",
			"“heartbroken but not surprised”",
			"the planning documents can be read at the council offices and in the county library.",
		},
		excludes: []string{
			"We use cookies", "Advertisement", "Most read", "Another field gone under water",
			"moorwalker", "Share on WhatsApp", "RSS feed", "All rights reserved", "Related", "__CONFIG__",
		},
	},
	{
		// A page that names somewhere else as canonical: the page's own
		// address is kept.
		file:          "article.html",
		contentType:   "text/html",
		pageURL:       "https://aggregator.example/item/55?utm_campaign=x&id=9",
		wantTitle:     "Harbour ferry returns after two-year repair",
		wantByline:    "Mara Ellison",
		wantSite:      "The Lakeside Courier",
		wantLanguage:  "en",
		wantCanonical: "https://aggregator.example/item/55?id=9",
		wantPublished: "2024-05-14T08:30:00+01:00",
		contains:      []string{"The Windrush Belle carried its first paying passengers"},
	},
	{
		// A file with no address: the page's own canonical is all there is.
		file:          "article.html",
		contentType:   "",
		pageURL:       "",
		wantTitle:     "Harbour ferry returns after two-year repair",
		wantByline:    "Mara Ellison",
		wantSite:      "The Lakeside Courier",
		wantLanguage:  "en",
		wantCanonical: "https://www.lakeside-courier.example/news/2024/05/harbour-ferry-returns",
		wantPublished: "2024-05-14T08:30:00+01:00",
		contains:      []string{"The Windrush Belle carried its first paying passengers"},
	},
	{
		// A relative og:image is resolved against the page address; it
		// wins over twitter:image.
		file:          "pier-gallery.html",
		contentType:   "text/html; charset=utf-8",
		pageURL:       "https://lakeside-courier.example/news/2026/pier-gallery",
		wantTitle:     "Old pier warehouse reopens as a gallery",
		wantByline:    "Idris Fenwick",
		wantSite:      "The Lakeside Courier",
		wantLanguage:  "en",
		wantCanonical: "https://lakeside-courier.example/news/2026/pier-gallery",
		wantImage:     "https://lakeside-courier.example/news/media/pier-gallery.jpg?w=1200",
		contains:      []string{"The brick warehouse at the end of the north pier", "said Petra Voss"},
	},
	{
		// No page address: the relative og:image can't be resolved, so
		// the absolute twitter:image is used.
		file:         "pier-gallery.html",
		contentType:  "text/html",
		wantTitle:    "Old pier warehouse reopens as a gallery",
		wantByline:   "Idris Fenwick",
		wantSite:     "The Lakeside Courier",
		wantLanguage: "en",
		wantImage:    "https://cdn.lakeside-courier.example/social/pier-gallery-card.jpg",
		contains:     []string{"The brick warehouse at the end of the north pier"},
	},
	{file: "noarticle.html", contentType: "text/html", pageURL: "https://lakeside-courier.example/login", wantErr: ErrEmpty},
	{file: "paywall.html", contentType: "text/html", pageURL: "https://lakeside-courier.example/news/mill", wantErr: ErrPaywall},
	{file: "article.html", contentType: "application/pdf", wantErr: ErrNotArticle},
}

func TestExtract(t *testing.T) {
	for _, tc := range extractCases {
		t.Run(tc.file+" "+tc.pageURL+" "+tc.contentType, func(t *testing.T) {
			t.Parallel()
			a, err := Extract(context.Background(), readTestdata(t, tc.file), tc.contentType, tc.pageURL, Options{})
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			checkArticle(t, a)
			if a.URL != tc.pageURL {
				t.Errorf("URL = %q, want %q", a.URL, tc.pageURL)
			}
			for field, got := range map[string][2]string{
				"Title":        {a.Title, tc.wantTitle},
				"Byline":       {a.Byline, tc.wantByline},
				"Site":         {a.Site, tc.wantSite},
				"Language":     {a.Language, tc.wantLanguage},
				"CanonicalURL": {a.CanonicalURL, tc.wantCanonical},
				"Image":        {a.Image, tc.wantImage},
			} {
				if got[0] != got[1] {
					t.Errorf("%s = %q, want %q", field, got[0], got[1])
				}
			}
			if tc.wantPublished != "" {
				want, _ := time.Parse(time.RFC3339, tc.wantPublished)
				if !a.Published.Equal(want) {
					t.Errorf("Published = %v, want %v", a.Published, want)
				}
			}
			for _, s := range tc.contains {
				if !strings.Contains(a.Text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
			for _, s := range tc.excludes {
				if strings.Contains(a.Text, s) {
					t.Errorf("text contains boilerplate %q", s)
				}
			}
			if strings.Contains(a.Text, "\n\n"+a.Title+"\n\n") || strings.HasPrefix(a.Text, a.Title+"\n") {
				t.Errorf("the headline is repeated in the text")
			}
		})
	}
}

// checkArticle asserts the text contract every Article must meet.
func checkArticle(t *testing.T, a briefing.Article) {
	t.Helper()
	for name, s := range map[string]string{"URL": a.URL, "CanonicalURL": a.CanonicalURL, "Title": a.Title,
		"Byline": a.Byline, "Site": a.Site, "Language": a.Language, "Text": a.Text} {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", name, s)
		}
	}
	if strings.TrimSpace(a.Text) != a.Text {
		t.Errorf("text has leading or trailing space")
	}
	if a.Image != "" {
		u, err := url.Parse(a.Image)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(a.Image) > maxImageURLBytes {
			t.Errorf("Image %q is not an absolute http(s) URL of at most %d bytes", a.Image, maxImageURLBytes)
		}
	}
	for i, p := range strings.Split(a.Text, "\n\n") {
		if p == "" || strings.Join(strings.Fields(p), " ") != p {
			t.Errorf("paragraph %d is empty or has unnormalised whitespace: %q", i, p)
		}
	}
}

// TestGolden pins the whole extraction result of each fixture; run with
// -update after a deliberate change and review the diff.
func TestGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range extractCases {
		if seen[tc.file] {
			continue // the first case of each file is its golden one
		}
		seen[tc.file] = true
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			a, err := Extract(context.Background(), readTestdata(t, tc.file), tc.contentType, tc.pageURL, Options{})
			result := struct {
				Article *briefing.Article `json:"article,omitempty"`
				Error   string            `json:"error,omitempty"`
				Is      string            `json:"is,omitempty"`
			}{}
			if err != nil {
				result.Error, result.Is = err.Error(), sentinelName(err)
			} else {
				result.Article = &a
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(result); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			path := filepath.Join("testdata", tc.file+"-result")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the extraction (run go test -update and review the diff):\ngot:\n%s", path, got)
			}
		})
	}
}

func TestExtractLimits(t *testing.T) {
	page := readTestdata(t, "reservoir-vote.html")
	tests := []struct {
		name    string
		ctx     func() (context.Context, context.CancelFunc)
		opts    Options
		wantErr error
	}{
		{"too many elements", background, Options{MaxNodes: 200}, ErrTooLarge},
		{"bigger than the body cap", background, Options{MaxBodyBytes: 10 << 10}, ErrTooLarge},
		// The page takes milliseconds to extract, far over a microsecond.
		{"extraction deadline", background, Options{ExtractTimeout: time.Microsecond}, ErrTimeout},
		{"caller cancelled", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, Options{}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := tt.ctx()
			defer cancel()
			_, err := Extract(ctx, page, "text/html", "https://lakeside-courier.example/news/x", tt.opts)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == context.Canceled && errors.Is(err, ErrTimeout) {
				t.Errorf("a caller's cancellation must not read as the site's timeout")
			}
		})
	}
}

func TestTooManyTags(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		limit int
		want  bool
	}{
		{"over the limit", strings.Repeat("<div>", 101), 100, true},
		{"at the limit", strings.Repeat("<p>x</p>", 100), 100, false},
		{"self-closing tags count", strings.Repeat("<br/>", 101), 100, true},
		{"end tags and text don't count", strings.Repeat("</div>text", 500), 100, false},
		{"tags inside a comment don't count", "<!--" + strings.Repeat("<a>", 500) + "-->", 100, false},
		{"too short to hold the limit", strings.Repeat("<a>", 99), 100, false},
	}
	for _, tt := range tests {
		if got := tooManyTags(tt.text, tt.limit); got != tt.want {
			t.Errorf("%s: tooManyTags = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func background() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

func TestExtractBadPageURL(t *testing.T) {
	for _, u := range []string{"ftp://example.com/a", "not a url", "https://exa mple.com/"} {
		if _, err := Extract(context.Background(), readTestdata(t, "article.html"), "text/html", u, Options{}); !errors.Is(err, ErrBadURL) {
			t.Errorf("pageURL %q: err = %v, want ErrBadURL", u, err)
		}
	}
}

func TestDecodeHTML(t *testing.T) {
	tests := []struct {
		name        string
		page        []byte
		contentType string
		want        string
	}{
		{"utf-8 no declaration", []byte("<p>caf\xc3\xa9</p>"), "", "<p>café</p>"},
		{"header charset", []byte("<p>caf\xe9</p>"), "text/html; charset=iso-8859-1", "<p>café</p>"},
		{"meta charset", []byte(`<meta charset="windows-1252"><p>caf` + "\xe9 \x80</p>"), "text/html", `<meta charset="windows-1252"><p>café €</p>`},
		{"header beats meta", []byte(`<meta charset="windows-1252"><p>` + "\xa4</p>"), "text/html; charset=iso-8859-15", `<meta charset="windows-1252"><p>€</p>`},
		{"meta contradicted by valid utf-8", []byte(`<meta charset="iso-8859-1"><p>caf` + "\xc3\xa9</p>"), "", `<meta charset="iso-8859-1"><p>café</p>`},
		{"undeclared and not utf-8", []byte("<p>caf\xe9</p>"), "", "<p>café</p>"},
		{"invalid utf-8 declared utf-8", []byte("<p>a\xffb\xc3(</p>"), "text/html; charset=utf-8", "<p>a\ufffdb\ufffd(</p>"},
		{"utf-8 bom", []byte("\xef\xbb\xbf<p>caf\xc3\xa9</p>"), "", "<p>café</p>"},
		{"utf-16 bom", []byte("\xff\xfe<\x00p\x00>\x00\xe9\x00"), "", "<p>é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decodeHTML(tt.page, tt.contentType); got != tt.want {
				t.Errorf("decodeHTML = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPruneBlocks(t *testing.T) {
	links := map[string]bool{textKey("Councillors question rising cost of ferry refit"): true, textKey("Lifeboat crew rescue two kayakers"): true,
		textKey("Market square plans go on show"): true}
	in := []block{
		{text: "Harbour ferry returns", heading: true},
		{text: "https://www.example.com/news/ferry"},
		{text: "The ferry is back."},
		{text: "Read more: Councillors question rising cost of ferry refit"},
		{text: "Lifeboat crew rescue two kayakers | Market square plans go on show"},
		{text: "Subheading inside the story", heading: true},
		{text: "It was late and over budget, the board said, but it will last thirty years."},
		{text: "More from News", heading: true},
		{text: "Sign up to our newsletter for the morning headlines."},
		{text: "Related stories", heading: true},
	}
	got := renderText(pruneBlocks(in, "Harbour ferry returns!", links))
	want := "The ferry is back.\n\nSubheading inside the story\n\nIt was late and over budget, the board said, but it will last thirty years."
	if got != want {
		t.Errorf("pruneBlocks:\n got %q\nwant %q", got, want)
	}
}

func TestHasPaywallMarkers(t *testing.T) {
	tests := []struct {
		page string
		want bool
	}{
		{`<script type="application/ld+json">{"isAccessibleForFree": false}</script>`, true},
		{`<script type="application/ld+json">{"isAccessibleForFree":"False"}</script>`, true},
		{`<meta itemprop="isAccessibleForFree" content="false">`, true},
		{`<meta property="article:content_tier" content="locked">`, true},
		{`<script type="application/ld+json">{"isAccessibleForFree": true}</script>`, false},
		{`<meta property="article:content_tier" content="free">`, false},
		{`<div class="paywall-login-link">Log in</div>`, false}, // login widgets on free pages
	}
	for _, tt := range tests {
		doc := parseHTML(t, tt.page)
		if got := hasPaywallMarkers(doc); got != tt.want {
			t.Errorf("hasPaywallMarkers(%s) = %v, want %v", tt.page, got, tt.want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, name := range []string{"article.html", "invalid-utf8.html", "latin9-meta.html", "noarticle.html", "paywall.html"} {
		f.Add(readTestdata(f, name), "text/html")
	}
	f.Add([]byte("<html><body><p>"+strings.Repeat("word ", 80)+"</p>"), "text/html; charset=utf-16")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	f.Add([]byte(`<meta charset="x-unknown"><a href="//">`), "text/html; charset=\"")
	f.Fuzz(func(t *testing.T, page []byte, contentType string) {
		a, err := Extract(context.Background(), page, contentType, "https://example.com/a", Options{ExtractTimeout: 5 * time.Second})
		if err != nil {
			if errors.Is(err, ErrTimeout) {
				t.Fatalf("extraction of %d bytes hung: %v", len(page), err)
			}
			if sentinelName(err) == "" {
				t.Fatalf("error %v matches no sentinel", err)
			}
			return
		}
		checkArticle(t, a)
	})
}

// BenchmarkExtract measures one realistic page: a ~70 KB article page with
// a mega menu, inline CSS and JS, ads, related stories and comments.
func BenchmarkExtract(b *testing.B) {
	page := readTestdata(b, "reservoir-vote.html")
	ctx := context.Background()
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(ctx, page, "text/html", "https://lakeside-courier.example/news/2024/06/reservoir-vote", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func parseHTML(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestCollectBlocks(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"paragraphs and whitespace", "<p>One  \n two</p>\n<p>\tThree</p>", "One two\n\nThree"},
		{"headings are their own paragraph", "<h2>Sub</h2><p>Text</p>", "Sub\n\nText"},
		{"list items", "<ul><li>First</li><li>Second</li></ul>", "First\n\nSecond"},
		{"table cells spaced, rows split", "<table><tr><td>1</td><td>Kyle</td></tr><tr><td>2</td><td>Ana</td></tr></table>", "1 Kyle\n\n2 Ana"},
		{"line break splits", "<p>Line one<br>Line two</p>", "Line one\n\nLine two"},
		{"space restored after trimmed inline tail", "<li><strong>Headline.</strong>The story</li>", "Headline. The story"},
		{"drop cap stays joined", "<p><span>T</span>he start</p>", "The start"},
		{"decimal stays joined", "<p>rose 3.<b>5</b> per cent</p>", "rose 3.5 per cent"},
		{"scripts and forms skipped", "<p>Text<script>var x = 1;</script></p><button>Click</button>", "Text"},
		{"invalid utf-8 dropped", "<p>caf\xe9 ok</p>", "caf ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseHTML(t, tt.html)
			if got := renderText(collectBlocks(doc)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	blocks := collectBlocks(parseHTML(t, "<h3>Related</h3><p>Body</p>"))
	if len(blocks) != 2 || !blocks[0].heading || blocks[1].heading {
		t.Errorf("heading flags wrong: %+v", blocks)
	}
}

package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/briefbot/briefbot/briefing"
)

const (
	// minTrafilaturaRunes: below this much text trafilatura has most likely
	// missed the article, and readability gets a say.
	minTrafilaturaRunes = 250
	// minArticleRunes: less readable text than this is not an article
	// (the shortest article on the extraction benchmark has 369).
	minArticleRunes = 200
	// maxLinkShare: text made mostly of link texts is a menu or an index
	// page, not an article.
	maxLinkShare = 0.6
	// maxPaywallTeaserRunes: a page with paywall markers and no more text
	// than this is a teaser, not the article.
	maxPaywallTeaserRunes = 1000
)

// Extract reads an HTML page already in memory (a file, or a fetched body)
// and returns its article. contentType is the HTTP header value if known
// ("" or "text/html" for files); its charset wins over a meta tag. pageURL
// is where the page lives ("" allowed) and becomes Article.URL.
func Extract(ctx context.Context, page []byte, contentType, pageURL string, opts Options) (briefing.Article, error) {
	opts = opts.withDefaults()
	var base *url.URL
	if pageURL != "" {
		u, err := url.Parse(strings.TrimSpace(pageURL))
		if err == nil {
			err = checkWebURL(u)
		}
		if err == nil && !utf8.ValidString(pageURL) {
			err = errors.New("page URL is not valid UTF-8")
		}
		if err != nil {
			return briefing.Article{}, newError(ErrBadURL, err, "the page address given with the file is not a valid http(s) link")
		}
		base = u
	}
	if int64(len(page)) > opts.MaxBodyBytes {
		return briefing.Article{}, tooLarge(opts.MaxBodyBytes)
	}
	if err := checkContentType(contentType); err != nil {
		return briefing.Article{}, err
	}
	if err := SniffNotText(page); err != nil {
		return briefing.Article{}, err
	}
	a, err := extract(ctx, page, contentType, base, opts, func() {})
	if err != nil {
		return briefing.Article{}, err
	}
	a.URL = strings.TrimSpace(pageURL)
	return a, nil
}

// extract decodes, parses and extracts under opts.ExtractTimeout. The work
// runs in its own goroutine because the extractors can't be interrupted;
// release is called when that goroutine really ends.
func extract(ctx context.Context, page []byte, contentType string, pageURL *url.URL, opts Options, release func()) (briefing.Article, error) {
	ctx, cancel := context.WithTimeout(ctx, opts.ExtractTimeout)
	defer cancel()
	if err := ctx.Err(); err != nil {
		release()
		return briefing.Article{}, extractCtxError(err)
	}

	type result struct {
		a   briefing.Article
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer release()
		a, err := extractNow(page, contentType, pageURL, opts)
		done <- result{a, err}
	}()
	select {
	case r := <-done:
		return r.a, r.err
	case <-ctx.Done():
		return briefing.Article{}, extractCtxError(ctx.Err())
	}
}

func extractCtxError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return newError(ErrTimeout, err, "reading that page took too long; it may be unusually large or complex")
	}
	return ctxError(err)
}

// extractNow does the work of extract synchronously.
func extractNow(page []byte, contentType string, pageURL *url.URL, opts Options) (briefing.Article, error) {
	text := decodeHTML(page, contentType)
	if tooManyTags(text, opts.MaxNodes) {
		return briefing.Article{}, newError(ErrTooLarge, fmt.Errorf("more than %d start tags", opts.MaxNodes),
			"that page is too large and complex to read")
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return briefing.Article{}, newError(ErrNotArticle, fmt.Errorf("parse html: %w", err), "that page is not readable HTML")
	}
	if n := countElements(doc, opts.MaxNodes); n > opts.MaxNodes {
		return briefing.Article{}, newError(ErrTooLarge, fmt.Errorf("more than %d elements", opts.MaxNodes),
			"that page is too large and complex to read")
	}

	links := linkTexts(doc)
	content, meta := runExtractors(doc, pageURL, links)
	a := briefing.Article{
		Title:     clean(meta.title),
		Byline:    clean(meta.byline),
		Site:      clean(meta.site),
		Published: publishedTime(doc, meta.published),
		Language:  clean(meta.language),
		Image:     firstImage(pageURL, append(declaredImages(doc), meta.image)...),
		Text:      content,
	}
	a.CanonicalURL = canonicalURL(doc, pageURL)
	if a.Site == "" && a.CanonicalURL != "" {
		if u, err := url.Parse(a.CanonicalURL); err == nil {
			a.Site = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	// Ingestion is where text is cleaned, so the engine's quote offsets
	// point into the text exactly as stored.
	a = briefing.CleanArticle(a)

	n := utf8.RuneCountInString(a.Text)
	if n <= maxPaywallTeaserRunes && hasPaywallMarkers(doc) {
		return briefing.Article{}, newError(ErrPaywall, fmt.Errorf("paywall markers and %d characters of text", n), "")
	}
	if n < minArticleRunes {
		return briefing.Article{}, newError(ErrEmpty, fmt.Errorf("%d characters of text", n), "")
	}
	if share := linkShare(textKey(a.Text), links); share > maxLinkShare {
		return briefing.Article{}, newError(ErrEmpty, fmt.Errorf("%.0f%% of the text is link text", share*100), "")
	}
	return a, nil
}

// decodeHTML converts page to valid UTF-8 using, in order, a byte-order
// mark, the Content-Type charset, a <meta> charset in the first 1024 bytes,
// and otherwise UTF-8 if the bytes are valid UTF-8, else windows-1252.
func decodeHTML(page []byte, contentType string) string {
	enc, name, certain := charset.DetermineEncoding(page, contentType)
	if !certain && name != "utf-8" && utf8.Valid(page) {
		// A meta tag (or the windows-1252 guess) that contradicts bytes
		// which are valid UTF-8 is wrong far more often than not.
		enc, name = nil, "utf-8"
	}
	out := page
	if enc != nil && name != "utf-8" {
		if decoded, err := enc.NewDecoder().Bytes(page); err == nil {
			out = decoded
		}
	}
	out = bytes.TrimPrefix(out, []byte("\xef\xbb\xbf"))
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

// tooManyTags counts start tags with the tokenizer, which builds no tree,
// so a page of a million empty elements is refused before it is parsed
// into a million nodes. Pages too short to hold limit tags skip the scan;
// the element count after parsing still applies to them.
func tooManyTags(text string, limit int) bool {
	if len(text) < 3*limit { // "<a>" is the shortest start tag
		return false
	}
	z := html.NewTokenizer(strings.NewReader(text))
	n := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.SelfClosingTagToken:
			if n++; n > limit {
				return true
			}
		}
	}
}

// countElements counts element nodes, stopping early once over limit.
func countElements(doc *html.Node, limit int) int {
	n := 0
	var walk func(*html.Node) bool
	walk = func(node *html.Node) bool {
		if node.Type == html.ElementNode {
			n++
			if n > limit {
				return false
			}
		}
		for c := node.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(doc)
	return n
}

type pageMeta struct {
	title, byline, site, language, image string
	published                            time.Time
}

// runExtractors runs trafilatura, asks readability when trafilatura's text
// looks wrong, and returns the chosen text, pruned, with merged metadata.
func runExtractors(doc *html.Node, pageURL *url.URL, links map[string]bool) (string, pageMeta) {
	var meta pageMeta
	var blocks []block
	// Measured on the article-extraction benchmark: FavorPrecision and
	// FavorRecall, EnableFallback (readability + DOM distiller inside
	// trafilatura) and ExcludeTables all scored the same or worse than
	// the balanced default. IncludeLinks would help spot link lists but
	// makes trafilatura reorder text around links, so it stays off.
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		OriginalURL:     pageURL,
		ExcludeComments: true,
		Deduplicate:     true,
		HtmlDateMode:    trafilatura.Fast,
	})
	if err == nil && res != nil {
		blocks = collectBlocks(res.ContentNode)
		meta = pageMeta{
			title:     res.Metadata.Title,
			byline:    res.Metadata.Author,
			site:      res.Metadata.Sitename,
			language:  res.Metadata.Language,
			published: res.Metadata.Date,
			image:     res.Metadata.Image,
		}
	}

	trafRunes := blockRunes(blocks)
	tooShort := trafRunes < minTrafilaturaRunes
	// One long paragraph is trafilatura's last-resort output (all text of
	// <article> or of JSON-LD articleBody, flattened): paragraph breaks and
	// the line between captions and text are lost.
	flattened := len(blocks) == 1 && trafRunes > 500
	if tooShort || flattened || meta.title == "" {
		art, err := readability.FromDocument(doc, pageURL)
		if err == nil {
			if art.Node != nil {
				rb := collectBlocks(art.Node)
				rr := blockRunes(rb)
				switch {
				case tooShort && rr > trafRunes:
					blocks = rb
				case flattened && len(rb) > 1 && rr*2 > trafRunes:
					blocks = rb
				}
			}
			meta.title = or(meta.title, art.Title())
			meta.byline = or(meta.byline, art.Byline())
			meta.site = or(meta.site, art.SiteName())
			meta.language = or(meta.language, art.Language())
			if meta.published.IsZero() {
				if t, err := art.PublishedTime(); err == nil {
					meta.published = t
				}
			}
		}
	}
	return renderText(pruneBlocks(blocks, meta.title, links)), meta
}

func blockRunes(blocks []block) int {
	n := 0
	for _, b := range blocks {
		n += utf8.RuneCountInString(b.text)
	}
	return n
}

func or(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// clean collapses whitespace and drops invalid UTF-8.
func clean(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "")), " ")
}

// canonicalURL picks the page's declared canonical address when it is on
// the same site as pageURL (or when there is no pageURL), else pageURL, and
// canonicalizes it. It returns "" when neither is usable.
func canonicalURL(doc *html.Node, pageURL *url.URL) string {
	for _, href := range declaredCanonicals(doc) {
		ref, err := url.Parse(strings.TrimSpace(href))
		if err != nil {
			continue
		}
		if pageURL != nil {
			ref = pageURL.ResolveReference(ref)
		}
		if !ref.IsAbs() {
			continue
		}
		if pageURL != nil && !sameSite(ref.Hostname(), pageURL.Hostname()) {
			continue
		}
		if c, err := Canonicalize(ref.String()); err == nil {
			return c
		}
	}
	if pageURL != nil {
		if c, err := Canonicalize(pageURL.String()); err == nil {
			return c
		}
	}
	return ""
}

// declaredCanonicals returns <link rel=canonical> hrefs, then og:url values.
func declaredCanonicals(doc *html.Node) []string {
	var links, og []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") && attr(n, "href") != "" {
					links = append(links, attr(n, "href"))
				}
			case atom.Meta:
				if strings.EqualFold(attr(n, "property"), "og:url") || strings.EqualFold(attr(n, "name"), "og:url") {
					if c := attr(n, "content"); c != "" {
						og = append(og, c)
					}
				}
			case atom.Body:
				// Canonical declarations belong in <head>; a body full of
				// user content must not be able to declare one.
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return append(links, og...)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, token string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}

// hasPaywallMarkers reports whether the page declares itself paywalled:
// schema.org isAccessibleForFree=false (JSON-LD or microdata) or an
// article:content_tier of "locked". Class names like "paywall" are not
// used: free articles carry login widgets named that way too.
func hasPaywallMarkers(doc *html.Node) bool {
	found := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					if s := strings.ToLower(strings.ReplaceAll(nodeText(n), " ", "")); strings.Contains(s, `"isaccessibleforfree":false`) ||
						strings.Contains(s, `"isaccessibleforfree":"false"`) {
						found = true
						return
					}
				}
			case atom.Meta:
				if strings.EqualFold(attr(n, "itemprop"), "isAccessibleForFree") && strings.EqualFold(attr(n, "content"), "false") ||
					strings.EqualFold(attr(n, "property"), "article:content_tier") && strings.EqualFold(attr(n, "content"), "locked") {
					found = true
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// publishedTime prefers a full timestamp the page declares (meta tags or
// JSON-LD datePublished) over the extractor's date, which is day-precise,
// as long as both name the same day or the extractor found none.
func publishedTime(doc *html.Node, extracted time.Time) time.Time {
	declared := declaredPublished(doc)
	switch {
	case declared.IsZero():
		return extracted
	case extracted.IsZero() || declared.Format(time.DateOnly) == extracted.UTC().Format(time.DateOnly):
		return declared
	}
	return extracted
}

var rxDatePublished = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]{10,40})"`)

// declaredPublished finds the first parseable publication timestamp in
// the page's meta tags or JSON-LD.
func declaredPublished(doc *html.Node) time.Time {
	var found time.Time
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if !found.IsZero() {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				if key == "article:published_time" || key == "datepublished" || key == "og:article:published_time" {
					found = parseTimestamp(attr(n, "content"))
				}
			case atom.Time:
				if strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					found = parseTimestamp(attr(n, "datetime"))
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					if m := rxDatePublished.FindStringSubmatch(nodeText(n)); m != nil {
						found = parseTimestamp(m[1])
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// parseTimestamp accepts the ISO 8601 forms sites use; only timestamps
// with a time of day and a zone are worth more than the extractor's date.
func parseTimestamp(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() > 1900 && t.Year() < 3000 {
			return t
		}
	}
	return time.Time{}
}

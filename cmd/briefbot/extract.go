package main

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/fetch"
)

// extractJSON is the extract contract's shape; published is RFC 3339 or "".
type extractJSON struct {
	URL          string `json:"url"`
	CanonicalURL string `json:"canonical_url"`
	Title        string `json:"title"`
	Byline       string `json:"byline"`
	Site         string `json:"site"`
	Published    string `json:"published"`
	Language     string `json:"language"`
	// Image is an extra field the contract allows: the page's preview
	// image, an absolute http(s) link, absent when the page has none.
	Image string `json:"image,omitempty"`
	Text  string `json:"text"`
}

func cmdExtract(ctx context.Context, e env, args []string) error {
	var (
		asJSON  bool
		pageURL string
		timeout time.Duration
	)
	fs := newFlagSet(e, "extract", "SOURCE",
		"SOURCE is an .html file, a URL, or - for stdin. Prints the page's main text and metadata.")
	fs.BoolVar(&asJSON, "json", false, "print one JSON object (the documented contract)")
	fs.StringVar(&pageURL, "url", "", "the page's address when SOURCE is a file (relative links, canonical URL, site)")
	fs.DurationVar(&timeout, "timeout", fetch.DefaultTimeout, "give up fetching after this long")
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("want exactly one SOURCE (an .html file, a URL or -): %w", errUsage)
	}
	src := pos[0]
	kind, err := classifySource(src)
	if err != nil {
		return err
	}
	opts := e.fetchOptions(timeout)
	var a briefing.Article
	if kind == sourceURL {
		a, err = loadArticle(ctx, e, src, "", opts)
	} else {
		// Any file is read as HTML here: extract has no plain-text form.
		var data []byte
		if data, err = readSource(ctx, e, src); err == nil {
			a, err = extractHTML(ctx, data, pageURL, opts)
		}
	}
	if err != nil {
		return err
	}
	if asJSON {
		out := extractJSON{URL: a.URL, CanonicalURL: a.CanonicalURL, Title: a.Title, Byline: a.Byline,
			Site: a.Site, Language: a.Language, Image: a.Image, Text: a.Text}
		if !a.Published.IsZero() {
			out.Published = a.Published.UTC().Format(time.RFC3339)
		}
		return writeJSON(e.stdout, out)
	}
	fmt.Fprintln(e.stdout, a.Title)
	for _, kv := range [][2]string{{"URL", a.CanonicalURL}, {"By", a.Byline}, {"Site", a.Site}, {"Date", formatDate(a.Published)}, {"Language", a.Language}, {"Image", a.Image}} {
		if kv[1] != "" {
			fmt.Fprintf(e.stdout, "%s: %s\n", kv[0], kv[1])
		}
	}
	fmt.Fprintf(e.stdout, "\n%s\n", a.Text)
	return nil
}

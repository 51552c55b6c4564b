package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/fetch"
)

// maxSourceBytes caps files and stdin the way the fetcher caps pages, so a
// wrong path (a video, a disk image) fails fast instead of filling memory.
const maxSourceBytes = 5 << 20

// sourceKind says how a SOURCE argument is read.
type sourceKind int

const (
	sourceText sourceKind = iota // plain text: first line the headline
	sourceHTML                   // an HTML page to extract
	sourceURL                    // fetched over the network
)

func classifySource(src string) sourceKind {
	lower := strings.ToLower(src)
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		return sourceURL
	}
	switch strings.ToLower(filepath.Ext(src)) {
	case ".html", ".htm", ".xhtml":
		return sourceHTML
	}
	return sourceText
}

// readSource reads a file or stdin ("-"), refusing anything over the cap.
func readSource(e env, src string) ([]byte, error) {
	var r io.Reader
	if src == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(src)
		if err != nil {
			return nil, fmt.Errorf("open source: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxSourceBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read source: %w", err)
	}
	if len(data) > maxSourceBytes {
		return nil, fmt.Errorf("%s is larger than %d MiB; briefbot reads single articles only", src, maxSourceBytes>>20)
	}
	return data, nil
}

// looksLikeHTML decides how to read stdin, which has no file extension.
func looksLikeHTML(data []byte) bool {
	head := bytes.TrimLeft(data[:min(len(data), 512)], " \t\r\n\ufeff")
	return bytes.HasPrefix(head, []byte("<"))
}

// articleFromText reads the plain-text form: the first line is the headline,
// and the whole text, headline included, is what the engine reads (quotes in
// headlines count, and offsets must point into the text as read).
func articleFromText(data []byte) (briefing.Article, error) {
	text := strings.ToValidUTF8(string(data), "\uFFFD")
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if strings.TrimSpace(text) == "" {
		return briefing.Article{}, errors.New("the text is empty: give a file with a headline and the article's paragraphs")
	}
	title, _, _ := strings.Cut(strings.TrimLeft(text, " \t\n"), "\n")
	return briefing.Article{Title: strings.TrimSpace(title), Text: text}, nil
}

// loadArticle turns any SOURCE into an Article: text is read as is, HTML and
// URLs go through extraction. pageURL gives an HTML file its address.
func loadArticle(ctx context.Context, e env, src, pageURL string, opts fetch.Options) (briefing.Article, error) {
	kind := classifySource(src)
	if kind == sourceURL {
		a, err := fetch.New(opts).Fetch(ctx, src)
		if err != nil {
			return briefing.Article{}, fmt.Errorf("fetch %s: %w", src, err)
		}
		return a, nil
	}
	data, err := readSource(e, src)
	if err != nil {
		return briefing.Article{}, err
	}
	if kind == sourceHTML || (src == "-" && looksLikeHTML(data)) {
		return extractHTML(ctx, data, pageURL, opts)
	}
	return articleFromText(data)
}

func extractHTML(ctx context.Context, data []byte, pageURL string, opts fetch.Options) (briefing.Article, error) {
	a, err := fetch.Extract(ctx, data, "text/html", pageURL, opts)
	if err != nil {
		return briefing.Article{}, fmt.Errorf("extract article: %w", err)
	}
	return a, nil
}

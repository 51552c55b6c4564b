package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

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

// rxScheme matches a URL scheme at the start of a SOURCE ("gopher:",
// "file://"); a one-letter one is a Windows drive ("C:\news.txt").
var rxScheme = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]+):`)

// classifySource decides what SOURCE is, the way the bot reads a pasted
// link: any http(s) link and a bare "example.com/news/x" are URLs (a bare
// host only when no such file exists), other schemes are refused as links,
// and everything else is a file, read by its extension.
func classifySource(src string) (sourceKind, error) {
	if src == "-" {
		return sourceText, nil
	}
	if m := rxScheme.FindStringSubmatch(src); m != nil {
		switch strings.ToLower(m[1]) {
		case "http", "https":
			return sourceURL, nil
		}
		if _, err := fetch.ParseUserURL(src); err != nil {
			return 0, fmt.Errorf("%s: %w", src, err)
		}
		return sourceURL, nil
	}
	if _, err := os.Stat(src); err != nil && errors.Is(err, fs.ErrNotExist) && looksLikeBareLink(src) {
		return sourceURL, nil
	}
	switch strings.ToLower(filepath.Ext(src)) {
	case ".html", ".htm", ".xhtml":
		return sourceHTML, nil
	}
	return sourceText, nil
}

// looksLikeBareLink reports "news.example.com/path" typed without a
// scheme: a host whose last label is a real top-level domain, so
// "story.txt" or "page.html" stay file names.
func looksLikeBareLink(s string) bool {
	if strings.ContainsAny(s, `\ `) || strings.HasPrefix(s, ".") || strings.HasPrefix(s, "/") {
		return false
	}
	u, err := fetch.ParseUserURL(s)
	if err != nil {
		return false
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if !strings.Contains(host, ".") {
		return false
	}
	_, icann := publicsuffix.PublicSuffix(host)
	return icann
}

// readSource reads a file or stdin ("-"), refusing anything over the cap.
// It returns when ctx ends even if the read is blocked (a terminal or a
// pipe that sends nothing).
func readSource(ctx context.Context, e env, src string) ([]byte, error) {
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
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(io.LimitReader(r, maxSourceBytes+1))
		done <- result{data, err}
	}()
	var data []byte
	select {
	case res := <-done:
		if res.err != nil {
			return nil, fmt.Errorf("read source: %w", res.err)
		}
		data = res.data
	case <-ctx.Done():
		return nil, fmt.Errorf("read source: %w", ctx.Err())
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

// decodeText turns a plain-text file into UTF-8. UTF-8 (with or without a
// byte-order mark) and UTF-16 with one are read as they are; anything else
// is detected and the charset named in the returned note, or refused when
// no charset reads it as text.
func decodeText(data []byte) (text, note string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", "", fmt.Errorf("read UTF-16 text: %w", err)
		}
		return string(out), "", nil
	case utf8.Valid(data):
		return string(data), "", nil
	}
	name := "windows-1252"
	if r, err := chardet.NewTextDetector().DetectBest(data); err == nil && r.Confidence >= 30 {
		name = r.Charset
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		// A charset chardet knows and the web's index does not.
		enc, name, _ = charset.DetermineEncoding(data, "text/plain")
	}
	if canonical, err := htmlindex.Name(enc); err == nil {
		name = canonical // "ISO-8859-1" is read as windows-1252, as browsers do
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil || !readable(string(out)) {
		return "", "", errors.New("the file is not UTF-8 and no charset reads it as text: save it as UTF-8 and try again")
	}
	return string(out), fmt.Sprintf("the file is not UTF-8; read it as %s", name), nil
}

// readable reports whether decoded text is mostly letters, digits,
// punctuation and spaces rather than controls or replacement characters.
func readable(s string) bool {
	bad, n := 0, 0
	for _, r := range s {
		n++
		if r == utf8.RuneError || r < 0x20 && r != '\n' && r != '\t' && r != '\r' || r >= 0x80 && r <= 0x9f {
			bad++
		}
	}
	return n == 0 || bad*50 < n
}

// articleFromText reads the plain-text form: the first line is the headline,
// and the whole text, headline included, is what the engine reads (quotes in
// headlines count, and offsets must point into the text as read).
func articleFromText(data []byte) (briefing.Article, string, error) {
	if err := fetch.SniffNotText(data); err != nil {
		return briefing.Article{}, "", err
	}
	text, note, err := decodeText(data)
	if err != nil {
		return briefing.Article{}, "", err
	}
	text = strings.TrimPrefix(text, "\ufeff")
	// Cleaned here, before the engine reads it, so quote offsets point
	// into the text as it is stored and shown.
	text = briefing.CleanText(text)
	if strings.TrimSpace(text) == "" {
		return briefing.Article{}, "", errors.New("the text is empty: give a file with a headline and the article's paragraphs")
	}
	title, _, _ := strings.Cut(strings.TrimLeft(text, " \t\n"), "\n")
	return briefing.Article{Title: briefing.CapRunes(briefing.CleanLine(title), briefing.MaxTitleRunes), Text: text}, note, nil
}

// loadArticle turns any SOURCE into an Article: text is read as is, HTML and
// URLs go through extraction. pageURL gives a file its address. Notes on how
// a file was read (its charset) go to stderr.
func loadArticle(ctx context.Context, e env, src, pageURL string, opts fetch.Options) (briefing.Article, error) {
	kind, err := classifySource(src)
	if err != nil {
		return briefing.Article{}, err
	}
	if kind == sourceURL {
		a, err := fetch.New(opts).Fetch(ctx, src)
		if err != nil {
			return briefing.Article{}, fmt.Errorf("fetch %s: %w", src, err)
		}
		return a, nil
	}
	data, err := readSource(ctx, e, src)
	if err != nil {
		return briefing.Article{}, err
	}
	if kind == sourceHTML || (src == "-" && looksLikeHTML(data)) {
		return extractHTML(ctx, data, pageURL, opts)
	}
	a, note, err := articleFromText(data)
	if err != nil {
		return briefing.Article{}, fmt.Errorf("read %s: %w", src, err)
	}
	if note != "" {
		fmt.Fprintf(e.stderr, "briefbot: note: %s\n", note)
	}
	return a, nil
}

func extractHTML(ctx context.Context, data []byte, pageURL string, opts fetch.Options) (briefing.Article, error) {
	a, err := fetch.Extract(ctx, data, "text/html", pageURL, opts)
	if err != nil {
		return briefing.Article{}, fmt.Errorf("extract article: %w", err)
	}
	return a, nil
}

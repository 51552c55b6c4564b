// Package fetch turns a link into a briefing.Article: a guarded HTTP client
// (timeouts, size cap after decompression, no private networks, no proxies,
// few redirects) followed by charset decoding and main-text extraction.
//
// It is the only network code of the engine. Every error it returns matches
// one of the package's sentinel errors and reads as a sentence a Discord user
// can act on.
package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// DefaultUserAgent names the bot and where to read about it, so site owners
// can tell who is calling. Callers with a build version set Options.UserAgent.
const DefaultUserAgent = "briefbot/dev (+https://github.com/briefbot/briefbot)"

// Defaults for zero Options fields.
const (
	DefaultTimeout        = 20 * time.Second
	DefaultExtractTimeout = 10 * time.Second
	DefaultMaxBodyBytes   = 5 << 20
	DefaultMaxRedirects   = 5
	DefaultMaxNodes       = 100_000
)

// Options configure a Fetcher and Extract. Zero fields get the defaults above.
type Options struct {
	// Timeout bounds a whole fetch: connecting, redirects, headers and body.
	// Dialling, the TLS handshake and waiting for headers each get at most
	// half of it (and no more than 10 s) so a stalled step fails early.
	Timeout time.Duration
	// ExtractTimeout bounds the parse and extraction of one page.
	ExtractTimeout time.Duration
	// MaxBodyBytes caps the page size after decompression.
	MaxBodyBytes int64
	// MaxRedirects is how many redirects are followed; negative means none.
	MaxRedirects int
	// MaxNodes caps the element count of a parsed page.
	MaxNodes int
	// UserAgent is sent with every request.
	UserAgent string
	// AllowLoopback permits 127.0.0.0/8 and ::1, for tests serving pages
	// from httptest. Private and other special ranges stay blocked.
	AllowLoopback bool
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.ExtractTimeout <= 0 {
		o.ExtractTimeout = DefaultExtractTimeout
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	switch {
	case o.MaxRedirects == 0:
		o.MaxRedirects = DefaultMaxRedirects
	case o.MaxRedirects < 0:
		o.MaxRedirects = 0
	}
	if o.MaxNodes <= 0 {
		o.MaxNodes = DefaultMaxNodes
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	return o
}

// Fetcher fetches and extracts articles. It is safe for concurrent use; build
// one and share it so connections are reused.
type Fetcher struct {
	opts   Options
	client *http.Client
	// extractSlots bounds CPU spent on extraction, including extractions
	// still running after their caller gave up on them.
	extractSlots chan struct{}
}

// New builds a Fetcher and its HTTP client.
func New(opts Options) *Fetcher {
	opts = opts.withDefaults()
	step := min(opts.Timeout/2, 10*time.Second)
	dialer := &net.Dialer{
		Timeout:   step,
		KeepAlive: 30 * time.Second,
		Control:   dialControl(opts.AllowLoopback),
	}
	transport := &http.Transport{
		Proxy:                  nil, // a proxy would dial on our behalf and bypass the address check
		DialContext:            dialer.DialContext,
		TLSHandshakeTimeout:    step,
		ResponseHeaderTimeout:  step,
		ExpectContinueTimeout:  time.Second,
		IdleConnTimeout:        90 * time.Second,
		MaxIdleConns:           32,
		MaxIdleConnsPerHost:    2,
		MaxResponseHeaderBytes: 64 << 10,
		// We ask for gzip and decode it ourselves so the size cap applies
		// to the decoded bytes and unknown encodings are refused.
		DisableCompression: true,
		ForceAttemptHTTP2:  true,
		TLSClientConfig:    &tls.Config{MinVersion: tls.VersionTLS12},
	}
	maxRedirects := opts.MaxRedirects
	client := &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return newError(ErrTooManyRedirects, fmt.Errorf("stopped after %d redirects", maxRedirects), "")
			}
			if err := checkWebURL(req.URL); err != nil {
				return newError(ErrBadURL, err, "that link redirects to an address the bot can't fetch")
			}
			return nil
		},
	}
	return &Fetcher{
		opts:         opts,
		client:       client,
		extractSlots: make(chan struct{}, max(2, runtime.GOMAXPROCS(0))),
	}
}

// Fetch downloads the page at rawURL and extracts its article. Article.URL
// is the link as given (normalised by ParseUserURL); CanonicalURL is the
// page's own canonical link when it is on the same site, else the address
// after redirects, in Canonicalize form.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (briefing.Article, error) {
	u, err := ParseUserURL(rawURL)
	if err != nil {
		return briefing.Article{}, err
	}
	body, contentType, finalURL, err := f.download(ctx, u)
	if err != nil {
		return briefing.Article{}, err
	}

	select {
	case f.extractSlots <- struct{}{}:
	case <-ctx.Done():
		return briefing.Article{}, ctxError(ctx.Err())
	}
	release := func() { <-f.extractSlots }
	a, err := extract(ctx, body, contentType, finalURL, f.opts, release)
	if err != nil {
		return briefing.Article{}, err
	}
	a.URL = u.String()
	return a, nil
}

// download performs the GET and returns the decoded, capped body.
func (f *Fetcher) download(ctx context.Context, u *url.URL) (body []byte, contentType string, final *url.URL, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", nil, newError(ErrBadURL, err, "")
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	req.Header.Set("Accept-Encoding", "gzip")

	resp, err := f.client.Do(req)
	if err != nil {
		return nil, "", nil, classifyRequestError(ctx, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", nil, &StatusError{Code: resp.StatusCode}
	}
	contentType = resp.Header.Get("Content-Type")
	if err := checkContentType(contentType); err != nil {
		return nil, "", nil, err
	}
	if resp.ContentLength > f.opts.MaxBodyBytes && resp.Header.Get("Content-Encoding") == "" {
		return nil, "", nil, tooLarge(f.opts.MaxBodyBytes)
	}

	var r io.Reader = resp.Body
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, "", nil, newError(ErrNotArticle, fmt.Errorf("open gzip body: %w", err), "the site sent a damaged compressed page")
		}
		defer zr.Close()
		r = zr
	default:
		return nil, "", nil, newError(ErrNotArticle, fmt.Errorf("content encoding %q", enc), "the site sent the page in a compression the bot can't read")
	}

	body, err = readCapped(r, f.opts.MaxBodyBytes)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, "", nil, err
		}
		if ctx.Err() != nil || isTimeout(err) {
			return nil, "", nil, classifyRequestError(ctx, err)
		}
		return nil, "", nil, newError(ErrUnreachable, fmt.Errorf("read body: %w", err), "the site stopped sending the page halfway; try again later")
	}
	// Whatever the declared type, bytes that are not text are refused
	// before they reach the extractors (a PDF served as text/html).
	if err := SniffNotText(body); err != nil {
		return nil, "", nil, err
	}
	if contentType == "" {
		// No declared type: accept only what sniffs as HTML.
		if sniffed := http.DetectContentType(body); !strings.HasPrefix(sniffed, "text/html") {
			return nil, "", nil, notArticleType(sniffed)
		}
	}
	return body, contentType, resp.Request.URL, nil
}

// readCapped reads r to the end, failing with ErrTooLarge as soon as more
// than limit bytes arrive, so memory stays bounded whatever r expands to.
func readCapped(r io.Reader, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, tooLarge(limit)
	}
	return buf.Bytes(), nil
}

func tooLarge(limit int64) error {
	return newError(ErrTooLarge, fmt.Errorf("body over %d bytes", limit),
		fmt.Sprintf("that page is larger than %d MB, too large to read", max(1, limit>>20)))
}

// checkContentType accepts HTML and XHTML (and a missing type, which is
// sniffed later) and says what anything else is.
func checkContentType(contentType string) error {
	if strings.TrimSpace(contentType) == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		// A malformed header: judge by its first word.
		mt, _, _ = strings.Cut(contentType, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return nil
	}
	return notArticleType(mt)
}

// notArticleType is the ErrNotArticle for a media type, naming what it is.
func notArticleType(mediaType string) error {
	mt, _, _ := strings.Cut(mediaType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	kind := "a file"
	switch major, minor, _ := strings.Cut(mt, "/"); {
	case mt == "application/pdf":
		kind = "a PDF document"
	case major == "image":
		kind = "an image"
	case major == "video":
		kind = "a video"
	case major == "audio":
		kind = "an audio file"
	case mt == "application/json" || strings.HasSuffix(minor, "+json"):
		kind = "JSON data"
	case mt == "application/rss+xml" || mt == "application/atom+xml":
		kind = "a news feed"
	case mt == "text/xml" || mt == "application/xml" || strings.HasSuffix(minor, "+xml"):
		kind = "an XML document"
	case mt == "text/plain":
		kind = "a plain text file"
	case mt == "text/csv":
		kind = "a spreadsheet"
	case strings.Contains(minor, "zip") || strings.Contains(minor, "compressed") || mt == "application/octet-stream":
		kind = "a download"
	case strings.Contains(minor, "msword") || strings.Contains(minor, "officedocument") || strings.Contains(minor, "opendocument"):
		kind = "an office document"
	}
	if mt == "" {
		mt = "unknown type"
	}
	return newError(ErrNotArticle, fmt.Errorf("content type %q", mediaType),
		fmt.Sprintf("that link is %s (%s), not an article page", kind, mt))
}

// classifyRequestError maps a client.Do or body read error to the
// package's errors.
func classifyRequestError(ctx context.Context, err error) error {
	var fe *fetchError
	if errors.As(err, &fe) {
		// Our own refusal from the dialer or the redirect check.
		return newError(fe.kind, err, fe.msg)
	}
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return newError(ErrTimeout, err, "")
		}
		return ctxError(ctx.Err())
	}
	if isTimeout(err) {
		return newError(ErrTimeout, err, "")
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return newError(ErrUnreachable, err, "that site's name doesn't exist; check the link for typos")
	}
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) {
		return newError(ErrUnreachable, err, "the site's security certificate is not valid, so the bot won't read it")
	}
	return newError(ErrUnreachable, err, "")
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// ctxError reports a caller's cancellation; it is not the site's fault, so
// it keeps matching context.Canceled rather than a sentinel of ours.
func ctxError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return newError(ErrTimeout, err, "")
	}
	return fmt.Errorf("fetch cancelled: %w", err)
}

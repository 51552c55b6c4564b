package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

const testUserAgent = "briefbot/test (+https://github.com/briefbot/briefbot)"

// testSite serves every page the fetch tests need from 127.0.0.1.
type testSite struct {
	*httptest.Server
	mu      sync.Mutex
	headers http.Header // request headers of the last /article request
}

func newTestSite(t *testing.T) *testSite {
	t.Helper()
	article := readTestdata(t, "article.html")
	cp1252 := readTestdata(t, "cp1252-header.html")
	latin9Meta := readTestdata(t, "latin9-meta.html")
	noArticle := readTestdata(t, "noarticle.html")
	invalidUTF8 := readTestdata(t, "invalid-utf8.html")
	gallery := readTestdata(t, "pier-gallery.html")
	bomb := gzipBomb(t, 256) // 256 MiB of zeros in about 256 KB

	site := &testSite{}
	mux := http.NewServeMux()
	serve := func(path, contentType string, body []byte) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			w.Write(body)
		})
	}
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		site.mu.Lock()
		site.headers = r.Header.Clone()
		site.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(article)
	})
	// The same article without a canonical link, for query handling.
	serve("/plain", "text/html; charset=utf-8", withCanonical(article, ""))
	serve("/canon-same", "text/html; charset=utf-8", withCanonical(article, "/news/harbour-ferry-returns?utm_source=rss&amp;b=2&amp;a=1"))
	serve("/canon-other", "text/html; charset=utf-8", withCanonical(article, "https://elsewhere.example/story/1"))
	// The gallery page lives at /img/relative; the others swap its preview
	// image meta tags for values that must be refused.
	serve("/img/relative", "text/html; charset=utf-8", gallery)
	serve("/img/javascript", "text/html; charset=utf-8", withImageMeta(gallery, "javascript:alert(document.cookie)", ""))
	serve("/img/data", "text/html; charset=utf-8", withImageMeta(gallery, "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==", ""))
	serve("/img/data-then-twitter", "text/html; charset=utf-8", withImageMeta(gallery, "data:image/png;base64,iVBORw0KGgo=",
		"https://cdn.lakeside-courier.example/social/pier-gallery-card.jpg"))
	serve("/cp1252", "text/html; charset=windows-1252", cp1252)
	serve("/latin9-meta", "text/html", latin9Meta)
	serve("/no-type", "", article)
	serve("/empty", "text/html; charset=utf-8", noArticle)
	serve("/invalid-utf8", "text/html", invalidUTF8)
	serve("/doc.pdf", "application/pdf", []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"))
	serve("/photo", "image/jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"))
	serve("/clip", "video/mp4", []byte("\x00\x00\x00\x18ftypmp42"))
	serve("/data", "application/json", []byte(`{"a":1}`))
	serve("/untyped-binary", "", []byte("%PDF-1.7\n"))
	mux.HandleFunc("/gzipped", func(w http.ResponseWriter, r *http.Request) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(article)
		zw.Close()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(buf.Bytes())
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	mux.HandleFunc("/brotli", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "br")
		w.Write([]byte{0x1b, 0x03})
	})
	mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(200<<10))
		w.Write(bytes.Repeat([]byte("<p>filler</p>"), (200<<10)/13))
	})
	mux.HandleFunc("/huge-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>filler</p>"), 1000)
		for range 20 { // 260 KB, no Content-Length
			if _, err := w.Write(chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/status/", func(w http.ResponseWriter, r *http.Request) {
		var code int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/status/"), "%d", &code)
		w.WriteHeader(code)
		fmt.Fprintf(w, "<html><body><h1>Error %d</h1></body></html>", code)
	})
	// /hop/N redirects N times before landing on the article.
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/hop/"), "%d", &n)
		if n <= 0 {
			http.Redirect(w, r, "/plain?id=7&utm_source=hop", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusMovedPermanently)
	})
	redirect := func(path, to string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) })
	}
	redirect("/to-private", "http://10.0.0.1/admin")
	redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
	redirect("/to-cgnat", "http://100.64.0.1/")
	redirect("/to-mapped", "http://[::ffff:192.168.0.1]/")
	redirect("/to-ftp", "ftp://files.example/report.pdf")
	redirect("/to-creds", "http://user:pw@127.0.0.1/")
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers; returns when the client gives up
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>The first words arrive, and then"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})

	site.Server = httptest.NewServer(mux)
	t.Cleanup(site.Close)
	return site
}

// withCanonical replaces the canonical link of article.html (href "" removes it).
func withCanonical(page []byte, href string) []byte {
	const old = `<link rel="canonical" href="https://www.lakeside-courier.example/news/2024/05/harbour-ferry-returns?utm_source=rss&amp;utm_medium=feed">`
	repl := ""
	if href != "" {
		repl = `<link rel="canonical" href="` + href + `">`
	}
	out := bytes.Replace(page, []byte(old), []byte(repl), 1)
	if bytes.Equal(out, page) {
		panic("article.html has no canonical link to replace")
	}
	return out
}

// withImageMeta sets the og:image and twitter:image contents of
// pier-gallery.html ("" removes the tag).
func withImageMeta(page []byte, og, twitter string) []byte {
	replace := func(page []byte, old, tag string) []byte {
		if !bytes.Contains(page, []byte(old)) {
			panic("pier-gallery.html lacks " + old)
		}
		return bytes.Replace(page, []byte(old), []byte(tag), 1)
	}
	tag := func(attr, key, val string) string {
		if val == "" {
			return ""
		}
		return `<meta ` + attr + `="` + key + `" content="` + val + `">`
	}
	page = replace(page, `<meta property="og:image" content="../media/pier-gallery.jpg?w=1200">`, tag("property", "og:image", og))
	return replace(page, `<meta name="twitter:image" content="https://cdn.lakeside-courier.example/social/pier-gallery-card.jpg">`,
		tag("name", "twitter:image", twitter))
}

// gzipBomb is mib gzip members of 1 MiB of zeros each; readers decode them
// as one stream.
func gzipBomb(t *testing.T, mib int) []byte {
	t.Helper()
	var member bytes.Buffer
	zw, err := gzip.NewWriterLevel(&member, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	return bytes.Repeat(member.Bytes(), mib)
}

func testOptions() Options {
	return Options{Timeout: 5 * time.Second, UserAgent: testUserAgent, AllowLoopback: true}
}

func TestFetch(t *testing.T) {
	site := newTestSite(t)
	base := site.URL
	f := New(testOptions())

	tests := []struct {
		name, path string
		// on success
		wantCanonical string
		contains      []string
		// on failure
		wantErr    error
		wantStatus int
		wantMsg    string
	}{
		{name: "plain article", path: "/article", wantCanonical: base + "/article",
			contains: []string{"The Windrush Belle carried its first paying passengers", "said Olive Brannagh"}},
		{name: "gzip encoded article", path: "/gzipped", wantCanonical: base + "/gzipped",
			contains: []string{"The Windrush Belle carried its first paying passengers"}},
		{name: "windows-1252 declared in the header only", path: "/cp1252", wantCanonical: base + "/cp1252",
			contains: []string{"raconte Loïc Le Bihan", "fixé à 3 €", "l'Église de Trévennec"}},
		{name: "ISO-8859-15 declared in a meta tag only", path: "/latin9-meta", wantCanonical: base + "/latin9-meta",
			contains: []string{"fixé à 3 €", "cœur historique du village"}},
		{name: "no content type, sniffed as HTML", path: "/no-type", wantCanonical: base + "/no-type",
			contains: []string{"The Windrush Belle"}},
		{name: "invalid UTF-8 in the page", path: "/invalid-utf8", wantCanonical: base + "/invalid-utf8",
			contains: []string{"harbour café on Quay Street", "\ufffd Stray bytes"}},
		{name: "tracking parameters dropped", path: "/plain?utm_source=x&fbclid=y&id=7&utm_campaign=z#top", wantCanonical: base + "/plain?id=7",
			contains: []string{"The Windrush Belle"}},
		{name: "canonical link on the same site", path: "/canon-same", wantCanonical: base + "/news/harbour-ferry-returns?a=1&b=2",
			contains: []string{"The Windrush Belle"}},
		{name: "canonical link on another site ignored", path: "/canon-other?utm_medium=x", wantCanonical: base + "/canon-other",
			contains: []string{"The Windrush Belle"}},
		{name: "redirect chain within the limit", path: "/hop/4", wantCanonical: base + "/plain?id=7",
			contains: []string{"The Windrush Belle"}},

		{name: "PDF", path: "/doc.pdf", wantErr: ErrNotArticle, wantMsg: "that link is a PDF document (application/pdf), not an article page"},
		{name: "image", path: "/photo", wantErr: ErrNotArticle, wantMsg: "that link is an image (image/jpeg), not an article page"},
		{name: "video", path: "/clip", wantErr: ErrNotArticle, wantMsg: "that link is a video (video/mp4), not an article page"},
		{name: "JSON", path: "/data", wantErr: ErrNotArticle, wantMsg: "JSON data (application/json)"},
		{name: "untyped PDF bytes", path: "/untyped-binary", wantErr: ErrNotArticle, wantMsg: "that link is a PDF document"},
		{name: "unknown content encoding", path: "/brotli", wantErr: ErrNotArticle, wantMsg: "compression"},
		{name: "not found", path: "/status/404", wantErr: ErrHTTPStatus, wantStatus: 404, wantMsg: "404 Not Found; check the link"},
		{name: "gone", path: "/status/410", wantErr: ErrHTTPStatus, wantStatus: 410, wantMsg: "410 Gone"},
		{name: "forbidden", path: "/status/403", wantErr: ErrHTTPStatus, wantStatus: 403, wantMsg: "refused access (403 Forbidden)"},
		{name: "server error", path: "/status/500", wantErr: ErrHTTPStatus, wantStatus: 500, wantMsg: "had a problem (500 Internal Server Error); try again later"},
		{name: "bad gateway", path: "/status/502", wantErr: ErrHTTPStatus, wantStatus: 502, wantMsg: "502 Bad Gateway"},
		{name: "too many redirects", path: "/hop/5", wantErr: ErrTooManyRedirects, wantMsg: "redirects too many times"},
		{name: "redirect to a private address", path: "/to-private", wantErr: ErrBlockedAddress, wantMsg: "private or reserved network address"},
		{name: "redirect to cloud metadata", path: "/to-metadata", wantErr: ErrBlockedAddress},
		{name: "redirect to carrier-grade NAT", path: "/to-cgnat", wantErr: ErrBlockedAddress},
		{name: "redirect to IPv4-mapped private", path: "/to-mapped", wantErr: ErrBlockedAddress},
		{name: "redirect to ftp", path: "/to-ftp", wantErr: ErrBadURL, wantMsg: "redirects to an address the bot can't fetch"},
		{name: "redirect with credentials", path: "/to-creds", wantErr: ErrBadURL},
		{name: "page with no article", path: "/empty", wantErr: ErrEmpty, wantMsg: "no readable article text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, err := f.Fetch(context.Background(), base+tt.path)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantMsg) {
					t.Errorf("message %q lacks %q", err.Error(), tt.wantMsg)
				}
				if tt.wantStatus != 0 {
					var se *StatusError
					if !errors.As(err, &se) || se.Code != tt.wantStatus {
						t.Errorf("err = %#v, want *StatusError{Code: %d}", err, tt.wantStatus)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			checkArticle(t, a)
			if want := base + tt.path; a.URL != want {
				t.Errorf("URL = %q, want %q", a.URL, want)
			}
			if a.CanonicalURL != tt.wantCanonical {
				t.Errorf("CanonicalURL = %q, want %q", a.CanonicalURL, tt.wantCanonical)
			}
			for _, s := range tt.contains {
				if !strings.Contains(a.Text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
		})
	}
}

func TestFetchSendsHeaders(t *testing.T) {
	site := newTestSite(t)
	if _, err := New(testOptions()).Fetch(context.Background(), site.URL+"/article"); err != nil {
		t.Fatal(err)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	if got := site.headers.Get("User-Agent"); got != testUserAgent {
		t.Errorf("User-Agent = %q, want %q", got, testUserAgent)
	}
	if got := site.headers.Get("Accept"); got != "text/html,application/xhtml+xml" {
		t.Errorf("Accept = %q", got)
	}
	if !strings.HasPrefix(DefaultUserAgent, "briefbot/") || !strings.Contains(DefaultUserAgent, "(+https://github.com/briefbot/briefbot)") {
		t.Errorf("DefaultUserAgent %q does not name the bot and its page", DefaultUserAgent)
	}
}

func TestFetchRefusesBeforeConnecting(t *testing.T) {
	site := newTestSite(t)
	strict := New(Options{Timeout: 5 * time.Second}) // AllowLoopback off, as in production
	tests := []struct {
		name, url string
		wantErr   error
	}{
		{"loopback without the option", site.URL + "/article", ErrBlockedAddress},
		{"localhost by name", strings.Replace(site.URL, "127.0.0.1", "localhost", 1) + "/article", ErrBlockedAddress},
		{"private literal", "http://192.168.1.1/", ErrBlockedAddress},
		{"unspecified address", fmt.Sprintf("http://0.0.0.0:%d/article", site.Listener.Addr().(*net.TCPAddr).Port), ErrBlockedAddress},
		{"non-http scheme", "file:///etc/passwd", ErrBadURL},
		{"gopher", "gopher://example.com/", ErrBadURL},
		{"credentials", "https://admin:hunter2@example.com/", ErrBadURL},
		{"not a link", "hello there", ErrBadURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := strict.Fetch(context.Background(), tt.url)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
	// The loopback exception never opens private ranges.
	if _, err := New(testOptions()).Fetch(context.Background(), "http://10.1.2.3/"); !errors.Is(err, ErrBlockedAddress) {
		t.Errorf("AllowLoopback fetched a private address: %v", err)
	}
}

func TestFetchSizeLimits(t *testing.T) {
	site := newTestSite(t)
	small := testOptions()
	small.MaxBodyBytes = 64 << 10
	for _, path := range []string{"/huge-declared", "/huge-chunked"} {
		if _, err := New(small).Fetch(context.Background(), site.URL+path); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: err = %v, want ErrTooLarge", path, err)
		}
	}
}

// TestFetchGzipBomb checks that the cap applies to decoded bytes: 256 MiB
// of zeros arrive as ~256 KB of gzip and must be refused having allocated
// little more than the 5 MiB cap.
func TestFetchGzipBomb(t *testing.T) {
	site := newTestSite(t)
	f := New(testOptions()) // default cap, 5 MiB
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := f.Fetch(context.Background(), site.URL+"/bomb")
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), "larger than 5 MB") {
		t.Errorf("message %q does not state the limit", err.Error())
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 40<<20 {
		t.Errorf("allocated %d MiB reading a bomb capped at 5 MiB", alloc>>20)
	}
}

func TestFetchTimeouts(t *testing.T) {
	site := newTestSite(t)
	opts := testOptions()
	opts.Timeout = 300 * time.Millisecond
	f := New(opts)
	for _, path := range []string{"/hang", "/slow-body"} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			_, err := f.Fetch(context.Background(), site.URL+path)
			if !errors.Is(err, ErrTimeout) {
				t.Fatalf("err = %v, want ErrTimeout", err)
			}
			if err.Error() != ErrTimeout.Error() {
				t.Errorf("message = %q, want the plain timeout sentence", err.Error())
			}
		})
	}
	t.Run("caller deadline", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		if _, err := New(testOptions()).Fetch(ctx, site.URL+"/hang"); !errors.Is(err, ErrTimeout) {
			t.Fatalf("err = %v, want ErrTimeout", err)
		}
	})
	t.Run("caller cancels", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := New(testOptions()).Fetch(ctx, site.URL+"/hang")
		if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
			t.Fatalf("err = %v, want context.Canceled and not ErrTimeout", err)
		}
	})
}

func TestFetchConcurrent(t *testing.T) {
	site := newTestSite(t)
	f := New(testOptions())
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			path := []string{"/article", "/cp1252", "/gzipped", "/plain?id=3"}[i%4]
			a, err := f.Fetch(context.Background(), site.URL+path)
			if err == nil && a.Text == "" {
				err = fmt.Errorf("%s: empty text", path)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestErrorMessages(t *testing.T) {
	// Every sentinel reads as one short sentence for a chat user.
	for name, err := range sentinels {
		msg := err.Error()
		if msg == "" || len(msg) > 120 || strings.ContainsAny(msg, "\n") || strings.Contains(msg, "%") {
			t.Errorf("%s: %q is not a short one-line sentence", name, msg)
		}
	}
	se := &StatusError{Code: 418}
	if !errors.Is(se, ErrHTTPStatus) || !strings.Contains(se.Error(), "418") {
		t.Errorf("StatusError{418} = %q, Is ErrHTTPStatus %v", se.Error(), errors.Is(se, ErrHTTPStatus))
	}
	// The cause stays reachable for logs without leaking into the message.
	cause := errors.New("dial tcp 10.0.0.1:80: refused by control")
	e := newError(ErrBlockedAddress, cause, "")
	if !errors.Is(e, cause) || strings.Contains(e.Error(), "10.0.0.1") {
		t.Errorf("newError: message %q, cause reachable %v", e.Error(), errors.Is(e, cause))
	}
}

package fetch

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// notText are bodies that are not articles, whatever they are served as.
func notText() map[string][]byte {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 8<<10)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	pdf := []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + strings.Repeat("stream\x00\x01\x02\x03endstream\n", 50))
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), random[:2000]...)
	jpeg := append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), random[:2000]...)
	gz := append([]byte("\x1f\x8b\x08\x00"), random[:2000]...)
	// Mostly text but laced with control bytes, as a binary format with
	// readable strings is.
	laced := []byte(strings.Repeat("<p>word\x01\x02\x03\x04 word\x05</p>", 300))
	return map[string][]byte{"pdf": pdf, "pdf after spaces": append([]byte("\n  "), pdf...), "random": random,
		"png": png, "jpeg": jpeg, "gzip": gz, "control bytes": laced}
}

func TestSniffNotText(t *testing.T) {
	for name, body := range notText() {
		t.Run(name, func(t *testing.T) {
			err := SniffNotText(body)
			if !errors.Is(err, ErrNotArticle) {
				t.Fatalf("err = %v, want ErrNotArticle", err)
			}
		})
	}
	if err := SniffNotText(notText()["pdf"]); err == nil || err.Error() != notArticleType("application/pdf").Error() {
		t.Errorf("a sniffed PDF says %q, want the declared PDF's line %q", err, notArticleType("application/pdf"))
	}
	for name, body := range map[string][]byte{
		"html":           readTestdata(t, "article.html"),
		"windows-1252":   readTestdata(t, "cp1252-header.html"),
		"utf-16 bom":     append([]byte{0xff, 0xfe}, []byte("<\x00h\x00t\x00m\x00l\x00>\x00")...),
		"stray NUL":      []byte("<html><body><p>Text\x00 with one NUL</p>" + strings.Repeat("<p>more text here</p>", 50)),
		"empty":          nil,
		"plain text":     []byte("Harbour levy rises\n\nThe council voted.\r\n"),
		"text with a FF": []byte("Page one\fPage two"),
	} {
		if err := SniffNotText(body); err != nil {
			t.Errorf("%s refused: %v", name, err)
		}
	}
}

// TestFetchRefusesBinaryServedAsHTML: junk served as text/html gets the same
// line as a declared PDF and never reaches the extractors.
func TestFetchRefusesBinaryServedAsHTML(t *testing.T) {
	bodies := notText()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(bodies[strings.TrimPrefix(r.URL.Path, "/")]) // Path is unescaped
	}))
	defer srv.Close()
	f := New(testOptions())
	for name := range bodies {
		t.Run(name, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), srv.URL+"/"+url.PathEscape(name))
			if !errors.Is(err, ErrNotArticle) || !strings.Contains(err.Error(), "not an article page") {
				t.Errorf("err = %v, want ErrNotArticle", err)
			}
			if _, err := Extract(context.Background(), bodies[name], "text/html", "", Options{}); !errors.Is(err, ErrNotArticle) {
				t.Errorf("Extract of the same bytes: err = %v, want ErrNotArticle", err)
			}
		})
	}
}

// TestExtractStripsControlAndBidi: control characters and bidi controls in
// a page never reach any field of the article.
func TestExtractStripsControlAndBidi(t *testing.T) {
	para := "<p>The harbour board voted on Tuesday to raise the mooring levy for visiting yachts, " +
		"saying the money\x01 would pay for dredging\u202E the inner basin before the summer season.</p>\n"
	page := "<html><head><title>Harbour\x00 levy\u202E rises\u2066</title><meta name=\"author\" content=\"Ana\x07 Ruiz\"></head>" +
		"<body><article><h1>Harbour\x00 levy\u202E rises\u2066</h1>" + strings.Repeat(para, 4) + "</article></body></html>"
	a, err := Extract(context.Background(), []byte(page), "text/html", "https://news.example/levy", Options{})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	for name, s := range map[string]string{"Title": a.Title, "Byline": a.Byline, "Text": a.Text, "Site": a.Site} {
		for _, r := range s {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x202e || r == 0x2066 {
				t.Errorf("%s keeps %U: %q", name, r, s)
				break
			}
		}
	}
	if a.Title != "Harbour levy rises" {
		t.Errorf("Title = %q", a.Title)
	}
}

func FuzzSniffNotText(f *testing.F) {
	for _, b := range notText() {
		f.Add(b[:min(len(b), 256)])
	}
	f.Add([]byte("<html><p>text</p></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := SniffNotText(data); err != nil && !errors.Is(err, ErrNotArticle) {
			t.Fatalf("err = %v, want nil or ErrNotArticle", err)
		}
	})
}

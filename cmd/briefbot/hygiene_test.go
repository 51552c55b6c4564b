package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

func TestClassifySource(t *testing.T) {
	for _, tc := range []struct {
		src     string
		want    sourceKind
		wantErr string
	}{
		{"https://news.example/a", sourceURL, ""},
		{"HTTP://News.Example/a", sourceURL, ""},
		{"www.bbc.co.uk/news/world-1", sourceURL, ""},
		{"example.com/x", sourceURL, ""},
		{"gopher://example.com/1", 0, "only http and https"},
		{"file:///etc/passwd", 0, "only http and https"},
		{"javascript:alert(1)", 0, "only http and https"},
		{"ftp://example.com/a.txt", 0, "only http and https"},
		{"testdata/ferry-strike.txt", sourceText, ""},
		{"testdata/ferry-strike.html", sourceHTML, ""},
		{"story.txt", sourceText, ""},      // not a real top-level domain: a (missing) file
		{"page.html", sourceHTML, ""},      // likewise
		{"news.example/a", sourceText, ""}, // .example is reserved, never a site
		{"-", sourceText, ""},
	} {
		got, err := classifySource(tc.src)
		switch {
		case tc.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("classifySource(%q): err = %v, want %q", tc.src, err, tc.wantErr)
			}
		case err != nil || got != tc.want:
			t.Errorf("classifySource(%q) = %v, %v; want %v", tc.src, got, err, tc.want)
		}
	}
}

// TestUsageErrorsAreOneLine: a usage mistake is one line that points to
// --help, never the whole flag list or the error twice.
func TestUsageErrorsAreOneLine(t *testing.T) {
	for _, args := range [][]string{
		{"brief", "--nope", "x.txt"},
		{"brief", "--timeout", "soon", "x.txt"},
		{"digest", "--guild", "cli", "--since", "-1h"},
		{"run", "--workers", "-3", "--check"},
		{"run", "--workers", "abc", "--check"},
	} {
		code, out, errOut := runForTest(t, "", nil, args...)
		if code != 2 || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want 2 and nothing", args, code, out)
		}
		if strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "briefbot "+args[0]+" --help") || strings.Contains(errOut, "Usage") {
			t.Errorf("%v: stderr %q, want one line pointing to --help", args, errOut)
		}
	}
}

// TestWorkersFlagAndVariableFailAlike: the flag and its variable take the
// same values and fail with the same status and the same reason.
func TestWorkersFlagAndVariableFailAlike(t *testing.T) {
	tok := map[string]string{"DISCORD_TOKEN": "MTE.abc.def"}
	codeFlag, _, errFlag := runForTest(t, "", tok, "run", "--check", "--workers", "-3")
	vars := map[string]string{"DISCORD_TOKEN": "MTE.abc.def", "BRIEFBOT_WORKERS": "abc"}
	codeEnv, _, errEnv := runForTest(t, "", vars, "run", "--check")
	if codeFlag != 2 || codeEnv != 2 {
		t.Errorf("exit %d (flag) and %d (variable), want 2 for both", codeFlag, codeEnv)
	}
	const reason = "want a whole number of 1 or more"
	if !strings.Contains(errFlag, reason) || !strings.Contains(errEnv, reason) {
		t.Errorf("reasons differ:\n%s%s", errFlag, errEnv)
	}
}

func TestNoDoubledPrefixes(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database\n", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"digest", "--db", notDB, "--guild", "cli"},
		{"backup", "--db", notDB, filepath.Join(dir, "copy.db")},
		{"brief", "--db", notDB, "--store=always", "testdata/ferry-strike.txt"},
		{"digest", "--db", filepath.Join(dir, "missing.db"), "--guild", "cli"},
	} {
		code, _, errOut := runForTest(t, "", nil, args...)
		if code != 1 || strings.Count(errOut, "open database") != 1 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want one line saying open database once", args, code, errOut)
		}
	}
}

// TestInterruptCancelsWorkInFlight: Ctrl-C (ctx ending) during a fetch
// stops it at once and exits 130 with nothing on stdout.
func TestInterruptCancelsWorkInFlight(t *testing.T) {
	arrived := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-r.Context().Done() // a site that never answers
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	var out, errOut bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, allowLoopback: true}
	code := runCLI(ctx, []string{"brief", "--timeout", "1h", "--db", filepath.Join(t.TempDir(), "b.db"), srv.URL + "/story"}, e)
	if code != exitInterrupted || out.Len() != 0 || errOut.String() != "briefbot brief: interrupted\n" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 130, nothing, one line", code, out.String(), errOut.String())
	}

	// Reading a stdin that sends nothing stops too.
	ctx2, cancel2 := context.WithCancel(context.Background())
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	defer pr.Close()
	e.stdin, e.stdout, e.stderr = pr, &out, &errOut
	cancel2()
	if code := runCLI(ctx2, []string{"brief", "-"}, e); code != exitInterrupted {
		t.Errorf("blocked stdin: exit %d, want 130", code)
	}
}

// TestBriefURLIsCanonical: the same article given with and without tracking
// parameters in --url is stored once.
func TestBriefURLIsCanonical(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	for _, u := range []string{"https://Courier.example/news/ferry?utm_source=x&fbclid=1", "https://courier.example/news/ferry"} {
		if code, _, errOut := runForTest(t, "", nil, "brief", "--store=always", "--db", db, "--url", u, "testdata/ferry-strike.txt"); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	}
	st, err := storage.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.CountArticles(context.Background(), cliGuild, storage.ArticleQuery{})
	if err != nil || n != 1 {
		t.Errorf("%d articles stored, %v; want 1", n, err)
	}
	if code, _, errOut := runForTest(t, "", nil, "brief", "--url", "gopher://x.org/a", "testdata/ferry-strike.txt"); code != 2 || !strings.Contains(errOut, "--url") {
		t.Errorf("--url gopher: exit %d, %q", code, errOut)
	}
}

func TestBriefWindows1252Text(t *testing.T) {
	// "Harbour levy rises" with curly quotes (0x93, 0x94), an e acute (0xe9)
	// and a euro sign (0x80), as a Windows editor saves it.
	text := "Harbour levy rises in Sete\r\n\r\n\x93We will not pay \x80200 more,\x94 said Ren\xe9 Lafont, a fisherman, on Monday. " +
		"The harbour board said the levy would pay for dredging.\r\n"
	path := filepath.Join(t.TempDir(), "levy.txt")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runForTest(t, "", nil, "brief", "--json", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "windows-1252") {
		t.Errorf("stderr %q does not say which charset was read", errOut)
	}
	var b briefing.Briefing
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatal(err)
	}
	if len(b.Quotes) == 0 || b.Quotes[0].Text != "We will not pay €200 more," {
		t.Errorf("quotes = %+v, want the decoded quote", b.Quotes)
	}
}

func TestBriefRefusesBinaryAndStripsControls(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(pdf, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\x00\x01\x02\nendstream"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runForTest(t, "", nil, "brief", "--json", pdf)
	if code != 1 || out != "" || !strings.Contains(errOut, "PDF document") {
		t.Errorf("PDF as .txt: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	data, err := os.ReadFile("testdata/ferry-strike.txt")
	if err != nil {
		t.Fatal(err)
	}
	dirty := strings.Replace(string(data), "Ferry crews", "Ferry\x00 crews\u202E", 1)
	dirty = strings.Replace(dirty, "said Fiona Baird", "said\x07 Fiona Baird", 1)
	code, out, errOut = runForTest(t, dirty, nil, "brief", "--json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, clean, _ := runForTest(t, "", nil, "brief", "--json", "testdata/ferry-strike.txt")
	if out != clean {
		t.Errorf("control and bidi characters changed the briefing:\n%s\nwant\n%s", out, clean)
	}
}

// TestDigestIncludesArticleWithoutBriefing: an article an older build stored
// without its briefing reaches the digest, and digest writes nothing.
func TestDigestIncludesArticleWithoutBriefing(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "b.db")
	if code, _, errOut := runForTest(t, "", nil, "brief", "--store=always", "--db", dbPath, "testdata/ferry-strike.txt"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	db, err := storage.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	text := "Council closes the old pier\n\n\"The pier is no longer safe,\" said Mayor Ana Ruiz on Tuesday, closing it to the public."
	if _, _, err := db.SaveArticle(ctx, storage.Submission{GuildID: cliGuild, UserID: "cli", At: time.Now().UTC()},
		briefing.Article{URL: "https://courier.example/pier", Title: "Council closes the old pier", Text: text}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, errOut := runForTest(t, "", nil, "digest", "--db", dbPath, "--guild", cliGuild, "--json")
	if code != 0 {
		t.Fatalf("digest: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Council closes the old pier") || !strings.Contains(out, "Ferry crews") {
		t.Errorf("digest lacks one of the two stored articles:\n%s", out)
	}
}

// TestReadersWorkBesideAWriter: digest, backup and run --check do not need
// the write lock another program holds.
func TestReadersWorkBesideAWriter(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "b.db")
	if code, _, errOut := runForTest(t, "", nil, "brief", "--store=always", "--db", dbPath, "testdata/ferry-strike.txt"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	other, err := sql.Open("sqlite3", "file:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	tok := map[string]string{"DISCORD_TOKEN": "MTExMTExMTExMTExMTExMTEx.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"}
	for _, args := range [][]string{
		{"digest", "--db", dbPath, "--guild", cliGuild},
		{"backup", "--db", dbPath, filepath.Join(dir, "copy.db")},
		{"run", "--check", "--db", dbPath},
	} {
		if code, _, errOut := runForTest(t, "", tok, args...); code != 0 {
			t.Errorf("%v beside a writer: exit %d: %s", args, code, errOut)
		}
	}
}

func TestJSONLogDurationsReadable(t *testing.T) {
	var buf bytes.Buffer
	log, err := logOptions{format: "json", level: "info"}.logger(&buf)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("done", "took", 1500*time.Millisecond, slog.Group("job", "timeout", time.Minute))
	if !strings.Contains(buf.String(), `"took":"1.5s"`) || !strings.Contains(buf.String(), `"timeout":"1m0s"`) {
		t.Errorf("log line %s", buf.String())
	}
}

// FuzzArticleFromText: any bytes given as a .txt file are refused or read
// into valid, clean UTF-8 with a one-line title.
func FuzzArticleFromText(f *testing.F) {
	for _, s := range []string{"Headline\n\nText.", "\xff\xfeH\x00i\x00", "Caf\xe9 \x93quoted\x94\r\n", "%PDF-1.4\x00", "\x00\x01\x02", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := articleFromText(data)
		if err != nil {
			return
		}
		if a.Text != briefing.CleanText(a.Text) || strings.Contains(a.Title, "\n") || a.Title != briefing.CleanLine(a.Title) {
			t.Fatalf("not clean: title %q text %q", a.Title, a.Text)
		}
	})
}

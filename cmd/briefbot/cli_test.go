package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing"
)

// runForTest runs one command line in-process and returns its exit code and output.
func runForTest(t *testing.T, stdin string, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut,
		getenv: func(k string) string { return vars[k] }}
	code := runCLI(context.Background(), args, e)
	return code, out.String(), errOut.String()
}

func TestBriefJSONFollowsContract(t *testing.T) {
	code, out, errOut := runForTest(t, "", nil, "brief", "--json", "testdata/ferry-strike.txt")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	// Exactly one JSON object, with every field the contract names.
	dec := json.NewDecoder(strings.NewReader(out))
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("stdout is not a JSON object: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("stdout holds more than one JSON value:\n%s", out)
	}
	for _, k := range []string{"title", "summary", "actors", "quotes", "positions"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	var b briefing.Briefing
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatal(err)
	}
	if b.Title != "Ferry crews walk out as talks with Norland Lines collapse" {
		t.Errorf("title = %q, want the file's first line", b.Title)
	}
	// Offsets are rune offsets into the file as read.
	data, err := os.ReadFile("testdata/ferry-strike.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := []rune(string(data))
	if len(b.Quotes) == 0 {
		t.Fatal("no quotes found in an article full of them")
	}
	for _, q := range b.Quotes {
		if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
			t.Fatalf("quote %q has offsets [%d,%d) outside the text", q.Text, q.Start, q.End)
		}
		if got := string(text[q.Start:q.End]); got != q.Text {
			t.Errorf("text at [%d,%d) = %q, quote says %q", q.Start, q.End, got, q.Text)
		}
	}
}

func TestBriefReadsStdin(t *testing.T) {
	data, err := os.ReadFile("testdata/ferry-strike.txt")
	if err != nil {
		t.Fatal(err)
	}
	code, fromStdin, errOut := runForTest(t, string(data), nil, "brief", "--json", "-")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	_, fromFile, _ := runForTest(t, "", nil, "brief", "--json", "testdata/ferry-strike.txt")
	if fromStdin != fromFile {
		t.Error("the same article read from stdin and from a file gave different briefings")
	}
}

func TestBriefTextOutput(t *testing.T) {
	code, out, errOut := runForTest(t, "", nil, "brief", "testdata/ferry-strike.txt")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"Ferry crews walk out", "Quotes", "Fiona Baird"} {
		if !strings.Contains(out, want) {
			t.Errorf("readable briefing lacks %q:\n%s", want, out)
		}
	}
}

func TestExtractJSON(t *testing.T) {
	code, out, errOut := runForTest(t, "", nil, "extract", "--json", "--url", "https://courier.example/news/ferry-strike", "testdata/ferry-strike.html")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got extractJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("stdout is not the extract JSON: %v\n%s", err, out)
	}
	if !strings.Contains(got.Text, "keeps pace with prices") {
		t.Errorf("text lacks the article body:\n%s", got.Text)
	}
	for _, junk := range []string{"Most read", "Privacy", "Lifeboat rescue"} {
		if strings.Contains(got.Text, junk) {
			t.Errorf("text holds boilerplate %q:\n%s", junk, got.Text)
		}
	}
	if got.CanonicalURL != "https://courier.example/news/ferry-strike" {
		t.Errorf("canonical_url = %q, want the canonical link without tracking parameters", got.CanonicalURL)
	}
	if want := "https://courier.example/img/ferry-strike.jpg"; got.Image != want {
		t.Errorf("image = %q, want the og:image resolved against --url, %q", got.Image, want)
	}
}

func TestBriefThenBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "b.db")
	for range 2 { // the second run must find the stored article, not add another
		if code, _, errOut := runForTest(t, "", nil, "brief", "--store=always", "--db", db, "--json", "testdata/ferry-strike.txt"); code != 0 {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
	}
	copyPath := filepath.Join(dir, "copy.db")
	if code, _, errOut := runForTest(t, "", nil, "backup", "--db", db, copyPath); code != 0 {
		t.Fatalf("backup: exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(copyPath); err != nil {
		t.Fatalf("backup wrote nothing: %v", err)
	}
	if code, _, errOut := runForTest(t, "", nil, "backup", "--db", filepath.Join(dir, "missing.db"), filepath.Join(dir, "x.db")); code != 1 || !strings.Contains(errOut, "no database") {
		t.Errorf("backup of a missing database: exit %d, stderr %q", code, errOut)
	}
}

func TestFailuresAreOneLine(t *testing.T) {
	// The fetcher refuses loopback unless a test opts in; the CLI never does.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the CLI fetched a loopback address")
	}))
	defer srv.Close()

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no command", nil, 2, "Usage"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"no source", []string{"brief", "--json"}, 2, "SOURCE"},
		{"two sources", []string{"brief", "a.txt", "b.txt"}, 2, "SOURCE"},
		{"bad flag", []string{"brief", "--nope", "a.txt"}, 2, "nope"},
		{"missing file", []string{"brief", "--json", "testdata/none.txt"}, 1, "no such file"},
		{"private address", []string{"brief", "--json", "--store=never", srv.URL + "/article"}, 1, "brief"},
		{"bad store mode", []string{"brief", "--store=maybe", "testdata/ferry-strike.txt"}, 2, "--store"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runForTest(t, "", nil, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if code == 1 {
				if out != "" {
					t.Errorf("a failure printed to stdout: %q", out)
				}
				if strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
					t.Errorf("reason is not one line: %q", errOut)
				}
			}
			if !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr %q lacks %q", errOut, tt.want)
			}
		})
	}
}

func TestHelpGoesToStdout(t *testing.T) {
	for _, cmd := range subcommands() {
		code, out, _ := runForTest(t, "", nil, cmd.name, "--help")
		if code != 0 || !strings.Contains(out, "briefbot "+cmd.name) {
			t.Errorf("%s --help: exit %d, stdout %q", cmd.name, code, out)
		}
	}
}

func TestRunChecksConfiguration(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "run.db")
	code, _, errOut := runForTest(t, "", nil, "run", "--db", db, "--check")
	if code != 1 || !strings.Contains(errOut, "DISCORD_TOKEN") {
		t.Errorf("no token: exit %d, stderr %q; want a line saying to set DISCORD_TOKEN", code, errOut)
	}
	secret := "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcdE.not-a-real-token-but-shaped-like-one-xyz"
	code, out, errOut := runForTest(t, "", map[string]string{"DISCORD_TOKEN": secret}, "run", "--db", db, "--check")
	if code != 0 || !strings.Contains(out, "configuration ok") {
		t.Errorf("valid settings: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if strings.Contains(out+errOut, secret) {
		t.Error("the token was printed")
	}
	code, _, errOut = runForTest(t, "", map[string]string{"DISCORD_TOKEN": secret, "BRIEFBOT_WORKERS": "many"}, "run", "--check")
	if code != 2 || !strings.Contains(errOut, "BRIEFBOT_WORKERS") {
		t.Errorf("bad env number: exit %d, stderr %q", code, errOut)
	}
}

func TestDigestFromStoredBriefings(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	if code, _, errOut := runForTest(t, "", nil, "brief", "--store=always", "--db", db, "testdata/ferry-strike.txt"); code != 0 {
		t.Fatalf("brief: exit %d, stderr %q", code, errOut)
	}
	code, out, errOut := runForTest(t, "", nil, "digest", "--db", db, "--guild", cliGuild, "--json")
	if code != 0 {
		t.Fatalf("digest: exit %d, stderr %q", code, errOut)
	}
	var d struct {
		Stories []struct {
			Headline string `json:"headline"`
		} `json:"stories"`
		ArticleCount int `json:"article_count"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("digest JSON: %v\n%s", err, out)
	}
	if d.ArticleCount != 1 || len(d.Stories) != 1 {
		t.Fatalf("digest has %d articles in %d stories, want the one stored article:\n%s", d.ArticleCount, len(d.Stories), out)
	}
	// A period as long as asked: --since is never cut, so "everything
	// stored" is one flag away.
	if code, out, errOut := runForTest(t, "", nil, "digest", "--db", db, "--guild", cliGuild, "--since", "100000h", "--json"); code != 0 || !strings.Contains(out, `"article_count": 1`) && !strings.Contains(out, `"article_count":1`) {
		t.Errorf("digest --since 100000h: exit %d, stderr %q, output %.200q", code, errOut, out)
	}
	// Another server sees nothing of it.
	code, out, _ = runForTest(t, "", nil, "digest", "--db", db, "--guild", "123456789012345678")
	if code != 0 || !strings.Contains(out, "0 articles") {
		t.Errorf("other server: exit %d, output %q", code, out)
	}
}

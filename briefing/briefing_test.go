package briefing

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// articleFromFile builds the Article the way the CLI does for a .txt file:
// the whole file as Text, its first line as Title.
func articleFromFile(t testing.TB, path string) Article {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read article: %v", err)
	}
	return Article{Title: firstLine(string(raw)), Text: string(raw)}
}

func testArticles(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	sort.Strings(paths)
	return paths
}

func briefJSON(t testing.TB, b Briefing) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		t.Fatalf("encode briefing: %v", err)
	}
	return buf.Bytes()
}

// TestGolden compares each test article's briefing with its golden file.
// Run `go test ./briefing -update` after a deliberate change.
func TestGolden(t *testing.T) {
	e := New()
	for _, path := range testArticles(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			got := briefJSON(t, e.Brief(articleFromFile(t, path)))
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatalf("write golden file: %v", err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden file (run with -update to create it): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("briefing differs from %s (run with -update if the change is intended)\n%s", golden, diffLines(string(want), string(got)))
			}
		})
	}
}

// diffLines shows the first lines that differ.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, "- "+a, "+ "+b)
			if len(out) >= 12 {
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

// expectation holds what a careful reader knows about a test article:
// who said each quote, what is not a quote, and who the key actors are.
type expectation struct {
	Quotes    [][2]string `json:"quotes"`
	NotQuotes []string    `json:"not_quotes"`
	Actors    []string    `json:"actors"`
	// Optional checks, for the articles that test them:
	Kinds       map[string]string   `json:"kinds"`        // listed actor -> kind
	Aliases     map[string][]string `json:"aliases"`      // listed actor -> aliases it must have
	NotActors   []string            `json:"not_actors"`   // names no actor may have
	NotPersons  []string            `json:"not_persons"`  // names no person may have
	NoRole      []string            `json:"no_role"`      // roles no actor may have
	NotSpeakers []string            `json:"not_speakers"` // speakers no quote may have
	Positions   [][2]string         `json:"positions"`    // actor, words one of its statements holds
	Title       string              `json:"title"`
}

func contentWords(s string) map[string]bool {
	stop := map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "to": true, "in": true, "s": true}
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !stop[w] {
			out[w] = true
		}
	}
	return out
}

// sameSpeaker: names must match exactly; an unnamed source's description
// must share at least half of the expected content words.
func sameSpeaker(want, got string) bool {
	if want == got {
		return true
	}
	if r := []rune(want); len(r) == 0 || unicode.IsUpper(r[0]) {
		return false
	}
	w, g := contentWords(want), contentWords(got)
	n := 0
	for k := range w {
		if g[k] {
			n++
		}
	}
	return len(w) > 0 && 2*n >= len(w)
}

func TestExpectations(t *testing.T) {
	e := New()
	for _, path := range testArticles(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		raw, err := os.ReadFile(filepath.Join("testdata", name+".expect.json"))
		if err != nil {
			t.Fatalf("%s: every test article needs an expect file: %v", name, err)
		}
		var want expectation
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("%s: parse expect file: %v", name, err)
		}
		t.Run(name, func(t *testing.T) {
			b := e.Brief(articleFromFile(t, path))
			for _, wq := range want.Quotes {
				found := false
				for _, q := range b.Quotes {
					if q.Text == wq[0] {
						found = true
						if !sameSpeaker(wq[1], q.Speaker) {
							t.Errorf("quote %q: speaker %q, want %q", wq[0], q.Speaker, wq[1])
						}
					}
				}
				if !found {
					t.Errorf("quote %q (%s) missing", wq[0], wq[1])
				}
			}
			for _, nq := range want.NotQuotes {
				for _, q := range b.Quotes {
					if strings.Trim(q.Text, ",. ") == nq {
						t.Errorf("%q is not speech but was credited to %q", nq, q.Speaker)
					}
				}
			}
			if len(b.Quotes) != len(want.Quotes) {
				t.Errorf("got %d quotes, want %d", len(b.Quotes), len(want.Quotes))
			}
			for _, wa := range want.Actors {
				found := false
				for _, a := range b.Actors {
					if a.Name == wa {
						found = true
					}
				}
				if !found {
					t.Errorf("key actor %q missing", wa)
				}
			}
			checkActorFacts(t, b, want)
		})
	}
}

// checkActorFacts checks an expectation's optional fields.
func checkActorFacts(t *testing.T, b Briefing, want expectation) {
	t.Helper()
	byName := map[string]Actor{}
	for _, a := range b.Actors {
		byName[a.Name] = a
	}
	for name, kind := range want.Kinds {
		if a, ok := byName[name]; !ok {
			t.Errorf("actor %q (%s) missing", name, kind)
		} else if a.Kind != kind {
			t.Errorf("actor %q is a %s, want %s", name, a.Kind, kind)
		}
	}
	for name, aliases := range want.Aliases {
		a, ok := byName[name]
		if !ok {
			t.Errorf("actor %q missing (want aliases %q)", name, aliases)
			continue
		}
		for _, w := range aliases {
			found := false
			for _, got := range a.Aliases {
				found = found || strings.EqualFold(got, w)
			}
			if !found {
				t.Errorf("actor %q: alias %q missing from %q", name, w, a.Aliases)
			}
		}
	}
	for _, a := range b.Actors {
		for _, n := range want.NotActors {
			if a.Name == n {
				t.Errorf("%q listed as an actor (%s)", n, a.Kind)
			}
		}
		for _, n := range want.NotPersons {
			if a.Name == n && a.Kind == KindPerson {
				t.Errorf("%q listed as a person", n)
			}
		}
		for _, r := range want.NoRole {
			if a.Role == r {
				t.Errorf("actor %q has the role %q", a.Name, r)
			}
		}
	}
	for _, q := range b.Quotes {
		for _, s := range want.NotSpeakers {
			if q.Speaker == s {
				t.Errorf("quote %q credited to %q", q.Text, s)
			}
		}
	}
	for _, wp := range want.Positions {
		found := false
		for _, p := range b.Positions {
			found = found || p.Actor == wp[0] && strings.Contains(p.Statement, wp[1])
		}
		if !found {
			t.Errorf("no position of %q holds %q", wp[0], wp[1])
		}
	}
	if want.Title != "" && b.Title != want.Title {
		t.Errorf("title %q, want %q", b.Title, want.Title)
	}
}

// TestBriefingInvariants checks what every briefing must satisfy.
func TestBriefingInvariants(t *testing.T) {
	e := New()
	for _, path := range testArticles(t) {
		a := articleFromFile(t, path)
		b := e.Brief(a)
		checkInvariants(t, a, b)
		if first := firstLine(a.Text); looksLikeHeadline(first) && b.Title != first {
			t.Errorf("%s: title %q, want the first line", path, b.Title)
		} else if !looksLikeHeadline(first) && (utf8.RuneCountInString(b.Title) > titleMax+1 || !strings.HasPrefix(first, strings.TrimSuffix(b.Title, "…"))) {
			t.Errorf("%s: title %q, want the opening of the first sentence in at most %d characters", path, b.Title, titleMax)
		}
		if b.Summary == "" {
			t.Errorf("%s: empty summary", path)
		}
		for _, act := range b.Actors {
			if act.Name == "" || act.Kind == "" {
				t.Errorf("%s: actor without a name or kind: %+v", path, act)
			}
		}
		// a position says more than the quote list: never a quote alone
		quotes := map[string]bool{}
		for _, q := range b.Quotes {
			quotes[finishSentence(strings.TrimRight(q.Text, ",;:—– "))] = true
		}
		for _, p := range b.Positions {
			if quotes[p.Statement] {
				t.Errorf("%s: position of %q only repeats a quote: %q", path, p.Actor, p.Statement)
			}
		}
	}
}

// checkInvariants: offsets inside the text, quote text equal to its runes,
// positions credited to listed actors, no nil lists.
func checkInvariants(t *testing.T, a Article, b Briefing) {
	t.Helper()
	runes := []rune(a.Text)
	if b.Actors == nil || b.Quotes == nil || b.Positions == nil {
		t.Fatalf("nil list in briefing: %+v", b)
	}
	last := -1
	for _, q := range b.Quotes {
		if q.Start < 0 || q.End > len(runes) || q.Start > q.End {
			t.Fatalf("quote offsets [%d,%d) outside the text's %d runes", q.Start, q.End, len(runes))
		}
		if got := string(runes[q.Start:q.End]); got != q.Text {
			t.Fatalf("quote text %q differs from the runes at [%d,%d): %q", q.Text, q.Start, q.End, got)
		}
		// only a whole quoted sentence nobody is named for goes unattributed
		if q.Speaker == "" && len(strings.FieldsFunc(q.Text, func(r rune) bool { return !isWordRune(r) })) < minSentenceQuote {
			t.Fatalf("quote %q without a speaker", q.Text)
		}
		if q.Start < last {
			t.Fatalf("quotes out of reading order at %q", q.Text)
		}
		last = q.Start
	}
	names := map[string]bool{}
	for _, act := range b.Actors {
		names[act.Name] = true
		switch act.Kind {
		case KindPerson, KindOrganization, KindCountry, KindPlace, KindGroup:
		default:
			t.Fatalf("actor %q has kind %q", act.Name, act.Kind)
		}
	}
	for _, p := range b.Positions {
		if !names[p.Actor] {
			t.Fatalf("position for %q, who is not a listed actor", p.Actor)
		}
		if p.Statement == "" {
			t.Fatalf("empty statement for %q", p.Actor)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, path := range testArticles(t) {
		a := articleFromFile(t, path)
		first := briefJSON(t, New().Brief(a))
		e := New()
		for i := 0; i < 3; i++ {
			if got := briefJSON(t, e.Brief(a)); !bytes.Equal(got, first) {
				t.Fatalf("%s: run %d gave different JSON", path, i)
			}
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	e := New()
	paths := testArticles(t)
	want := make([][]byte, len(paths))
	arts := make([]Article, len(paths))
	for i, p := range paths {
		arts[i] = articleFromFile(t, p)
		want[i] = briefJSON(t, e.Brief(arts[i]))
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(paths)*4)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range arts {
				if got := briefJSON(t, e.Brief(arts[i])); !bytes.Equal(got, want[i]) {
					errs <- paths[i]
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for p := range errs {
		t.Errorf("%s: concurrent briefing differs", p)
	}
}

func TestTitleHandling(t *testing.T) {
	e := New()
	text := "Nordvik buys rival\n\nNordvik Foods said on Wednesday it would buy Greenmeadow Dairy."
	if got := e.Brief(Article{Text: text}).Title; got != "Nordvik buys rival" {
		t.Errorf("title without Article.Title = %q, want the first line", got)
	}
	b := e.Brief(Article{Title: "Dairy deal: Greenmeadow sold", Text: "Nordvik Foods said on Wednesday it would buy Greenmeadow Dairy. Greenmeadow Dairy agreed."})
	if b.Title != "Dairy deal: Greenmeadow sold" {
		t.Errorf("title = %q, want Article.Title", b.Title)
	}
	if len(b.Actors) == 0 || b.Actors[0].Name != "Greenmeadow Dairy" {
		t.Errorf("the title's actor should rank first: %+v", b.Actors)
	}
}

func TestEmptyAndOddInput(t *testing.T) {
	e := New()
	for _, text := range []string{"", "\n\n\n", "“", "'", "\"\"\"", "A", "U.S.", "«»", "\xff\xfe", strings.Repeat("'", 500)} {
		a := Article{Text: text}
		b := e.brief(a)
		checkInvariants(t, a, b)
	}
}

// TestTitleFromLead: a .txt file whose first line is a paragraph, not a
// headline, gets a short title made from its opening sentence.
func TestTitleFromLead(t *testing.T) {
	e := New()
	long := "A High Court judge on Thursday quashed Westbury District Council's approval of a 400-home estate on the edge of Hollins Wood, ruling that councillors had ignored their own flood-risk policy."
	tests := []struct {
		name, text, want string
	}{
		{"a headline stays", "Judge quashes Hollins Wood estate\n\n" + long, "Judge quashes Hollins Wood estate"},
		{"a headline with a question mark stays", "Is the estate dead?\n\n" + long, "Is the estate dead?"},
		{"a long first paragraph is cut on a word boundary", long + "\n\nThe council said it would appeal.",
			"A High Court judge on Thursday quashed Westbury District Council's approval of a 400-home estate…"},
		{"a short opening sentence is the title", "The council lost. " + strings.Repeat("It had voted for the estate twice in two years despite objections. ", 3) + "\n\nMore follows.",
			"The council lost"},
		{"a dateline is not part of the title",
			"LONDON (Reuters) - Shares in Kessler Bank fell 9% on Friday after Moody's cut its rating, the third downgrade this year for a lender already under investigation.\n\nMore follows.",
			"Shares in Kessler Bank fell 9% on Friday after Moody's cut its rating, the third downgrade this year…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := e.Brief(Article{Title: firstLine(tc.text), Text: tc.text})
			if b.Title != tc.want {
				t.Errorf("title %q, want %q", b.Title, tc.want)
			}
			if n := utf8.RuneCountInString(b.Title); n > titleMax+1 {
				t.Errorf("title of %d characters", n)
			}
		})
	}
}

package digest

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

// fixture is one hand-written test article: its Items (one per member who
// shared it) and the event it reports, which is the grouping Build must find.
type fixture struct {
	items []Item
	event string
}

// loadFixtures reads testdata/articles: NNN.txt (a header of "key: value"
// lines, a blank line, then the text) and NNN.json (its briefing). Quote
// offsets are found in the text here, so the JSON stays hand-writable; a
// quote that is not verbatim in the text fails the test.
func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "articles", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("list fixtures: %v (%d files)", err, len(paths))
	}
	slices.Sort(paths)
	var out []fixture
	for _, p := range paths {
		out = append(out, loadFixture(t, p))
	}
	return out
}

func loadFixture(t testing.TB, path string) fixture {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, body, ok := strings.Cut(string(raw), "\n\n")
	if !ok {
		t.Fatalf("%s: no blank line after the header", path)
	}
	h := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(head))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			t.Fatalf("%s: header line %q is not key: value", path, sc.Text())
		}
		h[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	id, err := strconv.ParseInt(h["id"], 10, 64)
	if err != nil {
		t.Fatalf("%s: id: %v", path, err)
	}
	parseTime := func(k string) time.Time {
		if h[k] == "" {
			return time.Time{}
		}
		tm, err := time.Parse(time.RFC3339, h[k])
		if err != nil {
			t.Fatalf("%s: %s: %v", path, k, err)
		}
		return tm
	}
	art := briefing.Article{
		URL:          h["url"],
		CanonicalURL: h["canonical"],
		Title:        h["title"],
		Site:         h["site"],
		Published:    parseTime("published"),
		Language:     h["language"],
		Text:         strings.TrimSpace(body),
	}
	var b briefing.Briefing
	jpath := strings.TrimSuffix(path, ".txt") + ".json"
	jraw, err := os.ReadFile(jpath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(jraw, &b); err != nil {
		t.Fatalf("%s: %v", jpath, err)
	}
	for i := range b.Quotes {
		q := &b.Quotes[i]
		at := strings.Index(art.Text, q.Text)
		if at < 0 {
			t.Fatalf("%s: quote %q is not in the article text", jpath, q.Text)
		}
		q.Start = utf8.RuneCountInString(art.Text[:at])
		q.End = q.Start + utf8.RuneCountInString(q.Text)
	}
	f := fixture{event: h["event"]}
	at := parseTime("submitted_at")
	for n, m := range strings.Split(h["submitted_by"], ",") {
		f.items = append(f.items, Item{
			ArticleID:   id,
			Article:     art,
			Briefing:    b,
			SubmittedBy: strings.TrimSpace(m),
			SubmittedAt: at.Add(time.Duration(n) * time.Hour),
		})
	}
	return f
}

// fixtureItems returns the Items of the fixtures whose article id passes keep
// (all when keep is nil).
func fixtureItems(fs []fixture, keep func(id int64) bool) []Item {
	var out []Item
	for _, f := range fs {
		for _, it := range f.items {
			if keep == nil || keep(it.ArticleID) {
				out = append(out, it)
			}
		}
	}
	return out
}

// eventOf maps article ids to their fixture event.
func eventOf(fs []fixture) map[int64]string {
	m := map[int64]string{}
	for _, f := range fs {
		m[f.items[0].ArticleID] = f.event
	}
	return m
}

// bcubed scores a grouping of ids against the true events: the mean, over
// articles, of precision (share of its story in its event) and recall
// (share of its event in its story), and their F1.
func bcubed(groups [][]int64, truth map[int64]string) (p, r, f1 float64) {
	size := map[string]int{}
	for _, e := range truth {
		size[e]++
	}
	n := 0
	for _, g := range groups {
		inG := map[string]int{}
		for _, id := range g {
			inG[truth[id]]++
		}
		for _, id := range g {
			same := float64(inG[truth[id]])
			p += same / float64(len(g))
			r += same / float64(size[truth[id]])
			n++
		}
	}
	if n == 0 {
		return 0, 0, 0
	}
	p, r = p/float64(n), r/float64(n)
	return p, r, 2 * p * r / (p + r)
}

func storyGroups(d Digest) [][]int64 {
	var out [][]int64
	for _, s := range d.Stories {
		out = append(out, s.ArticleIDs)
	}
	return out
}

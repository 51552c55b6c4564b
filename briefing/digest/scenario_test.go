package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

// scenario is a testdata/scenarios file: a few days of news written for a
// grouping question (see its "about").
type scenario struct {
	About    string `json:"about"`
	Articles []struct {
		ID        int64            `json:"id"`
		Day       int              `json:"day"`
		Event     string           `json:"event"`
		Site      string           `json:"site"`
		Published time.Time        `json:"published"`
		Title     string           `json:"title"`
		Text      string           `json:"text"`
		Actors    []briefing.Actor `json:"actors"`
	} `json:"articles"`
}

// loadScenario returns the scenario's Items by day (day 0 when it has one
// day) and the event of every article id.
func loadScenario(t *testing.T, name string) (map[int][]Item, map[int64]string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "scenarios", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var sc scenario
	if err := json.Unmarshal(raw, &sc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	days := map[int][]Item{}
	truth := map[int64]string{}
	for _, a := range sc.Articles {
		for i := range a.Actors {
			if a.Actors[i].Aliases == nil {
				a.Actors[i].Aliases = []string{}
			}
		}
		host := fmt.Sprintf("https://site%d.example/a/%d", len(a.Site), a.ID)
		days[a.Day] = append(days[a.Day], Item{
			ArticleID: a.ID,
			Article: briefing.Article{URL: host, Title: a.Title, Site: a.Site, Published: a.Published,
				Language: "en", Text: a.Text},
			Briefing:    briefing.Briefing{Title: a.Title, Actors: a.Actors},
			SubmittedBy: "member",
			SubmittedAt: a.Published.Add(10 * time.Minute),
		})
		truth[a.ID] = a.Event
	}
	return days, truth
}

// eventGroups returns the true grouping of the ids in truth, as sorted id
// lists in order of their first id.
func eventGroups(truth map[int64]string) [][]int64 {
	by := map[string][]int64{}
	for _, id := range slices.Sorted(maps.Keys(truth)) {
		by[truth[id]] = append(by[truth[id]], id)
	}
	return sortedGroups(slices.Collect(maps.Values(by)))
}

func TestScenarioThreeQuakes(t *testing.T) {
	days, truth := loadScenario(t, "three-quakes")
	d := Build(Input{Items: days[0]})
	if got, want := sortedGroups(storyGroups(d)), eventGroups(truth); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("stories %v, want one per quake %v", got, want)
	}
}

func TestScenarioWireCopies(t *testing.T) {
	days, truth := loadScenario(t, "wire-copies")
	d := Build(Input{Items: days[0]})
	if got, want := sortedGroups(storyGroups(d)), eventGroups(truth); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("stories %v, want %v", got, want)
	}
	var ferry Story
	for _, s := range d.Stories {
		if s.ArticleIDs[0] == 11 {
			ferry = s
		}
	}
	// The agency report and its two copies are one source; the local
	// report is the other. No source is listed twice.
	if len(ferry.Sources) != 2 {
		t.Fatalf("ferry story has %d sources, want 2: %+v", len(ferry.Sources), ferry.Sources)
	}
	copies := map[int64]int{}
	seen := map[string]bool{}
	for _, s := range ferry.Sources {
		copies[s.ArticleID] = s.SyndicatedCopies
		if seen[s.URL] {
			t.Errorf("source %s listed twice", s.URL)
		}
		seen[s.URL] = true
	}
	if copies[11] != 2 || copies[14] != 0 {
		t.Errorf("copies per source %v, want the agency report (11) with 2 and the local report (14) with none", copies)
	}
}

// TestScenarioRunningStory posts three days in turn, each digest knowing
// the previous one: the strike continues from day to day as an update and
// keeps its key; the day's other news is new.
func TestScenarioRunningStory(t *testing.T) {
	days, truth := loadScenario(t, "running-story")
	var prev []PreviousStory
	strikeKey := ""
	for day := 1; day <= 3; day++ {
		d := Build(Input{Items: days[day], Previous: prev})
		dayTruth := map[int64]string{}
		for _, it := range days[day] {
			dayTruth[it.ArticleID] = truth[it.ArticleID]
		}
		if got, want := sortedGroups(storyGroups(d)), eventGroups(dayTruth); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("day %d: stories %v, want %v", day, got, want)
		}
		for _, s := range d.Stories {
			strike := truth[s.ArticleIDs[0]] == "strike"
			if s.Update != (strike && day > 1) {
				t.Errorf("day %d: story %q update=%v, want %v", day, s.Headline, s.Update, strike && day > 1)
			}
			if strike {
				if strikeKey != "" && s.Key != strikeKey {
					t.Errorf("day %d: strike story key %q, want it kept from day 1 (%q)", day, s.Key, strikeKey)
				}
				strikeKey = s.Key
			}
		}
		prev = prev[:0]
		for _, s := range d.Stories {
			prev = append(prev, PreviousStory{Key: s.Key, ArticleIDs: s.ArticleIDs, Terms: s.Terms})
		}
	}
}

// TestNothingLost checks that every article of the period is in exactly
// one story (or, with a previous digest, in exactly one story left out as
// already posted), on the fixtures, the scenarios and random corpora.
func TestNothingLost(t *testing.T) {
	var corpora [][]Item
	corpora = append(corpora, fixtureItems(loadFixtures(t), nil))
	for _, name := range []string{"three-quakes", "wire-copies", "running-story"} {
		days, _ := loadScenario(t, name)
		var all []Item
		for _, d := range slices.Sorted(maps.Keys(days)) {
			all = append(all, days[d]...)
		}
		corpora = append(corpora, all)
	}
	for _, seed := range []uint64{1, 2, 3} {
		items, _ := synthCorpus(int(seed)*20, 6, 30, seed)
		corpora = append(corpora, items)
	}
	r := rand.New(rand.NewPCG(4, 5))
	for i, items := range corpora {
		ids := map[int64]bool{}
		for _, it := range items {
			ids[it.ArticleID] = true
		}
		check := func(d Digest, posted map[int64]bool) {
			t.Helper()
			in := map[int64]int{}
			for _, s := range d.Stories {
				for _, id := range s.ArticleIDs {
					in[id]++
				}
			}
			for _, id := range d.OmittedArticleIDs {
				in[id]++
			}
			if posted == nil && len(d.OmittedArticleIDs) > 0 {
				t.Errorf("corpus %d: articles %v omitted with no previous digest", i, d.OmittedArticleIDs)
			}
			for id := range ids {
				if in[id] != 1 {
					t.Errorf("corpus %d: article %d is in %d stories (omitted ones included), want 1", i, id, in[id])
				}
			}
			if len(in) > len(ids) {
				t.Errorf("corpus %d: stories name %d articles, the period has %d", i, len(in), len(ids))
			}
		}
		check(Build(Input{Items: items}), nil)
		// Yesterday's digest posted a random part of today's articles.
		posted := map[int64]bool{}
		var prev []PreviousStory
		for id := range ids {
			if r.IntN(3) == 0 {
				posted[id] = true
				prev = append(prev, PreviousStory{Key: fmt.Sprint("p", id), ArticleIDs: []int64{id}})
			}
		}
		check(Build(Input{Items: items, Previous: prev}), posted)
	}
}

// TestTextPrefix checks that giving the digest only TextNeeded characters
// of each text, with the whole text's length and hash, groups exactly as
// the whole texts do.
func TestTextPrefix(t *testing.T) {
	synth, _ := synthCorpus(30, 6, 40, 9)
	days, _ := loadScenario(t, "wire-copies")
	for i, items := range [][]Item{fixtureItems(loadFixtures(t), nil), synth, days[0]} {
		cut := slices.Clone(items)
		for k := range cut {
			text := cut[k].Article.Text
			sum := sha256.Sum256([]byte(text))
			cut[k].TextHash = hex.EncodeToString(sum[:])
			cut[k].TextLen = utf8.RuneCountInString(text)
			if r := []rune(text); len(r) > TextNeeded {
				cut[k].Article.Text = string(r[:TextNeeded])
			}
		}
		whole, part := sortedGroups(storyGroups(Build(Input{Items: items}))), sortedGroups(storyGroups(Build(Input{Items: cut})))
		if !slices.EqualFunc(whole, part, slices.Equal) {
			t.Errorf("corpus %d: stories from text prefixes %v, from whole texts %v", i, part, whole)
		}
	}
}

func TestHeadlineLike(t *testing.T) {
	tests := []struct {
		title string
		want  bool
	}{
		{"DECEMBER 16, 2008", false},
		{"Monday, May 23, 2005", false},
		{"Harbour Gazette", false},
		{"Magnitude 6.4 quake shakes Arequipa", true},
		{"Corvale nurses end strike after pay deal", true},
	}
	for _, tt := range tests {
		if got := headlineLike(tt.title); got != tt.want {
			t.Errorf("headlineLike(%q) = %v, want %v", tt.title, got, tt.want)
		}
	}
}

// TestHeadlineSkipsDateline: a story's headline comes from a source whose
// title names the event, even when a dateline-titled source is as central.
func TestHeadlineSkipsDateline(t *testing.T) {
	days, _ := loadScenario(t, "three-quakes")
	items := slices.Clone(days[0])
	for i := range items {
		if items[i].ArticleID == 1 {
			items[i].Article.Title = "SATURDAY, MAY 10, 2025"
			items[i].Briefing.Title = items[i].Article.Title
		}
	}
	for _, s := range Build(Input{Items: items}).Stories {
		if slices.Contains(s.ArticleIDs, 1) && s.Headline != "Quake hits southern Peru" {
			t.Errorf("headline %q, want the other source's title", s.Headline)
		}
	}
}

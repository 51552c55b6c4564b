package digest

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

var tune = flag.Bool("tune", false, "print clustering quality over a sweep of link thresholds")

// fixtureSubsets draws n random small corpora from the fixtures: a few
// events, each with a random non-empty part of its articles, the way a
// small server's day would look.
func fixtureSubsets(fs []fixture, n int, seed uint64) [][]Item {
	r := rand.New(rand.NewPCG(seed, 99))
	byEvent := map[string][]fixture{}
	var events []string
	for _, f := range fs {
		if byEvent[f.event] == nil {
			events = append(events, f.event)
		}
		byEvent[f.event] = append(byEvent[f.event], f)
	}
	var out [][]Item
	for range n {
		var items []Item
		r.Shuffle(len(events), func(i, j int) { events[i], events[j] = events[j], events[i] })
		for _, ev := range events[:1+r.IntN(5)] {
			arts := byEvent[ev]
			keep := 1 + r.IntN(len(arts))
			for _, k := range r.Perm(len(arts))[:keep] {
				items = append(items, arts[k].items...)
			}
		}
		out = append(out, items)
	}
	return out
}

// TestTuneLinkThreshold is the sweep the default idfPrior and linkMin were
// chosen from: B-cubed F1 of the stories against the true events, on the
// whole fixture corpus, on 300 random small corpora drawn from it (mean
// F1, and the share of corpora grouped exactly right), and on a synthetic
// corpus. Run with -tune -v.
func TestTuneLinkThreshold(t *testing.T) {
	if !*tune {
		t.Skip("run with -tune")
	}
	fs := loadFixtures(t)
	fixItems, fixTruth := fixtureItems(fs, nil), eventOf(fs)
	subsets := fixtureSubsets(fs, 300, 5)
	synItems, synTruth := synthCorpus(60, 8, 60, 7)
	for _, prior := range []float64{0, 5, 10, 20, 50, 100} {
		for th := 0.10; th <= 0.40; th += 0.02 {
			p := defaultParams()
			p.linkMin, p.idfPrior = th, prior
			_, _, ff := bcubed(storyGroups(build(Input{Items: fixItems}, p)), fixTruth)
			var sum float64
			exact := 0
			for _, items := range subsets {
				truth := map[int64]string{}
				for _, it := range items {
					truth[it.ArticleID] = fixTruth[it.ArticleID]
				}
				sp, sr, sf := bcubed(storyGroups(build(Input{Items: items}, p)), truth)
				sum += sf
				if sp == 1 && sr == 1 {
					exact++
				}
			}
			_, _, yf := bcubed(storyGroups(build(Input{Items: synItems}, p)), synTruth)
			t.Log(fmt.Sprintf("idfPrior %3.0f linkMin %.2f  fixtures F1 %.3f  subsets F1 %.3f exact %3d/%d  synthetic F1 %.3f",
				prior, th, ff, sum/float64(len(subsets)), exact, len(subsets), yf))
		}
	}
}

// TestShowFixtureSimilarities prints, for -tune -v, every scored pair of
// fixture articles with the events they belong to, to see the margin
// between same-event and cross-event pairs.
func TestShowFixtureSimilarities(t *testing.T) {
	if !*tune {
		t.Skip("run with -tune")
	}
	fs := loadFixtures(t)
	truth := eventOf(fs)
	docs := collectDocs(Input{Items: fixtureItems(fs, nil)})
	ents := resolveEntities(docs)
	v := newVectorizer(defaultParams())
	v.vectorize(docs, ents)
	var within, across []float64
	for _, e := range v.similarPairs(docs) {
		a, b := docs[e.a], docs[e.b]
		same := truth[a.id] == truth[b.id]
		if same {
			within = append(within, float64(e.s))
		} else {
			across = append(across, float64(e.s))
		}
		t.Logf("%4d %-10s %4d %-10s %.3f same=%v", a.id, truth[a.id], b.id, truth[b.id], e.s, same)
	}
	t.Logf("within-event pairs %d, across-event pairs %d", len(within), len(across))
}

// TestTunePreviousMatch is the sweep prevShared was chosen from: every
// split of a fixture event into "yesterday" (its signature, Story.Terms)
// and "today" (all terms of its articles) should match, no two different
// events should. It prints how many signature terms and actor terms each
// pair shares. Run with -tune -v.
func TestTunePreviousMatch(t *testing.T) {
	if !*tune {
		t.Skip("run with -tune")
	}
	fs := loadFixtures(t)
	byEvent := map[string][]int64{}
	var events []string
	for _, f := range fs {
		if byEvent[f.event] == nil {
			events = append(events, f.event)
		}
		byEvent[f.event] = append(byEvent[f.event], f.items[0].ArticleID)
	}
	terms := func(ids []int64, all bool) []string {
		p := defaultParams()
		if all {
			p.storyTerms, p.storyEnts = 1<<20, 1<<20
		}
		d := build(Input{Items: fixtureItems(fs, only(ids...))}, p)
		if len(d.Stories) != 1 {
			t.Fatalf("articles %v are not one story", ids)
		}
		return d.Stories[0].Terms
	}
	shared := func(sig, all []string) (n, actors int, both []string) {
		for _, x := range sig {
			if slices.Contains(all, x) {
				both = append(both, x)
				if x[0] == '@' {
					actors++
				}
			}
		}
		return len(both), actors, both
	}
	type part struct {
		event    string
		sig, all []string
	}
	var parts []part
	for _, ev := range events {
		ids := byEvent[ev]
		if len(ids) == 1 {
			parts = append(parts, part{ev, terms(ids, false), terms(ids, true)})
			continue
		}
		for mask := 1; mask < 1<<len(ids)-1; mask++ {
			var a, b []int64
			for i, id := range ids {
				if mask&(1<<i) != 0 {
					a = append(a, id)
				} else {
					b = append(b, id)
				}
			}
			parts = append(parts, part{ev, terms(a, false), terms(b, true)})
		}
	}
	sameMin, crossMax := 1<<20, 0
	for _, y := range parts {
		for _, x := range parts {
			n, actors, both := shared(y.sig, x.all)
			if y.event == x.event && !slices.Equal(y.all, x.all) {
				sameMin = min(sameMin, n)
				if actors == 0 {
					t.Logf("same event %s shares no actor: %q", y.event, both)
				}
			} else if y.event != x.event && actors > 0 {
				crossMax = max(crossMax, n)
				t.Logf("different events %s / %s share %d terms, %d actors: %q", y.event, x.event, n, actors, both)
			}
		}
	}
	t.Logf("same event: at least %d shared terms; different events sharing an actor: at most %d", sameMin, crossMax)
}

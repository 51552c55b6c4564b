package digest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

func only(ids ...int64) func(int64) bool {
	return func(id int64) bool { return slices.Contains(ids, id) }
}

func between(lo, hi int64) func(int64) bool {
	return func(id int64) bool { return lo <= id && id <= hi }
}

// storyWith returns the story holding article id, or fails.
func storyWith(t *testing.T, d Digest, id int64) Story {
	t.Helper()
	for _, s := range d.Stories {
		if slices.Contains(s.ArticleIDs, id) {
			return s
		}
	}
	t.Fatalf("no story holds article %d", id)
	return Story{}
}

func sortedGroups(groups [][]int64) [][]int64 {
	out := make([][]int64, 0, len(groups))
	for _, g := range groups {
		g = slices.Clone(g)
		slices.Sort(g)
		out = append(out, g)
	}
	slices.SortFunc(out, slices.Compare)
	return out
}

func sourceIDs(s Story) []int64 {
	var out []int64
	for _, src := range s.Sources {
		out = append(out, src.ArticleID)
	}
	return out
}

// TestFixtureEventsBecomeStories: every hand-written event is exactly one
// story, and no story mixes two events.
func TestFixtureEventsBecomeStories(t *testing.T) {
	fs := loadFixtures(t)
	truth := eventOf(fs)
	d := Build(Input{Items: fixtureItems(fs, nil)})
	for _, s := range d.Stories {
		events := map[string]bool{}
		for _, id := range s.ArticleIDs {
			events[truth[id]] = true
		}
		if len(events) != 1 {
			t.Errorf("story %s %q mixes events %v (articles %v)", s.Key, s.Headline, events, s.ArticleIDs)
		}
	}
	stories := map[string]map[string]bool{}
	for _, s := range d.Stories {
		for _, id := range s.ArticleIDs {
			if stories[truth[id]] == nil {
				stories[truth[id]] = map[string]bool{}
			}
			stories[truth[id]][s.Key] = true
		}
	}
	for ev, keys := range stories {
		if len(keys) != 1 {
			t.Errorf("event %s is split over stories %v", ev, keys)
		}
	}
	if p, r, _ := bcubed(storyGroups(d), truth); p != 1 || r != 1 {
		t.Errorf("B-cubed precision %.3f recall %.3f, want 1 and 1", p, r)
	}
}

func TestStoryGrouping(t *testing.T) {
	fs := loadFixtures(t)
	tests := []struct {
		name string
		keep func(int64) bool
		want [][]int64
	}{
		{"three outlets on one earthquake", only(401, 402, 403), [][]int64{{401, 402, 403}}},
		{"two angles on the dock strike: shipping and the minister", only(104, 105), [][]int64{{104, 105}}},
		{"an explainer joins the breach news", only(601, 604), [][]int64{{601, 604}}},
		{"a market report joins the tariff news", only(201, 203), [][]int64{{201, 203}}},
		{"tariffs and a moon rover deal both involve the United States",
			only(201, 202, 203, 301, 302, 303), [][]int64{{201, 202, 203}, {301, 302, 303}}},
		{"one article each, both about the United States", only(201, 301), [][]int64{{201}, {301}}},
		{"tariffs and a housing bill both involve Canada",
			only(201, 202, 203, 801, 802), [][]int64{{201, 202, 203}, {801, 802}}},
		{"two earthquakes in two countries", only(401, 402, 403, 405), [][]int64{{401, 402, 403}, {405}}},
		{"two earthquakes, one article each", only(401, 405), [][]int64{{401}, {405}}},
		{"a quake and a wildfire share disaster words",
			only(401, 402, 403, 501, 502), [][]int64{{401, 402, 403}, {501, 502}}},
		{"a transfer and a cup final share Riverside", only(701, 702, 904), [][]int64{{701, 702}, {904}}},
		{"the dock strike and bike lanes share Valmont and Harbour",
			func(id int64) bool { return between(101, 105)(id) || id == 903 },
			[][]int64{{101, 102, 103, 104, 105}, {903}}},
		{"a single article", only(902), [][]int64{{902}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Build(Input{Items: fixtureItems(fs, tt.keep)})
			got := sortedGroups(storyGroups(d))
			if !reflect.DeepEqual(got, sortedGroups(tt.want)) {
				t.Errorf("stories %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSyndicatedCopiesCollapse(t *testing.T) {
	fs := loadFixtures(t)

	t.Run("a wire story on two sites is one source", func(t *testing.T) {
		d := Build(Input{Items: fixtureItems(fs, only(102, 103))})
		if len(d.Stories) != 1 {
			t.Fatalf("%d stories, want 1", len(d.Stories))
		}
		s := d.Stories[0]
		want := []Source{{
			ArticleID:        102, // the earlier of the two
			Title:            "Strike halts cargo at Port of Valmont as union rejects crane plan",
			URL:              "https://globalwire.example/2025/03/04/valmont-port-strike",
			Site:             "Global Wire",
			Published:        time.Date(2025, 3, 4, 8, 15, 0, 0, time.UTC),
			SyndicatedCopies: 1,
			CopySites:        []string{"Metro Times"},
		}}
		if !reflect.DeepEqual(s.Sources, want) {
			t.Errorf("sources\n%+v\nwant\n%+v", s.Sources, want)
		}
		if !reflect.DeepEqual(s.ArticleIDs, []int64{102, 103}) {
			t.Errorf("article ids %v, want both copies", s.ArticleIDs)
		}
		if s.Members != 2 {
			t.Errorf("members %d, want 2: both members shared it", s.Members)
		}
	})

	t.Run("copies do not count as coverage", func(t *testing.T) {
		d := Build(Input{Items: fixtureItems(fs, nil)})
		for _, c := range []struct {
			id      int64
			sources int
		}{{101, 4}, {601, 3}} {
			if s := storyWith(t, d, c.id); len(s.Sources) != c.sources {
				t.Errorf("story of %d: %d sources %v, want %d", c.id, len(s.Sources), sourceIDs(s), c.sources)
			}
		}
	})

	t.Run("the same lead over a different body is not a copy", func(t *testing.T) {
		base := fixtureItems(fs, only(102))[0]
		paras := strings.Split(base.Article.Text, "\n\n")
		other := base
		other.ArticleID = 150
		other.SubmittedBy = "dev"
		other.Article.Site = "Evening Star"
		other.Article.URL = "https://eveningstar.example/valmont"
		other.Article.Text = strings.Join(append(paras[:2:2],
			"Inside the terminal, managers tried to keep the few remaining cranes moving with office staff, without much success. By noon only two ships had been unloaded.",
			"Families of striking workers brought food to the picket line, and a local bakery donated bread. Several retired dockworkers joined the protest and told stories of earlier disputes.",
			"Economists at the central bank said a week-long closure could shave a tenth of a point off quarterly growth, mostly through delayed exports of machinery and farm goods.",
			"The union has scheduled a mass meeting for Thursday evening to decide whether to extend the action to the smaller river port upstream, which handles bulk grain and fertiliser shipments.",
		), "\n\n")
		other.Briefing.Quotes = nil
		d := Build(Input{Items: []Item{base, other}})
		if len(d.Stories) != 1 {
			t.Fatalf("%d stories, want 1 (same event)", len(d.Stories))
		}
		if s := d.Stories[0]; len(s.Sources) != 2 || s.Sources[0].SyndicatedCopies+s.Sources[1].SyndicatedCopies != 0 {
			t.Errorf("sources %+v, want two distinct sources", s.Sources)
		}
	})

	t.Run("identical text under another title is a copy", func(t *testing.T) {
		base := fixtureItems(fs, only(601))[0]
		other := base
		other.ArticleID = 650
		other.Article.Title = "Cloud accounting firm hit by data theft"
		other.Article.Site = "Valley Herald"
		other.Article.URL = "https://valleyherald.example/lumina"
		d := Build(Input{Items: []Item{base, other}})
		if len(d.Stories) != 1 || len(d.Stories[0].Sources) != 1 || d.Stories[0].Sources[0].SyndicatedCopies != 1 {
			t.Errorf("stories %+v, want one source with one copy", d.Stories)
		}
	})
}

func TestStoryOrder(t *testing.T) {
	fs := loadFixtures(t)
	d := Build(Input{Items: fixtureItems(fs, nil)})
	var got []string
	for _, s := range d.Stories {
		got = append(got, s.Key)
	}
	// By distinct sources, then distinct members, then the newest article:
	// the dock strike has 4 sources; the breach, the quake, the tariffs and
	// the rover 3 each (3, 3, 2 and 1 members; the breach is newer than the
	// quake); the transfer, housing and wildfire 2 each (2, 1, 1 members;
	// housing newer); then single articles, newest first.
	want := []string{"a101", "a601", "a401", "a201", "a301", "a701", "a801", "a501",
		"a904", "a405", "a903", "a901", "a902"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("story order %v\nwant %v", got, want)
	}
	for i := 1; i < len(d.Stories); i++ {
		a, b := d.Stories[i-1], d.Stories[i]
		if len(a.Sources) < len(b.Sources) || len(a.Sources) == len(b.Sources) && a.Members < b.Members {
			t.Errorf("story %s (%d sources, %d members) before %s (%d, %d)",
				a.Key, len(a.Sources), a.Members, b.Key, len(b.Sources), b.Members)
		}
	}
}

// previousOf is what the bot keeps of a posted digest.
func previousOf(d Digest) []PreviousStory {
	var out []PreviousStory
	for _, s := range d.Stories {
		out = append(out, PreviousStory{Key: s.Key, ArticleIDs: s.ArticleIDs, Terms: s.Terms})
	}
	return out
}

func TestPreviousDigest(t *testing.T) {
	fs := loadFixtures(t)
	// Yesterday the server saw the first wire reports of the dock strike,
	// the whole breach story and the first quake report; today members
	// shared everything again plus the rest.
	day1 := Build(Input{Items: fixtureItems(fs, only(101, 102, 103, 601, 602, 603, 604, 401))})
	prev := previousOf(day1)
	dock := storyWith(t, day1, 101)
	if dock.Key != "a101" {
		t.Fatalf("day 1 dock story key %q, want a101", dock.Key)
	}

	d := Build(Input{Items: fixtureItems(fs, nil), Previous: prev})

	for _, s := range d.Stories {
		if slices.Contains(s.ArticleIDs, 601) {
			t.Errorf("breach story %s was fully posted yesterday but is in the digest", s.Key)
		}
	}
	if d.Omitted != 1 {
		t.Errorf("omitted %d stories, want 1 (the breach)", d.Omitted)
	}

	s := storyWith(t, d, 104)
	if !s.Update || s.Key != "a101" {
		t.Errorf("dock story update=%v key=%q, want an update keeping key a101", s.Update, s.Key)
	}
	wantPosted := map[int64]bool{101: true, 102: true, 104: false, 105: false}
	for _, src := range s.Sources {
		if want, ok := wantPosted[src.ArticleID]; ok && src.AlreadyPosted != want {
			t.Errorf("source %d already_posted=%v, want %v", src.ArticleID, src.AlreadyPosted, want)
		}
	}
	if ids := sourceIDs(s); ids[0] != 104 && ids[0] != 105 || ids[1] != 104 && ids[1] != 105 {
		t.Errorf("sources %v: the new ones (104, 105) should come first", ids)
	}
	if lead := s.Sources[0]; !strings.HasPrefix(s.Headline, strings.TrimSuffix(lead.Title, "…")[:20]) {
		t.Errorf("headline %q should come from the first, new source %q", s.Headline, lead.Title)
	}

	if q := storyWith(t, d, 402); !q.Update || q.Key != "a401" {
		t.Errorf("quake story update=%v key=%q, want an update keeping a401", q.Update, q.Key)
	}
	for _, id := range []int64{201, 301, 701, 801, 501, 901} {
		if s := storyWith(t, d, id); s.Update || s.Key != fmt.Sprintf("a%d", id) {
			t.Errorf("story of %d update=%v key=%q, want a new story keyed a%d", id, s.Update, s.Key, id)
		}
	}
}

func TestFollowUpWithNoSharedArticle(t *testing.T) {
	fs := loadFixtures(t)
	day1 := Build(Input{Items: fixtureItems(fs, only(101, 102, 103, 201, 202, 203))})
	prev := previousOf(day1)

	// Today nobody re-shares yesterday's articles: only the later dock
	// strike reports, the moon rover and the housing bill.
	d := Build(Input{Items: fixtureItems(fs, only(104, 105, 301, 302, 303, 801, 802)), Previous: prev})
	dock := storyWith(t, d, 104)
	if !dock.Update || dock.Key != "a101" {
		t.Errorf("dock follow-up update=%v key=%q, want an update of a101", dock.Update, dock.Key)
	}
	// The rover shares the United States with yesterday's tariffs, and the
	// housing bill shares Canada: neither is the same story.
	for _, id := range []int64{301, 801} {
		if s := storyWith(t, d, id); s.Update || s.Key != fmt.Sprintf("a%d", id) {
			t.Errorf("story of %d update=%v key=%q, want new", id, s.Update, s.Key)
		}
	}
	if d.Omitted != 0 {
		t.Errorf("omitted %d, want 0", d.Omitted)
	}
}

func TestKeysStayUnique(t *testing.T) {
	fs := loadFixtures(t)
	// A previous story that (oddly) held one article of two of today's
	// stories: one inherits its key, both are updates, keys stay distinct.
	prev := []PreviousStory{{Key: "a101", ArticleIDs: []int64{101, 201}}}
	d := Build(Input{Items: fixtureItems(fs, only(101, 102, 104, 201, 202, 203)), Previous: prev})
	if len(d.Stories) != 2 {
		t.Fatalf("%d stories, want 2", len(d.Stories))
	}
	a, b := d.Stories[0], d.Stories[1]
	if a.Key == b.Key {
		t.Errorf("two stories share key %q", a.Key)
	}
	if !a.Update || !b.Update {
		t.Errorf("update flags %v %v, want both", a.Update, b.Update)
	}
	if !slices.Contains([]string{a.Key, b.Key}, "a101") {
		t.Errorf("keys %q %q, want one to inherit a101", a.Key, b.Key)
	}
}

func TestEmptyInput(t *testing.T) {
	start := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	end := start.Add(24 * time.Hour)
	outside := Item{ArticleID: 1, Article: briefing.Article{Title: "Old news", Text: "Something happened."},
		SubmittedBy: "ana", SubmittedAt: start.Add(-time.Hour)}
	tests := []struct {
		name string
		in   Input
	}{
		{"nothing", Input{}},
		{"a period with no items", Input{PeriodStart: start, PeriodEnd: end,
			Previous: []PreviousStory{{Key: "a9", ArticleIDs: []int64{9}}}}},
		{"only items from before the period", Input{PeriodStart: start, PeriodEnd: end, Items: []Item{outside}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Build(tt.in)
			want := Digest{PeriodStart: tt.in.PeriodStart, PeriodEnd: tt.in.PeriodEnd,
				Stories: []Story{}, Actors: []DigestActor{}}
			if !reflect.DeepEqual(d, want) {
				t.Errorf("digest %+v, want empty", d)
			}
		})
	}
}

func TestPeriodBounds(t *testing.T) {
	fs := loadFixtures(t)
	items := fixtureItems(fs, only(401, 402, 403))
	// 401 was shared at 05:00, 402 at 08:05, 403 at 13:25.
	d := Build(Input{
		PeriodStart: time.Date(2025, 3, 4, 6, 0, 0, 0, time.UTC),
		PeriodEnd:   time.Date(2025, 3, 4, 13, 25, 0, 0, time.UTC),
		Items:       items,
	})
	if got := sortedGroups(storyGroups(d)); !reflect.DeepEqual(got, [][]int64{{402}}) {
		t.Errorf("stories %v, want only 402 (start inclusive, end exclusive)", got)
	}
}

func TestSameArticleSharedByTwoMembers(t *testing.T) {
	fs := loadFixtures(t)
	items := fixtureItems(fs, only(101))
	if len(items) != 2 {
		t.Fatalf("fixture 101 should be shared twice, got %d items", len(items))
	}
	d := Build(Input{Items: items})
	if len(d.Stories) != 1 || len(d.Stories[0].Sources) != 1 || d.Stories[0].Members != 2 ||
		d.ArticleCount != 1 || d.MemberCount != 2 {
		t.Errorf("digest %+v, want one source shared by two members", d)
	}
}

func TestDeterministic(t *testing.T) {
	fs := loadFixtures(t)
	synth, _ := synthCorpus(30, 6, 40, 3)
	for _, c := range []struct {
		name  string
		items []Item
	}{{"fixtures", fixtureItems(fs, nil)}, {"synthetic", synth}} {
		t.Run(c.name, func(t *testing.T) {
			prev := previousOf(Build(Input{Items: c.items[:len(c.items)/3]}))
			first := Build(Input{Items: c.items, Previous: prev})
			if again := Build(Input{Items: c.items, Previous: prev}); !reflect.DeepEqual(first, again) {
				t.Fatal("two builds of the same input differ")
			}
			for seed := range uint64(3) {
				shuffled := slices.Clone(c.items)
				r := rand.New(rand.NewPCG(seed, 1))
				r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				if got := Build(Input{Items: shuffled, Previous: prev}); !reflect.DeepEqual(first, got) {
					t.Fatalf("item order (seed %d) changed the digest", seed)
				}
			}
		})
	}
}

func TestQuotes(t *testing.T) {
	fs := loadFixtures(t)
	items := fixtureItems(fs, nil)
	texts := map[int64][]rune{}
	for _, it := range items {
		texts[it.ArticleID] = []rune(it.Article.Text)
	}
	d := Build(Input{Items: items})
	for _, s := range d.Stories {
		if len(s.Quotes) > 4 {
			t.Errorf("story %s has %d quotes, want at most 4", s.Key, len(s.Quotes))
		}
		per := map[string]int{}
		for i, q := range s.Quotes {
			text := texts[q.ArticleID]
			if q.Start < 0 || q.End > len(text) || string(text[q.Start:q.End]) != q.Text {
				t.Errorf("story %s quote %q is not verbatim at %d:%d of article %d", s.Key, q.Text, q.Start, q.End, q.ArticleID)
			}
			if q.Speaker == "" {
				t.Errorf("story %s quote %q has no speaker", s.Key, q.Text)
			}
			if countWords(q.Text) < 4 {
				t.Errorf("story %s keeps the fragment %q", s.Key, q.Text)
			}
			per[q.Speaker]++
			for _, o := range s.Quotes[:i] {
				if strings.Contains(o.Text, q.Text) || strings.Contains(q.Text, o.Text) {
					t.Errorf("story %s repeats a quote: %q and %q", s.Key, o.Text, q.Text)
				}
			}
		}
		for who, n := range per {
			if n > 2 {
				t.Errorf("story %s has %d quotes from %s, want at most 2", s.Key, n, who)
			}
		}
	}

	quake := storyWith(t, d, 401)
	var families []StoryQuote
	for _, q := range quake.Quotes {
		if strings.Contains(q.Text, "families sleeping outside") {
			families = append(families, q)
		}
	}
	if len(families) != 1 || families[0].ArticleID != 401 || !strings.HasSuffix(families[0].Text, "water today") {
		t.Errorf("the governor's appeal, reported by two outlets, should appear once in its fuller form: %+v", families)
	}
	if len(families) == 1 && families[0].Speaker != "Rosa Quispe" {
		t.Errorf("speaker %q, want the actor's full name Rosa Quispe", families[0].Speaker)
	}
	var vargas bool
	for _, q := range quake.Quotes {
		vargas = vargas || q.Speaker == "Alberto Vargas" && strings.HasPrefix(q.Text, "The state will not abandon")
	}
	if !vargas {
		t.Errorf("quote credited to %q should be under Alberto Vargas: %+v", "President Vargas", quake.Quotes)
	}
	if dock := storyWith(t, d, 101); len(dock.Quotes) == 0 || dock.Quotes[0].Speaker != "Marta Kessler" &&
		dock.Quotes[0].Speaker != "Daniel Osei" {
		t.Errorf("dock story should lead with a key actor's quote: %+v", dock.Quotes)
	}
}

func TestActorsMerged(t *testing.T) {
	fs := loadFixtures(t)
	d := Build(Input{Items: fixtureItems(fs, nil)})
	find := func(s Story, name string) (briefing.Actor, int) {
		n := 0
		var found briefing.Actor
		for _, a := range s.Actors {
			if strings.Contains(normName(a.Name), normName(name)) {
				n++
				found = a
			}
		}
		return found, n
	}
	tests := []struct {
		story    int64
		name     string // a part of the merged name, as normalised
		count    int    // actors whose name contains it
		wantName string
		mentions int
		alias    string
	}{
		// "Quispe" (403) is the surname of "Rosa Quispe": 2 + 1 + 1 mentions.
		{401, "Quispe", 1, "Rosa Quispe", 4, "Quispe"},
		{401, "Civil Defence", 1, "National Civil Defence Institute", 3, "Civil Defence"},
		// Written with and without the accent.
		{801, "Tremblay", 1, "Amélie Tremblay", 2, "Tremblay"},
		{201, "Commerce Department", 1, "US Commerce Department", 3, "Commerce Department"},
		// Copies count once: 2 (101) + 2 (102, not 103) + 1 + 1.
		{101, "Kessler", 1, "Marta Kessler", 6, "Kessler"},
		// Both clubs are called "Riverside"; the women's team stays apart.
		{701, "Riverside", 1, "Riverside FC", 5, "Riverside"},
		{904, "Riverside", 1, "Riverside FC Women", 1, "Riverside"},
	}
	for _, tt := range tests {
		t.Run(tt.wantName, func(t *testing.T) {
			a, n := find(storyWith(t, d, tt.story), tt.name)
			if n != tt.count || a.Name != tt.wantName || a.Mentions != tt.mentions || !slices.Contains(a.Aliases, tt.alias) {
				t.Errorf("found %d actors like %q, last %+v; want %d named %q with %d mentions and alias %q",
					n, tt.name, a, tt.count, tt.wantName, tt.mentions, tt.alias)
			}
		})
	}

	stories := map[string]int{}
	for _, a := range d.Actors {
		stories[a.Name] = a.Stories
	}
	if stories["United States"] != 2 || stories["Canada"] != 2 || stories["Japan"] != 1 {
		t.Errorf("digest actors' story counts %v: United States and Canada are in 2 stories, Japan in 1", stories)
	}
	for i := 1; i < len(d.Actors); i++ {
		a, b := d.Actors[i-1], d.Actors[i]
		if a.Stories < b.Stories || a.Stories == b.Stories && a.Mentions < b.Mentions {
			t.Errorf("digest actor %+v ranked before %+v", a, b)
		}
	}
}

func TestPositions(t *testing.T) {
	fs := loadFixtures(t)
	d := Build(Input{Items: fixtureItems(fs, nil)})
	for _, s := range d.Stories {
		per := map[string]int{}
		top := map[string]bool{}
		for _, a := range s.Actors[:min(5, len(s.Actors))] {
			top[a.Name] = true
		}
		for _, p := range s.Positions {
			per[p.Actor]++
			if !top[p.Actor] {
				t.Errorf("story %s: position of %q, who is not among its top actors", s.Key, p.Actor)
			}
		}
		for who, n := range per {
			if n > 3 {
				t.Errorf("story %s: %d positions of %s, want at most 3", s.Key, n, who)
			}
		}
	}
	dock := storyWith(t, d, 101)
	var redundant []string
	for _, p := range dock.Positions {
		if strings.Contains(p.Statement, "redundant") {
			redundant = append(redundant, p.Actor+": "+p.Statement)
		}
	}
	// 102 and 105 report the same pledge; 103 is a copy of 102.
	want := []string{"Daniel Osei: No worker would be made redundant by the cranes."}
	if !reflect.DeepEqual(redundant, want) {
		t.Errorf("redundancy pledge positions %q, want once in its fuller form %q", redundant, want)
	}
}

func TestHeadlines(t *testing.T) {
	fs := loadFixtures(t)
	d := Build(Input{Items: fixtureItems(fs, nil)})
	titles := map[int64]string{}
	for _, s := range d.Stories {
		if s.Headline == "" || strings.ContainsAny(s.Headline, "\n|") || len([]rune(s.Headline)) > 120 {
			t.Errorf("story %s headline %q", s.Key, s.Headline)
		}
		for _, src := range s.Sources {
			titles[src.ArticleID] = src.Title
		}
	}
	if got := titles[101]; got != "Valmont dockworkers walk out over automated cranes" {
		t.Errorf("source 101 title %q: the site name should be cut", got)
	}
}

// TestSyntheticCorpus checks the grouping at scale on the benchmark's kind
// of corpus, where events of one theme share much of their vocabulary.
func TestSyntheticCorpus(t *testing.T) {
	items, truth := synthCorpus(60, 8, 60, 11)
	d := Build(Input{Items: items})
	p, r, f1 := bcubed(storyGroups(d), truth)
	if f1 < 0.98 {
		t.Errorf("B-cubed precision %.3f recall %.3f F1 %.3f, want F1 >= 0.98", p, r, f1)
	}
}

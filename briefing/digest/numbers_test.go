package digest

import (
	"strings"
	"testing"
)

func TestNumberOf(t *testing.T) {
	for _, tc := range []struct {
		w    string
		want int64
	}{
		{"2008", 2008}, {"12", 12}, {"7", -1}, {"", -1}, {"1a", -1}, {"76ers", -1}, {"1234567890123", -1},
	} {
		if got := numberOf([]byte(tc.w)); got != tc.want {
			t.Errorf("numberOf(%q) = %d, want %d", tc.w, got, tc.want)
		}
	}
}

func TestSameNumbers(t *testing.T) {
	p := defaultParams()
	for _, tc := range []struct {
		name string
		a, b []int64
		want float64
	}{
		{"one in common", []int64{12, 2008}, []int64{2008, 40}, 1},
		{"none in common", []int64{2005}, []int64{2008, 12}, p.numbersDiffer},
		{"one gives none", nil, []int64{2008}, 1},
		{"neither gives any", nil, nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := &doc{nums: tc.a}, &doc{nums: tc.b}
			if got := sameNumbers(a, b, p); got != tc.want {
				t.Errorf("sameNumbers = %v, want %v", got, tc.want)
			}
			if got := sameNumbers(b, a, p); got != tc.want {
				t.Errorf("sameNumbers reversed = %v, want %v", got, tc.want)
			}
		})
	}
}

// Two elections of one country years apart share most words of their
// leads but not the year and the figures; two reports of one election share
// them. The link of the two elections is damped by numbersDiffer, the link
// of the two reports is not.
func TestNumbersDampSameKindEvents(t *testing.T) {
	mk := func(id int64, title, text string) Item {
		it := Item{ArticleID: id}
		it.Article.Title, it.Article.Text = title, text
		it.Briefing.Title = title
		return it
	}
	items := []Item{
		mk(1, "Voters in Westmark elect a new parliament in 2011 poll",
			"Voters in Westmark elected a new parliament on Sunday in the 2011 poll, the election commission said, with turnout at 71 percent and the ruling party taking 88 of the 125 seats."),
		mk(2, "Ruling party wins Westmark parliamentary election of 2011",
			"The ruling party won 88 of 125 seats in Westmark's 2011 parliamentary election, officials said Monday, as observers questioned the turnout of 71 percent reported by the commission."),
		mk(3, "Westmark holds parliamentary election under new rules in 2016",
			"Westmark went to the polls for a parliamentary election in 2016 under new rules that enlarged the chamber to 150 seats; the commission put turnout at 64 percent."),
	}
	sims := func(p params) map[[2]int64]float32 {
		docs := collectDocs(Input{Items: items})
		v := newVectorizer(p)
		v.vectorize(docs, resolveEntities(docs))
		out := map[[2]int64]float32{}
		for _, e := range v.similarPairs(docs) {
			a, b := docs[e.a].id, docs[e.b].id
			out[[2]int64{min(a, b), max(a, b)}] = e.s
		}
		return out
	}
	undamped := defaultParams()
	undamped.numbersDiffer = 1
	with, without := sims(defaultParams()), sims(undamped)
	if with[[2]int64{1, 2}] != without[[2]int64{1, 2}] || with[[2]int64{1, 2}] == 0 {
		t.Errorf("reports of one election: similarity %v, want %v", with[[2]int64{1, 2}], without[[2]int64{1, 2}])
	}
	for _, k := range [][2]int64{{1, 3}, {2, 3}} {
		want := without[k] * float32(defaultParams().numbersDiffer)
		if d := with[k] - want; d > 1e-6 || d < -1e-6 || without[k] == 0 {
			t.Errorf("elections %v: similarity %v, want %v (undamped %v)", k, with[k], want, without[k])
		}
	}
}

func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", "Ann Lee", " Ann  Lee ", "Ann\tLee", "Ann\u00a0Lee", "José Ruiz", "A", "a  b"} {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

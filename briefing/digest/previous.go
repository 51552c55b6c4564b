package digest

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// prevIndex answers which stories of the previous digest an article or a
// term belongs to.
type prevIndex struct {
	stories   []PreviousStory
	posted    map[int64]bool
	byArticle map[int64][]int
	byTerm    map[string][]int
	termCount []int // distinct terms per previous story
}

func newPrevIndex(prev []PreviousStory) *prevIndex {
	x := &prevIndex{
		stories:   prev,
		posted:    map[int64]bool{},
		byArticle: map[int64][]int{},
		byTerm:    map[string][]int{},
		termCount: make([]int, len(prev)),
	}
	for i, s := range prev {
		for _, id := range s.ArticleIDs {
			x.posted[id] = true
			if l := x.byArticle[id]; len(l) == 0 || l[len(l)-1] != i {
				x.byArticle[id] = append(l, i)
			}
		}
		for _, t := range s.Terms {
			if l := x.byTerm[t]; len(l) == 0 || l[len(l)-1] != i {
				x.byTerm[t] = append(l, i)
				x.termCount[i]++
			}
		}
	}
	return x
}

// prevMatch is a previous story a draft continues.
type prevMatch struct {
	prev   int
	shared int     // articles in both
	sim    float64 // share of the previous story's terms found in the draft
}

// match lists the previous stories the draft continues: those sharing an
// article with it, and those whose signature terms (PreviousStory.Terms)
// it mostly contains, a follow-up written by outlets nobody shared
// yesterday. A term match needs prevShared signature terms anywhere in the
// draft's articles, one of them an actor: two earthquakes share
// "magnitude" and "aftershock", never the governor or the town.
func (x *prevIndex) match(dr *draft, terms []string, p params) []prevMatch {
	if len(x.stories) == 0 {
		return nil
	}
	shared := map[int]int{}
	for _, d := range dr.docs {
		for _, i := range x.byArticle[d.id] {
			shared[i]++
		}
	}
	common, actors := map[int]int{}, map[int]int{}
	for _, t := range terms {
		for _, i := range x.byTerm[t] {
			common[i]++
			if strings.HasPrefix(t, "@") {
				actors[i]++
			}
		}
	}
	var out []prevMatch
	for i := range x.stories {
		s, c := shared[i], common[i]
		var sim float64
		if x.termCount[i] > 0 {
			sim = float64(c) / float64(x.termCount[i])
		}
		if s > 0 || c >= p.prevShared && actors[i] > 0 {
			out = append(out, prevMatch{prev: i, shared: s, sim: sim})
		}
	}
	return out
}

// assignKeys gives every draft its Key. A draft continuing a previous story
// inherits that story's key (the best continuation when a story split);
// the others take "a" and their smallest article id that no previous or
// current story uses as key.
func assignKeys(drafts []*draft, x *prevIndex) {
	type cand struct {
		d int
		m prevMatch
	}
	var cands []cand
	for i, dr := range drafts {
		for _, m := range dr.matches {
			cands = append(cands, cand{i, m})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.m.shared, a.m.shared), cmp.Compare(b.m.sim, a.m.sim),
			cmp.Compare(a.d, b.d), cmp.Compare(a.m.prev, b.m.prev))
	})
	used := map[string]bool{}
	for _, s := range x.stories {
		used[s.Key] = true
	}
	inherited := map[string]bool{}
	for _, c := range cands {
		dr := drafts[c.d]
		key := x.stories[c.m.prev].Key
		if dr.key != "" || key == "" || inherited[key] {
			continue
		}
		dr.key = key
		inherited[key] = true
	}
	for _, dr := range drafts {
		if dr.key != "" {
			continue
		}
		for _, d := range dr.docs {
			if k := "a" + strconv.FormatInt(d.id, 10); !used[k] {
				dr.key = k
				break
			}
		}
		for n := 2; dr.key == ""; n++ {
			if k := "a" + strconv.FormatInt(dr.docs[0].id, 10) + "-" + strconv.Itoa(n); !used[k] {
				dr.key = k
			}
		}
		used[dr.key] = true
	}
}

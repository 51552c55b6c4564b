package digest

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// feat is one weighted term of a sparse vector.
type feat struct {
	id int32
	w  float32
}

// edge is the similarity of two docs (a < b, by doc index).
type edge struct {
	a, b int32
	s    float32
}

// vectorizer turns docs into TF-IDF vectors over one term vocabulary.
type vectorizer struct {
	p      params
	rawEN  map[string]int32 // word as written -> term id, -1 for a stopword
	rawAny map[string]int32 // same, for text not in English (no stemming)
	ids    map[string]int32
	terms  []string
	df     []int32
	nEnts  int32 // term ids below this are actor features
	buf    []byte
	stemb  []byte
}

func newVectorizer(p params) *vectorizer {
	return &vectorizer{
		p:      p,
		rawEN:  map[string]int32{},
		rawAny: map[string]int32{},
		ids:    map[string]int32{},
	}
}

func (v *vectorizer) intern(term string) int32 {
	if id, ok := v.ids[term]; ok {
		return id
	}
	id := int32(len(v.terms))
	v.ids[term] = id
	v.terms = append(v.terms, term)
	return id
}

// termID returns the term a written word counts as, or -1 when it carries
// no meaning for grouping (stopword, single letter).
func (v *vectorizer) termID(w []byte, english bool) int32 {
	raw := v.rawAny
	if english {
		raw = v.rawEN
	}
	if id, ok := raw[string(w)]; ok {
		return id
	}
	word := string(w)
	id := int32(-1)
	if len(w) >= 2 && !isStopword(word) {
		s := append(v.stemb[:0], w...)
		if english {
			s = stem(s)
		}
		v.stemb = s
		id = v.intern(string(s))
	}
	raw[word] = id
	return id
}

func isEnglish(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "" || lang == "en" || strings.HasPrefix(lang, "en-") || strings.HasPrefix(lang, "en_")
}

// termSet returns the distinct terms of s, ascending: what two statements
// are compared by when deduplicating positions and quotes.
func (v *vectorizer) termSet(s string) []int32 {
	var out []int32
	v.buf = eachWord(s, v.buf, func(w []byte) {
		if id := v.termID(w, true); id >= 0 {
			out = append(out, id)
		}
	})
	slices.Sort(out)
	return slices.Compact(out)
}

func docTitle(d *doc) string {
	if t := strings.TrimSpace(d.item.Article.Title); t != "" {
		return t
	}
	return strings.TrimSpace(d.item.Briefing.Title)
}

// vectorize sets vec and top of every doc.
func (v *vectorizer) vectorize(docs []*doc, ents *entityTable) {
	p := v.p
	entTerm := make([]int32, len(ents.ents))
	for i, e := range ents.ents {
		entTerm[i] = v.intern("@" + e.key)
	}
	v.nEnts = int32(len(v.terms))
	// Term weights of one doc are summed in a dense scratch array indexed by
	// term id, so no per-token sort or map is needed.
	var scratch []float64
	var touched []int32
	var nums []int64
	add := func(id int32, w float64) {
		if int(id) >= len(scratch) {
			scratch = append(scratch, make([]float64, int(id)+1-len(scratch)+len(scratch)/2)...)
		}
		if scratch[id] == 0 {
			touched = append(touched, id)
		}
		scratch[id] += w
	}
	for _, d := range docs {
		english := isEnglish(d.item.Article.Language)
		touched = touched[:0]
		nums = nums[:0]
		v.buf = eachWord(docTitle(d), v.buf, func(w []byte) {
			if n := numberOf(w); n >= 0 {
				nums = append(nums, n)
			}
			if id := v.termID(w, english); id >= 0 {
				add(id, p.titleWeight)
			}
		})
		text := d.item.Article.Text
		if strings.TrimSpace(text) == "" {
			text = d.item.Briefing.Summary
		}
		// The lead is the first leadMaxWords words, whatever the paragraphs:
		// a three-sentence snippet and a long report of one event agree
		// there. Later words (bodyWeight, 0 by default: on ECB+ the body's
		// background joined same-kind events more than it joined reports of
		// one event) may count too.
		nw := 0
		each := eachWord
		if p.bodyWeight == 0 {
			// Only the lead counts: read no further than it.
			each = func(s string, buf []byte, fn func(w []byte)) []byte {
				return eachLeadWord(s, math.MaxInt, p.leadMaxWords, p.leadMaxWords, buf, fn)
			}
		}
		v.buf = each(text, v.buf, func(w []byte) {
			nw++
			if nw <= p.leadMaxWords {
				if n := numberOf(w); n >= 0 {
					nums = append(nums, n)
				}
			}
			if id := v.termID(w, english); id >= 0 {
				if nw <= p.leadMaxWords {
					add(id, p.leadWeight)
				} else if p.bodyWeight > 0 {
					add(id, p.bodyWeight)
				}
			}
		})
		// Key actors: the entity feature ties "the Fed" in one outlet to
		// "the Federal Reserve" in another, which words alone cannot. Its
		// weight is not dampened like a word count's.
		for _, a := range d.actors {
			if !a.key {
				continue
			}
			w := ents.ents[a.ent].weight * p.entityWeight * (1 + math.Log(float64(a.mentions)))
			add(entTerm[a.ent], -w) // negative marks an actor feature until read back
		}
		if len(nums) > 0 {
			slices.Sort(nums)
			d.nums = slices.Clone(slices.Compact(nums))
		}
		slices.Sort(touched)
		vec := make([]feat, 0, len(touched))
		for _, id := range touched {
			w := scratch[id]
			scratch[id] = 0
			if w < 0 {
				vec = append(vec, feat{id, float32(-w)})
				continue
			}
			vec = append(vec, feat{id, float32(sublinear(w))})
		}
		d.vec = vec
	}

	v.df = make([]int32, len(v.terms))
	for _, d := range docs {
		for _, f := range d.vec {
			v.df[f.id]++
		}
	}
	nd := float64(len(docs))
	for _, d := range docs {
		var norm float64
		for i, f := range d.vec {
			w := float64(f.w) * (math.Log((nd+v.p.idfPrior+1)/(float64(v.df[f.id])+1)) + 1)
			d.vec[i].w = float32(w)
			norm += w * w
		}
		if norm > 0 {
			inv := 1 / math.Sqrt(norm)
			for i := range d.vec {
				d.vec[i].w = float32(float64(d.vec[i].w) * inv)
			}
		}
		d.top = topTerms(d.vec, p.topTerms)
	}
}

// topTerms returns the ids of the k strongest features, strongest first,
// ties to the lower id.
func topTerms(vec []feat, k int) []int32 {
	best := make([]feat, 0, k+1)
	for _, f := range vec {
		best = insertTop(best, f, k, func(a, b feat) bool { return a.w > b.w || a.w == b.w && a.id < b.id })
	}
	out := make([]int32, len(best))
	for i, f := range best {
		out[i] = f.id
	}
	return out
}

// insertTop inserts f into best, kept sorted by better and no longer than
// k: a selection cheaper than sorting when k is small.
func insertTop(best []feat, f feat, k int, better func(a, b feat) bool) []feat {
	if k <= 0 || len(best) == k && !better(f, best[k-1]) {
		return best
	}
	i := len(best)
	for i > 0 && better(f, best[i-1]) {
		i--
	}
	best = slices.Insert(best, i, f)
	if len(best) > k {
		best = best[:k]
	}
	return best
}

// similarity is the cosine of two normalised vectors, both in ascending
// term order (read side by side, so memory is read in order however large
// the vocabulary), damped by noSharedActor when both name key actors but
// none in common: two earthquakes in two countries share every disaster
// word, but not a governor, a town or an agency.
func (v *vectorizer) similarity(a, b []feat) float64 {
	var s float64
	shared := false
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += float64(a[i].w) * float64(b[j].w)
			shared = shared || a[i].id < v.nEnts
			i++
			j++
		}
	}
	// Actor features have the lowest ids, so a vector with any starts with one.
	if !shared && len(a) > 0 && len(b) > 0 && a[0].id < v.nEnts && b[0].id < v.nEnts {
		s *= v.p.noSharedActor
	}
	return s
}

// numberOf returns the number a word is when it is all digits, at least
// two of them (a year, a toll, a score, a sum; not "one of 3"), else -1.
func numberOf(w []byte) int64 {
	if len(w) < 2 || len(w) > 12 {
		return -1
	}
	var n int64
	for _, c := range w {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

// sameNumbers damps the similarity of two articles whose title and lead
// both give numbers but none in common: the same kind of event told again
// (an election years later, another quake, another fight) shares every
// word but its year, toll, score or sum, while reports of one event repeat
// at least one of them. An article without numbers is not judged.
func sameNumbers(a, b *doc, p params) float64 {
	if len(a.nums) == 0 || len(b.nums) == 0 {
		return 1
	}
	for i, j := 0, 0; i < len(a.nums) && j < len(b.nums); {
		switch {
		case a.nums[i] < b.nums[j]:
			i++
		case a.nums[i] > b.nums[j]:
			j++
		default:
			return 1
		}
	}
	return p.numbersDiffer
}

// sameTime damps the similarity of two articles published far apart: two
// fights of one boxer or two quakes in one region, reported months apart,
// share every word but the date.
func sameTime(a, b *doc, p params) float64 {
	ta, tb := a.item.Article.Published, b.item.Article.Published
	if ta.IsZero() || tb.IsZero() {
		return 1
	}
	if gap := ta.Sub(tb).Abs(); gap > p.maxGap {
		return p.gapFactor
	}
	return 1
}

// similarPairs returns the pairs of docs worth comparing and their cosine.
// Work per article is bounded whatever the number of articles: each
// article's strongest terms (topTerms) are looked up in postings that keep,
// per term, only the maxPosting articles where that term weighs most; of
// the articles found, the maxCands that share most of those terms are
// scored. A term every article uses thus costs no more than a rare one, and
// the pairs grow with n, not n². An article finds the others of its event
// through their shared names and topic words, which are among its strongest.
func (v *vectorizer) similarPairs(docs []*doc) []edge {
	p := v.p
	type post struct {
		d int32
		w float32
	}
	isTop := make([]bool, len(v.terms))
	for _, d := range docs {
		for _, t := range d.top {
			isTop[t] = true
		}
	}
	postings := make([][]post, len(v.terms))
	for _, d := range docs {
		for _, f := range d.vec {
			if isTop[f.id] {
				postings[f.id] = append(postings[f.id], post{int32(d.idx), f.w})
			}
		}
	}
	for t, l := range postings {
		if len(l) > p.maxPosting {
			slices.SortFunc(l, func(a, b post) int { return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.d, b.d)) })
			postings[t] = slices.Clip(l[:p.maxPosting])
		}
	}
	hits := make([]int32, len(docs)) // shared top-term lookups with the doc at hand
	var cands []int32
	var edges []edge
	for i, d := range docs {
		cands = cands[:0]
		for _, t := range d.top {
			for _, x := range postings[t] {
				if int(x.d) == i {
					continue
				}
				if hits[x.d] == 0 {
					cands = append(cands, x.d)
				}
				hits[x.d]++
			}
		}
		if len(cands) == 0 {
			continue
		}
		if len(cands) > p.maxCands {
			slices.SortFunc(cands, func(a, b int32) int { return cmp.Or(cmp.Compare(hits[b], hits[a]), cmp.Compare(a, b)) })
		}
		for _, j := range cands {
			hits[j] = 0
		}
		cands = cands[:min(len(cands), p.maxCands)]
		for _, j := range cands {
			if s := v.similarity(d.vec, docs[j].vec) * sameTime(d, docs[j], p) * sameNumbers(d, docs[j], p); s >= p.edgeFloor {
				a, b := int32(i), j
				if b < a {
					a, b = b, a
				}
				edges = append(edges, edge{a, b, float32(s)})
			}
		}
	}
	// A pair found from both sides is one edge, with one similarity.
	slices.SortFunc(edges, func(x, y edge) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	return slices.CompactFunc(edges, func(x, y edge) bool { return x.a == y.a && x.b == y.b })
}

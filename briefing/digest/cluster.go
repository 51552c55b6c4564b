package digest

import (
	"cmp"
	"container/heap"
	"hash/fnv"
	"slices"
	"strings"
	"unicode/utf8"
)

// unit is one distinct source: an article and its syndicated copies.
type unit struct {
	idx  int
	docs []*doc // the original first (earliest, then lowest id), then its copies
}

func (u *unit) rep() *doc { return u.docs[0] }

// syndicate folds wire copies together: two articles are copies when their
// leads are close (the candidate pairs already scored) and their whole
// texts share at least dupJaccard of their word 5-shingles (or the shorter
// has dupContain of its shingles in the longer: a trimmed copy), or when they
// have the same canonical URL or the same text.
func syndicate(docs []*doc, edges []edge, p params) []*unit {
	uf := newUnionFind(len(docs))
	firstByKey := map[string]int{}
	for _, d := range docs {
		keys := []string{}
		if c := strings.TrimSpace(d.item.Article.CanonicalURL); c != "" {
			keys = append(keys, "url\x00"+c)
		}
		if d.item.TextHash != "" && textLen(d) >= 200 {
			keys = append(keys, "text\x00"+d.item.TextHash)
		} else if t := strings.TrimSpace(d.item.Article.Text); len(t) >= 200 {
			h := fnv.New64a()
			h.Write([]byte(t))
			keys = append(keys, "text\x00"+string(h.Sum(nil)))
		}
		for _, k := range keys {
			if j, ok := firstByKey[k]; ok {
				uf.union(j, d.idx)
			} else {
				firstByKey[k] = d.idx
			}
		}
	}
	sh := make([]shingleSet, len(docs))
	shingled := make([]bool, len(docs))
	var words []uint64
	get := func(i int32) shingleSet {
		if !shingled[i] {
			shingled[i] = true
			d := docs[i]
			text := d.item.Article.Text
			if strings.TrimSpace(text) == "" {
				text = docTitle(d) + "\n\n" + d.item.Briefing.Summary
			}
			sh[i], words = shingles(text, p.shingleWords, words)
		}
		return sh[i]
	}
	for _, e := range edges {
		if float64(e.s) < p.dupCosine || uf.find(int(e.a)) == uf.find(int(e.b)) {
			continue
		}
		// Jaccard cannot exceed the ratio of the two set sizes; text
		// lengths bound that ratio closely enough to skip hopeless pairs.
		la, lb := textLen(docs[e.a]), textLen(docs[e.b])
		if min(la, lb)*10 < max(la, lb)*7 {
			continue
		}
		if jac, contain := overlap(get(e.a), get(e.b)); jac >= p.dupJaccard || contain >= p.dupContain {
			uf.union(int(e.a), int(e.b))
		}
	}
	byRoot := map[int]*unit{}
	var units []*unit
	for _, d := range docs {
		r := uf.find(d.idx)
		u, ok := byRoot[r]
		if !ok {
			u = &unit{idx: len(units)}
			byRoot[r] = u
			units = append(units, u)
		}
		u.docs = append(u.docs, d)
	}
	for _, u := range units {
		slices.SortStableFunc(u.docs, func(a, b *doc) int {
			return cmp.Or(a.when.Compare(b.when), cmp.Compare(a.idx, b.idx))
		})
		for _, d := range u.docs {
			d.unit = u.idx
		}
	}
	return units
}

// textLen is the length of a doc's whole text, in characters when the
// caller said so, else in bytes: only ever compared with another's.
func textLen(d *doc) int {
	if d.textLen < 0 {
		d.textLen = d.item.TextLen
		if d.textLen == 0 {
			d.textLen = utf8.RuneCountInString(d.item.Article.Text)
		}
	}
	return d.textLen
}

// shingles returns the distinct hashes of every run of k consecutive words
// of text, sorted; a text shorter than k words is one shingle. Of a long
// text only the sampled hashes are kept (Broder's mod-m sample, see
// sampled): one shingle is kept or dropped in every text alike, so the
// Jaccard of the samples estimates that of the whole sets at a quarter of
// the cost. words is scratch space, returned for reuse.
func shingles(text string, k int, words []uint64) (shingleSet, []uint64) {
	words = words[:0]
	eachWord(text, nil, func(w []byte) {
		h := uint64(14695981039346656037) // FNV-1a
		for _, c := range w {
			h ^= uint64(c)
			h *= 1099511628211
		}
		words = append(words, h)
	})
	if len(words) == 0 {
		return shingleSet{}, words
	}
	n := max(len(words)-k+1, 1)
	sample := n >= sampleFrom
	c := n
	if sample {
		c = n/3 + 8 // about a quarter is kept; append grows the rare excess
	}
	out := make([]uint64, 0, c)
	for i := range n {
		var h uint64
		for _, w := range words[i:min(i+k, len(words))] {
			h = (h ^ w) * 0x100000001b3
			h ^= h >> 29
		}
		if !sample || sampled(h) {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return shingleSet{slices.Compact(out), sample}, words
}

// sampleFrom is the number of shingles from which a text is sampled.
const sampleFrom = 200

func sampled(h uint64) bool { return h&3 == 0 }

// shingleSet is a text's sorted shingle hashes, whole or sampled.
type shingleSet struct {
	h       []uint64
	sampled bool
}

// jaccard is |a∩b| / |a∪b| of two shingle sets. When only one is a
// sample, the other is read through the same sample.
func jaccard(a, b shingleSet) float64 {
	j, _ := overlap(a, b)
	return j
}

// overlap returns the Jaccard of two shingle sets and their containment,
// |a∩b| / min(|a|,|b|): a copy that trims the original's last paragraph
// or adds a line of its own is nearly contained in it.
func overlap(a, b shingleSet) (jac, contain float64) {
	fa, fb := !a.sampled && b.sampled, a.sampled && !b.sampled
	inter, na, nb := 0, 0, 0
	i, j := 0, 0
	for i < len(a.h) || j < len(b.h) {
		if i < len(a.h) && fa && !sampled(a.h[i]) {
			i++
			continue
		}
		if j < len(b.h) && fb && !sampled(b.h[j]) {
			j++
			continue
		}
		switch {
		case j == len(b.h) || i < len(a.h) && a.h[i] < b.h[j]:
			na++
			i++
		case i == len(a.h) || a.h[i] > b.h[j]:
			nb++
			j++
		default:
			inter++
			na++
			nb++
			i++
			j++
		}
	}
	if na == 0 || nb == 0 {
		return 0, 0
	}
	return float64(inter) / float64(na+nb-inter), float64(inter) / float64(min(na, nb))
}

// uedge is a similarity from one unit to another.
type uedge struct {
	to int32
	s  float32
}

// unitGraph holds, per unit, its similar units ascending: a unit is as
// similar to another as its closest pair of copies.
type unitGraph struct{ adj [][]uedge }

func newUnitGraph(units []*unit, edges []edge, docs []*doc) *unitGraph {
	g := &unitGraph{adj: make([][]uedge, len(units))}
	for _, e := range edges {
		ua, ub := int32(docs[e.a].unit), int32(docs[e.b].unit)
		if ua == ub {
			continue
		}
		g.adj[ua] = append(g.adj[ua], uedge{ub, e.s})
		g.adj[ub] = append(g.adj[ub], uedge{ua, e.s})
	}
	for i, l := range g.adj {
		slices.SortFunc(l, func(a, b uedge) int { return cmp.Or(cmp.Compare(a.to, b.to), cmp.Compare(b.s, a.s)) })
		g.adj[i] = slices.CompactFunc(l, func(a, b uedge) bool { return a.to == b.to })
	}
	return g
}

// sim returns the similarity of units a and b, 0 when not related.
func (g *unitGraph) sim(a, b int) float64 {
	l := g.adj[a]
	i, ok := slices.BinarySearchFunc(l, int32(b), func(e uedge, t int32) int { return cmp.Compare(e.to, t) })
	if !ok {
		return 0
	}
	return float64(l[i].s)
}

// cluster is one story's units, ascending.
type cluster struct {
	units []int
}

// clusterUnits groups units by average-link agglomerative clustering: the
// two groups with the highest mean pairwise similarity (unrelated pairs
// count as 0) merge, until no two groups reach linkMin. Only related pairs
// are stored, so each merge costs the neighbours of the merged groups.
func clusterUnits(units []*unit, edges []edge, docs []*doc, linkMin, attachMin, attachClosest float64) ([]cluster, *unitGraph) {
	g := newUnitGraph(units, edges, docs)
	n := len(units)
	size := make([]int, n)
	ver := make([]int, n)
	alive := make([]bool, n)
	nb := make([]map[int32]float64, n) // neighbour -> sum of pair similarities
	members := make([][]int, n)
	h := &linkHeap{}
	for i := range n {
		size[i], alive[i] = 1, true
		members[i] = []int{i}
		nb[i] = make(map[int32]float64, len(g.adj[i]))
		for _, e := range g.adj[i] {
			nb[i][e.to] = float64(e.s)
			if int(e.to) > i && float64(e.s) >= linkMin {
				heap.Push(h, link{float64(e.s), int32(i), e.to, 0, 0})
			}
		}
	}
	for h.Len() > 0 {
		l := heap.Pop(h).(link)
		a, b := int(l.a), int(l.b)
		if !alive[a] || !alive[b] || ver[a] != l.va || ver[b] != l.vb {
			continue
		}
		keep, drop := a, b
		if len(nb[b]) > len(nb[a]) {
			keep, drop = b, a
		}
		for c, s := range nb[drop] {
			if int(c) == keep {
				continue
			}
			nb[keep][c] += s
			nb[c][int32(keep)] += s
			delete(nb[c], int32(drop))
		}
		delete(nb[keep], int32(drop))
		nb[drop] = nil
		alive[drop] = false
		size[keep] += size[drop]
		members[keep] = append(members[keep], members[drop]...)
		members[drop] = nil
		ver[keep]++
		for c, s := range nb[keep] {
			avg := s / float64(size[keep]*size[c])
			if avg < linkMin {
				continue
			}
			x, y := int32(keep), c
			if y < x {
				x, y = y, x
			}
			heap.Push(h, link{avg, x, y, ver[x], ver[y]})
		}
	}
	// A lone source left beside a story it is close to on average joins
	// it: a short or oddly angled report of an event falls below linkMin
	// against a big group more easily than two full reports do. Decided
	// on the groups as clustering left them, so the order does not matter.
	if attachMin > 0 {
		// It must also be as close as attachClosest to one source of it.
		group := make([]int, n)
		closest := map[int]float64{}
		for i := range n {
			for _, m := range members[i] {
				group[m] = i
			}
		}
		type move struct{ from, to int }
		var moves []move
		for i := range n {
			if !alive[i] || size[i] != 1 {
				continue
			}
			clear(closest)
			for _, e := range g.adj[i] {
				c := group[e.to]
				closest[c] = max(closest[c], float64(e.s))
			}
			best, bestAvg := -1, attachMin
			for c, s := range nb[i] {
				if size[c] < 2 || closest[int(c)] < attachClosest {
					continue
				}
				avg := s / float64(size[c])
				if avg > bestAvg || avg == bestAvg && best >= 0 && int(c) < best {
					best, bestAvg = int(c), avg
				}
			}
			if best >= 0 {
				moves = append(moves, move{i, best})
			}
		}
		for _, m := range moves {
			members[m.to] = append(members[m.to], members[m.from]...)
			alive[m.from] = false
		}
	}
	var out []cluster
	for i := range n {
		if alive[i] {
			slices.Sort(members[i])
			out = append(out, cluster{units: members[i]})
		}
	}
	slices.SortFunc(out, func(a, b cluster) int { return cmp.Compare(a.units[0], b.units[0]) })
	return out, g
}

// link is a candidate merge; va and vb are the versions of the two groups
// it was computed for, so links made stale by a later merge are skipped.
type link struct {
	avg    float64
	a, b   int32
	va, vb int
}

// linkHeap pops the highest average first; ties go to the lowest ids, so
// the merge order, and with it the result, never depends on map order.
type linkHeap []link

func (h linkHeap) Len() int { return len(h) }
func (h linkHeap) Less(i, j int) bool {
	if h[i].avg != h[j].avg {
		return h[i].avg > h[j].avg
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h linkHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *linkHeap) Push(x any)   { *h = append(*h, x.(link)) }
func (h *linkHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

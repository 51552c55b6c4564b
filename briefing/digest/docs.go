package digest

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// doc is one distinct article of the period.
type doc struct {
	item    Item
	id      int64
	idx     int      // position in the sorted docs
	members []string // distinct SubmittedBy, sorted
	when    time.Time
	actors  []docActor
	vec     []feat  // L2-normalised TF-IDF vector, ascending term id
	top     []int32 // strongest term ids, for the candidate index
	unit    int     // index of its syndication group
	textLen int     // see textLen; -1 until asked
	nums    []int64 // distinct numbers of its title and lead, ascending (see numberOf)
}

// docActor is one resolved actor of an article's briefing.
type docActor struct {
	ent      int32
	mentions int
	key      bool
	src      []*briefing.Actor // the briefing's actor entries that resolved to ent
}

func compareItems(a, b Item) int {
	return cmp.Or(
		cmp.Compare(a.ArticleID, b.ArticleID),
		a.SubmittedAt.Compare(b.SubmittedAt),
		cmp.Compare(a.SubmittedBy, b.SubmittedBy),
		cmp.Compare(a.Article.URL, b.Article.URL),
		cmp.Compare(a.Article.Title, b.Article.Title),
		cmp.Compare(a.Article.Text, b.Article.Text),
	)
}

func inPeriod(it Item, in Input) bool {
	if it.SubmittedAt.IsZero() {
		return true
	}
	if !in.PeriodStart.IsZero() && it.SubmittedAt.Before(in.PeriodStart) {
		return false
	}
	if !in.PeriodEnd.IsZero() && !it.SubmittedAt.Before(in.PeriodEnd) {
		return false
	}
	return true
}

// collectDocs keeps the Items of the period, merges Items of one article
// (shared by several members) and orders the articles by id.
func collectDocs(in Input) []*doc {
	items := make([]Item, 0, len(in.Items))
	for _, it := range in.Items {
		if inPeriod(it, in) {
			items = append(items, it)
		}
	}
	slices.SortStableFunc(items, compareItems)
	var docs []*doc
	for i := 0; i < len(items); {
		j := i + 1
		for j < len(items) && items[i].ArticleID != 0 && items[j].ArticleID == items[i].ArticleID {
			j++
		}
		d := &doc{item: items[i], id: items[i].ArticleID, idx: len(docs), textLen: -1}
		for _, it := range items[i:j] {
			if m := strings.TrimSpace(it.SubmittedBy); m != "" && !slices.Contains(d.members, m) {
				d.members = append(d.members, m)
			}
		}
		slices.Sort(d.members)
		d.when = d.item.Article.Published
		if d.when.IsZero() {
			d.when = d.item.SubmittedAt
		}
		docs = append(docs, d)
		i = j
	}
	return docs
}

// entityTable resolves actor names and aliases across all briefings of the
// period to one entity each.
type entityTable struct {
	byForm map[string]int32
	ents   []entity
	memo   map[string]int32  // lookup results by name as written
	norms  map[string]string // normName by name as written
}

// norm is normName, remembered: the same names recur across a period.
func (t *entityTable) norm(s string) string {
	n, ok := t.norms[s]
	if !ok {
		n = normName(s)
		t.norms[s] = n
	}
	return n
}

type entity struct {
	name string // display name: the one briefings used most
	key  string // normName(name)
	kind string
	role string
	// weight scales the entity's feature: a country is named by many
	// unrelated stories, a person or organisation by few.
	weight float64
}

// lookup finds the entity a name (a quote's speaker, a position's actor)
// refers to, or -1.
func (t *entityTable) lookup(name string) int32 {
	if e, ok := t.memo[name]; ok {
		return e
	}
	e := int32(-1)
	f := t.norm(name)
	if x, ok := t.byForm[f]; ok {
		e = x
	} else if g := stripHonorifics(f); g != f {
		if x, ok := t.byForm[g]; ok {
			e = x
		}
	}
	t.memo[name] = e
	return e
}

// resolveEntities merges actors across articles. Two actor names are one
// entity when one lists the other as an alias and that alias is a full
// (multi-word) name, or when a short name ("Kessler", "Fed") is claimed as
// an alias by exactly one entity; a short name claimed by two ("Smith" for
// John and Jane Smith) stays on its own rather than joining both.
func resolveEntities(docs []*doc) *entityTable {
	type occ struct {
		d       *doc
		a       *briefing.Actor
		name    int      // index in names
		aliases []string // its other normalised forms, nil when none (most actors)
	}
	nOcc := 0
	for _, d := range docs {
		nOcc += len(d.item.Briefing.Actors)
	}
	occs := make([]occ, 0, nOcc)
	t := &entityTable{byForm: map[string]int32{}, memo: map[string]int32{}, norms: map[string]string{}}
	norm := t.norm
	nameIdx := map[string]int{}
	var names []string
	for _, d := range docs {
		for i := range d.item.Briefing.Actors {
			a := &d.item.Briefing.Actors[i]
			n := norm(a.Name)
			if n == "" {
				continue
			}
			var aliases []string
			for _, al := range a.Aliases {
				if f := norm(al); f != "" && f != n && !slices.Contains(aliases, f) {
					aliases = append(aliases, f)
				}
			}
			if _, ok := nameIdx[n]; !ok {
				nameIdx[n] = len(names)
				names = append(names, n)
			}
			occs = append(occs, occ{d: d, a: a, name: nameIdx[n], aliases: aliases})
		}
	}
	uf := newUnionFind(len(names))
	for _, o := range occs {
		for _, f := range o.aliases {
			if j, ok := nameIdx[f]; ok && strings.Contains(f, " ") {
				uf.union(o.name, j)
			}
		}
	}
	claims := make([][]int, len(names))
	for _, o := range occs {
		for _, f := range o.aliases {
			if j, ok := nameIdx[f]; ok {
				claims[j] = append(claims[j], o.name)
			}
		}
	}
	for j := range names {
		root, unique := -1, true
		for _, c := range claims[j] {
			r := uf.find(c)
			if r == uf.find(j) {
				continue
			}
			if root >= 0 && r != root {
				unique = false
				break
			}
			root = r
		}
		if root >= 0 && unique {
			uf.union(j, root)
		}
	}
	// A person named by surname alone ("Quispe") is the one person of the
	// period with that surname ("Rosa Quispe"), when there is exactly one.
	isPerson := make([]bool, len(names))
	for _, o := range occs {
		isPerson[o.name] = isPerson[o.name] || o.a.Kind == briefing.KindPerson
	}
	bySurname := map[string][]int{}
	for j, n := range names {
		if i := strings.LastIndexByte(n, ' '); i > 0 && isPerson[j] {
			bySurname[n[i+1:]] = append(bySurname[n[i+1:]], j)
		}
	}
	for j, n := range names {
		if !isPerson[j] || strings.Contains(n, " ") {
			continue
		}
		root, unique := -1, true
		for _, c := range bySurname[n] {
			if r := uf.find(c); root >= 0 && r != root {
				unique = false
			} else {
				root = r
			}
		}
		if root >= 0 && unique {
			uf.union(j, root)
		}
	}

	entOf := map[int]int32{} // union-find root -> entity
	for j := range names {
		r := uf.find(j)
		e, ok := entOf[r]
		if !ok {
			e = int32(len(t.ents))
			entOf[r] = e
			t.ents = append(t.ents, entity{})
		}
		t.byForm[names[j]] = e
	}
	// Aliases that are nobody's name resolve when all who use them agree.
	aliasEnt := map[string]int32{}
	for _, o := range occs {
		e := t.byForm[names[o.name]]
		for _, f := range o.aliases {
			if _, isName := nameIdx[f]; isName {
				continue
			}
			if prev, ok := aliasEnt[f]; ok && prev != e {
				aliasEnt[f] = -1
			} else if !ok {
				aliasEnt[f] = e
			}
		}
	}
	for f, e := range aliasEnt {
		if e >= 0 {
			t.byForm[f] = e
		}
	}

	// Display name, kind and role: the most used, ties to the longer name
	// and then the alphabetically first, so the choice is stable.
	nameVotes := make([]map[string]int, len(t.ents))
	kindVotes := make([]map[string]int, len(t.ents))
	roleVotes := make([]map[string]int, len(t.ents))
	for i := range t.ents {
		nameVotes[i], kindVotes[i], roleVotes[i] = map[string]int{}, map[string]int{}, map[string]int{}
	}
	for _, o := range occs {
		e := t.byForm[names[o.name]]
		nameVotes[e][collapseSpace(o.a.Name)]++
		if o.a.Kind != "" {
			kindVotes[e][o.a.Kind]++
		}
		if r := strings.TrimSpace(o.a.Role); r != "" {
			roleVotes[e][r]++
		}
	}
	for i := range t.ents {
		en := &t.ents[i]
		en.name = mostVoted(nameVotes[i], true)
		en.key = normName(en.name)
		en.kind = mostVoted(kindVotes[i], false)
		en.role = mostVoted(roleVotes[i], false)
		switch en.kind {
		case briefing.KindCountry:
			en.weight = 0.5
		case briefing.KindPlace, briefing.KindGroup:
			en.weight = 0.8
		default:
			en.weight = 1
		}
	}

	for _, o := range occs {
		e := t.byForm[names[o.name]]
		d := o.d
		k := slices.IndexFunc(d.actors, func(x docActor) bool { return x.ent == e })
		if k < 0 {
			d.actors = append(d.actors, docActor{ent: e})
			k = len(d.actors) - 1
		}
		da := &d.actors[k]
		da.mentions += max(o.a.Mentions, 1)
		da.key = da.key || o.a.Key
		da.src = append(da.src, o.a)
	}
	return t
}

// mostVoted returns the key with most votes; ties go to the longer key
// when preferLong, then to the alphabetically first.
func mostVoted(votes map[string]int, preferLong bool) string {
	best, bestN := "", -1
	for k, n := range votes {
		better := n > bestN
		if n == bestN {
			switch {
			case preferLong && len(k) != len(best):
				better = len(k) > len(best)
			default:
				better = k < best
			}
		}
		if better {
			best, bestN = k, n
		}
	}
	return best
}

type unionFind struct{ parent []int }

func newUnionFind(n int) *unionFind {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return &unionFind{parent: p}
}

func (u *unionFind) find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// union joins the sets of a and b; the smaller root stays root, so the
// result does not depend on the order of calls.
func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
}

// sublinear dampens repeated words: the tenth use of a word says less than
// the first.
func sublinear(tf float64) float64 {
	if tf <= 1 {
		return tf
	}
	return 1 + math.Log(tf)
}

// collapseSpace returns s trimmed with runs of white space as one space,
// without allocating when s is already so (nearly every name); any
// non-ASCII byte takes the slow path, which knows Unicode spaces.
func collapseSpace(s string) string {
	clean := len(s) > 0 && s[0] != ' ' && s[len(s)-1] != ' '
	for i := 0; clean && i < len(s); i++ {
		c := s[i]
		clean = c < 0x80 && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f' && (c != ' ' || s[i+1] != ' ')
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

package digest

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

// storyBuilder turns clusters into stories.
type storyBuilder struct {
	p    params
	ents *entityTable
	v    *vectorizer
	prev *prevIndex
	g    *unitGraph
	// units indexes every unit by its idx.
	units []*unit
	// scratch for storyTerms: summed weights by term id, and the ids set
	sum     []float32
	touched []int32
}

// draft is a story before its sources, quotes and positions are written:
// enough to decide whether it is new, an update or a repeat.
type draft struct {
	units   []*unit
	docs    []*doc // all articles, copies included, by doc index
	posted  []bool // per unit: already in the previous digest
	members []string
	latest  time.Time
	actors  []storyActor
	terms   []string
	matches []prevMatch
	update  bool
	key     string
	story   Story
}

// storyActor is an entity merged over a story's sources.
type storyActor struct {
	ent      int32
	mentions int
	keyDocs  int // sources whose briefing marks it key
	docs     int // sources that name it
	src      []*briefing.Actor
}

// draft returns the story of cluster c, or nil when every source of it was
// already posted in the previous digest.
func (b *storyBuilder) draft(c cluster) *draft {
	dr := &draft{}
	allPosted := true
	for _, ui := range c.units {
		u := b.units[ui]
		dr.units = append(dr.units, u)
		posted := false
		for _, d := range u.docs {
			dr.docs = append(dr.docs, d)
			posted = posted || b.prev.posted[d.id]
		}
		dr.posted = append(dr.posted, posted)
		allPosted = allPosted && posted
	}
	if allPosted {
		return nil
	}
	slices.SortFunc(dr.docs, func(a, b *doc) int { return cmp.Compare(a.idx, b.idx) })
	seen := map[string]bool{}
	for _, d := range dr.docs {
		if d.when.After(dr.latest) {
			dr.latest = d.when
		}
		for _, m := range d.members {
			if !seen[m] {
				seen[m] = true
				dr.members = append(dr.members, m)
			}
		}
	}
	dr.actors = b.mergeActors(dr)
	var all []string
	dr.terms, all = b.storyTerms(dr)
	dr.matches = b.prev.match(dr, all, b.p)
	dr.update = len(dr.matches) > 0 || slices.Contains(dr.posted, true)
	return dr
}

// mergeActors sums the actors of the story's sources (not their copies,
// which would count one text twice) and keeps the key ones, strongest first.
func (b *storyBuilder) mergeActors(dr *draft) []storyActor {
	byEnt := map[int32]*storyActor{}
	var all []*storyActor
	for _, u := range dr.units {
		for _, a := range u.rep().actors {
			sa, ok := byEnt[a.ent]
			if !ok {
				sa = &storyActor{ent: a.ent}
				byEnt[a.ent] = sa
				all = append(all, sa)
			}
			sa.mentions += a.mentions
			sa.docs++
			if a.key {
				sa.keyDocs++
			}
			sa.src = append(sa.src, a.src...)
		}
	}
	slices.SortFunc(all, func(x, y *storyActor) int {
		return cmp.Or(
			cmp.Compare(y.keyDocs, x.keyDocs),
			cmp.Compare(y.docs, x.docs),
			cmp.Compare(y.mentions, x.mentions),
			cmp.Compare(b.ents.ents[x.ent].name, b.ents.ents[y.ent].name),
			cmp.Compare(x.ent, y.ent),
		)
	})
	var out []storyActor
	for _, sa := range all {
		if sa.keyDocs == 0 {
			continue
		}
		out = append(out, *sa)
		if len(out) == b.p.maxActors {
			break
		}
	}
	if len(out) == 0 {
		// No briefing marked anyone key: the most named still say who.
		for _, sa := range all[:min(3, len(all))] {
			out = append(out, *sa)
		}
	}
	return out
}

// storyTerms returns the strongest features of the story's summed vectors,
// and, when there is a previous digest to match against, all its terms.
func (b *storyBuilder) storyTerms(dr *draft) (top, all []string) {
	if len(b.sum) < len(b.v.terms) {
		b.sum = make([]float32, len(b.v.terms))
	}
	touched := b.touched[:0]
	for _, u := range dr.units {
		for _, f := range u.rep().vec {
			if b.sum[f.id] == 0 {
				touched = append(touched, f.id)
			}
			b.sum[f.id] += f.w
		}
	}
	better := func(x, y feat) bool {
		return x.w > y.w || x.w == y.w && b.v.terms[x.id] < b.v.terms[y.id]
	}
	var words, ents []feat
	if len(b.prev.stories) > 0 {
		all = make([]string, len(touched))
		for i, id := range touched {
			all[i] = b.v.terms[id]
		}
	}
	for _, id := range touched {
		f := feat{id, b.sum[id]}
		b.sum[id] = 0
		if id < b.v.nEnts {
			ents = insertTop(ents, f, b.p.storyEnts, better)
		} else {
			words = insertTop(words, f, b.p.storyTerms, better)
		}
	}
	b.touched = touched
	top = make([]string, 0, b.p.storyTerms)
	for len(top) < b.p.storyTerms && (len(words) > 0 || len(ents) > 0) {
		if len(ents) > 0 && (len(words) == 0 || better(ents[0], words[0])) {
			top = append(top, b.v.terms[ents[0].id])
			ents = ents[1:]
		} else {
			top = append(top, b.v.terms[words[0].id])
			words = words[1:]
		}
	}
	return top, all
}

// finish writes the story of a draft whose key and update flag are set.
func (b *storyBuilder) finish(dr *draft) Story {
	st := Story{
		Key:     dr.key,
		Members: len(dr.members),
		Update:  dr.update,
		Terms:   dr.terms,
	}
	for _, d := range dr.docs {
		st.ArticleIDs = append(st.ArticleIDs, d.id)
	}
	slices.Sort(st.ArticleIDs)

	lead := b.leadUnit(dr)
	order := make([]int, len(dr.units))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		ri, rj := dr.units[i].rep(), dr.units[j].rep()
		return cmp.Or(
			boolFirst(i == lead, j == lead),
			boolFirst(!dr.posted[i], !dr.posted[j]),
			ri.when.Compare(rj.when),
			cmp.Compare(ri.idx, rj.idx),
		)
	})
	for _, i := range order {
		st.Sources = append(st.Sources, b.source(dr.units[i], dr.posted[i]))
	}
	r := dr.units[lead].rep()
	st.Headline = cleanHeadline(docTitle(r), r.item.Article.Site, r.item.Article.URL, b.p.headlineRunes)
	if st.Headline == "" {
		text := r.item.Briefing.Summary
		if strings.TrimSpace(text) == "" {
			text = r.item.Article.Text
		}
		st.Headline = truncateRunes(firstSentence(text), b.p.headlineRunes)
	}
	if st.Headline == "" {
		st.Headline = truncateRunes(linkOf(r), b.p.headlineRunes)
	}

	st.Actors = make([]briefing.Actor, 0, len(dr.actors))
	for _, sa := range dr.actors {
		st.Actors = append(st.Actors, b.actorOut(sa))
	}
	st.Positions = b.positions(dr)
	st.Quotes = b.quotes(dr)
	return st
}

// boolFirst orders true before false.
func boolFirst(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// leadUnit picks the source the headline comes from: the most central one
// (highest summed similarity to the others), then the earliest. For an
// update only new sources qualify, so the headline says what is new.
func (b *storyBuilder) leadUnit(dr *draft) int {
	in := make(map[int32]bool, len(dr.units))
	for _, u := range dr.units {
		in[int32(u.idx)] = true
	}
	hasNew := slices.Contains(dr.posted, false)
	// A title that is a dateline or a bare site name says nothing of the
	// event: such sources give the headline only when no other can.
	anyTitled := false
	for i, u := range dr.units {
		anyTitled = anyTitled || (!hasNew || !dr.posted[i]) && headlineLike(docTitle(u.rep()))
	}
	best, bestC := -1, -1.0
	for i, u := range dr.units {
		if hasNew && dr.posted[i] || anyTitled && !headlineLike(docTitle(u.rep())) {
			continue
		}
		var c float64
		for _, e := range b.g.adj[u.idx] {
			if in[e.to] {
				c += float64(e.s)
			}
		}
		if best < 0 || c > bestC+1e-9 ||
			(c > bestC-1e-9 && (u.rep().when.Before(dr.units[best].rep().when) ||
				u.rep().when.Equal(dr.units[best].rep().when) && u.rep().idx < dr.units[best].rep().idx)) {
			best, bestC = i, c
		}
	}
	return best
}

// headlineLike reports whether a title names an event: at least three
// words that are not function words, dates or numbers.
func headlineLike(title string) bool {
	n := 0
	eachWord(title, nil, func(w []byte) {
		if len(w) > 1 && !isStopword(string(w)) && (w[0] < '0' || w[0] > '9') {
			n++
		}
	})
	return n >= 3
}

func siteOf(d *doc) string {
	if s := strings.TrimSpace(d.item.Article.Site); s != "" {
		return s
	}
	return hostOf(linkOf(d))
}

func linkOf(d *doc) string {
	if c := strings.TrimSpace(d.item.Article.CanonicalURL); c != "" {
		return c
	}
	return strings.TrimSpace(d.item.Article.URL)
}

func (b *storyBuilder) source(u *unit, posted bool) Source {
	r := u.rep()
	s := Source{
		ArticleID:        r.id,
		Title:            cleanHeadline(docTitle(r), r.item.Article.Site, r.item.Article.URL, 300),
		URL:              linkOf(r),
		Site:             siteOf(r),
		Published:        r.item.Article.Published,
		SyndicatedCopies: len(u.docs) - 1,
		AlreadyPosted:    posted,
	}
	for _, d := range u.docs[1:] {
		if site := siteOf(d); site != "" && site != s.Site && !slices.Contains(s.CopySites, site) {
			s.CopySites = append(s.CopySites, site)
		}
	}
	slices.Sort(s.CopySites)
	return s
}

// actorOut writes a merged actor: the name briefings used most, the kind
// and role most of the story's sources gave, every other name as an alias.
func (b *storyBuilder) actorOut(sa storyActor) briefing.Actor {
	e := b.ents.ents[sa.ent]
	kinds, roles := map[string]int{}, map[string]int{}
	var aliases []string
	seen := map[string]bool{e.key: true}
	add := func(s string) {
		if k := b.ents.norm(s); k != "" && !seen[k] {
			seen[k] = true
			aliases = append(aliases, strings.Join(strings.Fields(s), " "))
		}
	}
	for _, a := range sa.src {
		if a.Kind != "" {
			kinds[a.Kind]++
		}
		if r := strings.TrimSpace(a.Role); r != "" {
			roles[r]++
		}
		add(a.Name)
		for _, al := range a.Aliases {
			add(al)
		}
	}
	slices.SortFunc(aliases, func(x, y string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(x), strings.ToLower(y)), cmp.Compare(x, y))
	})
	out := briefing.Actor{
		Name:     e.name,
		Kind:     cmp.Or(mostVoted(kinds, false), e.kind),
		Role:     cmp.Or(mostVoted(roles, false), e.role),
		Aliases:  aliases,
		Mentions: sa.mentions,
		Key:      sa.keyDocs > 0,
	}
	if out.Aliases == nil {
		out.Aliases = []string{}
	}
	return out
}

// nearSame reports whether two statements, as term sets, say the same
// thing: most terms shared, or the shorter almost wholly inside the longer
// (one outlet trimmed the other's sentence).
func nearSame(a, b []int32) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	small := min(len(a), len(b))
	return float64(inter)/float64(len(a)+len(b)-inter) >= 0.6 ||
		small >= 3 && float64(inter)/float64(small) >= 0.8
}

// positions gives, for the story's top actors, at most positionsPer of
// their positions: near-identical statements from several outlets count
// once (and rank higher for it), the fullest wording of them is kept.
func (b *storyBuilder) positions(dr *draft) []briefing.Position {
	type cand struct {
		pos   briefing.Position
		terms []int32
		docs  []int64
		order int
		qual  int
	}
	quality := func(s string) int {
		w := countWords(s)
		switch {
		case utf8.RuneCountInString(s) > b.p.statementRunes:
			return 0
		case w < 4:
			return w - 4
		}
		return min(w, 25)
	}
	top := dr.actors[:min(b.p.positionActors, len(dr.actors))]
	groups := make([][]*cand, len(top))
	order := 0
	for _, u := range dr.units {
		r := u.rep()
		for _, p := range r.item.Briefing.Positions {
			e := b.ents.lookup(p.Actor)
			k := slices.IndexFunc(top, func(sa storyActor) bool { return sa.ent == e })
			if e < 0 || k < 0 {
				continue
			}
			stmt := strings.Join(strings.Fields(p.Statement), " ")
			if stmt == "" {
				continue
			}
			c := &cand{pos: briefing.Position{Actor: b.ents.ents[e].name, Statement: stmt, Stance: p.Stance},
				terms: b.v.termSet(stmt), docs: []int64{r.id}, order: order, qual: quality(stmt)}
			order++
			merged := false
			for _, g := range groups[k] {
				if nearSame(g.terms, c.terms) || strings.EqualFold(g.pos.Statement, stmt) {
					if !slices.Contains(g.docs, r.id) {
						g.docs = append(g.docs, r.id)
					}
					if c.qual > g.qual {
						g.pos, g.terms, g.qual = c.pos, c.terms, c.qual
					}
					merged = true
					break
				}
			}
			if !merged {
				groups[k] = append(groups[k], c)
			}
		}
	}
	out := []briefing.Position{}
	for _, gs := range groups {
		slices.SortStableFunc(gs, func(x, y *cand) int {
			return cmp.Or(cmp.Compare(len(y.docs), len(x.docs)), cmp.Compare(y.qual, x.qual), cmp.Compare(x.order, y.order))
		})
		for _, g := range gs[:min(b.p.positionsPer, len(gs))] {
			out = append(out, g.pos)
		}
	}
	return out
}

// quotes picks the story's best quotes: said word for word by a named
// speaker, preferably a key actor of the story, long enough to say
// something, each once (the same quote in three outlets counts once, and
// ranks higher), at most quotesPerSpeaker per speaker. In an update,
// quotes from the new sources come first.
func (b *storyBuilder) quotes(dr *draft) []StoryQuote {
	type cand struct {
		q       StoryQuote
		ent     int32
		speaker string
		norm    string // normName of the text, for quotes with no content words
		terms   []int32
		words   int
		docs    []int64
		isNew   bool
		order   int
		score   float64
	}
	rank := map[int32]int{}
	for i, sa := range dr.actors {
		rank[sa.ent] = i
	}
	better := func(x, y *cand) bool { // x a better wording of one quote than y
		if x.q.Direct != y.q.Direct {
			return x.q.Direct
		}
		xw, yw := min(x.words, 80), min(y.words, 80)
		return xw > yw
	}
	var groups []*cand
	substantive := false
	order := 0
	for ui, u := range dr.units {
		r := u.rep()
		for _, q := range r.item.Briefing.Quotes {
			speaker := strings.Join(strings.Fields(q.Speaker), " ")
			if strings.TrimSpace(q.Text) == "" || speaker == "" {
				continue
			}
			c := &cand{q: StoryQuote{Quote: q, ArticleID: r.id}, ent: b.ents.lookup(speaker), speaker: speaker,
				norm: normName(q.Text), terms: b.v.termSet(q.Text), words: countWords(q.Text), docs: []int64{r.id},
				isNew: !dr.posted[ui], order: order}
			order++
			if c.ent >= 0 {
				c.q.Speaker = b.ents.ents[c.ent].name
			} else {
				c.q.Speaker = speaker
			}
			substantive = substantive || c.words >= 4
			merged := false
			for _, g := range groups {
				if nearSame(g.terms, c.terms) || g.norm == c.norm {
					if !slices.Contains(g.docs, r.id) {
						g.docs = append(g.docs, r.id)
					}
					g.isNew = g.isNew || c.isNew
					if better(c, g) {
						g.q, g.ent, g.speaker, g.norm, g.terms, g.words = c.q, c.ent, c.speaker, c.norm, c.terms, c.words
					}
					merged = true
					break
				}
			}
			if !merged {
				groups = append(groups, c)
			}
		}
	}
	var kept []*cand
	for _, g := range groups {
		if substantive && g.words < 4 {
			continue // a one-to-three word fragment, when whole sentences exist
		}
		s := 0.0
		if g.q.Direct {
			s += 2
		}
		if r, ok := rank[g.ent]; ok {
			s += 3 - 0.4*float64(min(r, 5))
		} else if g.ent >= 0 {
			s += 0.5
		}
		switch {
		case g.words < 4:
			s -= 4
		case g.words < 8:
			s += 0.5
		case g.words <= 50:
			s += 2
		default:
			s += 1
		}
		s += 0.75 * float64(min(len(g.docs)-1, 2))
		if dr.update && g.isNew {
			s += 1.5
		}
		g.score = s
		kept = append(kept, g)
	}
	slices.SortStableFunc(kept, func(x, y *cand) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.order, y.order))
	})
	per := map[string]int{}
	out := []StoryQuote{}
	for _, g := range kept {
		who := "s:" + normName(g.speaker)
		if g.ent >= 0 {
			who = "e:" + strconv.Itoa(int(g.ent))
		}
		if per[who] >= b.p.quotesPerSpeaker {
			continue
		}
		per[who]++
		out = append(out, g.q)
		if len(out) == b.p.maxQuotes {
			break
		}
	}
	return out
}

// firstSentence returns the first sentence of text, for a headline when
// an article has no title.
func firstSentence(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	for i, r := range text {
		if (r == '.' || r == '!' || r == '?') && i > 20 && (i+1 == len(text) || text[i+1] == ' ') {
			return text[:i+1]
		}
	}
	return text
}

// orderStories sorts drafts by distinct sources, then distinct members,
// then the newest article, then key.
func orderStories(drafts []*draft) {
	slices.SortStableFunc(drafts, func(x, y *draft) int {
		return cmp.Or(
			cmp.Compare(len(y.units), len(x.units)),
			cmp.Compare(len(y.members), len(x.members)),
			y.latest.Compare(x.latest),
			cmp.Compare(x.key, y.key),
		)
	})
}

// digestActors ranks the story actors over the whole digest.
func digestActors(drafts []*draft, ents *entityTable) []DigestActor {
	byEnt := map[int32]*DigestActor{}
	var ids []int32
	for _, dr := range drafts {
		for _, sa := range dr.actors {
			da, ok := byEnt[sa.ent]
			if !ok {
				e := ents.ents[sa.ent]
				da = &DigestActor{Name: e.name, Kind: e.kind, Role: e.role}
				byEnt[sa.ent] = da
				ids = append(ids, sa.ent)
			}
			da.Stories++
			da.Mentions += sa.mentions
		}
	}
	out := make([]DigestActor, 0, len(ids))
	for _, id := range ids {
		out = append(out, *byEnt[id])
	}
	slices.SortFunc(out, func(x, y DigestActor) int {
		return cmp.Or(cmp.Compare(y.Stories, x.Stories), cmp.Compare(y.Mentions, x.Mentions),
			cmp.Compare(x.Name, y.Name), cmp.Compare(x.Kind, y.Kind))
	})
	return out
}

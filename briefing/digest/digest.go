// Package digest turns the briefings one server collected over a period
// into a Digest: articles about one event grouped into a story, wire copies
// collapsed into one source, the actors, positions and quotes that matter
// merged across outlets, and stories already posted in the previous digest
// left out or marked as updates.
//
// It is pure: no I/O, no clock, no package state. The same Input always
// gives the same Digest, whatever the order of Input.Items.
//
// How stories are found: each article is a TF-IDF vector over the content
// words of its title (weighted up) and lead (its first 160 words), plus one
// feature per key actor, resolved across articles through names and
// aliases. Candidate pairs come from an inverted index over each article's
// strongest terms in which every term keeps only the articles it weighs
// most in, and each article scores only the candidates that share most of
// its strong terms: the work per article is bounded, whatever the number of
// articles. Pairs published weeks apart count for less. Pairs whose leads
// are nearly the same are checked for syndication (word 5-shingle Jaccard
// or containment over the texts); copies collapse into one source. The
// remaining sources are joined by average-link agglomerative clustering
// over the sparse similarity graph: two groups merge only while their mean
// pairwise similarity stays above a threshold, which keeps one shared big
// actor (two stories that both name the United States) from chaining
// unrelated events together. Two articles that both name key actors but
// none in common are also held further apart. Last, a source left alone
// joins the story it is close to on average and to one of whose sources
// it is clearly close: a snippet or an oddly angled report of a big story
// rarely reaches the threshold against all of it.
//
// The constants (defaultParams) were chosen from sweeps over hand-written
// fixtures, random small corpora drawn from them, a synthetic corpus and
// the ECB+ development topics (1-15, in random windows of 4-5 topics), in
// the middle of the range where they group well; the sweeps over the
// fixtures are tests run with -tune.
package digest

import (
	"slices"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// Item is one stored article of the period with its briefing.
type Item struct {
	ArticleID int64
	Article   briefing.Article
	Briefing  briefing.Briefing
	// SubmittedBy identifies the member who shared the article; the same
	// article shared by two members may come as two Items with one ArticleID.
	SubmittedBy string
	SubmittedAt time.Time
	// A caller may give only the first TextNeeded characters of a long
	// Article.Text, since the digest reads no further; TextLen (characters)
	// and TextHash (any hash of the whole text) then stand for the whole
	// text in telling wire copies apart. Zero values: Article.Text is whole.
	TextLen  int
	TextHash string
}

// TextNeeded is how many characters of an article's text the digest reads:
// the lead its vectors are made of and enough to tell a wire copy.
const TextNeeded = 1500

// PreviousStory is what the caller kept of one story of the previous
// digest: Story.Key, Story.ArticleIDs and Story.Terms as they were posted.
type PreviousStory struct {
	Key        string   `json:"key"`
	ArticleIDs []int64  `json:"article_ids"`
	Terms      []string `json:"terms,omitempty"`
}

// Input is one server's period.
type Input struct {
	// Items shared in [PeriodStart, PeriodEnd) are used; an Item whose
	// SubmittedAt is set and falls outside a set bound is ignored.
	PeriodStart, PeriodEnd time.Time
	Items                  []Item
	// Previous lists the stories of the last digest posted for the server.
	Previous []PreviousStory
}

// Digest is what the bot posts for a period.
type Digest struct {
	PeriodStart time.Time `json:"period_start"`
	PeriodEnd   time.Time `json:"period_end"`
	// Stories are ordered by distinct sources, then distinct members who
	// shared them, then recency.
	Stories []Story `json:"stories"`
	// Actors are the story actors across the whole digest, ranked by the
	// number of stories they appear in, then mentions.
	Actors []DigestActor `json:"actors"`
	// ArticleCount and MemberCount count the articles and distinct members
	// behind Stories (wire copies included).
	ArticleCount int `json:"article_count"`
	MemberCount  int `json:"member_count"`
	// Omitted counts stories left out because every source in them was
	// already posted in the previous digest; OmittedArticleIDs are their
	// articles (a new copy of a posted text among them), ascending, so that
	// every article of the period is in exactly one story or here.
	Omitted           int     `json:"omitted"`
	OmittedArticleIDs []int64 `json:"omitted_article_ids,omitempty"`
}

// Story is one event as the server's articles covered it.
type Story struct {
	// Key names the story across digests: the Key of the previous story it
	// continues, or "a" followed by the smallest article id in it. Article
	// ids never change once stored, so a story keeps its key for as long as
	// it keeps its first article, and hands it on to its update.
	Key      string `json:"key"`
	Headline string `json:"headline"`
	// Sources are the distinct articles, the one the headline comes from
	// first; wire copies are folded into the source they copy.
	Sources   []Source            `json:"sources"`
	Actors    []briefing.Actor    `json:"actors"`
	Positions []briefing.Position `json:"positions"`
	Quotes    []StoryQuote        `json:"quotes"`
	// Members counts the distinct members who shared an article of it.
	Members int `json:"members"`
	// Update is true when the story continues one of the previous digest
	// (shares articles with it or covers the same event) with new sources.
	Update bool `json:"update,omitempty"`
	// ArticleIDs are all articles of the story, copies included, ascending.
	ArticleIDs []int64 `json:"article_ids"`
	// Terms are the story's strongest terms (stemmed words, and "@name"
	// for actors); kept in PreviousStory, they let tomorrow's digest
	// recognise a follow-up that shares no article with this one.
	Terms []string `json:"terms"`
}

// Source is one distinct article of a story.
type Source struct {
	ArticleID int64     `json:"article_id"`
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Site      string    `json:"site"`
	Published time.Time `json:"published,omitzero"`
	// SyndicatedCopies counts other articles with the same text (a wire
	// story run by several sites); CopySites names their sites.
	SyndicatedCopies int      `json:"syndicated_copies,omitempty"`
	CopySites        []string `json:"copy_sites,omitempty"`
	// AlreadyPosted marks a source that was in the previous digest.
	AlreadyPosted bool `json:"already_posted,omitempty"`
}

// StoryQuote is a quote of a story and the article it was found in; Start
// and End are offsets into that article's text.
type StoryQuote struct {
	briefing.Quote
	ArticleID int64 `json:"article_id"`
}

// DigestActor is an actor across the whole digest.
type DigestActor struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Role     string `json:"role,omitempty"`
	Stories  int    `json:"stories"`
	Mentions int    `json:"mentions"`
}

// params are the tunable constants of Build; tests and the tuning sweep
// vary them, Build uses defaultParams.
type params struct {
	titleWeight  float64       // a title word counts as this many lead words
	entityWeight float64       // weight of a key actor feature before IDF
	leadMaxWords int           // the lead is the first this many words
	leadWeight   float64       // weight of a word of the lead...
	bodyWeight   float64       // ...and of one after it
	maxGap       time.Duration // articles published further apart than this...
	gapFactor    float64       // ...have their similarity multiplied by this
	topTerms     int           // features per article in the candidate index
	maxPosting   int           // articles kept per term of the candidate index
	maxCands     int           // candidate articles scored per article
	// idfPrior counts imagined documents that lack every term. A small
	// server's day has a handful of articles, and plain IDF would then
	// punish exactly the words two reports of one event share.
	idfPrior      float64
	edgeFloor     float64 // similarities below this are not kept
	noSharedActor float64 // similarity factor for articles with no key actor in common
	numbersDiffer float64 // similarity factor for articles whose leads give numbers, none in common
	linkMin       float64 // average-link clustering stops below this
	dupCosine     float64 // lead similarity at which syndication is checked
	dupJaccard    float64 // shingle Jaccard at which two texts are copies
	dupContain    float64 // or containment of the shorter in the longer
	attachMin     float64 // a lone source joins the story it is this close to on average (0: never)...
	attachClosest float64 // ...and this close to at least one of its sources
	shingleWords  int
	storyTerms    int // Story.Terms length
	storyEnts     int // at most this many "@actor" terms in Story.Terms
	prevShared    int // signature terms of a previous story a follow-up must contain

	maxActors        int // actors per story
	positionActors   int // positions are given for this many top actors
	positionsPer     int // positions per actor
	maxQuotes        int // quotes per story
	quotesPerSpeaker int
	headlineRunes    int
	statementRunes   int // positions longer than this are not preferred
}

func defaultParams() params {
	return params{
		titleWeight:      2.5,
		entityWeight:     1.5,
		leadMaxWords:     160,
		leadWeight:       1,
		bodyWeight:       0,
		maxGap:           14 * 24 * time.Hour,
		gapFactor:        0.5,
		topTerms:         10,
		maxPosting:       32,
		maxCands:         48,
		idfPrior:         100,
		edgeFloor:        0.1,
		noSharedActor:    0.7,
		numbersDiffer:    0.6,
		linkMin:          0.2,
		dupCosine:        0.7,
		dupJaccard:       0.8,
		dupContain:       0.9,
		attachMin:        0.1,
		attachClosest:    0.2,
		shingleWords:     5,
		storyTerms:       15,
		storyEnts:        5,
		prevShared:       4,
		maxActors:        8,
		positionActors:   5,
		positionsPer:     3,
		maxQuotes:        4,
		quotesPerSpeaker: 2,
		headlineRunes:    120,
		statementRunes:   240,
	}
}

// Build groups the Input's articles into stories and makes the Digest.
func Build(in Input) Digest {
	return build(in, defaultParams())
}

func build(in Input, p params) Digest {
	dg := Digest{PeriodStart: in.PeriodStart, PeriodEnd: in.PeriodEnd, Stories: []Story{}, Actors: []DigestActor{}}
	docs := collectDocs(in)
	if len(docs) == 0 {
		return dg
	}
	ents := resolveEntities(docs)
	v := newVectorizer(p)
	v.vectorize(docs, ents)
	edges := v.similarPairs(docs)
	units := syndicate(docs, edges, p)
	clusters, g := clusterUnits(units, edges, docs, p.linkMin, p.attachMin, p.attachClosest)
	prev := newPrevIndex(in.Previous)

	b := storyBuilder{p: p, ents: ents, v: v, prev: prev, g: g, units: units}
	var drafts []*draft
	for _, c := range clusters {
		dr := b.draft(c)
		if dr == nil {
			dg.Omitted++
			for _, ui := range c.units {
				for _, d := range units[ui].docs {
					dg.OmittedArticleIDs = append(dg.OmittedArticleIDs, d.id)
				}
			}
			continue
		}
		drafts = append(drafts, dr)
	}
	assignKeys(drafts, prev)
	members := map[string]bool{}
	for _, dr := range drafts {
		dr.story = b.finish(dr)
		dg.ArticleCount += len(dr.docs)
		for _, m := range dr.members {
			members[m] = true
		}
	}
	dg.MemberCount = len(members)
	slices.Sort(dg.OmittedArticleIDs)
	orderStories(drafts)
	dg.Stories = make([]Story, 0, len(drafts))
	for _, dr := range drafts {
		dg.Stories = append(dg.Stories, dr.story)
	}
	dg.Actors = digestActors(drafts, ents)
	return dg
}

package digest

import "github.com/briefbot/briefbot/briefing/digest/digesttest"

// synthCorpus is digesttest.Corpus as Items and the true story of every
// article id.
func synthCorpus(events, perEvent, singletons int, seed uint64) ([]Item, map[int64]string) {
	gen := digesttest.Corpus(events, perEvent, singletons, seed)
	items := make([]Item, len(gen))
	truth := make(map[int64]string, len(gen))
	for i, g := range gen {
		items[i] = Item{ArticleID: g.ArticleID, Article: g.Article, Briefing: g.Briefing,
			SubmittedBy: g.SubmittedBy, SubmittedAt: g.SubmittedAt}
		truth[g.ArticleID] = g.Event
	}
	return items, truth
}

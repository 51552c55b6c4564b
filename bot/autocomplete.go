package bot

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"golang.org/x/text/unicode/norm"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/storage"
)

// Autocomplete finds what a member types the way they type it: the start of
// any word ("ald" finds "Aldwick", "orti" finds "Helen Ortiz"), in any case
// and with or without accents ("ortiz" finds "Ortíz"), then anywhere in the
// name. Candidates come from the store already in the order to show among
// equals (most used, or newest, first); ranking only moves better matches up.

// maxNameCandidates bounds how many of a server's names one keystroke ranks:
// the most used ones, so a very large server stays well inside Discord's 3 s.
const maxNameCandidates = 20000

// maxTitleCandidates bounds how many of a server's titles one keystroke ranks.
const maxTitleCandidates = 20000

// Match ranks, best first.
const (
	matchStart    = iota // the name starts with what was typed
	matchWords           // every typed word starts a word of the name
	matchAnywhere        // what was typed appears inside the name
	noMatch
)

// foldKey is the form names are compared in: lower case, accents removed,
// every run of characters other than letters and digits one space.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	if !isASCII(s) {
		s = norm.NFD.String(s) // splits accents off their letters
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// query is what a member typed, folded once per keystroke.
type query struct {
	key   string
	words []string
}

func newQuery(typed string) query {
	k := foldKey(embeds.Cut(typed, maxQueryLength))
	return query{key: k, words: strings.Fields(k)}
}

// rank is how well the folded name matches q.
func (q query) rank(name string) int {
	if q.key == "" {
		return matchStart
	}
	if strings.HasPrefix(name, q.key) {
		return matchStart
	}
	words := strings.Fields(name)
	all := true
	for _, w := range q.words {
		if !slices.ContainsFunc(words, func(nw string) bool { return strings.HasPrefix(nw, w) }) {
			all = false
			break
		}
	}
	switch {
	case all:
		return matchWords
	case strings.Contains(name, q.key):
		return matchAnywhere
	}
	return noMatch
}

// bestRank is the best rank over a candidate's terms (a name and its aliases).
func (q query) bestRank(terms []string) int {
	best := noMatch
	for _, t := range terms {
		best = min(best, q.rank(foldKey(t)))
		if best == matchStart {
			break
		}
	}
	return best
}

// ranked keeps the items that match, best rank first and otherwise in their
// given order, at most limit.
func ranked[T any](items []T, limit int, rank func(T) int) []T {
	type scored struct {
		item T
		rank int
	}
	var ms []scored
	for _, it := range items {
		if r := rank(it); r != noMatch {
			ms = append(ms, scored{it, r})
		}
	}
	slices.SortStableFunc(ms, func(a, b scored) int { return cmp.Compare(a.rank, b.rank) })
	out := make([]T, 0, min(len(ms), limit))
	for _, m := range ms[:min(len(ms), limit)] {
		out = append(out, m.item)
	}
	return out
}

// completeSpeaker suggests the speakers quoted in the space's articles.
func (b *Bot) completeSpeaker(ctx context.Context, _ *discordgo.Session, i *discordgo.Interaction, focused *discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandOptionChoice {
	return b.completeNames(ctx, i, focused, b.store.SpeakerUses)
}

// completeActor suggests the actors named in the space's articles, found by
// their name or an alias.
func (b *Bot) completeActor(ctx context.Context, _ *discordgo.Session, i *discordgo.Interaction, focused *discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandOptionChoice {
	return b.completeNames(ctx, i, focused, b.store.ActorUses)
}

func (b *Bot) completeNames(ctx context.Context, i *discordgo.Interaction, focused *discordgo.ApplicationCommandInteractionDataOption,
	names func(ctx context.Context, guildID string, limit int) ([]storage.NameUse, error)) []*discordgo.ApplicationCommandOptionChoice {
	ctx, cancel := context.WithTimeout(ctx, autocompleteTimeout)
	defer cancel()
	sp, ok := b.spaceOf(i)
	if !ok {
		return nil
	}
	list, err := names(ctx, sp.id, maxNameCandidates)
	if err != nil {
		b.log.Warn("autocomplete names", "space", sp.id, "err", err)
		return nil
	}
	typed, _ := focused.Value.(string)
	q := newQuery(typed)
	// Names too long to be a choice's value cannot be offered; drop them
	// before ranking so they take no place among the 25.
	for k := range list {
		list[k].Name = oneLine(list[k].Name)
	}
	list = slices.DeleteFunc(list, func(n storage.NameUse) bool {
		return n.Name == "" || embeds.Len(n.Name) > embeds.MaxChoiceValue
	})
	var choices []*discordgo.ApplicationCommandOptionChoice
	for _, n := range ranked(list, embeds.MaxChoices, func(n storage.NameUse) int {
		if len(n.Terms) == 0 {
			return q.bestRank([]string{n.Name})
		}
		return q.bestRank(n.Terms)
	}) {
		choices = append(choices, embeds.Choice(n.Name, n.Name))
	}
	return choices
}

// completeArticle suggests the space's articles: newest first, or those
// whose title matches what was typed; a typed number puts that article
// first; articles whose text (not title) holds the words come last.
func (b *Bot) completeArticle(ctx context.Context, _ *discordgo.Session, i *discordgo.Interaction, focused *discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandOptionChoice {
	ctx, cancel := context.WithTimeout(ctx, autocompleteTimeout)
	defer cancel()
	sp, ok := b.spaceOf(i)
	if !ok {
		return nil
	}
	typed, _ := focused.Value.(string)
	typed = strings.TrimSpace(typed)
	var picks []storage.ArticleTitle
	seen := map[int64]bool{}
	add := func(t storage.ArticleTitle) {
		if !seen[t.ID] && len(picks) < embeds.MaxChoices {
			seen[t.ID] = true
			picks = append(picks, t)
		}
	}
	if n, err := strconv.ParseInt(strings.TrimPrefix(typed, "#"), 10, 64); err == nil && n > 0 {
		if a, err := b.store.ArticleByNumber(ctx, sp.id, n); err == nil {
			add(storage.ArticleTitle{ID: a.ID, Number: a.Number, Title: a.Title, URL: a.URL, Site: a.Site})
		}
	}
	titles, err := b.store.ArticleTitles(ctx, sp.id, maxTitleCandidates)
	if err != nil {
		b.log.Warn("autocomplete articles", "space", sp.id, "err", err)
	}
	q := newQuery(typed)
	for _, t := range ranked(titles, embeds.MaxChoices, func(t storage.ArticleTitle) int {
		return q.bestRank([]string{firstNonEmpty(t.Title, t.URL)})
	}) {
		add(t)
	}
	if len(picks) < embeds.MaxChoices && q.key != "" {
		// Words from the article's text, through the full-text index.
		found, err := b.store.Articles(ctx, sp.id, storage.ArticleQuery{Search: typed, Limit: embeds.MaxChoices})
		if err != nil {
			b.log.Warn("autocomplete articles by text", "space", sp.id, "err", err)
		}
		for _, a := range found {
			add(storage.ArticleTitle{ID: a.ID, Number: a.Number, Title: a.Title, URL: a.URL, Site: a.Site})
		}
	}
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 0, len(picks))
	for _, t := range picks {
		a := storage.StoredArticle{}
		a.Title, a.URL, a.Site = t.Title, t.URL, t.Site
		name := fmt.Sprintf("#%d %s · %s", t.Number, firstNonEmpty(t.Title, t.URL), siteName(a))
		choices = append(choices, embeds.Choice(name, strconv.FormatInt(t.Number, 10)))
	}
	return choices
}

// zoneTerms are the forms of a zone name a member may type: the city alone
// (so "lond" ranks Europe/London first), and the whole name.
func zoneTerms(z string) []string {
	return []string{z[strings.LastIndexByte(z, '/')+1:], z}
}

// completeZone offers the listed zones matching what was typed (spaces,
// underscores and slashes all separate words): with nothing typed, the
// popular ones.
func completeZone(typed string) []*discordgo.ApplicationCommandOptionChoice {
	var names []string
	if q := newQuery(typed); q.key == "" {
		names = popularZones()
	} else {
		names = ranked(zoneNames(), embeds.MaxChoices, func(z string) int { return q.bestRank(zoneTerms(z)) })
	}
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 0, min(len(names), embeds.MaxChoices))
	for _, z := range names[:min(len(names), embeds.MaxChoices)] {
		choices = append(choices, embeds.Choice(strings.ReplaceAll(z, "_", " "), z))
	}
	return choices
}

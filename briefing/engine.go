package briefing

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// EngineVersion is stored beside each briefing; bump it whenever the same
// article would brief differently.
const EngineVersion = "engine-1.3.0"

// Engine turns articles into briefings. Build it once with New: the tables
// are parsed then and never change, so one Engine serves many goroutines.
type Engine struct {
	lx *lexicon
}

// New parses the engine's tables.
func New() *Engine { return &Engine{lx: newLexicon()} }

// Brief reads an article and says who matters, what each wants or claims,
// and who said each quote. It is deterministic and never panics: should a
// bug surface on some odd input, the briefing degrades to the title and
// the first sentence rather than taking the caller down.
func (e *Engine) Brief(a Article) Briefing {
	b, _ := e.BriefContext(context.Background(), a)
	return b
}

// BriefContext is Brief that gives up when ctx is done: every long stage
// checks ctx as it goes, so a job timeout or a Ctrl-C stops a huge text
// within moments. The error is ctx's, wrapped; the briefing is then empty.
func (e *Engine) BriefContext(ctx context.Context, a Article) (b Briefing, err error) {
	if err := ctx.Err(); err != nil {
		return Briefing{}, fmt.Errorf("brief article: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			if c, ok := r.(cancelled); ok {
				b, err = Briefing{}, fmt.Errorf("brief article: %w", c.err)
				return
			}
			b = Briefing{Title: articleTitle(a), Summary: firstLine(bodyAfterTitle(a)), Actors: []Actor{}, Quotes: []Quote{}, Positions: []Position{}}
		}
	}()
	return e.briefContext(ctx, a), nil
}

// cancelled carries ctx's error out of a stage's loop to BriefContext.
// Unwinding by panic keeps the stages' signatures free of error returns
// they would otherwise only pass along.
type cancelled struct{ err error }

// checkEvery is how many loop steps pass between two looks at the
// context: often enough to stop within milliseconds, rarely enough to
// cost nothing.
const checkEvery = 1 << 10

// checkpoint is called at the loop points of the long stages.
func (an *analysis) checkpoint() {
	an.steps++
	if an.steps%checkEvery == 0 {
		an.stageDone()
	}
}

// stageDone looks at the context between stages.
func (an *analysis) stageDone() {
	if err := an.ctx.Err(); err != nil {
		panic(cancelled{err})
	}
}

// brief is BriefContext without the safety net, for tests that want a
// panic to surface.
func (e *Engine) brief(a Article) Briefing { return e.briefContext(context.Background(), a) }

func (e *Engine) briefContext(ctx context.Context, a Article) Briefing {
	title := articleTitle(a)
	d := newDoc(e.lx, a.Text)
	if len(d.paras) > 0 {
		first := collapseSpaces(d.runeText(d.paras[0].s, d.paras[0].e))
		d.headline = first != "" && first == collapseSpaces(title)
		if d.headline && !looksLikeHeadline(first) {
			// The text has no headline: its first line is the story's
			// first paragraph. Title it with the opening sentence.
			d.headline = false
			if t := d.leadTitle(); t != "" {
				title = t
			}
		}
	}
	// findNames sizes the entity and mention lists once it has counted the names
	an := &analysis{ctx: ctx, doc: d, byKey: map[string]int{}}
	if !d.headline {
		an.title = title
	}
	for _, stage := range []func(){
		an.findNames, an.indexMentions, an.findDescriptions, an.findPronouns,
		an.indexMentions, an.findAppositions, an.resolveAll, an.nameRoleOwners, an.attribute,
	} {
		an.stageDone()
		stage()
	}
	an.stageDone()
	actors, listed := an.rankActors()
	an.stageDone()
	b := Briefing{
		Title:     title,
		Summary:   an.summary(),
		Actors:    actors,
		Quotes:    an.quotesOut(),
		Positions: an.positions(listed),
	}
	an.stageDone()
	return b
}

func articleTitle(a Article) string {
	if t := strings.TrimSpace(a.Title); t != "" {
		return strings.Join(strings.Fields(t), " ")
	}
	return firstLine(a.Text)
}

// maxHeadline is the longest first line still read as a headline.
const maxHeadline = 160

// looksLikeHeadline reports whether a first line reads as a headline and
// not as a paragraph: short, and not a long sentence closed by a period.
func looksLikeHeadline(line string) bool {
	n := utf8.RuneCountInString(line)
	if n > maxHeadline {
		return false
	}
	// Headlines drop the final period; a long line that keeps one is prose.
	t := strings.TrimRight(line, "\"'”’»)] ")
	return !(strings.HasSuffix(t, ".") && len(strings.Fields(line)) >= 15)
}

// titleMax is how long a title made from the opening sentence may be.
const titleMax = 100

// leadTitle makes a headline-like title from the first paragraph's first
// sentence, without a dateline, cut on a word boundary.
func (d *doc) leadTitle() string {
	for _, s := range d.sents {
		if s.para != 0 {
			break
		}
		a := s.tok0
		for a < s.tok1 && (d.toks[a].dateline || d.toks[a].kind == tokPunct) {
			a++
		}
		if a >= s.tok1 {
			continue
		}
		text := strings.Join(strings.Fields(string(d.src[d.toks[a].s:d.toks[s.tok1-1].e])), " ")
		if utf8.RuneCountInString(text) <= titleMax {
			return strings.TrimSuffix(text, ".")
		}
		r := []rune(text)
		cut := titleMax
		for cut > titleMax/2 && !unicode.IsSpace(r[cut]) {
			cut--
		}
		if cut <= titleMax/2 {
			cut = titleMax
		}
		words := strings.Fields(string(r[:cut]))
		// end on a content word: "... a 400-home estate…", not "... estate on…"
		for len(words) > 1 && (determiners[strings.ToLower(words[len(words)-1])] ||
			prepositions[strings.ToLower(words[len(words)-1])] || conjunctions[strings.ToLower(words[len(words)-1])]) {
			words = words[:len(words)-1]
		}
		return strings.TrimRight(strings.Join(words, " "), " ,;:—–-") + "…"
	}
	return ""
}

func firstLine(s string) string {
	for _, line := range strings.FieldsFunc(s, isLineBreak) {
		if l := strings.Join(strings.Fields(line), " "); l != "" {
			return l
		}
	}
	return ""
}

func bodyAfterTitle(a Article) string {
	lines := strings.FieldsFunc(a.Text, isLineBreak)
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			return strings.Join(lines[i+1:], "\n")
		}
	}
	return ""
}

// quotesOut lists every credited quote in reading order.
func (an *analysis) quotesOut() []Quote {
	out := []Quote{}
	for qi, q := range an.quotes {
		c := an.credits[qi]
		if !c.ok() && !c.anon {
			continue
		}
		speaker := c.desc
		if c.ent >= 0 {
			speaker = an.ents[c.ent].name
		}
		text := an.runeText(q.s, q.e)
		s, e := q.s, q.e
		if q.close < 0 {
			// a quote running on to the paragraph's end: trim trailing space
			for e > s && unicode.IsSpace(an.src[e-1]) {
				e--
			}
			text = an.runeText(s, e)
		}
		out = append(out, Quote{Text: text, Speaker: speaker, Direct: true, Cue: c.cue, Start: s, End: e})
	}
	return out
}

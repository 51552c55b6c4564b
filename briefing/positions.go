package briefing

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Positions: for each key actor, up to three one-line statements of what
// it wants, rejects, warns of, claims or did, in the article's words.
// Precision comes first: a wrong position is worse than none. So a
// candidate comes only from a sentence in which the actor itself states or
// acts: its quotes (whole-sentence quotes with their cue, the frame before
// a colon trimmed) and the clauses whose subject it is. Left out: what was
// done to it (passives), what someone else says about it (a clause inside
// another speaker's reporting verb), events that are not stands ("kept
// hopes alive"; deeds must be decisions: voted, ruled, offered, filed,
// acquired, ...), no-comment lines, news relayed by a reporter or outlet,
// and an organisation's repeat of its officials' quotes. Candidates are
// weighed by the verb's stance, stance words (not, must, will), a quoted
// phrase inside a paraphrase, the lead, and how central the words are to
// the article; near-duplicates count once, and the best are picked
// greedily, preferring different paragraphs.

const maxPositions = 3

type posCand struct {
	text   string
	stance string
	score  float64
	at     int // token, for reading order
	sent   int
	para   int
	quote  bool     // a whole-sentence quote
	words  []string // statementWords, for near-duplicates
	head   bool     // from the headline
}

var stanceMarkers = map[string]bool{
	"not": true, "never": true, "no": true, "must": true, "should": true, "will": true, "would": true,
	"won't": true, "can't": true, "cannot": true, "don't": true, "isn't": true, "aren't": true, "wasn't": true,
	"want": true, "wants": true, "need": true, "needs": true, "nobody": true, "nothing": true, "only": true,
	"refuse": true, "refused": true, "against": true, "demand": true, "demands": true, "right": true, "wrong": true,
}

func (an *analysis) positions(listed []int) []Position {
	out := []Position{}
	byEnt := map[int][]posCand{}
	// only listed actors, and the people who speak for listed organisations,
	// need candidates
	wanted := map[int]bool{}
	for _, id := range listed {
		wanted[id] = true
	}
	for pid := range an.ents {
		if a := an.ents[pid].affiliation; a >= 0 && wanted[a] {
			wanted[pid] = true
		}
	}
	weights := an.wordWeights()
	lead := an.leadPara()
	an.actAt = make(map[int]int, len(an.acts))
	for i, a := range an.acts {
		an.actAt[a.verb] = i
	}
	// Quotes first: a say-verb's clause gives way to the quote it introduces.
	quoted := map[[2]int]bool{} // entity, sentence with a whole-sentence quote
	consumed := map[int]bool{}  // second halves of split quotes
	for qi, c := range an.credits {
		if c.ent < 0 || an.quotes[qi].parent >= 0 || consumed[qi] || !wanted[c.ent] {
			continue
		}
		if pc, merged, ok := an.quoteCandidate(qi, c, lead, weights); ok {
			byEnt[c.ent] = append(byEnt[c.ent], pc)
			if pc.quote {
				quoted[[2]int{c.ent, pc.sent}] = true
			}
			if merged {
				consumed[qi+1] = true
			}
		}
	}
	for _, a := range an.acts {
		an.checkpoint()
		for _, id := range a.ents {
			if !wanted[id] || a.class == classSay && quoted[[2]int{id, a.sent}] {
				continue
			}
			if pc, ok := an.actCandidate(a, id, lead, weights); ok {
				byEnt[id] = append(byEnt[id], pc)
			}
		}
	}
	for _, id := range listed {
		// An organisation's officials speak for it in quotes credited to
		// them; their words are their positions, not the organisation's
		// too: one sentence is one actor's position.
		cands := append([]posCand(nil), byEnt[id]...)
		if len(cands) > 40 {
			// the strongest few are enough to choose from
			sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
			cands = cands[:40]
		}
		for _, c := range pickCands(dedupeCands(cands, an.ents[id].name)) {
			out = append(out, Position{Actor: an.ents[id].name, Statement: c.text, Stance: c.stance})
		}
	}
	return out
}

// pickCands takes the best candidates one at a time, each pick making the
// others of its paragraph less attractive, and returns them in reading order.
func pickCands(cands []posCand) []posCand {
	var picked []posCand
	used := map[int]int{}
	for len(picked) < maxPositions && len(cands) > 0 {
		best := -1
		bestScore := math.Inf(-1)
		for i, c := range cands {
			s := c.score - 0.6*float64(used[c.para])
			if s > bestScore || s == bestScore && c.at < cands[best].at {
				best, bestScore = i, s
			}
		}
		picked = append(picked, cands[best])
		used[cands[best].para]++
		cands = append(cands[:best:best], cands[best+1:]...)
	}
	sort.SliceStable(picked, func(a, b int) bool { return picked[a].at < picked[b].at })
	return picked
}

// dedupeCands keeps the best candidate of each sentence and drops texts
// another candidate contains.
func dedupeCands(cands []posCand, name string) []posCand {
	best := map[string]int{}
	out := make([]posCand, 0, len(cands))
	for _, c := range cands {
		if c.text == "" || isQuestionFrame(c.text) || contextFree(c.text) {
			continue
		}
		if k, ok := best[c.text]; ok {
			if c.score > out[k].score {
				out[k] = c
			}
			continue
		}
		best[c.text] = len(out)
		out = append(out, c)
	}
	// Greedily, best first: a candidate that another kept one contains, or
	// that renders the same sentence, is a duplicate. Going by score means
	// two candidates can never knock each other out.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch sa, sb := out[a].score, out[b].score; {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	skip := statementWords(name+" said says told added", nil)
	for i := range out {
		out[i].words = statementWords(out[i].text, skip)
	}
	keep := make([]bool, len(out))
	for _, i := range order {
		c := out[i]
		dup := false
		for j, o := range out {
			if !keep[j] {
				continue
			}
			if strings.Contains(o.text, strings.TrimSuffix(c.text, ".")) || strings.Contains(c.text, strings.TrimSuffix(o.text, ".")) ||
				o.sent == c.sent && (sameEnding(o.text, c.text) || subset(o.words, c.words)) || sameWords(o.words, c.words, o.head || c.head) {
				dup = true
				if (len(c.words) > len(o.words)+3 || o.sent == c.sent && len(c.text) > len(o.text) && !o.quote) && len(c.text) <= 480 {
					// the fuller telling of the same words, at the better score:
					// "The union said it would call a strike", not "The union
					// would call a strike"
					out[j].text, out[j].words, out[j].quote = c.text, c.words, c.quote
				}
				break
			}
		}
		keep[i] = !dup
	}
	kept := make([]posCand, 0, len(out))
	for i, c := range out {
		if keep[i] {
			kept = append(kept, c)
		}
	}
	return kept
}

// contextFree reports a short statement whose subject is a pronoun only
// the sentence before could explain: "This is also supporting the
// sentiment."
func contextFree(text string) bool {
	f := strings.Fields(text)
	if len(f) >= 10 || len(f) == 0 {
		return false
	}
	switch f[0] {
	case "This", "That", "It", "These", "Those", "They", "He", "She":
		return true
	}
	return false
}

// isQuestionFrame reports a statement that is only the reporter's question,
// "Asked if the board had to act.": the answer was a quote the statement
// lost, and what is left says nothing the speaker holds. "Asked about the
// vote, Holt said ..." has its main clause after the comma and stays.
func isQuestionFrame(text string) bool {
	hasPrefix := func(p string) bool { return len(text) >= len(p) && strings.EqualFold(text[:len(p)], p) }
	if !hasPrefix("asked ") && !hasPrefix("when asked ") {
		return false
	}
	return !strings.ContainsAny(text, ",:;\"“”‘’'")
}

// statementWords is the sorted set of a statement's words of four letters
// or more, cut to a crude stem ("calls" and "called", "election" and
// "elections" agree), leaving out the stems in skip.
func statementWords(text string, skip []string) []string {
	w := make([]string, 0, len(text)/7+1) // about one stem a word
	for f := range strings.FieldsFuncSeq(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		n, cut := 0, len(f)
		for i := range f {
			if n == 4 {
				cut = i
				break
			}
			n++
		}
		if n < 4 {
			continue
		}
		// the actor's own name and "said" tell nothing apart
		if st := f[:cut]; !slices.Contains(skip, st) {
			w = append(w, st)
		}
	}
	slices.Sort(w)
	return slices.Compact(w)
}

// sameWords reports two statements that say the same thing: most words of
// the shorter are in the longer (a deck re-quoting the body, a quote and
// its paraphrase); for a headline, which restates the lead in fewer
// words, half of them.
func sameWords(a, b []string, headline bool) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 4 {
		return false
	}
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	if headline {
		return 2*n >= len(a)
	}
	return 10*n >= 7*len(a)
}

// subset reports whether every stem of the shorter list is in the longer:
// "The FNV would not back down." inside "The FNV said it would not back
// down."
func subset(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for _, w := range a {
		if _, ok := slices.BinarySearch(b, w); !ok {
			return false
		}
	}
	return true
}

func sameEnding(a, b string) bool {
	n := 30
	if len(a) < n || len(b) < n {
		return false
	}
	return a[len(a)-n:] == b[len(b)-n:]
}

func classWeight(c verbClass) float64 {
	switch c {
	case classWant, classReject, classWarn, classPromise, classSupport:
		return 3.5
	case classClaim, classLabel:
		return 2.5
	case classSay:
		return 2
	}
	return 1.5
}

// wordWeights scores the article's content words by how often it uses
// them: a statement made of them is central to the story.
func (an *analysis) wordWeights() map[string]float64 {
	// one map: counts first, turned into weights in place
	w := make(map[string]float64, len(an.toks)/4)
	for k, t := range an.toks {
		if t.kind == tokWord && len(t.low) > 3 && an.flags(k)&wfCommon == 0 {
			w[t.low]++
		}
	}
	for k, n := range w {
		if n >= 2 {
			w[k] = math.Log(n)
		} else {
			delete(w, k)
		}
	}
	return w
}

func (an *analysis) centrality(a, b int, weights map[string]float64) float64 {
	sum := 0.0
	n := 0
	for k := a; k < b; k++ {
		if an.toks[k].kind == tokWord {
			sum += weights[an.toks[k].low]
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return math.Min(1.5, sum/math.Sqrt(float64(n)))
}

func (an *analysis) actCandidate(a act, id, lead int, weights map[string]float64) (posCand, bool) {
	s := an.sents[a.sent]
	text, from := an.compose(a, id)
	if text == "" {
		return posCand{}, false
	}
	if len(strings.Fields(text)) <= 3 {
		return posCand{}, false // "Karim said."
	}
	if cut := an.clauseCut(a.verb, s.tok1); a.class.isCue() && from == a.verb && an.contentWords(a.verb+1, cut) < 2 &&
		(a.class == classSay || an.hasQuoteIn(a.verb, cut)) {
		// "Johnson urged voters." with the quote it introduced cut off
		return posCand{}, false // "The union has announced.", "X said on Monday."
	}
	if an.saysNothing(a) {
		return posCand{}, false // "declined to comment", "has said little in public"
	}
	if vi, ok := an.verbAt(a.verb); ok && vi.base == "report" {
		return posCand{}, false // "Wee reports that": a reporter or outlet relaying news
	}
	if an.passive(a.verb) || an.embeddedIn(a, id) {
		// "Webb was sentenced": done to the actor; "Ghani said Kabul had
		// ensured": Ghani's claim about Kabul, not Kabul's position
		return posCand{}, false
	}
	if an.notAStand(a) {
		return posCand{}, false
	}
	if a.class == classAct && an.background(a) {
		return posCand{}, false // "Israel seized the territories in 1967": history, not a stand
	}
	if a.class == classAct && !an.isDeed(a) && !an.leadAct(a, lead) {
		return posCand{}, false // "Nadal kept Spain's hopes alive": an event, not a stand
	}
	c := posCand{text: text, stance: a.class.stance(), at: a.verb, sent: a.sent, para: s.para, head: an.headline && s.para == 0}
	end := an.clauseCut(a.verb, s.tok1)
	from = max(from, a.verb-lookback)
	c.score = classWeight(a.class) + an.stanceBonus(from, end) + an.centrality(from, end, weights)
	if an.hasPartialQuote(a.verb, end) {
		c.score++
	}
	switch an.clauseKind(a) {
	case clauseSubordinate:
		// "... as it seeks to avoid", "demanded that Iran eliminate": background
		// or someone else's claim about the actor
		c.score -= 1.5
	case clauseRelative:
		if a.class == classAct {
			if vi, ok := an.lx.verbs[an.toks[a.verb].low]; ok && backgroundVerbs[vi.base] || an.reducedRelative(a) {
				return posCand{}, false // "who owns a hardware store": background
			}
			c.score -= 1.5
		}
		fallthrough
	default:
		if s.para == lead {
			c.score += 1
		}
	}
	if an.headline && s.para == 0 && lead != 0 {
		c.score += 0.5
	}
	c.score += an.positionPrior(s.para) - lengthPenalty(text)
	return c, true
}

// backgroundVerbs in a relative clause say who someone is, not what they
// want: "who owns a hardware store", "which operates the warehouse".
var backgroundVerbs = map[string]bool{
	"own": true, "run": true, "lead": true, "found": true, "represent": true, "operate": true, "involve": true,
	"live": true, "work": true, "serve": true, "hold": true, "head": true, "manage": true, "chair": true,
	"employ": true, "host": true, "belong": true, "include": true, "oversee": true, "base": true, "tour": true,
	"take": true, "join": true, "become": true, "control": true, "govern": true, "coach": true, "play": true,
	"train": true, "know": true, "study": true, "teach": true, "write": true, "publish": true, "make": true,
}

// contentWords counts the words in [a, b) that are not articles,
// prepositions, days or adverbs of time: what a cue says beyond "said on
// Monday in a statement".
func (an *analysis) contentWords(a, b int) int {
	n := 0
	for k := a; k < b; k++ {
		t := an.toks[k]
		if t.kind != tokWord || determiners[t.low] || prepositions[t.low] || an.lx.monthDay[strings.TrimSuffix(t.low, ".")] ||
			adverbsBeforeVerb[t.low] || skipPartWords[t.low] || an.lx.docNouns[t.low] {
			continue
		}
		n++
	}
	return n
}

// positionPrior: news puts what matters first.
func (an *analysis) positionPrior(para int) float64 {
	if len(an.paras) < 2 {
		return 0
	}
	return 0.8 * (1 - float64(para)/float64(len(an.paras)))
}

type clauseKind uint8

const (
	clauseMain clauseKind = iota
	clauseSubordinate
	clauseRelative
)

var subordinators = map[string]bool{
	"that": true, "if": true, "as": true, "while": true, "because": true, "although": true, "though": true,
	"when": true, "whether": true, "unless": true, "until": true, "since": true, "after": true, "before": true,
	"whereas": true, "so": true, "once": true, "whenever": true,
}

// clauseKind tells whether an act's subject opens a main clause, a
// subordinate one ("as it seeks", "that Iran eliminate") or a relative one.
func (an *analysis) clauseKind(a act) clauseKind {
	if p := an.prevWord(a.verb, a.subj); p >= 0 && (an.toks[p].low == "who" || an.toks[p].low == "which") {
		return clauseRelative
	}
	k := a.subj - 1
	for k >= 0 && an.toks[k].kind == tokPunct && an.toks[k].text == "," {
		k--
	}
	if k >= 0 && an.toks[k].sent == a.sent && an.toks[k].kind == tokWord && subordinators[an.toks[k].low] {
		return clauseSubordinate
	}
	if an.reducedRelative(a) {
		return clauseRelative
	}
	return clauseMain
}

// reducedRelative reports a subject right after a noun: "the rates the
// bank charged", "the plan the council approved" - a relative clause
// without its "that".
func (an *analysis) reducedRelative(a act) bool {
	k := a.subj - 1
	if k >= 0 && an.toks[k].kind == tokWord && determiners[an.toks[k].low] {
		k--
	} else if !determiners[an.toks[a.subj].low] {
		if _, pron := pronouns[an.toks[a.subj].low]; !pron {
			return false // "substitute Kieran Walsh equalised": a title, not a noun
		}
	}
	if k < 0 || an.toks[k].sent != a.sent {
		return false
	}
	t := an.toks[k]
	if t.kind != tokWord || t.cap || an.lx.aux[t.low] || prepositions[t.low] || conjunctions[t.low] || relativeWords[t.low] ||
		subordinators[t.low] || adverbsBeforeVerb[t.low] || strings.HasSuffix(t.low, "ly") {
		return false
	}
	if _, pron := pronouns[t.low]; pron {
		return false
	}
	if vi, ok := an.lx.verbs[t.low]; ok && !an.isHeadNoun(t.low) && !(vi.form == formS && an.lx.common[t.low]) {
		return false // "said the company", "warned the bank"
	}
	return true
}

func (an *analysis) hasPartialQuote(a, b int) bool {
	for k := a; k < b; k++ {
		if t := an.toks[k]; t.kind == tokQuote && t.mark >= 0 && an.quotes[t.mark].open == k {
			return true
		}
	}
	return false
}

// quoteCandidate: a whole-sentence quote stands as the statement (joined
// with its other half when split by the cue); a quoted phrase is given
// with the clause that carries it.
func (an *analysis) quoteCandidate(qi int, cr credit, lead int, weights map[string]float64) (posCand, bool, bool) {
	q := an.quotes[qi]
	a, b := an.quoteTokens(q)
	sent := an.toks[q.open].sent
	para := an.toks[q.open].para
	words := 0
	for k := a; k < b; k++ {
		if an.toks[k].kind == tokWord {
			words++
		}
	}
	c := posCand{stance: "says", at: q.open, sent: sent, para: para, head: an.headline && para == 0}
	merged := false
	r := an.quoteRegion(qi)
	// a short opening quote still stands when its speaker goes on in the
	// same paragraph: "'The groundwork is there,' Buser says. 'In terms of ...'"
	goesOn := qi+1 < len(an.quotes) && an.credits[qi+1].ent == cr.ent && an.quotes[qi+1].parent < 0 && an.quotes[qi+1].para == q.para
	whole := (words >= 5 || words >= 2 && goesOn) && (an.wholeQuote(qi) || cr.cueTok >= 0 && cr.cueTok < q.open && an.closingQuote(qi))
	if whole {
		t := strings.TrimSpace(an.runeText(q.s, q.e))
		if next := qi + 1; next < len(an.quotes) && an.credits[next].ent == cr.ent && an.quotes[next].parent < 0 &&
			an.quotes[next].para == q.para && len(t) < 240 && an.wholeQuote(next) &&
			(an.toks[an.quotes[next].open].sent == sent && an.credits[next].cueTok >= 0 && an.afterQuote(an.credits[next].cueTok, r.lo) ||
				an.credits[next].cueTok < 0) {
			// "A," she said, "B." and a quote followed by its speaker's next
			// one read as one statement
			t = strings.TrimRight(t, ",;: ")
			if !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "?") && !strings.HasSuffix(t, "!") && an.credits[next].cueTok < 0 {
				t += "."
			}
			t += " " + strings.TrimSpace(an.runeText(an.quotes[next].s, an.quotes[next].e))
			_, b = an.quoteTokens(an.quotes[next])
			merged = true
		}
		if len(t) > 600 {
			t = clip(t, 600)
		}
		if strings.HasSuffix(strings.TrimRight(t, "\"'”’» "), "?") && len(strings.Fields(t)) < 12 {
			return c, false, false // "Can I give it to James?": a question holds no position
		}
		c.text = an.attributedQuote(qi, cr, merged, t)
		c.quote = true
		b = min(b, a+4*maxStatement)
		c.score = 2.5 + an.stanceBonus(a, b) + an.centrality(a, b, weights)
	} else {
		if cr.cueTok < 0 && words < 4 {
			return c, false, false
		}
		s := an.sents[sent]
		text := ""
		from := s.tok0
		if cr.cueTok >= 0 {
			if ai, ok := an.actAt[cr.cueTok]; ok {
				text, from = an.compose(an.acts[ai], cr.ent)
			}
			if text == "" && an.lx.speechNouns[an.toks[cr.cueTok].low] {
				// "Trump's repeated warnings of 'bad things' ..."
				if owner := an.possessorOf(cr.cueTok, s.tok0); owner >= 0 {
					from = an.ments[owner].t0
					text = an.plainClause(from, q.open, s.tok1)
				}
			}
		}
		if text == "" {
			from = max(s.tok0, q.open-lookback)
			text = an.plainClause(from, q.open, s.tok1)
		}
		// "For the industry, '2020 will be about testing,' Ward says. 'I
		// think 2021 will see a push.'": the speaker goes on in the next
		// sentence with no cue of its own; one statement
		if next := qi + 1; text != "" && next < len(an.quotes) && an.credits[next].ent == cr.ent && an.credits[next].cueTok < 0 &&
			an.quotes[next].parent < 0 && an.quotes[next].para == q.para && an.toks[an.quotes[next].open].sent == sent+1 &&
			an.quotes[next].close >= 0 && an.opensSentence(next, an.quoteRegion(next)) && len(text) < 320 {
			nq := an.quotes[next]
			text = strings.TrimSpace(text + " " + an.tokensText(nq.open, nq.close+1))
			merged = true
		}
		c.text = text
		end := an.clauseCut(max(from, q.open), s.tok1)
		c.score = 2.5 + 1 + an.stanceBonus(from, end) + an.centrality(from, end, weights)
	}
	if para == lead {
		c.score += 1
	}
	c.score += an.positionPrior(para) - lengthPenalty(c.text)
	return c, merged, c.text != ""
}

// attributedQuote renders a whole-sentence quote as a position with its
// speaker, so it says more than the quote list does: the sentence as
// written when it holds the cue ("'We will not sign,' its general
// secretary, Dana Whitlock, said."), a pronoun subject replaced by the
// name; otherwise the name before the quoted words in their own marks.
func (an *analysis) attributedQuote(qi int, cr credit, merged bool, quoted string) string {
	q := an.quotes[qi]
	s := an.sents[an.toks[q.open].sent]
	lastQ := q
	if merged {
		lastQ = an.quotes[qi+1]
	}
	endSent := s
	if lastQ.close >= 0 {
		endSent = an.sents[an.toks[lastQ.close].sent]
	}
	// "In a post on X shortly after the vote, Lindahl wrote: '...'": the
	// frame before the colon goes; the name and the words stay.
	framed := an.afterColon(q.open) && cr.cueTok < q.open
	if !framed && cr.cueTok >= s.tok0 && cr.cueTok < s.tok1 && lastQ.close >= 0 && endSent.para == s.para {
		a := s.tok0
		for a < s.tok1 && an.toks[a].dateline {
			a++
		}
		if text := an.tokensText(a, endSent.tok1); len(text) <= 480 {
			if ai, ok := an.actAt[cr.cueTok]; ok {
				if mi := an.mentAt[an.acts[ai].subj]; mi >= 0 && an.ments[mi].kind == mkPron && an.ments[mi].t1 <= s.tok1 {
					// "'It was close,' he said." -> "'It was close,' Diaz said."
					m := an.ments[mi]
					text = strings.TrimSpace(an.tokensText(a, m.t0) + " " + an.shortName(cr.ent) + " " + an.tokensText(m.t1, endSent.tok1))
				}
			}
			return finishSentence(text)
		}
	}
	open, close := an.src[an.toks[q.open].s], '"'
	if lastQ.close >= 0 {
		close = an.src[an.toks[lastQ.close].s]
	} else if c, ok := closingMark[open]; ok {
		close = c
	}
	body := finishSentence(strings.TrimRight(quoted, ",;:—– "))
	name := an.shortName(cr.ent)
	if r := []rune(name); len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
		name = string(r)
	}
	return name + ": " + string(open) + body + string(close)
}

var closingMark = map[rune]rune{'“': '”', '‘': '’', '«': '»', '‹': '›', '„': '“', '"': '"', '\'': '\''}

// wholeQuote reports a quote that is a statement of its own: it opens its
// sentence, follows a colon or its cue, or continues a paragraph's quote.
func (an *analysis) wholeQuote(qi int) bool {
	q := an.quotes[qi]
	if q.contPrev || an.afterColon(q.open) || an.opensSentence(qi, an.quoteRegion(qi)) {
		return true
	}
	c := an.credits[qi]
	return c.cueTok >= 0 && an.afterQuote(c.cueTok, an.sents[an.toks[q.open].sent].tok0) && q.open > c.cueTok
}

// closingQuote reports a quote that ends its sentence after a comma: "he
// urged voters, 'Look what I have delivered.'" The words are a statement
// of their own, introduced by the clause before them.
func (an *analysis) closingQuote(qi int) bool {
	q := an.quotes[qi]
	if q.open == 0 || q.close < 0 || an.toks[q.open-1].text != "," {
		return false
	}
	s := an.sents[an.toks[q.open].sent]
	k := q.close + 1
	for k < s.tok1 && an.toks[k].kind == tokPunct {
		k++
	}
	return k >= s.tok1 && an.toks[q.close].sent == an.toks[q.open].sent
}

func (an *analysis) afterColon(open int) bool {
	return open > 0 && an.toks[open-1].kind == tokPunct && an.toks[open-1].text == ":"
}

func lengthPenalty(text string) float64 {
	n := len([]rune(text))
	switch {
	case n < 25:
		return 1.5
	case n > 320:
		return 1
	}
	return 0
}

func (an *analysis) stanceBonus(a, b int) float64 {
	for k := a; k < b; k++ {
		if stanceMarkers[an.toks[k].low] {
			return 1
		}
	}
	return 0
}

// compose writes an act as "Subject verb ... ." and returns where its
// words start: the actor's short name (or the text's own coordination,
// "Qatar and Turkey"), then the verb with its auxiliaries to the end of
// the sentence, cut at a dash or semicolon after the verb. A participle
// ("..., urging them to") keeps its clause from the subject on.
func (an *analysis) compose(a act, id int) (string, int) {
	s := an.sents[a.sent]
	end := an.clauseCut(a.verb, s.tok1)
	if vi, ok := an.verbAt(a.verb); ok && vi.form == formIng {
		if mi := an.nameEnding(a.verb); mi >= 0 && an.ments[mi].t0 == a.subj && len(a.ents) == 1 {
			// "with Prime Minister X claiming ...": X claiming ...
			return finishSentence(an.shortName(id) + " " + an.tokensText(a.verb, end)), a.verb
		}
		from := a.subj
		if from-1 >= s.tok0 && an.toks[from-1].low == "the" {
			from-- // "The Musicians’ Guild ..., calling it"
		}
		return an.plainClause(from, a.verb, end), from
	}
	v := a.verb
	// "'...,' she told members, '...'": a cue between or after quotes is
	// given with the sentence it attributes, its pronoun named.
	if a.class.isCue() && (an.afterQuote(a.subj, s.tok0) || an.afterQuote(a.verb, s.tok0)) && an.hasQuoteIn(s.tok0, a.subj) {
		from := s.tok0
		for from < s.tok1 && an.toks[from].dateline {
			from++
		}
		if s.tok1-from <= 2*maxStatement {
			text := an.tokensText(from, s.tok1)
			if mi := an.mentAt[a.subj]; mi >= 0 && an.ments[mi].kind == mkPron && an.ments[mi].t1 <= s.tok1 {
				m := an.ments[mi]
				text = strings.TrimSpace(an.tokensText(from, m.t0) + " " + an.shortName(id) + " " + an.tokensText(m.t1, s.tok1))
			}
			return finishSentence(text), from
		}
	}
	// "Since then, she said, the family had ...": the cue is an aside; the
	// statement is the sentence without it.
	if a.class == classSay && v+1 < end && an.toks[v+1].text == "," && a.subj-1 > s.tok0 && an.toks[a.subj-1].text == "," &&
		a.subj-s.tok0 < maxStatement {
		before := an.tokensText(s.tok0, a.subj-1)
		after := an.tokensText(v+2, end)
		if before != "" && after != "" {
			return finishSentence(before + " " + after), s.tok0
		}
	}
	// "X, who fear a new war, ...": the relative clause ends at its comma.
	if p := an.prevWord(v, a.subj); p >= 0 && (an.toks[p].low == "who" || an.toks[p].low == "which") {
		for k := v + 1; k < end; k++ {
			if an.toks[k].kind == tokPunct && an.toks[k].text == "," && an.toks[k].quote < 0 {
				end = k
				break
			}
		}
	}
	for v-1 > a.subj && an.toks[v-1].kind == tokWord && (an.lx.aux[an.toks[v-1].low] || adverbsBeforeVerb[an.toks[v-1].low] ||
		strings.HasSuffix(an.toks[v-1].low, "ly") && !an.isHeadNoun(an.toks[v-1].low)) {
		v--
	}
	// "..., the United Nations said on Monday.": the statement is what came before.
	if a.class == classSay && an.trailingCue(a, s) {
		cut := an.subjectStart(a, s) - 1
		for cut > s.tok0 && an.toks[cut].kind == tokPunct {
			cut--
		}
		from := max(s.tok0, cut-maxStatement)
		for from < cut && (an.toks[from].dateline || an.toks[from].kind == tokPunct) {
			from++ // "AMSTERDAM (Reuters) - ..."
		}
		if cut > from && !an.hasQuoteIn(from, cut+1) {
			return finishSentence(an.tokensText(from, cut+1)), from
		}
		return "", v
	}
	end = an.cutTrailingCue(v, end)
	subject := an.subjectName(a, id, v)
	if len(a.ents) > 1 {
		// keep "Qatar and Turkey" as written
		if mi := an.mentAt[a.subj]; mi >= 0 {
			last := a.subj
			for k := a.subj; k < v && k < a.subj+12; k++ {
				if mj := an.mentAt[k]; mj >= 0 && an.ments[mj].kind == mkName {
					last = an.ments[mj].t1
				}
			}
			subject = an.span(a.subj, last)
		}
	}
	if len(a.ents) == 1 && a.subj-2 >= s.tok0 && an.toks[a.subj-1].low == "and" {
		// "Johnson and Corbyn attacked each other's policies": a subject
		// of two is kept as written, never cut to one of them
		if mi := an.nameEnding(a.subj - 1); mi >= 0 && an.ments[mi].kind == mkName && an.ments[mi].t0 >= s.tok0 {
			subject = an.span(an.ments[mi].t0, v)
		}
	}
	if v >= end {
		return "", v
	}
	rest := an.tokensText(v, end)
	return finishSentence(subject + " " + rest), v
}

// trailingCue reports a say-verb that closes its sentence: "..., X said on
// Monday." (nothing but a few adverbial words follow it).
func (an *analysis) trailingCue(a act, s sentence) bool {
	subj := an.subjectStart(a, s)
	if subj-1 <= s.tok0 || an.toks[subj-1].text != "," || s.tok1-a.verb > 10 {
		return false
	}
	n := 0
	for k := a.verb + 1; k < s.tok1; k++ {
		t := an.toks[k]
		if t.kind == tokWord && (t.low == "that" || an.lx.verbs[t.low].class != classNone) {
			return false
		}
		n++
	}
	return n <= 8
}

// subjectStart is where an act's subject begins as written: before its
// article and before a name its parenthesised acronym follows ("the
// National Education Union (NEU) has announced").
func (an *analysis) subjectStart(a act, s sentence) int {
	subj := a.subj
	if subj-1 >= s.tok0 && an.toks[subj-1].text == "(" {
		if mi := an.nameEnding(subj - 1); mi >= 0 && an.ments[mi].t0 >= s.tok0 {
			subj = an.ments[mi].t0
		}
	}
	if subj-1 >= s.tok0 && an.toks[subj-1].kind == tokWord && determiners[an.toks[subj-1].low] {
		subj-- // ", the United Nations said"
	}
	return subj
}

// cutTrailingCue ends a statement before a closing ", X said ..." that
// credits it to someone else.
func (an *analysis) cutTrailingCue(v, end int) int {
	for k := v + 1; k < end; k++ {
		if an.toks[k].text != "," || an.toks[k].quote >= 0 {
			continue
		}
		for j := k + 1; j < end && j < k+7; j++ {
			t := an.toks[j]
			if t.kind == tokPunct {
				break
			}
			if vi, ok := an.lx.verbs[t.low]; ok && vi.class == classSay && (vi.form == formPast || vi.form == formS) {
				return k
			}
		}
	}
	return end
}

func (an *analysis) hasQuoteIn(a, b int) bool {
	for k := a; k < b; k++ {
		if an.toks[k].kind == tokQuote && an.toks[k].mark >= 0 {
			return true
		}
	}
	return false
}

// prevWord returns the word before the verb group at v, skipping
// auxiliaries and adverbs, or -1.
func (an *analysis) prevWord(v, lo int) int {
	for k := v - 1; k >= lo; k-- {
		t := an.toks[k]
		if t.kind == tokWord && (an.lx.aux[t.low] || adverbsBeforeVerb[t.low]) {
			continue
		}
		if t.kind == tokWord {
			return k
		}
		return -1
	}
	return -1
}

// maxStatement bounds a statement's length in tokens: one line.
const maxStatement = 60

// clauseCut ends a statement at a semicolon or dash well after the verb,
// and in any case within maxStatement tokens.
func (an *analysis) clauseCut(verb, end int) int {
	end = min(end, verb+maxStatement)
	for k := verb; k < end; k++ {
		t := an.toks[k]
		if t.quote < 0 && t.kind == tokPunct && (t.text == ";" || t.text == "—" || t.text == "–") && k-verb > 4 {
			return k
		}
	}
	return end
}

// plainClause renders tokens [a, end) cut after the verb or quote at
// verb, with datelines and leading punctuation dropped.
func (an *analysis) plainClause(a, verb, end int) string {
	a = max(a, verb-maxStatement)
	for a < end && (an.toks[a].dateline || an.toks[a].kind == tokPunct) {
		a++
	}
	end = an.clauseCut(max(verb, a), end)
	if a >= end {
		return ""
	}
	return finishSentence(an.tokensText(a, end))
}

// tokensText is the source text of tokens [a, b) with single spaces.
func (an *analysis) tokensText(a, b int) string {
	if a >= b {
		return ""
	}
	return collapseSpaces(an.runeText(an.toks[a].s, an.toks[b-1].e))
}

// clip shortens s to about n bytes at a word boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], ",;: ") + " …"
}

// finishSentence capitalises the first letter and ends with a period.
func finishSentence(s string) string {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ",;:—– "))
	if s == "" {
		return ""
	}
	if !strings.ContainsAny(s[len(s)-1:], ".?!'\"") && !strings.HasSuffix(s, "’") && !strings.HasSuffix(s, "”") &&
		!strings.HasSuffix(s, "»") {
		s += "."
	}
	if c := s[0]; c < utf8.RuneSelf && utf8.ValidString(s) {
		// ASCII first letter: upper-case it without a rune round trip
		if 'a' <= c && c <= 'z' {
			return string(c-'a'+'A') + s[1:]
		}
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}

// shortName is how a statement names the actor: a person's surname,
// otherwise the name, with "the" where the text writes one before it
// ("the Musicians’ Guild").
func (an *analysis) shortName(id int) string {
	if sf := an.surnameForm(id); sf != "" {
		return sf
	}
	if an.takesThe(id) {
		return "the " + an.ents[id].name
	}
	return an.ents[id].name
}

// subjectName is the subject of a statement about an act: the name as the
// sentence writes it when the name itself is the subject ("The U.S. has
// long demanded", not "United States has long demanded"), otherwise the
// actor's short name in place of a pronoun or description.
func (an *analysis) subjectName(a act, id, v int) string {
	if an.ents[id].kind != entPerson {
		if start := an.subjectStart(a, an.sents[a.sent]); v-start <= 14 && an.onlyNames(start, v, id) {
			return an.tokensText(start, v) // "The U.S.", "The Department for Education (DfE)"
		}
		if mi := an.mentAt[a.subj]; mi >= 0 {
			m := an.ments[mi]
			// "The bank's board voted": the board, named by its owner
			if m.kind == mkDesc && m.t1 == v {
				if o := an.innerOwner(mi); o >= 0 && an.ments[o].kind == mkName || an.namesInside(m, id) {
					// "The Netherlands' economy ministry", "Iranian officials",
					// "A DfE spokesperson": the phrase names the actor already
					return an.tokensText(m.t0, m.t1)
				}
				if an.lx.orgInner[m.head] && !spokesWords[m.head] && !containsWord(an.ents[id].key, m.head) &&
					an.toks[m.t0].low == "the" && m.t1-m.t0 == 2 {
					// "The board voted" -> "Greenmeadow Dairy's board voted"
					return an.possessive(an.shortName(id), "'") + " " + an.tokensText(m.t0+1, m.t1)
				}
				for k := m.t0; k < m.t1; k++ {
					if t := an.toks[k]; t.kind == tokPoss || t.kind == tokWord && (t.low == "its" || t.low == "their") {
						rest := an.tokensText(k+1, m.t1)
						if rest == "" {
							break
						}
						apos := "'"
						if t.kind == tokPoss && strings.HasPrefix(t.text, "’") {
							apos = "’"
						}
						return an.possessive(an.shortName(id), apos) + " " + rest
					}
				}
			}
		}
	}
	return an.shortName(id)
}

// possessive writes a name's possessive with the text's apostrophe:
// "Kessler Bank's", "the Farmers' Union'" is avoided by "Union's".
func (an *analysis) possessive(name, apos string) string {
	if strings.HasSuffix(name, "s") {
		return name + apos
	}
	return name + apos + "s"
}

// namesInside reports a description that holds a name or demonym of the
// actor: "Iranian officials", "the U.S. government".
func (an *analysis) namesInside(m mention, id int) bool {
	for k := m.t0; k < m.t1; k++ {
		if mi := an.mentAt[k]; mi >= 0 {
			n := an.ments[mi]
			if n.kind != mkDesc && n.kind != mkPron && n.ent >= 0 && an.root(n.ent) == id && n.t1 <= m.t1 {
				return true
			}
		}
	}
	return false
}

// onlyNames reports whether tokens [a, b) are the actor's names, an
// article before them and parentheses around an acronym, nothing else.
func (an *analysis) onlyNames(a, b, id int) bool {
	names := 0
	for k := a; k < b; {
		t := an.toks[k]
		if k == a && t.low == "the" || t.text == "(" || t.text == ")" {
			k++
			continue
		}
		mi := an.mentAt[k]
		if mi < 0 || an.ments[mi].kind != mkName && an.ments[mi].kind != mkCapital || an.ments[mi].ent < 0 ||
			an.root(an.ments[mi].ent) != id || an.ments[mi].t1 > b {
			return false
		}
		names++
		k = an.ments[mi].t1
	}
	return names > 0
}

// takesThe reports whether the text mostly writes "the" before the
// actor's name: "the Musicians’ Guild", "the United States".
func (an *analysis) takesThe(id int) bool {
	if an.theName == nil {
		an.theName = map[int]bool{}
		withThe, all := map[int]int{}, map[int]int{}
		for _, m := range an.ments {
			if m.kind != mkName || m.ent < 0 || an.headline && an.toks[m.t0].para == 0 {
				continue // a headline drops its articles
			}
			e := an.root(m.ent)
			all[e]++
			if m.t0 > 0 && an.toks[m.t0-1].low == "the" && an.toks[m.t0-1].sent == m.sent {
				withThe[e]++
			}
		}
		for e, n := range all {
			if 2*withThe[e] >= n {
				an.theName[e] = true
			}
		}
	}
	return an.theName[id]
}

// beWords make a past participle after them passive: "was sentenced".
var beWords = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "am": true,
	"get": true, "gets": true, "got": true, "getting": true, "gotten": true, "'s": true, "'re": true,
}

// passive reports a verb in the passive voice: its subject is what was
// done to, not who did it.
func (an *analysis) passive(v int) bool {
	vi, ok := an.verbAt(v)
	if !ok || vi.form != formPast && vi.form != formPart {
		return false
	}
	if v+1 < len(an.toks) && an.toks[v+1].low == "by" && an.toks[v+1].sent == an.toks[v].sent {
		return true // "a petition signed by 1,100 residents": a participle with its agent
	}
	lo := an.sents[an.toks[v].sent].tok0
	for k := v - 1; k >= lo && k >= v-4; k-- {
		t := an.toks[k]
		if t.kind != tokWord {
			return false
		}
		if beWords[t.low] {
			// "is committed to", "are opposed to": a stance, not a deed done to them
			return !(statives[vi.base] && v+1 < len(an.toks) && (an.toks[v+1].low == "to" || an.toks[v+1].low == "about"))
		}
		if !adverbsBeforeVerb[t.low] && !strings.HasSuffix(t.low, "ly") {
			return false
		}
	}
	return false
}

// embeddedIn reports an act inside what someone else is reported to have
// said: a reporting verb of another actor (or of nobody named) comes
// before the subject with no clause break between them ("Ghani said Kabul
// had ensured", "La Canfora reported that the NFL will").
func (an *analysis) embeddedIn(a act, id int) bool {
	s := an.sents[a.sent]
	if p := an.prevWord(a.verb, a.subj); p > s.tok0 && (an.toks[p].low == "who" || an.toks[p].low == "which") && an.toks[p-1].text == "," {
		return false // ", who have long refused": the writer's aside
	}
	for k := a.subj - 1; k >= s.tok0; k-- {
		t := an.toks[k]
		if t.quote >= 0 {
			continue
		}
		if t.kind == tokPunct && (t.text == "," || t.text == ";" || t.text == ":" || t.text == "—" || t.text == "–" || t.text == "(") {
			if k == a.subj-1 || k == a.subj-2 && an.toks[a.subj-1].low == "that" {
				continue // "said, that", rare but the clause goes on
			}
			return false
		}
		if t.kind != tokWord {
			continue
		}
		if subordinators[t.low] && t.low != "that" && t.low != "if" && t.low != "whether" || t.low == "but" {
			return false // "Beijing rejects the plan as Halvorsen warns": a clause of its own
		}
		vi, ok := an.lx.verbs[t.low]
		if !ok || !vi.class.isCue() || vi.form == formIng || vi.form == formBase {
			continue
		}
		if vi.base == "report" {
			return false // "Reuters reported that the NFL will fine": a relayed fact
		}
		if ai, ok := an.actAt[k]; ok {
			for _, e := range an.acts[ai].ents {
				if e == id || an.ents[e].affiliation == id {
					return false // "Webb admitted that he", "the minister said the ministry had"
				}
			}
		}
		if _, ok := an.verbAt(k); ok {
			return true
		}
	}
	return false
}

// deedVerbs are actions that state where an actor stands or what it
// decided: votes, rulings, offers, filings, deals, sanctions. Other acts
// ("kept", "joined", "scored") are events, not positions.
var deedVerbs = map[string]bool{
	"vote": true, "rule": true, "offer": true, "file": true, "approve": true, "sign": true, "fine": true,
	"suspend": true, "ban": true, "sentence": true, "convict": true, "acquit": true, "agree": true, "buy": true,
	"acquire": true, "sell": true, "free": true, "release": true, "order": true, "impose": true, "lift": true,
	"withdraw": true, "sue": true, "charge": true, "arrest": true, "bid": true, "decide": true, "appoint": true,
	"nominate": true, "hire": true, "sack": true, "launch": true, "cancel": true, "postpone": true, "halt": true,
	"block": true, "veto": true, "pass": true, "adopt": true, "amend": true, "introduce": true, "submit": true,
	"unveil": true, "issue": true, "grant": true, "award": true, "invest": true, "fund": true, "lend": true,
	"deploy": true, "invade": true, "seize": true, "capture": true, "elect": true, "resign": true, "quit": true,
	"settle": true, "merge": true, "close": true, "shut": true, "boycott": true, "expel": true, "summon": true,
	"revoke": true, "overturn": true, "uphold": true, "scrap": true, "plan": true, "cut": true, "raise": true,
	"refuse": true, "reject": true, "oppose": true, "recall": true, "dismiss": true,
	"investigate": true, "probe": true, "sanction": true, "strike": true, "pledge": true, "commit": true,
	"accept": true, "establish": true, "enforce": true, "implement": true, "install": true, "retire": true,
	"bet": true, "stake": true, "pursue": true, "prepare": true, "threaten": true, "lay": true,
	// killing or undoing a plan states a side as plainly as passing one
	"scuttle": true, "torpedo": true, "derail": true, "shelve": true, "abandon": true, "repeal": true,
	"rescind": true, "ditch": true, "defund": true, "authorise": true, "authorize": true, "freeze": true,
	"withhold": true, "reverse": true, "restrict": true,
}

// relayed reports an act told as news by an outlet: "The Ledger reported
// that Orion will cut 300 jobs". The outlet takes no side; the act stands.
func (an *analysis) relayed(a act) bool {
	k := a.subj - 1
	if k-1 < an.sents[a.sent].tok0 || an.toks[k].low != "that" {
		return false
	}
	vi, ok := an.lx.verbs[an.toks[k-1].low]
	return ok && vi.base == "report" && vi.form != formBase
}

// progressive reports an -ing verb after a form of "be": "is betting on",
// "are pushing for": a finite verb, not a participle.
func (an *analysis) progressive(v int) bool {
	lo := an.sents[an.toks[v].sent].tok0
	for k := v - 1; k >= lo && k >= v-3; k-- {
		t := an.toks[k]
		if t.kind != tokWord {
			return false
		}
		if beWords[t.low] && t.low != "being" {
			return true
		}
		if !adverbsBeforeVerb[t.low] && !strings.HasSuffix(t.low, "ly") && t.low != "still" && t.low != "now" {
			return false
		}
	}
	return false
}

// statives are participles that, after "is", say where the subject
// stands: "committed to", "opposed to", "determined to".
var statives = map[string]bool{
	"commit": true, "oppose": true, "determine": true, "concern": true, "worry": true, "prepare": true,
	"dedicate": true, "convince": true, "resolve": true, "disappoint": true, "alarm": true, "satisfy": true,
}

// speechDeeds publish words: "wrote in a blog post that", "announced".
var speechDeeds = map[string]bool{
	"write": true, "post": true, "tweet": true, "publish": true, "announce": true, "state": true, "declare": true,
	"confirm": true, "reveal": true, "confess": true, "testify": true, "admit": true,
}

// notAStand reports a stance verb that, where it stands, says nothing the
// actor holds: "will be back in action" (an adverb after "be"), "maintains
// a political office" (a claim verb with a thing for object), "when it
// posted a video" (speech told as the time of something else).
func (an *analysis) notAStand(a act) bool {
	vi, ok := an.verbAt(a.verb)
	if !ok {
		return true
	}
	s := an.sents[a.sent]
	if vi.form == formBase && a.verb-1 >= s.tok0 && beWords[an.toks[a.verb-1].low] {
		return true
	}
	if vi.form == formIng && !an.progressive(a.verb) {
		// a participle speaks for the clause's subject only after a comma
		// (", urging them to") or right after a name ("with X claiming");
		// "a video of its chief executive mocking regulators" is no stand
		p := a.verb - 1
		for p > s.tok0 && an.toks[p].kind == tokWord && (adverbsBeforeVerb[an.toks[p].low] || strings.HasSuffix(an.toks[p].low, "ly")) {
			p--
		}
		named := false
		if mi := an.nameEnding(a.verb); mi >= 0 && an.ments[mi].t0 == a.subj && a.subj-1 >= s.tok0 {
			// "with X claiming", not "to show X failing to answer"
			w := an.toks[a.subj-1].low
			named = w == "with" || w == "without" || w == ","
		}
		if p < s.tok0 || an.toks[p].text != "," && !named {
			return true
		}
	}
	if a.class.isCue() && a.class != classSay && a.verb+1 < s.tok1 && an.toks[a.verb+1].text == "," && a.subj-1 >= s.tok0 &&
		(an.toks[a.subj-1].low == "as" || an.toks[a.subj-1].text == ",") {
		return true // "these cells, he found, release ...": an aside; the claim is not after it
	}
	if a.class.isCue() {
		// "'Can I give it to James?' Brooke asked": a question holds no position
		for k := s.tok0; k < s.tok1 && k < a.subj; k++ {
			if t := an.toks[k]; t.kind == tokQuote && t.mark >= 0 && an.quotes[t.mark].open == k {
				q := an.quotes[t.mark]
				body := strings.TrimRight(an.runeText(q.s, q.e), "\"'”’» ")
				return strings.HasSuffix(body, "?") && len(strings.Fields(body)) < 12
			}
		}
	}
	if a.class == classClaim && a.verb+1 < s.tok1 && (an.toks[a.verb+1].low == "a" || an.toks[a.verb+1].low == "an") {
		return true
	}
	if a.class == classSay && !speechDeeds[vi.base] && !an.trailingCue(a, s) && !an.saysClause(a) {
		return true // "Johnston concludes October 10th in Houston": no words reported
	}
	if a.class.isCue() && an.clauseKind(a) == clauseSubordinate {
		k := a.subj - 1
		for k >= s.tok0 && an.toks[k].text == "," {
			k--
		}
		if k >= s.tok0 && temporalSubordinators[an.toks[k].low] {
			return true
		}
	}
	return false
}

// saysClause reports a reporting verb followed by what was said: a
// clause with a verb of its own, "that", a colon or a quote.
func (an *analysis) saysClause(a act) bool {
	s := an.sents[a.sent]
	if an.hasQuoteIn(s.tok0, s.tok1) {
		return true // the quote is what was said, wherever it stands
	}
	end := an.clauseCut(a.verb, s.tok1)
	for k := a.verb + 1; k < end; k++ {
		t := an.toks[k]
		if t.kind == tokPunct && t.text == ":" || t.kind == tokWord && (t.low == "that" || an.lx.aux[t.low]) {
			return true
		}
		if t.kind != tokWord || t.cap {
			continue
		}
		if _, ok := an.verbAt(k); ok {
			return true
		}
		// a verb the tables lack: "the result surprised the team"
		if vi, ok := an.lx.verbs[t.low]; ok && (vi.form == formPast || vi.form == formS) || len(t.low) > 4 && strings.HasSuffix(t.low, "ed") {
			return true
		}
	}
	return false
}

// temporalSubordinators open a clause that tells when or why something
// else happened: "when it posted", "after she said".
var temporalSubordinators = map[string]bool{
	"when": true, "after": true, "before": true, "since": true, "until": true, "once": true, "whenever": true,
	"because": true, "if": true, "unless": true,
}

// background reports a past deed dated to a year ("in 1967", "since
// 2014"): the story's history, not where the actor stands now.
func (an *analysis) background(a act) bool {
	vi, ok := an.verbAt(a.verb)
	if !ok || vi.form != formPast && vi.form != formPart {
		return false
	}
	end := an.clauseCut(a.verb, an.sents[a.sent].tok1)
	for k := a.verb + 1; k+1 < end; k++ {
		if w := an.toks[k].low; w != "in" && w != "since" && w != "during" {
			continue
		}
		j := k + 1
		if an.toks[j].low == "the" && j+1 < end {
			j++ // "in the 1967 war"
		}
		if t := an.toks[j]; t.kind == tokNum && len(t.text) == 4 && (strings.HasPrefix(t.text, "19") || strings.HasPrefix(t.text, "20")) {
			return true
		}
	}
	return false
}

// saysNothing reports an act that tells only that the actor said nothing:
// "declined to comment", "did not respond to requests", "has said little".
func (an *analysis) saysNothing(a act) bool {
	s := an.sents[a.sent]
	v := a.verb
	vi, ok := an.verbAt(v)
	if !ok {
		return false
	}
	next := func(k int) string {
		if k < s.tok1 {
			return an.toks[k].low
		}
		return ""
	}
	switch vi.base {
	case "decline", "refuse":
		return next(v+1) == "to" && (next(v+2) == "comment" || next(v+2) == "respond" || next(v+2) == "say" || next(v+2) == "elaborate")
	case "say", "speak":
		return next(v+1) == "little" || next(v+1) == "nothing" || next(v+1) == "no" && next(v+2) == "more"
	case "respond", "return", "reply", "answer", "comment":
		// "did not respond", "has not returned calls"
		for k := v - 1; k >= max(s.tok0, v-3); k-- {
			if w := an.toks[k].low; w == "not" || w == "n't" || strings.HasSuffix(w, "n't") || w == "never" {
				return true
			}
		}
	}
	return false
}

// isDeed reports an act that is a decision of its subject, or one that
// sends words out: "sent a letter", "issued a statement".
func (an *analysis) isDeed(a act) bool {
	vi, ok := an.verbAt(a.verb)
	if !ok || vi.form == formIng && !an.progressive(a.verb) || an.clauseKind(a) != clauseMain && !an.relayed(a) {
		return false
	}
	if deedVerbs[vi.base] || speechDeeds[vi.base] {
		return true
	}
	end := min(a.verb+4, an.sents[a.sent].tok1)
	for k := a.verb + 1; k < end; k++ {
		if an.toks[k].kind == tokWord && an.lx.docNouns[an.toks[k].low] {
			return true
		}
	}
	return false
}

// leadAct reports an act told in the story's opening sentence by a named
// subject: what the lead says an actor did is the story.
func (an *analysis) leadAct(a act, lead int) bool {
	s := an.sents[a.sent]
	if s.para != lead || a.sent > 0 && an.sents[a.sent-1].para == lead {
		return false
	}
	if vi, ok := an.verbAt(a.verb); !ok || vi.form == formIng {
		return false
	}
	mi := an.mentAt[a.subj]
	return mi >= 0 && an.ments[mi].kind == mkName && an.clauseKind(a) == clauseMain
}

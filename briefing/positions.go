package briefing

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Positions: for each listed actor, up to three one-line statements of what
// it wants, rejects, warns of, claims or does, in the article's words.
// Candidates are the actor's own clauses (its name, then its verb to the
// end of the sentence) and its quotes; whole-sentence quotes stand as they
// are. They are weighed by the verb's stance, stance words (not, must,
// will), a quoted phrase inside a paraphrase, the lead, and how central the
// words are to the article; then picked greedily, preferring different
// paragraphs.

const maxPositions = 3

type posCand struct {
	text   string
	stance string
	score  float64
	at     int // token, for reading order
	sent   int
	para   int
	quote  bool // a whole-sentence quote
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
		cands := append([]posCand(nil), byEnt[id]...)
		// an organisation speaks through its leaders and spokespeople
		for pid := range an.ents {
			if an.ents[pid].affiliation == id && an.ents[pid].merged < 0 {
				for _, c := range byEnt[pid] {
					c.score -= 0.5
					cands = append(cands, c)
				}
			}
		}
		if len(cands) > 40 {
			// the strongest few are enough to choose from
			sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
			cands = cands[:40]
		}
		for _, c := range pickCands(dedupeCands(cands)) {
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
func dedupeCands(cands []posCand) []posCand {
	best := map[string]int{}
	out := make([]posCand, 0, len(cands))
	for _, c := range cands {
		if c.text == "" || isQuestionFrame(c.text) {
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
	keep := make([]bool, len(out))
	for _, i := range order {
		c := out[i]
		dup := false
		for j, o := range out {
			if !keep[j] {
				continue
			}
			if strings.Contains(o.text, strings.TrimSuffix(c.text, ".")) || strings.Contains(c.text, strings.TrimSuffix(o.text, ".")) ||
				o.sent == c.sent && sameEnding(o.text, c.text) {
				dup = true
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
	if a.class == classSay && from == a.verb && an.contentWords(a.verb+1, an.clauseCut(a.verb, s.tok1)) < 2 {
		return posCand{}, false // "The union has announced.", "X said on Monday."
	}
	c := posCand{text: text, stance: a.class.stance(), at: a.verb, sent: a.sent, para: s.para}
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
			c.score += 2
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
	c := posCand{stance: "says", at: q.open, sent: sent, para: para}
	merged := false
	r := an.quoteRegion(qi)
	whole := words >= 5 && an.wholeQuote(qi)
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
		c.text = text
		end := an.clauseCut(max(from, q.open), s.tok1)
		c.score = 2.5 + 1 + an.stanceBonus(from, end) + an.centrality(from, end, weights)
	}
	if para == lead {
		c.score += 2
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
	if cr.cueTok >= s.tok0 && cr.cueTok < s.tok1 && lastQ.close >= 0 && endSent.para == s.para {
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

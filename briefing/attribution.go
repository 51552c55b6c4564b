package briefing

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Attribution credits each quote to a speaker. In order of trust:
//
//  1. a cue in the quote's own sentence: after a quote that opens the
//     sentence ("'...,' X said", "'...,' said X"), otherwise the nearest
//     cue before it ("X said: '...'", "described the talks as '...'",
//     "urging them to '...'", "Trump's warnings of '...'"), then one after
//     it ("according to X");
//  2. the same words quoted elsewhere with a speaker (re-quotes);
//  3. a quote that opens its sentence with no cue continues the last
//     speaker, as does a quote running on from the previous paragraph.
//
// A quote nothing credits (a title, a nickname, a scare quote) is left out.

type credit struct {
	ent    int    // entity credited, or -1
	desc   string // description when no entity fits ("a senior official")
	cue    string
	cueTok int // the cue word's token, or -1
	at     int // token where the credit was decided, for continuations
	// anon marks a whole sentence quoted with no speaker the text lets us
	// name: listed with an empty speaker rather than dropped.
	anon bool
}

func (c credit) ok() bool { return c.ent >= 0 || c.desc != "" }

// noCredit is a credit to nobody, with no cue found.
func noCredit() credit { return credit{ent: -1, cueTok: -1} }

// speakerOf turns a subject mention into a credit. A document speaks for
// whoever issued it: "a risk assessment published by the ECDC".
func (an *analysis) speakerOf(mi int, hi int) credit {
	m := an.ments[mi]
	if m.doc {
		if c := an.docOwner(mi, hi); c.ok() {
			return c
		}
		if c := an.docIssuer(mi, hi); c.ok() {
			return c
		}
		// "'...,' the ruling said" with no issuer the text names: the
		// document is the source a reader is told of, better than nobody
		if m.definite && m.possessor < 0 {
			end := an.sents[m.sent].tok1
			if d := an.describe(m.t0, min(end, m.t0+14)); d != "" {
				return credit{ent: -1, desc: d}
			}
		}
		return noCredit()
	}
	if m.kind == mkPron && m.head == "it" && m.ent < 0 {
		// "'...,' it concluded" after "the statement said": the document
		if d := an.docAntecedent(mi); d >= 0 {
			return an.speakerOf(d, hi)
		}
	}
	if d := an.stateBody(mi); d != "" {
		return credit{ent: -1, desc: d}
	}
	if m.ent >= 0 {
		id := an.root(m.ent)
		e := an.ents[id]
		if e.kind == entPlace && m.kind != mkCapital && !an.speakingPlace(mi) || e.kind == entMisc && !e.platform {
			return noCredit()
		}
		return credit{ent: id}
	}
	if m.kind == mkDesc {
		end := an.sents[m.sent].tok1
		if d := an.describe(m.t0, min(end, m.t0+14)); d != "" {
			return credit{ent: -1, desc: d}
		}
	}
	return noCredit()
}

// speakingPlace reports a "place" that speaks as the subject of a
// reporting verb or a document's author, and that no gazetteer knows: a name of several words the
// entity pass took for a place ("Kotak Institutional Equities said").
func (an *analysis) speakingPlace(mi int) bool {
	m := an.ments[mi]
	if m.kind != mkName || m.t1-m.t0 < 2 {
		return false
	}
	if !m.subj && !(m.t0 > 0 && (an.toks[m.t0-1].low == "from" || an.toks[m.t0-1].low == "by")) {
		return false // only a subject speaks, or an author: "a report from X"
	}
	w := fold(an.span(m.t0, m.t1))
	return !an.lx.cities[w] && !an.lx.regions[w] && !an.toks[m.t0].dateline
}

// docOwner is whoever a document names as its issuer: "the bank's
// report", "a statement from the ministry", "a report by the agency".
func (an *analysis) docOwner(mi, hi int) credit {
	m := an.ments[mi]
	if p := m.possessor; p >= 0 && p != mi && !an.ments[p].doc {
		return an.speakerOf(p, hi)
	}
	for k := m.t1; k < hi && k < m.t1+8; k++ {
		t := an.toks[k]
		if t.kind == tokPunct || t.kind == tokQuote {
			break
		}
		if vi, ok := an.lx.verbs[t.low]; ok && vi.form == formIng {
			break // "a subpoena seeking documents from the bank": not the bank's
		}
		if t.low == "by" || t.low == "from" || t.low == "of" {
			end := an.leadingNPEnd(k+1, hi)
			if heads := an.npHead(k+1, end); len(heads) > 0 && heads[0] != mi && !an.ments[heads[0]].doc {
				return an.speakerOf(heads[0], hi)
			}
		}
	}
	return noCredit()
}

// docIssuerWindow bounds how far back "the statement" looks for the
// statement it refers to, in mentions.
const docIssuerWindow = 300

// docIssuer credits a document named only as "the statement" or "the
// letter" to whoever issued the one it points back to: "The agency said
// in a statement ... 'the statement said'". The earlier document's own
// issuer counts, else the actor of the clause it stands in.
func (an *analysis) docIssuer(mi, hi int) credit {
	m := an.ments[mi]
	if !m.definite {
		return noCredit()
	}
	para := an.toks[m.t0].para
	for k := mi - 1; k >= 0 && k >= mi-docIssuerWindow; k-- {
		c := an.ments[k]
		if an.toks[c.t0].para < para-8 {
			break
		}
		if !c.doc || c.head != m.head || c.quote >= 0 {
			continue
		}
		if cr := an.docOwner(k, an.sents[c.sent].tok1); cr.ok() {
			return cr
		}
		if cr := an.clauseActor(k, hi); cr.ok() {
			return cr
		}
		if !c.definite {
			break // the statement was introduced here, by nobody the text names
		}
	}
	return noCredit()
}

// docAntecedent returns the document an unresolved "it" stands for: the
// nearest subject in the last few sentences, when that is a document.
func (an *analysis) docAntecedent(mi int) int {
	m := an.ments[mi]
	for k := mi - 1; k >= 0 && k >= mi-48 && an.ments[k].sent >= m.sent-3; k-- {
		c := an.ments[k]
		if !c.subj || c.quote != m.quote {
			continue
		}
		if c.doc {
			return k
		}
		return -1
	}
	return -1
}

// clauseActor credits the person, organisation or country acting through
// the verb nearest before the document mention c in its sentence ("said in
// a statement", "issued a letter"), or failing that the one after a
// document that opens a phrase ("In a statement, the agency said"), or
// nobody.
func (an *analysis) clauseActor(ci, hi int) credit {
	c := an.ments[ci]
	i := sort.Search(len(an.acts), func(i int) bool { return an.acts[i].sent >= c.sent })
	before, after := -1, -1
	for n := 0; i < len(an.acts) && an.acts[i].sent == c.sent && n < lookback; i, n = i+1, n+1 {
		a := an.acts[i]
		if kind := an.ents[an.root(a.ents[0])].kind; kind != entPerson && kind != entOrg && kind != entCountry {
			continue
		}
		switch {
		case a.verb < c.t0 && a.subj < c.t0:
			before = i // the last one wins: the nearest
		case a.verb >= c.t1 && a.subj >= c.t1 && after < 0 && c.t0 > 0 && (an.toks[c.t0-1].low == "in" || an.toks[c.t0-1].low == "through"):
			after = i
		}
	}
	best := before
	if best < 0 {
		best = after
	}
	if best < 0 {
		return noCredit()
	}
	a := an.acts[best]
	if mi := an.mentAt[a.subj]; mi >= 0 && an.ments[mi].ent >= 0 && an.root(an.ments[mi].ent) == an.root(a.ents[0]) {
		if cr := an.speakerOf(mi, hi); cr.ok() {
			return cr
		}
	}
	return credit{ent: an.root(a.ents[0])}
}

// stateBodies are the parts of a state that speak in their own name: "the
// US military", "Russia's foreign ministry", not "Iranian officials".
var stateBodies = map[string]bool{
	"ministry": true, "military": true, "army": true, "navy": true, "embassy": true, "delegation": true,
	"department": true, "media": true, "television": true,
}

// stateBody names a state body the text names through its country: "the
// French foreign ministry" speaks as "French foreign ministry", not as
// France. "" when the mention is not one.
func (an *analysis) stateBody(mi int) string {
	m := an.ments[mi]
	if m.kind != mkDesc || !stateBodies[m.head] || m.ent < 0 || an.ents[an.root(m.ent)].kind != entCountry || m.plural {
		return ""
	}
	named := false // the country is named inside: "Russia's", "French", "US"
	for k := an.firstMentionFrom(m.t0); k < len(an.ments) && an.ments[k].t0 < m.t1; k++ {
		if c := an.ments[k]; k != mi && c.t1 <= m.t1 && (c.kind == mkName || c.kind == mkDemonym) && c.ent >= 0 && an.ents[an.root(c.ent)].kind == entCountry {
			named = true
		}
	}
	if !named {
		return ""
	}
	a := m.t0
	if t := an.toks[a]; t.kind == tokWord && determiners[t.low] {
		a++
	}
	if a >= m.t1 {
		return ""
	}
	return an.span(a, m.t1)
}

// rawSubject describes a subject no mention covers: "Officials said",
// "Relief workers in southern Bangladesh said".
func (an *analysis) rawSubject(lo, v int) credit {
	// "Analysts at Goldman Sachs said ... but warned": the clause's first phrase
	if p := v - 1; p >= lo && an.toks[p].kind == tokWord && conjunctions[an.toks[p].low] {
		for _, pt := range an.splitParts(lo, v) {
			if an.skippablePart(pt) {
				continue
			}
			end := an.leadingNPEnd(pt.a, pt.b)
			for end < pt.b && an.toks[end].kind == tokWord && prepositions[an.toks[end].low] && end-pt.a < 8 {
				end = an.leadingNPEnd(end+1, pt.b) // keep "at Goldman Sachs"
			}
			return an.rawNP(pt.a, end)
		}
		return noCredit()
	}
	a := an.trailingNPStart(lo, v)
	for a < v && an.toks[a].kind == tokWord && (an.lx.aux[an.toks[a].low] || adverbsBeforeVerb[an.toks[a].low]) {
		a++
	}
	end := v
	for end > a && an.toks[end-1].kind == tokWord && (an.lx.aux[an.toks[end-1].low] || adverbsBeforeVerb[an.toks[end-1].low]) {
		end--
	}
	if a >= end {
		return noCredit()
	}
	head := an.toks[end-1]
	if head.kind != tokWord || !an.wellFormedDesc(a, end) {
		return noCredit()
	}
	// "director warns" in a headline: the person with that title
	if end-a == 1 && an.lx.roleNouns2(head.low) {
		if id := an.holderOf(head.low); id >= 0 {
			return credit{ent: id}
		}
	}
	return credit{ent: -1, desc: an.describe(a, end)}
}

// rawNP describes the noun phrase [a, end) when its head is a group or
// role noun: "analysts at Goldman Sachs".
func (an *analysis) rawNP(a, end int) credit {
	if a >= end {
		return noCredit()
	}
	headEnd := a
	for k := a; k < end; k++ {
		if an.toks[k].kind == tokWord && prepositions[an.toks[k].low] {
			break
		}
		headEnd = k + 1
	}
	head := an.toks[headEnd-1]
	if head.kind != tokWord || !an.wellFormedDesc(a, headEnd) {
		return noCredit()
	}
	words := strings.Fields(an.span(a, end))
	if len(words) > 8 {
		words = words[:8]
	}
	d := strings.Join(words, " ")
	if r := []rune(d); len(r) > 0 && an.lx.common[strings.ToLower(words[0])] {
		r[0] = unicode.ToLower(r[0])
		d = string(r)
	}
	return credit{ent: -1, desc: d}
}

// holderOf returns the one person whose title or role has the word, or -1.
func (an *analysis) holderOf(w string) int {
	found := -1
	for _, id := range an.roleIdx[normTitleWord(w)] {
		e := an.ents[id]
		if e.merged >= 0 || e.kind != entPerson {
			continue
		}
		if roleHas(e.title, w) || roleHas(e.role, w) {
			if found >= 0 {
				return -1
			}
			found = id
		}
	}
	return found
}

func (an *analysis) creditFromHeads(heads []int, hi int) credit {
	for _, h := range heads {
		if c := an.speakerOf(h, hi); c.ok() {
			return c
		}
	}
	return noCredit()
}

// region is where a quote's cue may be: its sentence, or for a quote nested
// in another, the outer quote's text.
type region struct {
	lo, hi int
	quote  int // the quote context: -1 for narrative text
}

func (an *analysis) quoteRegion(qi int) region {
	q := an.quotes[qi]
	if q.parent >= 0 {
		a, b := an.quoteTokens(an.quotes[q.parent])
		return region{a, b, q.parent}
	}
	s := an.sents[an.toks[q.open].sent]
	return region{s.tok0, s.tok1, -1}
}

// opensSentence reports whether nothing but punctuation precedes the quote
// in its region.
func (an *analysis) opensSentence(qi int, r region) bool {
	q := an.quotes[qi]
	if q.open-r.lo > 4*lookback {
		return false
	}
	for k := r.lo; k < q.open; k++ {
		t := an.toks[k]
		if t.quote != r.quote {
			continue
		}
		if t.kind == tokWord || t.kind == tokNum {
			return false
		}
	}
	return true
}

func (an *analysis) attribute() {
	an.credits = make([]credit, len(an.quotes))
	for qi := range an.quotes {
		an.credits[qi] = noCredit()
	}
	// quotes with a cue whose subject is no actor and no well-formed
	// description: they take the last speaker rather than a fragment
	orphans := map[int]bool{}
	for qi, q := range an.quotes {
		an.checkpoint()
		if q.title && !an.saidAlone(qi) || an.modifierQuote(qi) {
			continue // a title, a nickname, "the ‘levelling up’ agenda"
		}
		r := an.quoteRegion(qi)
		c := noCredit()
		if q.contPrev {
			if pi := an.previousRunOn(qi); pi >= 0 && an.credits[pi].ok() {
				c = an.credits[pi]
				c.at = q.open
			}
		}
		cued := false // a cue was found whose speaker could not be told
		try := func(f func(int, region) credit) {
			if c.ok() {
				return
			}
			x := f(qi, r)
			if x.ok() {
				c = x
			} else if x.cueTok >= 0 {
				cued = true
			}
		}
		initial := an.opensSentence(qi, r)
		if initial {
			try(an.rightCue)
		} else if p := an.toks[q.open-1]; p.kind == tokPunct && (p.text == ":" || p.text == ",") {
			// "When Ruiz spoke, Moen shot back: '...'": the clause the colon
			// ends introduces the quote, not an earlier cue; a cue after the
			// quote ("...: '...,' the union wrote") names the speaker first
			try(an.rightCue)
			try(an.colonCue)
		}
		try(an.leftCue)
		if !initial {
			try(an.rightCue)
		}
		try(an.nextSentenceCue)
		try(an.dashCue)
		try(an.colonCue)
		try(an.bylineCue)
		if c.ok() {
			c.at = max(q.open, q.close)
			an.credits[qi] = c
		} else if cued {
			orphans[qi] = true
		}
	}
	an.indexQuoteWords()
	an.indexSpeeches()
	// A headline's quote the cue names only vaguely ("director warns of
	// '...'") takes the speaker the story gives the same words.
	for qi := range an.quotes {
		if c := an.credits[qi]; c.ok() && c.ent < 0 && an.headline && an.quotes[qi].para == 0 && len(an.paras) > 1 {
			if rc := an.requote(qi); rc.ok() && rc.ent >= 0 {
				an.credits[qi] = rc
			}
		}
	}
	// Re-quotes, then continuations, for what no cue credited. A quote
	// credited here is a speech the next bare quote may continue: a
	// statement quoted over several paragraphs chains from its first cue.
	late := speech{at: -1}
	for qi := range an.quotes {
		if an.credits[qi].ok() || an.quotes[qi].title && !an.saidAlone(qi) {
			continue
		}
		q := an.quotes[qi]
		if q.contPrev {
			if pi := an.previousRunOn(qi); pi >= 0 && an.credits[pi].ok() {
				c := an.credits[pi]
				c.at = max(q.open, q.close)
				an.credits[qi] = c
				late = speech{at: c.at, para: q.para, c: c}
				continue
			}
		}
		if c := an.requote(qi); c.ok() {
			an.credits[qi] = c
			continue
		}
		r := an.quoteRegion(qi)
		if an.opensSentence(qi, r) && q.parent < 0 && !orphans[qi] && !an.spokeInPara(qi, late) {
			if c := an.prevSubject(qi); c.ok() {
				an.credits[qi] = c
				late = speech{at: max(q.open, q.close), para: q.para, c: c}
				continue
			}
		}
		if an.opensSentence(qi, r) && q.parent < 0 || orphans[qi] {
			if c := an.lastSpeaker(qi, late); c.ok() && (!orphans[qi] || an.toks[c.at].para == q.para) {
				an.credits[qi] = c
				if q.parent < 0 {
					c.at = max(q.open, q.close)
					late = speech{at: c.at, para: q.para, c: c}
				}
			} else if orphans[qi] {
				if id := an.nearestActor(qi, r); id >= 0 {
					an.credits[qi] = credit{ent: id, cueTok: -1, at: q.open}
				}
			}
		}
	}
	// Someone said a whole sentence quoted, even when the text does not say
	// who: keep it, unattributed. Scare quotes and titles stay out.
	for qi := range an.quotes {
		if an.credits[qi].ok() {
			continue
		}
		// a clause quoted in the middle of a sentence with no cue of its own
		// ("There could be dangers 'if you have too many of these cells'")
		// continues whoever spoke just before
		if an.clauseQuote(qi) {
			if c := an.lastSpeaker(qi, late); c.ok() {
				an.credits[qi] = c
				continue
			}
		}
		if an.sentenceQuote(qi) {
			an.credits[qi] = credit{ent: -1, cueTok: -1, at: an.quotes[qi].open, anon: true}
		}
	}
}

// clauseQuote reports a clause quoted inside a sentence, not a label:
// several words with a verb, starting in lower case, never a title.
func (an *analysis) clauseQuote(qi int) bool {
	q := an.quotes[qi]
	if q.title || q.parent >= 0 || an.modifierQuote(qi) {
		return false
	}
	a, b := an.quoteTokens(q)
	words, verb := 0, false
	for k := a; k < b; k++ {
		t := an.toks[k]
		if t.kind != tokWord && t.kind != tokNum {
			continue
		}
		if words == 0 && t.cap {
			return false // a sentence of its own: the bare-quote rules decide
		}
		words++
		if t.kind == tokWord && !verb {
			if an.lx.aux[t.low] {
				verb = true
			} else if vi, ok := an.lx.verbs[t.low]; ok && (vi.form == formPast || vi.form == formS) {
				verb = true
			}
		}
	}
	return words >= minSentenceQuote && verb
}

// minSentenceQuote is the fewest words of an unattributed quote still
// listed: a sentence, not a phrase someone might only be echoing.
const minSentenceQuote = 6

// sentenceQuote reports a quote that is a sentence of its own: a few words
// or more, a capital first, a finite verb, ending as a sentence ends.
func (an *analysis) sentenceQuote(qi int) bool {
	q := an.quotes[qi]
	if q.title || q.parent >= 0 || an.modifierQuote(qi) {
		return false
	}
	a, b := an.quoteTokens(q)
	words, verb := 0, false
	first := -1
	for k := a; k < b; k++ {
		t := an.toks[k]
		if t.kind != tokWord && t.kind != tokNum {
			continue
		}
		if first < 0 {
			first = k
		}
		words++
		if t.kind == tokWord && !verb {
			if an.lx.aux[t.low] {
				verb = true
			} else if vi, ok := an.lx.verbs[t.low]; ok && (vi.form == formPast || vi.form == formS || vi.form == formBase) {
				verb = true
			}
		}
	}
	if words < minSentenceQuote || !verb || first < 0 || !an.toks[first].cap && an.toks[first].kind != tokNum {
		return false
	}
	if q.close < 0 {
		return true // running on to the paragraph's end
	}
	t := strings.TrimRight(an.runeText(q.s, q.e), " ")
	last, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?,…", last)
}

// nearestActor is the closest person or organisation named before the
// quote in its sentence, outside quotes and not as the object of a
// preposition, or -1.
func (an *analysis) nearestActor(qi int, r region) int {
	q := an.quotes[qi]
	lo := max(r.lo, q.open-2*lookback) // bounded, for run-on "sentences"
	for mi := an.firstMentionFrom(q.open) - 1; mi >= 0 && an.ments[mi].t0 >= lo; mi-- {
		m := an.ments[mi]
		if m.kind != mkName || m.ent < 0 || m.quote != r.quote || m.poss {
			continue
		}
		if p := m.t0 - 1; p >= 0 && an.toks[p].kind == tokWord && prepositions[an.toks[p].low] {
			continue // "documents from Kessler Bank": the object, not the speaker
		}
		if k := an.ents[an.root(m.ent)].kind; k == entPerson || k == entOrg {
			return an.root(m.ent)
		}
	}
	return -1
}

// modifierQuote reports a few quoted words used as a modifier between an
// article and its noun: "the ‘levelling up’ agenda", "his 'zero tolerance'
// policy". Nobody is quoted; the words are a label.
func (an *analysis) modifierQuote(qi int) bool {
	q := an.quotes[qi]
	if q.close < 0 || q.close+1 >= len(an.toks) || q.open == 0 {
		return false
	}
	a, b := an.quoteTokens(q)
	if b-a > 3 {
		return false
	}
	p := an.toks[q.open-1]
	if p.kind != tokPoss && !(p.kind == tokWord && (determiners[p.low] || p.low == "so-called")) {
		return false
	}
	return an.modifiesNoun(q.close+1) && !an.lx.aux[an.toks[q.close+1].low] && an.toks[q.close+1].sent == an.toks[q.open].sent
}

// saidAlone reports a capitalised quote that is speech all the same: it
// opens its sentence and a reporting verb follows ("'Never,' she said").
func (an *analysis) saidAlone(qi int) bool {
	q := an.quotes[qi]
	if q.close < 0 || !an.opensSentence(qi, an.quoteRegion(qi)) {
		return false
	}
	for k := q.close + 1; k < len(an.toks) && k < q.close+5; k++ {
		t := an.toks[k]
		if vi, ok := an.lx.verbs[t.low]; ok && vi.class == classSay {
			return true
		}
		if t.kind == tokPunct && t.text != "," {
			return false
		}
	}
	return false
}

// previousRunOn finds the quote of the previous paragraph this one continues.
func (an *analysis) previousRunOn(qi int) int {
	q := an.quotes[qi]
	for k := qi - 1; k >= 0; k-- {
		p := an.quotes[k]
		if p.para < q.para-1 {
			break
		}
		if p.para == q.para-1 && p.contNext {
			return k
		}
	}
	return -1
}

// rightCueSpan bounds how far after a quote its cue may come: far enough
// for a name with a long apposition ("X, a fellow at the Y Institute in
// Munich, Germany, and co-author of the study, said").
const rightCueSpan = 40

// rightCue reads the words after the quote: ", X said", ", said X",
// "according to X", "he was quoted as saying".
func (an *analysis) rightCue(qi int, r region) credit {
	q := an.quotes[qi]
	if q.close < 0 {
		return noCredit()
	}
	k := q.close + 1
	for k < r.hi && an.toks[k].kind == tokPunct && (an.toks[k].text == "," || an.toks[k].text == "—" || an.toks[k].text == "–") {
		k++
	}
	if k >= r.hi || an.toks[k].quote != r.quote {
		return noCredit()
	}
	t := an.toks[k]
	if vi, ok := an.lx.verbs[t.low]; ok && vi.class.isCue() && (vi.form == formPast || vi.form == formS) && !t.cap {
		end := an.leadingNPEnd(k+1, r.hi)
		if heads := an.npHead(k+1, end); len(heads) > 0 {
			// "said Britain's fisheries minister, Mark Spencer": the name
			// the role phrase introduces
			if h := an.ments[heads[0]]; h.kind == mkDesc && end+1 < r.hi && an.toks[end].text == "," {
				if nm, ok := an.nameAt(end + 1); ok && an.personName(nm) {
					heads = []int{nm}
				}
			}
			c := an.creditFromHeads(heads, r.hi)
			c.cue, c.cueTok = t.text, k
			if c.ok() {
				return c
			}
		}
		if c := an.rawNPAfter(k+1, r.hi); c.ok() {
			c.cue, c.cueTok = t.text, k
			return c
		}
	}
	if t.low == "according" && k+1 < r.hi && an.toks[k+1].low == "to" {
		end := an.leadingNPEnd(k+2, r.hi)
		if heads := an.npHead(k+2, end); len(heads) > 0 {
			c := an.creditFromHeads(heads, r.hi)
			c.cue, c.cueTok = "according to", k
			if c.ok() {
				return c
			}
		}
	}
	for j := k; j < r.hi && j < k+rightCueSpan; j++ {
		tj := an.toks[j]
		if an.inTitle(j) {
			continue // a nickname in the name: Marcia "Cia" Price
		}
		if tj.quote != r.quote || tj.kind == tokQuote {
			break
		}
		if an.isTerminal(tj) {
			if j+1 < r.hi && tj.text == "." && (an.toks[j+1].text == "," || an.toks[j+1].text == ")" || titleOnlyAbbrevs[an.toks[j-1].low]) {
				continue // an abbreviation's period: "R-Ky., said", "(D-Md.) said", "Del. Marcia Prince"
			}
			break
		}
		vi, ok := an.cueVerbAt(j)
		if !ok {
			continue
		}
		if !vi.class.isCue() {
			if an.asideVerb(j, k, vi) {
				continue // "X, one of the states suing the EPA, said"
			}
			break // another clause begins
		}
		var heads []int
		if vi.form == formIng {
			heads = an.participleSubject(j, k)
		} else {
			heads = an.subjectOf(j, k)
		}
		c := an.creditFromHeads(heads, r.hi)
		if !c.ok() && j-k == 1 && (len(heads) == 0 || an.ments[heads[0]].t1-an.ments[heads[0]].t0 == 1) {
			// "'...,' Will wrote": a surname that is also a word
			if id := an.surnameEntity(k); id >= 0 {
				c = credit{ent: id}
			}
		}
		if !c.ok() {
			c = an.rawSubject(k, j)
		}
		c.cue, c.cueTok = tj.text, j
		return c
	}
	return noCredit()
}

// inTitle reports a token of a quoted nickname inside a name or a title
// naming a noun, or one of its marks: Marcia "Cia" Price, the "Pose" actor.
func (an *analysis) inTitle(j int) bool {
	t := an.toks[j]
	qi := t.quote
	if t.kind == tokQuote && t.mark >= 0 {
		qi = t.mark
	}
	if qi < 0 || !an.quotes[qi].title {
		return false
	}
	q := an.quotes[qi]
	if q.close < 0 || q.close-q.open > 3 || q.open == 0 || q.close+1 >= len(an.toks) {
		return false
	}
	before, after := an.toks[q.open-1], an.toks[q.close+1]
	if before.kind == tokWord && determiners[before.low] && after.kind == tokWord && !after.cap {
		return true // a title naming a noun: the "Pose" actor
	}
	return before.kind == tokWord && before.cap && after.kind == tokWord && after.cap
}

// asideVerb reports a verb inside an aside set off by commas after a name,
// not the start of a new clause: a participle ("one of the states suing
// the EPA") or a relative clause's verb ("who was among those polled").
func (an *analysis) asideVerb(j, lo int, vi verbInfo) bool {
	// only after a person's name: "'...,' Scott Reed, who ..., said"
	named := false
	for mi := an.firstMentionFrom(lo); mi < len(an.ments) && an.ments[mi].t0 < lo+4 && an.ments[mi].t0 < j; mi++ {
		named = named || an.personName(mi)
	}
	if !named {
		return false
	}
	if vi.form == formIng || vi.form == formPart {
		return true
	}
	for p := j - 1; p >= lo; p-- {
		t := an.toks[p]
		if t.kind == tokPunct {
			return false
		}
		if t.kind == tokWord && (t.low == "who" || t.low == "which") {
			return true
		}
	}
	return false
}

// surnameEntity returns the one person whose name has the capitalised word
// at k, when the text uses it alone where a name stands ("Ban recalled"
// for Ban Ki-moon, "Will wrote", "From said"), or -1.
func (an *analysis) surnameEntity(k int) int {
	t := an.toks[k]
	if t.kind != tokWord || !t.cap {
		return -1
	}
	if _, pron := pronouns[t.low]; pron {
		return -1
	}
	found := -1
	for n, id := range an.entWords[t.low] {
		if n >= lookback {
			return -1 // a word in that many names picks out no one
		}
		e := an.ents[id]
		if e.merged >= 0 || e.kind != entPerson || len(e.words) < 2 {
			continue
		}
		if found >= 0 && found != id {
			return -1
		}
		found = id
	}
	return found
}

// rawNPAfter describes a subject after an inverted cue that no mention
// covers: "said officials in Dhaka".
func (an *analysis) rawNPAfter(a, hi int) credit {
	end := an.leadingNPEnd(a, hi)
	if end <= a {
		return noCredit()
	}
	head := an.toks[end-1]
	if head.kind != tokWord || !an.wellFormedDesc(a, end) {
		return noCredit()
	}
	return credit{ent: -1, desc: an.describe(a, end)}
}

// personHead reports a noun that names people: "official", "analysts",
// "residents", not "documents" or "March".
func (an *analysis) personHead(w string) bool {
	if an.lx.roleNouns2(w) || an.lx.groupNouns[w] || spokesWords[w] {
		return true
	}
	if sg := strings.TrimSuffix(w, "s"); sg != w && an.lx.roleNouns2(sg) {
		return true
	}
	return w == "people" || w == "person" || an.agentNoun(w)
}

// agentNoun reports a noun for someone who does what a known verb says:
// "commenter", "supporters", "voter", "narrator", "moderators". Only
// reporting-verb subjects ask, so "the printer said" is not a worry.
func (an *analysis) agentNoun(w string) bool {
	w = strings.TrimSuffix(w, "s")
	var stems []string
	switch {
	case len(w) < 5:
		return false
	case strings.HasSuffix(w, "er"):
		stems = []string{w[:len(w)-2], w[:len(w)-1]} // comment-er, vote-r
	case strings.HasSuffix(w, "or"):
		stems = []string{w[:len(w)-2], w[:len(w)-2] + "e"} // edit-or, narrat-or
	case strings.HasSuffix(w, "ist"):
		return true // activist, economist, columnist
	}
	for _, st := range stems {
		if vi, ok := an.lx.verbs[st]; ok && vi.form == formBase && len(st) >= 3 && !an.lx.docNouns[w] {
			return true
		}
	}
	return false
}

// descAdjectives are participles that describe rather than act: "a
// leading economist", "a retired judge".
var descAdjectives = map[string]bool{
	"leading": true, "acting": true, "visiting": true, "outgoing": true, "ruling": true, "retired": true,
	"elected": true, "unnamed": true, "named": true, "concerned": true, "qualified": true, "trained": true,
	"experienced": true, "respected": true, "governing": true, "serving": true, "striking": true,
	"grieving": true, "displaced": true, "affected": true, "injured": true, "detained": true, "jailed": true,
	"fired": true, "sacked": true, "suspended": true, "unidentified": true, "anonymous": true, "returning": true,
	"remaining": true, "founding": true, "presiding": true, "ranking": true, "dissenting": true, "supporting": true,
	"opposing": true, "participating": true, "working": true, "aging": true, "ageing": true, "veteran": true,
}

// wellFormedDesc reports a short noun phrase headed by a person noun,
// with no verb or date inside: "a senior official", "relief workers in
// southern Bangladesh", not "March seeking documents".
func (an *analysis) wellFormedDesc(a, end int) bool {
	if a >= end || end-a > 12 {
		return false
	}
	head := an.toks[end-1]
	if head.kind != tokWord || !an.personHead(head.low) {
		return false
	}
	if f := an.toks[a].low; (f == "a" || f == "an" || f == "another") && strings.HasSuffix(head.low, "s") && !strings.HasSuffix(head.low, "ss") {
		return false // "a rate forecasters described as": two phrases, not one
	}
	for k := a; k < end-1; k++ {
		t := an.toks[k]
		if t.kind == tokQuote || t.kind == tokPunct && t.text != "," && t.text != "-" {
			return false
		}
		if t.kind != tokWord {
			continue
		}
		if an.lx.monthDay[strings.TrimSuffix(t.low, ".")] {
			return false
		}
		if vi, ok := an.lx.verbs[t.low]; ok && !t.cap && (vi.form == formIng || vi.form == formPast || vi.form == formPart || vi.form == formS) &&
			!descAdjectives[t.low] && !an.isHeadNoun(t.low) && !an.lx.common[t.low] {
			return false
		}
	}
	return true
}

// leftCue looks back from the quote for the nearest cue in its region.
func (an *analysis) leftCue(qi int, r region) credit {
	q := an.quotes[qi]
	orphan := -1 // the nearest cue whose speaker could not be told
	for k := q.open - 1; k >= r.lo && k >= q.open-2*lookback; k-- {
		t := an.toks[k]
		if t.quote != r.quote || t.kind != tokWord {
			continue
		}
		if an.lx.speechNouns[t.low] {
			// "with Foreign Minister Ayman Safadi warning of '...'": a
			// participle after its subject, not a noun
			if vi, ok := an.lx.verbs[t.low]; ok && vi.form == formIng && vi.class.isCue() {
				if nm := an.nameEnding(k); nm >= 0 && an.ments[nm].kind == mkName && !an.ments[nm].poss {
					if c := an.speakerOf(nm, r.hi); c.ok() {
						c.cue, c.cueTok = t.text, k
						return c
					}
				}
			}
			// "according to a text message Adair sent to a colleague, she
			// was '...'": the sender speaks, never the recipient
			if owner := an.senderOf(k, q.open); owner >= 0 {
				if c := an.speakerOf(owner, r.hi); c.ok() {
					c.cue, c.cueTok = t.text, k
					return c
				}
			}
			if !an.nounIntroduces(k, q.open) {
				continue
			}
			if owner := an.possessorOf(k, r.lo); owner >= 0 {
				c := an.speakerOf(owner, r.hi)
				if c.ok() {
					c.cue, c.cueTok = t.text, k
					return c
				}
			}
			continue
		}
		if t.low == "according" && k+2 < q.open && an.toks[k+1].low == "to" {
			// "According to Maria Lind, the plan was 'dead on arrival'"
			// the phrase runs to the comma: "according to a study by two
			// economists at the bank,"; a quote inside it is not introduced
			// by it ("according to her 'clawback' plan")
			end := k + 2
			for end < q.open && end < k+30 && an.toks[end].text != "," && an.toks[end].text != ":" && an.toks[end].kind != tokQuote && !an.isTerminal(an.toks[end]) {
				end++
			}
			if end >= q.open || an.toks[end].text != "," && an.toks[end].text != ":" {
				continue
			}
			if heads := an.npHead(k+2, end); len(heads) > 0 {
				if c := an.creditFromHeads(heads, r.hi); c.ok() {
					c.cue, c.cueTok = "according to", k
					return c
				}
			}
			if c := an.rawNPAfter(k+2, end); c.ok() {
				c.cue, c.cueTok = "according to", k
				return c
			}
			continue
		}
		vi, ok := an.cueVerbAt(k)
		if !ok || !vi.class.isCue() {
			continue
		}
		lo := max(an.clauseLo(k), r.lo)
		if r.quote >= 0 {
			lo = max(lo, an.quotes[r.quote].open+1)
		}
		// "'...,' said X, '...'": the verb right after another quote
		if an.afterQuote(k, r.lo) {
			end := an.leadingNPEnd(k+1, r.hi)
			if heads := an.npHead(k+1, end); len(heads) > 0 {
				if c := an.creditFromHeads(heads, r.hi); c.ok() {
					c.cue, c.cueTok = t.text, k
					return c
				}
			}
		}
		var heads []int
		if vi.form == formIng {
			heads = an.participleSubject(k, lo)
		} else {
			heads = an.subjectOf(k, lo)
		}
		// "I told him" inside a quote: the quote's own speaker
		if len(heads) == 0 && r.quote >= 0 && k-1 >= lo && (an.toks[k-1].low == "i" || an.toks[k-1].low == "we") {
			if pc := an.credits[r.quote]; pc.ok() {
				pc.cue, pc.cueTok = t.text, k
				return pc
			}
		}
		c := an.creditFromHeads(heads, r.hi)
		if !c.ok() && len(heads) == 0 && k-1 >= lo {
			if id := an.surnameEntity(k - 1); id >= 0 {
				c = credit{ent: id} // "Will described Trump as '...'"
			}
		}
		if !c.ok() && len(heads) == 0 {
			c = an.rawSubject(lo, k)
		}
		if c.ok() {
			// "a spokesperson said ministers wanted '...'": what someone
			// wants or hopes is put in words by whoever reports it
			if mentalVerbs[vi.base] && vi.form != formIng {
				if oc := an.outerSayer(k, lo, r); oc.ok() {
					return oc
				}
			}
			c.cue, c.cueTok = t.text, k
			return c
		}
		if orphan < 0 {
			orphan = k
		}
	}
	return credit{ent: -1, cueTok: orphan}
}

// cueVerbAt is verbAt, and also reads "read" as a reporting verb where it
// introduces or closes words: "the sign read: '...'", "'...,' the post
// reads." Elsewhere "read" is reading, not quoting ("can be read easily").
func (an *analysis) cueVerbAt(k int) (verbInfo, bool) {
	t := an.toks[k]
	if (t.low == "compared" || t.low == "comparing") && k+1 < len(an.toks) && (an.toks[k+1].low == "to" || an.toks[k+1].low == "with") {
		return verbInfo{}, false // ", compared to 11% of ...": a comparison, not a cue
	}
	if t.low == "read" || t.low == "reads" {
		if k+1 < len(an.toks) && k > 0 && !an.toks[k-1].cap && !an.lx.aux[an.toks[k-1].low] {
			n := an.toks[k+1]
			if n.kind == tokPunct && (n.text == ":" || n.text == "," || an.isTerminal(n)) || n.kind == tokQuote {
				form := formPast
				if t.low == "reads" {
					form = formS
				}
				return verbInfo{base: "read", class: classSay, form: form}, true
			}
		}
	}
	return an.verbAt(k)
}

// mentalVerbs report a state of mind, not words spoken.
var mentalVerbs = map[string]bool{
	"want": true, "hope": true, "expect": true, "fear": true, "believe": true, "think": true, "worry": true,
	"wish": true, "need": true, "intend": true, "plan": true, "feel": true, "prefer": true, "doubt": true,
	"suspect": true, "reckon": true, "guess": true, "aim": true,
}

// outerSayer finds a reporting verb before the verb at k in its clause
// ("X said ministers wanted") and credits its subject.
func (an *analysis) outerSayer(k, lo int, r region) credit {
	for j := k - 1; j >= lo && j >= r.lo; j-- {
		t := an.toks[j]
		if t.quote != r.quote || t.kind != tokWord {
			continue
		}
		vi, ok := an.verbAt(j)
		if !ok || vi.class != classSay || vi.form != formPast && vi.form != formS {
			continue
		}
		c := an.creditFromHeads(an.subjectOf(j, lo), r.hi)
		if c.ok() {
			c.cue, c.cueTok = t.text, j
		}
		return c
	}
	return noCredit()
}

// afterQuote reports whether token k follows a closing quote mark, with at
// most a comma between.
func (an *analysis) afterQuote(k, lo int) bool {
	p := k - 1
	if p >= lo && an.toks[p].kind == tokPunct && an.toks[p].text == "," {
		p--
	}
	if p < lo {
		return false
	}
	t := an.toks[p]
	return t.kind == tokQuote && t.mark >= 0 && an.quotes[t.mark].close == p
}

// nounIntroduces reports whether the speech noun at k introduces the quote
// at open: "warnings of 'bad things'", "his words: '...'", not "findings
// related to '...'".
func (an *analysis) nounIntroduces(k, open int) bool {
	gap := 0
	for j := k + 1; j < open; j++ {
		t := an.toks[j]
		switch {
		case t.kind == tokPunct && (t.text == ":" || t.text == "," || t.text == "—" || t.text == "–"):
		case t.kind == tokWord && (t.low == "of" || t.low == "that" || t.low == "about" || t.low == "as" || t.low == "for" || t.low == "to"):
		default:
			return false
		}
		gap++
	}
	return gap <= 3
}

// possessorOf returns the owner of a speech noun at k: "Trump's repeated
// warnings" -> Trump.
func (an *analysis) possessorOf(k, lo int) int {
	p := k - 1
	for steps := 0; p >= lo && steps < 3 && an.toks[p].kind == tokWord && !determiners[an.toks[p].low] &&
		!prepositions[an.toks[p].low] && !an.toks[p].cap; steps++ {
		p--
	}
	if p < lo || an.toks[p].kind != tokPoss {
		return -1
	}
	return an.nameEnding(p)
}

// requote credits words quoted again to whoever said them first. Candidates
// come from an index of the words of credited quotes, so a long text with
// many quotes is not compared pairwise.
func (an *analysis) requote(qi int) credit {
	text := an.qnorm[qi]
	if text == "" {
		return noCredit()
	}
	// the rarest word of the quote picks the quotes worth comparing
	var cands []int
	for w := range strings.FieldsSeq(text) {
		list := an.qwords[w]
		if cands == nil || len(list) < len(cands) {
			cands = list
		}
	}
	best := -1
	for _, k := range cands {
		if k == qi || !an.credits[k].ok() {
			continue
		}
		other := an.qnorm[k]
		if len(other) >= len(text) && strings.Contains(" "+other+" ", " "+text+" ") {
			if best < 0 || k < best {
				best = k
			}
		}
	}
	if best < 0 {
		return noCredit()
	}
	c := an.credits[best]
	c.cue, c.cueTok = "", -1
	return c
}

// indexQuoteWords normalises every quote once and indexes credited quotes
// by word for requote.
func (an *analysis) indexQuoteWords() {
	an.qnorm = make([]string, len(an.quotes))
	an.qwords = map[string][]int{}
	for qi, q := range an.quotes {
		an.qnorm[qi] = normQuote(an.quoteText(q))
		if !an.credits[qi].ok() {
			continue
		}
		for w := range strings.FieldsSeq(an.qnorm[qi]) {
			// qi only grows, so a word already listed for this quote ends its list
			if l := an.qwords[w]; len(l) == 0 || l[len(l)-1] != qi {
				an.qwords[w] = append(l, qi)
			}
		}
	}
}

// normQuote lower-cases and keeps letters and digits: how quotes compare.
func normQuote(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// speech is a moment someone spoke: a credited quote or a reporting verb.
type speech struct {
	at   int
	para int
	c    credit
}

// indexSpeeches lists, in reading order, every credited quote and every
// reporting verb with a known subject, for lastSpeaker.
func (an *analysis) indexSpeeches() {
	an.speeches = an.speeches[:0]
	for k, c := range an.credits {
		if c.ok() && an.quotes[k].parent < 0 {
			an.speeches = append(an.speeches, speech{at: c.at, para: an.quotes[k].para, c: c})
		}
	}
	for _, a := range an.acts {
		if a.class == classSay || a.class == classClaim {
			an.speeches = append(an.speeches, speech{at: a.verb, para: an.toks[a.verb].para, c: credit{ent: a.ents[0], at: a.verb, cueTok: -1}})
		}
	}
	sort.SliceStable(an.speeches, func(i, j int) bool { return an.speeches[i].at < an.speeches[j].at })
}

// lastSpeaker is who spoke last before the quote, in this paragraph or the
// one before: the latest of the indexed speeches and late, a quote
// credited after the index was built.
func (an *analysis) lastSpeaker(qi int, late speech) credit {
	q := an.quotes[qi]
	i := sort.Search(len(an.speeches), func(i int) bool { return an.speeches[i].at >= q.open }) - 1
	var sp speech
	switch {
	case i >= 0 && (late.at < 0 || an.speeches[i].at > late.at):
		sp = an.speeches[i]
	case late.at >= 0 && late.at < q.open:
		sp = late
	default:
		return noCredit()
	}
	if sp.para < q.para-1 || an.headline && sp.para == 0 && q.para > 0 {
		return noCredit()
	}
	c := sp.c
	c.cue, c.cueTok = "", -1
	return c
}

// spokeInPara reports a speech credited earlier in the quote's paragraph.
func (an *analysis) spokeInPara(qi int, late speech) bool {
	q := an.quotes[qi]
	if late.at >= 0 && late.at < q.open && late.para == q.para {
		return true
	}
	i := sort.Search(len(an.speeches), func(i int) bool { return an.speeches[i].at >= q.open }) - 1
	return i >= 0 && an.speeches[i].para == q.para
}

// prevSubject credits a bare quoted sentence to the person the sentence
// before it, in the same paragraph and with no quote of its own, is about:
// "Her old partner, Ann Dale, called her a fixer. '...'" The person must be
// a named actor, the subject of that sentence.
func (an *analysis) prevSubject(qi int) credit {
	q := an.quotes[qi]
	s := an.toks[q.open].sent
	if s == 0 {
		return noCredit()
	}
	prev := an.sents[s-1]
	if prev.tok0 >= prev.tok1 || an.toks[prev.tok0].para != q.para {
		return noCredit()
	}
	for k := prev.tok0; k < prev.tok1; k++ {
		if an.toks[k].kind == tokQuote {
			return noCredit()
		}
	}
	mi := an.firstMentionFrom(prev.tok0)
	for ; mi >= 0 && mi < len(an.ments) && an.ments[mi].t0 < prev.tok1; mi++ {
		m := an.ments[mi]
		if !m.subj || m.poss {
			continue
		}
		if m.ent < 0 {
			return noCredit()
		}
		id := an.root(m.ent)
		if an.ents[id].kind != entPerson {
			return noCredit()
		}
		return credit{ent: id, cueTok: -1, at: q.open}
	}
	return noCredit()
}

// nextSentenceCue credits a quote that ends its sentence to the speaker the
// next sentence names: "‘Ask me in September.’ That was all the minister
// would say."
func (an *analysis) nextSentenceCue(qi int, r region) credit {
	q := an.quotes[qi]
	if q.close < 0 || r.quote >= 0 {
		return noCredit()
	}
	t := strings.TrimSpace(an.quoteText(q))
	if !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "!") && !strings.HasSuffix(t, "?") {
		return noCredit()
	}
	k := q.close + 1
	end := an.paras[q.para].tok1
	if k >= end || an.toks[k].kind != tokWord || !an.toks[k].cap || !backPointers[an.toks[k].low] {
		return noCredit()
	}
	for j := k + 1; j < end && j < k+14; j++ {
		tj := an.toks[j]
		if tj.kind == tokQuote || an.isTerminal(tj) {
			break
		}
		vi, ok := an.lx.verbs[tj.low]
		if !ok || vi.class != classSay || tj.cap {
			continue
		}
		c := an.creditFromHeads(an.subjectOf(j, k+1), end)
		if c.ok() && c.ent >= 0 {
			c.cue, c.cueTok = tj.text, j
			return c
		}
		break
	}
	return noCredit()
}

// colonCue credits a quote a colon introduces when no reporting verb does:
// "Former senator Ann Dale: '...'", "McConnell delivered a blunt message
// to Trump: '...'", or a paragraph ending "He then listed the questions:"
// before a paragraph that is the quote. The name just before the colon
// speaks, else the subject of the clause the colon ends.
func (an *analysis) colonCue(qi int, r region) credit {
	q := an.quotes[qi]
	if r.quote >= 0 || q.open == 0 {
		return noCredit()
	}
	colon := q.open - 1
	t := an.toks[colon]
	// a comma does the colon's work before a quoted sentence: "Sanders shot
	// back, 'Secretary Clinton called them out.'"
	comma := t.kind == tokPunct && t.text == "," && t.para == q.para && an.capitalQuote(qi)
	if t.kind != tokPunct || t.text != ":" && !comma {
		return noCredit()
	}
	if an.toks[colon].para != q.para && q.open != an.paras[q.para].tok0 {
		return noCredit()
	}
	s := an.sents[an.toks[colon].sent]
	// the name before the colon, unless it is a preposition's object: "a
	// message to Trump:", "writing at the Post:"
	if nm := an.nameEnding(colon); !comma && nm >= 0 && an.ments[nm].t0 >= s.tok0 && an.ments[nm].quote < 0 && !an.objectName(nm) {
		if c := an.speakerOf(nm, s.tok1); c.ok() && (c.ent < 0 || an.ents[c.ent].kind != entCountry) {
			c.cue, c.cueTok = ":", colon
			return c
		}
	}
	lo := max(an.clauseLo(colon), s.tok0)
	// "read out a letter from the company's founder:": the document's author
	if !comma {
		for mi := an.firstMentionFrom(max(lo, colon-12)); mi < len(an.ments) && an.ments[mi].t0 < colon; mi++ {
			if m := an.ments[mi]; m.doc && m.quote < 0 {
				if c := an.docOwner(mi, colon); c.ok() {
					c.cue, c.cueTok = an.toks[m.t1-1].text, m.t1-1
					return c
				}
			}
		}
	}
	for k := colon - 1; k >= lo; k-- {
		t := an.toks[k]
		if t.quote >= 0 || t.kind != tokWord {
			continue
		}
		vi, ok := an.cueVerbAt(k)
		if !ok || vi.form == formBase || an.lx.aux[t.low] {
			continue
		}
		var heads []int
		if vi.form == formIng {
			if !vi.class.isCue() {
				continue
			}
			heads = an.participleSubject(k, lo) // "..., warning: '...'"
		} else {
			if !vi.class.isCue() && an.cueGoverns(k, lo) {
				return noCredit() // "Liu said the army could be deployed:": the cue's, for leftCue
			}
			heads = an.subjectOf(k, lo)
		}
		c := an.creditFromHeads(heads, s.tok1)
		if c.ok() {
			c.cue, c.cueTok = t.text, k
		}
		return c
	}
	if !comma {
		return an.unknownVerbSubject(lo, colon, s.tok1)
	}
	return noCredit()
}

// unknownVerbSubject credits the named person who opens a clause whose
// verb no table knows, when that verb is plainly a past tense: "Berg teed
// up the vote on Friday: '...'". A capitalised or known word there is no
// such verb, and anything else before the name makes the name no subject.
func (an *analysis) unknownVerbSubject(lo, colon, hi int) credit {
	mi := an.firstMentionFrom(lo)
	if mi < 0 || mi >= len(an.ments) {
		return noCredit()
	}
	m := an.ments[mi]
	if m.t0 != lo || m.kind != mkName || m.quote >= 0 || m.t1 >= colon || m.ent < 0 {
		return noCredit()
	}
	v := an.toks[m.t1]
	if v.kind != tokWord || v.cap || len(v.low) < 4 || !strings.HasSuffix(v.low, "ed") {
		return noCredit()
	}
	if _, known := an.lx.verbs[v.low]; known {
		return noCredit()
	}
	if an.ents[an.root(m.ent)].kind != entPerson {
		return noCredit()
	}
	c := an.speakerOf(mi, hi)
	if c.ok() {
		c.cue, c.cueTok = v.text, m.t1
	}
	return c
}

// objectName reports a name that is the object of a verb or preposition
// before it ("told Newsweek:", "a message to Trump:", "writing at the
// Post:"), not one standing alone as a speaker; "by" names an author.
func (an *analysis) objectName(nm int) bool {
	p := an.ments[nm].t0 - 1
	if p < 0 || an.toks[p].kind != tokWord {
		return false
	}
	if prepositions[an.toks[p].low] {
		return an.toks[p].low != "by"
	}
	_, verb := an.cueVerbAt(p)
	return verb && !an.toks[p].cap
}

// cueGoverns reports a reporting verb before token k in the same stretch
// of its clause, no comma between: the verb at k is in what it reports.
func (an *analysis) cueGoverns(k, lo int) bool {
	for j := k - 1; j >= lo; j-- {
		t := an.toks[j]
		if t.kind == tokPunct && (t.text == "," || t.text == "—" || t.text == "–") {
			return false
		}
		if t.kind != tokWord || t.quote >= 0 {
			continue
		}
		if vi, ok := an.verbAt(j); ok && vi.class.isCue() && (vi.form == formPast || vi.form == formS) {
			return true
		}
	}
	return false
}

// bylineCue credits a quote signed after a dash, in its paragraph or on
// the next line: "'...' ― Pamela Padilla", "'...'" then "- Clinton."
func (an *analysis) bylineCue(qi int, r region) credit {
	q := an.quotes[qi]
	if q.close < 0 || r.quote >= 0 {
		return noCredit()
	}
	k := q.close + 1
	end := an.paras[q.para].tok1
	for k < end && an.toks[k].kind == tokPunct && !isDashText(an.toks[k].text) {
		k++ // "...,” ―" or "...”. —"
	}
	if k >= end {
		// the signature as its own line after the quote's paragraph
		if q.para+1 >= len(an.paras) {
			return noCredit()
		}
		k, end = an.paras[q.para+1].tok0, an.paras[q.para+1].tok1
		if end-k > 16 {
			return noCredit()
		}
	}
	if k >= end || !isDashText(an.toks[k].text) {
		return noCredit()
	}
	nm, ok := an.nameAt(k + 1)
	if !ok {
		return noCredit()
	}
	if c := an.speakerOf(nm, end); c.ok() && c.ent >= 0 && an.ents[c.ent].kind != entPlace {
		c.cue, c.cueTok = an.toks[k].text, k
		return c
	}
	return noCredit()
}

func isDashText(s string) bool {
	return s == "—" || s == "―" || s == "–" || s == "-" || s == "--"
}

// capitalQuote reports a quote that opens with a capital and runs to a
// few words: a sentence, not a phrase taken into the narrative.
func (an *analysis) capitalQuote(qi int) bool {
	a, b := an.quoteTokens(an.quotes[qi])
	words := 0
	for k := a; k < b; k++ {
		if t := an.toks[k]; t.kind == tokWord || t.kind == tokNum {
			if words == 0 && !(t.kind == tokWord && t.cap) {
				return false
			}
			words++
		}
	}
	return words >= 3
}

// backPointers open a sentence that points back at a quote just given.
var backPointers = map[string]bool{"that": true, "this": true, "such": true, "so": true, "those": true}

func isDash(t token) bool {
	return t.kind == tokPunct && (t.text == "—" || t.text == "–" || t.text == "--")
}

// dashCue credits both parts of a quote broken by an interruption between
// dashes to the one the interruption names: "“We will not,” — and here he
// paused — “back down.”"
func (an *analysis) dashCue(qi int, r region) credit {
	q := an.quotes[qi]
	a, b := -1, -1 // the interruption's tokens between its dashes
	if q.close >= 0 {
		k := q.close + 1
		if k < r.hi && an.toks[k].text == "," {
			k++
		}
		if k < r.hi && isDash(an.toks[k]) {
			for j := k + 1; j < r.hi && j <= k+14; j++ {
				if isDash(an.toks[j]) {
					if j+1 < len(an.toks) && an.toks[j+1].kind == tokQuote && an.toks[j+1].mark >= 0 && an.quotes[an.toks[j+1].mark].open == j+1 {
						a, b = k+1, j
					}
					break
				}
				if an.toks[j].kind == tokQuote || an.isTerminal(an.toks[j]) {
					break
				}
			}
		}
	}
	if a < 0 && q.open-1 >= r.lo && isDash(an.toks[q.open-1]) {
		e := q.open - 1
		for j := e - 1; j >= r.lo && j >= e-14; j-- {
			if isDash(an.toks[j]) {
				p := j - 1
				if p >= 0 && an.toks[p].text == "," {
					p--
				}
				if p >= 0 && an.toks[p].kind == tokQuote && an.toks[p].mark >= 0 && an.quotes[an.toks[p].mark].close == p {
					a, b = j+1, e
				}
				break
			}
			if an.toks[j].kind == tokQuote || an.isTerminal(an.toks[j]) {
				break
			}
		}
	}
	if a < 0 {
		return noCredit()
	}
	for v := a; v < b; v++ {
		if an.toks[v].kind != tokWord || an.toks[v].cap {
			continue
		}
		if _, ok := an.verbAt(v); !ok {
			continue
		}
		c := an.creditFromHeads(an.subjectOf(v, a), r.hi)
		if c.ok() && c.ent >= 0 {
			c.cue, c.cueTok = an.toks[v].text, v
			return c
		}
		break
	}
	return noCredit()
}

// sendVerbs make the name before them a message's author.
var sendVerbs = map[string]bool{"sent": true, "wrote": true, "posted": true, "emailed": true, "texted": true, "shared": true}

// senderOf returns the mention that authored the speech noun at k in a
// reduced relative ("a message Adair sent to a colleague") introduced by
// "according to", when the quote at open follows in the same sentence; else -1.
func (an *analysis) senderOf(k, open int) int {
	if an.toks[k].sent != an.toks[open].sent {
		return -1
	}
	according := false
	for p := k - 1; p >= 0 && p >= k-5 && an.toks[p].sent == an.toks[k].sent; p-- {
		if an.toks[p].low == "according" {
			according = true
			break
		}
	}
	if !according {
		return -1
	}
	for j := k + 2; j < open && j <= k+6; j++ {
		t := an.toks[j]
		if t.kind != tokWord {
			return -1
		}
		if sendVerbs[t.low] {
			return an.nameEnding(j)
		}
	}
	return -1
}

package briefing

import "strings"

// lookback bounds every backward scan inside a sentence, so a run-on
// "sentence" of thousands of words (a list, garbage input) costs linear time.
const lookback = 64

// A shallow reading of sentences, enough to find who does what: verbs are
// known forms in a position where a verb can stand; a verb's subject is the
// noun phrase before it, skipping auxiliaries, adverbs, appositions and
// clauses set off by commas ("Mayor X, who votes only to break ties,
// said"); relative pronouns point back to their antecedent; a participle
// after a comma ("..., urging them to") takes the clause's subject.

var adverbsBeforeVerb = map[string]bool{
	"not": true, "n't": true, "also": true, "later": true, "then": true, "now": true, "already": true,
	"still": true, "again": true, "repeatedly": true, "reportedly": true, "previously": true, "earlier": true,
	"once": true, "never": true, "ever": true, "further": true, "separately": true, "long": true, "often": true,
	"just": true, "only": true, "first": true, "initially": true, "subsequently": true, "himself": true,
	"herself": true, "itself": true, "themselves": true, "yet": true, "recently": true, "soon": true,
	"finally": true, "even": true, "too": true, "always": true, "since": true, "subsequently,": true,
	"privately": true, "publicly": true, "quickly": true, "last": true, "today": true, "yesterday": true,
	"however": true, "meanwhile": true, "both": true, "all": true, "each": true,
}

var skipPartWords = map[string]bool{
	"who": true, "whom": true, "whose": true, "which": true, "where": true, "when": true, "meanwhile": true,
	"however": true, "though": true, "too": true, "also": true, "instead": true, "therefore": true,
	"moreover": true, "nevertheless": true, "nonetheless": true, "yet": true, "still": true, "then": true,
	"now": true, "again": true, "separately": true, "similarly": true, "likewise": true, "indeed": true,
	"meantime": true, "although": true, "because": true, "whereas": true, "unless": true, "if": true,
	"while": true, "but": true, "and": true, "so": true, "perhaps": true, "furthermore": true, "later": true,
	"earlier": true, "today": true, "yesterday": true, "tonight": true, "thus": true, "hence": true,
	"once": true, "asked": true, "pressed": true, "speaking": true, "writing": true, "meanwhile,": true,
}

// objectPrepositions take an object that is never a clause's subject
// ("a letter ... to Frost said"), unlike "after" or "as", which can open
// a clause of their own.
var objectPrepositions = map[string]bool{
	"to": true, "from": true, "for": true, "with": true, "by": true, "toward": true, "towards": true,
	"against": true, "about": true,
}

// verbAt reports whether token k is a verb in a position where a verb can
// stand, and what it is.
func (an *analysis) verbAt(k int) (verbInfo, bool) {
	t := an.toks[k]
	if t.kind != tokWord {
		return verbInfo{}, false
	}
	wf := an.flags(k)
	vi, ok := an.lexVerb(k)
	s := an.sents[t.sent]
	if !ok {
		// An unknown word can still be a verb by its form and place:
		// "which represents", "Nordvik raised", "she quipped".
		if t.cap || k == s.tok0 || len(t.low) < 5 || wf&(wfHeadNoun|wfCommon) != 0 {
			return vi, false
		}
		p := an.toks[k-1]
		afterSubject := p.kind == tokWord && (relativeWords[p.low] && p.low != "that" || p.low == "he" || p.low == "she" || p.low == "it" || p.low == "they") ||
			an.nameEnding(k) >= 0 && an.ments[an.nameEnding(k)].kind == mkName
		switch {
		case afterSubject && strings.HasSuffix(t.low, "ed") && !strings.HasSuffix(t.low, "eed"):
			return verbInfo{base: t.low, class: classAct, form: formPast}, true
		case afterSubject && strings.HasSuffix(t.low, "s") && !strings.HasSuffix(t.low, "ss") && !strings.HasSuffix(t.low, "us") &&
			!strings.HasSuffix(t.low, "is") && p.kind == tokWord && (relativeWords[p.low] || p.low == "he" || p.low == "she" || p.low == "it"):
			return verbInfo{base: t.low, class: classAct, form: formS}, true
		}
		return vi, false
	}
	if t.cap && !an.sentenceInitial(k) {
		return vi, false // a name: "Will", "Rose", "Frank"
	}
	p := k - 1
	for p >= s.tok0 && an.toks[p].kind == tokWord && (adverbsBeforeVerb[an.toks[p].low] || strings.HasSuffix(an.toks[p].low, "ly") && !an.isHeadNoun(an.toks[p].low)) {
		p--
	}
	var prev token
	hasPrev := p >= s.tok0
	if hasPrev {
		prev = an.toks[p]
		if k-1 >= s.tok0 {
			if pk := an.toks[k-1]; pk.kind == tokPoss && !an.possInName(k) || pk.kind == tokWord && determiners[pk.low] {
				return vi, false // "Trump's warnings", "such claims", "the talks"
			}
		}
	}
	if hasPrev && prev.kind == tokWord && prepositions[prev.low] && k-1 == p {
		return vi, false // "amid fears", "of talks", "without drinking": nouns and gerunds
	}
	switch vi.form {
	case formPast, formS:
		if !hasPrev && vi.form == formS {
			return vi, false // "Shares in Nordvik rose": a noun
		}
		if hasPrev && prev.kind == tokWord && (prev.low == "to" || an.isAdjectiveBefore(prev)) {
			return vi, false
		}
		if vi.form == formS {
			// "the Oman talks": a place or country name after an article makes a compound noun
			if mi := an.nameEnding(k); mi >= 0 && an.ments[mi].ent >= 0 && an.ments[mi].t0 > 0 {
				if ek := an.ents[an.root(an.ments[mi].ent)].kind; (ek == entCountry || ek == entPlace) && determiners[an.toks[an.ments[mi].t0-1].low] {
					return vi, false
				}
			}
			// "the Oman talks have", "the talks had": a plural noun before a verb
			if k+1 < s.tok1 {
				n := an.toks[k+1]
				if n.kind == tokWord && (an.lx.aux[n.low] || an.isFiniteForm(n.low)) {
					return vi, false
				}
			}
			// "give Nordvik brands": the noun phrase before is an object
			if a := an.trailingNPStart(s.tok0, k); a > s.tok0 && a < k {
				if pv, ok := an.lx.verbs[an.toks[a-1].low]; ok && pv.class == classAct && !an.toks[a-1].cap {
					return vi, false
				}
			}
		}
		return vi, true
	case formPart:
		return vi, hasPrev && prev.kind == tokWord && an.lx.aux[prev.low]
	case formIng:
		return vi, true
	case formBase:
		if !hasPrev {
			return vi, false
		}
		// "Moody's cut its rating", "the government cut taxes": a past tense
		if an.lx.pastIsBase[t.low] && k-1 == p && k+1 < s.tok1 {
			if mi := an.nameEnding(k); mi >= 0 && an.ments[mi].kind != mkPron && an.ments[mi].t1 == k && !an.ments[mi].poss {
				if n := an.toks[k+1]; n.kind == tokNum || n.kind == tokWord && (determiners[n.low] || n.low == "its" || n.low == "his" || n.low == "her" || n.low == "their" || n.cap) {
					return verbInfo{base: vi.base, class: vi.class, form: formPast}, true
				}
			}
		}
		if prev.kind == tokWord {
			if an.lx.aux[prev.low] || relativeWords[prev.low] && prev.low != "that" {
				return vi, true
			}
			switch prev.low {
			case "i", "we", "you", "they":
				return vi, true
			}
			if an.lx.groupNouns[prev.low] && k-1 == p {
				return vi, true // "officials fear", "analysts expect"
			}
			if mi := an.nameEnding(p + 1); mi >= 0 && an.ments[mi].plural {
				return vi, true
			}
			if mi := an.nameEnding(p + 1); mi >= 0 && an.ments[mi].kind == mkName && an.isPluralOrg(an.ments[mi].ent) &&
				an.sentenceInitial(an.ments[mi].t0) && !(k+1 < s.tok1 && an.isFiniteForm(an.toks[k+1].low)) {
				return vi, true // "Harbourside reject ...", not "Boeing strike ends"
			}
		}
		return vi, false
	}
	return vi, false
}

// possInName reports that the possessive before token k ends a name
// ("Moody's cut"), not an owner.
func (an *analysis) possInName(k int) bool {
	mi := an.nameEnding(k)
	return mi >= 0 && an.ments[mi].kind == mkName && an.ments[mi].t1 == k
}

// isFiniteForm reports a past-tense or third-person verb form.
func (an *analysis) isFiniteForm(w string) bool {
	vi, ok := an.lx.verbs[w]
	return ok && (vi.form == formPast || vi.form == formS) && !an.isHeadNoun(w)
}

func (an *analysis) isAdjectiveBefore(t token) bool {
	switch t.low {
	case "very", "more", "most", "less", "least", "so", "too":
		return true
	}
	return false
}

// isPluralOrg: British usage treats teams and companies as plural.
func (an *analysis) isPluralOrg(id int) bool {
	if id < 0 {
		return false
	}
	e := an.ents[an.root(id)]
	return e.kind == entOrg
}

// nameEnding returns the longest mention ending at token end (exclusive).
func (an *analysis) nameEnding(end int) int {
	if end < 0 || end >= len(an.mentEnd) {
		return -1
	}
	return an.mentEnd[end]
}

// clauseLo is where the clause holding token v starts: the sentence's
// start, or just after a quote mark, semicolon or colon before v.
func (an *analysis) clauseLo(v int) int {
	s := an.sents[an.toks[v].sent]
	q := an.toks[v].quote
	floor := max(s.tok0, v-lookback) // a clause is never longer than this
	for k := v - 1; k >= floor; k-- {
		t := an.toks[k]
		if t.quote != q {
			if q >= 0 && t.quote < q && k < an.quotes[q].open {
				return k + 1
			}
			continue
		}
		if t.kind == tokQuote && t.mark >= 0 {
			// a quote that opens the sentence, or is followed by a comma, ends
			// a clause; a quoted word inside a clause does not
			mq := an.quotes[t.mark]
			if mq.open == k || mq.open <= s.tok0+1 || k+1 < len(an.toks) && an.toks[k+1].text == "," {
				return k + 1
			}
			continue
		}
		if t.kind == tokPunct && (t.text == ";" || t.text == ":") {
			return k + 1
		}
	}
	return floor
}

// sameContext reports whether token k is in the quote context q (or, for
// q == -1, outside every quote).
func (an *analysis) sameContext(k, q int) bool { return an.toks[k].quote == q }

// subjectOf returns the mentions that are the subject of the verb at v,
// the head first.
func (an *analysis) subjectOf(v, lo int) []int {
	q := an.toks[v].quote
	i := v - 1
	for i >= lo && an.sameContext(i, q) && an.toks[i].kind == tokWord &&
		(an.lx.aux[an.toks[i].low] || adverbsBeforeVerb[an.toks[i].low] ||
			strings.HasSuffix(an.toks[i].low, "ly") && !an.isHeadNoun(an.toks[i].low) && !an.toks[i].cap) {
		i--
	}
	if i < lo || !an.sameContext(i, q) {
		return nil
	}
	t := an.toks[i]
	switch {
	case t.kind == tokWord && (t.low == "who" || t.low == "which" || t.low == "that" && i > lo && an.toks[i-1].text == ","):
		return an.antecedent(lo, i)
	case t.kind == tokWord && (t.low == "and" || t.low == "but" || t.low == "or"):
		// a second verb shares the first one's subject: "X said she supported
		// the lanes but urged ...", "Vidora had failed ... and had shown ..."
		if i-1 >= lo && an.toks[i-1].text != "," {
			if pv := an.previousVerb(lo, i); pv >= 0 {
				if heads := an.subjectOf(pv, lo); len(heads) > 0 && an.ments[heads[0]].kind != mkDesc || len(heads) > 0 && an.ments[heads[0]].ent >= 0 {
					return heads
				}
			}
		}
		return an.mainSubject(lo, v)
	case t.kind == tokPunct && (t.text == "," || t.text == "—" || t.text == "–"):
		return an.subjectFromParts(lo, i)
	case t.kind == tokPunct && t.text == ")":
		// "Gov. Pat Lyle (R) said", "the agency (DNC) said": the phrase
		// before a short parenthesis, not the party tag or acronym in it
		for j := i - 1; j > lo && j >= i-6; j-- {
			if an.toks[j].text == "(" {
				if heads := an.npHead(an.trailingNPStart(lo, j), j); len(heads) > 0 {
					return heads
				}
				break
			}
		}
		return an.npHead(an.trailingNPStart(lo, i+1), i+1)
	case t.kind == tokQuote:
		return nil
	}
	a := an.trailingNPStart(lo, i+1)
	// "The talks in Oman have": the phrase before the preposition is the subject.
	for n := 0; n < 3 && a-1 > lo && an.toks[a-1].kind == tokWord && prepositions[an.toks[a-1].low] &&
		an.toks[a-1].low != "according" && an.toks[a-1].low != "like" && an.toks[a-1].low != "as"; n++ {
		b := an.trailingNPStart(lo, a-1)
		if b >= a-1 && a-2 >= lo && an.toks[a-2].kind == tokWord && strings.HasSuffix(an.toks[a-2].low, "s") {
			// "Average rents in Dublin have doubled": the verb has its own
			// auxiliary, so "rents" is a noun
			b = an.trailingNPStart(lo, a-2)
		}
		if b >= a-1 {
			break
		}
		a = b
	}
	// "A letter from the officer, Anne Kay, to Frost said": "Frost" is the
	// object of "to"; the subject comes before the comma
	if a-2 >= lo && an.toks[a-1].kind == tokWord && objectPrepositions[an.toks[a-1].low] &&
		an.toks[a-2].text == "," && an.sameContext(a-2, q) {
		if heads := an.subjectFromParts(lo, a-2); len(heads) > 0 {
			return heads
		}
	}
	heads := an.npHead(a, i+1)
	if len(heads) == 0 {
		// "A ministry official who spoke on condition of anonymity said": the
		// relative clause has exactly one verb of its own
		verbs := 0
		for k := i; k >= lo && k > i-20; k-- {
			if an.toks[k].kind == tokWord && (an.toks[k].low == "who" || an.toks[k].low == "which") && an.sameContext(k, q) {
				if k-1 >= lo && verbs == 1 {
					return an.npHead(an.trailingNPStart(lo, k), k)
				}
				break
			}
			if an.toks[k].kind == tokPunct {
				break
			}
			if vi, ok := an.verbAt(k); ok && vi.form != formIng && vi.form != formBase {
				verbs++
			}
		}
	}
	return heads
}

// antecedent finds what a relative pronoun at rel stands for: "who" a
// person, "which" anything else, skipping places and owners in between
// ("Dr X, a neurologist at a hospital in London who ...").
func (an *analysis) antecedent(lo, rel int) []int {
	who := an.toks[rel].low == "who"
	j := rel
	if j-1 >= lo && an.toks[j-1].text == "," {
		j--
	}
	if j <= lo {
		return nil
	}
	if mi := an.nameEnding(j); mi >= 0 && an.ments[mi].t0 >= lo {
		if ok, _ := an.fitsRelative(mi, who); ok {
			return an.trailingMentions(lo, j)
		}
	}
	if !who {
		return an.trailingMentions(lo, j)
	}
	// look further back for the person
	for k := j - 1; k >= lo && k >= rel-lookback; k-- {
		if mi := an.nameEnding(k + 1); mi >= 0 && an.ments[mi].t0 >= lo {
			if ok, person := an.fitsRelative(mi, true); ok && person {
				return []int{mi}
			}
		}
	}
	return nil
}

// fitsRelative reports whether mention mi can be what "who" (or "which")
// refers to, and whether it is a person.
func (an *analysis) fitsRelative(mi int, who bool) (bool, bool) {
	m := an.ments[mi]
	person := m.person || m.kind == mkTitle
	if m.ent >= 0 {
		switch an.ents[m.ent].kind {
		case entPerson, entUnnamed:
			person = true
		case entPlace, entMisc:
			if who {
				return false, false // "a hospital in London who": not London
			}
		}
	}
	if m.kind == mkDesc && m.group {
		return true, true // "allies like Qatar and Turkey, who"
	}
	if who {
		return person || m.kind == mkName, person
	}
	return !person, false
}

// previousVerb returns the last finite verb in [lo, before), or -1.
func (an *analysis) previousVerb(lo, before int) int {
	q := an.toks[before].quote
	for k := before - 1; k >= lo; k-- {
		if an.toks[k].quote != q {
			continue
		}
		if vi, ok := an.verbAt(k); ok && vi.form != formIng && vi.form != formBase {
			return k
		}
	}
	return -1
}

// trailingMentions returns the mentions ending at end, with any joined to
// them by "and" ("allies like Qatar and Turkey, who fear").
func (an *analysis) trailingMentions(lo, end int) []int {
	mi := an.nameEnding(end)
	if mi < 0 || an.ments[mi].t0 < lo {
		return an.npHead(an.trailingNPStart(lo, end), end)
	}
	out := []int{mi}
	for {
		m := an.ments[out[len(out)-1]]
		k := m.t0 - 1
		if k < lo || !(an.toks[k].low == "and" || an.toks[k].text == ",") {
			break
		}
		prev := an.nameEnding(k)
		if prev < 0 || an.ments[prev].t0 < lo || an.ments[prev].kind == mkPron {
			break
		}
		out = append(out, prev)
	}
	return out
}

// trailingNPStart scans left from end over the words of a noun phrase.
func (an *analysis) trailingNPStart(lo, end int) int {
	k := end
	q := -2
	if end-1 >= 0 && end-1 < len(an.toks) {
		q = an.toks[end-1].quote
	}
	for k-1 >= lo && end-k < 14 {
		t := an.toks[k-1]
		if t.quote != q {
			break
		}
		if mi := an.nameEnding(k); mi >= 0 && an.ments[mi].t0 >= lo && an.ments[mi].kind != mkDesc {
			k = an.ments[mi].t0
			continue
		}
		switch t.kind {
		case tokWord:
			if an.flags(k-1)&wfDet != 0 {
				return k - 1
			}
			if _, isPron := pronouns[t.low]; isPron {
				if k == end {
					return k - 1
				}
				if t.low == "its" || t.low == "his" || t.low == "her" || t.low == "their" {
					return k - 1
				}
				return k
			}
			if t.low == "i" || t.low == "we" || t.low == "you" {
				if k == end {
					return k - 1
				}
				return k
			}
			if an.flags(k-1)&wfClause != 0 {
				return k
			}
			if an.cheapVerb(k - 1) {
				return k
			}
			k--
		case tokPoss, tokNum:
			k--
		case tokPunct:
			if t.text == ")" {
				j := k - 1
				for j > lo && an.toks[j].text != "(" && k-j < 8 {
					j--
				}
				if an.toks[j].text == "(" {
					k = j
					continue
				}
			}
			return k
		default:
			return k
		}
	}
	return k
}

// cheapVerb is a quick, non-recursive reading of token k as a finite verb:
// a past or third-person form not led by an article or an owner ("the
// talks", "Trump's warnings").
func (an *analysis) cheapVerb(k int) bool {
	t := an.toks[k]
	vi, ok := an.lx.verbs[t.low]
	if !ok || t.cap || an.isHeadNoun(t.low) || !(vi.form == formPast || vi.form == formS || vi.form == formPart) {
		return false
	}
	if k > 0 {
		p := an.toks[k-1]
		if p.kind == tokPoss && !an.possInName(k) || p.kind == tokWord && (determiners[p.low] || prepositions[p.low]) {
			return false
		}
		if vi.form == formS {
			if mi := an.nameEnding(k); mi >= 0 && an.ments[mi].t0 > 0 && determiners[an.toks[an.ments[mi].t0-1].low] {
				return false // "the Oman talks"
			}
		}
	}
	return true
}

// leadingNPEnd scans right from start over a noun phrase.
func (an *analysis) leadingNPEnd(start, hi int) int {
	k := start
	if k < hi && an.toks[k].kind == tokWord && determiners[an.toks[k].low] {
		k++
	}
	// a number modifier before the first word ("9/11 widow", "24/7
	// parking operator") leaves that word free to look like a verb
	lead := k
	for lead < hi && (an.toks[lead].kind == tokNum || an.toks[lead].text == "/" && lead > k) {
		lead++
	}
	for k < hi && k-start < 14 {
		if mi, ok := an.nameAt(k); ok && an.ments[mi].t1 <= hi {
			k = an.ments[mi].t1
			continue
		}
		t := an.toks[k]
		switch t.kind {
		case tokWord:
			if _, isPron := pronouns[t.low]; isPron && k == start {
				return k + 1
			}
			if prepositions[t.low] || conjunctions[t.low] || relativeWords[t.low] || an.lx.aux[t.low] {
				return k
			}
			if _, ok := an.verbAt(k); ok && !an.isHeadNoun(t.low) && k > start && k > lead {
				return k
			}
			k++
		case tokPoss, tokNum:
			k++
		default:
			// "said 9/11 widow X": a slash between numbers is one modifier
			if t.text == "/" && k > start && k+1 < hi && an.toks[k-1].kind == tokNum && an.toks[k+1].kind == tokNum {
				k++
				continue
			}
			return k
		}
	}
	return k
}

// npHead picks the head mention of the noun phrase [a, b): the last one
// before any loose prepositional phrase, not an owner ("Romania's").
func (an *analysis) npHead(a, b int) []int {
	if a >= b {
		return nil
	}
	cut := b
	for k := a; k < b; k++ {
		t := an.toks[k]
		if t.kind == tokWord && (an.flags(k)&wfPrep != 0 || an.flags(k)&wfRel != 0 && k > a) && !an.inName(k) {
			cut = k
			break
		}
	}
	best := -1
	start := a
	if a > 0 && an.mentAt[a] < 0 {
		// a mention may start at a determiner just inside the phrase
		start = a
	}
	for mi := an.firstMentionFrom(start); mi >= 0 && mi < len(an.ments) && an.ments[mi].t0 < cut; mi++ {
		m := an.ments[mi]
		if m.t1 > cut || m.t0 < a {
			continue
		}
		if m.poss && m.t1 < cut {
			continue
		}
		if m.kind == mkPron && m.t1 < cut && (m.head == "its" || m.head == "his" || m.head == "her" || m.head == "their") {
			continue
		}
		if best < 0 || m.t1 > an.ments[best].t1 || m.t1 == an.ments[best].t1 && m.t0 < an.ments[best].t0 {
			best = mi
		}
	}
	if best < 0 {
		return nil
	}
	// "the U.S. security alert": a name before the real head noun is a modifier
	if an.ments[best].kind != mkDesc && an.ments[best].kind != mkPron {
		for k := an.ments[best].t1; k < cut; k++ {
			if t := an.toks[k]; t.kind == tokWord {
				if conjunctions[t.low] {
					break // "OPEC and allies": coordination, not a modifier
				}
				return nil
			}
		}
	}
	out := []int{best}
	// coordination: "Qatar and Turkey"
	m := an.ments[best]
	if m.kind == mkName && m.t0-1 > a && an.toks[m.t0-1].low == "and" {
		if prev := an.nameEnding(m.t0 - 1); prev >= 0 && an.ments[prev].t0 >= a && an.ments[prev].kind == mkName {
			out = append(out, prev)
		}
	}
	return out
}

func (an *analysis) firstMentionFrom(t int) int {
	lo, hi := 0, len(an.ments)
	for lo < hi {
		mid := (lo + hi) / 2
		if an.ments[mid].t0 < t {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// inName reports whether token k lies inside a name mention ("of" in
// "Department of Public Works").
func (an *analysis) inName(k int) bool {
	for mi := an.firstMentionFrom(k - 12); mi >= 0 && mi < len(an.ments) && an.ments[mi].t0 <= k; mi++ {
		m := an.ments[mi]
		if m.kind == mkName && m.t0 < k && k < m.t1 {
			return true
		}
	}
	return false
}

type part struct{ a, b int }

// splitParts splits [lo, hi) at commas and dashes outside quotes.
func (an *analysis) splitParts(lo, hi int) []part {
	var parts []part
	start := lo
	q := -2
	if hi-1 >= 0 && hi-1 < len(an.toks) {
		q = an.toks[hi-1].quote
	}
	for k := lo; k < hi; k++ {
		t := an.toks[k]
		if t.quote != q && q != -2 {
			continue
		}
		if t.kind == tokPunct && (t.text == "," || t.text == "—" || t.text == "–") {
			parts = append(parts, part{start, k})
			start = k + 1
		}
	}
	parts = append(parts, part{start, hi})
	return parts
}

// skippablePart: an aside that cannot hold the subject: "who votes only
// to break ties", "in a statement to Iranian media", "meanwhile", "52".
func (an *analysis) skippablePart(p part) bool {
	if p.a >= p.b {
		return true
	}
	t := an.toks[p.a]
	if t.kind == tokNum && p.b-p.a <= 2 {
		return true
	}
	if t.kind == tokQuote || t.quote >= 0 && an.toks[p.b-1].quote == t.quote {
		return true
	}
	if t.kind != tokWord {
		return false
	}
	if skipPartWords[t.low] || prepositions[t.low] {
		return true
	}
	if vi, ok := an.lx.verbs[t.low]; ok && !t.cap || ok && an.sentenceInitial(p.a) && (vi.form == formIng || vi.form == formPast || vi.form == formPart) {
		return vi.form == formIng || vi.form == formPast || vi.form == formPart
	}
	if strings.HasSuffix(t.low, "ly") && p.b-p.a == 1 {
		return true
	}
	return false
}

func (an *analysis) partHasVerb(p part) bool {
	for k := p.a; k < p.b; k++ {
		if vi, ok := an.verbAt(k); ok && vi.form != formIng && !an.inName(k) {
			if mi := an.nameEnding(k + 1); mi >= 0 && an.ments[mi].t0 <= k {
				continue
			}
			if (vi.form == formPast || vi.form == formPart) && k+1 < p.b && an.toks[k+1].low == "by" {
				continue // "allies led by Russia": a participle, not a clause
			}
			if (vi.form == formPast || vi.form == formPart) && k+1 < p.b && k > p.a && prepositions[an.toks[k+1].low] &&
				an.toks[k-1].kind == tokWord && !an.toks[k-1].cap && an.isHeadNoun(an.toks[k-1].low) {
				continue // "a law firm based in Leeds": a participle after its noun
			}
			return true
		}
	}
	return false
}

// subjectFromParts finds the subject when a comma stands before the verb:
// the nearest part that is not an aside; an apposition's name wins over its
// description ("Its chief executive, Fiona Kearney, ... said").
func (an *analysis) subjectFromParts(lo, comma int) []int {
	parts := an.splitParts(lo, comma+1)
	if heads := an.namedBeforeAppositions(parts); len(heads) > 0 {
		return heads
	}
	// the last part is empty (the comma itself ends it)
	for pi := len(parts) - 1; pi >= 0; pi-- {
		p := parts[pi]
		if an.skippablePart(p) {
			continue
		}
		if an.partHasVerb(p) {
			// "A man who opened fire at a warehouse near Columbus": the phrase
			// before the relative pronoun
			for k := p.a + 1; k < p.b && k < p.a+10; k++ {
				if w := an.toks[k].low; w == "who" || w == "which" || w == "whose" || w == "that" && k > p.a+1 {
					// "NetChoice, a trade group whose members include Meta,
					// sued": an apposition; the name before it is the subject
					if determiners[an.toks[p.a].low] && pi > 0 && !an.skippablePart(parts[pi-1]) && !an.partHasVerb(parts[pi-1]) {
						if ph := an.npHead(parts[pi-1].a, parts[pi-1].b); len(ph) > 0 && an.ments[ph[0]].kind == mkName {
							return ph
						}
					}
					if w == "whose" || w == "that" {
						break
					}
					return an.npHead(p.a, k)
				}
			}
			// "People in the west, he said, had": the cue is an aside
			if p.b-p.a <= 4 {
				if vi, ok := an.verbAt(p.b - 1); ok && vi.class == classSay {
					continue
				}
			}
			// a clause: its last noun phrase
			return an.npHead(an.trailingNPStart(p.a, p.b), p.b)
		}
		heads := an.npHead(p.a, p.b)
		if len(heads) == 0 {
			continue // "leader of the Liberal Democrat group": an apposition
		}
		h := an.ments[heads[0]]
		// "Sen. Alma Torres, D-Ore., said", "Lena Marsh, chief executive of
		// Marlow Games, adds": the person beside a party, state or
		// organisation tag speaks, not the tag
		if pi > 0 && an.appositionTag(p, heads[0]) {
			if prev := parts[pi-1]; !an.skippablePart(prev) && !an.partHasVerb(prev) {
				if ph := an.npHead(prev.a, prev.b); len(ph) > 0 && an.personName(ph[0]) {
					return ph
				}
			}
		}
		if e := h.ent; e >= 0 && an.ents[an.root(e)].kind == entPlace && pi > 0 {
			// "David Renshaw, 58, of Norton Road, Kelham, admitted": an address
			if earlier := an.subjectFromParts(lo, parts[pi-1].b); len(earlier) > 0 {
				return earlier
			}
		}
		if h.kind != mkName && pi > 0 {
			prev := parts[pi-1]
			if !an.skippablePart(prev) && !an.partHasVerb(prev) {
				if ph := an.npHead(prev.a, prev.b); len(ph) > 0 && an.ments[ph[0]].kind == mkName {
					return ph
				}
			}
		}
		return heads
	}
	return nil
}

// namedBeforeAppositions finds a person named at the head of a clause and
// followed only by comma-set descriptions before the verb: "Dylan Nelson, a
// fellow at the Max Planck Institute in Munich, Germany, and co-author of
// the study, said". Any later part with a verb or a person's name of its
// own leaves the choice to subjectFromParts.
func (an *analysis) namedBeforeAppositions(parts []part) []int {
	first := -1
	var fp part
	for pi, p := range parts {
		if p.a >= p.b {
			continue
		}
		// "Trump wants out, but General Mark Milley, chairman of the Joint
		// Chiefs, told reporters": a new clause starts at the conjunction
		if t := an.toks[p.a]; t.kind == tokWord && (t.low == "but" || t.low == "and" || t.low == "yet" || t.low == "while") && p.a+1 < p.b {
			if nm, ok := an.nameAt(p.a + 1); ok && an.personName(nm) {
				p.a++
				first = -1
			}
		}
		if first < 0 {
			if an.skippablePart(p) || an.partHasVerb(p) {
				continue // an aside, or a clause before the one that matters
			}
			heads := an.npHead(p.a, p.b)
			if len(heads) == 0 || !an.personName(heads[0]) || an.ments[heads[0]].t1 != p.b {
				continue // not a name alone: "US President Trump has been eager to withdraw"
			}
			first, fp = pi, p
			continue
		}
		if an.partHasVerb(p) && !an.skippablePart(p) {
			return nil
		}
		if an.rolePhrase(p) {
			continue // "chairman of the Joint Chiefs": what follows "of" is no person
		}
		for k := an.firstMentionFrom(p.a); k < len(an.ments) && an.ments[k].t0 < p.b; k++ {
			if m := an.ments[k]; m.kind == mkName && an.personName(k) {
				return nil // "Smith, Jones and Brown said": a list, or a name of its own
			}
		}
	}
	if first < 0 || first == len(parts)-1 || first == len(parts)-2 && parts[len(parts)-1].a >= parts[len(parts)-1].b {
		return nil // no apposition after the name
	}
	return an.npHead(fp.a, fp.b)
}

// appositionTag reports a comma-set part that tags the name before it
// rather than naming a subject of its own: an organisation, party, state
// or place ("D-Ore.", "Take-Two"), or a role phrase ("chairman of the
// Joint Chiefs", "CEO of Marlow Games").
func (an *analysis) appositionTag(p part, hi int) bool {
	if an.rolePhrase(p) {
		return true
	}
	h := an.ments[hi]
	if h.kind != mkName || h.ent < 0 {
		return false
	}
	switch an.ents[an.root(h.ent)].kind {
	case entOrg, entCountry, entPlace, entMisc:
		return true
	}
	return false
}

// rolePhrase reports a part that opens with a role noun and what it is a
// role of: "chairman of the Joint Chiefs", "CEO of Marlow Games".
func (an *analysis) rolePhrase(p part) bool {
	if t := an.toks[p.a]; t.kind == tokWord && an.lx.roleNouns2(t.low) && p.a+1 < p.b {
		if n := an.toks[p.a+1]; n.kind == tokWord && (n.low == "of" || n.low == "at" || n.low == "for") {
			return true
		}
	}
	return false
}

// personName reports a mention that names a person.
func (an *analysis) personName(mi int) bool {
	m := an.ments[mi]
	return (m.kind == mkName || m.kind == mkTitle) && m.ent >= 0 && an.ents[an.root(m.ent)].kind == entPerson
}

// mainSubject is the subject of the clause [lo, v): the first noun phrase
// of its first part that is not an aside.
func (an *analysis) mainSubject(lo, v int) []int {
	for _, p := range an.splitParts(lo, v) {
		if an.skippablePart(p) {
			continue
		}
		end := an.leadingNPEnd(p.a, p.b)
		heads := an.npHead(p.a, end)
		if len(heads) > 0 {
			// "Its chief executive, Fiona Kearney": the name after a description
			return heads
		}
		return nil
	}
	return nil
}

package briefing

import (
	"sort"
	"strings"
	"unicode"
)

// The quote scanner pairs quote marks paragraph by paragraph with a stack,
// so an unbalanced mark can never swallow more than its own paragraph.
// Each mark is first classified from its neighbours (opening, closing,
// either, or a closing mark that may be a plural possessive); straight
// marks and curly ones of a family pair with each other. A quote left open
// at a paragraph's end runs on only when the next paragraph opens with a
// mark of the same family, the convention for multi-paragraph quotes.

type quoteFamily uint8

const (
	famDouble quoteFamily = iota // " “ ” „
	famSingle                    // ' ‘ ’ ‚
	famAngle                     // « »
	famSAngle                    // ‹ ›
)

type markClass uint8

const (
	mcNone   markClass = iota // an apostrophe or a stray mark
	mcOpen                    // opens a quote
	mcClose                   // closes one
	mcEither                  // no telling from the neighbours: closes if one is open
	mcPoss                    // closes, or is a plural possessive ("the 1990s' best")
)

// quoteSpan is one quoted stretch of text.
type quoteSpan struct {
	open, close int // token indices of the marks; close is -1 when the quote runs on into the next paragraph
	s, e        int // rune range of the text between the marks
	para        int
	parent      int // the quote this one is nested in, or -1
	family      quoteFamily
	contPrev    bool // continues the previous paragraph's quote
	contNext    bool // runs on into the next paragraph
	// title is set for a quoted title or nickname ("Northern Lights",
	// Tomas "Tommy" Lind): not speech, and not a source of names.
	title bool
}

type openMark struct {
	tok int
	fam quoteFamily
}

func markFamily(r rune) quoteFamily {
	switch r {
	case '\'', '‘', '’', '‚', '‛':
		return famSingle
	case '«', '»':
		return famAngle
	case '‹', '›':
		return famSAngle
	}
	return famDouble
}

// classifyMark decides what the quote-mark token i can be, from the runes
// around it inside its paragraph.
func (d *doc) classifyMark(i int, p paragraph) (quoteFamily, markClass) {
	t := d.toks[i]
	r := d.src[t.s]
	prev, next := ' ', ' '
	if t.s > p.s {
		prev = d.src[t.s-1]
	}
	if t.e < p.e {
		next = d.src[t.e]
	}
	prevSpace, nextSpace := unicode.IsSpace(prev), unicode.IsSpace(next)
	openCtx := prevSpace || strings.ContainsRune("([{—–-‒―/:;", prev) || isQuoteRune(prev) || isHyphen(prev)
	closeCtx := nextSpace || strings.ContainsRune(".,;:!?)]}—–-‒―/…", next) || isQuoteRune(next) || isHyphen(next)
	canOpen := openCtx && !nextSpace
	canClose := closeCtx && !prevSpace
	fam := markFamily(r)
	if fam == famSingle && d.isRockNRoll(t.s, p) {
		return fam, mcNone // "rock ’n’ roll": two apostrophes
	}
	switch r {
	case '"', '\'':
		if r == '\'' || fam == famSingle {
			if canOpen && d.isElision(t.e, p.e) {
				return fam, mcNone
			}
		}
		switch {
		case canOpen && !canClose:
			return fam, mcOpen
		case canClose && !canOpen:
			if r == '\'' && isPluralEnd(prev) && (nextSpace || isClauseEnd(next)) {
				return fam, mcPoss
			}
			return fam, mcClose
		case canOpen && canClose, !prevSpace && !nextSpace, prevSpace && nextSpace:
			return fam, mcEither
		}
		return fam, mcNone
	case '’':
		switch {
		case canOpen && d.isElision(t.e, p.e):
			return fam, mcNone
		case canClose && isPluralEnd(prev) && (nextSpace || isClauseEnd(next)):
			// "the workers’ rights", "the nurses’, teachers’ and drivers’ pay":
			// a plural possessive or a closing mark; pairing decides
			return fam, mcPoss
		case canClose:
			return fam, mcClose
		case canOpen:
			return fam, mcOpen // a wrongly turned opening mark
		}
		return fam, mcNone
	case '‘', '‚', '‛':
		if d.isElision(t.e, p.e) {
			return fam, mcNone
		}
		if nextSpace && !prevSpace {
			return fam, mcClose
		}
		return fam, mcOpen
	case '“', '„', '‟':
		if nextSpace && !prevSpace && r == '“' {
			return fam, mcClose // German „...“ or a misused mark
		}
		return fam, mcOpen
	case '”':
		if prevSpace && !nextSpace {
			return fam, mcOpen
		}
		return fam, mcClose
	case '«', '‹':
		if nextSpace && !prevSpace && !canOpen {
			return fam, mcClose
		}
		return fam, mcOpen
	case '»', '›':
		if prevSpace && !nextSpace {
			return fam, mcOpen // »reversed« style
		}
		return fam, mcClose
	}
	return fam, mcNone
}

// doubledClose reports a ’’ pair at token i closing a double quote that a
// mark of the double family opened earlier in the paragraph.
func (d *doc) doubledClose(i int, p paragraph, cands []markCand) bool {
	t := d.toks[i]
	if d.src[t.s] != '’' || i+1 >= p.tok1 || i > p.tok0 && unicode.IsSpace(d.src[t.s-1]) {
		return false
	}
	n := d.toks[i+1]
	if n.kind != tokQuote || n.s != t.e || d.src[n.s] != '’' {
		return false
	}
	for k := len(cands) - 1; k >= 0; k-- {
		if c := cands[k]; c.fam == famDouble {
			return c.mc == mcOpen || c.mc == mcEither
		}
	}
	return false
}

func isPluralEnd(r rune) bool { return r == 's' || r == 'S' || r == 'z' }

func isClauseEnd(r rune) bool { return strings.ContainsRune(",.;:!?", r) }

// isRockNRoll reports either mark of a lone "n" between apostrophes.
func (d *doc) isRockNRoll(i int, p paragraph) bool {
	src := d.src
	at := func(k int) rune {
		if k < p.s || k >= p.e {
			return ' '
		}
		return src[k]
	}
	isN := func(r rune) bool { return r == 'n' || r == 'N' }
	// opening: " ’n’ ", closing: " ’n’ " seen from the second mark
	return unicode.IsSpace(at(i-1)) && isN(at(i+1)) && isApostrophe(at(i+2)) && unicode.IsSpace(at(i+3)) ||
		unicode.IsSpace(at(i-3)) && isApostrophe(at(i-2)) && isN(at(i-1)) && unicode.IsSpace(at(i+1))
}

// isElision reports an apostrophe standing for omitted digits or letters:
// '90s, '08, 'em, 'til.
func (d *doc) isElision(s, pe int) bool {
	j := s
	for j < pe && unicode.IsDigit(d.src[j]) {
		j++
	}
	if j > s {
		if j-s == 2 && (j >= pe || d.src[j] == 's' || !unicode.IsLetter(d.src[j])) {
			return true
		}
		return false
	}
	k := s
	for k < pe && unicode.IsLetter(d.src[k]) {
		k++
	}
	if k < pe && isApostrophe(d.src[k]) {
		return false // 'n' in rock 'n' roll is taken care of by pairing
	}
	w := strings.ToLower(string(d.src[s:k]))
	switch w {
	case "em", "til", "tis", "twas", "cause", "bout", "round":
		return k >= pe || !unicode.IsLetter(d.src[k])
	}
	return false
}

type markCand struct {
	tok int
	fam quoteFamily
	mc  markClass
	// cue is set for a possible closing mark that a reporting verb follows
	// at once (", she said"): it closes even with a later mark in sight.
	cue bool
	// firm is set for a possessive-like mark a space does not follow: it
	// ends a clause, so it is a plausible closer for the look-ahead.
	firm bool
	// pair is set for the second mark of a ’’ pair closing a double quote.
	pair bool
}

func (d *doc) scanQuotes() {
	var spans []quoteSpan
	contFam := -1 // family of a quote running on from the previous paragraph
	for pi, p := range d.paras {
		var cands []markCand
		for i := p.tok0; i < p.tok1; i++ {
			if d.toks[i].kind == tokQuote {
				if d.doubledClose(i, p, cands) {
					// AP's “...’’: two closing single marks close a double
					// quote; the second is the closing mark, the text ends
					// before the first
					cands = append(cands, markCand{tok: i + 1, fam: famDouble, mc: mcClose, pair: true})
					i++
					continue
				}
				fam, mc := d.classifyMark(i, p)
				c := markCand{tok: i, fam: fam, mc: mc}
				if mc == mcPoss {
					c.cue = d.cueAfterMark(i, p.tok1)
					c.firm = d.toks[i].e >= p.e || !unicode.IsSpace(d.src[d.toks[i].e])
				}
				cands = append(cands, c)
			}
		}
		var stack []openMark
		carried := contFam
		contFam = -1
		closeAt := func(k, tok int, pair bool) {
			o := stack[k]
			sp := quoteSpan{open: o.tok, close: tok, s: d.toks[o.tok].e, e: d.toks[tok].s, para: pi, parent: -1, family: o.fam}
			if pair {
				sp.e = d.toks[tok-1].s
			}
			if carried >= 0 && quoteFamily(carried) == o.fam && o.tok == p.tok0 {
				sp.contPrev = true
			}
			spans = append(spans, sp)
			stack = stack[:k]
		}
		findOpen := func(fam quoteFamily) int {
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].fam == fam {
					return k
				}
			}
			return -1
		}
		for ci, c := range cands {
			switch c.mc {
			case mcOpen:
				stack = append(stack, openMark{c.tok, c.fam})
			case mcClose:
				if k := findOpen(c.fam); k >= 0 {
					closeAt(k, c.tok, c.pair)
				}
			case mcEither:
				if k := findOpen(c.fam); k >= 0 {
					closeAt(k, c.tok, false)
				} else {
					stack = append(stack, openMark{c.tok, c.fam})
				}
			case mcPoss:
				if k := findOpen(c.fam); k >= 0 && (c.cue || !d.closedLater(cands[ci+1:], c.fam, stack)) {
					closeAt(k, c.tok, false)
				}
			}
		}
		if len(stack) > 0 && pi+1 < len(d.paras) {
			np := d.paras[pi+1]
			if d.toks[np.tok0].kind == tokQuote {
				fam, mc := d.classifyMark(np.tok0, np)
				if mc == mcOpen && fam == stack[0].fam {
					o := stack[0]
					sp := quoteSpan{open: o.tok, close: -1, s: d.toks[o.tok].e, e: p.e, para: pi, parent: -1, family: o.fam, contNext: true}
					if carried >= 0 && quoteFamily(carried) == o.fam && o.tok == p.tok0 {
						sp.contPrev = true
					}
					spans = append(spans, sp)
					contFam = int(fam)
				}
			}
		}
	}
	// Keep quotes with something in them, in reading order.
	kept := spans[:0]
	for _, sp := range spans {
		if sp.e > sp.s && hasWordRune(d.src[sp.s:sp.e]) {
			kept = append(kept, sp)
		}
	}
	sort.SliceStable(kept, func(a, b int) bool {
		if kept[a].s != kept[b].s {
			return kept[a].s < kept[b].s
		}
		return kept[a].e > kept[b].e
	})
	d.quotes = kept
	// Nesting: the innermost other quote containing a quote is its parent.
	// Quotes are sorted by start, so containers come first; only quotes of
	// the same paragraph are compared. A stack of open containers keeps
	// this linear: one that ends before a quote contains no later one
	// that this quote does not also contain.
	var open []int
	for i := range d.quotes {
		if i > 0 && d.quotes[i-1].para != d.quotes[i].para {
			open = open[:0]
		}
		for len(open) > 0 && d.quotes[open[len(open)-1]].e < d.quotes[i].e {
			open = open[:len(open)-1]
		}
		if len(open) > 0 {
			d.quotes[i].parent = open[len(open)-1]
		}
		open = append(open, i)
	}
	for qi := range d.quotes {
		d.quotes[qi].title = d.isTitleLike(d.quotes[qi])
	}
	for qi, q := range d.quotes {
		d.toks[q.open].mark = qi
		if q.close >= 0 {
			d.toks[q.close].mark = qi
		}
		for k := q.open + 1; k < len(d.toks) && d.toks[k].para == q.para && d.toks[k].e <= q.e; k++ {
			if k != q.close {
				d.toks[k].quote = qi // later (inner) quotes overwrite their container
			}
		}
	}
	// Marks no quote claimed after a letter are apostrophes: "Farmers' Union".
	for i := range d.toks {
		t := &d.toks[i]
		if t.kind == tokQuote && t.mark < 0 && markFamily(d.src[t.s]) == famSingle && t.s > 0 && isWordRune(d.src[t.s-1]) {
			t.kind = tokPoss
		}
	}
}

// isTitleLike reports a quoted title or nickname: a few words, all the
// long ones capitalised ("Northern Lights", "Two Weeks in May", "Tommy").
func (d *doc) isTitleLike(q quoteSpan) bool {
	words := strings.FieldsFunc(string(d.src[q.s:q.e]), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '.' || r == ':' || r == ';'
	})
	if len(words) == 0 || len(words) > 7 {
		return false
	}
	for i, w := range words {
		r := []rune(w)
		if !unicode.IsLetter(r[0]) && !unicode.IsDigit(r[0]) {
			return false
		}
		// Title case leaves only short function words in lower case:
		// "Two Weeks in May" is a title, "Ask me in September" speech.
		if unicode.IsLower(r[0]) && (i == 0 || !titleMinorWords[strings.ToLower(w)]) {
			return false
		}
	}
	t := strings.TrimSpace(string(d.src[q.s:q.e]))
	// "he said: 'IMMEDIATELY.'", "“NO,” he replied": shouted words with a
	// speech cue beside them are speech, not a title.
	if isShouted(t) && (d.sayBefore(q.open) || q.close > 0 && (d.cueAfterMark(q.close, d.paras[q.para].tok1) || d.sayAfter(q.close))) {
		return false
	}
	return !strings.HasSuffix(t, "!") && !strings.HasSuffix(t, "?")
}

// isShouted reports text written all in capitals ("NO", "IMMEDIATELY.").
func isShouted(t string) bool {
	letters := 0
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// sayBefore reports a speech verb just before the opening mark at i:
// "he said: '...'", "she replied, '...'".
func (d *doc) sayBefore(i int) bool {
	k := i - 1
	if k >= 0 && d.toks[k].kind == tokPunct && (d.toks[k].text == ":" || d.toks[k].text == ",") {
		k--
	}
	if k < 0 || d.toks[k].kind != tokWord {
		return false
	}
	vi, ok := d.lx.verbs[d.toks[k].low]
	return ok && vi.class == classSay && (vi.form == formPast || vi.form == formS) && !d.toks[k].cap
}

// titleMinorWords stay in lower case inside a title.
var titleMinorWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true, "for": true, "of": true,
	"in": true, "on": true, "at": true, "to": true, "by": true, "up": true, "as": true, "with": true, "from": true,
	"into": true, "per": true, "via": true, "vs": true, "vs.": true, "v": true, "de": true, "la": true, "le": true,
	"du": true, "von": true, "van": true, "der": true, "del": true, "da": true, "di": true, "n'": true, "’n’": true,
	"over": true, "off": true, "out": true, "than": true, "so": true, "yet": true, "en": true, "et": true,
}

// closedLater reports whether the innermost open quote of the family would
// still be closed by a later mark if the current one were an apostrophe.
func (d *doc) closedLater(rest []markCand, fam quoteFamily, stack []openMark) bool {
	depth := 0
	for _, o := range stack {
		if o.fam == fam {
			depth++
		}
	}
	target := depth - 1
	for n, c := range rest {
		if n > 400 {
			break
		}
		if c.fam != fam {
			continue
		}
		switch c.mc {
		case mcOpen:
			depth++
		case mcClose, mcEither, mcPoss:
			if c.mc == mcPoss && !c.firm && !c.cue {
				continue // "the drivers’ pay": more likely another possessive
			}
			if c.mc == mcEither && depth == 0 {
				depth++
				continue
			}
			if depth > 0 {
				depth--
			}
			if depth <= target {
				return true
			}
		}
	}
	return false
}

// cueAfterMark reports a comma and a reporting verb right after the mark
// at i: "members’, she said", "members’, said the guild".
func (d *doc) cueAfterMark(i, end int) bool {
	// British style puts the comma after the mark: "members’, she said".
	if i+1 >= end || d.toks[i+1].kind != tokPunct || d.toks[i+1].text != "," && d.toks[i+1].text != "—" && d.toks[i+1].text != "–" {
		return false
	}
	for k := i + 2; k < end && k <= i+6; k++ {
		t := d.toks[k]
		if t.kind != tokWord {
			return false
		}
		if vi, ok := d.lx.verbs[t.low]; ok && vi.class == classSay && (vi.form == formPast || vi.form == formS) && !t.cap {
			return true
		}
		if _, pron := pronouns[t.low]; !t.cap && !determiners[t.low] && !pron && !d.lx.aux[t.low] {
			return false
		}
	}
	return false
}

func hasWordRune(rs []rune) bool {
	for _, r := range rs {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

// quoteText is the quote's text exactly as written.
func (d *doc) quoteText(q quoteSpan) string { return string(d.src[q.s:q.e]) }

// quoteTokens returns the token range inside the quote's marks.
func (d *doc) quoteTokens(q quoteSpan) (int, int) {
	a := q.open + 1
	b := q.close
	if b < 0 {
		b = d.paras[q.para].tok1
	}
	return a, b
}

// sayAfter reports a speech verb within four words after the closing mark
// at i: "“NO,” Matos replied".
func (d *doc) sayAfter(i int) bool {
	for k := i + 1; k < len(d.toks) && k <= i+4; k++ {
		t := d.toks[k]
		if t.kind != tokWord {
			return false
		}
		if vi, ok := d.lx.verbs[t.low]; ok && vi.class == classSay && (vi.form == formPast || vi.form == formS) && !t.cap {
			return true
		}
	}
	return false
}

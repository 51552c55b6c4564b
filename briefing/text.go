package briefing

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The text layer: one pass over the article's runes produces tokens with
// rune offsets into the original text, grouped in paragraphs; quote spans
// (quotes.go) are found next, then sentences, which never break inside a
// quote. Normalisation (NFC, folded apostrophes) lives only in the tokens'
// text and low fields, so offsets always point into the text as given.

type tokKind uint8

const (
	tokWord  tokKind = iota // letters, with inner apostrophes, hyphens and abbreviation dots
	tokNum                  // starts with a digit: 6.2, 20,000, 14-year-old, 1990s
	tokPunct                // . , ; : ! ? ( ) dashes and the like
	tokQuote                // a quote mark, or an apostrophe the scanner has not claimed
	tokPoss                 // possessive 's, or a bare ' after a plural
	tokSym                  // £ $ % & and other symbols
)

type token struct {
	s, e  int    // rune offsets into doc.src, e exclusive
	text  string // NFC form of the source runes
	low   string // fold(text)
	para  int
	sent  int
	quote int // innermost quote span holding the token, -1 outside quotes
	mark  int // for a quote mark opening or closing a span: that span; else -1
	// the small fields last, packed into one word
	kind     tokKind
	cap      bool // starts with an upper-case letter
	upper    bool // written in capitals (at least two letters), "OCHA", "U.S."
	abbr     bool // an abbreviation with its period, "Mr.", "U.S."
	dateline bool // part of a dateline ("DUBLIN -"): ignored by the analysis
}

type paragraph struct {
	tok0, tok1 int // token range
	s, e       int // rune range, trimmed
}

type sentence struct {
	tok0, tok1 int
	para       int
}

// doc is one article prepared for analysis.
type doc struct {
	lx     *lexicon
	src    []rune
	text   string  // the article as given; src's runes
	boff   []int32 // boff[i] is the byte offset of src[i] in text; boff[len(src)] == len(text)
	toks   []token
	paras  []paragraph
	sents  []sentence
	quotes []quoteSpan
	// headline is true when the first paragraph is the article's headline.
	headline  bool
	nameTok   []int8              // isNameTok's answers: 0 not yet known, 1 yes, 2 no
	words     map[string]wordInfo // how the text uses the words asked about
	wordsAll  bool                // words holds every word of the text
	possNames map[string]bool     // names written with 's: "Moody's"
	wflags    []wordFlags         // per token, its lexicon classes; filled on first use
	folded    map[string]string   // fold's answers for strings that needed work
}

// fold is the package fold, remembering answers: articles repeat their
// names and capitalised words, and a lookup by an existing string costs
// no allocation where folding it again would.
func (d *doc) fold(s string) string {
	if isFolded(s) {
		return s
	}
	if f, ok := d.folded[s]; ok {
		return f
	}
	if len(s) <= 24 {
		// a short ASCII word such as "The": its lower-case form is often a
		// lexicon word, found without allocating
		var buf [24]byte
		ok := true
		for i := 0; i < len(s) && ok; i++ {
			c := s[i]
			switch {
			case 'A' <= c && c <= 'Z':
				buf[i] = c + 'a' - 'A'
			case c >= 0x80 || c == ' ' || c == '\t' || c == '\n' || c == '\r':
				ok = false
			default:
				buf[i] = c
			}
		}
		if ok {
			if f, found := d.lx.intern[string(buf[:len(s)])]; found {
				return f
			}
		}
	}
	f := fold(s)
	if d.folded == nil {
		d.folded = make(map[string]string, 64)
	}
	d.folded[s] = f
	return f
}

// wordFlags caches, per token, which word lists its folded form is in: the
// hot scans test the same tokens many times, and a bit test is far cheaper
// than hashing the string into several maps again.
type wordFlags uint16

const (
	wfKnown      wordFlags = 1 << iota // the other bits are filled in
	wfStop                             // a preposition, conjunction, relative word, auxiliary or determiner
	wfCommon                           // lx.common
	wfHeadNoun                         // isHeadNoun
	wfVerb                             // in lx.verbs
	wfDet                              // determiners
	wfPrep                             // prepositions
	wfRel                              // relativeWords
	wfClause                           // a preposition, conjunction, relative word or auxiliary
	wfStateGroup                       // lx.stateNouns or lx.groupNouns
)

// lexVerb is d.lx.verbs[d.toks[k].low], skipping the lookup for non-verbs.
func (d *doc) lexVerb(k int) (verbInfo, bool) {
	if d.flags(k)&wfVerb == 0 {
		return verbInfo{}, false
	}
	vi, ok := d.lx.verbs[d.toks[k].low]
	return vi, ok
}

// flags returns token k's word flags; k must be a word token.
func (d *doc) flags(k int) wordFlags {
	if d.wflags == nil {
		d.wflags = make([]wordFlags, len(d.toks))
	}
	f := d.wflags[k]
	if f&wfKnown != 0 {
		return f
	}
	f = d.lx.wordFlags[d.toks[k].low] | wfKnown
	d.wflags[k] = f
	return f
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == '´'
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '‟', '\'', '‘', '’', '‚', '‛', '«', '»', '‹', '›':
		return true
	}
	return false
}

func isPunctRune(r rune) bool {
	switch r {
	case ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '—', '–', '-', '‒', '―', '…', '/', '|', '‐', '‑':
		return true
	}
	return false
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isLetterish(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085' || r == '\v' || r == '\f'
}

// newDoc tokenizes text. Any line break ends a paragraph: some sources use
// blank lines between paragraphs, others a single newline.
func newDoc(lx *lexicon, text string) *doc {
	d := &doc{lx: lx, src: []rune(text), text: text}
	if !utf8.ValidString(text) {
		d.text = string(d.src) // each invalid byte became U+FFFD in src
	}
	// Byte offsets let tokens and spans slice text instead of converting
	// runes back into fresh strings.
	d.boff = make([]int32, len(d.src)+1)
	bi := 0
	for ri, r := range d.src {
		d.boff[ri] = int32(bi)
		bi += utf8.RuneLen(r)
	}
	d.boff[len(d.src)] = int32(len(d.text))
	d.toks = make([]token, 0, len(d.src)/5+8)
	start := 0
	for i := 0; i <= len(d.src); i++ {
		if i < len(d.src) && !isLineBreak(d.src[i]) {
			continue
		}
		d.addParagraph(start, i)
		start = i + 1
	}
	d.scanQuotes()
	d.findDatelines()
	d.splitSentences()
	return d
}

func (d *doc) addParagraph(s, e int) {
	for s < e && unicode.IsSpace(d.src[s]) {
		s++
	}
	for e > s && unicode.IsSpace(d.src[e-1]) {
		e--
	}
	if s >= e {
		return
	}
	p := paragraph{tok0: len(d.toks), s: s, e: e}
	d.tokenize(s, e, len(d.paras))
	p.tok1 = len(d.toks)
	if p.tok1 > p.tok0 {
		d.paras = append(d.paras, p)
	}
}

func (d *doc) tokenize(ps, pe, para int) {
	src := d.src
	i := ps
	for i < pe {
		r := src[i]
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			i++
		case isWordRune(r):
			j, abbr := d.scanWord(i, pe)
			kind := tokWord
			if unicode.IsDigit(r) {
				kind = tokNum
			}
			d.addToken(i, j, kind, para, abbr)
			i = j
		case isApostrophe(r) && i > ps && isWordRune(src[i-1]) && i+1 < pe && (src[i+1] == 's' || src[i+1] == 'S') &&
			(i+2 >= pe || !isWordRune(src[i+2])):
			d.addToken(i, i+2, tokPoss, para, false)
			i += 2
		case isQuoteRune(r):
			d.addToken(i, i+1, tokQuote, para, false)
			i++
		case r == '.':
			j := i + 1
			for j < pe && src[j] == '.' {
				j++
			}
			d.addToken(i, j, tokPunct, para, false)
			i = j
		case isPunctRune(r):
			d.addToken(i, i+1, tokPunct, para, false)
			i++
		default:
			d.addToken(i, i+1, tokSym, para, false)
			i++
		}
	}
}

// scanWord returns the end of the word starting at i and whether it took
// an abbreviation's final period.
func (d *doc) scanWord(i, pe int) (int, bool) {
	src := d.src
	j := i + 1
	segLen := 1 // letters since the last inner period, for U.S. and a.m.
	dotted := false
	for j < pe {
		c := src[j]
		switch {
		case isWordRune(c):
			j++
			segLen++
			continue
		case isApostrophe(c) && j+1 < pe && isLetterish(src[j+1]) && isLetterish(src[j-1]):
			if (src[j+1] == 's' || src[j+1] == 'S') && (j+2 >= pe || !isWordRune(src[j+2])) {
				return j, false // possessive or "it's": its own token
			}
			j++
			continue
		case isHyphen(c) && j+1 < pe && isWordRune(src[j+1]) && isWordRune(src[j-1]):
			j++
			continue
		case c == '&' && j+1 < pe && unicode.IsUpper(src[j+1]) && unicode.IsUpper(src[j-1]) && j-i <= 3:
			j++ // "S&P", "AT&T", "M&S": one name
			continue
		case c == '.' && j+1 < pe && unicode.IsLetter(src[j+1]) && segLen == 1 && unicode.IsLetter(src[j-1]) &&
			(j+2 >= pe || !isWordRune(src[j+2]) || src[j+2] == '.'):
			j++
			segLen = 0
			dotted = true
			continue
		case (c == '.' || c == ',') && unicode.IsDigit(src[j-1]) && j+1 < pe && unicode.IsDigit(src[j+1]):
			if c == ',' && !(j+3 < pe && unicode.IsDigit(src[j+2]) && unicode.IsDigit(src[j+3]) &&
				(j+4 >= pe || !unicode.IsDigit(src[j+4]))) {
				return j, false
			}
			j++
			continue
		}
		break
	}
	if j < pe && src[j] == '.' && (j+1 >= pe || src[j+1] != '.') {
		word := d.fold(d.text[d.boff[i]:d.boff[j]])
		single := j-i == 1 && unicode.IsUpper(src[i])
		if dotted || single || d.lx.abbrevs[word] {
			return j + 1, true
		}
	}
	return j, false
}

func (d *doc) addToken(s, e int, kind tokKind, para int, abbr bool) {
	raw := d.text[d.boff[s]:d.boff[e]]
	text := raw
	for _, r := range raw {
		if r >= 0x80 {
			text = norm.NFC.String(raw)
			break
		}
	}
	t := token{s: s, e: e, kind: kind, text: text, low: d.fold(text), para: para, abbr: abbr, quote: -1, mark: -1}
	if kind == tokWord {
		first, _ := utf8.DecodeRuneInString(text)
		t.cap = unicode.IsUpper(first) || unicode.IsTitle(first)
		letters, upper := 0, 0
		for _, r := range text {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
		t.upper = letters >= 2 && upper == letters
	}
	d.toks = append(d.toks, t)
}

// findDatelines marks "PORT HALDEN, Maine -" and "DHAKA (Reuters) —" at the
// start of the first paragraphs: place names there are not actors.
func (d *doc) findDatelines() {
	for pi, p := range d.paras {
		if pi > 3 {
			break
		}
		if p.tok1-p.tok0 < 3 || !d.toks[p.tok0].upper {
			continue
		}
		for i := p.tok0 + 1; i < p.tok1 && i < p.tok0+12; i++ {
			t := d.toks[i]
			if t.kind == tokPunct && (t.text == "-" || t.text == "—" || t.text == "–" || t.text == ":") {
				if i+1 < p.tok1 {
					for k := p.tok0; k <= i; k++ {
						d.toks[k].dateline = true
					}
				}
				break
			}
			if t.kind == tokWord && (t.cap || t.upper) || t.kind == tokNum || t.kind == tokPunct && strings.Contains(",()/.", t.text) {
				continue
			}
			break
		}
	}
	// Bylines and credit lines are about the newsroom, not the story:
	// "By Anna Kowalczyk", "(Reporting by ...; Editing by ...)".
	for _, p := range d.paras {
		if d.isCreditLine(p) {
			for k := p.tok0; k < p.tok1; k++ {
				d.toks[k].dateline = true
			}
		}
	}
}

// isCreditLine reports a byline or a reporting credit paragraph.
func (d *doc) isCreditLine(p paragraph) bool {
	k := p.tok0
	if d.toks[k].text == "(" {
		k++
	}
	if k >= p.tok1 {
		return false
	}
	first := d.toks[k].low
	n := p.tok1 - p.tok0
	switch first {
	case "by":
		// a short line of names
		for j := k + 1; j < p.tok1; j++ {
			t := d.toks[j]
			if t.kind == tokWord && !t.cap && t.low != "and" && t.low != "in" && !nameParticles[t.low] {
				return false
			}
		}
		return n <= 12
	case "reporting", "additional", "editing", "writing", "compiled", "contributing":
		return j1(d, k) == "by" || d.toks[k].low == "additional" || n <= 40 && strings.Contains(d.span(p.tok0, p.tok1), " by ")
	case "copyright", "©":
		return n <= 30
	case "updated", "published", "posted", "last":
		// "Updated 10:32 a.m. ET", "Last updated: Tuesday"
		return n <= 14 && (first != "last" || j1(d, k) == "updated" || j1(d, k) == "modified")
	case "read", "related", "see", "watch", "listen", "more", "photo", "photograph", "image", "video":
		// "Read more: ...", "Related: ...", "(Photo: Jane Doe/Reuters)": links
		// and captions between paragraphs
		next := j1(d, k)
		if next == ":" {
			return n <= 30
		}
		return (first == "read" || first == "see") && (next == "more" || next == "also") && n <= 30
	case "this":
		// "This story has been updated." / "This article was amended ..."
		line := strings.ToLower(d.span(p.tok0, p.tok1))
		return n <= 20 && (strings.HasPrefix(line, "this story has been") || strings.HasPrefix(line, "this article has been") ||
			strings.HasPrefix(line, "this story was") || strings.HasPrefix(line, "this article was"))
	}
	if last := d.toks[p.tok1-1]; n <= 20 && strings.HasSuffix(strings.ToLower(d.span(p.tok0, p.tok1)), "all rights reserved.") && last.kind == tokPunct {
		return true
	}
	return false
}

func j1(d *doc, k int) string {
	if k+1 < len(d.toks) {
		return d.toks[k+1].low
	}
	return ""
}

func (d *doc) isTerminal(t token) bool {
	if t.kind != tokPunct {
		return false
	}
	switch t.text[0] {
	case '.', '!', '?':
		return true
	}
	return t.text == "…"
}

// startsSentence reports whether token j can begin a new sentence.
func (d *doc) startsSentence(j, end int) bool {
	if j >= end {
		return true
	}
	t := d.toks[j]
	switch t.kind {
	case tokWord:
		return t.cap
	case tokNum:
		return true
	case tokQuote:
		return t.mark >= 0 && d.quotes[t.mark].open == j
	case tokPunct:
		return t.text == "(" || t.text == "["
	case tokSym:
		return true
	}
	return false
}

// cueFollows reports whether the tokens from j read like "Tom Adair said"
// or "he added": a quote ending in a period and followed by such a cue
// belongs to one sentence with it.
func (d *doc) cueFollows(j, end int) bool {
	for k := j; k < end && k < j+7; k++ {
		t := d.toks[k]
		if t.kind == tokPunct && t.text != "," || t.kind == tokQuote {
			return false
		}
		if t.kind != tokWord {
			continue
		}
		if vi, ok := d.lx.verbs[t.low]; ok && vi.class == classSay && (vi.form == formPast || vi.form == formS) {
			if k == j {
				return false
			}
			// the cue must close the sentence soon: "Tom Adair said." or "he
			// said on Tuesday.", not "She added: ..." or "He said that ..."
			// nor "Exporters said the tariffs would hurt.", whose object
			// clause makes it a new statement rather than the quote's cue.
			afterPrep := false
			for m := k + 1; m < end && m < k+7; m++ {
				n := d.toks[m]
				if d.isTerminal(n) {
					return true
				}
				if n.kind == tokQuote || n.kind == tokPunct && n.text != "," || n.low == "that" {
					return false
				}
				if n.kind != tokWord {
					continue
				}
				if m == k+1 && prepositions[n.low] {
					afterPrep = true
				}
				if d.lx.aux[n.low] {
					return false
				}
				if vi, ok := d.lx.verbs[n.low]; ok && !afterPrep && m > k+1 && (vi.form == formPast || vi.form == formS) {
					return false
				}
			}
			return k+1 >= end
		}
		if k == j && !t.cap {
			return false
		}
	}
	return false
}

var titleAbbrevs = map[string]bool{"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "prof.": true, "gen.": true,
	"lt.": true, "col.": true, "maj.": true, "capt.": true, "sgt.": true, "gov.": true, "sen.": true, "rep.": true,
	"rev.": true, "st.": true, "hon.": true, "adm.": true, "fr.": true, "supt.": true, "insp.": true, "det.": true,
	"del.": true, "amb.": true, "atty.": true, "treas.": true, "brig.": true, "msgr.": true, "pvt.": true, "cmdr.": true}

// titleOnlyAbbrevs are abbreviated titles that stand before a name ("state
// Del. Marcia Prince", "Amb. Jane Roe"): their period ends no sentence.
var titleOnlyAbbrevs = map[string]bool{"del": true, "amb": true, "atty": true, "treas": true, "brig": true, "msgr": true, "pvt": true}

func (d *doc) splitSentences() {
	for pi, p := range d.paras {
		start := p.tok0
		emit := func(end int) {
			if end > start {
				d.sents = append(d.sents, sentence{tok0: start, tok1: end, para: pi})
				for k := start; k < end; k++ {
					d.toks[k].sent = len(d.sents) - 1
				}
			}
			start = end
		}
		for i := p.tok0; i < p.tok1; i++ {
			t := d.toks[i]
			if t.quote >= 0 {
				continue // never inside a quote
			}
			end := false
			switch {
			case d.isTerminal(t):
				end = d.startsSentence(i+1, p.tok1) && !(t.text == "." && i > p.tok0 && titleOnlyAbbrevs[d.toks[i-1].low] && d.toks[i-1].cap)
			case t.abbr:
				if !titleAbbrevs[t.low] && i+1 < p.tok1 {
					n := d.toks[i+1]
					end = n.kind == tokWord && n.cap && d.lx.starters[n.low] ||
						n.kind == tokQuote && n.mark >= 0 && d.quotes[n.mark].open == i+1
				}
			case t.kind == tokQuote && t.mark >= 0 && d.quotes[t.mark].close == i && d.quotes[t.mark].parent < 0:
				if i-1 >= p.tok0 && d.isTerminal(d.toks[i-1]) && i+1 < p.tok1 {
					end = d.startsSentence(i+1, p.tok1) && !d.cueFollows(i+1, p.tok1)
				}
			}
			if end {
				j := i + 1
				for j < p.tok1 && d.toks[j].kind == tokPunct && (d.toks[j].text == ")" || d.toks[j].text == "]") {
					j++
				}
				emit(j)
				i = j - 1
			}
		}
		emit(p.tok1)
	}
}

// span returns the source text of tokens [a, b), whitespace collapsed, NFC.
func (d *doc) span(a, b int) string {
	if a >= b {
		return ""
	}
	s := d.text[d.boff[d.toks[a].s]:d.boff[d.toks[b-1].e]]
	if plainASCII(s) {
		return s // already collapsed and NFC: the common case, no copy
	}
	s = strings.Join(strings.Fields(s), " ")
	return norm.NFC.String(s)
}

// plainASCII reports ASCII text whose only whitespace is single spaces
// between non-space bytes: strings.Fields and NFC leave it unchanged.
func plainASCII(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' {
			return false
		}
		if c == ' ' && s[i+1] == ' ' {
			return false
		}
	}
	return true
}

// collapseSpaces is strings.Join(strings.Fields(s), " ") without the copy
// when s is already in that form.
func collapseSpaces(s string) string {
	if plainASCII(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// countFields is len(strings.Fields(s)) without building the slice.
func countFields(s string) int {
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	return n
}

// firstField returns strings.Fields(s)[0], or "", and the number of fields.
func firstField(s string) (string, int) {
	first, n := "", 0
	for f := range strings.FieldsSeq(s) {
		if n == 0 {
			first = f
		}
		n++
	}
	return first, n
}

// lastFields returns the last n of strings.Fields(s); n <= the field count.
func lastFields(s string, n int) []string {
	out := make([]string, 0, n)
	total := countFields(s)
	i := 0
	for f := range strings.FieldsSeq(s) {
		if i >= total-n {
			out = append(out, f)
		}
		i++
	}
	return out
}

// runeText returns the source runes [s, e) exactly as given.
func (d *doc) runeText(s, e int) string { return d.text[d.boff[s]:d.boff[e]] }

package briefing

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The summary is the lead: the first sentences of the story proper, which
// in news say what happened, who and where. Page furniture is skipped on
// the way: bylines, datelines, dates, reading times, captions, teasers and
// newsletter pitches, none of which says what happened.

const (
	summaryMax       = 600 // characters, the most a summary may hold
	summaryEnough    = 160 // a lead this long says what happened
	summarySentences = 3
	// a paragraph with no sentence end and fewer words than this is a label,
	// a date or a byline, not the lead
	labelWords = 25
)

func (an *analysis) summary() string {
	lead := an.leadPara()
	var parts []string
	total := 0
	lastPara, curPara, skip := -1, -1, false
	for si := 0; si < len(an.sents); si++ {
		s := an.sents[si]
		if s.para < lead {
			continue
		}
		if s.para != curPara {
			curPara = s.para
			if len(parts) > 0 && (total >= 120 || s.para > lastPara+1) {
				break // the lead ends with its paragraph unless it was very short
			}
			skip = an.furnitureParagraph(s.para, si)
			if skip && len(parts) > 0 {
				break
			}
		}
		if skip {
			continue
		}
		a := s.tok0
		for a < s.tok1 && (an.toks[a].dateline || an.toks[a].kind == tokPunct && len(parts) == 0) {
			a++
		}
		if a >= s.tok1 {
			continue
		}
		text := sanitizeLine(an.span(a, s.tok1))
		if len(parts) == 0 {
			text = trimLabel(text)
		}
		if text == "" || isPromo(text) {
			continue
		}
		if len(parts) > 0 && total+1+utf8.RuneCountInString(text) > summaryMax {
			break
		}
		parts = append(parts, text)
		total += utf8.RuneCountInString(text) + 1
		lastPara = s.para
		if total >= summaryEnough || len(parts) == summarySentences {
			break
		}
	}
	if len(parts) == 0 {
		// nothing reads as a lead (or the script has no words we know): the
		// first paragraph of the story as it stands
		for pi := lead; pi < len(an.paras); pi++ {
			if t := sanitizeLine(an.runeText(an.paras[pi].s, an.paras[pi].e)); t != "" {
				parts = append(parts, t)
				break
			}
		}
	}
	out := strings.Join(parts, " ")
	if utf8.RuneCountInString(out) > summaryMax {
		out = clipRunes(out, summaryMax)
	}
	return out
}

// furnitureParagraph reports a paragraph (whose first sentence is first)
// that is not prose: no sentence
// end and few words (a byline, a date, "BAAR, SWITZERLAND", a teaser
// title), a line of "·" or "|" separated items, or nothing but promotion.
func (an *analysis) furnitureParagraph(pi, first int) bool {
	p := an.paras[pi]
	words, content := 0, 0
	last := -1
	for k := p.tok0; k < p.tok1; k++ {
		t := an.toks[k]
		if t.kind == tokWord {
			words++
			if !t.dateline {
				content++
			}
		}
		if t.kind != tokQuote {
			last = k
		}
	}
	if content == 0 {
		return true
	}
	text := an.runeText(p.s, p.e)
	if words < 30 && (strings.Contains(text, "·") || strings.Contains(text, " | ") || strings.Contains(text, "•")) {
		return true
	}
	if words < labelWords && (last < 0 || !an.isTerminal(an.toks[last]) && !strings.HasSuffix(text, "。")) {
		return true
	}
	// every sentence a pitch: "... headlines are here. Check out what's ..."
	for si := first; si < len(an.sents) && an.sents[si].para == pi; si++ {
		if !isPromo(an.span(an.sents[si].tok0, an.sents[si].tok1)) {
			return false
		}
	}
	return true
}

// promoPhrases mark a sentence that sells the page rather than tells the
// story.
var promoPhrases = []string{
	"check out", "click here", "sign up", "subscribe", "newsletter", "follow us", "read more", "read the full",
	"headlines for", "headlines are here", "minute read", "min read", "reading time", "download the app",
	"download our app", "listen to this article", "advertisement", "sponsored content", "has been compensated",
	"all opinions are mine", "originally published", "this article first appeared", "don't miss", "watch the video",
	"watch:", "get the latest", "share this article", "share on facebook", "opens in a new window",
}

func isPromo(text string) bool {
	low := strings.ToLower(text)
	for _, p := range promoPhrases {
		if strings.Contains(low, p) {
			return true
		}
	}
	return false
}

// trimLabel drops a leading label ending in a colon, "Washington, DC,
// United States: Getting to the Moon ...": a dateline or rubric made of a
// few capitalised words.
func trimLabel(text string) string {
	i := strings.Index(text, ": ")
	if i <= 0 || i > 60 {
		return text
	}
	words := strings.Fields(strings.ReplaceAll(text[:i], ",", " "))
	if len(words) == 0 || len(words) > 6 {
		return text
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return text
		}
	}
	rest := strings.TrimSpace(text[i+2:])
	if utf8.RuneCountInString(rest) < 20 {
		return text
	}
	return rest
}

// sanitizeLine drops control characters and bidirectional overrides, which
// no reader should receive, and collapses spaces.
func sanitizeLine(s string) string {
	clean := true
	for _, r := range s {
		if isUnsafeRune(r) {
			clean = false
			break
		}
	}
	if !clean {
		s = strings.Map(func(r rune) rune {
			if isUnsafeRune(r) {
				return ' '
			}
			return r
		}, s)
	}
	return collapseSpaces(s)
}

func isUnsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case unicode.IsControl(r):
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0xFEFF:
		return true
	}
	return false
}

// clipRunes shortens s to at most n runes at a word boundary, marking the cut.
func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1
	for cut > n/2 && !unicode.IsSpace(r[cut]) {
		cut--
	}
	if cut <= n/2 {
		cut = n - 1
	}
	return strings.TrimRight(string(r[:cut]), " ,;:—–-") + "…"
}

package briefing

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what a briefing shows, applied where briefings are stored and
// printed (Tidy), whatever the engine made.
const (
	MaxSummarySentences = 3
	MaxSummaryRunes     = 600
	MaxTitleRunes       = 200
	// maxLineRunes bounds a byline, a site name or a language tag.
	maxLineRunes = 200
)

// isCleanJunk reports runes that are never text: C0 controls except tab and
// newline, DEL, C1 controls, bidi embedding, override and isolate controls
// and marks (which can make a quote read backwards), and the byte-order mark
// inside text.
func isCleanJunk(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		return true
	case r == 0xfeff:
		return true
	}
	return false
}

// CleanText makes untrusted text safe to brief, store and show: invalid
// UTF-8 becomes U+FFFD, CRLF and lone CR become newlines, and NUL, other
// control characters (all but newline and tab) and bidi controls are
// removed. Text that needs none of this is returned as is, so clean text
// costs one pass and no allocation.
func CleanText(s string) string {
	clean := true
	for i, r := range s {
		if isCleanJunk(r) || (r == utf8.RuneError && !cleanValidAt(s, i)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			if i+1 >= len(s) || s[i+1] != '\n' {
				b.WriteByte('\n')
			}
		case isCleanJunk(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// cleanValidAt reports whether the U+FFFD decoded at s[i] is really written there
// (three bytes) rather than standing for an invalid byte.
func cleanValidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 3
}

// CleanLine is CleanText for one-line fields (titles, names, bylines): any
// run of whitespace, newlines included, becomes one space, and the ends are
// trimmed.
func CleanLine(s string) string {
	s = CleanText(s)
	if !cleanNeedsCollapse(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func cleanNeedsCollapse(s string) bool {
	prevSpace := true // a leading space needs trimming
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prevSpace || r != ' ') {
			return true
		}
		prevSpace = sp
	}
	return prevSpace && s != ""
}

// CleanArticle cleans every text field of an article at ingestion, so the
// engine, storage and every reply see the same characters and quote offsets
// point into the text as stored. The title is capped at MaxTitleRunes.
func CleanArticle(a Article) Article {
	a.URL = CleanLine(a.URL)
	a.CanonicalURL = CleanLine(a.CanonicalURL)
	a.Title = CapRunes(CleanLine(a.Title), MaxTitleRunes)
	a.Byline = CapRunes(CleanLine(a.Byline), maxLineRunes)
	a.Site = CapRunes(CleanLine(a.Site), maxLineRunes)
	a.Language = CapRunes(CleanLine(a.Language), 35) // BCP 47 tags are short
	a.Text = CleanText(a.Text)
	return a
}

// Tidy applies the output limits to a briefing: control and bidi characters
// removed from every field but the quotes (whose text must stay exactly the
// article's characters, clean when the article was), the title capped at
// MaxTitleRunes and the summary at MaxSummarySentences sentences and
// MaxSummaryRunes runes. A briefing within the limits is returned unchanged.
func Tidy(b Briefing) Briefing {
	b.Title = CapRunes(CleanLine(b.Title), MaxTitleRunes)
	b.Summary = CapSummary(CleanLine(b.Summary))
	if len(b.Actors) > 0 {
		actors := make([]Actor, len(b.Actors))
		for i, a := range b.Actors {
			a.Name = CleanLine(a.Name)
			a.Role = CleanLine(a.Role)
			if len(a.Aliases) > 0 {
				aliases := make([]string, len(a.Aliases))
				for j, s := range a.Aliases {
					aliases[j] = CleanLine(s)
				}
				a.Aliases = aliases
			}
			actors[i] = a
		}
		b.Actors = actors
	}
	if len(b.Quotes) > 0 {
		quotes := make([]Quote, len(b.Quotes))
		for i, q := range b.Quotes {
			q.Speaker = CleanLine(q.Speaker)
			q.Cue = CleanLine(q.Cue)
			quotes[i] = q
		}
		b.Quotes = quotes
	}
	if len(b.Positions) > 0 {
		positions := make([]Position, len(b.Positions))
		for i, p := range b.Positions {
			p.Actor = CleanLine(p.Actor)
			p.Statement = CleanLine(p.Statement)
			positions[i] = p
		}
		b.Positions = positions
	}
	return b
}

// CapRunes shortens s to at most n runes, cutting at a word boundary when
// one is near and marking the cut with an ellipsis.
func CapRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	cut := 0
	for i := range s {
		if utf8.RuneCountInString(s[:i]) >= n-1 {
			cut = i
			break
		}
	}
	head := s[:cut]
	// Back up to a space in the last fifth, so a word is not cut in two.
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)*4/5 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ,;:-–—") + "…"
}

// CapSummary keeps the first MaxSummarySentences sentences of s and at most
// MaxSummaryRunes runes.
func CapSummary(s string) string {
	// The text after the last sentence end found is one more sentence.
	if ends := summarySentenceEnds(s, MaxSummarySentences); len(ends) == MaxSummarySentences &&
		strings.TrimSpace(s[ends[MaxSummarySentences-1]:]) != "" {
		s = strings.TrimSpace(s[:ends[MaxSummarySentences-1]])
	}
	return CapRunes(s, MaxSummaryRunes)
}

// summaryAbbrevs end with a period without ending a sentence.
var summaryAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "sen": true, "rep": true,
	"gov": true, "col": true, "lt": true, "sgt": true, "capt": true, "prof": true, "rev": true, "jr": true,
	"sr": true, "inc": true, "corp": true, "ltd": true, "co": true, "no": true, "vs": true, "etc": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "mt": true, "ft": true, "approx": true,
}

// summarySentenceEnds returns the byte offsets just past the first max sentence
// ends of s: '.', '!' or '?' (with closing quotes or brackets) followed by
// a space and a capital, digit or opening quote. Initials ("U.S.") and
// common abbreviations do not end a sentence. It errs towards fewer ends, so
// a summary is cut only when it surely has too many sentences.
func summarySentenceEnds(s string, max int) []int {
	var ends []int
	for i := 0; i < len(s) && len(ends) < max; i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !strings.ContainsRune(`"')]”’»`, r) {
				break
			}
			j += size
		}
		if j >= len(s) || s[j] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[j+1:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"'“‘«`, next)) {
			continue
		}
		if c == '.' {
			w := cleanLastWord(s[:i])
			if w == "" || utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") || summaryAbbrevs[strings.ToLower(w)] {
				continue
			}
		}
		ends = append(ends, j)
	}
	return ends
}

// cleanLastWord returns the run of letters and periods at the end of s.
func cleanLastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		i -= size
	}
	return s[i:]
}

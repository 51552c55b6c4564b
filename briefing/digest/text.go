package digest

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// appendFolded appends r lower-cased and without accents, so "Zürich" and
// "Zurich" index the same.
func appendFolded(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	r = unicode.ToLower(r)
	// Letters that NFD does not decompose but readers treat as plain Latin.
	switch r {
	case 'ß':
		return append(dst, 's', 's')
	case 'æ':
		return append(dst, 'a', 'e')
	case 'œ':
		return append(dst, 'o', 'e')
	case 'ø':
		return append(dst, 'o')
	case 'ł':
		return append(dst, 'l')
	case 'đ':
		return append(dst, 'd')
	case 'ı':
		return append(dst, 'i')
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Bytes(buf[:n])
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		d = d[size:]
		if !unicode.Is(unicode.Mn, c) {
			dst = utf8.AppendRune(dst, c)
		}
	}
	return dst
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// eachWord calls fn with every word of s, lower-cased and folded, in a
// buffer that is reused (fn must copy what it keeps). Apostrophes inside a
// word are dropped ("O'Brien" -> "obrien") and a possessive "'s" goes, so
// "Kessler's" counts as "kessler". It returns buf for reuse.
func eachWord(s string, buf []byte, fn func(w []byte)) []byte {
	w := buf[:0]
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c != '\'' {
			// ASCII, the bulk of most texts: no decoding, no tables.
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				w = append(w, c)
			case 'A' <= c && c <= 'Z':
				w = append(w, c+'a'-'A')
			case len(w) > 0:
				fn(w)
				w = w[:0]
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case isWordRune(r):
			w = appendFolded(w, r)
		case isApostrophe(r) && len(w) > 0:
			next, nsize := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(next) {
				fn(w)
				w = w[:0]
				continue
			}
			if next == 's' || next == 'S' {
				after, _ := utf8.DecodeRuneInString(s[i+nsize:])
				if i+nsize >= len(s) || !isWordRune(after) {
					i += nsize // possessive
				}
			}
		case unicode.Is(unicode.Mn, r):
			// A combining accent written separately: part of the word.
		default:
			if len(w) > 0 {
				fn(w)
				w = w[:0]
			}
		}
	}
	if len(w) > 0 {
		fn(w)
	}
	return w
}

// countWords counts words the way eachWord splits them.
func countWords(s string) int {
	n := 0
	var buf [64]byte
	eachWord(s, buf[:0], func([]byte) { n++ })
	return n
}

func hasSuffix(w []byte, s string) bool {
	return len(w) >= len(s) && string(w[len(w)-len(s):]) == s
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func hasVowel(w []byte) bool {
	for _, c := range w {
		if isVowel(c) {
			return true
		}
	}
	return false
}

func isASCIILetters(w []byte) bool {
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// stem strips common English inflections in place, so "strikes",
// "striking" and "strike" share one term. It is deliberately light: it only
// has to map the forms two outlets use for one event onto one key, not to
// produce dictionary words.
func stem(w []byte) []byte {
	if len(w) <= 3 || !isASCIILetters(w) {
		return w
	}
	n := len(w)
	switch {
	case hasSuffix(w, "ies") && n > 4:
		w = append(w[:n-3], 'y')
	case hasSuffix(w, "sses"):
		w = w[:n-2]
	case hasSuffix(w, "ss"), hasSuffix(w, "us"), hasSuffix(w, "is"):
	case w[n-1] == 's':
		w = w[:n-1]
	}
	n = len(w)
	switch {
	case hasSuffix(w, "ing") && n >= 6 && hasVowel(w[:n-3]):
		w = undouble(w[:n-3])
	case hasSuffix(w, "ed") && n >= 5 && hasVowel(w[:n-2]):
		w = undouble(w[:n-2])
	}
	if len(w) > 4 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

// undouble turns "stopp" (from "stopped") back into "stop".
func undouble(w []byte) []byte {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !isVowel(w[n-1]) {
		switch w[n-1] {
		case 'l', 's', 'z':
			return w
		}
		return w[:n-1]
	}
	return w
}

// normName is the key actors are matched by: folded, lower-case, dots and
// apostrophes dropped ("U.S." -> "us"), other punctuation as spaces, and a
// leading "the" removed ("The Harbour Union" = "Harbour Union").
func normName(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for _, r := range s {
		switch {
		case isWordRune(r):
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = appendFolded(b, r)
		case r == '.' || isApostrophe(r) || unicode.Is(unicode.Mn, r):
		default:
			space = true
		}
	}
	out := string(b)
	if rest, ok := strings.CutPrefix(out, "the "); ok {
		out = rest
	}
	return out
}

// stripHonorifics removes leading titles from a normalised name, so a
// speaker written "Mr Osei" or "President Ruiz" finds the actor.
func stripHonorifics(n string) string {
	for {
		first, rest, ok := strings.Cut(n, " ")
		if !ok {
			return n
		}
		switch first {
		case "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "professor",
			"president", "senator", "sen", "rep", "gov", "governor", "minister",
			"chancellor", "mayor", "judge", "justice", "general", "gen", "col",
			"captain", "capt", "lord", "lady", "rev", "father", "sheikh", "king",
			"queen", "prince", "princess", "chief", "ceo", "chair", "chairman",
			"chairwoman", "secretary", "premier", "pm", "coach", "commissioner":
			n = rest
		case "prime", "foreign", "finance", "defence", "defense", "trade", "interior", "health":
			// "prime minister Ruiz", "trade minister Marchetti"
			if r, ok := strings.CutPrefix(rest, "minister "); ok {
				n = r
				continue
			}
			if r, ok := strings.CutPrefix(rest, "secretary "); ok {
				n = r
				continue
			}
			return n
		default:
			return n
		}
	}
}

// nextParagraph splits off the first paragraph of s (up to a blank line)
// and returns it and the byte offset where the rest starts.
func nextParagraph(s string) (para string, next int) {
	for i := 0; i < len(s); i++ {
		if s[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			return s[:i], j + 1
		}
	}
	return s, len(s)
}

// eachLeadWord calls fn, as eachWord does, for the words of the opening
// of text that says what the story is about: the first paragraphs, at
// least minParas of them or minWords words, never more than maxWords
// words. Outlets covering one event agree most in their leads; later
// paragraphs drift into background. It returns buf for reuse.
func eachLeadWord(text string, minParas, minWords, maxWords int, buf []byte, fn func(w []byte)) []byte {
	words, paras := 0, 0
	count := func(w []byte) {
		if words < maxWords {
			fn(w)
			words++
		}
	}
	for off := 0; off < len(text) && words < maxWords; {
		if paras >= minParas && words >= minWords {
			break
		}
		para, next := nextParagraph(text[off:])
		off += next
		if strings.TrimSpace(para) == "" {
			continue
		}
		buf = eachWord(para, buf, count)
		paras++
	}
	return buf
}

// cleanHeadline makes a one-line headline from an article title: one line,
// spaces collapsed, the site name the page appends (" | Site", " - Site")
// removed, and at most maxRunes runes, cut at a word with an ellipsis.
func cleanHeadline(title, site, rawURL string, maxRunes int) string {
	t := strings.Join(strings.Fields(strings.ToValidUTF8(title, "")), " ")
	for range 2 {
		cut, ok := stripSiteSuffix(t, site, rawURL)
		if !ok {
			break
		}
		t = cut
	}
	return truncateRunes(t, maxRunes)
}

// stripSiteSuffix removes a trailing " | Site" or " - Site" when the part
// after the separator names the site, or when the separator is a pipe and
// the tail is short (pipes in titles are almost always the site's brand).
func stripSiteSuffix(t, site, rawURL string) (string, bool) {
	best, sep := -1, ""
	for _, s := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		if i := strings.LastIndex(t, s); i > best {
			best, sep = i, s
		}
	}
	if best <= 0 {
		return t, false
	}
	head, tail := strings.TrimSpace(t[:best]), strings.TrimSpace(t[best+len(sep):])
	if head == "" || tail == "" {
		return t, false
	}
	nt := normName(tail)
	if nt == "" {
		return t, false
	}
	squash := func(s string) string { return strings.ReplaceAll(s, " ", "") }
	if ns := normName(site); ns != "" && (nt == ns || squash(nt) == squash(ns)) {
		return head, true
	}
	if h := hostBrand(hostOf(rawURL)); h != "" && squash(nt) == h {
		return head, true
	}
	if sep == " | " && countWords(tail) <= 4 && countWords(head) >= 3 {
		return head, true
	}
	return t, false
}

// hostOf returns the host of a URL without "www.", or "".
func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// hostBrand is the registrable name of a host: "news.harbourgazette.co.uk"
// -> "harbourgazette".
func hostBrand(host string) string {
	parts := strings.Split(host, ".")
	if len(parts) < 2 {
		return ""
	}
	i := len(parts) - 2
	if i > 0 && len(parts[i]) <= 3 && len(parts[len(parts)-1]) == 2 {
		i-- // co.uk, com.au
	}
	return parts[i]
}

// truncateRunes cuts s to at most max runes, at a word boundary when one is
// near, marking the cut with an ellipsis (counted in max).
func truncateRunes(s string, max int) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	runes := []rune(s)[:max-1]
	cut := len(runes)
	for i := len(runes) - 1; i > len(runes)*2/3; i-- {
		if runes[i] == ' ' {
			cut = i
			break
		}
	}
	out := strings.TrimRight(string(runes[:cut]), " ,;:-–—")
	return out + "…"
}

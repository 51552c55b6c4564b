package storage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSearchWords bounds the work one search can ask of the index.
const maxSearchWords = 32

// ftsQuery turns untrusted search text into an FTS4 MATCH expression that
// always parses. Each word (a run of letters, digits and combining marks)
// becomes a double-quoted phrase, so operators (AND, OR, NOT, NEAR, '-',
// parentheses, column filters) lose their meaning; the phrases are ANDed.
// A '*' right after a word keeps its prefix meaning ("clim*"). Words typed as
// the operators AND, OR, NOT and NEAR in capitals are dropped: the user meant
// them as operators, and as terms they match almost everything.
// It returns "" when the text holds no word to search for.
func ftsQuery(input string) string {
	var (
		b     strings.Builder
		n     int
		start = -1
	)
	emit := func(word string, prefix bool) {
		if n >= maxSearchWords {
			return
		}
		switch word {
		case "AND", "OR", "NOT", "NEAR":
			return
		}
		if !hasLetterOrDigit(word) {
			return
		}
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(word)
		if prefix {
			b.WriteByte('*')
		}
		b.WriteByte('"')
		n++
	}
	for i, r := range input {
		if r != utf8.RuneError && isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			emit(input[start:i], r == '*')
			start = -1
		}
	}
	if start >= 0 {
		emit(input[start:], false)
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// isFTSToken reports whether s is one token of the index (Discord's server
// ids are digits), so a column filter on it matches exactly that server.
func isFTSToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

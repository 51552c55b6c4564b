package briefing

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzBrief feeds the engine arbitrary text: it must not panic, every quote
// offset must lie inside the text, and every quote's Text must equal the
// runes at [Start, End). It calls brief, not Brief, so a panic is not
// hidden by Brief's safety net.
func FuzzBrief(f *testing.F) {
	seeds := []string{
		"", "\"", "'", "«", "»", "„“", "''''", "\"a\" \"b", "O'Neill's '90s", "U.S. Gen. Mr.",
		"He said: 'A.\n\n'B.\n\n'C", "\"A,\" she said, \"B.\"", "«Oui», dit-il.", "A \"B 'C\" D' E",
		"Mr Smith's \"Tommy\" Jones, 52, of Elm Street, said \"no\".",
		"DUBLIN - Taoiseach X said 'y'", "\xff\"\xfe'", "a\u0301\"b\u0301\"",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	if paths, err := filepath.Glob(filepath.Join("testdata", "*.txt")); err == nil {
		for _, p := range paths {
			if raw, err := os.ReadFile(p); err == nil {
				f.Add(string(raw))
			}
		}
	}
	e := New()
	f.Fuzz(func(t *testing.T, text string) {
		a := Article{Title: firstLine(text), Text: text}
		b := e.brief(a)
		checkInvariants(t, a, b)
	})
}

package briefing

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"clean text is kept", "Mayor Ruiz said \"no\".\n\n\tNext.", "Mayor Ruiz said \"no\".\n\n\tNext."},
		{"NUL and controls", "a\x00b\x01c\x1bd\x7fe\u0085f", "abcdef"},
		{"CR line ends", "one\r\ntwo\rthree", "one\ntwo\nthree"},
		{"bidi overrides and isolates", "evil\u202Egnp.exe and \u2066iso\u2069 \u200Fmark", "evilgnp.exe and iso mark"},
		{"byte-order mark inside", "\ufeffHead\ufeffline", "Headline"},
		{"invalid UTF-8", "caf\xe9 ok", "caf\uFFFD ok"},
		{"real U+FFFD kept", "a\uFFFDb", "a\uFFFDb"},
		{"non-Latin text kept", "Ελλάδα 日本 مرحبا", "Ελλάδα 日本 مرحبا"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CleanText(tc.in); got != tc.want {
				t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCleanLine(t *testing.T) {
	for in, want := range map[string]string{
		"  Harbour\n levy\t rises  ": "Harbour levy rises",
		"%PDF-1.4\x00\x01\x02 obj":   "%PDF-1.4 obj",
		"Plain title":                "Plain title",
		"":                           "",
		"\x00\x01":                   "",
	} {
		if got := CleanLine(in); got != want {
			t.Errorf("CleanLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCapSummary(t *testing.T) {
	long := strings.Repeat("word ", 200)
	for _, tc := range []struct{ name, in, want string }{
		{"three sentences kept", "The U.S. Senate voted on Monday. Mr. Ruiz said it would pass. Gen. Lind disagreed.",
			"The U.S. Senate voted on Monday. Mr. Ruiz said it would pass. Gen. Lind disagreed."},
		{"fourth sentence cut", "One happened. Two followed. \"Three,\" she said. Four is too many. Five too.",
			"One happened. Two followed. \"Three,\" she said."},
		{"questions and exclamations", "Why now? Because! It is late. Really late.", "Why now? Because! It is late."},
		{"decimals and initials", "Prices rose 2.5 per cent in J. K. Rowling's town. It rained. Again.",
			"Prices rose 2.5 per cent in J. K. Rowling's town. It rained. Again."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CapSummary(tc.in); got != tc.want {
				t.Errorf("CapSummary = %q\nwant %q", got, tc.want)
			}
		})
	}
	got := CapSummary(long)
	if n := utf8.RuneCountInString(got); n > MaxSummaryRunes || !strings.HasSuffix(got, "…") || strings.HasSuffix(got, "wor…") {
		t.Errorf("a 1000-rune summary became %d runes ending %q", n, got[len(got)-10:])
	}
}

func TestCapRunes(t *testing.T) {
	if got := CapRunes("short", 10); got != "short" {
		t.Errorf("CapRunes kept %q", got)
	}
	title := strings.Repeat("Ωmega ", 100)
	got := CapRunes(title, MaxTitleRunes)
	if n := utf8.RuneCountInString(got); n > MaxTitleRunes || !utf8.ValidString(got) {
		t.Errorf("capped title has %d runes, valid=%v", n, utf8.ValidString(got))
	}
}

func TestTidy(t *testing.T) {
	ok := Briefing{
		Title:     "Harbour levy rises",
		Summary:   "The council raised the levy. Fishermen objected.",
		Actors:    []Actor{{Name: "Ana Ruiz", Kind: KindPerson, Role: "mayor", Aliases: []string{"Ruiz"}, Mentions: 2, Key: true}},
		Quotes:    []Quote{{Text: "We will rebuild", Speaker: "Ana Ruiz", Direct: true, Cue: "said", Start: 3, End: 18}},
		Positions: []Position{{Actor: "Ana Ruiz", Statement: "rebuild the pier", Stance: "supports"}},
	}
	if got := Tidy(ok); !equalJSON(t, got, ok) {
		t.Errorf("Tidy changed a clean briefing:\n%+v", got)
	}
	bad := ok
	bad.Title = "%PDF-1.4\x00\x01" + strings.Repeat("x", 400)
	bad.Summary = strings.Repeat("Sentence here. ", 100)
	bad.Actors = []Actor{{Name: "\u202Eevil\x00", Kind: KindPerson, Aliases: []string{"a\x01b"}}}
	bad.Positions = []Position{{Actor: "x\x02", Statement: "wants\u2066 it", Stance: "claims"}}
	got := Tidy(bad)
	if utf8.RuneCountInString(got.Title) > MaxTitleRunes || strings.ContainsRune(got.Title, 0) {
		t.Errorf("title not capped or cleaned: %q", got.Title)
	}
	if got.Summary != "Sentence here. Sentence here. Sentence here." {
		t.Errorf("summary = %q", got.Summary)
	}
	if got.Actors[0].Name != "evil" || got.Actors[0].Aliases[0] != "ab" || got.Positions[0].Actor != "x" || got.Positions[0].Statement != "wants it" {
		t.Errorf("fields not cleaned: %+v %+v", got.Actors, got.Positions)
	}
	if bad.Actors[0].Name != "\u202Eevil\x00" {
		t.Error("Tidy changed its argument's slices")
	}
}

func equalJSON(t *testing.T, a, b Briefing) bool {
	t.Helper()
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return string(ja) == string(jb)
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "plain", "a\x00b\r\nc", "\u202Eabc\u2069", "caf\xe9", "%PDF-1.4\n\x80\x81", "Dr. No. Yes! Why? Fine."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := CleanText(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		for _, r := range out {
			if isCleanJunk(r) || r == '\r' {
				t.Fatalf("junk %U left in %q", r, out)
			}
		}
		if CleanText(out) != out {
			t.Fatalf("not idempotent on %q", s)
		}
		line := CleanLine(s)
		if CleanLine(line) != line || strings.ContainsAny(line, "\n\t") {
			t.Fatalf("CleanLine(%q) = %q", s, line)
		}
		sum := CapSummary(line)
		if utf8.RuneCountInString(sum) > MaxSummaryRunes || len(summarySentenceEnds(sum, 10)) > MaxSummarySentences {
			t.Fatalf("CapSummary(%q) = %q exceeds the caps", line, sum)
		}
	})
}

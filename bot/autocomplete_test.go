package bot

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/storage"
)

func TestFoldKey(t *testing.T) {
	for in, want := range map[string]string{
		"Helen Ortíz":         "helen ortiz",
		"  ÉLYSÉE  Palace ":   "elysee palace",
		"O'Neill-Smith":       "o neill smith",
		"America/New_York":    "america new york",
		"Łódź":                "łodz", // a stroke is a letter of its own, not an accent
		"São Tomé & Príncipe": "sao tome principe",
		"":                    "",
		"!!!":                 "",
		"İstanbul":            "istanbul",
		"ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ": "ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ",
	} {
		if got := foldKey(in); got != want {
			t.Errorf("foldKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQueryRank(t *testing.T) {
	tests := []struct {
		typed, name string
		want        int
	}{
		{"", "anything", matchStart},
		{"hel", "Helen Ortíz", matchStart},
		{"orti", "Helen Ortíz", matchWords},
		{"ORTIZ", "Helen Ortíz", matchWords},
		{"ortiz hel", "Helen Ortíz", matchWords},
		{"ald", "Aldwick ferry fares", matchStart},
		{"fares", "Aldwick ferry fares", matchWords},
		{"ldwi", "Aldwick ferry fares", matchAnywhere},
		{"k fer", "Aldwick ferry fares", matchAnywhere},
		{"ortizz", "Helen Ortíz", noMatch},
		{"new york", "America/New_York", matchWords},
		{"new_york", "America/New_York", matchWords},
	}
	for _, tt := range tests {
		if got := newQuery(tt.typed).bestRank([]string{tt.name}); got != tt.want {
			t.Errorf("rank(%q in %q) = %d, want %d", tt.typed, tt.name, got, tt.want)
		}
	}
}

func TestRankedKeepsOrderAmongEquals(t *testing.T) {
	names := []string{"Mortimer", "Ortega", "Helen Ortiz", "Orton", "Nobody"}
	q := newQuery("ort")
	got := ranked(names, 3, func(n string) int { return q.bestRank([]string{n}) })
	if want := []string{"Ortega", "Orton", "Helen Ortiz"}; !slices.Equal(got, want) {
		t.Errorf("ranked = %v, want %v", got, want)
	}
}

// FuzzAutocompleteQuery: whatever a member types and whatever names the
// articles hold, ranking never fails, keeps only matches, and stays within
// Discord's 25 choices.
func FuzzAutocompleteQuery(f *testing.F) {
	f.Add("orti", "Helen Ortíz")
	f.Add("", "")
	f.Add("\xff\xfe", "a\u0301b")
	f.Add(strings.Repeat("a ", 200), strings.Repeat("ab", 300))
	f.Fuzz(func(t *testing.T, typed, name string) {
		q := newQuery(typed)
		if !utf8.ValidString(q.key) && utf8.ValidString(typed) {
			t.Fatalf("folded %q to invalid UTF-8", typed)
		}
		var list []storage.NameUse
		for k := range 30 {
			list = append(list, storage.NameUse{Name: fmt.Sprintf("%s %d", name, k), Terms: []string{name}})
		}
		got := ranked(list, embeds.MaxChoices, func(n storage.NameUse) int { return q.bestRank(n.Terms) })
		if len(got) > embeds.MaxChoices {
			t.Fatalf("%d results", len(got))
		}
		if r := q.bestRank([]string{name}); (r == noMatch) != (len(got) == 0) {
			t.Fatalf("rank %d but %d results", r, len(got))
		}
		completeZone(typed) // must not panic
	})
}

// BenchmarkRankNames2000 ranks a large server's 2,000 names for one keystroke.
func BenchmarkRankNames2000(b *testing.B) {
	var list []storage.NameUse
	for j := range 2000 {
		name := fmt.Sprintf("Person%d Surname%d", j, j%97)
		list = append(list, storage.NameUse{Name: name, Terms: []string{strings.ToLower(name), fmt.Sprintf("surname%d", j%97)}, Uses: 2000 - j})
	}
	q := newQuery("surn")
	for b.Loop() {
		if got := ranked(list, embeds.MaxChoices, func(n storage.NameUse) int { return q.bestRank(n.Terms) }); len(got) != embeds.MaxChoices {
			b.Fatal(len(got))
		}
	}
}

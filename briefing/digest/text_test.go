package digest

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing/digest/digesttest"
)

func words(s string) []string {
	var out []string
	eachWord(s, nil, func(w []byte) { out = append(out, string(w)) })
	return out
}

func TestEachWord(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Kessler's union", []string{"kessler", "union"}},
		{"O'Brien said", []string{"obrien", "said"}},
		{"the union’s warnings", []string{"the", "union", "warnings"}},
		{"don't", []string{"dont"}},
		{"Zürich and São Paulo", []string{"zurich", "and", "sao", "paulo"}},
		{"U.S.-led talks, 25% tariff", []string{"u", "s", "led", "talks", "25", "tariff"}},
		{"drinks-can makers", []string{"drinks", "can", "makers"}},
		{"  'quoted'  ", []string{"quoted"}},
		{"Straße", []string{"strasse"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := words(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCountWords(t *testing.T) {
	for _, in := range []string{"Kessler's union", "O'Brien said it, twice.", "Zürich and São Paulo", "", "—"} {
		if got, want := countWords(in), len(words(in)); got != want {
			t.Errorf("countWords(%q) = %d, eachWord finds %d", in, got, want)
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"strikes", "strik"},
		{"striking", "strik"},
		{"strike", "strik"},
		{"talks", "talk"},
		{"talked", "talk"},
		{"companies", "company"},
		{"stopped", "stop"},
		{"stopping", "stop"},
		{"crisis", "crisis"},
		{"bus", "bus"},
		{"class", "class"},
		{"string", "string"},
		{"tariffs", "tariff"},
		{"rallies", "rally"},
		{"münchen", "münchen"}, // not ASCII: left alone
		{"the", "the"},
	}
	for _, tt := range tests {
		if got := string(stem([]byte(tt.in))); got != tt.want {
			t.Errorf("stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"U.S.", "us"},
		{"The Harbour Workers Union", "harbour workers union"},
		{"Amélie  Tremblay", "amelie tremblay"},
		{"O'Brien", "obrien"},
		{"U.S.-led coalition", "us led coalition"},
		{"  ", ""},
		{"Theodore", "theodore"},
	}
	for _, tt := range tests {
		if got := normName(tt.in); got != tt.want {
			t.Errorf("normName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripHonorifics(t *testing.T) {
	tests := []struct{ in, want string }{
		{"president vargas", "vargas"},
		{"mr osei", "osei"},
		{"dr samuel okafor", "samuel okafor"},
		{"trade minister helen marchetti", "helen marchetti"},
		{"prime minister ruiz", "ruiz"},
		{"marta kessler", "marta kessler"},
		{"president", "president"},
		{"trade union", "trade union"},
	}
	for _, tt := range tests {
		if got := stripHonorifics(tt.in); got != tt.want {
			t.Errorf("stripHonorifics(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanHeadline(t *testing.T) {
	tests := []struct {
		name, title, site, url, want string
		max                          int
	}{
		{"pipe and site", "Dockworkers walk out | Harbour Gazette", "Harbour Gazette", "", "Dockworkers walk out", 120},
		{"dash and site", "Port strike strands ships - Metro Times", "Metro Times", "", "Port strike strands ships", 120},
		{"site from host", "Port strike strands ships — MetroTimes", "", "https://www.metrotimes.example/a", "Port strike strands ships", 120},
		{"pipe with unknown short brand", "Prices jump after tariff move | MarketLine Pro", "", "", "Prices jump after tariff move", 120},
		{"dash that is part of the title", "Peru quake - what we know so far", "Citizen Post", "", "Peru quake - what we know so far", 120},
		{"whitespace", "  Two\n lines\tof   title ", "", "", "Two lines of title", 120},
		{"long cut at a word", "Transport minister urges both sides back to the table", "", "", "Transport minister urges both…", 32},
		{"one long word", "Supercalifragilisticexpialidocious", "", "", "Supercalifragil…", 16},
		{"empty", "", "Site", "", "", 120},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanHeadline(tt.title, tt.site, tt.url, tt.max); got != tt.want {
				t.Errorf("cleanHeadline(%q) = %q, want %q", tt.title, got, tt.want)
			}
		})
	}
}

func TestEachLeadWord(t *testing.T) {
	p := func(n int, w string) string { return strings.TrimSpace(strings.Repeat(w+" ", n)) }
	tests := []struct {
		name string
		text string
		want string
	}{
		{"three paragraphs of enough words", p(30, "a") + "\n\n" + p(30, "b") + "\n\n" + p(30, "c") + "\n\n" + p(30, "d"),
			p(30, "a") + "\n\n" + p(30, "b") + "\n\n" + p(30, "c")},
		{"short paragraphs run on to the word minimum",
			"ROME\n\n" + p(5, "a") + "\n\n" + p(10, "b") + "\n\n" + p(50, "c") + "\n\n" + p(10, "d"),
			"ROME\n\n" + p(5, "a") + "\n\n" + p(10, "b") + "\n\n" + p(50, "c")},
		{"a wall of text is cut", p(500, "w"), p(160, "w")},
		{"blank lines with spaces and CRLF", "one two\r\n \r\nthree", "one two\r\n \r\nthree"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			eachLeadWord(tt.text, 3, 60, 160, nil, func(w []byte) { got = append(got, string(w)) })
			if want := words(tt.want); !reflect.DeepEqual(got, want) {
				t.Errorf("lead words %q\nwant %q", got, want)
			}
		})
	}
}

// TestShingleJaccard checks the sampled estimate against the exact Jaccard
// of word 5-shingles.
func TestShingleJaccard(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	text := func(n int) []string {
		var ws []string
		for range n {
			ws = append(ws, digesttest.Filler[r.IntN(len(digesttest.Filler))])
		}
		return ws
	}
	exact := func(a, b []string) float64 {
		set := func(ws []string) map[string]bool {
			m := map[string]bool{}
			for i := 0; i+5 <= len(ws); i++ {
				m[strings.Join(ws[i:i+5], " ")] = true
			}
			return m
		}
		sa, sb := set(a), set(b)
		inter := 0
		for k := range sa {
			if sb[k] {
				inter++
			}
		}
		return float64(inter) / float64(len(sa)+len(sb)-inter)
	}
	long := text(600)
	other := text(400)
	tests := []struct {
		name string
		a, b []string
	}{
		{"a copy", long, long},
		{"a copy with a line added", long, append(slices.Clone(long), text(12)...)},
		{"the same lead over another body", long, append(slices.Clone(long[:150]), other...)},
		{"a long text and its short opening (sampled against whole)", long[:260], long[:190]},
		{"unrelated", long, other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := shingles(strings.Join(tt.a, " "), 5, nil)
			b, _ := shingles(strings.Join(tt.b, " "), 5, nil)
			got, want := jaccard(a, b), exact(tt.a, tt.b)
			if math.Abs(got-want) > 0.08 {
				t.Errorf("jaccard %.3f, exact %.3f", got, want)
			}
		})
	}
}

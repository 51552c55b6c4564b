package briefing

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// longArticle joins the test articles, in name order, into one text of at
// least words words: a long piece of news prose for timing.
func longArticle(b *testing.B, words int) Article {
	b.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no test articles: %v", err)
	}
	sort.Strings(paths)
	var parts []string
	n := 0
	for n < words {
		for _, p := range paths {
			raw, err := os.ReadFile(p)
			if err != nil {
				b.Fatalf("read article: %v", err)
			}
			parts = append(parts, string(raw))
			n += len(strings.Fields(string(raw)))
			if n >= words {
				break
			}
		}
	}
	text := strings.Join(parts, "\n\n")
	return Article{Title: firstLine(text), Text: text}
}

func benchmarkBrief(b *testing.B, a Article) {
	e := New()
	b.SetBytes(int64(len(a.Text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e.Brief(a)
	}
}

// BenchmarkBriefSeed times a seed-sized article (about 600 words).
func BenchmarkBriefSeed(b *testing.B) {
	benchmarkBrief(b, articleFromFile(b, filepath.Join("testdata", "bench-summit.txt")))
}

// BenchmarkBriefLong times articles of 5,000 and 20,000 words: the time
// per word should stay flat.
func BenchmarkBriefLong(b *testing.B) {
	for _, words := range []int{5000, 20000} {
		a := longArticle(b, words)
		b.Run(fmt.Sprintf("words=%d", len(strings.Fields(a.Text))), func(b *testing.B) {
			benchmarkBrief(b, a)
		})
	}
}

// BenchmarkBriefPathological times inputs no newsroom writes but a broken
// page can: one sentence of 20,000 words, thousands of titled names. The
// engine's scans are bounded, so these stay linear too.
func BenchmarkBriefPathological(b *testing.B) {
	var runOn, titles, openers strings.Builder
	for i := 0; i < 4000; i++ {
		fmt.Fprintf(&runOn, "the official who said he would go, ")
		fmt.Fprintf(&titles, "Mr Za%dq said the minister. ", i)
		// a different unknown word opening every sentence
		fmt.Fprintf(&openers, "Zo%cv%dq ran home. ", 'a'+rune(i%26), i)
	}
	b.Run("run-on-sentence", func(b *testing.B) { benchmarkBrief(b, Article{Text: runOn.String()}) })
	b.Run("many-titles", func(b *testing.B) { benchmarkBrief(b, Article{Text: titles.String()}) })
	b.Run("many-sentence-openers", func(b *testing.B) { benchmarkBrief(b, Article{Text: openers.String()}) })
}

// BenchmarkNew times building the tables, done once per process.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		New()
	}
}

// syllables build invented surnames: 40*40*40 distinct three-syllable words.
var benchSyllables = strings.Fields("ka ro vel min tu sa ber lo dan ne fi gor ul pe ta mar is ko len ho " +
	"ra ve ni zo bel tor ga mi lu sen ar do pi re han so el vin ru ca")

// benchFirstNames are first names the lexicon knows, so every run reads as a person.
var benchFirstNames = strings.Fields("Anna Maria John David Sarah Peter Laura Michael Elena Thomas " +
	"James Emma Daniel Olga Paul Nina Mark Sofia Robert Lucy")

// inventedSurname is the i-th of 64,000 distinct invented surnames.
func inventedSurname(i int) string {
	s := benchSyllables
	n := len(s)
	w := s[i%n] + s[(i/n)%n] + s[(i/n/n)%n]
	return strings.ToUpper(w[:1]) + w[1:]
}

// manyPeople is a text of about size bytes naming a new person in every
// sentence, each person given by first name and surname and then by
// surname alone, the way a long list of interviews reads.
func manyPeople(size int, sharedFirst bool) (string, int) {
	var sb strings.Builder
	people := 0
	for i := 0; sb.Len() < size; i++ {
		first := benchFirstNames[i%len(benchFirstNames)]
		if sharedFirst {
			first = "John"
		}
		last := inventedSurname(i)
		if i >= 64000 {
			last += "-" + inventedSurname(i/64000)
		}
		fmt.Fprintf(&sb, "%s %s said it was late. %s agreed. ", first, last, last)
		people++
		if i%4 == 3 {
			sb.WriteString("\n\n")
		}
	}
	return sb.String(), people
}

// BenchmarkBriefAdversarial times 5 MB texts built to defeat an engine whose
// cost grows with the number of names: 100,000 different people, the same
// people all called John, one surname shared by everyone, and a long list
// of organisations with acronyms. Each must brief in seconds, not minutes.
func BenchmarkBriefAdversarial(b *testing.B) {
	const size = 5_000_000
	people, n := manyPeople(size, false)
	johns, _ := manyPeople(size, true)
	var smiths, orgs, quotes strings.Builder
	for i := 0; smiths.Len() < size; i++ {
		fmt.Fprintf(&smiths, "%s Smith said the plan was late. Smith added more. ", benchFirstNames[i%len(benchFirstNames)]+inventedSurname(i)[:3])
	}
	for i := 0; orgs.Len() < size; i++ {
		s := inventedSurname(i)
		fmt.Fprintf(&orgs, "The %s Ministry of Health (MOH) said the %s Agency and the %s Institute agreed. ", s, s, s)
	}
	for i := 0; quotes.Len() < size; i++ {
		fmt.Fprintf(&quotes, "\"We will go,\" %s %s said. \"It is late,\" he added. ", benchFirstNames[i%len(benchFirstNames)], inventedSurname(i))
	}
	b.Logf("%d people", n)
	b.Run("many-people", func(b *testing.B) { benchmarkBrief(b, Article{Text: people}) })
	b.Run("one-first-name", func(b *testing.B) { benchmarkBrief(b, Article{Text: johns}) })
	b.Run("one-surname", func(b *testing.B) { benchmarkBrief(b, Article{Text: smiths.String()}) })
	b.Run("many-orgs", func(b *testing.B) { benchmarkBrief(b, Article{Text: orgs.String()}) })
	b.Run("many-quotes", func(b *testing.B) { benchmarkBrief(b, Article{Text: quotes.String()}) })
}

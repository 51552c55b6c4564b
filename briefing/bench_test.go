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

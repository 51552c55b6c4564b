package digest

import (
	"fmt"
	"testing"
)

// BenchmarkBuild builds the digest of busy periods of growing size: events
// covered by 10 outlets each (some as wire copies) and a tenth of the
// articles singletons. ns/op divided by the article count should stay flat.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{2000, 10000, 50000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			events := n * 9 / 100
			items, _ := synthCorpus(events, 10, n-events*10, uint64(n))
			if len(items) != n {
				b.Fatalf("corpus has %d items, want %d", len(items), n)
			}
			in := Input{Items: items}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				Build(in)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/article")
		})
	}
}

package digest

import "testing"

// BenchmarkBuild2000 builds the digest of a busy period: 180 events covered
// by 10 outlets each (some as wire copies) and 200 singletons.
func BenchmarkBuild2000(b *testing.B) {
	items, _ := synthCorpus(180, 10, 200, 2000)
	if len(items) != 2000 {
		b.Fatalf("corpus has %d items, want 2000", len(items))
	}
	in := Input{Items: items}
	b.ReportAllocs()
	for b.Loop() {
		Build(in)
	}
}

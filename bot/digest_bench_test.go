package bot

import (
	"io"
	"testing"
	"time"
)

// BenchmarkRenderDigest2000: laying out a digest of 2,000 articles (400
// stories of 5 sources, every text far longer than an embed allows) into
// at most ten messages. The scheduler does this once per server per day,
// /digest now once per request.
func BenchmarkRenderDigest2000(b *testing.B) {
	d := longDigest(400, 5)
	l := digestLayout{title: "Digest", loc: time.UTC, nonce: "bd0123456789abcdef01"}
	b.ReportAllocs()
	for b.Loop() {
		if msgs := renderDigest(d, l); len(msgs) == 0 || len(msgs) > maxDigestMessages {
			b.Fatalf("%d messages", len(msgs))
		}
	}
}

// BenchmarkDigestText2000: the same digest as text, for `briefbot digest`.
func BenchmarkDigestText2000(b *testing.B) {
	d := longDigest(400, 5)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteDigestText(io.Discard, d, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderBriefing: one briefing card from a briefing far larger
// than a card shows (60 actors, positions and quotes of 1,800 words each).
func BenchmarkRenderBriefing(b *testing.B) {
	a, br := hugeBriefing()
	b.ReportAllocs()
	for b.Loop() {
		if r := briefingReply(ingested{article: a, briefing: br}, fixtureNow); len(r.embeds) != 1 {
			b.Fatal("no card")
		}
	}
}

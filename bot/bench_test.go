package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/storage"
)

// benchBot is a bot that is never connected, for driving ingest directly:
// the real fetcher (pages on 127.0.0.1), the engine, and a SQLite file.
func benchBot(b *testing.B) (*Bot, *pageServer) {
	b.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	bot, err := New(Config{Token: testToken, AllowLoopback: true}, Deps{Store: db, Briefer: testEngine(), Logger: discardLogger()})
	if err != nil {
		b.Fatal(err)
	}
	return bot, newPageServer(b)
}

var benchPages = []string{"harbour-levy", "river-drought", "rail-strike", "mention-storm"}

// BenchmarkIngest: one new link at a time through fetch, engine and store.
func BenchmarkIngest(b *testing.B) {
	bot, pages := benchBot(b)
	ctx := context.Background()
	start := time.Date(2026, 2, 14, 9, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		link := fmt.Sprintf("%s?n=%d", pages.link(benchPages[i%len(benchPages)]), i)
		sub := storage.Submission{GuildID: discordtest.DefaultGuildID, ChannelID: discordtest.DefaultChannelID, UserID: discordtest.DefaultUserID, At: start}
		res, err := bot.ingest(ctx, sub, link)
		if err != nil || res.duplicate {
			b.Fatalf("ingest %s: %v (duplicate %v)", link, err, res.duplicate)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "links/s")
}

// BenchmarkIngestParallel: links from several goroutines at once, as the
// worker pool runs them.
func BenchmarkIngestParallel(b *testing.B) {
	bot, pages := benchBot(b)
	ctx := context.Background()
	start := time.Date(2026, 2, 14, 9, 0, 0, 0, time.UTC)
	var n atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(2) // 2 x GOMAXPROCS goroutines
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			link := fmt.Sprintf("%s?n=%d", pages.link(benchPages[i%int64(len(benchPages))]), i)
			sub := storage.Submission{GuildID: discordtest.DefaultGuildID, ChannelID: discordtest.DefaultChannelID, UserID: discordtest.DefaultUserID, At: start}
			if _, err := bot.ingest(ctx, sub, link); err != nil {
				b.Errorf("ingest %s: %v", link, err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "links/s")
}

// BenchmarkStoredBriefReply: from INTERACTION_CREATE to the edited reply
// for an article already stored, through the fake Discord.
func BenchmarkStoredBriefReply(b *testing.B) {
	e := startEnv(b)
	e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link("harbour-levy"))))
	stored, err := e.db.ArticleByURL(context.Background(), discordtest.DefaultGuildID, e.pages.link("harbour-levy"))
	if err != nil {
		b.Fatal(err)
	}
	id := fmt.Sprint(stored.ID)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := e.answer(e.slash(nil, "", "brief", discordtest.StringOption("article", id)))
		if len(m.Embeds) != 1 {
			b.Fatalf("reply %+v", m)
		}
	}
}

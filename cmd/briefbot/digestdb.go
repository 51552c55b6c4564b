package main

import (
	"context"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// openDigestDB opens the database read-only for `digest`, with a Briefer,
// so an article stored without a briefing (an older build killed between
// its two writes) is briefed in memory and still reaches the digest.
func openDigestDB(ctx context.Context, path string) (*storage.DB, error) {
	db, err := openExistingDB(ctx, path)
	if err != nil {
		return nil, err
	}
	db.SetBriefer(newBriefer())
	return db, nil
}

// newBriefer briefs, for storage, articles found without a briefing.
func newBriefer() storage.Briefer {
	eng := briefing.New()
	return storage.Briefer{EngineVersion: briefing.EngineVersion, Now: time.Now,
		Brief: func(ctx context.Context, a briefing.Article) (briefing.Briefing, error) {
			return briefArticle(ctx, eng, a)
		}}
}

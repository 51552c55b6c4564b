package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discordtest"
)

func TestThumbnail(t *testing.T) {
	tests := []struct {
		image string
		want  bool
	}{
		{"https://cdn.example/a.jpg", true},
		{"http://cdn.example/a.jpg", true},
		{"HTTPS://cdn.example/a.jpg", true},
		{"", false},
		{"javascript:alert(1)", false},
		{"data:image/png;base64,AAAA", false},
		{"attachment://a.png", false},
		{"/relative/a.jpg", false},
		{"https://cdn.example/" + strings.Repeat("a", maxThumbnailURL), false},
	}
	for _, tt := range tests {
		got := thumbnail(tt.image)
		if (got != nil) != tt.want || got != nil && got.URL != tt.image {
			t.Errorf("thumbnail(%.40q) = %+v, want shown %v", tt.image, got, tt.want)
		}
	}
}

// TestE2EThumbnailFromOGImage: a page's relative og:image becomes the
// briefing's thumbnail as an absolute link, on a new briefing, a stored one
// and a pasted card; a page without one gets no thumbnail; and the bot
// never requests the image itself.
func TestE2EThumbnailFromOGImage(t *testing.T) {
	e := startEnv(t)
	gallery, harbour := e.pages.link("pier-gallery"), e.pages.link("harbour-levy")
	wantImage := e.pages.URL + "/media/pier-gallery.jpg?w=1200"

	m := e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", gallery)))
	if len(m.Embeds) != 1 {
		t.Fatalf("reply has %d embeds, want 1", len(m.Embeds))
	}
	if th := m.Embeds[0].Thumbnail; th == nil || th.URL != wantImage {
		t.Errorf("briefing thumbnail = %+v, want %s", th, wantImage)
	}
	stored, err := e.db.ArticleByURL(context.Background(), discordtest.DefaultGuildID, gallery)
	if err != nil || stored.Image != wantImage {
		t.Errorf("stored image = %q, %v; want %s", stored.Image, err, wantImage)
	}

	// Asked again: the stored briefing keeps its thumbnail.
	m2 := e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", gallery+"?utm_source=chat")))
	if len(m2.Embeds) != 1 || m2.Embeds[0].Thumbnail == nil || m2.Embeds[0].Thumbnail.URL != wantImage {
		t.Errorf("stored briefing embeds = %+v, want the thumbnail %s", m2.Embeds, wantImage)
	}

	// Pasted with a page that declares no image: one card with a
	// thumbnail, one without.
	msg := e.fake.DispatchMessage(&discordgo.Message{Content: fmt.Sprintf("%s and %s", gallery, harbour)})
	e.waitReaction(msg.ChannelID, msg.ID, reactDone)
	replies := e.repliesTo(msg.ChannelID, msg.ID)
	if len(replies) != 1 || len(replies[0].Embeds) != 2 {
		t.Fatalf("%d replies, want one with two cards: %+v", len(replies), replies)
	}
	for _, em := range replies[0].Embeds {
		switch em.URL {
		case gallery:
			if em.Thumbnail == nil || em.Thumbnail.URL != wantImage {
				t.Errorf("gallery card thumbnail = %+v, want %s", em.Thumbnail, wantImage)
			}
		case harbour:
			if em.Thumbnail != nil {
				t.Errorf("a page with no image got a thumbnail: %+v", em.Thumbnail)
			}
		default:
			t.Errorf("unexpected card for %s", em.URL)
		}
	}

	if n := e.pages.mediaHits.Load(); n != 0 {
		t.Errorf("the bot requested the image %d times; Discord fetches it, not the bot", n)
	}
}

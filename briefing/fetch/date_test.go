package fetch

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestExtractDateWithoutMetadata guards the date path that go.mod's
// go-dateparser stand-in relies on: go-htmldate's fast mode (its own
// patterns, no go-dateparser) must still date pages that declare no
// timestamp, from the address or the byline.
func TestExtractDateWithoutMetadata(t *testing.T) {
	body := strings.Repeat("<p>The harbour board voted on Tuesday to raise the mooring levy for visiting yachts, "+
		"saying the money would pay for dredging the inner basin before the summer season begins.</p>\n", 4)
	cases := []struct {
		name, page, url, want string
	}{
		{"date in the address", "<html><head><title>Harbour levy rises</title></head><body><article><h1>Harbour levy rises</h1>" +
			body + "</article></body></html>", "https://news.example/2024/05/14/harbour-levy", "2024-05-14"},
		{"date in the byline", "<html><head><title>Harbour levy rises</title></head><body><article><h1>Harbour levy rises</h1>" +
			`<p class="byline">By Ana Ruiz</p><div class="date">2024-03-09</div>` + body + "</article></body></html>",
			"https://news.example/harbour-levy", "2024-03-09"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Extract(context.Background(), []byte(tc.page), "text/html", tc.url, Options{})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if got := a.Published.UTC().Format(time.DateOnly); a.Published.IsZero() || got != tc.want {
				t.Errorf("Published = %v, want the day %s", a.Published, tc.want)
			}
		})
	}
}

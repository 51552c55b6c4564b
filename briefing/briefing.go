// Package briefing is the language engine: article text in, a Briefing out;
// many briefings in, a Digest out. It is pure: no I/O, no clock, no globals
// that change after start-up, so every result is reproducible from its input.
package briefing

import "time"

// Article is one news article as fetched and extracted, or as read from a file.
type Article struct {
	URL          string    `json:"url,omitempty"`
	CanonicalURL string    `json:"canonical_url,omitempty"`
	Title        string    `json:"title,omitempty"`
	Byline       string    `json:"byline,omitempty"`
	Site         string    `json:"site,omitempty"`
	Published    time.Time `json:"published,omitzero"`
	Language     string    `json:"language,omitempty"`
	// Image is the page's preview image (og:image), an absolute http(s)
	// URL or "". Discord fetches it for the thumbnail; the bot never does.
	Image string `json:"image,omitempty"`
	// Text is the main text: paragraphs separated by blank lines. Quote
	// offsets in a Briefing are rune offsets into this string.
	Text string `json:"text"`
}

// Actor kinds, as the briefing contract names them.
const (
	KindPerson       = "person"
	KindOrganization = "organization"
	KindCountry      = "country"
	KindPlace        = "place"
	KindGroup        = "group"
)

// Briefing is what a reader sees about one article. Its JSON form is the
// contract in BRIEFING_JSON.md: field names and meanings must not change.
type Briefing struct {
	Title     string     `json:"title"`
	Summary   string     `json:"summary"`
	Actors    []Actor    `json:"actors"`
	Quotes    []Quote    `json:"quotes"`
	Positions []Position `json:"positions"`
}

// Actor is a person, organisation, country, place or group the article is about.
type Actor struct {
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Role     string   `json:"role,omitempty"`
	Aliases  []string `json:"aliases"`
	Mentions int      `json:"mentions"`
	// Key is false for actors kept only as context (passing mentions).
	Key bool `json:"key"`
}

// Quote is one quoted span credited to a speaker. Start and End are rune
// offsets into Article.Text, End exclusive; Text equals that slice.
type Quote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Direct  bool   `json:"direct"`
	Cue     string `json:"cue,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Position is one line of what an actor wants, demands, rejects, warns of,
// supports, denies or claims.
type Position struct {
	Actor     string `json:"actor"`
	Statement string `json:"statement"`
	// Stance is the verb class the statement was found through ("demands", "warns", ...).
	Stance string `json:"stance,omitempty"`
}

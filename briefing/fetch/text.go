package fetch

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockElements end one paragraph and start the next.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Caption: true,
	atom.Figure: true, atom.Figcaption: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Main: true, atom.Address: true,
	atom.Details: true, atom.Summary: true, atom.Hr: true, atom.Br: true, atom.Body: true,
	atom.Form: true, atom.Fieldset: true, atom.Nav: true,
}

// skipElements never hold article text.
var skipElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Head: true,
}

var headingElements = map[atom.Atom]bool{
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// block is one paragraph of extracted text.
type block struct {
	text    string
	heading bool // inside h1-h6
}

// collectBlocks turns an extracted content tree into paragraphs, with
// whitespace inside each collapsed to single spaces.
func collectBlocks(root *html.Node) []block {
	if root == nil {
		return nil
	}
	var blocks []block
	var cur strings.Builder
	heading := 0
	curHeading := false
	// boundary is set when an inline element opens or closes: extractors
	// trim the whitespace there ("<b>Note.</b>The"), so one is put back
	// after punctuation. Letters stay joined: "<span>T</span>he" is a drop cap.
	boundary := false
	flush := func() {
		text := strings.Join(strings.Fields(strings.ToValidUTF8(cur.String(), "")), " ")
		if text != "" {
			blocks = append(blocks, block{text: text, heading: curHeading})
		}
		cur.Reset()
		curHeading = false
		boundary = false
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		var tag atom.Atom
		switch n.Type {
		case html.TextNode:
			if boundary && needsSpace(cur.String(), n.Data) {
				cur.WriteByte(' ')
			}
			boundary = false
			cur.WriteString(n.Data)
			if heading > 0 && strings.TrimSpace(n.Data) != "" {
				curHeading = true
			}
			return
		case html.ElementNode:
			tag = tagOf(n)
			if skipElements[tag] {
				return
			}
			if tag == atom.Td || tag == atom.Th {
				cur.WriteByte(' ')
			}
		}
		block := n.Type == html.ElementNode && blockElements[tag]
		if block {
			flush()
		}
		if headingElements[tag] {
			heading++
		}
		boundary = true
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		boundary = true
		if headingElements[tag] {
			heading--
		}
		if block {
			flush()
		}
	}
	walk(root)
	flush()
	return blocks
}

// needsSpace reports whether text after an element boundary must be set
// apart from what precedes it: punctuation then a letter. (Digits are left
// alone: "3.<b>5</b>" is a number.)
func needsSpace(before, after string) bool {
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	return strings.ContainsRune(".!?,;:", last) && unicode.IsLetter(first)
}

// renderText joins paragraphs with blank lines.
func renderText(blocks []block) string {
	parts := make([]string, len(blocks))
	for i, b := range blocks {
		parts[i] = b.text
	}
	return strings.Join(parts, "\n\n")
}

// tagOf returns an element's tag. Extractors rename nodes by setting Data
// and leave DataAtom stale, so Data is the truth.
func tagOf(n *html.Node) atom.Atom {
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}

// pruneBlocks removes leftovers the extractors let through: the headline
// repeated as a first paragraph, bare URLs, paragraphs made of link text
// (teasers, "read more" promos, related stories), and at the end headings
// with no text after them and calls to action or credits.
func pruneBlocks(blocks []block, title string, links map[string]bool) []block {
	out := blocks[:0:0]
	for i, b := range blocks {
		switch {
		case i < 3 && title != "" && sameText(b.text, title):
		case isBareURL(b.text):
		case isLinkBlock(b, links):
		default:
			out = append(out, b)
		}
	}
	for len(out) > 0 {
		if last := out[len(out)-1]; last.heading || isTrailer(last.text) {
			out = out[:len(out)-1]
			continue
		}
		break
	}
	return out
}

// maxLinkBlockRunes: a paragraph that is the whole text of one link is a
// teaser or promo when short; longer ones are articles wrapped in a card.
const maxLinkBlockRunes = 150

// isLinkBlock reports a short paragraph that is one link's text, or that
// is mostly made of link texts (a row of "related" headlines).
func isLinkBlock(b block, links map[string]bool) bool {
	n := utf8.RuneCountInString(b.text)
	if n > 2*maxLinkBlockRunes || len(links) == 0 {
		return false
	}
	key := textKey(b.text)
	if n <= maxLinkBlockRunes && links[key] {
		return true
	}
	return linkShare(key, links) >= 0.8
}

// linkShare estimates how much of a text key is made of link texts.
func linkShare(key string, links map[string]bool) float64 {
	if key == "" {
		return 0
	}
	covered := 0
	for k := range links {
		if len(k) < len(key) && strings.Contains(key, k) {
			covered += len(k)
		}
	}
	return min(1, float64(covered)/float64(len(key)))
}

// linkTexts collects the text keys of the page's links, so paragraphs made
// of link text can be recognised after extraction, which strips the
// markup. Keys under minLinkKey letters are left out: they are too likely
// to occur inside ordinary sentences.
func linkTexts(doc *html.Node) map[string]bool {
	const minLinkKey = 12
	set := make(map[string]bool)
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			if k := textKey(allText(n)); len(k) >= minLinkKey {
				set[k] = true
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return set
}

// allText concatenates the text nodes under n.
func allText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func isBareURL(s string) bool {
	return !strings.ContainsAny(s, " \t") && (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www."))
}

// sameText compares two strings ignoring case, punctuation and spacing.
func sameText(a, b string) bool {
	return textKey(a) == textKey(b)
}

func textKey(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// trailerMarkers are phrases of the calls to action and credits that sites
// put after an article ("Subscribe to our newsletter", "Click here").
var trailerMarkers = []string{
	"subscribe to", "subscribe now", "subscribe here", "newsletter", "sign up", "click here",
	"follow us", "follow him on", "follow her on", "follow them on", "all rights reserved", "copyright",
	"©", "contact us", "share this", "read more", "related:", "advertisement", "download the app",
	"get the app", "may be reached at", "can be reached at", "have a tip", "more information",
}

// isTrailer reports a short paragraph made of a call to action or credit.
func isTrailer(text string) bool {
	if utf8.RuneCountInString(text) > 200 {
		return false
	}
	low := strings.ToLower(text)
	for _, m := range trailerMarkers {
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}

package fetch

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxImageURLBytes caps Article.Image: a preview link longer than this is
// junk or an attack on storage, and Discord refuses long embed URLs anyway.
const maxImageURLBytes = 2000

// imageMetaKeys are the meta names/properties that declare a preview image,
// best first.
var imageMetaKeys = []string{"og:image", "og:image:secure_url", "og:image:url", "twitter:image", "twitter:image:src"}

// declaredImages returns the preview images declared by <meta> tags in the
// page head, the first of each key, in imageMetaKeys order. Like canonical
// links, preview images belong in <head>; the body is not searched. They
// come before trafilatura's image, which resolves "../" paths wrongly.
func declaredImages(doc *html.Node) []string {
	found := make(map[string]string, len(imageMetaKeys))
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(strings.TrimSpace(or(attr(n, "property"), attr(n, "name"))))
				if c := strings.TrimSpace(attr(n, "content")); c != "" {
					if _, seen := found[key]; !seen {
						found[key] = c
					}
				}
			case atom.Body:
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(doc)
	var out []string
	for _, k := range imageMetaKeys {
		if v := found[k]; v != "" {
			out = append(out, v)
		}
	}
	return out
}

// firstImage returns the first candidate that imageURL accepts, so a bad
// value from one source does not hide a good one from another.
func firstImage(pageURL *url.URL, candidates ...string) string {
	for _, c := range candidates {
		if u := imageURL(c, pageURL); u != "" {
			return u
		}
	}
	return ""
}

// imageURL makes raw an absolute http(s) URL resolved against pageURL, or
// returns "" when it cannot be one: javascript:, data: and other schemes,
// relative links with no page address, credentials in the link, control
// characters, or more than maxImageURLBytes. Hosts are not checked: Discord,
// not the bot, fetches the image.
func imageURL(raw string, pageURL *url.URL) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > maxImageURLBytes || !utf8.ValidString(raw) {
		return ""
	}
	for _, r := range raw {
		if r < 0x20 || r == 0x7f {
			return ""
		}
	}
	ref, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if pageURL != nil {
		ref = pageURL.ResolveReference(ref)
	}
	if !ref.IsAbs() || ref.Host == "" || ref.User != nil || ref.Opaque != "" {
		return ""
	}
	switch strings.ToLower(ref.Scheme) {
	case "http", "https":
	default:
		return ""
	}
	ref.Scheme = strings.ToLower(ref.Scheme)
	ref.Fragment, ref.RawFragment = "", ""
	out := ref.String()
	if len(out) > maxImageURLBytes {
		return ""
	}
	return out
}

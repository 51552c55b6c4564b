package fetch

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
)

// ParseUserURL checks a link a user typed or pasted and returns it parsed.
// It trims spaces and the <...> Discord uses to suppress embeds, and adds
// https:// to a bare "example.com/path". Only http and https links with a
// host and without credentials pass; anything else is an ErrBadURL whose
// text says what to fix.
func ParseUserURL(raw string) (*url.URL, error) {
	s := strings.TrimSpace(raw)
	s = strings.TrimPrefix(s, "<")
	s = strings.TrimSuffix(s, ">")
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, newError(ErrBadURL, nil, "the link is empty; paste a full https:// address")
	}
	if !utf8.ValidString(s) {
		return nil, newError(ErrBadURL, nil, "that link contains garbled characters; copy it again from the address bar")
	}
	if strings.ContainsAny(s, " \t\r\n") {
		return nil, newError(ErrBadURL, nil, "that link contains spaces; paste one https:// address at a time")
	}
	if looksLikeBareHost(s) {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, newError(ErrBadURL, err, "")
	}
	if err := checkWebURL(u); err != nil {
		return nil, err
	}
	return u, nil
}

// looksLikeBareHost reports whether s is "host.tld/..." typed without a
// scheme, so it can be given one instead of being refused.
func looksLikeBareHost(s string) bool {
	if strings.Contains(s, "://") {
		return false
	}
	host := s
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") {
		return false
	}
	for _, r := range host {
		ok := r == '.' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 0x7f
		if !ok {
			return false
		}
	}
	return true
}

// checkWebURL refuses anything but an absolute http(s) URL with a host and
// no credentials.
func checkWebURL(u *url.URL) error {
	scheme := strings.ToLower(u.Scheme)
	switch {
	case scheme == "":
		return newError(ErrBadURL, nil, "that link has no http:// or https:// in front; paste the full address")
	case scheme != "http" && scheme != "https":
		return newError(ErrBadURL, nil, fmt.Sprintf("only http and https links can be read, not %q links", scheme))
	case u.Opaque != "" || u.Hostname() == "":
		return newError(ErrBadURL, nil, "that link has no site name after "+scheme+"://; paste the full address")
	case u.User != nil:
		return newError(ErrBadURL, nil, "links with a user name or password can't be fetched; paste the link without them")
	}
	if p := u.Port(); p != "" {
		for _, r := range p {
			if r < '0' || r > '9' {
				return newError(ErrBadURL, nil, "that link has an invalid port number")
			}
		}
	}
	return nil
}

// trackingParams are query keys (lower case) that only say where a click
// came from; they never select content, so canonical URLs drop them.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "igshid": true,
	"igsh": true, "ref_src": true, "ref_url": true, "yclid": true, "twclid": true, "ttclid": true,
	"li_fat_id": true, "mkt_tok": true, "_hsenc": true, "_hsmi": true, "__hstc": true, "__hssc": true,
	"__hsfp": true, "hsctatracking": true, "oly_anon_id": true, "oly_enc_id": true, "rb_clickid": true,
	"s_cid": true, "vero_id": true, "vero_conv": true, "wickedid": true, "_openstat": true,
	"srsltid": true, "cmpid": true, "ocid": true, "sr_share": true, "smid": true,
}

func isTrackingParam(key string) bool {
	k := strings.ToLower(key)
	return strings.HasPrefix(k, "utm_") || trackingParams[k]
}

// Canonicalize returns the form of an http(s) URL used to recognise the same
// article behind different links: lower-case scheme and host, no default
// port, no credentials, no fragment, no tracking parameters, the remaining
// parameters sorted by key and the path cleaned (a trailing slash is kept).
// Applying it twice gives the same result as applying it once.
func Canonicalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", newError(ErrBadURL, err, "")
	}
	u.User = nil // credentials never belong in a stored link
	if err := checkWebURL(u); err != nil {
		return "", err
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	host = strings.TrimRight(host, ".")
	if host == "" {
		return "", newError(ErrBadURL, nil, "that link has no site name; paste the full address")
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port := u.Port(); port != "" && !(scheme == "http" && port == "80") && !(scheme == "https" && port == "443") {
		host += ":" + port
	}

	// Work on the escaped path so that encoded slashes and other escapes
	// survive as they were written.
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	trailing := strings.HasSuffix(p, "/")
	p = path.Clean(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if trailing && !strings.HasSuffix(p, "/") {
		p += "/"
	}

	var b strings.Builder
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(host)
	b.WriteString(p)
	if q := canonicalQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	out := b.String()
	// Re-parse so the result is guaranteed to be a URL this function accepts
	// and maps to itself.
	if _, err := url.Parse(out); err != nil {
		return "", newError(ErrBadURL, err, "")
	}
	return out, nil
}

// canonicalQuery drops tracking and empty parameters, normalises escaping
// and sorts the rest by key (stable, so repeated keys keep their order).
func canonicalQuery(raw string) string {
	type param struct{ key, text string }
	var params []param
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		rawKey, rawVal, hasVal := strings.Cut(part, "=")
		key, err1 := url.QueryUnescape(rawKey)
		val, err2 := url.QueryUnescape(rawVal)
		if err1 != nil || err2 != nil {
			// Keep what we can't decode exactly as written.
			if isTrackingParam(rawKey) {
				continue
			}
			text := escapeQueryText(part)
			params = append(params, param{key: text, text: text})
			continue
		}
		if key == "" || isTrackingParam(key) {
			continue
		}
		text := url.QueryEscape(key)
		if hasVal {
			text += "=" + url.QueryEscape(val)
		}
		params = append(params, param{key: text, text: text})
	}
	slices.SortStableFunc(params, func(a, b param) int {
		ka, _, _ := strings.Cut(a.key, "=")
		kb, _, _ := strings.Cut(b.key, "=")
		return strings.Compare(ka, kb)
	})
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = p.text
	}
	return strings.Join(parts, "&")
}

// escapeQueryText escapes the bytes that must never appear raw in a query
// (controls, spaces, '#', non-ASCII) and leaves the rest as written.
func escapeQueryText(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == '#' || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// sameSite reports whether two hosts belong to one site: equal ignoring a
// leading "www.", or sharing a registrable domain (eTLD+1).
func sameSite(a, b string) bool {
	a = strings.TrimRight(strings.ToLower(a), ".")
	b = strings.TrimRight(strings.ToLower(b), ".")
	if a == "" || b == "" {
		return false
	}
	if strings.TrimPrefix(a, "www.") == strings.TrimPrefix(b, "www.") {
		return true
	}
	if net.ParseIP(a) != nil || net.ParseIP(b) != nil {
		return false
	}
	ra, err1 := publicsuffix.EffectiveTLDPlusOne(a)
	rb, err2 := publicsuffix.EffectiveTLDPlusOne(b)
	return err1 == nil && err2 == nil && ra == rb
}

// WithoutTracking is the address as written, with its scheme and site in
// lower case and less its tracking parameters (utm_*, fbclid, ...): nothing
// else is reordered, re-escaped or dropped.
// The command line keys an article given with --url by it, so a copy with
// ?utm_source= is the same article while the stored address stays the one
// the user (or a tool reading the database) gave.
func WithoutTracking(raw string) string {
	raw = strings.TrimSpace(raw)
	if scheme, rest, ok := strings.Cut(raw, "://"); ok {
		site, path, _ := strings.Cut(rest, "/")
		if i := strings.IndexAny(site, "?#"); i >= 0 {
			site, path = site[:i], site[i:]
		} else if strings.Contains(rest, "/") {
			path = "/" + path
		}
		raw = strings.ToLower(scheme) + "://" + strings.ToLower(site) + path
	}
	base, frag, hasFrag := strings.Cut(raw, "#")
	base, query, hasQuery := strings.Cut(base, "?")
	if !hasQuery {
		return raw
	}
	var kept []string
	for part := range strings.SplitSeq(query, "&") {
		key, _, _ := strings.Cut(part, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		if strings.TrimSpace(part) == "" || isTrackingParam(key) {
			continue
		}
		kept = append(kept, part)
	}
	out := base
	if len(kept) > 0 {
		out += "?" + strings.Join(kept, "&")
	}
	if hasFrag {
		out += "#" + frag
	}
	return strings.TrimSpace(out)
}

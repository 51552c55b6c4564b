package bot

import (
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxLinksPerMessage bounds the work one message can cause; the rate
// limiter bounds it further per server.
const maxLinksPerMessage = 10

// FindLinks returns the distinct http(s) links in a message, in order of
// appearance. It reads Discord markdown the way a reader sees it: links in
// code spans and code blocks are not links, <https://...> and
// [text](https://...) are, and punctuation that ends a sentence is not part
// of the link. Text is untrusted; FindLinks never fails and never returns an
// invalid URL.
func FindLinks(text string) []string {
	text = blankCode(strings.ToValidUTF8(text, "\uFFFD"))
	var links []string
	seen := make(map[string]bool)
	for i := 0; i < len(text); {
		start := indexScheme(text[i:])
		if start < 0 {
			break
		}
		start += i
		end := start
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if stopsLink(r) {
				break
			}
			end += size
		}
		raw := trimLinkEnd(text[start:end])
		i = end
		if end == start {
			i = start + 1
		}
		if start > 0 {
			// "xhttps://" is not a link start; neither is one glued to a word.
			prev, _ := utf8.DecodeLastRuneInString(text[:start])
			if unicode.IsLetter(prev) || unicode.IsDigit(prev) {
				continue
			}
		}
		if !validLink(raw) || seen[raw] {
			continue
		}
		seen[raw] = true
		links = append(links, raw)
	}
	return links
}

// indexScheme finds the next "http://" or "https://", any case.
func indexScheme(s string) int {
	for i := 0; i+7 <= len(s); i++ {
		if s[i] != 'h' && s[i] != 'H' {
			continue
		}
		rest := s[i:]
		if hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") {
			return i
		}
	}
	return -1
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// stopsLink: characters that cannot be inside a link as Discord shows it.
func stopsLink(r rune) bool {
	switch r {
	case '<', '>', '"', '`', '|', '\\', '^', '{', '}', utf8.RuneError:
		return true
	}
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

// trimLinkEnd drops sentence punctuation and unbalanced closing brackets
// from the end of a link: "(see https://a.example/x)." -> https://a.example/x,
// while https://en.wikipedia.org/wiki/Tide_(band) keeps its parenthesis.
func trimLinkEnd(s string) string {
	for s != "" {
		last := s[len(s)-1]
		switch last {
		case '.', ',', ';', ':', '!', '?', '\'', '*', '_', '~':
			s = s[:len(s)-1]
			continue
		case ')':
			if strings.Count(s, "(") < strings.Count(s, ")") {
				s = s[:len(s)-1]
				continue
			}
		case ']':
			if strings.Count(s, "[") < strings.Count(s, "]") {
				s = s[:len(s)-1]
				continue
			}
		}
		break
	}
	return s
}

// validLink accepts an absolute http(s) URL with a host.
func validLink(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return false
	}
	return u.Hostname() != "" && u.Opaque == ""
}

// blankCode replaces code blocks (```...```) and code spans (`...`) with
// spaces, keeping byte offsets, so links shown as code are not fetched.
func blankCode(s string) string {
	if !strings.Contains(s, "`") {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		if b[i] != '`' {
			i++
			continue
		}
		// A run of n backticks opens a span closed by the next run of n.
		n := 0
		for i+n < len(b) && b[i+n] == '`' {
			n++
		}
		fence := strings.Repeat("`", n)
		closeAt := strings.Index(string(b[i+n:]), fence)
		if closeAt < 0 {
			i += n
			continue
		}
		end := i + n + closeAt + n
		for j := i; j < end; j++ {
			if b[j] != '\n' {
				b[j] = ' '
			}
		}
		i = end
	}
	return string(b)
}

// skippedHosts are sites whose links are media or social posts, not
// articles: the bot ignores them quietly instead of failing on them.
var skippedHosts = []string{
	"youtube.com", "youtu.be", "youtube-nocookie.com",
	"twitter.com", "x.com", "t.co", "nitter.net",
	"instagram.com", "tiktok.com", "facebook.com", "fb.watch", "threads.net",
	"discord.com", "discord.gg", "discordapp.com", "discordapp.net", "discord.media",
	"giphy.com", "tenor.com", "imgur.com", "gfycat.com",
	"twitch.tv", "clips.twitch.tv", "vimeo.com", "dailymotion.com",
	"spotify.com", "soundcloud.com", "music.apple.com",
	"pinterest.com", "flickr.com", "i.redd.it", "v.redd.it", "preview.redd.it",
	"bsky.app", "tumblr.com", "snapchat.com",
}

// skippedExtensions are media and file downloads.
var skippedExtensions = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true,
	".bmp": true, ".svg": true, ".ico": true, ".heic": true, ".tif": true, ".tiff": true,
	".mp4": true, ".mov": true, ".webm": true, ".mkv": true, ".avi": true, ".m4v": true,
	".mp3": true, ".wav": true, ".ogg": true, ".oga": true, ".flac": true, ".m4a": true, ".opus": true,
	".pdf": true, ".zip": true, ".gz": true, ".tar": true, ".7z": true, ".rar": true,
	".exe": true, ".dmg": true, ".apk": true, ".iso": true, ".bin": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".json": true, ".xml": true, ".csv": true, ".txt": true,
}

// Skip reports whether a link should be ignored quietly: media files and
// sites that are not news articles.
func Skip(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return true
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	for _, h := range skippedHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return skippedExtensions[strings.ToLower(path.Ext(u.Path))]
}

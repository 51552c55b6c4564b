package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/briefbot/briefbot/briefing/fetch"
	"github.com/briefbot/briefbot/storage"
)

// Errors of the bot's own making, shown to members through userMessage.
var (
	errBusy        = errors.New("bot busy")
	errShutdown    = errors.New("bot shutting down")
	errAmbiguous   = errors.New("several articles match")
	errNoArticle   = errors.New("no article chosen")
	errNotInServer = errors.New("not in a server")
)

// userMessage is the one line a member sees for err: what went wrong and
// what to do. Unknown errors get a generic line; the caller logs the detail.
func userMessage(err error) string {
	var status *fetch.StatusError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, fetch.ErrBlockedAddress):
		return "I can't fetch that address: it points inside a private network. Share a public link to the article."
	case errors.Is(err, fetch.ErrBadURL):
		return "That doesn't look like a web link: paste the full address, starting with https://."
	case errors.Is(err, fetch.ErrNotArticle):
		return "That link isn't an article page I can read (it looks like a file, a feed or an app page): share the link to the story itself."
	case errors.Is(err, fetch.ErrTooLarge):
		return "That page is too large for me to read: try the article's own page, or a print or text version of it."
	case errors.Is(err, fetch.ErrTimeout):
		return "The site took too long to answer: try again in a few minutes."
	case errors.As(err, &status):
		return httpStatusMessage(status.Code)
	case errors.Is(err, fetch.ErrHTTPStatus):
		return "The site answered with an error instead of the article: check that the link opens in a browser."
	case errors.Is(err, fetch.ErrTooManyRedirects):
		return "That link redirects too many times: open it in a browser and share the address it ends on."
	case errors.Is(err, fetch.ErrPaywall):
		return "That article is behind a paywall and I can only read free articles: share a free version if there is one."
	case errors.Is(err, fetch.ErrEmpty):
		return "I found no article text on that page: check that it opens without a login, or share another report of the story."
	case errors.Is(err, fetch.ErrUnreachable):
		return "I couldn't reach that site: check the link, or try again later if the site is down."
	case errors.Is(err, storage.ErrNotFound), errors.Is(err, errNoArticle):
		return "I have no such article in this server: pick one from the suggestions, or list them with /articles."
	case errors.Is(err, errAmbiguous):
		return "Several articles match that: pick one from the suggestions as you type."
	case errors.Is(err, errBusy):
		return "I'm busy with a lot of links right now: try again in a minute."
	case errors.Is(err, errShutdown), errors.Is(err, context.Canceled):
		return "I'm restarting: try again in a minute."
	case errors.Is(err, errNotInServer):
		return "That works only in a server that added me: each server keeps its own articles. /brief and Apps > Brief this article work anywhere."
	case errors.Is(err, context.DeadlineExceeded):
		return "That took too long: try again in a few minutes."
	}
	return "Something went wrong on my side: try again later. If it keeps happening, tell the server's admins."
}

func httpStatusMessage(code int) string {
	switch {
	case code == http.StatusNotFound || code == http.StatusGone:
		return fmt.Sprintf("The site says that page doesn't exist (HTTP %d): check the link.", code)
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return fmt.Sprintf("The site refused to let me read that page (HTTP %d): it may need a login or block bots. Share another report of the story.", code)
	case code == http.StatusPaymentRequired:
		return "The site asks for payment to read that page: I can only read free articles."
	case code == http.StatusTooManyRequests:
		return "The site is limiting requests right now (HTTP 429): try again later."
	case code >= 500:
		return fmt.Sprintf("The site had a problem of its own (HTTP %d): try again later.", code)
	}
	return fmt.Sprintf("The site answered HTTP %d instead of the article: check that the link opens in a browser.", code)
}

// slowDownMessage is the polite line for a member over the server's link budget.
func slowDownMessage(perMinute int, wait time.Duration) string {
	secs := int(wait.Round(time.Second) / time.Second)
	if secs < 1 {
		secs = 1
	}
	return fmt.Sprintf("Slow down a little: this server can brief %d links a minute. Try again in %d s.", perMinute, secs)
}

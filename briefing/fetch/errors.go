package fetch

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
)

// Sentinel errors. Every error this package returns matches exactly one of
// them (or a context error when the caller cancelled), so the bot can pick a
// reply with errors.Is. Their texts are already fit to show a Discord user.
var (
	ErrBadURL           = errors.New("that doesn't look like a web link; paste a full https:// address")
	ErrNotArticle       = errors.New("that link is not an article page")
	ErrTooLarge         = errors.New("that page is too large to read")
	ErrTimeout          = errors.New("the site took too long to answer; try again later")
	ErrBlockedAddress   = errors.New("that link points to a private or reserved network address, which the bot never fetches")
	ErrHTTPStatus       = errors.New("the site answered with an error")
	ErrTooManyRedirects = errors.New("that link redirects too many times; paste the final address instead")
	ErrPaywall          = errors.New("that article is behind a paywall; the bot can only read what is free to read")
	ErrEmpty            = errors.New("no readable article text was found on that page")
	ErrUnreachable      = errors.New("the site could not be reached; check the link or try again later")
)

// fetchError is what the package returns: a one-line message for the user, the
// sentinel it matches, and the underlying cause for the logs.
type fetchError struct {
	msg   string
	kind  error
	cause error
}

func (e *fetchError) Error() string { return e.msg }

// Unwrap exposes both the sentinel and the cause to errors.Is and errors.As.
func (e *fetchError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}

// LogValue lets slog record the technical cause next to the user message,
// which Error() deliberately leaves out.
func (e *fetchError) LogValue() slog.Value {
	if e.cause == nil {
		return slog.StringValue(e.msg)
	}
	return slog.GroupValue(slog.String("msg", e.msg), slog.String("cause", e.cause.Error()))
}

// newError builds a fetchError; an empty msg uses the sentinel's own text.
func newError(kind error, cause error, msg string) *fetchError {
	if msg == "" {
		msg = kind.Error()
	}
	return &fetchError{msg: msg, kind: kind, cause: cause}
}

// StatusError is an HTTP error answer. It matches ErrHTTPStatus.
type StatusError struct {
	Code int
}

func (e *StatusError) Error() string {
	status := fmt.Sprintf("%d %s", e.Code, http.StatusText(e.Code))
	if http.StatusText(e.Code) == "" {
		status = fmt.Sprintf("%d", e.Code)
	}
	switch {
	case e.Code == http.StatusNotFound || e.Code == http.StatusGone:
		return fmt.Sprintf("the site answered %s; check the link", status)
	case e.Code == http.StatusUnauthorized || e.Code == http.StatusForbidden:
		return fmt.Sprintf("the site refused access (%s); the page may need a login or block bots", status)
	case e.Code == http.StatusPaymentRequired:
		return fmt.Sprintf("the site asks for payment (%s); the bot can only read free articles", status)
	case e.Code == http.StatusTooManyRequests:
		return fmt.Sprintf("the site is limiting requests (%s); try again later", status)
	case e.Code >= 500:
		return fmt.Sprintf("the site had a problem (%s); try again later", status)
	default:
		return fmt.Sprintf("the site answered %s instead of the page", status)
	}
}

// Is makes every StatusError match ErrHTTPStatus.
func (e *StatusError) Is(target error) bool { return target == ErrHTTPStatus }

package discordtest

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Messages handed out by the accessors below are never changed afterwards: every edit stores a
// new value. Tests may read them freely but must not modify them.

// Request is one REST call the fake received.
type Request struct {
	Method string
	Path   string // under /api/v9, unescaped: "/channels/123/messages"
	Query  url.Values
	Header http.Header
	Body   []byte   // the JSON body; for multipart uploads, the payload_json part
	Files  []string // names of uploaded files, if any
	Status int      // what the fake answered
	At     time.Time
}

// Violation is one broken Discord rule.
type Violation struct {
	Rule   Rule
	Method string // HTTP method, or "GATEWAY" for dispatch-time findings
	Path   string
	Detail string
	At     time.Time
}

func (v Violation) String() string {
	return fmt.Sprintf("%s: %s %s: %s", v.Rule, v.Method, v.Path, v.Detail)
}

// Callback is one interaction callback (POST /interactions/{id}/{token}/callback), accepted or not.
type Callback struct {
	Type discordgo.InteractionResponseType
	// Message is the response data read as a message (content, embeds, components, flags); nil
	// when the callback carried no data.
	Message *discordgo.Message
	Raw     []byte
	Status  int // 204 when accepted
	At      time.Time
}

// violateLocked records a broken rule and fails the test. s.mu must be held.
func (s *Server) violateLocked(rule Rule, method, path, detail string) {
	v := Violation{Rule: rule, Method: method, Path: path, Detail: detail, At: s.now()}
	s.violations = append(s.violations, v)
	s.t.Errorf("discordtest: Discord rule broken: %s", v)
}

// Violations returns every broken rule in order.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violations)
}

// Requests returns every REST call in the order they completed.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// InteractionResponses returns the callbacks received for an interaction, rejected ones included.
func (s *Server) InteractionResponses(interactionID string) []Callback {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.interactions[interactionID]
	if st == nil {
		return nil
	}
	return slices.Clone(st.callbacks)
}

// Original returns the current original response of the interaction with this token: nil before
// any callback, or after it was deleted. A deferred response that has not been edited yet has
// discordgo.MessageFlagsLoading set.
func (s *Server) Original(token string) *discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.byToken[token]
	if st == nil {
		return nil
	}
	return st.original
}

// Followups returns the current follow-up messages of the interaction with this token, oldest first.
// A follow-up sent while the deferred "thinking" reply was still pending is not here: Discord
// turns it into the original response, so it is in Original.
func (s *Server) Followups(token string) []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.byToken[token]
	if st == nil {
		return nil
	}
	out := make([]*discordgo.Message, 0, len(st.followups))
	for _, id := range st.followups {
		out = append(out, s.messages[id])
	}
	return out
}

// ChannelMessages returns the messages the bot posted to a channel through
// POST /channels/{id}/messages, in their current state, oldest first. Messages dispatched with
// DispatchMessage and interaction replies are not included.
func (s *Server) ChannelMessages(channelID string) []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.Message
	for _, id := range s.posts[channelID] {
		if m := s.messages[id]; m != nil {
			out = append(out, m)
		}
	}
	return out
}

// Message returns any message the fake knows by ID (dispatched, posted, or an interaction reply).
func (s *Server) Message(messageID string) *discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.messages[messageID]
}

// Reactions returns the emoji the bot has on a message, in the order it added them. Custom emoji
// are "name:id".
func (s *Server) Reactions(channelID, messageID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.reactions[channelID+"/"+messageID])
}

// Commands returns the commands registered for a guild, or the global ones for "".
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands[guildID])
}

// Threads returns the threads the bot started from messages of a channel.
func (s *Server) Threads(parentChannelID string) []*discordgo.Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.Channel
	for _, ch := range s.channels {
		if ch.ParentID == parentChannelID && ch.IsThread() {
			out = append(out, ch)
		}
	}
	slices.SortFunc(out, func(a, b *discordgo.Channel) int { return compareSnowflakes(a.ID, b.ID) })
	return out
}

func compareSnowflakes(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

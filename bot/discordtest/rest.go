package discordtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// maxBody caps what the fake reads of one request; Discord's own upload cap is in this range.
const maxBody = 32 << 20

// Discord JSON error codes the fake answers with.
const (
	codeUnknownApplication   = 10002
	codeUnknownChannel       = 10003
	codeUnknownGuild         = 10004
	codeUnknownMessage       = 10008
	codeUnknownUser          = 10013
	codeUnknownEmoji         = 10014
	codeUnknownWebhook       = 10015
	codeUnknownInteraction   = 10062
	codeMissingAccess        = 50001
	codeMissingPermissions   = 50013
	codeEditOthersMessage    = 50005
	codeEmptyMessage         = 50006
	codeInvalidWebhookToken  = 50027
	codeInvalidFormBody      = 50035
	codeAlreadyAcknowledged  = 40060
	codeThreadAlreadyCreated = 160004
)

// interactionState is what the fake knows about one dispatched interaction.
type interactionState struct {
	in           discordgo.Interaction
	dispatchedAt time.Time
	acked        bool
	expired      bool // acknowledged too late: Discord has forgotten the interaction
	callbacks    []Callback
	original     *discordgo.Message
	followups    []string // message IDs, oldest first
	// followupsSent counts follow-ups created, deleted ones included.
	followupsSent int
	// shown is every public version of the interaction's messages; see ShownPublicly.
	shown []*discordgo.Message
}

// reqInfo is the request body as read by serveHTTP, shared with the handlers.
type reqInfo struct {
	body  []byte // JSON body, or payload_json of a multipart body
	files []string
}

type reqInfoKey struct{}

// reply is what a handler answers. Handlers build it under s.mu; it is written after unlocking.
type reply struct {
	status int
	body   any // encoded as JSON; []byte is sent as is
}

func apiError(status, code int, msg string) reply {
	return reply{status, map[string]any{"message": msg, "code": code}}
}

var noContent = reply{status: http.StatusNoContent}

// rateLimitRule is one pending RateLimitNext.
type rateLimitRule struct {
	method     string
	pattern    []string
	retryAfter time.Duration
}

// RateLimitNext makes the next REST call matching method and pathPattern fail with 429, the
// headers and the JSON body Discord sends; discordgo waits retryAfter and retries. pathPattern is
// the path under /api/v9 (the prefix may be included); "*" or "{name}" matches one segment, e.g.
// "/interactions/*/*/callback" or "/channels/{id}/messages". An empty method matches any. Each call
// arms one 429; call it twice for two.
func (s *Server) RateLimitNext(method, pathPattern string, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimits = append(s.rateLimits, rateLimitRule{
		method:     strings.ToUpper(method),
		pattern:    splitPath(strings.TrimPrefix(pathPattern, apiPrefix)),
		retryAfter: retryAfter,
	})
}

func splitPath(p string) []string { return strings.Split(strings.Trim(p, "/"), "/") }

func (rl rateLimitRule) matches(method, path string) bool {
	if rl.method != "" && rl.method != "*" && rl.method != method {
		return false
	}
	segs := splitPath(path)
	if len(segs) != len(rl.pattern) {
		return false
	}
	for i, p := range rl.pattern {
		if p == "*" || strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			continue
		}
		if p != segs[i] {
			return false
		}
	}
	return true
}

func (s *Server) takeRateLimit(method, path string) (rateLimitRule, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, rl := range s.rateLimits {
		if rl.matches(method, path) {
			s.rateLimits = append(s.rateLimits[:i], s.rateLimits[i+1:]...)
			return rl, true
		}
	}
	return rateLimitRule{}, false
}

// writeRateLimited answers like Discord's per-route limit. discordgo reads retry_after (seconds,
// float) from the body and X-RateLimit-Reset-After for the bucket; the rest is for realism.
func writeRateLimited(w http.ResponseWriter, rl rateLimitRule) {
	secs := rl.retryAfter.Seconds()
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(time.Now().Add(rl.retryAfter).UnixMilli())/1000, 'f', 3, 64))
	h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
	h.Set("X-RateLimit-Bucket", "discordtest-bucket")
	h.Set("X-RateLimit-Scope", "user")
	w.WriteHeader(http.StatusTooManyRequests)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"message":     "You are being rate limited.",
		"retry_after": secs,
		"global":      false,
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// serveHTTP reads and records every REST call, applies armed rate limits, and routes the rest.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == gatewayPath || r.URL.Path == strings.TrimSuffix(gatewayPath, "/") {
		s.serveGateway(w, r)
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	in, err := splitBody(r.Header.Get("Content-Type"), raw)
	if err != nil {
		in = &reqInfo{body: raw}
	}
	rec := Request{
		Method: r.Method,
		Path:   strings.TrimPrefix(r.URL.Path, apiPrefix),
		Query:  r.URL.Query(),
		Header: r.Header.Clone(),
		Body:   in.body,
		Files:  in.files,
		At:     s.now(),
	}
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	if rl, ok := s.takeRateLimit(r.Method, rec.Path); ok {
		writeRateLimited(sw, rl)
	} else {
		s.mux.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), reqInfoKey{}, in)))
	}
	rec.Status = sw.status
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.bumpLocked()
	s.mu.Unlock()
}

// splitBody extracts the JSON payload from a plain or multipart (file upload) body.
func splitBody(contentType string, raw []byte) (*reqInfo, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "multipart/form-data" {
		return &reqInfo{body: raw}, nil
	}
	mr := multipart.NewReader(bytes.NewReader(raw), params["boundary"])
	in := &reqInfo{}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return in, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read multipart body: %w", err)
		}
		if p.FormName() == "payload_json" {
			if in.body, err = io.ReadAll(p); err != nil {
				return nil, fmt.Errorf("read payload_json: %w", err)
			}
		} else if p.FileName() != "" {
			in.files = append(in.files, p.FileName())
		}
	}
}

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	// bot: Authorization "Bot <token>" required. hook: authorised by the token in the URL.
	bot := func(pattern string, fn func(*http.Request, *reqInfo) reply) {
		method, path, _ := strings.Cut(pattern, " ")
		mux.HandleFunc(method+" "+apiPrefix+path, s.handler(true, fn))
	}
	hook := func(pattern string, fn func(*http.Request, *reqInfo) reply) {
		method, path, _ := strings.Cut(pattern, " ")
		mux.HandleFunc(method+" "+apiPrefix+path, s.handler(false, fn))
	}
	hook("GET /gateway", s.getGateway)
	bot("GET /gateway/bot", s.getGateway)
	bot("GET /users/@me", s.getUser)
	bot("GET /users/{user}", s.getUser)
	bot("GET /applications/@me", s.getApplication)
	bot("GET /oauth2/applications/@me", s.getApplication)
	bot("PUT /applications/{app}/commands", s.putCommands)
	bot("GET /applications/{app}/commands", s.listCommands)
	bot("PUT /applications/{app}/guilds/{guild}/commands", s.putCommands)
	bot("GET /applications/{app}/guilds/{guild}/commands", s.listCommands)
	hook("POST /interactions/{id}/{token}/callback", s.postCallback)
	hook("POST /webhooks/{app}/{token}", s.postFollowup)
	hook("GET /webhooks/{app}/{token}/messages/{msg}", s.getWebhookMessage)
	hook("PATCH /webhooks/{app}/{token}/messages/{msg}", s.patchWebhookMessage)
	hook("DELETE /webhooks/{app}/{token}/messages/{msg}", s.deleteWebhookMessage)
	bot("GET /channels/{channel}", s.getChannel)
	bot("GET /channels/{channel}/messages", s.getChannelMessages)
	bot("POST /channels/{channel}/messages", s.postChannelMessage)
	bot("GET /channels/{channel}/messages/{msg}", s.getChannelMessage)
	bot("PATCH /channels/{channel}/messages/{msg}", s.patchChannelMessage)
	bot("DELETE /channels/{channel}/messages/{msg}", s.deleteChannelMessage)
	bot("POST /channels/{channel}/messages/{msg}/threads", s.postThread)
	bot("PUT /channels/{channel}/messages/{msg}/reactions/{emoji}/@me", s.putReaction)
	bot("DELETE /channels/{channel}/messages/{msg}/reactions/{emoji}/@me", s.deleteReaction)
	bot("GET /guilds/{guild}", s.getGuild)
	bot("GET /guilds/{guild}/members/{user}", s.getMember)
	mux.HandleFunc("/", s.handler(false, s.unsupported))
	return mux
}

// handler adapts a route: authorisation, then the route under s.mu, then the reply.
func (s *Server) handler(auth bool, fn func(*http.Request, *reqInfo) reply) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		in, _ := r.Context().Value(reqInfoKey{}).(*reqInfo)
		if in == nil {
			in = &reqInfo{}
		}
		s.mu.Lock()
		var rep reply
		if auth {
			rep = s.checkAuthLocked(r)
		}
		if rep.status == 0 {
			rep = s.deniedLocked(r.PathValue("channel"))
		}
		if rep.status == 0 {
			rep = fn(r, in)
		}
		s.mu.Unlock()
		writeReply(w, rep)
	}
}

func writeReply(w http.ResponseWriter, rep reply) {
	if rep.status == http.StatusNoContent || rep.body == nil {
		w.WriteHeader(rep.status)
		return
	}
	body, ok := rep.body.([]byte)
	if !ok {
		var err error
		if body, err = json.Marshal(rep.body); err != nil {
			http.Error(w, "discordtest: encode reply: "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	_, _ = w.Write(body)
}

func apiPath(r *http.Request) string { return strings.TrimPrefix(r.URL.Path, apiPrefix) }

// rejectLocked records a violation and returns Discord's error for it.
func (s *Server) rejectLocked(r *http.Request, rule Rule, detail string, status, code int, msg string) reply {
	s.violateLocked(rule, r.Method, apiPath(r), detail)
	return apiError(status, code, msg)
}

func (s *Server) checkAuthLocked(r *http.Request) reply {
	auth := r.Header.Get("Authorization")
	switch {
	case !strings.HasPrefix(auth, "Bot ") || stripBot(auth) == "":
		return s.rejectLocked(r, RuleAuthorization, `no "Authorization: Bot <token>" header`, http.StatusUnauthorized, 0, "401: Unauthorized")
	case s.cfg.token != "" && stripBot(auth) != stripBot(s.cfg.token):
		return s.rejectLocked(r, RuleAuthorization, "wrong bot token", http.StatusUnauthorized, 0, "401: Unauthorized")
	}
	return reply{}
}

func (s *Server) unsupported(r *http.Request, _ *reqInfo) reply {
	return s.rejectLocked(r, RuleUnsupportedEndpoint, "the fake does not implement this endpoint", http.StatusNotFound, 0, "404: Not Found")
}

// --- gateway, users, application ---

func (s *Server) getGateway(r *http.Request, _ *reqInfo) reply {
	body := map[string]any{"url": s.wsURL}
	if strings.HasSuffix(r.URL.Path, "/bot") {
		body["shards"] = 1
		body["session_start_limit"] = map[string]any{"total": 1000, "remaining": 999, "reset_after": 86400000, "max_concurrency": 1}
	}
	return reply{http.StatusOK, body}
}

func (s *Server) getUser(r *http.Request, _ *reqInfo) reply {
	id := r.PathValue("user")
	switch {
	case id == "" || id == BotUserID:
		return reply{http.StatusOK, botUser()}
	case id == DefaultUserID:
		return reply{http.StatusOK, defaultUser()}
	case allDigits(id):
		return reply{http.StatusOK, &discordgo.User{ID: id, Username: "user-" + id}}
	}
	return s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("user ID %q is not a snowflake", id), http.StatusNotFound, codeUnknownUser, "Unknown User")
}

func (s *Server) getApplication(*http.Request, *reqInfo) reply {
	return reply{http.StatusOK, map[string]any{
		"id":          ApplicationID,
		"name":        BotUsername,
		"description": "",
		"bot_public":  false,
		"flags":       s.appFlags(),
		"bot":         botUser(),
		// Where the application may be installed (keys of application integration types).
		"integration_types_config": s.integrationTypesConfig(),
	}}
}

// --- commands ---

// commandScopeLocked checks the application and guild of a command route.
func (s *Server) commandScopeLocked(r *http.Request) (string, *reply) {
	if app := r.PathValue("app"); app != ApplicationID {
		rep := s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("application %q is not the bot's (%s)", app, ApplicationID), http.StatusNotFound, codeUnknownApplication, "Unknown Application")
		return "", &rep
	}
	guild := r.PathValue("guild")
	if guild != "" && s.guild(guild) == nil {
		rep := s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("the bot is not in guild %q", guild), http.StatusForbidden, codeMissingAccess, "Missing Access")
		return "", &rep
	}
	return guild, nil
}

func (s *Server) guild(id string) *discordgo.Guild {
	for _, g := range s.cfg.guilds {
		if g.ID == id {
			return g
		}
	}
	return nil
}

func (s *Server) putCommands(r *http.Request, in *reqInfo) reply {
	guild, rep := s.commandScopeLocked(r)
	if rep != nil {
		return *rep
	}
	var cmds []*discordgo.ApplicationCommand
	if err := json.Unmarshal(in.body, &cmds); err != nil {
		return s.rejectLocked(r, RuleInvalidCommand, "body is not a JSON array of commands: "+err.Error(), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
	}
	if problems := append(validateCommands(cmds), s.checkInstallContexts(guild, cmds)...); len(problems) > 0 {
		return s.rejectLocked(r, RuleInvalidCommand, strings.Join(problems, "; "), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
	}
	// Discord keeps a command's ID across overwrites when its name and type stay the same.
	prev := map[string]string{}
	for _, c := range s.commands[guild] {
		prev[fmt.Sprintf("%d/%s", c.Type, c.Name)] = c.ID
	}
	version := s.nextIDLocked()
	out := make([]*discordgo.ApplicationCommand, 0, len(cmds))
	for _, c := range cmds {
		cp := *c
		if cp.Type == 0 {
			cp.Type = discordgo.ChatApplicationCommand
		}
		cp.ID = prev[fmt.Sprintf("%d/%s", cp.Type, cp.Name)]
		if cp.ID == "" {
			cp.ID = s.nextIDLocked()
		}
		cp.ApplicationID = ApplicationID
		cp.GuildID = guild
		cp.Version = version
		if cp.Options == nil {
			cp.Options = []*discordgo.ApplicationCommandOption{}
		}
		out = append(out, &cp)
	}
	s.commands[guild] = out
	s.bumpLocked()
	return reply{http.StatusOK, out}
}

func (s *Server) listCommands(r *http.Request, _ *reqInfo) reply {
	guild, rep := s.commandScopeLocked(r)
	if rep != nil {
		return *rep
	}
	out := s.commands[guild]
	if out == nil {
		out = []*discordgo.ApplicationCommand{}
	}
	return reply{http.StatusOK, out}
}

// --- messages ---

// marshalMessage encodes a message as Discord does. discordgo's Message drops Components when
// encoding (json:"-"), so they are added back here.
func marshalMessage(m *discordgo.Message) json.RawMessage {
	raw := mustJSON(m)
	if len(m.Components) == 0 {
		return raw
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return raw
	}
	fields["components"] = mustJSON(m.Components)
	return mustJSON(fields)
}

// readMessageLocked decodes and checks a message-bearing body. It returns the decoded fields and
// message, or Discord's rejection. Problems Discord lets through (mentions) are recorded only.
func (s *Server) readMessageLocked(r *http.Request, raw []byte) (map[string]json.RawMessage, *discordgo.Message, *reply) {
	fields, m, err := decodeMessageBody(raw)
	if err != nil {
		rep := s.rejectLocked(r, RuleInvalidRequest, err.Error(), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
		return nil, nil, &rep
	}
	var rejected bool
	for _, p := range checkMessage(fields, m) {
		s.violateLocked(p.rule, r.Method, apiPath(r), p.detail)
		rejected = rejected || p.reject
	}
	if rejected {
		rep := apiError(http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
		return nil, nil, &rep
	}
	return fields, m, nil
}

func (s *Server) attachmentsLocked(files []string) []*discordgo.MessageAttachment {
	out := make([]*discordgo.MessageAttachment, 0, len(files))
	for _, name := range files {
		id := s.nextIDLocked()
		out = append(out, &discordgo.MessageAttachment{
			ID: id, Filename: name,
			URL: "https://cdn.discordapp.com/attachments/" + id + "/" + name,
		})
	}
	return out
}

// newMessageLocked builds a message the bot creates from its request body, or the rejection.
func (s *Server) newMessageLocked(r *http.Request, raw []byte, files []string, channelID, guildID string) (*discordgo.Message, *reply) {
	_, body, rep := s.readMessageLocked(r, raw)
	if rep != nil {
		return nil, rep
	}
	m := &discordgo.Message{
		ID:               s.nextIDLocked(),
		ChannelID:        channelID,
		GuildID:          guildID,
		Content:          body.Content,
		Timestamp:        s.now(),
		TTS:              body.TTS,
		Author:           botUser(),
		Attachments:      s.attachmentsLocked(files),
		Components:       body.Components,
		Embeds:           body.Embeds,
		MentionRoles:     []string{},
		Mentions:         []*discordgo.User{},
		Flags:            body.Flags,
		MessageReference: body.MessageReference,
		Poll:             body.Poll,
	}
	if m.Embeds == nil {
		m.Embeds = []*discordgo.MessageEmbed{}
	}
	if m.MessageReference != nil {
		m.Type = discordgo.MessageTypeReply
	}
	if emptyMessage(m) {
		rep := s.rejectLocked(r, RuleEmptyMessage, "message has no content, embed, component or file", http.StatusBadRequest, codeEmptyMessage, "Cannot send an empty message")
		return nil, &rep
	}
	return m, nil
}

// editMessageLocked applies a PATCH body to old and returns the new value, or the rejection.
// Only fields present in the body change, as on Discord.
func (s *Server) editMessageLocked(r *http.Request, old *discordgo.Message, in *reqInfo) (*discordgo.Message, *reply) {
	fields, body, rep := s.readMessageLocked(r, in.body)
	if rep != nil {
		return nil, rep
	}
	m := *old
	if _, ok := fields["content"]; ok {
		m.Content = body.Content
	}
	if _, ok := fields["embeds"]; ok {
		m.Embeds = body.Embeds
		if m.Embeds == nil {
			m.Embeds = []*discordgo.MessageEmbed{}
		}
	}
	if raw, ok := fields["components"]; ok && string(raw) != "null" {
		// Discord ignores "components": null on edits (discord-api-docs#5860), and discordgo sends
		// exactly that whenever a response leaves Components unset; only [] clears them.
		m.Components = body.Components
	}
	if _, ok := fields["flags"]; ok {
		// Only SUPPRESS_EMBEDS can be changed by an edit.
		m.Flags = m.Flags&^discordgo.MessageFlagsSuppressEmbeds | body.Flags&discordgo.MessageFlagsSuppressEmbeds
	}
	if _, ok := fields["attachments"]; ok {
		keep := map[string]bool{}
		for _, a := range body.Attachments {
			keep[a.ID] = true
		}
		var kept []*discordgo.MessageAttachment
		for _, a := range old.Attachments {
			if keep[a.ID] {
				kept = append(kept, a)
			}
		}
		m.Attachments = kept
	}
	m.Attachments = append(append([]*discordgo.MessageAttachment(nil), m.Attachments...), s.attachmentsLocked(in.files)...)
	if old.Flags&discordgo.MessageFlagsLoading != 0 {
		// The first edit of a deferred reply is the reply itself, not an edit of it.
		m.Flags &^= discordgo.MessageFlagsLoading
	} else {
		now := s.now()
		m.EditedTimestamp = &now
	}
	if emptyMessage(&m) {
		rep := s.rejectLocked(r, RuleEmptyMessage, "the edit leaves the message with no content, embed, component or file", http.StatusBadRequest, codeEmptyMessage, "Cannot send an empty message")
		return nil, &rep
	}
	return &m, nil
}

// channelLocked resolves a channel ID. Unknown snowflakes are answered with a plausible text
// channel of the first guild, so tests need not declare every channel the bot posts to.
func (s *Server) channelLocked(id string) *discordgo.Channel {
	if ch := s.channels[id]; ch != nil {
		return ch
	}
	if !allDigits(id) {
		return nil
	}
	return &discordgo.Channel{
		ID: id, GuildID: s.cfg.guilds[0].ID, Name: "channel-" + id, Type: discordgo.ChannelTypeGuildText,
		PermissionOverwrites: []*discordgo.PermissionOverwrite{},
	}
}

func (s *Server) unknownChannelLocked(r *http.Request, id string) reply {
	return s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("channel %q is not a snowflake", id), http.StatusNotFound, codeUnknownChannel, "Unknown Channel")
}

func (s *Server) getChannel(r *http.Request, _ *reqInfo) reply {
	ch := s.channelLocked(r.PathValue("channel"))
	if ch == nil {
		return s.unknownChannelLocked(r, r.PathValue("channel"))
	}
	return reply{http.StatusOK, ch}
}

func (s *Server) putMessageLocked(m *discordgo.Message) {
	s.messages[m.ID] = m
	s.bumpLocked()
}

func (s *Server) postChannelMessage(r *http.Request, in *reqInfo) reply {
	ch := s.channelLocked(r.PathValue("channel"))
	if ch == nil {
		return s.unknownChannelLocked(r, r.PathValue("channel"))
	}
	nonce, enforce, rep := s.readNonceLocked(r, in.body)
	if rep != nil {
		return *rep
	}
	key := ch.ID + "/" + nonce
	if enforce {
		// Discord returns the earlier message instead of posting a second one.
		if prev, ok := s.nonces[key]; ok && s.now().Sub(prev.at) < NonceWindow {
			if m := s.messages[prev.messageID]; m != nil {
				return reply{http.StatusOK, marshalMessage(m)}
			}
		}
	}
	m, rep := s.newMessageLocked(r, in.body, in.files, ch.ID, ch.GuildID)
	if rep != nil {
		return *rep
	}
	if nonce != "" {
		s.nonces[key] = nonceRecord{messageID: m.ID, at: s.now()}
	}
	s.posts[ch.ID] = append(s.posts[ch.ID], m.ID)
	s.putMessageLocked(m)
	return reply{http.StatusOK, marshalMessage(m)}
}

// readNonceLocked reads the optional nonce (a string or an integer of at most 25 characters) and
// enforce_nonce of a message create body.
func (s *Server) readNonceLocked(r *http.Request, body []byte) (nonce string, enforce bool, rep *reply) {
	var fields struct {
		Nonce        json.RawMessage `json:"nonce"`
		EnforceNonce bool            `json:"enforce_nonce"`
	}
	if err := json.Unmarshal(body, &fields); err != nil {
		return "", false, nil // readMessageLocked reports the malformed body
	}
	raw := bytes.TrimSpace(fields.Nonce)
	if len(raw) > 0 && !bytes.Equal(raw, []byte("null")) {
		if err := json.Unmarshal(raw, &nonce); err != nil {
			var n json.Number
			if err := json.Unmarshal(raw, &n); err != nil {
				bad := s.rejectLocked(r, RuleInvalidRequest, "nonce is neither a string nor an integer", http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
				return "", false, &bad
			}
			nonce = n.String()
		}
		if n := runes(nonce); n > MaxNonceLength {
			bad := s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("nonce is %d characters (limit %d)", n, MaxNonceLength), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
			return "", false, &bad
		}
	}
	return nonce, fields.EnforceNonce && nonce != "", nil
}

// getChannelMessages lists a channel's messages newest first, as Discord does: at most limit
// (1-100, default 50), those before or after a message ID when asked.
func (s *Server) getChannelMessages(r *http.Request, _ *reqInfo) reply {
	ch := s.channelLocked(r.PathValue("channel"))
	if ch == nil {
		return s.unknownChannelLocked(r, r.PathValue("channel"))
	}
	q := r.URL.Query()
	limit := 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("limit %q is not 1-100", v), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
		}
		limit = n
	}
	before, after := q.Get("before"), q.Get("after")
	if q.Get("around") != "" {
		return s.rejectLocked(r, RuleUnsupportedEndpoint, "the fake does not implement around=", http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
	}
	var list []*discordgo.Message
	for _, m := range s.messages {
		if m.ChannelID != ch.ID {
			continue
		}
		if before != "" && compareSnowflakes(m.ID, before) >= 0 || after != "" && compareSnowflakes(m.ID, after) <= 0 {
			continue
		}
		list = append(list, m)
	}
	slices.SortFunc(list, func(a, b *discordgo.Message) int { return compareSnowflakes(b.ID, a.ID) })
	if after != "" && len(list) > limit {
		list = list[len(list)-limit:] // after= pages forward from the oldest
	} else if len(list) > limit {
		list = list[:limit]
	}
	out := make([]json.RawMessage, 0, len(list))
	for _, m := range list {
		out = append(out, marshalMessage(m))
	}
	return reply{http.StatusOK, out}
}

// DenyChannel makes every REST call on a channel (/channels/{id}/...) fail as Discord fails calls
// the bot is not allowed to make there: code is a Discord JSON error code, answered with its
// status: 50013 Missing Permissions (403), 50001 Missing Access (403) or 10003 Unknown Channel
// (404, the channel was deleted). Code 0 lifts the denial. These are not rule violations: the bot
// is expected to handle them.
func (s *Server) DenyChannel(channelID string, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if code == 0 {
		delete(s.denied, channelID)
	} else {
		s.denied[channelID] = code
	}
	s.bumpLocked()
}

// deniedLocked answers a call on a channel denied with DenyChannel; a zero reply otherwise.
func (s *Server) deniedLocked(channelID string) reply {
	code, ok := s.denied[channelID]
	if channelID == "" || !ok {
		return reply{}
	}
	switch code {
	case codeMissingPermissions:
		return apiError(http.StatusForbidden, code, "Missing Permissions")
	case codeMissingAccess:
		return apiError(http.StatusForbidden, code, "Missing Access")
	case codeUnknownChannel:
		return apiError(http.StatusNotFound, code, "Unknown Channel")
	}
	return apiError(http.StatusForbidden, code, "Denied by the test")
}

// channelMessageLocked finds a message in a channel, or the rejection for it.
func (s *Server) channelMessageLocked(r *http.Request) (*discordgo.Message, *reply) {
	m := s.messages[r.PathValue("msg")]
	if m == nil || m.ChannelID != r.PathValue("channel") {
		rep := s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("no message %q in channel %q", r.PathValue("msg"), r.PathValue("channel")), http.StatusNotFound, codeUnknownMessage, "Unknown Message")
		return nil, &rep
	}
	return m, nil
}

func (s *Server) getChannelMessage(r *http.Request, _ *reqInfo) reply {
	m, rep := s.channelMessageLocked(r)
	if rep != nil {
		return *rep
	}
	return reply{http.StatusOK, marshalMessage(m)}
}

func (s *Server) patchChannelMessage(r *http.Request, in *reqInfo) reply {
	old, rep := s.channelMessageLocked(r)
	if rep != nil {
		return *rep
	}
	if old.Author == nil || old.Author.ID != BotUserID {
		return s.rejectLocked(r, RuleInvalidRequest, "edit of a message the bot did not write", http.StatusForbidden, codeEditOthersMessage, "Cannot edit a message authored by another user")
	}
	m, rep := s.editMessageLocked(r, old, in)
	if rep != nil {
		return *rep
	}
	s.putMessageLocked(m)
	return reply{http.StatusOK, marshalMessage(m)}
}

func (s *Server) deleteChannelMessage(r *http.Request, _ *reqInfo) reply {
	m, rep := s.channelMessageLocked(r)
	if rep != nil {
		return *rep
	}
	delete(s.messages, m.ID)
	ids := s.posts[m.ChannelID]
	for i, id := range ids {
		if id == m.ID {
			s.posts[m.ChannelID] = append(ids[:i:i], ids[i+1:]...)
			break
		}
	}
	s.bumpLocked()
	return noContent
}

// --- reactions and threads ---

func (s *Server) putReaction(r *http.Request, _ *reqInfo) reply {
	m, rep := s.channelMessageLocked(r)
	if rep != nil {
		return *rep
	}
	emoji := r.PathValue("emoji")
	if !validEmoji(emoji) {
		return s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("%q is neither a Unicode emoji nor name:id", emoji), http.StatusBadRequest, codeUnknownEmoji, "Unknown Emoji")
	}
	key := m.ChannelID + "/" + m.ID
	for _, e := range s.reactions[key] {
		if e == emoji {
			return noContent // adding an existing reaction is a no-op on Discord too
		}
	}
	s.reactions[key] = append(s.reactions[key], emoji)
	s.bumpLocked()
	return noContent
}

func (s *Server) deleteReaction(r *http.Request, _ *reqInfo) reply {
	m, rep := s.channelMessageLocked(r)
	if rep != nil {
		return *rep
	}
	key := m.ChannelID + "/" + m.ID
	list := s.reactions[key]
	for i, e := range list {
		if e == r.PathValue("emoji") {
			s.reactions[key] = append(list[:i:i], list[i+1:]...)
			s.bumpLocked()
			break
		}
	}
	return noContent
}

func (s *Server) postThread(r *http.Request, in *reqInfo) reply {
	m, rep := s.channelMessageLocked(r)
	if rep != nil {
		return *rep
	}
	parent := s.channelLocked(m.ChannelID)
	if parent == nil || (parent.Type != discordgo.ChannelTypeGuildText && parent.Type != discordgo.ChannelTypeGuildNews) {
		return s.rejectLocked(r, RuleInvalidRequest, "threads can only start from messages in guild text or announcement channels", http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
	}
	var ts discordgo.ThreadStart
	if err := json.Unmarshal(in.body, &ts); err != nil {
		return s.rejectLocked(r, RuleInvalidRequest, "thread body: "+err.Error(), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
	}
	if n := runes(ts.Name); n < 1 || n > 100 {
		return s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("thread name is %d characters (must be 1-100)", n), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
	}
	switch ts.AutoArchiveDuration {
	case 0, 60, 1440, 4320, 10080:
	default:
		return s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("auto_archive_duration %d is not 60, 1440, 4320 or 10080", ts.AutoArchiveDuration), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
	}
	if m.Thread != nil {
		return s.rejectLocked(r, RuleInvalidRequest, "message already has a thread", http.StatusBadRequest, codeThreadAlreadyCreated, "A thread has already been created for this message")
	}
	if ts.AutoArchiveDuration == 0 {
		ts.AutoArchiveDuration = 1440
	}
	th := &discordgo.Channel{
		ID:       m.ID, // Discord gives a thread started from a message that message's ID
		GuildID:  parent.GuildID,
		ParentID: parent.ID,
		Name:     ts.Name,
		Type:     discordgo.ChannelTypeGuildPublicThread,
		OwnerID:  BotUserID,
		ThreadMetadata: &discordgo.ThreadMetadata{
			AutoArchiveDuration: ts.AutoArchiveDuration,
			ArchiveTimestamp:    s.now(),
		},
		RateLimitPerUser: ts.RateLimitPerUser,
	}
	s.channels[th.ID] = th
	updated := *m
	updated.Thread = th
	updated.Flags |= discordgo.MessageFlagsHasThread
	s.putMessageLocked(&updated)
	return reply{http.StatusCreated, th}
}

// --- guilds ---

func (s *Server) getGuild(r *http.Request, _ *reqInfo) reply {
	g := s.guild(r.PathValue("guild"))
	if g == nil {
		return s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("the bot is not in guild %q", r.PathValue("guild")), http.StatusNotFound, codeUnknownGuild, "Unknown Guild")
	}
	return reply{http.StatusOK, g}
}

func (s *Server) getMember(r *http.Request, _ *reqInfo) reply {
	g := s.guild(r.PathValue("guild"))
	if g == nil {
		return s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("the bot is not in guild %q", r.PathValue("guild")), http.StatusNotFound, codeUnknownGuild, "Unknown Guild")
	}
	id := r.PathValue("user")
	if !allDigits(id) {
		return s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("user ID %q is not a snowflake", id), http.StatusNotFound, codeUnknownUser, "Unknown User")
	}
	u := &discordgo.User{ID: id, Username: "user-" + id}
	switch id {
	case BotUserID:
		u = botUser()
	case DefaultUserID:
		u = defaultUser()
	}
	return reply{http.StatusOK, &discordgo.Member{GuildID: g.ID, User: u, Roles: []string{}, JoinedAt: s.now()}}
}

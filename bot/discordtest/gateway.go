package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway opcodes (https://discord.com/developers/docs/topics/opcodes-and-status-codes).
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opPresenceUpdate = 3
	opVoiceState     = 4
	opResume         = 6
	opReconnect      = 7
	opRequestMembers = 8
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatACK   = 11
)

// Gateway close codes the fake uses.
const (
	closeUnknownOpcode        = 4001
	closeDecodeError          = 4002
	closeNotAuthenticated     = 4003
	closeAuthenticationFailed = 4004
	closeAlreadyAuthenticated = 4005
	closeDisallowedIntents    = 4014
)

// privilegedAppFlags maps privileged intents to the application flags that grant them (the
// "limited" variants, which unverified bots get from the developer portal switch).
var privilegedAppFlags = []struct {
	intent discordgo.Intent
	flag   int
}{
	{discordgo.IntentGuildPresences, 1 << 13},
	{discordgo.IntentGuildMembers, 1 << 15},
	{discordgo.IntentMessageContent, 1 << 19},
}

// writeTimeout bounds a gateway write so a stuck client cannot hang a test.
const writeTimeout = 5 * time.Second

// IdentifyRecord is one IDENTIFY the fake accepted (READY was sent in reply).
type IdentifyRecord struct {
	Token     string // as sent, usually "Bot ..."
	Intents   discordgo.Intent
	Compress  bool
	Shard     *[2]int
	SessionID string // the session READY created
	At        time.Time
}

// ResumeRecord is one RESUME the fake received.
type ResumeRecord struct {
	SessionID string
	Seq       int64 // last sequence the client had seen
	Accepted  bool  // false: answered with INVALID_SESSION
	Replayed  int   // dispatches sent again before RESUMED
	At        time.Time
}

// gwConn is one websocket connection. gorilla allows one writer at a time, hence wmu.
type gwConn struct {
	ws    *websocket.Conn
	wmu   sync.Mutex
	sess  *gwSession // guarded by Server.mu
	beats int        // heartbeats received on this connection; guarded by Server.mu
}

func (c *gwConn) write(frame []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	return c.ws.WriteMessage(websocket.TextMessage, frame)
}

func (c *gwConn) writeOp(op int, d any) error {
	frame, err := json.Marshal(gatewayFrame{Op: op, D: mustJSON(d)})
	if err != nil {
		return fmt.Errorf("encode gateway op %d: %w", op, err)
	}
	return c.write(frame)
}

// closeWith ends the connection the way Discord does on a protocol error: a close frame with a
// gateway close code, then the socket.
func (c *gwConn) closeWith(code int, text string) {
	c.wmu.Lock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(writeTimeout))
	c.wmu.Unlock()
	_ = c.ws.Close()
}

// kill cuts the TCP connection without a close frame, like a network failure.
func (c *gwConn) kill() { _ = c.ws.NetConn().Close() }

// gwSession is a gateway session: what RESUME continues. mu orders sequence numbers with writes,
// so frames leave in sequence order and a replay never interleaves with a live dispatch.
type gwSession struct {
	id      string
	token   string
	intents discordgo.Intent

	beats int // heartbeats received; guarded by Server.mu

	mu   sync.Mutex
	seq  int64
	log  []loggedDispatch // replayable dispatches, for RESUME
	conn *gwConn
}

type loggedDispatch struct {
	seq   int64
	frame []byte
}

// gatewayFrame is Discord's payload envelope. S and T are pointers so non-dispatch frames carry
// null, as Discord sends them.
type gatewayFrame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s"`
	T  *string         `json:"t"`
}

// send assigns the next sequence number to a dispatch, keeps it for replay if asked, and writes it
// to the live connection if there is one. A failed write is not an error: the client will resume
// and get the dispatch from the log.
func (g *gwSession) send(eventType string, d json.RawMessage, replayable bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.sendLocked(eventType, d, replayable)
}

// sendLocked is send with g.mu held.
func (g *gwSession) sendLocked(eventType string, d json.RawMessage, replayable bool) {
	g.seq++
	seq := g.seq
	frame, err := json.Marshal(gatewayFrame{Op: opDispatch, D: d, S: &seq, T: &eventType})
	if err != nil {
		return // d is already valid JSON; Marshal of the envelope cannot fail
	}
	if replayable {
		g.log = append(g.log, loggedDispatch{seq: seq, frame: frame})
	}
	if g.conn != nil {
		_ = g.conn.write(frame)
	}
}

func mustJSON(v any) json.RawMessage {
	if v == nil {
		return json.RawMessage("null")
	}
	if raw, ok := v.(json.RawMessage); ok {
		return raw
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("discordtest: encode %T: %v", v, err))
	}
	return b
}

// serveGateway runs one websocket connection until it ends.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	if q := r.URL.Query(); q.Get("encoding") != "" && q.Get("encoding") != "json" {
		http.Error(w, "discordtest: only encoding=json is faked", http.StatusBadRequest)
		return
	}
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered the client
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = ws.Close()
		return
	}
	s.conns[c] = struct{}{}
	s.connections++
	s.wg.Add(1)
	s.bumpLocked()
	s.mu.Unlock()
	defer s.wg.Done()

	if err := c.writeOp(opHello, map[string]any{"heartbeat_interval": s.cfg.heartbeat.Milliseconds()}); err != nil {
		s.connLost(c, err)
		return
	}
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			s.connLost(c, err)
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(data, &p); err != nil {
			c.closeWith(closeDecodeError, "Decode error")
			continue // the read fails next and connLost cleans up
		}
		s.mu.Lock()
		authed := c.sess != nil
		s.mu.Unlock()
		switch p.Op {
		case opHeartbeat:
			s.mu.Lock()
			s.heartbeats++
			c.beats++
			if c.sess != nil {
				c.sess.beats++
			}
			s.bumpLocked()
			s.mu.Unlock()
			_ = c.writeOp(opHeartbeatACK, nil)
		case opIdentify:
			s.identify(c, p.D)
		case opResume:
			s.resume(c, p.D)
		case opPresenceUpdate, opVoiceState, opRequestMembers:
			if !authed {
				c.closeWith(closeNotAuthenticated, "Not authenticated")
			}
			// Accepted and ignored: nothing in the bot depends on their answers.
		default:
			c.closeWith(closeUnknownOpcode, "Unknown opcode")
		}
	}
}

// connLost detaches a finished connection. A client that closed with 1000 or 1001 ended its
// session on purpose, so (as on Discord) that session can no longer be resumed.
func (s *Server) connLost(c *gwConn, err error) {
	_ = c.ws.Close()
	s.mu.Lock()
	delete(s.conns, c)
	sess := c.sess
	c.sess = nil
	var ce *websocket.CloseError
	if sess != nil && errors.As(err, &ce) && (ce.Code == websocket.CloseNormalClosure || ce.Code == websocket.CloseGoingAway) {
		delete(s.sessions, sess.id)
	}
	s.bumpLocked()
	s.mu.Unlock()
	if sess != nil {
		sess.mu.Lock()
		if sess.conn == c {
			sess.conn = nil
		}
		sess.mu.Unlock()
	}
}

func stripBot(token string) string { return strings.TrimPrefix(token, "Bot ") }

func (s *Server) identify(c *gwConn, d json.RawMessage) {
	// Only the fields the fake uses: discordgo's own Identify cannot decode what discordgo sends
	// (presence.game.created_at is encoded as a time string but decoded as an integer).
	var id struct {
		Token    string           `json:"token"`
		Intents  discordgo.Intent `json:"intents"`
		Compress bool             `json:"compress"`
		Shard    *[2]int          `json:"shard"`
	}
	if err := json.Unmarshal(d, &id); err != nil {
		c.closeWith(closeDecodeError, "Decode error")
		return
	}
	s.mu.Lock()
	already := c.sess != nil
	s.mu.Unlock()
	switch {
	case already:
		c.closeWith(closeAlreadyAuthenticated, "Already authenticated.")
		return
	case stripBot(id.Token) == "" || (s.cfg.token != "" && stripBot(id.Token) != stripBot(s.cfg.token)):
		c.closeWith(closeAuthenticationFailed, "Authentication failed.")
		return
	case id.Intents&s.cfg.disallowed != 0:
		c.closeWith(closeDisallowedIntents, "Disallowed intent(s).")
		return
	}

	// The session joins s.sessions only after READY and GUILD_CREATE are out, so no test dispatch
	// can overtake READY.
	sess := &gwSession{id: randomHex(16), token: id.Token, intents: id.Intents, conn: c}
	s.mu.Lock()
	c.sess = sess
	guilds := s.cfg.guilds
	s.mu.Unlock()

	unavailable := make([]map[string]any, 0, len(guilds))
	for _, g := range guilds {
		unavailable = append(unavailable, map[string]any{"id": g.ID, "unavailable": true})
	}
	ready := map[string]any{
		"v":                  9,
		"session_id":         sess.id,
		"resume_gateway_url": s.wsURL,
		"user":               botUser(),
		"application":        map[string]any{"id": ApplicationID, "flags": s.appFlags()},
		"guilds":             unavailable,
		"private_channels":   []any{},
	}
	if id.Shard != nil {
		ready["shard"] = id.Shard
	}
	// READY is not replayed on RESUME: a resumed client already has it.
	sess.send("READY", mustJSON(ready), false)
	if id.Intents&discordgo.IntentGuilds != 0 {
		// Discord follows READY with one GUILD_CREATE per guild, the lazy-load of full guild data.
		now := s.now()
		for _, g := range guilds {
			full := *g
			full.Unavailable = false
			full.JoinedAt = now
			full.MemberCount = 2
			if full.Members == nil {
				full.Members = []*discordgo.Member{}
			}
			if full.Threads == nil {
				full.Threads = []*discordgo.Channel{}
			}
			sess.send("GUILD_CREATE", mustJSON(&full), true)
		}
	}

	s.mu.Lock()
	s.sessions[sess.id] = sess
	s.identifies = append(s.identifies, IdentifyRecord{
		Token: id.Token, Intents: id.Intents, Compress: id.Compress, Shard: id.Shard,
		SessionID: sess.id, At: s.now(),
	})
	s.bumpLocked()
	s.mu.Unlock()
}

// appFlags are the application flags GET /applications/@me and READY report: every privileged
// intent not disallowed is granted.
func (s *Server) appFlags() int {
	flags := 0
	for _, p := range privilegedAppFlags {
		if s.cfg.disallowed&p.intent == 0 {
			flags |= p.flag
		}
	}
	return flags
}

func (s *Server) resume(c *gwConn, d json.RawMessage) {
	var p struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(d, &p); err != nil {
		c.closeWith(closeDecodeError, "Decode error")
		return
	}
	rec := ResumeRecord{SessionID: p.SessionID, Seq: p.Seq, At: s.now()}
	s.mu.Lock()
	sess := s.sessions[p.SessionID]
	ok := sess != nil && c.sess == nil && stripBot(sess.token) == stripBot(p.Token)
	if ok {
		c.sess = sess
	}
	s.mu.Unlock()

	if !ok {
		// Not resumable: the client must identify again (discordgo does so on this same socket).
		_ = c.writeOp(opInvalidSession, false)
	} else {
		sess.mu.Lock()
		old := sess.conn
		sess.conn = c
		for _, e := range sess.log {
			if e.seq > p.Seq {
				_ = c.write(e.frame)
				rec.Replayed++
			}
		}
		sess.sendLocked("RESUMED", json.RawMessage("{}"), false)
		sess.mu.Unlock()
		if old != nil && old != c {
			old.kill() // a session has one connection; the newer one wins
		}
		rec.Accepted = true
	}
	s.mu.Lock()
	s.resumes = append(s.resumes, rec)
	s.bumpLocked()
	s.mu.Unlock()
}

// settled reports whether the newest session is connected and its client has heartbeated on
// that connection, i.e. discordgo's Open (first or resuming) has fully finished. See Session.
func (s *Server) settled() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.identifies) == 0 {
		return true
	}
	g := s.sessions[s.identifies[len(s.identifies)-1].SessionID]
	if g == nil {
		return true
	}
	g.mu.Lock()
	c := g.conn
	g.mu.Unlock()
	return c != nil && c.beats > 0
}

// liveConns returns the connections that carry a session.
func (s *Server) liveConns() []*gwConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*gwConn
	for c := range s.conns {
		if c.sess != nil {
			out = append(out, c)
		}
	}
	return out
}

// DropConnection cuts every gateway connection without a close frame, as a network failure would.
// Sessions stay resumable; discordgo reconnects and sends RESUME.
func (s *Server) DropConnection() {
	s.mu.Lock()
	conns := make([]*gwConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.kill()
	}
}

// SendReconnect sends op 7 RECONNECT on every identified connection; the client should reconnect
// and resume.
func (s *Server) SendReconnect() {
	for _, c := range s.liveConns() {
		_ = c.writeOp(opReconnect, nil)
	}
}

// SendInvalidSession sends op 9 INVALID_SESSION on every identified connection. With resumable
// false the sessions are forgotten, so only a new IDENTIFY works.
func (s *Server) SendInvalidSession(resumable bool) {
	s.mu.Lock()
	var conns []*gwConn
	for c := range s.conns {
		sess := c.sess
		if sess == nil {
			continue
		}
		// Detach before writing: discordgo answers op 9 with IDENTIFY on this same socket.
		c.sess = nil
		if !resumable {
			delete(s.sessions, sess.id)
		}
		sess.mu.Lock()
		if sess.conn == c {
			sess.conn = nil
		}
		sess.mu.Unlock()
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.writeOp(opInvalidSession, resumable)
	}
}

// Dispatch sends any gateway event (op 0) to every session, connected or waiting to resume, and
// returns how many sessions got it. Payloads are sent as given: no intent filtering.
func (s *Server) Dispatch(eventType string, data any) int {
	raw := mustJSON(data)
	return s.dispatch(eventType, func(*gwSession) (json.RawMessage, bool) { return raw, true })
}

// dispatch sends a per-session payload; payload returns false to skip a session (intents).
func (s *Server) dispatch(eventType string, payload func(*gwSession) (json.RawMessage, bool)) int {
	s.mu.Lock()
	sessions := make([]*gwSession, 0, len(s.sessions))
	for _, g := range s.sessions {
		sessions = append(sessions, g)
	}
	s.mu.Unlock()
	if len(sessions) == 0 {
		s.t.Errorf("discordtest: %s dispatched but no gateway session has identified; Open the session and WaitIdentified first", eventType)
		return 0
	}
	n := 0
	for _, g := range sessions {
		if d, ok := payload(g); ok {
			g.send(eventType, d, true)
			n++
		}
	}
	s.mu.Lock()
	s.bumpLocked()
	s.mu.Unlock()
	return n
}

// Identifies returns every accepted IDENTIFY in order.
func (s *Server) Identifies() []IdentifyRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]IdentifyRecord(nil), s.identifies...)
}

// Resumes returns every RESUME received, accepted or not, in order.
func (s *Server) Resumes() []ResumeRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ResumeRecord(nil), s.resumes...)
}

// Heartbeats returns how many heartbeats (op 1) clients have sent.
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.heartbeats
}

// Connections returns how many websocket connections have been opened in total.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connections
}

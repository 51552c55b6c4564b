package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// postCallback answers POST /interactions/{id}/{token}/callback: the one acknowledgement Discord
// allows per interaction, within AckDeadline of dispatch.
func (s *Server) postCallback(r *http.Request, in *reqInfo) reply {
	id, token := r.PathValue("id"), r.PathValue("token")
	st := s.interactions[id]
	if st == nil || st.in.Token != token {
		return s.rejectLocked(r, RuleUnknownInteraction, fmt.Sprintf("no dispatched interaction %q with this token", id), http.StatusNotFound, codeUnknownInteraction, "Unknown interaction")
	}
	now := s.now()
	cb := Callback{Raw: in.body, At: now}
	rep := s.callbackLocked(r, st, in, &cb)
	cb.Status = rep.status
	st.callbacks = append(st.callbacks, cb)
	s.bumpLocked()
	return rep
}

func (s *Server) callbackLocked(r *http.Request, st *interactionState, in *reqInfo, cb *Callback) reply {
	var resp struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err := json.Unmarshal(in.body, &resp); err != nil {
		return s.rejectLocked(r, RuleInvalidRequest, "callback body: "+err.Error(), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
	}
	cb.Type = resp.Type
	hasData := len(resp.Data) > 0 && string(resp.Data) != "null"
	if hasData {
		if _, m, err := decodeMessageBody(resp.Data); err == nil {
			cb.Message = m
		}
	}
	switch {
	case st.acked:
		return s.rejectLocked(r, RuleAckedTwice, "second callback for one interaction; edit @original or send a follow-up instead", http.StatusBadRequest, codeAlreadyAcknowledged, "Interaction has already been acknowledged.")
	case st.expired:
		return apiError(http.StatusNotFound, codeUnknownInteraction, "Unknown interaction") // already reported
	case cb.At.Sub(st.dispatchedAt) > AckDeadline:
		st.expired = true
		return s.rejectLocked(r, RuleAckDeadline, fmt.Sprintf("first callback %v after dispatch (limit %v); defer at once, then edit", cb.At.Sub(st.dispatchedAt), AckDeadline), http.StatusNotFound, codeUnknownInteraction, "Unknown interaction")
	}

	var flags discordgo.MessageFlags
	if cb.Message != nil {
		flags = cb.Message.Flags
	}
	switch resp.Type {
	case discordgo.InteractionResponseChannelMessageWithSource:
		if !hasData {
			return s.rejectLocked(r, RuleEmptyMessage, "CHANNEL_MESSAGE_WITH_SOURCE without data", http.StatusBadRequest, codeEmptyMessage, "Cannot send an empty message")
		}
		m, rep := s.newMessageLocked(r, resp.Data, in.files, st.in.ChannelID, st.in.GuildID)
		if rep != nil {
			return *rep
		}
		s.setOriginalLocked(st, asReply(m, replyType(st)))
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		s.setOriginalLocked(st, asReply(&discordgo.Message{
			ID: s.nextIDLocked(), ChannelID: st.in.ChannelID, GuildID: st.in.GuildID,
			Timestamp: s.now(), Author: botUser(), Embeds: []*discordgo.MessageEmbed{},
			Flags: discordgo.MessageFlagsLoading | flags&discordgo.MessageFlagsEphemeral,
		}, replyType(st)))
	case discordgo.InteractionResponseDeferredMessageUpdate, discordgo.InteractionResponseUpdateMessage:
		if st.in.Type != discordgo.InteractionMessageComponent && st.in.Type != discordgo.InteractionModalSubmit || st.in.Message == nil {
			return s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("response type %d only answers a component on a message", resp.Type), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
		}
		target := s.messages[st.in.Message.ID]
		if target == nil {
			target = st.in.Message
		}
		if resp.Type == discordgo.InteractionResponseUpdateMessage {
			m, rep := s.editMessageLocked(r, target, &reqInfo{body: resp.Data, files: in.files})
			if rep != nil {
				return *rep
			}
			target = m
		}
		s.setOriginalLocked(st, target)
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if st.in.Type != discordgo.InteractionApplicationCommandAutocomplete {
			return s.rejectLocked(r, RuleInvalidRequest, "autocomplete result for an interaction that is not autocomplete", http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
		}
	case discordgo.InteractionResponseModal:
	case discordgo.InteractionResponsePong:
		if st.in.Type != discordgo.InteractionPing {
			return s.rejectLocked(r, RuleInvalidRequest, "PONG answers only PING", http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
		}
	default:
		return s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("unknown callback type %d", resp.Type), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
	}
	st.acked = true
	return noContent
}

func (s *Server) setOriginalLocked(st *interactionState, m *discordgo.Message) {
	st.original = m
	s.showLocked(st, m)
	s.putMessageLocked(m)
}

// asReply marks a fresh message as an interaction reply, sent through the application's webhook.
func asReply(m *discordgo.Message, kind discordgo.MessageType) *discordgo.Message {
	m.WebhookID = ApplicationID
	m.Type = kind
	return m
}

// replyType is the message type Discord gives a reply to this interaction.
func replyType(st *interactionState) discordgo.MessageType {
	if d, ok := st.in.Data.(discordgo.ApplicationCommandInteractionData); ok && d.CommandType != discordgo.ChatApplicationCommand && d.CommandType != 0 {
		return discordgo.MessageTypeContextMenuCommand
	}
	return discordgo.MessageTypeChatInputCommand
}

// hookStateLocked resolves /webhooks/{app}/{token}: the interaction, or the rejection.
func (s *Server) hookStateLocked(r *http.Request) (*interactionState, *reply) {
	app, token := r.PathValue("app"), r.PathValue("token")
	st := s.byToken[token]
	if st == nil || app != st.in.AppID {
		rep := s.rejectLocked(r, RuleUnknownInteraction, "no dispatched interaction with this application ID and token", http.StatusNotFound, codeUnknownWebhook, "Unknown Webhook")
		return nil, &rep
	}
	if st.expired {
		rep := apiError(http.StatusNotFound, codeUnknownWebhook, "Unknown Webhook") // reported at the late callback
		return nil, &rep
	}
	if age := s.now().Sub(st.dispatchedAt); age > TokenLifetime {
		rep := s.rejectLocked(r, RuleTokenExpired, fmt.Sprintf("interaction token used %v after dispatch (lifetime %v)", age, TokenLifetime), http.StatusUnauthorized, codeInvalidWebhookToken, "Invalid Webhook Token")
		return nil, &rep
	}
	if !st.acked {
		rep := s.rejectLocked(r, RuleNotAcknowledged, "interaction webhook used before any callback; respond or defer first", http.StatusNotFound, codeUnknownWebhook, "Unknown Webhook")
		return nil, &rep
	}
	return st, nil
}

// hookMessageLocked finds @original or a follow-up of the interaction.
func (s *Server) hookMessageLocked(r *http.Request, st *interactionState) (*discordgo.Message, *reply) {
	id := r.PathValue("msg")
	var m *discordgo.Message
	if id == "@original" {
		m = st.original
	} else {
		for _, f := range st.followups {
			if f == id {
				m = s.messages[id]
			}
		}
		if m == nil && st.original != nil && st.original.ID == id {
			m = st.original
		}
	}
	if m == nil {
		rep := s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("interaction has no message %q", id), http.StatusNotFound, codeUnknownMessage, "Unknown Message")
		return nil, &rep
	}
	return m, nil
}

func (s *Server) getWebhookMessage(r *http.Request, _ *reqInfo) reply {
	st, rep := s.hookStateLocked(r)
	if rep != nil {
		return *rep
	}
	m, rep := s.hookMessageLocked(r, st)
	if rep != nil {
		return *rep
	}
	return reply{http.StatusOK, marshalMessage(m)}
}

func (s *Server) patchWebhookMessage(r *http.Request, in *reqInfo) reply {
	st, rep := s.hookStateLocked(r)
	if rep != nil {
		return *rep
	}
	old, rep := s.hookMessageLocked(r, st)
	if rep != nil {
		return *rep
	}
	m, rep := s.editMessageLocked(r, old, in)
	if rep != nil {
		return *rep
	}
	if st.original != nil && st.original.ID == m.ID {
		st.original = m
	}
	s.showLocked(st, m)
	s.putMessageLocked(m)
	return reply{http.StatusOK, marshalMessage(m)}
}

func (s *Server) deleteWebhookMessage(r *http.Request, _ *reqInfo) reply {
	st, rep := s.hookStateLocked(r)
	if rep != nil {
		return *rep
	}
	m, rep := s.hookMessageLocked(r, st)
	if rep != nil {
		return *rep
	}
	if st.original != nil && st.original.ID == m.ID {
		st.original = nil
	}
	for i, f := range st.followups {
		if f == m.ID {
			st.followups = append(st.followups[:i:i], st.followups[i+1:]...)
			break
		}
	}
	delete(s.messages, m.ID)
	s.bumpLocked()
	return noContent
}

// postFollowup answers POST /webhooks/{app}/{token}. Right after a deferred response Discord does
// not create a message: the follow-up edits the "thinking" reply (and keeps its ephemeral flag).
func (s *Server) postFollowup(r *http.Request, in *reqInfo) reply {
	st, rep := s.hookStateLocked(r)
	if rep != nil {
		return *rep
	}
	var m *discordgo.Message
	if o := st.original; o != nil && o.Flags&discordgo.MessageFlagsLoading != 0 {
		fields, _, err := decodeMessageBody(in.body)
		if err == nil {
			delete(fields, "flags") // a message's ephemeral state cannot change
			in = &reqInfo{body: mustJSON(fields), files: in.files}
		}
		if m, rep = s.editMessageLocked(r, o, in); rep != nil {
			return *rep
		}
		st.original = m
	} else {
		if rep := s.followupAllowedLocked(r, st); rep != nil {
			return *rep
		}
		if m, rep = s.newMessageLocked(r, in.body, in.files, st.in.ChannelID, st.in.GuildID); rep != nil {
			return *rep
		}
		asReply(m, discordgo.MessageTypeDefault)
		st.followups = append(st.followups, m.ID)
		st.followupsSent++
	}
	s.showLocked(st, m)
	s.putMessageLocked(m)
	if r.URL.Query().Get("wait") != "true" {
		return noContent
	}
	return reply{http.StatusOK, marshalMessage(m)}
}

package briefing

import (
	"sort"
	"strings"
)

// Ranking: an actor's weight comes from speaking (credited quotes), acting
// (subject of verbs), being in the headline and the lead, and being named
// often. The list keeps those who speak or act and stops before passing
// mentions: places and countries named only in passing, platforms, events.

const maxActors = 12

type actorScore struct {
	id       int
	score    float64
	quotes   int
	acts     int
	mentions int
	headline bool
	lead     bool
	key      bool
	via      int // quotes of people speaking for it
	says     int // reporting verbs it is the subject of
}

// leadPara is the first paragraph of the story proper.
func (an *analysis) leadPara() int {
	if !an.headline || len(an.paras) < 2 {
		return 0
	}
	p := an.paras[0]
	if p.tok1-p.tok0 >= 30 {
		return 0 // the first line is a whole paragraph, not a headline
	}
	return 1
}

// rankActors lists the actors, most important first, and the ids of the
// key ones, who may hold positions.
func (an *analysis) rankActors() ([]Actor, []int) {
	n := len(an.ents)
	st := make([]actorScore, n)
	for i := range st {
		st[i].id = i
	}
	for _, c := range an.credits {
		if c.ent >= 0 {
			id := an.root(c.ent)
			st[id].quotes++
			// an organisation speaks through its officials
			if a := an.ents[id].affiliation; a >= 0 && an.ents[id].kind == entPerson {
				st[an.root(a)].via++
			}
		}
	}
	for _, a := range an.acts {
		for _, id := range a.ents {
			st[an.root(id)].acts++
			if a.class == classSay || a.class == classClaim {
				st[an.root(id)].says++
			}
		}
	}
	lead := an.leadPara()
	for _, m := range an.ments {
		if m.ent < 0 {
			continue
		}
		id := an.root(m.ent)
		counts := false
		switch m.kind {
		case mkName:
			counts = true
		case mkTitle:
			counts = true
			an.addAlias(id, an.span(m.t0, m.t1))
		case mkDesc:
			counts = !m.appos
			if m.definite && !m.appos && m.subj && an.ents[id].kind != entUnnamed && m.possessor < 0 &&
				!(m.person && an.ents[id].kind != entPerson) {
				an.addAlias(id, trimThe(an.span(m.t0, m.t1)))
			} else if m.definite && m.org && m.possessor < 0 && an.ents[id].kind == entOrg && m.t1-m.t0 <= 3 &&
				containsWord(an.ents[id].key, m.head) && strings.EqualFold(an.toks[m.t0].low, "the") {
				// "the department", "the guild": a short form of the name
				an.addAlias(id, trimThe(an.span(m.t0, m.t1)))
			}
			if !m.definite && an.ents[id].kind == entCountry && an.mentAt[m.t0] >= 0 && an.ments[an.mentAt[m.t0]].kind != mkDesc {
				an.addAlias(id, an.span(m.t0, m.t1)) // "Iranian officials"
			}
		case mkCapital:
			counts = m.subj
			an.addAlias(id, an.span(m.t0, m.t1))
		case mkDemonym:
			an.addAlias(id, an.span(m.t0, m.t1))
		}
		if !counts {
			continue
		}
		st[id].mentions++
		para := an.toks[m.t0].para
		if an.headline && para == 0 {
			st[id].headline = true
		}
		if para == lead {
			st[id].lead = true
		}
	}
	if an.title != "" {
		tf := " " + fold(an.title) + " "
		for id := range an.ents {
			e := an.ents[id]
			if e.merged < 0 && e.key != "" && strings.Contains(tf, " "+e.key+" ") {
				st[id].headline = true
			}
			if e.kind == entPerson && e.surname != "" && strings.Contains(tf, " "+e.surname+" ") {
				st[id].headline = true
			}
		}
	}
	chosen := make([]actorScore, 0, len(an.ents))
	for id := range an.ents {
		e := an.ents[id]
		s := &st[id]
		if e.merged >= 0 || e.name == "" {
			continue
		}
		switch e.kind {
		case entMisc, entUnnamed, entGroup:
			continue
		}
		if (e.platform || e.unknown) && s.quotes == 0 && s.acts == 0 {
			continue
		}
		speaks, active := s.quotes > 0 || s.via > 0, s.acts > 0
		switch e.kind {
		case entPerson:
			s.key = speaks || active || s.headline || e.title != "" || e.role != ""
			if !s.key && s.mentions < 2 {
				continue // named once in passing, or a byline
			}
		case entOrg:
			s.key = speaks || active || s.headline
			if !s.key && s.mentions < 2 {
				continue
			}
		case entCountry:
			s.key = speaks || active || s.headline
			if !s.key && !(s.mentions >= 3 && s.lead) {
				continue
			}
		case entPlace:
			// "Almere has grown" is scenery; "Almere said" is a council speaking
			s.key = speaks || s.says > 0
			if !s.key {
				continue
			}
		}
		s.score = 3*float64(min(s.quotes, 4)) + 2*float64(min(s.acts, 5)) + 0.5*float64(min(s.mentions, 10)) + float64(min(s.via, 2))
		if s.headline {
			s.score += 2
		}
		if s.lead {
			s.score += 1.5
		}
		if e.kind == entPerson && (len(e.words) >= 2 || e.title != "") {
			s.score += 1
		}
		if !s.key {
			s.score -= 2
		}
		chosen = append(chosen, *s)
	}
	sort.SliceStable(chosen, func(a, b int) bool {
		if chosen[a].score != chosen[b].score {
			return chosen[a].score > chosen[b].score
		}
		return an.ents[chosen[a].id].firstTok < an.ents[chosen[b].id].firstTok
	})
	if len(chosen) > maxActors {
		chosen = chosen[:maxActors]
	}
	out := make([]Actor, 0, len(chosen))
	ids := make([]int, 0, len(chosen))
	for _, s := range chosen {
		e := an.ents[s.id]
		role := e.title
		if _, isRole := an.lx.roleNouns[stripDot(fold(role))]; !isRole && isHonorific(an.lx, stripDot(fold(role))) {
			role = "" // "Mr." is a form of address, not a role
		}
		if e.role != "" && (role == "" || len(strings.Fields(role)) == 1 && e.kind == entPerson) {
			role = e.role
		}
		aliases := []string{}
		seen := map[string]bool{an.fold(e.name): true}
		add := func(a string) {
			f := an.fold(a)
			if f == "" || seen[f] || len(aliases) >= 10 {
				return
			}
			seen[f] = true
			aliases = append(aliases, a)
		}
		if e.kind == entPerson && len(e.words) > 1 {
			add(an.surnameForm(s.id))
		}
		if e.acronymForm != "" {
			add(e.acronymForm)
		} else if e.acronym != "" {
			add(strings.ToUpper(e.acronym))
		}
		for _, a := range e.aliases {
			add(a)
		}
		out = append(out, Actor{Name: e.name, Kind: e.kind.String(), Role: role, Aliases: aliases, Mentions: s.mentions, Key: s.key})
		if s.key {
			ids = append(ids, s.id) // a passing mention holds no position
		}
	}
	return out, ids
}

func trimThe(s string) string {
	if len(s) > 4 && (strings.HasPrefix(s, "The ") || strings.HasPrefix(s, "the ")) {
		return s[4:]
	}
	return s
}

// surnameForm is the surname as written in the name ("Ní Bhriain").
func (an *analysis) surnameForm(id int) string {
	e := an.ents[id]
	n := countFields(e.surname)
	if n == 0 || n >= countFields(e.name) {
		return ""
	}
	if n == 1 {
		last := ""
		for f := range strings.FieldsSeq(e.name) {
			last = f
		}
		return last
	}
	return strings.Join(lastFields(e.name, n), " ")
}

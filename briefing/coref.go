package briefing

import "strings"

// Resolution runs once through the text in reading order. In each sentence
// the verbs' subjects are found first (so "subject" is known when choosing
// an antecedent), then every pronoun and description is resolved against
// what came before, then the sentence's actions are recorded. Antecedent
// search is bounded to a few sentences back, so the pass stays linear.

// act is one verb with the entities doing it.
type act struct {
	ents  []int
	verb  int // token
	class verbClass
	sent  int
	subj  int // first token of the subject
}

const corefWindow = 6 // sentences searched back for an antecedent

func (an *analysis) resolveAll() {
	an.headLast = map[string]int{}
	an.indexRoles()
	an.lastPos = make([]int, len(an.ents))
	an.acts = make([]act, 0, len(an.sents)) // about one a sentence
	for i := range an.lastPos {
		an.lastPos[i] = -1
	}
	type pending struct {
		v     int
		vi    verbInfo
		heads []int
	}
	var verbs []pending // reused sentence to sentence
	for si, s := range an.sents {
		an.checkpoint()
		verbs = verbs[:0]
		for k := s.tok0; k < s.tok1; k++ {
			if an.toks[k].quote >= 0 || an.toks[k].kind != tokWord {
				continue
			}
			vi, ok := an.verbAt(k)
			if !ok {
				continue
			}
			var heads []int
			if vi.form == formIng {
				heads = an.participleSubject(k, an.clauseLo(k))
			} else {
				heads = an.subjectOf(k, an.clauseLo(k))
			}
			heads = an.dropDemonyms(heads)
			for _, h := range heads {
				an.ments[h].subj = true
			}
			verbs = append(verbs, pending{k, vi, heads})
		}
		for mi := an.firstMentionFrom(s.tok0); mi < len(an.ments) && an.ments[mi].t0 < s.tok1; mi++ {
			an.resolveMention(mi)
			m := an.ments[mi]
			if m.ent >= 0 {
				an.lastPos[an.root(m.ent)] = m.t0
				if m.kind == mkDesc && !m.appos {
					an.headLast[m.head] = an.root(m.ent)
				}
			}
		}
		for _, p := range verbs {
			var ents []int
			for _, h := range p.heads {
				if e := an.ments[h].ent; e >= 0 {
					ents = append(ents, an.root(e))
				}
			}
			if len(ents) == 0 {
				continue
			}
			subj := an.ments[p.heads[0]].t0
			for _, h := range p.heads {
				subj = min(subj, an.ments[h].t0) // "Qatar and Turkey"
			}
			a := act{ents: ents, verb: p.v, class: p.vi.class, sent: si, subj: subj}
			an.acts = append(an.acts, a)
		}
	}
	// A person whose role says "its general secretary" speaks for whatever
	// "its" stands for.
	for id := range an.ents {
		e := &an.ents[id]
		if e.kind != entPerson || e.affiliation >= 0 || e.roleTok < 0 || !speaksForRole(e.role) {
			continue
		}
		for mi := an.firstMentionFrom(e.roleTok); mi < len(an.ments) && an.ments[mi].t0 == e.roleTok; mi++ {
			m := an.ments[mi]
			if m.kind == mkPron && (m.head == "its" || m.head == "their") && m.ent >= 0 && an.ents[an.root(m.ent)].kind == entOrg {
				e.affiliation = an.root(m.ent)
			}
		}
	}
}

// dropDemonyms: "a 57-year-old German who joined" is a person, not Germany.
func (an *analysis) dropDemonyms(heads []int) []int {
	out := heads[:0]
	for _, h := range heads {
		if an.ments[h].kind != mkDemonym {
			out = append(out, h)
		}
	}
	return out
}

// indexRoles maps each title and role word to the people holding it, for
// "the minister", "the manager".
func (an *analysis) indexRoles() {
	an.roleIdx = map[string][]int{}
	for id := range an.ents {
		e := an.ents[id]
		if e.kind != entPerson || e.merged >= 0 {
			continue
		}
		seen := map[string]bool{}
		for w := range strings.FieldsSeq(fold(e.title + " " + e.role)) {
			k := normTitleWord(w)
			if !seen[k] {
				seen[k] = true
				an.roleIdx[k] = append(an.roleIdx[k], id)
			}
		}
	}
}

// participleSubject: "with Prime Minister X claiming" -> X; "..., urging
// them" and "was quoted as saying" -> the clause's subject.
func (an *analysis) participleSubject(k, lo int) []int {
	p := k - 1
	if p >= lo && an.toks[p].kind == tokWord && an.toks[p].low != "as" {
		a := an.trailingNPStart(lo, k)
		// "with X claiming", or a clause's own subject; not "after Millbrook flooding"
		if a > lo && !(an.toks[a-1].low == "with" || an.toks[a-1].low == "without" || an.toks[a-1].text == ",") {
			return an.mainSubject(lo, k)
		}
		heads := an.npHead(a, k)
		if len(heads) > 0 && an.ments[heads[0]].t1 == k && an.ments[heads[0]].kind != mkDesc {
			return heads
		}
		if len(heads) > 0 && an.ments[heads[0]].t1 == k && an.toks[an.ments[heads[0]].t0].low != "the" {
			return heads
		}
	}
	return an.mainSubject(lo, k)
}

func (an *analysis) resolveMention(mi int) {
	m := &an.ments[mi]
	if m.resolved {
		return
	}
	m.resolved = true
	switch {
	case m.kind == mkPron:
		an.votePronoun(mi)
		if (m.head == "it" || m.plural) && !an.itRefers(mi) {
			return // "said it did not go far enough": the fine, not the company
		}
		m.ent = an.resolvePronoun(mi)
	case m.kind == mkDesc && m.definite && m.demonym:
		// "the 48-year-old Argentine": the person the passage is about
		m.ent = an.searchBack(*m, an.isPersonLike)
	case m.kind == mkDesc && m.definite && m.org && an.possPronounAt(mi) >= 0:
		m.ent = an.resolveOwned(mi)
	case m.kind == mkDesc && spokesWords[m.head] && (an.innerOwner(mi) >= 0 || an.possPronounAt(mi) >= 0) && an.spokesOrg(mi) >= 0:
		m.ent = an.spokesOrg(mi) // "the agency's spokeswoman": the agency speaking
	case m.kind == mkDesc && m.definite && an.innerOwner(mi) >= 0 && (an.lx.orgInner[m.head] || an.lx.stateNouns[m.head]) && an.ownerOrg(an.innerOwner(mi)) >= 0:
		m.ent = an.ownerOrg(an.innerOwner(mi)) // "the bank's board"
	case m.kind == mkDesc && m.definite && m.org && genericOrgNouns[m.head]:
		m.ent = an.resolveGeneric(mi)
	case m.kind == mkTitle || m.kind == mkDesc && m.definite:
		m.ent = an.resolveDefinite(*m)
		if m.ent < 0 && m.person && m.kind == mkDesc && !m.plural && an.innerOwner(mi) >= 0 {
			// "China's ambassador to Britain warned ..." in the lead, then
			// "China's ambassador to Britain Liu Xiaming said": the person
			// named with that role a little later
			if id := an.laterHolder(mi); id >= 0 {
				m.ent = id
				return
			}
		}
		if m.ent < 0 && m.person && m.kind == mkDesc && !m.plural {
			// "the union's general secretary said": an officer the story
			// never names speaks for the organisation
			if p := an.innerOwner(mi); p >= 0 && !an.namedAfter(mi) {
				if id := an.ownerOrg(p); id >= 0 {
					m.ent = id
					return
				}
			}
		}
		if m.ent < 0 && m.person {
			m.ent = an.unnamedEntity(mi)
		}
	case m.kind == mkDesc && (m.person || m.group):
		if spokesWords[m.head] {
			// "an RSF spokesman", "a council spokeswoman", "a spokesman for the
			// ministry": an organisation speaking
			if id := an.spokesOrg(mi); id >= 0 {
				m.ent = id
				return
			}
		}
		m.ent = an.unnamedEntity(mi)
	}
}

var spokesWords = map[string]bool{"spokesman": true, "spokeswoman": true, "spokesperson": true, "spokespeople": true, "spokespersons": true}

// spokesOrg finds the organisation an unnamed spokesperson speaks for.
func (an *analysis) spokesOrg(mi int) int {
	m := an.ments[mi]
	for k := m.t0; k < m.t1; k++ {
		if nm, ok := an.nameAt(k); ok && an.ments[nm].ent >= 0 {
			if k2 := an.root(an.ments[nm].ent); an.ents[k2].kind == entOrg || an.ents[k2].kind == entCountry {
				return k2
			}
		}
	}
	for k := m.t0; k < m.t1-1; k++ {
		w := an.toks[k].low
		if an.lx.orgNouns[w] || an.lx.stateNouns[w] {
			probe := mention{t0: m.t0, t1: m.t1, kind: mkDesc, head: w, org: true, definite: true, sent: m.sent, quote: m.quote, possessor: -1}
			if id := an.resolveDefinite(probe); id >= 0 {
				return id
			}
		}
	}
	if m.t1+1 < len(an.toks) && (an.toks[m.t1].low == "for" || an.toks[m.t1].low == "at" || an.toks[m.t1].low == "of") {
		end := an.leadingNPEnd(m.t1+1, an.sents[m.sent].tok1)
		for k := m.t1 + 1; k < end; k++ {
			if nm, ok := an.nameAt(k); ok && an.ments[nm].ent >= 0 {
				if id := an.root(an.ments[nm].ent); an.ents[id].kind == entOrg || an.ents[id].kind == entCountry {
					return id
				}
			}
		}
		// "a spokesperson for the agency": the organisation the phrase refers to
		for k := an.firstMentionFrom(m.t1 + 1); k < len(an.ments) && an.ments[k].t0 < end; k++ {
			if dm := an.ments[k]; dm.kind == mkDesc && dm.org && dm.definite {
				an.resolveMention(k)
				if id := an.ments[k].ent; id >= 0 {
					if id = an.root(id); an.ents[id].kind == entOrg || an.ents[id].kind == entCountry {
						return id
					}
				}
				break
			}
		}
	}
	// "the agency's spokeswoman", "its spokesman"
	if p := an.innerOwner(mi); p >= 0 {
		an.resolveMention(p)
		if id := an.ments[p].ent; id >= 0 {
			if id = an.root(id); an.ents[id].kind == entOrg || an.ents[id].kind == entCountry {
				return id
			}
		}
	}
	if pp := an.possPronounAt(mi); pp >= 0 {
		an.resolveMention(pp)
		if id := an.ments[pp].ent; id >= 0 {
			if id = an.root(id); an.ents[id].kind == entOrg || an.ents[id].kind == entCountry {
				return id
			}
		}
	}
	return -1
}

// innerOwner returns the owner inside a description: "the bank" in "the
// bank's board", "Nordvik" in "Nordvik's chief executive", or -1.
func (an *analysis) innerOwner(mi int) int {
	m := an.ments[mi]
	if m.possessor >= 0 {
		return m.possessor
	}
	for k := m.t0 + 1; k < m.t1; k++ {
		if an.toks[k].kind != tokPoss {
			continue
		}
		if o := an.nameEnding(k); o >= 0 && o != mi && an.ments[o].t0 >= m.t0 && an.ments[o].kind != mkPron {
			return o
		}
		return -1
	}
	return -1
}

// laterParas is how far ahead a role described before its holder is named
// may find that holder.
const laterParas = 4

// laterHolder returns the one person introduced after the description mi,
// within a few paragraphs, whose title or role has the description's head
// and its owner ("China's ambassador" -> a later "China's ambassador to
// Britain Liu Xiaming"), or -1.
func (an *analysis) laterHolder(mi int) int {
	m := an.ments[mi]
	owner := an.ownerWord(m)
	if owner == "" {
		return -1
	}
	para := an.toks[m.t0].para
	found := -1
	for n, id := range an.roleIdx[normTitleWord(m.head)] {
		if n >= 4*lookback {
			return -1 // so many holders that none stands out
		}
		e := an.ents[id]
		if e.merged >= 0 || e.kind != entPerson || e.firstTok <= m.t0 || an.toks[e.firstTok].para > para+laterParas {
			continue
		}
		if !roleHas(e.role, m.head) && !roleHas(e.title, m.head) || !ownerIn(e.role, owner) && !ownerIn(e.title, owner) {
			continue
		}
		if found >= 0 && found != id {
			return -1
		}
		found = id
	}
	return found
}

// ownerIn reports whether a role phrase names the owner word, possessive
// or not: "Norway's trade minister" has "norway".
func ownerIn(phrase, owner string) bool {
	for w := range strings.FieldsSeq(fold(phrase)) {
		if strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s") == owner {
			return true
		}
	}
	return false
}

// ownerOrg resolves an owner mention ("the bank" in "the bank's board")
// and returns it when it is an organisation or a country, else -1.
func (an *analysis) ownerOrg(p int) int {
	an.resolveMention(p)
	if id := an.ments[p].ent; id >= 0 {
		if id = an.root(id); an.ents[id].kind == entOrg || an.ents[id].kind == entCountry {
			return id
		}
	}
	return -1
}

// possPronounAt returns the possessive pronoun that opens description mi
// ("his party", "its board"), or -1.
func (an *analysis) possPronounAt(mi int) int {
	m := an.ments[mi]
	switch an.toks[m.t0].low {
	case "his", "her", "its", "their":
	default:
		return -1
	}
	for k := an.firstMentionFrom(m.t0); k < len(an.ments) && an.ments[k].t0 == m.t0; k++ {
		if an.ments[k].kind == mkPron {
			return k
		}
	}
	return -1
}

// resolveOwned: "his party" is the party of whoever "his" is; "its board"
// speaks for the organisation "its" is.
func (an *analysis) resolveOwned(mi int) int {
	p := an.possPronounAt(mi)
	an.resolveMention(p)
	owner := an.ments[p].ent
	if owner < 0 {
		return -1
	}
	owner = an.root(owner)
	m := an.ments[mi]
	switch an.ents[owner].kind {
	case entOrg, entCountry:
		if an.lx.orgInner[m.head] || an.lx.stateNouns[m.head] {
			return owner
		}
	case entPerson:
		if a := an.ents[owner].affiliation; a >= 0 {
			return an.root(a)
		}
	}
	return -1
}

// itRefers reports whether "it" here likely stands for an organisation:
// it says something ("it said"), or it is the subject of what an
// organisation said ("the company said it had introduced ...").
func (an *analysis) itRefers(mi int) bool {
	m := an.ments[mi]
	if m.t1 < len(an.toks) {
		k := m.t1
		for k < len(an.toks) && an.toks[k].kind == tokWord && (an.lx.aux[an.toks[k].low] || adverbsBeforeVerb[an.toks[k].low]) {
			k++
		}
		if k < len(an.toks) {
			if vi, ok := an.lx.verbs[an.toks[k].low]; ok && vi.class.isCue() {
				return true
			}
			if vi, ok := an.cueVerbAt(k); ok && vi.class.isCue() {
				return true // "it read:"
			}
		}
	}
	p := m.t0 - 1
	if p >= 0 && an.toks[p].low == "that" {
		p--
	}
	if p >= 0 {
		if vi, ok := an.lx.verbs[an.toks[p].low]; ok && (vi.class == classSay || vi.class == classClaim || vi.class == classPromise) {
			return true
		}
	}
	return false
}

// unnamedEntity makes an entity for an unnamed speaker: "a senior official".
func (an *analysis) unnamedEntity(mi int) int {
	m := an.ments[mi]
	end := an.sents[m.sent].tok1
	if m.quote >= 0 {
		_, qe := an.quoteTokens(an.quotes[m.quote])
		end = min(end, qe)
	}
	text := an.describe(m.t0, min(end, m.t0+14))
	if text == "" {
		return -1
	}
	id := an.newEntity(entUnnamed, text, m.t0)
	e := &an.ents[id]
	e.head = m.head
	hk := normTitleWord(m.head)
	an.roleIdx[hk] = append(an.roleIdx[hk], id)
	if m.gender != genderUnknown {
		e.votes[m.gender] += 2
		e.gender = m.gender
	}
	if m.group {
		e.kind = entGroup
	}
	an.lastPos = append(an.lastPos, m.t0)
	return id
}

func (an *analysis) entGender(id int) gender {
	e := &an.ents[id]
	switch {
	case e.votes[genderMale] > e.votes[genderFemale]:
		return genderMale
	case e.votes[genderFemale] > e.votes[genderMale]:
		return genderFemale
	}
	if e.kind == entPerson {
		if g, ok := an.lx.firstNames[e.given]; ok && len(e.words) > 1 {
			return g
		}
	}
	return e.gender
}

// votePronoun counts he/she towards a person's gender when the sentence
// (or, failing that, the previous one) names exactly one person.
func (an *analysis) votePronoun(mi int) {
	m := an.ments[mi]
	if m.gender == genderUnknown || m.quote >= 0 {
		return
	}
	for s := m.sent; s >= 0 && s >= m.sent-1; s-- {
		only := -1
		count := 0
		from := max(an.sents[s].tok0, m.t0-lookback)
		for k := an.firstMentionFrom(from); k < len(an.ments) && an.ments[k].t0 < an.sents[s].tok1 && an.ments[k].t0 < m.t0; k++ {
			c := an.ments[k]
			if s == m.sent && c.t0 >= m.t0 || c.quote >= 0 || c.ent < 0 || c.kind == mkPron {
				continue
			}
			id := an.root(c.ent)
			if !an.isPersonLike(id) {
				continue
			}
			if id != only {
				count++
				only = id
			}
		}
		if count == 1 {
			an.ents[only].votes[m.gender]++
			return
		}
		if count > 1 {
			return
		}
	}
}

func (an *analysis) isPersonLike(id int) bool {
	e := an.ents[id]
	return e.kind == entPerson || e.kind == entUnnamed
}

// resolvePronoun finds the nearest compatible antecedent: in the same
// sentence the closest subject before the pronoun, then earlier sentences'
// subjects from the left, then their other mentions.
func (an *analysis) resolvePronoun(mi int) int {
	m := an.ments[mi]
	compatible := func(id int) bool {
		e := an.ents[id]
		switch {
		case m.person:
			if !an.isPersonLike(id) {
				return false
			}
			g := an.entGender(id)
			return g == genderUnknown || g == m.gender
		case !m.plural: // it
			return e.kind == entOrg || e.kind == entCountry
		default: // they
			return e.kind == entGroup || e.kind == entOrg || e.kind == entCountry
		}
	}
	if !m.person && an.afterUnresolvedGeneric(mi) {
		return -1 // "The firm said it ...": it is whoever the firm is, and that is unknown
	}
	return an.searchBack(m, compatible)
}

// afterUnresolvedGeneric reports whether the nearest subject before an
// it/they pronoun in its sentence is a generic phrase ("the firm") that
// resolveGeneric left unresolved: the pronoun stands for the same unknown.
func (an *analysis) afterUnresolvedGeneric(mi int) bool {
	m := an.ments[mi]
	for k := mi - 1; k >= 0 && an.ments[k].sent == m.sent; k-- {
		c := an.ments[k]
		if !c.subj || c.t1 > m.t0 || c.quote != m.quote {
			continue
		}
		return c.ent < 0 && c.kind == mkDesc && c.definite && c.org && genericOrgNouns[c.head]
	}
	return false
}

// quoteWithin reports whether quote c is q or one of q's containers.
func (an *analysis) quoteWithin(q, c int) bool {
	for q >= 0 {
		if q == c {
			return true
		}
		q = an.quotes[q].parent
	}
	return false
}

// titleWordsExpanded spells out abbreviated titles so "the governor"
// finds "Gov. Phil Scott".
var titleWordsExpanded = map[string]string{
	"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "lt": "lieutenant",
	"col": "colonel", "capt": "captain", "sgt": "sergeant", "det": "detective", "supt": "superintendent",
	"insp": "inspector", "adm": "admiral", "cllr": "councillor", "pres": "president", "prof": "professor",
	"dr": "doctor", "cmdr": "commander", "maj": "major", "councilor": "councillor", "ceo": "executive",
	"boss": "manager", "coach": "manager", "chairwoman": "chairman", "chairperson": "chairman", "chair": "chairman",
	"spokeswoman": "spokesman", "spokesperson": "spokesman",
}

func normTitleWord(w string) string {
	w = strings.TrimSuffix(w, ".")
	if x, ok := titleWordsExpanded[w]; ok {
		return x
	}
	return w
}

// roleHas reports whether a title or role phrase contains the head word.
func roleHas(phrase, head string) bool {
	if phrase == "" {
		return false
	}
	h := normTitleWord(head)
	for w := range strings.FieldsSeq(fold(phrase)) {
		if normTitleWord(w) == h {
			return true
		}
	}
	return false
}

// resolveDefinite links "the minister", "the Taoiseach", "the person",
// "the ministry", "the Cork-based company" to the entity they fit: for
// organisations the nearest fitting subject, as with pronouns; for people
// the latest person holding that title or role.
func (an *analysis) resolveDefinite(m mention) int {
	h := m.head
	nat := an.nationalityIn(m.t0, m.t1)
	owner := an.ownerWord(m)
	byWord := true // first pass: the noun is in the name ("the trust")
	fits := func(id int) bool {
		e := &an.ents[id]
		switch {
		case m.person || m.kind == mkTitle:
			switch e.kind {
			case entPerson:
				if owner != "" && strings.Contains(e.role, "'s") && !roleHas(e.role, owner) && !roleHas(e.title, owner) {
					return false // "the agency's director" is not "the association's director"
				}
				return roleHas(e.title, h) || roleHas(e.role, h)
			case entUnnamed:
				return normTitleWord(e.head) == normTitleWord(h)
			}
		case m.org:
			if nat >= 0 && e.nationality >= 0 && nat != e.nationality {
				return false
			}
			switch e.kind {
			case entOrg:
				if e.unknown && !companyNouns[h] {
					return false
				}
				if containsWord(e.key, h) || containsWord(e.key, strings.TrimSuffix(h, "s")) || roleHas(e.role, h) {
					return true // "the trust", or "the charity" after "X, a British charity,"
				}
				return !byWord && (companyNouns[h] && an.isCompany(id) || sportsNouns[h] && an.isSports(id) || partyNouns[h] && an.isParty(id) ||
					agencyNouns[h] && an.isAgency(id))
			case entCountry:
				return h == "country" || h == "nation"
			}
		case m.group:
			return e.kind == entGroup && e.head == h
		}
		return false
	}
	if m.org {
		if id := an.searchBack(m, fits); id >= 0 {
			return id
		}
		byWord = false
		if id := an.searchBack(m, fits); id >= 0 {
			return id
		}
		if id, ok := an.headLast[h]; ok && id >= 0 {
			return id // "the army" after "Sudan's army"
		}
	}
	best, bestPos := -1, -2
	headline := an.headline && an.toks[m.t0].para == 0
	var cands []int
	if m.person || m.kind == mkTitle {
		cands = an.roleIdx[normTitleWord(h)]
	} else {
		cands = an.entWords[h]
		if companyNouns[h] || sportsNouns[h] || partyNouns[h] {
			cands = append(append([]int(nil), cands...), an.allOrgs[max(0, len(an.allOrgs)-400):]...)
		}
	}
	for _, id := range cands {
		if an.ents[id].merged >= 0 {
			continue
		}
		pos := an.lastPos[id]
		if pos < 0 || pos >= m.t0 {
			if !headline || an.ents[id].firstTok < m.t0 {
				continue
			}
			pos = -1 // a headline names what the text introduces later
		}
		if fits(id) && pos > bestPos {
			best, bestPos = id, pos
		}
	}
	if best < 0 && !m.org {
		if id, ok := an.headLast[h]; ok && id >= 0 {
			return id
		}
	}
	if best < 0 && m.org && an.lx.orgInner[h] && !an.lx.stateNouns[h] {
		// "the board", "the management": of the organisation in view
		best = an.searchBack(m, func(id int) bool { return an.ents[id].kind == entOrg && !an.ents[id].platform })
	}
	return best
}

// ownerWord is the word before a possessive inside a description: "agency"
// in "the agency's director".
func (an *analysis) ownerWord(m mention) string {
	for k := m.t0 + 1; k < m.t1; k++ {
		if an.toks[k].kind == tokPoss && an.toks[k-1].kind == tokWord {
			return an.toks[k-1].low
		}
	}
	return ""
}

// nationalityIn returns the country of a demonym among tokens [a, b).
func (an *analysis) nationalityIn(a, b int) int {
	for k := a; k < b && k < len(an.toks); k++ {
		if cf, ok := an.lx.countryForms[an.toks[k].low]; ok && cf.kind == formDemonym && an.toks[k].cap {
			return cf.id
		}
	}
	return -1
}

// searchBack looks for an antecedent the way a reader does: the nearest
// subject in the same sentence, then earlier sentences' subjects from the
// left, then their other mentions, a few sentences back at most.
func (an *analysis) searchBack(m mention, fits func(id int) bool) int {
	para := an.toks[m.t0].para
	for s := m.sent; s >= 0 && s > m.sent-corefWindow; s-- {
		if an.sents[s].para < para-2 {
			break
		}
		// only the nearest mentions of a sentence are looked at
		from := max(an.sents[s].tok0, m.t0-lookback*(m.sent-s+1))
		lo := an.firstMentionFrom(from)
		hi := lo
		for hi < len(an.ments) && an.ments[hi].t0 < an.sents[s].tok1 && an.ments[hi].t0 < m.t0 && hi-lo < 48 {
			hi++
		}
		usable := func(c mention) bool {
			if c.ent < 0 || s == m.sent && c.t1 > m.t0 {
				return false
			}
			if c.kind == mkDemonym || c.kind == mkCapital && !c.subj {
				return false
			}
			if m.quote < 0 && c.quote >= 0 {
				return false // names inside a quote are not what the narrative refers back to
			}
			if m.quote >= 0 && c.quote >= 0 && !an.quoteWithin(m.quote, c.quote) {
				return false
			}
			if c.kind == mkPron && (c.head == "i" || c.head == "we") {
				return false
			}
			return fits(an.root(c.ent))
		}
		if s == m.sent {
			for k := hi - 1; k >= lo; k-- {
				if c := an.ments[k]; c.subj && usable(c) {
					return an.root(c.ent)
				}
			}
			for k := hi - 1; k >= lo; k-- {
				if c := an.ments[k]; usable(c) {
					return an.root(c.ent)
				}
			}
			continue
		}
		// earlier sentences: named subjects from the left, then pronoun
		// subjects (often cataphoric: "Asked whether she would..., Solberg
		// laughed"), then anything else from the right
		for k := lo; k < hi; k++ {
			if c := an.ments[k]; c.subj && c.kind != mkPron && usable(c) {
				return an.root(c.ent)
			}
		}
		for k := lo; k < hi; k++ {
			if c := an.ments[k]; c.subj && usable(c) {
				return an.root(c.ent)
			}
		}
		for k := hi - 1; k >= lo; k-- {
			if c := an.ments[k]; usable(c) {
				return an.root(c.ent)
			}
		}
	}
	return -1
}

func containsWord(s, w string) bool {
	if w == "" || s == "" {
		return false
	}
	for f := range strings.FieldsSeq(s) {
		if f == w {
			return true
		}
	}
	return false
}

func (an *analysis) isCompany(id int) bool {
	e := an.ents[id]
	if e.corporate || e.unknown {
		return true
	}
	return len(e.words) > 0 && corporateWords[e.words[len(e.words)-1]]
}

// agencyNouns refer back to a public body whatever its name ends with:
// "the agency" for the National Highway Traffic Safety Administration.
var agencyNouns = map[string]bool{"agency": true, "regulator": true, "watchdog": true, "body": true, "authority": true}

// agencyWords end the names of public bodies.
var agencyWords = map[string]bool{
	"administration": true, "agency": true, "authority": true, "bureau": true, "commission": true, "office": true,
	"service": true, "department": true, "board": true, "inspectorate": true, "directorate": true, "ministry": true,
	"regulator": true, "council": true, "executive": true, "commissioner": true, "ombudsman": true, "watchdog": true,
}

func (an *analysis) isAgency(id int) bool {
	e := an.ents[id]
	if e.unknown || e.corporate || an.isSports(id) || an.isParty(id) {
		return false
	}
	if len(e.words) == 1 && isAllUpperKey(e.key) && strings.ToUpper(e.name) == e.name {
		return true // "the SEC", "the FDA"
	}
	for _, w := range e.words {
		if agencyWords[w] {
			return true
		}
	}
	return false
}

func (an *analysis) isSports(id int) bool {
	e := an.ents[id]
	return e.sports || len(e.words) > 0 && sportsWords[e.words[len(e.words)-1]]
}

func (an *analysis) isParty(id int) bool {
	e := an.ents[id]
	return e.party || len(e.words) > 0 && partyWords[e.words[len(e.words)-1]]
}

// namedAfter reports an appositive name right after a description: "the
// union's general secretary, Jane Roe,".
func (an *analysis) namedAfter(mi int) bool {
	m := an.ments[mi]
	k := m.t1
	if k < len(an.toks) && an.toks[k].text == "," {
		k++
	}
	if nm, ok := an.nameAt(k); ok && k < len(an.toks) && an.toks[k].sent == m.sent {
		return an.ments[nm].kind != mkDesc
	}
	return false
}

// genericOrgNouns name no organisation of their own: "the company", "the
// firm", "the business", "the group" only point back at one just named.
var genericOrgNouns = map[string]bool{"company": true, "firm": true, "business": true, "group": true, "fund": true}

// resolveGeneric links a generic noun phrase to the one organisation of a
// fitting kind named in its own sentence or, failing that, the sentence
// before. Two candidates as close as each other leave it unresolved: a
// guess would hand one firm's words or deeds to another.
func (an *analysis) resolveGeneric(mi int) int {
	m := an.ments[mi]
	h := m.head
	nat := an.nationalityIn(m.t0, m.t1)
	far := false
	fits := func(id int) bool {
		e := &an.ents[id]
		if e.kind != entOrg || e.platform {
			return false
		}
		if nat >= 0 && e.nationality >= 0 && nat != e.nationality {
			return false
		}
		if containsWord(e.key, h) {
			return true // "the group" after "Acme Group"
		}
		if h == "fund" {
			return containsWord(e.key, "capital") || containsWord(e.key, "partners") || containsWord(e.key, "investments")
		}
		return an.isCompany(id) && !(far && e.unknown) || !far && an.maybeCompany(id)
	}
	// the sentence and the one before; then, a few sentences further back
	// ("it ran an advert", a long quote between), only an organisation
	// whose name says what it is: "the company" after "Harwell Transit
	// Company" or "Orbis Ltd"
	para := an.toks[m.t0].para
	reach := 1
	if h == "company" || h == "firm" {
		reach = corefWindow - 1 // "the group", "the business" are too loose to look far
	}
	for s := m.sent; s >= 0 && s >= m.sent-reach && an.sents[s].para >= para-2; s-- {
		far = s < m.sent-1
		var found []int // distinct candidates, -2 for an unresolved rival phrase
		add := func(id int) {
			for _, f := range found {
				if f == id {
					return
				}
			}
			found = append(found, id)
		}
		for k := an.firstMentionFrom(an.sents[s].tok0); k < len(an.ments) && an.ments[k].t0 < an.sents[s].tok1 && an.ments[k].t0 < m.t0; k++ {
			c := an.ments[k]
			if k == mi || s == m.sent && c.t1 > m.t0 || c.kind == mkDemonym {
				continue
			}
			if m.quote < 0 && c.quote >= 0 || m.quote >= 0 && c.quote >= 0 && !an.quoteWithin(m.quote, c.quote) {
				continue
			}
			if c.kind == mkPron && (c.head == "i" || c.head == "we") {
				continue
			}
			if c.ent < 0 {
				if s == m.sent && c.kind == mkDesc && c.definite && c.org && genericOrgNouns[c.head] {
					add(-2) // "the firm" left unresolved is still another firm
				}
				continue
			}
			id := an.root(c.ent)
			if !fits(id) || an.toks[c.t0].dateline {
				continue
			}
			if w := fold(an.span(c.t0, c.t1)); an.lx.cities[w] || an.lx.regions[w] || c.t0 > 0 && placeOnlyPreps[an.toks[c.t0-1].low] {
				continue // "near Columbus" is the place, whatever else shares its name
			}
			if s == m.sent && c.subj && !m.subj && c.kind != mkPron {
				// "Brightwater, which owns a stake in the firm": an object is
				// not its own clause's subject, which would be "itself"
				continue
			}
			add(id)
		}
		switch {
		case len(found) == 1 && found[0] >= 0:
			return found[0]
		case len(found) > 0:
			return -1
		}
	}
	return -1
}

// placeOnlyPreps put a place after them, never an organisation.
var placeOnlyPreps = map[string]bool{"near": true, "outside": true, "around": true, "across": true, "towards": true, "toward": true}

// nonBusinessWords in a name mark an organisation that is not a business.
var nonBusinessWords = map[string]bool{
	"union": true, "court": true, "university": true, "college": true, "school": true, "hospital": true,
	"police": true, "army": true, "navy": true, "church": true, "committee": true, "association": true,
	"federation": true, "league": true, "club": true, "charity": true, "foundation": true, "government": true,
	"parliament": true, "assembly": true, "tribunal": true, "institute": true, "society": true, "museum": true,
	"orchestra": true, "guild": true, "council": true, "party": true, "forces": true, "trust": true,
}

// maybeCompany reports an organisation whose name does not say what it is
// ("Apple") but says nothing against its being a business either.
func (an *analysis) maybeCompany(id int) bool {
	e := &an.ents[id]
	if an.isAgency(id) || an.isSports(id) || an.isParty(id) || e.platform || len(e.words) == 0 {
		return false
	}
	for _, w := range e.words {
		if nonBusinessWords[w] || institutionWords[w] {
			return false
		}
	}
	return true
}

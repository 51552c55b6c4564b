package briefing

import (
	"sort"
	"strings"
	"unicode"
)

// Mentions other than names: noun phrases built on a role, group,
// organisation or document noun ("a senior official", "the ministry",
// "Iranian officials", "a risk assessment"), and pronouns. They are found
// here and resolved to entities in coref.go.

type pronInfo struct {
	g      gender
	plural bool
	person bool // he/she: a person; it: never; they: either
}

var pronouns = map[string]pronInfo{
	"he": {genderMale, false, true}, "him": {genderMale, false, true}, "his": {genderMale, false, true},
	"himself": {genderMale, false, true}, "she": {genderFemale, false, true}, "her": {genderFemale, false, true},
	"hers": {genderFemale, false, true}, "herself": {genderFemale, false, true}, "it": {genderUnknown, false, false},
	"its": {genderUnknown, false, false}, "itself": {genderUnknown, false, false},
	"they": {genderUnknown, true, false}, "them": {genderUnknown, true, false}, "their": {genderUnknown, true, false},
	"themselves": {genderUnknown, true, false},
}

var definiteDets = map[string]bool{
	"the": true, "this": true, "that": true, "these": true, "those": true, "its": true, "his": true,
	"her": true, "their": true, "our": true, "my": true, "your": true,
}

// cutWords end an unnamed speaker's description: "one Iranian analyst in
// a private conversation" is "one Iranian analyst".
var cutWords = map[string]bool{
	"in": true, "on": true, "during": true, "after": true, "before": true, "since": true, "until": true,
	"when": true, "while": true, "because": true, "as": true, "who": true, "which": true, "that": true,
	"whose": true, "where": true, "and": true, "but": true, "or": true, "said": true, "says": true, "told": true,
}

// corporateWords end company names: "the company" and "the firm" refer to these.
var corporateWords = map[string]bool{
	"inc": true, "inc.": true, "ltd": true, "ltd.": true, "llc": true, "plc": true, "corp": true, "corp.": true,
	"corporation": true, "company": true, "co": true, "co.": true, "holdings": true, "group": true, "foods": true,
	"dairy": true, "airlines": true, "airways": true, "motors": true, "energy": true, "oil": true,
	"pharmaceuticals": true, "pharma": true, "technologies": true, "technology": true, "systems": true,
	"software": true, "media": true, "securities": true, "capital": true, "partners": true, "bank": true,
	"industries": true, "enterprises": true, "logistics": true, "ventures": true, "steel": true, "mining": true,
	"resources": true, "research": true, "insurance": true, "telecom": true, "telecoms": true, "brands": true,
	"co-operative": true, "cooperative": true, "co-op": true, "bancorp": true, "financial": true,
	"homes": true, "developments": true, "properties": true, "estates": true, "realty": true, "freight": true, "haulage": true,
	"aviation": true, "automotive": true, "therapeutics": true, "biotech": true, "biosciences": true,
	"healthcare": true, "productions": true, "apparel": true, "cosmetics": true, "beverages": true, "brewers": true,
	"distillers": true, "wines": true, "textiles": true, "plastics": true, "packaging": true, "instruments": true,
	"devices": true, "dynamics": true, "machinery": true, "equipment": true, "payments": true, "lending": true,
	"fintech": true, "outfitters": true, "bancshares": true, "water": true, "utilities": true, "renewables": true,
	"analytics": true, "foodservice": true, "supplies": true, "distribution": true, "wholesale": true,
	"shipping": true, "lines": true, "hotels": true, "resorts": true, "stores": true, "supermarkets": true,
	"retail": true, "chemicals": true, "minerals": true, "metals": true, "cement": true, "construction": true,
	"engineering": true, "aerospace": true, "robotics": true, "semiconductors": true, "semiconductor": true,
	"electronics": true, "studios": true, "films": true, "pictures": true, "publishing": true, "brewing": true,
	"bakery": true, "farms": true, "mills": true, "trading": true, "investments": true, "associates": true,
	"consulting": true, "solutions": true, "airline": true, "brewery": true, "labs": true, "laboratories": true,
}

var sportsWords = map[string]bool{
	"united": true, "fc": true, "afc": true, "cf": true, "sc": true, "rovers": true, "athletic": true,
	"wanderers": true, "hotspur": true, "albion": true, "rangers": true, "city": true, "town": true, "athletico": true,
}

var partyWords = map[string]bool{
	"party": true, "democrats": true, "republicans": true, "socialists": true, "greens": true, "liberals": true,
	"conservatives": true, "labour": true, "alliance": true, "front": true, "movement": true, "league": true,
}

var companyNouns = map[string]bool{
	"company": true, "firm": true, "group": true, "business": true, "corporation": true, "conglomerate": true,
	"maker": true, "manufacturer": true, "producer": true, "supplier": true, "retailer": true, "lender": true,
	"insurer": true, "carrier": true, "airline": true, "bank": true, "giant": true, "startup": true,
	"start-up": true, "operator": true, "developer": true, "brewer": true, "miner": true, "dairy": true,
	"buyer": true, "seller": true, "rival": true, "owner": true, "co-operative": true, "cooperative": true,
	"automaker": true, "carmaker": true, "chipmaker": true, "drugmaker": true, "utility": true,
	"publisher": true, "broadcaster": true, "chain": true,
}

// serviceNouns introduce companies by what they run: "the streaming service X".
var serviceNouns = map[string]bool{
	"service": true, "platform": true, "chain": true, "brand": true, "website": true, "network": true,
	"app": true, "broadcaster": true, "newspaper": true, "publisher": true, "studio": true, "label": true,
	"outlet": true, "exchange": true, "airline": true, "carrier": true,
}

var sportsNouns = map[string]bool{"club": true, "side": true, "team": true, "champions": true}

var partyNouns = map[string]bool{"party": true, "coalition": true, "alliance": true, "movement": true}

// findDescriptions adds a mention for each noun phrase headed by a known
// role, group, organisation or document noun.
func (an *analysis) findDescriptions() {
	lx := an.lx
	n := len(an.toks)
	nameEnd := make(map[int]int, len(an.ments)) // token after a name mention -> that mention
	for mi, m := range an.ments {
		nameEnd[m.t1] = mi
	}
	for i := 0; i < n; i++ {
		an.checkpoint()
		t := an.toks[i]
		if t.dateline {
			continue
		}
		start, det, possessor := -1, "", -1
		switch {
		case t.kind == tokWord && an.flags(i)&wfDet != 0:
			start, det = i, t.low
		case t.kind == tokPoss && i > 0:
			det = "'s"
			if mi, ok := nameEnd[i]; ok {
				start, possessor = an.ments[mi].t0, mi
			} else if an.toks[i-1].kind == tokWord {
				start = i - 1
				if i >= 2 && an.toks[i-2].kind == tokWord && determiners[an.toks[i-2].low] {
					start = i - 2
				}
			}
		case t.kind == tokWord && !t.cap && an.flags(i)&wfStateGroup != 0 && i > 0:
			// "Iranian officials", "U.S. forces": a demonym or country before a state noun.
			if mi, ok := nameEnd[i]; ok && an.ments[mi].t1 == i {
				m := an.ments[mi]
				if m.ent >= 0 && an.ents[m.ent].kind == entCountry && (m.kind == mkDemonym || m.kind == mkName) &&
					(m.t0 == 0 || !(an.toks[m.t0-1].kind == tokWord && determiners[an.toks[m.t0-1].low])) {
					dm := mention{t0: m.t0, t1: i + 1, kind: mkDesc, ent: -1, head: t.low, plural: true, possessor: -1, text: an.span(m.t0, i+1)}
					if lx.stateNouns[t.low] {
						dm.ent, dm.resolved, dm.org = m.ent, true, true
					} else {
						dm.group = true
					}
					an.addMention(dm)
				}
			}
			continue
		default:
			continue
		}
		if start < 0 {
			continue
		}
		// Scan the phrase: modifiers then a head noun.
		j := i + 1
		headAt := -1
		for j < n && j < i+8 && an.toks[j].sent == t.sent {
			w := an.toks[j]
			if w.kind == tokNum {
				j++
				continue
			}
			if w.kind != tokWord || w.quote != t.quote && t.kind != tokPoss {
				break
			}
			if mi, ok := an.nameAt(j); ok {
				// a name inside the phrase: "a senior Rural Democrats figure"
				j = an.ments[mi].t1
				continue
			}
			wf := an.flags(j)
			if wf&wfStop != 0 {
				break
			}
			if vi, ok := an.lexVerb(j); ok && (vi.form == formPast || vi.form == formPart || vi.form == formIng) &&
				!strings.Contains(w.low, "-") && headAt >= 0 {
				break
			}
			if _, isPron := pronouns[w.low]; isPron {
				break
			}
			if !w.cap && wf&wfHeadNoun != 0 {
				headAt = j
			}
			j++
		}
		if headAt < 0 {
			// "the 48-year-old Argentine": a demonym as the head is a person
			if mi, ok := nameEnd[j]; ok && j > i+1 && an.ments[mi].kind == mkDemonym && an.ments[mi].t0 > i &&
				!an.lx.groupNouns[an.toks[j-1].low] && !strings.HasSuffix(an.toks[j-1].low, "s") {
				an.addMention(mention{t0: start, t1: j, kind: mkDesc, ent: -1, head: "person", possessor: possessor,
					definite: definiteDets[det] || det == "'s", person: true, demonym: true, text: an.span(start, j)})
			}
			continue
		}
		h := an.toks[headAt].low
		m := mention{t0: start, t1: headAt + 1, kind: mkDesc, ent: -1, head: h, possessor: possessor}
		m.definite = definiteDets[det] || det == "'s"
		m.text = an.span(start, headAt+1)
		g, isRole := lx.roleNouns[h]
		switch {
		case isRole && !lx.orgNouns[h] || isRole && lx.orgNouns[h] && !m.definite:
			m.person, m.gender = true, g
		case lx.groupNouns[h] || strings.HasSuffix(h, "s") && lx.roleNouns[strings.TrimSuffix(h, "s")] != genderUnknown:
			m.group, m.plural = true, true
		case lx.docNouns[h] && !lx.stateNouns[h]:
			m.doc = true // "a report", "a statement": speaks for whoever issued it
		case lx.orgNouns[h] || lx.stateNouns[h] || lx.orgInner[h]:
			m.org = true
		}
		// Owned state and inner nouns speak for their owner: "the U.S.
		// government", "Greenmeadow's board", "Iran's foreign ministry";
		// a name before an organisation noun is that organisation: "the FNV
		// union", "the Liberal Democrat group".
		if org := an.orgInside(start, headAt, nameEnd); org >= 0 && m.org && !lx.stateNouns[h] && possessor < 0 {
			m.ent, m.resolved = org, true
		} else if owner := an.countryInside(start, headAt); owner >= 0 && lx.stateNouns[h] {
			m.ent, m.resolved, m.org, m.person = owner, true, true, false
		} else if possessor >= 0 && lx.orgInner[h] && an.ments[possessor].ent >= 0 {
			oe := an.ents[an.ments[possessor].ent].kind
			if oe == entOrg || oe == entCountry {
				m.ent, m.resolved, m.org, m.person = an.ments[possessor].ent, true, true, false
			}
		}
		if !m.definite && !m.person && !m.group && !m.doc {
			continue // "an international charity": not an actor reference
		}
		an.addMention(m)
	}
}

func (an *analysis) isHeadNoun(w string) bool { return an.lx.isHeadNoun(w) }

func (lx *lexicon) isHeadNoun(w string) bool {
	if _, ok := lx.roleNouns[w]; ok {
		return true
	}
	return lx.groupNouns[w] || lx.orgNouns[w] || lx.docNouns[w] || lx.stateNouns[w] || lx.orgInner[w] ||
		strings.HasSuffix(w, "s") && lx.roleNouns[strings.TrimSuffix(w, "s")] != genderUnknown
}

// nameAt returns the name mention starting at token j.
func (an *analysis) nameAt(j int) (int, bool) {
	if j < len(an.mentAt) {
		if mi := an.mentAt[j]; mi >= 0 && an.ments[mi].kind != mkDesc && an.ments[mi].kind != mkPron {
			return mi, true
		}
	}
	return -1, false
}

// orgInside returns the organisation named right before the head at
// headAt, or -1.
func (an *analysis) orgInside(a, headAt int, nameEnd map[int]int) int {
	mi, ok := nameEnd[headAt]
	if !ok || an.ments[mi].t0 < a || an.ments[mi].ent < 0 {
		return -1
	}
	if an.ents[an.ments[mi].ent].kind == entOrg {
		return an.ments[mi].ent
	}
	return -1
}

// countryInside returns the country named by a word in [a, b), or -1.
func (an *analysis) countryInside(a, b int) int {
	for k := a; k < b; k++ {
		if mi := an.mentAt[k]; mi >= 0 {
			m := an.ments[mi]
			if m.t1 <= b && m.ent >= 0 && an.ents[m.ent].kind == entCountry && (m.kind == mkName || m.kind == mkDemonym) {
				return m.ent
			}
		}
	}
	return -1
}

func (an *analysis) findPronouns() {
	for i, t := range an.toks {
		an.checkpoint()
		if t.kind != tokWord || t.dateline {
			continue
		}
		p, ok := pronouns[t.low]
		if !ok {
			continue
		}
		an.addMention(mention{t0: i, t1: i + 1, kind: mkPron, ent: -1, head: t.low, gender: p.g, plural: p.plural,
			person: p.person, possessor: -1, definite: true})
	}
}

// indexMentions sorts mentions by position and builds mentAt.
func (an *analysis) indexMentions() {
	// Sorting moves mentions: remember each one's old index so possessor
	// links can follow.
	order := make([]int, len(an.ments))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ma, mb := an.ments[order[a]], an.ments[order[b]]
		if ma.t0 != mb.t0 {
			return ma.t0 < mb.t0
		}
		return ma.t1 > mb.t1
	})
	newIndex := make([]int, len(order))
	for ni, oi := range order {
		newIndex[oi] = ni
	}
	for i := range an.ments {
		if p := an.ments[i].possessor; p >= 0 {
			an.ments[i].possessor = newIndex[p]
		}
	}
	// Move each mention to its new place in place, cycle by cycle: a copy
	// of the list would double the memory a long text needs.
	for i := range an.ments {
		for newIndex[i] != i {
			j := newIndex[i]
			an.ments[i], an.ments[j] = an.ments[j], an.ments[i]
			newIndex[i], newIndex[j] = newIndex[j], newIndex[i]
		}
	}
	if len(an.mentAt) != len(an.toks)+1 { // the second call reuses the first's tables
		an.mentAt = make([]int, len(an.toks)+1)
		an.mentEnd = make([]int, len(an.toks)+1)
	}
	for i := range an.mentAt {
		an.mentAt[i] = -1
		an.mentEnd[i] = -1
	}
	for mi := len(an.ments) - 1; mi >= 0; mi-- {
		m := an.ments[mi]
		an.mentAt[m.t0] = mi // the longest mention starting there wins
		if b := an.mentEnd[m.t1]; b < 0 || m.t0 <= an.ments[b].t0 {
			an.mentEnd[m.t1] = mi
		}
	}
}

// findAppositions reads "NAME, the Y of Z," and "Its chief executive,
// NAME," as roles, and links the description to the named entity.
func (an *analysis) findAppositions() {
	for mi := range an.ments {
		an.checkpoint()
		m := an.ments[mi]
		if m.kind != mkName || m.ent < 0 {
			continue
		}
		e := &an.ents[m.ent]
		if e.kind != entPerson && e.kind != entOrg {
			continue
		}
		// after: NAME , ROLE ,
		if m.t1+1 < len(an.toks) && an.toks[m.t1].text == "," && an.toks[m.t1].sent == m.sent {
			a := m.t1 + 1
			if an.toks[a].kind == tokNum && a+1 < len(an.toks) && an.toks[a+1].text == "," {
				a += 2 // an age: "Brennan, 52,"
			}
			b := a
			for b < len(an.toks) && an.toks[b].sent == m.sent && an.toks[b].text != "," && an.toks[b].kind != tokQuote &&
				!(an.toks[b].kind == tokPunct && an.isTerminal(an.toks[b])) && b-a < 16 {
				if b > a && (relativeWords[an.toks[b].low] && an.toks[b].low != "that") {
					break
				}
				b++
			}
			if b > a && e.kind == entPerson && e.weak && determiners[an.toks[a].low] {
				// "Tiller & Moss, a law firm,": a name taken for a person's
				// is an organisation's
				if h := an.phraseHead(a+1, b); h >= 0 && an.lx.orgNouns[an.toks[h].low] && !an.lx.roleNouns2(an.toks[h].low) {
					e.kind = entOrg
					e.corporate = companyNouns[an.toks[h].low]
				}
			}
			if b > a && !relativeWords[an.toks[a].low] && an.toks[a].low != "whose" && an.isRolePhrase(a, b) {
				an.setRole(m.ent, a, b)
			}
		}
		// before: ROLE , NAME ,  (at the start of a clause)
		if m.t0 >= 2 && an.toks[m.t0-1].text == "," {
			b := m.t0 - 1
			a := b
			for a > 0 && an.toks[a-1].sent == m.sent && an.toks[a-1].kind != tokPunct && an.toks[a-1].kind != tokQuote && b-a < 10 {
				a--
			}
			// "said Valdor Hydro's chief executive, Lena Brandt": the role
			// starts after a reporting verb
			cueEnd := -1
			for k := b - 1; k >= a; k-- {
				if vi, ok := an.lx.verbs[an.toks[k].low]; ok && vi.class.isCue() {
					cueEnd = k + 1
					break
				}
			}
			if cueEnd > a {
				a = cueEnd
			}
			clauseStart := a == an.sents[m.sent].tok0 || an.toks[a-1].kind == tokQuote || an.toks[a-1].dateline || cueEnd == a
			if clauseStart && a < b && an.isRolePhrase(a, b) && (determiners[an.toks[a].low] || an.hasPoss(a, b)) {
				an.setRole(m.ent, a, b)
			}
		}
	}
}

// phraseHead returns the last word of the noun phrase starting at a,
// before any preposition, relative word or verb, or -1.
func (an *analysis) phraseHead(a, b int) int {
	head := -1
	for k := a; k < b; k++ {
		t := an.toks[k]
		if t.kind == tokPoss || t.kind == tokNum {
			continue
		}
		if t.kind != tokWord || prepositions[t.low] || relativeWords[t.low] || conjunctions[t.low] || an.lx.aux[t.low] {
			break
		}
		if vi, ok := an.lx.verbs[t.low]; ok && !an.isHeadNoun(t.low) && (vi.form == formPast || vi.form == formS) && head >= 0 {
			break
		}
		head = k
	}
	return head
}

func (an *analysis) hasPoss(a, b int) bool {
	for k := a; k < b; k++ {
		if an.toks[k].kind == tokPoss {
			return true
		}
	}
	return false
}

// isRolePhrase reports whether tokens [a, b) describe a role: a role noun
// or title word in a phrase with no verb.
func (an *analysis) isRolePhrase(a, b int) bool {
	if h := an.phraseHead(a, b); h >= 0 {
		if w := an.toks[h].low; an.lx.docNouns[w] || an.lx.speechNouns[w] {
			return false // "a letter from the council's monitoring officer"
		}
	}
	found := false
	for k := a; k < b; k++ {
		t := an.toks[k]
		if t.kind != tokWord {
			continue
		}
		if an.lx.aux[t.low] || t.low == "that" && k == a {
			return false // "That was all the minister": a clause
		}
		if vi, ok := an.lx.verbs[t.low]; ok && !t.cap && (vi.form == formPast || vi.form == formS) && !an.isHeadNoun(t.low) {
			return false
		}
		if _, ok := an.lx.roleNouns[roleCore(t.low)]; ok && !t.cap {
			found = true // "co-owner", "ex-minister" as well
		}
		if an.lx.titleCore[stripDot(t.low)] {
			found = true
		}
	}
	return found
}

// roleCore strips the prefixes that leave a role a role: "co-owner",
// "ex-minister", "vice-chair".
func roleCore(w string) string {
	for _, p := range []string{"co-", "ex-", "vice-", "deputy-", "former-"} {
		if strings.HasPrefix(w, p) && len(w) > len(p)+2 {
			return w[len(p):]
		}
	}
	return w
}

var representativeWords = map[string]bool{
	"secretary": true, "chairman": true, "chairwoman": true, "chair": true, "chairperson": true, "president": true,
	"chief": true, "head": true, "leader": true, "director": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "executive": true, "ceo": true, "minister": true, "official": true, "manager": true,
	"founder": true, "owner": true, "commissioner": true, "governor": true, "mayor": true, "general": true,
	"negotiator": true, "coach": true, "boss": true, "secretary-general": true, "director-general": true,
	"general-secretary": true, "convenor": true, "organiser": true, "organizer": true, "representative": true,
}

// speaksForRole reports a role that speaks for its organisation.
func speaksForRole(role string) bool {
	for w := range strings.FieldsSeq(fold(role)) {
		if representativeWords[w] {
			return true
		}
	}
	return false
}

func (an *analysis) setRole(id, a, b int) {
	text := an.span(a, b)
	text = strings.TrimRight(text, ",;: ")
	if id < 0 || text == "" {
		return
	}
	if f := strings.Fields(text); len(f) > 1 && determiners[strings.ToLower(f[0])] {
		// "Its president" at a sentence's start reads "its president"
		text = strings.ToLower(f[0][:1]) + text[1:]
	}
	e := &an.ents[id]
	if e.role == "" {
		e.role = text
		e.roleTok = a
	}
	if e.kind == entOrg && e.nationality < 0 {
		e.nationality = an.nationalityIn(a, b)
	}
	if e.kind == entOrg {
		for k := a; k < b; k++ {
			if companyNouns[an.toks[k].low] || serviceNouns[an.toks[k].low] {
				e.corporate = true // "Lumora Semiconductors, the Dutch chipmaker"
			}
		}
	}
	an.addAlias(id, text)
	// descriptions inside the role phrase name the same entity
	for k := an.firstMentionFrom(a); k < len(an.ments) && an.ments[k].t0 < b; k++ {
		dm := &an.ments[k]
		if dm.kind == mkDesc && dm.t0 >= a && dm.t1 <= b && !dm.resolved && (dm.person || dm.org && e.kind == entOrg) {
			dm.ent, dm.resolved, dm.appos = id, true, true
		}
	}
	// its / X's / of ORG in a person's role: who they speak for, when the
	// role is one that speaks for it (a leader, not an analyst)
	if e.kind == entPerson && e.affiliation < 0 && speaksForRole(text) {
		for k := a; k < b; k++ {
			if mi, ok := an.nameAt(k); ok {
				if oe := an.ments[mi].ent; oe >= 0 && an.ents[oe].kind == entOrg {
					e.affiliation = oe
					break
				}
			}
		}
	}
}

// nameRoleOwners says whose a role of "its director" is, once coref
// has resolved the "its": "Valdor Hydro's director". A role left as "its
// director" tells a reader nothing.
func (an *analysis) nameRoleOwners() {
	for id := range an.ents {
		an.checkpoint()
		e := &an.ents[id]
		if e.roleTok < 0 || e.merged >= 0 {
			continue
		}
		f := strings.Fields(e.role)
		if len(f) < 2 || f[0] != "its" && f[0] != "their" {
			continue
		}
		for mi := an.firstMentionFrom(e.roleTok); mi < len(an.ments) && an.ments[mi].t0 == e.roleTok; mi++ {
			m := an.ments[mi]
			if m.kind != mkPron || m.ent < 0 {
				continue
			}
			owner := an.root(m.ent)
			if k := an.ents[owner].kind; owner == id || k != entOrg && k != entCountry {
				continue
			}
			role := possessive(an.ents[owner].name) + e.role[len(f[0]):]
			for k, al := range e.aliases {
				if al == e.role {
					e.aliases[k] = role
				}
			}
			e.role = role
			break
		}
	}
}

// possessive writes "Valdor Hydro's", "the Brothers'".
func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

// describe renders an unnamed speaker's description: lower-case article,
// "one" as "a", trimmed at a clause or a loose prepositional phrase.
func (an *analysis) describe(a, b int) string {
	end := a
	for end < b && end-a < 9 {
		t := an.toks[end]
		if t.kind == tokPunct || t.kind == tokQuote || end > a && t.kind != tokPoss && (cutWords[t.low] || an.lx.aux[t.low]) {
			break
		}
		if _, isPron := pronouns[t.low]; isPron && end > a {
			break
		}
		if vi, ok := an.verbAt(end); ok && end > a+1 && (vi.form == formPast || vi.form == formS) && !an.isHeadNoun(t.low) {
			break
		}
		end++
	}
	if end == a {
		end = b
	}
	words := strings.Fields(an.span(a, end))
	if len(words) == 0 {
		return ""
	}
	switch strings.ToLower(words[0]) {
	case "a", "an":
		// The writer chose the article: keep it, in lower case.
		words[0] = strings.ToLower(words[0])
	case "one":
		if len(words) > 1 {
			words[0] = indefiniteArticle(words[1])
		} else {
			words[0] = "a"
		}
	default:
		r := []rune(words[0])
		if len(r) > 0 && (determiners[strings.ToLower(words[0])] || !an.isProperWord(words[0])) {
			r[0] = unicode.ToLower(r[0])
			words[0] = string(r)
		}
	}
	return strings.Join(words, " ")
}

// isProperWord reports a word that keeps its capital inside a sentence.
func (an *analysis) isProperWord(w string) bool {
	f := fold(w)
	if _, ok := an.lx.countryForms[f]; ok {
		return true
	}
	return !an.lx.common[f]
}

// indefiniteArticle is "a" or "an" for the word that follows, by its sound
// as far as spelling tells: "an official", "a union", "a European", "an hour".
func indefiniteArticle(next string) string {
	w := strings.ToLower(next)
	for _, p := range []string{"uni", "use", "usu", "ure", "uro", "eu", "ewe", "one", "once"} {
		if strings.HasPrefix(w, p) {
			return "a"
		}
	}
	for _, p := range []string{"hour", "honest", "honor", "honour", "heir"} {
		if strings.HasPrefix(w, p) {
			return "an"
		}
	}
	if w != "" && strings.IndexByte("aeiou", w[0]) >= 0 {
		return "an"
	}
	return "a"
}

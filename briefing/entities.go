package briefing

import (
	"context"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Entities: capitalised token runs become name candidates, joined across
// "of", "for", "and" and possessives only where an organisation's name
// needs it ("Department of Public Works", "People's Alliance"). Each run is
// classified by the tables (countries, known organisations, titles, name
// endings) and by its context ("club X", "manager Y", "X, 52,"), then
// merged with earlier names: surnames with full names, "Nordvik" with
// "Nordvik Foods", acronyms with what they abbreviate, demonyms and
// capitals with their country.

type entKind uint8

const (
	entPerson entKind = iota
	entOrg
	entCountry
	entPlace
	entGroup
	entMisc    // events, laws, works, venues: never listed
	entUnnamed // an unnamed speaker: "a senior official"
)

func (k entKind) String() string {
	switch k {
	case entPerson:
		return KindPerson
	case entOrg:
		return KindOrganization
	case entCountry:
		return KindCountry
	case entPlace:
		return KindPlace
	case entGroup:
		return KindGroup
	}
	return ""
}

type entity struct {
	kind      entKind
	name      string
	key       string
	words     []string // folded words of the name
	surname   string   // folded; may hold several words ("mac giolla")
	given     string   // folded first name
	title     string   // "Health Minister", "Councilor"
	role      string   // apposition or role phrase: "Iran's foreign minister"
	roleTok   int      // where the role phrase starts, or -1
	aliases   []string // other surface forms, in order of first use
	gender    gender
	votes     [3]int
	countryID int // the country table row for countries, else -1
	platform  bool
	weak      bool // kind guessed without evidence
	evPerson  int
	evOrg     int
	evPlace   int
	corporate bool // a company: answers to "the company", "the firm"
	sports    bool // a club or team
	party     bool // a political party
	acronym   string
	// acronymForm is the acronym as written ("DfE"), when the text gave it
	acronymForm string
	unknown     bool // kind unknown: listed only if it acts or speaks
	// nationality is the country an organisation is said to be from
	// ("the Dutch chipmaker"), or -1.
	nationality int
	head        string // head noun of an unnamed description
	// affiliation is the organisation a person speaks for ("its general
	// secretary"), or -1.
	affiliation int
	// statistics for ranking
	mentions int
	subjects int
	quotes   int
	acts     int
	firstTok int
	headline bool
	lead     bool
	merged   int // the entity this one was merged into, or -1
}

type mentionKind uint8

const (
	mkName    mentionKind = iota // a name or part of one
	mkTitle                      // a title used alone: "the Taoiseach"
	mkDemonym                    // "Iranian"
	mkCapital                    // "Washington", "Tehran"
	mkDesc                       // a noun phrase: "a senior official", "the ministry", "Iranian officials"
	mkPron                       // he, she, it, they
)

type mention struct {
	t0, t1    int
	kind      mentionKind
	ent       int    // resolved entity or -1
	head      string // folded head word (descriptions, titles, pronouns)
	definite  bool
	plural    bool
	gender    gender
	poss      bool // followed by 's: an owner, not the phrase's head
	subj      bool // subject of a verb
	quote     int  // innermost quote holding it, or -1
	sent      int
	possessor int // for "X's board": X's mention, else -1
	person    bool
	org       bool
	doc       bool // a document: "a risk assessment"
	group     bool // a plural group: "two people", "officials"
	resolved  bool
	appos     bool // an apposition that names its neighbour's role
	demonym   bool // "the 48-year-old Argentine": a person known by nationality
	text      string
}

// nameCand is a capitalised run classified but not yet merged.
type nameCand struct {
	t0, t1    int // the name part
	r0        int // the whole run including any title
	title     string
	countryID int
	knownOrg  int
	nat       int // country of a demonym before the name ("Irish rival X"), or -1
	// the small fields last, packed into one word
	kind      entKind
	cform     formKind
	honorific gender
	strong    bool // the kind comes from a table or a title, not a guess
	unknown   bool // a single word nothing classifies
	corporate bool // introduced as a company ("the streaming service Vidora")
}

var nameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "del": true, "della": true, "der": true, "den": true, "van": true,
	"von": true, "du": true, "la": true, "le": true, "bin": true, "ibn": true, "al": true, "el": true,
	"dos": true, "das": true, "y": true, "ter": true, "ten": true, "st.": true,
}

// surnameParticles begin a surname of several words: "Ní Bhriain", "Mac Giolla", "von der Leyen".
var surnameParticles = map[string]bool{
	"ní": true, "nic": true, "mac": true, "mc": true, "ó": true, "o": true, "uí": true, "ua": true,
	"de": true, "da": true, "di": true, "del": true, "della": true, "van": true, "von": true, "du": true,
	"la": true, "le": true, "bin": true, "ibn": true, "al": true, "el": true, "dos": true, "das": true,
	"ter": true, "ten": true, "bint": true, "abu": true, "st.": true, "st": true, "san": true, "santa": true,
}

var determiners = map[string]bool{
	"a": true, "an": true, "the": true, "this": true, "that": true, "these": true, "those": true, "its": true,
	"his": true, "her": true, "their": true, "our": true, "my": true, "your": true, "one": true, "another": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true,
	"nine": true, "ten": true, "several": true, "some": true, "many": true, "any": true, "each": true,
	"every": true, "no": true, "both": true, "such": true, "all": true, "few": true, "most": true,
}

var prepositions = map[string]bool{
	"of": true, "in": true, "on": true, "at": true, "with": true, "for": true, "from": true, "by": true,
	"to": true, "after": true, "before": true, "during": true, "despite": true, "amid": true, "under": true,
	"over": true, "since": true, "until": true, "through": true, "like": true, "as": true, "according": true,
	"without": true, "following": true, "including": true, "unlike": true, "among": true, "between": true,
	"against": true, "about": true, "into": true, "onto": true, "near": true, "outside": true, "inside": true,
	"across": true, "toward": true, "towards": true, "via": true, "per": true, "behind": true, "beyond": true,
	"within": true, "throughout": true, "upon": true, "alongside": true, "amongst": true, "than": true,
	"along": true, "beside": true, "around": true, "past": true, "beneath": true, "above": true, "below": true,
}

func isAdjectiveSuffix(w string) bool {
	switch w {
	case "run", "led", "based", "backed", "owned", "funded", "controlled", "born", "made", "style", "linked",
		"allied", "aligned", "friendly", "era", "speaking", "bound", "held", "built", "wide", "like", "type":
		return true
	}
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")
}

// surnameLikeHeads end place names but also surnames: "Ellen Marsh",
// "Martin Hall". After a known first name they are surnames.
var surnameLikeHeads = map[string]bool{
	"marsh": true, "heath": true, "moor": true, "brook": true, "grove": true, "fen": true, "woods": true,
	"hall": true, "hill": true, "hills": true, "ford": true, "field": true, "row": true, "close": true,
	"place": true, "green": true, "park": true, "lake": true, "banks": true, "bay": true, "rivers": true,
	"waters": true, "wells": true, "house": true, "bridge": true, "bridges": true, "street": true, "lane": true,
	"dale": true, "vale": true, "cross": true, "gates": true, "tower": true, "castle": true, "church": true,
	"forest": true, "stone": true, "mountain": true, "island": true, "beach": true, "cannon": true, "day": true,
	"law": true, "crane": true, "price": true, "wood": true, "english": true,
}

// eventFirstWords open the names of storms and operations.
var eventFirstWords = map[string]bool{
	"cyclone": true, "hurricane": true, "typhoon": true, "storm": true, "tropical": true, "operation": true,
	"tropical-storm": true, "super-typhoon": true, "wildfire": true,
}

var streetWords = map[string]bool{
	"street": true, "st": true, "st.": true, "road": true, "rd": true, "avenue": true, "ave": true, "lane": true,
	"drive": true, "close": true, "crescent": true, "terrace": true, "way": true, "place": true, "square": true,
	"boulevard": true, "gardens": true, "grove": true, "court": true, "row": true, "parade": true, "mews": true,
}

var institutionWords = map[string]bool{
	"hospital": true, "college": true, "school": true, "church": true, "cathedral": true, "university": true,
	"academy": true, "institute": true, "infirmary": true, "clinic": true,
}

var conjunctions = map[string]bool{"and": true, "or": true, "but": true, "nor": true, "yet": true, "so": true, "&": true}

var relativeWords = map[string]bool{"who": true, "whom": true, "whose": true, "which": true, "where": true, "when": true, "that": true}

func (d *doc) isNameTok(i int) bool {
	if d.nameTok == nil {
		d.nameTok = make([]int8, len(d.toks))
	}
	switch d.nameTok[i] {
	case 1:
		return true
	case 2:
		return false
	}
	ok := d.isNameTokUncached(i)
	d.nameTok[i] = 2
	if ok {
		d.nameTok[i] = 1
	}
	return ok
}

func hasHyphen(s string) bool {
	return strings.IndexByte(s, '-') >= 0 || strings.Contains(s, "‐") || strings.Contains(s, "‑")
}

// indexHyphen is strings.IndexAny(s, "-‐‑") with a quick answer for the
// common word that has none.
func indexHyphen(s string) int {
	if !hasHyphen(s) {
		return -1
	}
	return strings.IndexAny(s, "-‐‑")
}

func (d *doc) isNameTokUncached(i int) bool {
	t := d.toks[i]
	if t.dateline || t.kind != tokWord {
		return false
	}
	if t.low == "i" || strings.HasPrefix(t.low, "i'") {
		return false // the pronoun: "I", "I'm"
	}
	if hasHyphen(t.low) {
		if k := strings.LastIndexAny(t.low, "-‐‑"); k > 0 && k+1 < len(t.low) && isAdjectiveSuffix(t.low[k+1:]) {
			return false // "Labour-run", "Cork-based", "U.S.-led": adjectives
		}
		if d.allCommonParts(t.low) {
			return false // "First-team", "Centre-right": compounds of ordinary words
		}
	}
	if t.upper && len(t.low) >= 3 && !d.isCountryWord(t.low) && !d.isKnownOrgWord(t.low) {
		if _, verb := d.lx.verbs[t.low]; verb || d.lx.common[t.low] {
			return false // "Vasquez SLAMS board": a shouted headline word
		}
	}
	if strings.HasSuffix(t.text, "s") && d.lx.titleCore[strings.TrimSuffix(t.low, "s")] && strings.ToUpper(t.text[:len(t.text)-1]) == t.text[:len(t.text)-1] {
		return false // "TDs", "MPs": plural titles
	}
	if t.cap || t.upper {
		return !d.lx.monthDay[strings.TrimSuffix(t.low, ".")]
	}
	// al-Assad, el-Sisi, bin-Laden: a lower-case particle joined to a name.
	if k := indexHyphen(t.text); k > 0 && k <= 4 && k <= len(t.low) && nameParticles[t.low[:k]] {
		r := []rune(t.text[k+1:])
		return len(r) > 0 && unicode.IsUpper(r[0])
	}
	return false
}

// chunk is a stretch of consecutive name tokens.
type chunk struct{ a, b int }

// nameRuns finds the capitalised runs of a sentence, joined where an
// organisation's or place's name continues across a connector.
func (d *doc) nameRuns(s sentence, buf []chunk) []chunk {
	chunks := buf[:0] // the caller's buffer, reused sentence to sentence
	for i := s.tok0; i < s.tok1; i++ {
		if !d.isNameTok(i) || d.toks[i].quote >= 0 && d.quotes[d.toks[i].quote].title {
			continue
		}
		j := i + 1
		for j < s.tok1 {
			if d.isNameTok(j) && d.toks[j].quote == d.toks[i].quote {
				j++
				continue
			}
			// a nickname inside a name: Tomas "Tommy" Lind
			if t := d.toks[j]; t.kind == tokQuote && t.mark >= 0 && d.quotes[t.mark].open == j && d.quotes[t.mark].title {
				q := d.quotes[t.mark]
				if q.close > 0 && q.close-j <= 3 && q.close+1 < s.tok1 && d.isNameTok(q.close+1) {
					j = q.close + 1
					continue
				}
			}
			// particles inside person names: "Ursula von der Leyen"
			if d.toks[j].kind == tokWord && nameParticles[d.toks[j].low] && !d.toks[j].cap {
				k := j
				for k < s.tok1 && d.toks[k].kind == tokWord && nameParticles[d.toks[k].low] && !d.toks[k].cap {
					k++
				}
				if k < s.tok1 && k-j <= 2 && d.isNameTok(k) && d.toks[k].quote == d.toks[i].quote {
					j = k + 1
					continue
				}
			}
			break
		}
		if j < s.tok1 && d.toks[j].kind == tokPoss && j-i == 1 && d.possessiveName(i) {
			j++ // "Moody's cut its rating", "Sainsbury's said"
		} else if j+1 < s.tok1 && d.toks[j].kind == tokPoss && j-i == 1 && d.toks[j+1].cap &&
			shopHeads[d.toks[j+1].low] && d.toks[j+1].quote == d.toks[i].quote && !isKnownFirstName(d.lx, d.toks[i].low) {
			j += 2 // "Ferraro's Market", "Dino's Pizzeria": a shop named for its owner
		}
		chunks = append(chunks, chunk{i, j})
		i = j - 1
	}
	if len(chunks) < 2 {
		return chunks
	}
	// Join chunks across connectors.
	out := []chunk{chunks[0]}
	orgMode := false
	for ci := 1; ci < len(chunks); ci++ {
		c := chunks[ci]
		last := &out[len(out)-1]
		if d.joinable(*last, c, orgMode) {
			if d.connectorIs(last.b, c.a, "of", "for", "on") {
				orgMode = true
			}
			last.b = c.b
			continue
		}
		// "Department for Culture, Media and Sport": a list of short parts
		// inside an organisation's name
		if orgMode {
			if n := d.listInName(last.b, chunks[ci:]); n > 0 {
				last.b = chunks[ci+n-1].b
				ci += n - 1
				continue
			}
		}
		orgMode = false
		out = append(out, c)
	}
	return out
}

// possessiveName reports a name that ends in 's ("Moody's", "McDonald's"):
// the text never writes the word without it, and once at least the name
// is the subject of a verb ("Moody's cut its rating", "Macy's said").
func (d *doc) possessiveName(i int) bool {
	w := d.toks[i].low
	if isKnownFirstName(d.lx, w) || d.isCountryWord(w) || d.isKnownOrgWord(w) || d.lx.titleCore[w] || d.lx.common[w] {
		return false
	}
	if d.possNames == nil {
		d.possNames = map[string]bool{}
		bare := map[string]bool{}
		verbal := map[string]bool{}
		for k, t := range d.toks {
			if t.kind != tokWord || !t.cap {
				continue
			}
			if k+1 >= len(d.toks) || d.toks[k+1].kind != tokPoss {
				bare[t.low] = true
				continue
			}
			if k+2 < len(d.toks) && d.verbAfterPoss(d.skipAdverbs(k+2)) {
				verbal[t.low] = true
			}
			// "Macy's and Sainsbury's both pulled ...": a pair of such names
			if k+5 < len(d.toks) && (d.toks[k+2].low == "and" || d.toks[k+2].text == ",") && d.toks[k+3].cap &&
				d.toks[k+4].kind == tokPoss && d.verbAfterPoss(d.skipAdverbs(k+5)) {
				verbal[t.low] = true
				verbal[d.toks[k+3].low] = true
			}
		}
		for w := range verbal {
			if !bare[w] {
				d.possNames[w] = true
			}
		}
	}
	return d.possNames[w]
}

// verbAfterPoss reports a finite verb at k that makes the word before the
// possessive its subject: "said", or a verb followed by an object.
func (d *doc) verbAfterPoss(k int) bool {
	t := d.toks[k]
	vi, ok := d.lx.verbs[t.low]
	if !ok || t.kind != tokWord || t.cap {
		return false
	}
	if vi.class == classSay && (vi.form == formPast || vi.form == formS) {
		return true
	}
	if vi.form == formIng || vi.form == formPart {
		return false
	}
	if k+1 >= len(d.toks) {
		return false
	}
	n := d.toks[k+1]
	_, pron := pronouns[n.low]
	return n.kind == tokNum || n.kind == tokWord && (determiners[n.low] || pron && n.low != "it" || n.low == "that")
}

// listInName returns how many of the chunks form ", A, B and C" after an
// organisation's name that ends at end, or 0: each part a short run of
// ordinary capitalised words, the last joined by "and" or "&".
func (d *doc) listInName(end int, rest []chunk) int {
	prev := end
	for n, c := range rest {
		if n >= 5 || c.b-c.a > 3 || d.isKnownName(c) || isKnownFirstName(d.lx, d.toks[c.a].low) {
			return 0
		}
		gap := c.a - prev
		switch {
		case gap == 1 && d.toks[prev].text == ",":
			// another item of the list
		case gap == 1 && (d.toks[prev].low == "and" || d.toks[prev].text == "&"):
			if n == 0 {
				return 0
			}
			return n + 1
		case gap == 2 && d.toks[prev].text == "," && (d.toks[prev+1].low == "and" || d.toks[prev+1].text == "&"):
			if n == 0 {
				return 0
			}
			return n + 1
		default:
			return 0
		}
		prev = c.b
	}
	return 0
}

func (d *doc) connectorIs(a, b int, words ...string) bool {
	for k := a; k < b; k++ {
		for _, w := range words {
			if d.toks[k].low == w {
				return true
			}
		}
	}
	return false
}

func (d *doc) allCommon(c chunk) bool {
	for k := c.a; k < c.b; k++ {
		if !d.lx.common[d.toks[k].low] {
			return false
		}
	}
	return true
}

func (d *doc) joinable(l, r chunk, orgMode bool) bool {
	gap := r.a - l.b
	if gap < 1 || gap > 2 {
		return false
	}
	g0 := d.toks[l.b]
	lastL := strings.TrimSuffix(d.toks[l.b-1].low, ".")
	lastR := d.toks[r.b-1].low
	if gap == 1 && (g0.low == "and" || g0.low == "for" || g0.low == "of") {
		// "Customs and Border Protection": a name the tables know whole
		if _, ok := d.lx.knownOrgForms[d.fold(d.span(l.a, r.b))]; ok {
			return true
		}
	}
	switch {
	case gap == 1 && g0.kind == tokPoss:
		// "People's Alliance", "Irish Farmers' Milk Union": the owner is an
		// ordinary word and the whole ends like an organisation.
		if !d.lx.orgLast[lastR] {
			return false
		}
		if _, isCountry := d.lx.countryForms[lastL]; isCountry {
			return false
		}
		la := l.a
		for la < l.b-1 && determiners[d.toks[la].low] {
			la++
		}
		if r.b-r.a == 1 && (institutionWords[lastR] || l.b-la == 1 && !isKnownFirstName(d.lx, lastL)) {
			return true // "St Aldric's Hospital", "King's College", "Alzheimer's Society"
		}
		if d.lx.titleCore[lastL] {
			return true // "U.S. Attorney’s Office", "the Governor's Office"
		}
		return d.lx.common[lastL] || strings.HasSuffix(lastL, "s")
	case g0.low == "of" || g0.low == "for" || g0.low == "on":
		if gap == 2 && d.toks[l.b+1].low != "the" {
			return false
		}
		if orgMode || d.lx.orgHead[lastL] || d.lx.placeHead[lastL] || d.lx.titleCore[lastL] || d.lx.orgLast[lastL] {
			return true
		}
		// "Parents for Free Choice", "Americans for Prosperity"
		return g0.low == "for" && gap == 1 && strings.HasSuffix(lastL, "s") && l.b-l.a <= 2 && d.lx.firstNames[lastL] == 0 &&
			!d.isCountryWord(lastL) && r.b-r.a >= 2
	case gap == 1 && (g0.low == "&" || g0.text == "&"):
		return true
	case gap == 1 && g0.low == "and":
		// "Centre for Disease Prevention and Control", not "Ministry of Health and Oxfam"
		// but not "Department of Homeland Security and Alex Azar": a part of
		// several words that opens with no ordinary word and does not end
		// like a body is a name ("Center for Media and Public Affairs" joins)
		if orgMode && r.b-r.a <= 3 && d.lx.firstNames[d.toks[r.a].low] == genderUnknown && !isKnownFirstName(d.lx, d.toks[r.a].low) &&
			!d.lx.titleCore[stripDot(d.toks[r.a].low)] && !d.isKnownName(r) &&
			(r.b-r.a == 1 || d.lx.common[d.toks[r.a].low] || d.lx.orgLast[lastR] || d.lx.nonActorHeads[lastR]) {
			return true
		}
		// "Planning and Housing Bill", "Food and Drug Administration"
		la := l.a
		for la < l.b-1 && determiners[d.toks[la].low] {
			la++
		}
		// "U.S. Securities and Exchange Commission": a country, then one word
		countryLed := l.b-la == 2 && (d.isCountryWord(d.toks[la].low) || d.isCountryWord(stripDot(d.toks[la].low))) &&
			!isKnownFirstName(d.lx, lastL) && !d.isCountryWord(lastL)
		return (d.lx.orgLast[lastR] || d.lx.nonActorHeads[lastR]) && (d.allCommon(l) || countryLed || l.b-la == 1 && !d.isKnownName(chunk{la, l.b}) &&
			!isKnownFirstName(d.lx, d.toks[la].low)) && !d.lx.regions[d.toks[r.a].low] && !d.isKnownName(chunk{r.a, r.a + 1})
	}
	return false
}

// nameText is a name as written, without a nickname quoted inside it.
func (d *doc) nameText(a, b int) string {
	for k := a; k < b; k++ {
		if d.toks[k].kind == tokQuote && d.toks[k].mark >= 0 {
			var parts []string
			if k > a {
				parts = append(parts, d.span(a, k))
			}
			if c := d.quotes[d.toks[k].mark].close; c > k && c+1 < b {
				parts = append(parts, d.nameText(c+1, b))
			}
			return strings.Join(parts, " ")
		}
	}
	return d.span(a, b)
}

func (d *doc) allCommonParts(w string) bool {
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‐' || r == '‑' })
	for _, p := range parts {
		if !d.lx.common[p] {
			return false
		}
	}
	return len(parts) > 1
}

func (d *doc) isKnownOrgWord(w string) bool {
	_, ok := d.lx.knownOrgForms[w]
	return ok
}

// isKnownName reports a chunk that is a country, place or known organisation.
func (d *doc) isKnownName(c chunk) bool {
	var nc nameCand
	return d.lookupFixed(d.span(c.a, c.b), &nc)
}

func (d *doc) isCountryWord(w string) bool {
	_, ok := d.lx.countryForms[w]
	return ok
}

func stripDot(s string) string { return strings.TrimSuffix(s, ".") }

// classifyRun turns a run into a candidate: title and name parts, kind.
func (d *doc) classifyRun(c chunk) (nameCand, bool) {
	lx := d.lx
	nc := nameCand{r0: c.a, t0: c.a, t1: c.b, countryID: -1, knownOrg: -1, nat: -1}
	if d.lookupFixed(d.span(c.a, c.b), &nc) {
		return nc, true
	}
	// A leading article is not part of a name ("The Rural Democrats", "A
	// Greenfield Council spokesman").
	for nc.t0 < nc.t1 && determiners[d.toks[nc.t0].low] {
		nc.t0++
	}
	nc.r0 = nc.t0
	if nc.t0 >= nc.t1 {
		return nc, false
	}
	if nc.t0 > c.a && d.lookupFixed(d.nameText(nc.t0, nc.t1), &nc) {
		return nc, true
	}
	if nc.t1-nc.t0 == 1 {
		w := stripDot(d.toks[nc.t0].low)
		// "TV", "SUV", "OK", "X-ray": capitalised common words, never actors;
		// "R-Ohio", "D-Calif.": a lawmaker's party and state
		if nonActorWords[w] || isPartyStateTag(d.toks[nc.t0].text) {
			return nc, false
		}
		// "TNG50", "IL-25", "F-35": a model, compound or product; people's
		// and almost all organisations' names hold no digit
		if strings.ContainsFunc(w, unicode.IsDigit) {
			nc.kind, nc.strong = entMisc, true
			return nc, true
		}
	}
	// "Head of Research", "Director of Communications": an office, not a
	// body: it names whoever holds it
	if nc.t1-nc.t0 >= 3 && lx.titleCore[stripDot(d.toks[nc.t0].low)] && !lx.orgHead[d.toks[nc.t0].low] &&
		(d.toks[nc.t0+1].low == "of" || d.toks[nc.t0+1].low == "for") && !d.anyKnownFirstName(nc.t0+2, nc.t1) {
		nc.kind, nc.strong = entMisc, true
		return nc, true
	}
	// Title: everything up to the last title word that a name follows
	// ("Disaster Management Minister X", "Goalkeeper Y", "Dr Z").
	last := -1
	// "Local Government Association": a name ending like an organisation's
	// holds no title
	orgName := nc.t1-nc.t0 >= 2 && lx.orgLast[d.toks[nc.t1-1].low] && !isKnownFirstName(lx, d.toks[nc.t1-1].low)
	for k := nc.t0; k < nc.t1-1 && !orgName; k++ {
		w := stripDot(d.toks[k].low)
		if lx.firstNames[w] != genderUnknown && k > nc.t0 {
			break // "Martin Luther King Jr": a name, not a title
		}
		if d.toks[k+1].kind == tokPoss {
			break // "Attorney’s Office": the title owns what follows
		}
		_, role := lx.roleNouns[w]
		if lx.titleCore[w] || k == nc.t0 && (isHonorific(lx, w) || role && !lx.orgNouns[w] && !isKnownFirstName(lx, w)) {
			last = k
		}
	}
	if last >= 0 {
		end := last + 1
		// "Secretary of State Marco Rubio": ordinary words after the title belong to it.
		for end < nc.t1-1 && (lx.common[d.toks[end].low] || d.toks[end].low == "of" || d.toks[end].low == "for") &&
			!isKnownFirstName(lx, d.toks[end].low) {
			end++
		}
		// "Vice Chair for Supervision Michelle Bowman": the title runs on
		// through its of- or for-phrase to a known first name
		if end > last+1 && (d.toks[end-1].low == "for" || d.toks[end-1].low == "of") {
			for f := end; f < nc.t1-1 && f < end+4; f++ {
				if isKnownFirstName(lx, d.toks[f].low) {
					end = f
					break
				}
			}
		}
		nc.title = d.span(nc.t0, end)
		if g, ok := lx.honorifics[stripDot(d.toks[nc.t0].low)]; ok {
			nc.honorific = g
		} else if g := lx.titleWords[stripDot(d.toks[last].low)]; g != genderUnknown {
			nc.honorific = g
		}
		nc.t0 = end
		nc.kind = entPerson
		nc.strong = true
		return nc, true
	}
	// A title alone: "Taoiseach", "the President".
	if nc.t1-nc.t0 == 1 {
		w := stripDot(d.toks[nc.t0].low)
		if lx.titleCore[w] && !d.toks[nc.t0].upper {
			nc.title = d.toks[nc.t0].text
			nc.kind = entPerson
			nc.t0 = nc.t1
			return nc, true
		}
	}
	// "Sporting Alvarenga", "Real Ostana", "AFC Wimbledon": a club's prefix
	// word is capitalised at a sentence's start too, but it belongs to the name.
	if nc.t1-nc.t0 >= 2 && clubPrefixes[stripDot(d.toks[nc.t0].low)] {
		nc.kind = entOrg
		nc.strong = true
		return nc, true
	}
	// At a sentence's start the first word is capitalised anyway: "However",
	// "Supporters", "Officials" are not names.
	// "Former United captain Roy Keane": a capitalised adjective is not
	// part of the name after it
	for nc.t1-nc.t0 > 1 && preNameWords[d.toks[nc.t0].low] && d.sentenceInitial(nc.t0) {
		nc.t0++
		nc.r0 = nc.t0
	}
	if d.sentenceInitial(nc.t0) && !(nc.t1-nc.t0 > 1 && lx.orgLast[d.toks[nc.t1-1].low]) {
		for nc.t0 < nc.t1 && (lx.common[d.toks[nc.t0].low] || nc.t0 < nc.t1-1 && (d.ordinaryCompound(d.toks[nc.t0].low) || d.openingGerund(nc.t0))) &&
			!d.isCountryWord(d.toks[nc.t0].low) && !d.surnameLikePronoun(nc.t0, nc.t1) {
			nc.t0++
		}
		if nc.t0 >= nc.t1 {
			return nc, false
		}
		nc.r0 = nc.t0
		if nc.t0 > c.a && d.lookupFixed(d.nameText(nc.t0, nc.t1), &nc) {
			return nc, true
		}
		// "Consumer groups welcomed": a capitalised modifier of a common noun.
		if nc.t1-nc.t0 == 1 && nc.t0 == c.a && d.modifiesNoun(nc.t1) {
			return nc, false
		}
		// "Regulator opens inquiry", "Flooding closes roads": an ordinary
		// word capitalised only because it opens the sentence.
		if nc.t1-nc.t0 == 1 && (d.ordinaryWord(nc.t0) || d.onceBeforeNoun(nc.t0) || d.commonOpener(nc.t0)) {
			return nc, false
		}
	}
	words := make([]string, 0, nc.t1-nc.t0)
	for k := nc.t0; k < nc.t1; k++ {
		words = append(words, d.toks[k].low)
	}
	lastW := words[len(words)-1]
	firstW := words[0]
	next := ""
	if nc.t1 < len(d.toks) && d.toks[nc.t1].kind == tokWord && !d.toks[nc.t1].cap && d.toks[nc.t1].sent == d.toks[nc.t0].sent {
		next = d.toks[nc.t1].low
	}
	switch {
	case d.toks[nc.t1-1].kind == tokPoss || nc.t1-nc.t0 == 3 && d.toks[nc.t0+1].kind == tokPoss:
		nc.kind = entOrg // "Moody's", "Sainsbury's": a firm named for its founder
		nc.strong = true
		nc.corporate = true
	case eventFirstWords[firstW] && len(words) > 1:
		nc.kind = entMisc // "Cyclone Tarini", "Operation Sea Guardian"
		nc.strong = true
	case (lastW == "assembly" || lastW == "senate") && len(words) > 1 && d.isKnownName(chunk{nc.t0, nc.t1 - 1}):
		nc.kind = entOrg // "the Texas Senate": a legislature, not a venue
		nc.strong = true
	case lx.nonActorHeads[lastW] && len(words) > 1 && !(surnameLikeHeads[lastW] && isKnownFirstName(lx, firstW)):
		nc.kind = entMisc
		nc.strong = true
	case lx.orgLast[lastW] && (len(words) > 1 || d.toks[nc.t0].upper):
		nc.kind = entOrg
		nc.strong = true
	case (lx.orgHead[firstW] || lx.placeHead[firstW]) && containsAny(words, "of", "for", "on"):
		if lx.placeHead[firstW] && !lx.orgHead[firstW] {
			nc.kind = entPlace
		} else {
			nc.kind = entOrg
		}
		nc.strong = true
	case orgBeforeConnector(lx, words):
		// "U.S. Attorney’s Office for the Southern District of Ohio"
		nc.kind = entOrg
		nc.strong = true
	case len(words) == 1 && d.toks[nc.t0].upper && len([]rune(d.toks[nc.t0].text)) <= 6:
		nc.kind = entOrg // an acronym
		nc.strong = true
	case len(words) >= 2 && isKnownFirstName(lx, firstW):
		nc.kind = entPerson
		nc.strong = true
	case len(words) >= 2 && isCampaignVerb(lx, firstW):
		// "Save Hollins Wood", "Stop the Pylons": a campaign named by its aim
		nc.kind = entOrg
		nc.strong = true
	case len(words) >= 2 && next != "" && (lx.orgNouns[next] && !lx.roleNouns2(next) || next == "campaign"):
		// "the Liberal Democrat group", "the Save Harwick Libraries campaign"
		nc.kind = entOrg
		nc.strong = true
	case d.endsInPlace(nc.t0, nc.t1):
		nc.kind = entPlace // "North Darfur", "Greater Manchester"
		nc.strong = true
	case d.afterWorkplaceAt(nc.r0):
		nc.kind = entOrg // "analysts at Goldman Sachs"
		nc.strong = true
	case d.afterPlacePreposition(nc.r0):
		nc.kind = entPlace // "in El Fasher", "near Kelham"
	case len(words) >= 2 && (lastW == "town" || lastW == "city" || placeLastWords[lastW] || placeFirstWords[firstW]):
		nc.kind = entPlace // "Port Halden", "Almere Haven", "Lelystad Zuid"
	case len(words) >= 2 && d.theBefore(nc.t0) && strings.HasSuffix(lastW, "s") && !strings.HasSuffix(lastW, "ss") &&
		!d.anyKnownFirstName(nc.t0, nc.t1) && !d.wordUse(lastW).lower && !d.ofNameAfter(nc.t1):
		nc.kind = entOrg // "the Doobie Brothers", "the Joint Chiefs": a band, a team, a body
	case len(words) >= 2 && d.isDemonym(lastW) && nc.title == "" && !d.anyKnownFirstName(nc.t0, nc.t1):
		nc.kind, nc.strong = entMisc, true // "Northern European", "Lithuanian Americans": people by origin
	case len(words) >= 2 && d.notPersonName(nc, words):
		nc.kind = entMisc // "Tuft Cells", "Stadia Pro"
		nc.strong = true
	case len(words) >= 2 && d.theBefore(nc.t0) && !d.anyKnownFirstName(nc.t0, nc.t1):
		// "the Big Bang", "The Daily Beast": no person's name takes "the".
		// One that reports or is cited is an outlet or a body; the rest
		// are events, eras and titles.
		nc.kind, nc.strong = entMisc, true
		if d.reportsOrCited(nc.r0, nc.t1) {
			nc.kind = entOrg
		}
	case len(words) >= 2:
		nc.kind = entPerson
	default:
		// A single unknown word: an organisation, a town or a person named
		// once. It is listed only if it acts or speaks.
		nc.kind = entOrg
		nc.unknown = true
		if lx.common[firstW] {
			nc.kind = entMisc
		}
	}
	return nc, true
}

// nonActorWords are capitalised or abbreviated common words and things
// that a run may consist of but that never act in a story.
var nonActorWords = map[string]bool{
	"tv": true, "vr": true, "ar": true, "ai": true, "ok": true, "okay": true, "suv": true, "suvs": true, "x-ray": true,
	"x-rays": true, "dna": true, "rna": true, "gps": true, "pc": true, "pcs": true, "usb": true, "hd": true, "led": true,
	"lcd": true, "gdp": true, "ipo": true, "etf": true, "nft": true, "ev": true, "evs": true, "hiv": true, "aids": true,
	"sars": true, "mers": true, "covid": true, "mri": true, "icu": true, "er": true, "phd": true, "mba": true, "faq": true,
	"pdf": true, "url": true, "api": true, "atm": true, "pin": true, "id": true, "ids": true, "tba": true, "am": true,
	"pm": true, "a.m": true, "p.m": true, "ceo": true, "cfo": true, "coo": true, "cto": true, "vip": true, "diy": true,
	"asap": true, "fyi": true, "lol": true, "omg": true, "ufo": true, "ufos": true, "wi-fi": true, "wifi": true,
	"ps": true, "pr": true, "hr": true, "it": true, "bc": true, "ad": true, "ce": true, "bce": true, "usd": true,
	"eur": true, "gbp": true, "mph": true, "kph": true, "km": true, "kg": true, "co2": true, "lgbt": true, "lgbtq": true,
	"rsvp": true, "tbd": true, "eta": true, "q&a": true, "4k": true, "3d": true, "5g": true, "4g": true,
	// US states' postal codes, written after a town: places, never actors
	"al": true, "ak": true, "az": true, "ca": true, "co": true, "ct": true, "de": true, "fl": true, "ga": true,
	"hi": true, "ia": true, "id.": true, "il": true, "in": true, "ks": true, "ky": true, "la": true, "ma": true,
	"md": true, "me": true, "mi": true, "mn": true, "mo": true, "ms": true, "mt": true, "nc": true, "nd": true,
	"ne": true, "nh": true, "nj": true, "nm": true, "nv": true, "ny": true, "oh": true, "or": true, "pa": true,
	"ri": true, "sc": true, "sd": true, "tn": true, "tx": true, "ut": true, "va": true, "vt": true, "wa": true,
	"wi": true, "wv": true, "wy": true, "dc": true,
	// and their AP abbreviations
	"ala": true, "ariz": true, "ark": true, "calif": true, "colo": true, "conn": true, "del": true, "fla": true,
	"ill": true, "ind": true, "kan": true, "md.": true, "mass": true, "mich": true, "minn": true,
	"miss": true, "neb": true, "nev": true, "okla": true, "ore": true, "penn": true, "tenn": true, "wash": true,
	"wis": true, "wyo": true, "w.va": true,
}

// isPartyStateTag reports "R-Ohio", "D-Calif.", "I-Vt.", "R-W.Va.".
func isPartyStateTag(s string) bool {
	if len(s) < 4 || s[1] != '-' || !strings.ContainsRune("RDI", rune(s[0])) || s[2] < 'A' || s[2] > 'Z' {
		return false
	}
	return !strings.ContainsFunc(s[3:], func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
}

// productWords end the names of products and editions: "Stadia Pro",
// "Chromecast Ultra", "Galaxy S Plus".
var productWords = map[string]bool{
	"pro": true, "ultra": true, "max": true, "plus": true, "mini": true, "lite": true, "edition": true,
	"premium": true, "deluxe": true, "classic": true, "console": true, "headset": true, "subscription": true,
}

// anyKnownFirstName reports a known first name among tokens [a, b).
func (d *doc) anyKnownFirstName(a, b int) bool {
	for k := a; k < b; k++ {
		if isKnownFirstName(d.lx, d.toks[k].low) {
			return true
		}
	}
	return false
}

// notPersonName reports a run of several words, none of them a known
// first name, that cannot be a person's name: one ending in a product
// word, or one whose last word the text also writes in lower case ("Tuft
// Cells" beside "tuft cells"), which surnames never are.
func (d *doc) notPersonName(nc nameCand, words []string) bool {
	if nc.title != "" || nc.honorific != genderUnknown || d.anyKnownFirstName(nc.t0, nc.t1) {
		return false
	}
	last := words[len(words)-1]
	if productWords[last] {
		return true
	}
	if d.toks[nc.t1-1].upper {
		return false
	}
	use := d.wordUse(last)
	return use.lower && len(last) > 3
}

// ofNameAfter reports "of" and a capitalised word after token k: the run
// before it is a piece of a longer name ("the Joint Chiefs of Staff").
func (d *doc) ofNameAfter(k int) bool {
	return k+1 < len(d.toks) && d.toks[k].low == "of" && (d.toks[k+1].cap || d.toks[k+1].low == "the" && k+2 < len(d.toks) && d.toks[k+2].cap)
}

// surnameLikePronoun reports "He Jianxiong": the surname He before a
// given name nothing else explains, where "He" is no pronoun.
func (d *doc) surnameLikePronoun(k, end int) bool {
	if d.toks[k].text != "He" || end-k != 2 {
		return false
	}
	n := d.toks[k+1]
	if n.upper || d.lx.common[n.low] || isKnownFirstName(d.lx, n.low) || d.isCountryWord(n.low) || d.isKnownOrgWord(n.low) ||
		d.lx.titleCore[stripDot(n.low)] || d.lx.monthDay[stripDot(n.low)] {
		return false
	}
	if _, verb := d.lx.verbs[n.low]; verb {
		return false
	}
	return !d.wordUse(n.low).lower
}

// reportsOrCited reports a name [r0, t1) followed by a reporting verb
// ("The Daily Beast reported") or cited as a source ("according to the
// Daily Beast", "told the Daily Beast", "was reported by the Daily Beast").
func (d *doc) reportsOrCited(r0, t1 int) bool {
	k := t1
	for k < len(d.toks) && d.toks[k].kind == tokWord && adverbsBeforeVerb[d.toks[k].low] {
		k++
	}
	if k < len(d.toks) && d.toks[k].kind == tokWord {
		if vi, ok := d.lx.verbs[d.toks[k].low]; ok && vi.class.isCue() {
			return true
		}
	}
	// "according to the X", "told the X", "reported by the X"
	if b := r0 - 2; b >= 0 && d.toks[r0-1].low == "the" {
		if d.toks[b].low == "told" || d.toks[b].low == "by" || d.toks[b].low == "to" && b > 0 && d.toks[b-1].low == "according" {
			return true
		}
	}
	return false
}

// isDemonym reports a nationality word, singular or plural.
func (d *doc) isDemonym(w string) bool {
	for _, f := range []string{w, strings.TrimSuffix(w, "s")} {
		if cf, ok := d.lx.countryForms[f]; ok && cf.kind == formDemonym {
			return true
		}
	}
	return false
}

// openingGerund reports "Hosting" in "Hosting Cook at the White House":
// a verb's -ing form opening the sentence before a name, never written
// in capitals inside a sentence, so no surname ("Manning").
func (d *doc) openingGerund(k int) bool {
	w := d.toks[k].low
	if !strings.HasSuffix(w, "ing") || len(w) < 6 || isKnownFirstName(d.lx, w) || d.toks[k].upper || d.wordUse(w).midCaps {
		return false
	}
	if vi, ok := d.lx.verbs[w]; ok && vi.form == formIng {
		return true
	}
	stem := strings.TrimSuffix(w, "ing")
	return d.lx.common[stem] || d.lx.common[stem+"e"] || d.wordUse(stem).lower || d.wordUse(stem+"s").lower
}

// theBefore reports "the" just before token k, in its sentence.
func (d *doc) theBefore(k int) bool {
	return k > 0 && d.toks[k-1].low == "the" && d.toks[k-1].sent == d.toks[k].sent
}

// ordinaryCompound reports a hyphenated word made of ordinary words
// ("Singer-guitarist", "Long-time"): capitalised at a sentence's start,
// it is not part of the name after it.
func (d *doc) ordinaryCompound(w string) bool {
	if !hasHyphen(w) {
		return false
	}
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‐' || r == '‑' })
	for i, p := range parts {
		sg := strings.TrimSuffix(p, "s")
		_, role := d.lx.roleNouns[sg]
		// an agent noun after an ordinary first part: "singer-guitarist"
		agent := i > 0 && (strings.HasSuffix(sg, "ist") || strings.HasSuffix(sg, "er") || strings.HasSuffix(sg, "or") || strings.HasSuffix(sg, "ian"))
		if !d.lx.common[p] && !role && !d.lx.roleNouns2(sg) && !agent && !d.wordUse(p).lower {
			return false
		}
	}
	return len(parts) > 1
}

// commonOpener reports a capitalised word opening its sentence that reads
// as an ordinary one by its form: an adverb ("Originally, ...",
// "Separately"), a participle before its complement ("Rebranded to",
// "Founded in") or a plural noun before a preposition ("Tickets for"),
// written nowhere else in capitals.
func (d *doc) commonOpener(k int) bool {
	t := d.toks[k]
	w := t.low
	if t.upper || isKnownFirstName(d.lx, w) || d.isCountryWord(w) || d.isKnownOrgWord(w) || k+1 >= len(d.toks) {
		return false
	}
	if d.wordUse(w).midCaps {
		return false
	}
	n := d.toks[k+1]
	if n.sent != t.sent {
		return false
	}
	afterPrep := n.kind == tokWord && (prepositions[n.low] || n.low == "to")
	for _, suf := range adverbSuffixes {
		if strings.HasSuffix(w, suf) && len(w) >= len(suf)+3 {
			return n.kind == tokPunct && n.text == "," || n.kind == tokWord && !n.cap
		}
	}
	if strings.HasSuffix(w, "ed") && len(w) >= 6 {
		return afterPrep || n.kind == tokPunct && n.text == ","
	}
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) >= 5 && d.wordUse(w).count == 1 {
		// "Proponents argue", "Scholars say": a plural agent noun written
		// once; a surname ending so ("Sanders") is named again
		for _, suf := range agentPlurals {
			if strings.HasSuffix(w, suf) && len(w) >= len(suf)+3 {
				return true
			}
		}
		return afterPrep && n.low != "to"
	}
	return false
}

// agentPlurals end plural nouns for kinds of people.
var agentPlurals = []string{"ents", "ists", "ians", "ars", "ors", "ics", "ees"}

// adverbSuffixes end adverbs and almost no names.
var adverbSuffixes = []string{"ally", "ately", "ously", "ively", "edly", "ingly", "fully", "ently", "antly", "ably", "ibly", "arly", "lessly"}

// clubPrefixes open sports clubs' names.
var clubPrefixes = map[string]bool{
	"sporting": true, "real": true, "dynamo": true, "dinamo": true, "olympique": true, "afc": true, "fc": true,
	"atletico": true, "atlético": true, "racing": true, "deportivo": true, "olympiacos": true, "sc": true,
	"ac": true, "ssc": true, "rc": true, "cd": true, "cf": true, "sv": true, "vfb": true,
	"vfl": true, "tsg": true, "rb": true, "psv": true, "spartak": true, "lokomotiv": true, "ud": true,
}

// shopHeads follow an owner's possessive in a shop's name ("Ferraro's Market").
var shopHeads = map[string]bool{
	"market": true, "store": true, "stores": true, "bakery": true, "kitchen": true, "cafe": true, "café": true,
	"restaurant": true, "pharmacy": true, "garage": true, "diner": true, "deli": true, "grill": true,
	"supermarket": true, "books": true, "bookshop": true, "hardware": true, "pizzeria": true, "tavern": true,
	"pub": true, "bar": true, "shop": true, "farm": true, "dairy": true, "brewery": true, "furniture": true,
}

// preNameWords open sentences before a name without being part of it.
var preNameWords = map[string]bool{
	"former": true, "ex": true, "then": true, "current": true, "rival": true, "fellow": true, "late": true,
	"outgoing": true, "incoming": true, "veteran": true, "embattled": true, "beleaguered": true, "struggling": true,
	"troubled": true, "ousted": true, "disgraced": true, "jailed": true, "acting": true, "interim": true,
}

// isCampaignVerb reports a base-form verb that opens campaign names.
func isCampaignVerb(lx *lexicon, w string) bool {
	switch w {
	case "save", "stop", "protect", "keep", "defend", "fight", "reclaim", "restore", "ban", "end", "free", "justice",
		"hands", "scrap", "halt", "fix", "repeal", "axe":
		return !isKnownFirstName(lx, w)
	}
	return false
}

// orgBeforeConnector reports a name whose part before its first "of" or
// "for" ends with an organisation word ("... Office for ...").
func orgBeforeConnector(lx *lexicon, words []string) bool {
	for i, w := range words {
		if w == "of" || w == "for" {
			return i > 0 && (lx.orgLast[words[i-1]] || lx.orgHead[words[i-1]]) && !lx.titleCore[words[i-1]]
		}
	}
	return false
}

// ordinaryWord reports a sentence-initial word the tables know as an
// ordinary noun or verb, or that the text writes in lower case, and that
// the text never capitalises inside a sentence.
func (d *doc) ordinaryWord(k int) bool {
	t := d.toks[k]
	w := t.low
	if t.upper || isKnownFirstName(d.lx, w) || d.isCountryWord(w) || d.isKnownOrgWord(w) {
		return false
	}
	use := d.wordUse(w)
	if use.midCaps {
		return false
	}
	if use.lower {
		return true
	}
	_, verb := d.lx.verbs[w]
	_, role := d.lx.roleNouns[w]
	return verb || role || d.lx.orgNouns[w] || d.lx.groupNouns[w] || d.lx.docNouns[w] || d.lx.speechNouns[w] ||
		d.lx.orgNouns[strings.TrimSuffix(w, "s")] || d.lx.roleNouns2(strings.TrimSuffix(w, "s"))
}

// onceBeforeNoun reports an unknown capitalised word that opens its
// sentence, appears nowhere else, and modifies the lower-case word after
// it ("Dock strike widens"), where a name would be followed by its verb.
func (d *doc) onceBeforeNoun(k int) bool {
	t := d.toks[k]
	if t.upper || isKnownFirstName(d.lx, t.low) || d.isCountryWord(t.low) || d.isKnownOrgWord(t.low) || k+1 >= len(d.toks) {
		return false
	}
	if d.wordUse(t.low).count > 1 {
		return false
	}
	n := d.toks[k+1]
	if n.kind != tokWord || n.cap || n.sent != t.sent || d.lx.aux[n.low] || adverbsBeforeVerb[n.low] || strings.HasSuffix(n.low, "ly") {
		return false
	}
	if vi, ok := d.lx.verbs[n.low]; ok && (vi.form == formPast || vi.class == classSay) {
		return false // "Kessler said", "Nordvik raised"
	}
	if _, pron := pronouns[n.low]; pron || prepositions[n.low] || conjunctions[n.low] || relativeWords[n.low] {
		return false
	}
	return true
}

// wordInfo is what the text shows of one word's use.
type wordInfo struct {
	count   int32
	lower   bool // written in lower case somewhere
	midCaps bool // capitalised inside a sentence somewhere
}

// wordScanLimit is how many words wordUse scans the text for one by one
// before it indexes every word at once: a news story asks about a few
// sentence-opening words, a pathological text about thousands.
const wordScanLimit = 32

// wordUse reports how the text uses the folded word w.
func (d *doc) wordUse(w string) wordInfo {
	if info, ok := d.words[w]; ok || d.wordsAll {
		return info
	}
	if d.words == nil {
		d.words = map[string]wordInfo{}
	}
	if len(d.words) >= wordScanLimit {
		clear(d.words)
		for i := range d.toks {
			if t := &d.toks[i]; t.kind == tokWord && !t.dateline {
				d.words[t.low] = d.noteWord(d.words[t.low], i)
			}
		}
		d.wordsAll = true
		return d.words[w]
	}
	var info wordInfo
	for i := range d.toks {
		if t := &d.toks[i]; t.kind == tokWord && !t.dateline && t.low == w {
			info = d.noteWord(info, i)
		}
	}
	d.words[w] = info
	return info
}

// noteWord adds the use of the word at token i to info.
func (d *doc) noteWord(info wordInfo, i int) wordInfo {
	t := &d.toks[i]
	info.count++
	switch {
	case !t.cap && !t.upper:
		info.lower = true
	case i > 0 && d.toks[i-1].sent == t.sent && d.toks[i-1].kind == tokWord && !(d.headline && t.para == 0) &&
		!d.afterLooseAbbr(i) && !d.isSubhead(t.para):
		info.midCaps = true
	}
	return info
}

// afterLooseAbbr reports a word after an abbreviation that is no title
// ("et al. Hibernation and ..."): a sentence may start there unseen.
func (d *doc) afterLooseAbbr(i int) bool {
	p := d.toks[i-1]
	if !p.abbr {
		return false
	}
	w := stripDot(p.low)
	_, role := d.lx.roleNouns[w]
	_, title := d.lx.titleWords[w]
	return !isHonorific(d.lx, w) && !title && !role
}

// modifiesNoun reports whether token k is a lower-case noun that a
// capitalised word before it would modify: not a verb, auxiliary,
// preposition, pronoun or adverb.
func (d *doc) modifiesNoun(k int) bool {
	if k >= len(d.toks) {
		return false
	}
	t := d.toks[k]
	if t.kind != tokWord || t.cap {
		return false
	}
	if _, isVerb := d.lx.verbs[t.low]; isVerb {
		return false
	}
	if _, isPron := pronouns[t.low]; isPron {
		return false
	}
	if d.lx.aux[t.low] || prepositions[t.low] || conjunctions[t.low] || relativeWords[t.low] || adverbsBeforeVerb[t.low] ||
		strings.HasSuffix(t.low, "ly") || strings.HasSuffix(t.low, "ed") {
		return false
	}
	return true
}

// endsInPlace: the run ends with a known place, region or country and
// begins with a compass word or "Greater" ("North Darfur").
func (d *doc) endsInPlace(a, b int) bool {
	if b-a < 2 {
		return false
	}
	switch d.toks[a].low {
	case "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater",
		"upper", "lower", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
		"south-east", "south-west", "new":
	default:
		return false
	}
	rest := d.fold(d.span(a+1, b))
	_, isCountry := d.lx.countryForms[rest]
	return isCountry || d.lx.regions[rest] || d.lx.cities[rest]
}

// afterWorkplaceAt: "an analyst at X", "officials at X": X is where they
// work, an organisation.
func (d *doc) afterWorkplaceAt(r0 int) bool {
	if r0 < 2 || d.toks[r0-1].low != "at" || d.toks[r0-1].sent != d.toks[r0].sent {
		return false
	}
	w := d.toks[r0-2].low
	_, role := d.lx.roleNouns[w]
	return role || d.lx.groupNouns[w] || d.lx.roleNouns[strings.TrimSuffix(w, "s")] != genderUnknown
}

// afterPlacePreposition: a name right after "in", "at", "near", "from" or
// "city of" names a place unless something says otherwise.
func (d *doc) afterPlacePreposition(r0 int) bool {
	if r0 == 0 {
		return false
	}
	p := d.toks[r0-1]
	if p.sent != d.toks[r0].sent {
		return false
	}
	switch p.low {
	case "in", "near", "from", "outside", "across", "around", "towards", "toward", "via":
		return true
	case "of":
		if r0 >= 2 {
			switch d.toks[r0-2].low {
			case "city", "town", "village", "province", "region", "state", "county", "district", "island", "port", "suburb":
				return true
			}
		}
	case ",":
		// "of Norton Road, Kelham," - an address
		if r0 >= 2 && streetWords[d.toks[r0-2].low] {
			return true
		}
	}
	return false
}

func isHonorific(lx *lexicon, w string) bool { _, ok := lx.honorifics[w]; return ok }

func isKnownFirstName(lx *lexicon, w string) bool { _, ok := lx.firstNames[w]; return ok }

func containsAny(words []string, ws ...string) bool {
	for _, w := range words {
		for _, x := range ws {
			if w == x {
				return true
			}
		}
	}
	return false
}

// lookupFixed classifies a run found whole in a table.
func (d *doc) lookupFixed(text string, nc *nameCand) bool {
	key := d.fold(text)
	exactOK := func() bool {
		if !d.lx.exactCase[key] {
			return true
		}
		for _, r := range text {
			if unicode.IsLower(r) {
				return false
			}
		}
		return true
	}
	if cf, ok := d.lx.countryForms[key]; ok && exactOK() {
		nc.kind = entCountry
		nc.countryID = cf.id
		nc.cform = cf.kind
		nc.strong = true
		return true
	}
	if id, ok := d.lx.knownOrgForms[key]; ok && exactOK() {
		nc.kind = entOrg
		nc.knownOrg = id
		nc.strong = true
		return true
	}
	if d.lx.regions[key] || d.lx.cities[key] {
		nc.kind = entPlace
		nc.strong = true
		return true
	}
	return false
}

// entityTable builds entities and mentions.
type analysis struct {
	// ctx is the caller's, kept for the one Brief call this analysis
	// serves, so the stages' loops can stop when it is done.
	ctx   context.Context
	steps int // loop steps since the start, for checkpoint
	*doc
	ents     []entity
	ments    []mention
	mentAt   []int            // for each token, the longest mention starting there, or -1
	mentEnd  []int            // for each token, the longest mention ending just before it, or -1
	lastPos  []int            // per entity, where the reading pass last saw it
	headLast map[string]int   // per description head, the entity it last named
	entWords map[string][]int // name word -> entities whose name has it
	parts    map[string][]int // surname, given name, name prefix, last word or acronym -> entities of several words it may stand for
	roleIdx  map[string][]int // title or role word -> people holding it; unnamed speakers by head
	orgs     []int            // organisations with names of several words, for acronyms
	allOrgs  []int            // every organisation, for "the company", "the club"
	byKey    map[string]int
	acts     []act
	credits  []credit
	qnorm    []string         // normalised quote texts
	qwords   map[string][]int // word -> credited quotes holding it
	speeches []speech         // credited quotes and reporting verbs, in reading order
	actAt    map[int]int      // verb token -> act
	title    string
	theName  map[int]bool // actors the text names with "the" before them
}

func (an *analysis) newEntity(kind entKind, name string, first int) int {
	e := entity{kind: kind, name: name, key: an.fold(name), countryID: -1, affiliation: -1, merged: -1, firstTok: first, roleTok: -1, nationality: -1}
	e.words = make([]string, 0, countFields(e.key))
	for w := range strings.FieldsSeq(e.key) {
		e.words = append(e.words, w)
	}
	if kind == entPerson && len(e.words) > 0 {
		e.given = e.words[0]
		e.surname = e.words[len(e.words)-1]
		// "Aoife Ní Bhriain", "Ciarán Mac Giolla": the surname starts at its particle.
		for k := 1; k < len(e.words)-1; k++ {
			if surnameParticles[e.words[k]] {
				e.surname = strings.Join(e.words[k:], " ")
				break
			}
		}
	}
	an.ents = append(an.ents, e)
	id := len(an.ents) - 1
	if an.entWords == nil {
		an.entWords = map[string][]int{}
	}
	for _, w := range e.words {
		an.entWords[w] = append(an.entWords[w], id)
	}
	an.indexParts(id)
	if kind == entOrg && len(e.words) > 1 {
		an.orgs = append(an.orgs, id)
	}
	if kind == entOrg {
		an.allOrgs = append(an.allOrgs, id)
	}
	if _, ok := an.byKey[e.key]; !ok && e.key != "" {
		an.byKey[e.key] = id
	}
	return id
}

func (an *analysis) root(id int) int {
	for id >= 0 && an.ents[id].merged >= 0 {
		id = an.ents[id].merged
	}
	return id
}

func (an *analysis) addAlias(id int, form string) {
	form = strings.TrimSpace(form)
	if form == "" || id < 0 {
		return
	}
	e := &an.ents[id]
	f := an.fold(form)
	if f == e.key || f == "the "+e.key {
		return
	}
	for _, a := range e.aliases {
		if an.fold(a) == f {
			return
		}
	}
	e.aliases = append(e.aliases, form)
}

// findNames extracts name candidates in reading order and merges them into
// entities, adding one mention per name.
func (an *analysis) findNames() {
	// Every run holds a capitalised word: their count bounds the runs, so
	// the list is allocated once, not grown step by step on a long text.
	caps := 0
	for i := range an.toks {
		if an.toks[i].cap {
			caps++
		}
	}
	cands := make([]nameCand, 0, caps)
	titleCase := an.titleCaseHeadline()
	subheads := an.subheads()
	var runs []chunk
	for _, s := range an.sents {
		an.checkpoint()
		if titleCase && s.para == 0 || subheads[s.para] {
			continue // matched against the body's names below
		}
		runs = an.nameRuns(s, runs)
		for _, c := range runs {
			if nc, ok := an.classifyRun(c); ok {
				cands = append(cands, nc)
			}
		}
	}
	// Context evidence and roles from the words around each run.
	for i := range cands {
		an.contextEvidence(&cands[i])
	}
	// Pass 1: names that stand on their own (several words, or from a table).
	candEnt := make([]int, len(cands))
	standAlone := 0
	for i := range candEnt {
		candEnt[i] = -1
		if nc := &cands[i]; nc.t1-nc.t0 >= 2 || nc.knownOrg >= 0 {
			standAlone++
		}
	}
	// At most one entity per name standing alone, a few for the rest.
	an.ents = slices.Grow(an.ents, standAlone+(len(cands)-standAlone)/4)
	an.ments = slices.Grow(an.ments, len(cands)+len(an.toks)/16)
	for i, nc := range cands {
		an.checkpoint()
		if nc.t0 >= nc.t1 {
			continue
		}
		if nc.kind == entCountry {
			candEnt[i] = an.countryEntity(nc.countryID, nc.t0)
			continue
		}
		n := nc.t1 - nc.t0
		if n >= 2 || nc.knownOrg >= 0 || nc.strong && (nc.kind == entPlace || nc.kind == entOrg) {
			if an.matchesExistingPart(nc) >= 0 {
				continue // "Mac Giolla" after "Ciarán Mac Giolla": pass 2
			}
			name := an.nameText(nc.t0, nc.t1)
			if nc.knownOrg >= 0 {
				name = an.lx.knownOrgs[nc.knownOrg].name
			}
			key := an.fold(name)
			id, ok := an.byKey[key]
			if !ok {
				id = an.newEntity(nc.kind, name, nc.r0)
				if nc.knownOrg >= 0 {
					an.ents[id].platform = an.lx.knownOrgs[nc.knownOrg].platform
				}
				an.ents[id].weak = !nc.strong
				an.ents[id].unknown = nc.unknown
			}
			if nc.title != "" && an.ents[id].title == "" {
				an.ents[id].title = nc.title // pass 2 tells people apart by title
			}
			candEnt[i] = id
			// "(OCHA)" after a name is its acronym.
			if t := nc.t1; t+2 < len(an.toks) && an.toks[t].text == "(" && an.toks[t+2].text == ")" && isAcronymWord(an.toks[t+1]) &&
				an.ents[id].kind != entPerson && an.ents[id].acronym == "" {
				an.ents[id].acronym = an.toks[t+1].low
				an.addPart(an.ents[id].acronym, id)
				an.ents[id].acronymForm = an.toks[t+1].text
			}
		}
	}
	// Pass 2, in reading order: single words and partial names join what
	// they are part of, preferring the entity seen most recently.
	lastSeen := map[int]int{}
	placeVotes := map[int]int{}
	otherKind := map[int]bool{}
	for i, nc := range cands {
		an.checkpoint()
		if candEnt[i] >= 0 {
			lastSeen[candEnt[i]] = nc.r0
			continue
		}
		if nc.t0 >= nc.t1 {
			continue
		}
		id := an.matchPart(nc, lastSeen)
		if id < 0 {
			name := an.nameText(nc.t0, nc.t1)
			var ok bool
			id, ok = an.byKey[an.fold(name)]
			if !ok {
				id = an.newEntity(nc.kind, name, nc.r0)
				an.ents[id].weak = !nc.strong
				an.ents[id].unknown = nc.unknown
			}
		}
		candEnt[i] = id
		lastSeen[id] = nc.r0
		switch {
		case nc.kind == entPlace:
			placeVotes[id]++
		case nc.strong:
			otherKind[id] = true
		case nc.kind == entPerson:
			placeVotes[id]-- // a weak guess either way: the majority decides
		}
	}
	// A word nothing classifies that some sentence puts in a place ("spread
	// to Almere", "Almere residents") is a place. Sorted for determinism.
	placeIDs := make([]int, 0, len(placeVotes))
	for id := range placeVotes {
		placeIDs = append(placeIDs, id)
	}
	sort.Ints(placeIDs)
	for _, id := range placeIDs {
		if e := &an.ents[id]; placeVotes[id] > 0 && !otherKind[id] && (e.unknown || e.weak && e.kind == entPerson && !isKnownFirstName(an.lx, e.given)) {
			e.kind, e.unknown = entPlace, false
		}
	}
	for pi := range an.paras {
		if pi == 0 && titleCase || subheads[pi] {
			for _, nc := range an.headlineNames(pi) {
				cands = append(cands, nc.cand)
				candEnt = append(candEnt, nc.ent)
			}
		}
	}
	// Names seen first in part ("Okonkwo" in a headline) join the full name.
	an.mergeParts()
	for i, nc := range cands {
		an.checkpoint()
		id := an.root(candEnt[i])
		kind := mkName
		switch {
		case nc.t0 >= nc.t1:
			// a title alone; resolved later like a description
			m := mention{t0: nc.r0, t1: nc.t1, kind: mkTitle, ent: -1, head: stripDot(an.toks[nc.t1-1].low), definite: true, person: true, possessor: -1}
			an.addMention(m)
			continue
		case nc.kind == entCountry && nc.cform == formDemonym:
			kind = mkDemonym
		case nc.kind == entCountry && nc.cform == formCapital:
			kind = mkCapital
		}
		e := &an.ents[id]
		if nc.title != "" && e.title == "" {
			e.title = nc.title
		}
		if nc.nat >= 0 && e.nationality < 0 && e.kind == entOrg {
			e.nationality = nc.nat
		}
		if nc.corporate {
			e.corporate = true
		}
		if nc.honorific != genderUnknown {
			e.votes[nc.honorific] += 2
		}
		surface := an.nameText(nc.t0, nc.t1)
		if kind == mkName && an.fold(surface) != e.key {
			an.addAlias(id, surface)
		}
		if nc.title != "" && nc.t1-nc.t0 == 1 {
			an.addAlias(id, nc.title+" "+surface)
		}
		an.addMention(mention{t0: nc.r0, t1: nc.t1, kind: kind, ent: id, possessor: -1, resolved: true})
	}
	an.partyTags(cands, candEnt)
}

// partyTags makes "R-Utah" in "Rep. Jason Chaffetz (R-Utah) said" or
// "Sen. Ben Sasse, R-Neb., said" a mention of the lawmaker it follows:
// no actor of its own, but the words before "said" still name him.
func (an *analysis) partyTags(cands []nameCand, candEnt []int) {
	personEnd := map[int]int{} // token after a person's name -> entity
	for i, nc := range cands {
		if nc.t0 < nc.t1 && candEnt[i] >= 0 {
			if id := an.root(candEnt[i]); an.ents[id].kind == entPerson {
				personEnd[nc.t1] = id
			}
		}
	}
	if len(personEnd) == 0 {
		return
	}
	for k := 1; k < len(an.toks); k++ {
		an.checkpoint()
		if an.toks[k].kind != tokWord || !isPartyStateTag(an.toks[k].text) {
			continue
		}
		p := k - 1
		if t := an.toks[p]; t.kind == tokPunct && (t.text == "(" || t.text == ",") {
			p--
		}
		if p < 0 {
			continue
		}
		if id, ok := personEnd[p+1]; ok && an.toks[p].sent == an.toks[k].sent {
			an.addMention(mention{t0: k, t1: k + 1, kind: mkName, ent: id, possessor: -1, resolved: true})
		}
	}
}

// titleCaseHeadline reports a headline written In Title Case, whose
// capitals say nothing about names.
func (d *doc) titleCaseHeadline() bool {
	if !d.headline || len(d.paras) == 0 {
		return false
	}
	p := d.paras[0]
	words, caps := 0, 0
	for k := p.tok0 + 1; k < p.tok1; k++ {
		t := d.toks[k]
		if t.kind == tokWord && len([]rune(t.text)) >= 4 {
			words++
			if t.cap {
				caps++
			}
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// maxSubhead is the most words a subhead or a listing line holds.
const maxSubhead = 20

// subheads marks the body's paragraphs that are subheads, captions or
// listing lines written In Title Case ("A Job for Tuft Cells", "June 3 –
// Port Halden, ME @ Harbour Arena"): short, with no closing period and
// no quote, their capitals say nothing about names, so like a title-case
// headline they only name what the body names.
func (an *analysis) subheads() map[int]bool {
	var out map[int]bool
	for pi := range an.paras {
		if an.isSubhead(pi) {
			if out == nil {
				out = map[int]bool{}
			}
			out[pi] = true
		}
	}
	return out
}

// isSubhead reports one such paragraph. It reads at most 2*maxSubhead
// tokens, so asking it about every token stays linear.
func (d *doc) isSubhead(pi int) bool {
	p := d.paras[pi]
	if pi == 0 || p.tok1-p.tok0 > 2*maxSubhead || p.tok1 <= p.tok0 {
		return false
	}
	words, long, caps := 0, 0, 0
	for k := p.tok0; k < p.tok1; k++ {
		t := d.toks[k]
		switch {
		case t.kind == tokQuote:
			return false
		case t.kind == tokWord:
			words++
			if len(t.text) >= 4 {
				long++
				if t.cap || t.upper {
					caps++
				}
			}
		}
	}
	last := d.toks[p.tok1-1]
	return words <= maxSubhead && long >= 2 && caps*10 >= long*8 && !(last.kind == tokPunct && d.isTerminal(last))
}

type candEntity struct {
	cand nameCand
	ent  int
}

// headlineNames finds, in a title-case headline, the names the body uses
// and those the tables know, longest first.
func (an *analysis) headlineNames(pi int) []candEntity {
	var out []candEntity
	p := an.paras[pi]
	for i := p.tok0; i < p.tok1; i++ {
		if !an.isNameTok(i) {
			continue
		}
		for l := min(6, p.tok1-i); l >= 1; l-- {
			if !an.isNameTok(i + l - 1) {
				continue
			}
			text := an.span(i, i+l)
			nc := nameCand{r0: i, t0: i, t1: i + l, countryID: -1, knownOrg: -1, nat: -1}
			id := -1
			if known, ok := an.byKey[an.fold(text)]; ok && an.ents[known].merged < 0 {
				id = known
			} else if an.lookupFixed(text, &nc) {
				switch {
				case nc.kind == entCountry:
					id = an.countryEntity(nc.countryID, i)
				case nc.knownOrg >= 0:
					id = an.newEntity(entOrg, an.lx.knownOrgs[nc.knownOrg].name, i)
				}
			} else if l == 1 {
				nc.kind = entPerson
				id = an.matchPart(nc, nil)
			}
			if id >= 0 {
				out = append(out, candEntity{nc, id})
				i += l - 1
				break
			}
		}
	}
	return out
}

// matchesExistingPart reports an earlier person whose surname is this
// whole run ("Mac Giolla", "Ní Bhriain").
func (an *analysis) matchesExistingPart(nc nameCand) int {
	if nc.kind != entPerson || nc.t1-nc.t0 > 3 {
		return -1
	}
	key := an.fold(an.nameText(nc.t0, nc.t1))
	for _, id := range an.candidatesFor(key) {
		e := &an.ents[id]
		if e.merged < 0 && e.kind == entPerson && len(e.words) > nc.t1-nc.t0 && e.surname == key {
			return id
		}
	}
	return -1
}

// matchPart finds the entity a single word or partial name stands for.
func (an *analysis) matchPart(nc nameCand, lastSeen map[int]int) int {
	key := an.fold(an.nameText(nc.t0, nc.t1))
	best := -1
	bestScore := -1
	title := an.fold(nc.title)
	for _, id := range an.candidatesFor(key) {
		e := &an.ents[id]
		if e.merged >= 0 || e.key == key {
			continue
		}
		score := -1
		switch e.kind {
		case entPerson:
			if e.surname == key && len(e.words) > 1 {
				score = 3
			} else if e.given == key && len(e.words) > 1 && nc.title == "" {
				score = 1
			}
			if score >= 0 && title != "" {
				if e.title != "" && strings.Contains(an.fold(e.title), lastWord(title)) {
					score += 4
				} else if e.title != "" {
					score -= 2
				}
			}
		case entOrg, entMisc:
			if an.orgPartMatches(e, key) {
				score = 2
			}
		}
		if score < 0 {
			continue
		}
		// Prefer the one mentioned last before this mention.
		if _, seen := lastSeen[id]; seen {
			score++
		}
		if score > bestScore || score == bestScore && best >= 0 && seenAt(lastSeen, id) > seenAt(lastSeen, best) {
			best, bestScore = id, score
		}
	}
	return best
}

// maxPartCandidates bounds how many entities one name part is tried
// against. News never has dozens of people sharing a surname; a text built
// to have 100,000 would otherwise make every mention scan them all.
const maxPartCandidates = 64

// indexParts files an entity of several words under each part a later
// mention may use alone: a person's surname and given name, an
// organisation's word prefixes and last word. Every kind is filed under
// every part, since a kind may still change.
func (an *analysis) indexParts(id int) {
	e := &an.ents[id]
	n := len(e.words)
	if n < 2 {
		return
	}
	if e.surname != "" {
		an.addPart(e.surname, id)
	}
	an.addPart(e.words[0], id)
	an.addPart(e.words[n-1], id)
	pre := e.words[0]
	for k := 1; k < n-1 && k < 6; k++ {
		pre += " " + e.words[k]
		an.addPart(pre, id)
	}
}

func (an *analysis) addPart(key string, id int) {
	if an.parts == nil {
		an.parts = map[string][]int{}
	}
	l := an.parts[key]
	for k := len(l) - 1; k >= 0 && k >= len(l)-8; k-- {
		if l[k] == id {
			return // "Anna Anna", or an acronym filed again
		}
	}
	an.parts[key] = append(l, id)
}

// candidatesFor lists the entities a name part may belong to: those filed
// under it, the latest few, and for an acronym the organisations.
func (an *analysis) candidatesFor(key string) []int {
	out := an.parts[key]
	if len(out) > maxPartCandidates {
		out = out[len(out)-maxPartCandidates:]
	}
	if isAllUpperKey(key) {
		out = append(append([]int(nil), out...), an.orgs[:min(len(an.orgs), 400)]...)
		sortUnique(&out)
	}
	return out
}

func sortUnique(ids *[]int) {
	s := *ids
	sort.Ints(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	*ids = out
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// orgPartMatches: "Nordvik" for "Nordvik Foods", "Marítimo" for "Atlético
// Marítimo", "OCHA" for its full name.
func (an *analysis) orgPartMatches(e *entity, key string) bool {
	if e.acronym != "" && e.acronym == key {
		return true
	}
	n := len(e.words)
	if n < 2 {
		return false
	}
	nkw := countFields(key)
	if nkw >= n {
		return false
	}
	// a prefix followed only by generic organisation words
	if strings.HasPrefix(e.key, key+" ") {
		rest := e.words[nkw:]
		generic := true
		for _, w := range rest {
			if !an.lx.orgLast[w] {
				generic = false
			}
		}
		if generic {
			return true
		}
	}
	// a distinctive last word ("Marítimo"), or a club's suffix used alone
	// ("Rovers", "United")
	if nkw == 1 && e.words[n-1] == key && (!an.lx.orgLast[key] && !an.lx.common[key] || sportsWords[key] || key == "rovers") {
		return true
	}
	// an acronym of the initials, in order
	if nkw == 1 && isAllUpperKey(key) && acronymOf(key, e.words, an.lx) {
		return true
	}
	return false
}

// isAcronymWord reports a short word of capitals, perhaps with a small
// letter or two: "OCHA", "DfE", "MoD".
func isAcronymWord(t token) bool {
	if t.kind != tokWord || t.upper {
		return t.upper
	}
	upper, n := 0, 0
	for _, r := range t.text {
		n++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return n <= 6 && upper >= 2 && t.cap
}

func isAllUpperKey(key string) bool {
	return len(key) >= 2 && len(key) <= 6 && !strings.ContainsAny(key, " ")
}

// acronymOf reports whether acr (folded) can be read off the initials of
// the name's content words, keeping their order and starting with the first.
func acronymOf(acr string, words []string, lx *lexicon) bool {
	acr = strings.ReplaceAll(acr, ".", "")
	var initials []rune
	for _, w := range words {
		if w == "of" || w == "for" || w == "the" || w == "and" || w == "on" || w == "&" {
			continue
		}
		r := []rune(w)
		if !unicode.IsLetter(r[0]) {
			continue // "," in "Culture, Media and Sport", "'s"
		}
		initials = append(initials, r[0])
	}
	ar := []rune(acr)
	if len(ar) < 2 || len(initials) < len(ar) {
		return false
	}
	// The acronym must start with one of the first two words' initials.
	start := -1
	for k := 0; k < len(initials) && k < 3; k++ {
		if initials[k] == ar[0] {
			start = k
			break
		}
	}
	if start < 0 {
		return false
	}
	j := 0
	for k := start; k < len(initials) && j < len(ar); k++ {
		if initials[k] == ar[j] {
			j++
		}
	}
	return j == len(ar) && len(ar)*2 >= len(initials)-start
}

func seenAt(lastSeen map[int]int, id int) int {
	if v, ok := lastSeen[id]; ok {
		return v
	}
	return -1
}

// sentenceInitial reports whether token i is the first word of its
// sentence, of a quote, or of the text after a dateline.
func (d *doc) sentenceInitial(i int) bool {
	s := d.sents[d.toks[i].sent]
	for k := i - 1; k >= s.tok0; k-- {
		t := d.toks[k]
		switch {
		case t.dateline:
			return true
		case t.kind == tokQuote && t.mark >= 0 && d.quotes[t.mark].open == k:
			return true
		case t.kind == tokPunct && (t.text == "(" || t.text == "[" || t.text == ":" || d.isTerminal(t)):
			return true
		}
		return false
	}
	return true
}

// mergeParts folds single-word entities into the fuller name they are part of.
func (an *analysis) mergeParts() {
	for id := range an.ents {
		an.checkpoint()
		e := &an.ents[id]
		if e.merged >= 0 || e.kind == entCountry || e.kind == entPlace {
			continue
		}
		if len(e.words) > 3 {
			continue
		}
		target := -1
		for _, j := range an.candidatesFor(e.key) {
			f := &an.ents[j]
			if j == id || f.merged >= 0 || len(f.words) <= len(e.words) {
				continue
			}
			ok := false
			if f.kind == entPerson && (e.kind == entPerson || e.weak) && (f.surname == e.key || len(e.words) == 1 && f.given == e.key) {
				ok = true
			}
			if (f.kind == entOrg) && (e.kind == entOrg || e.weak || e.kind == entMisc) && an.orgPartMatches(f, e.key) {
				ok = true
			}
			if ok {
				if target >= 0 && an.ents[target].kind == f.kind {
					target = -2 // ambiguous: two people share the surname
					break
				}
				if target < 0 {
					target = j
				}
			}
		}
		if target >= 0 {
			e.merged = target
			an.addAlias(target, e.name)
		}
	}
}

func (an *analysis) countryEntity(cid int, first int) int {
	name := an.lx.countries[cid].name
	key := an.fold(name)
	if id, ok := an.byKey[key]; ok {
		return id
	}
	id := an.newEntity(entCountry, name, first)
	an.ents[id].countryID = cid
	return id
}

// contextEvidence looks at the words around a candidate: "club X",
// "manager Y", "X, 52,", "X, who", "X, which".
func (an *analysis) contextEvidence(nc *nameCand) {
	if nc.t0 >= nc.t1 || nc.kind == entCountry || nc.knownOrg >= 0 {
		return
	}
	lx := an.lx
	// "Irish rival Greenmeadow Dairy", "the Dutch chipmaker X"
	for k, n := nc.r0-1, 0; k >= 0 && n < 4 && an.toks[k].sent == an.toks[nc.r0].sent; k, n = k-1, n+1 {
		t := an.toks[k]
		if t.kind != tokWord {
			break
		}
		if t.cap {
			if cf, ok := lx.countryForms[t.low]; ok && cf.kind == formDemonym && n > 0 {
				nc.nat = cf.id
			}
			break
		}
	}
	if nc.r0 > 0 {
		p := an.toks[nc.r0-1]
		if p.kind == tokWord && !p.cap && p.sent == an.toks[nc.r0].sent {
			if g, ok := lx.roleNouns[p.low]; ok && !lx.orgNouns[p.low] && nc.kind != entOrg {
				nc.kind = entPerson
				nc.strong = true
				nc.title = an.rolePhraseBefore(nc.r0)
				if g != genderUnknown {
					nc.honorific = g
				}
			} else if lx.orgNouns[p.low] && (!nc.strong || nc.kind == entOrg) {
				nc.kind = entOrg
				nc.strong = true
				nc.corporate = companyNouns[p.low] || serviceNouns[p.low]
			}
		}
	}
	// "The state energy company, Valdor Hydro,": a name set beside a
	// description headed by an organisation noun is an organisation's
	if (!nc.strong || nc.kind == entPerson) && nc.title == "" && !an.anyKnownFirstName(nc.t0, nc.t1) {
		if h := an.orgNounBeforeComma(nc.r0); h != "" {
			nc.kind, nc.strong = entOrg, true
			nc.corporate = companyNouns[h] || serviceNouns[h]
		}
	}
	// "Almere residents", "the Almere terminal": a place qualifying a noun;
	// "residents of Almere Haven"
	if (nc.unknown || nc.kind == entPerson && !nc.strong) && (nc.t1 < len(an.toks) && an.toks[nc.t1].kind == tokWord &&
		placeNouns[an.toks[nc.t1].low] || an.afterPlacePreposition(nc.r0) || an.ofPlace(nc.r0)) {
		nc.kind, nc.unknown = entPlace, false
	}
	if nc.t1+2 < len(an.toks) && an.toks[nc.t1].text == "," {
		n := an.toks[nc.t1+1]
		switch {
		case n.kind == tokNum && !strings.ContainsAny(n.text, ".,") && len(n.text) <= 3 && an.toks[nc.t1+2].text == ",":
			if !nc.strong || nc.kind == entPerson {
				nc.kind = entPerson
				nc.strong = true
			}
		case n.low == "who" && !nc.strong:
			nc.kind = entPerson
		case n.low == "which" && !nc.strong && nc.kind != entPlace:
			nc.kind = entOrg // "in Lelystad, which ..." stays a place
		}
	}
}

// orgNounBeforeComma returns the head of "the state energy company," or
// "a Dutch chipmaker," just before token r0, when it is an organisation
// noun and the phrase opens with an article; else "".
func (an *analysis) orgNounBeforeComma(r0 int) string {
	if r0 < 3 || an.toks[r0-1].text != "," {
		return ""
	}
	head := an.toks[r0-2]
	if head.kind != tokWord || head.cap || head.sent != an.toks[r0].sent || !an.lx.orgNouns[head.low] || an.lx.roleNouns2(head.low) {
		return ""
	}
	// the phrase opens its clause: "As an associate at a law firm, X" is
	// no description of X
	for k, n := r0-3, 0; k >= 0 && n < 5 && an.toks[k].sent == head.sent; k, n = k-1, n+1 {
		t := an.toks[k]
		if t.kind != tokWord && t.kind != tokNum || prepositions[t.low] || t.cap && !determiners[t.low] && !an.isCountryWord(t.low) {
			return ""
		}
		if determiners[t.low] {
			if k == an.sents[t.sent].tok0 || an.toks[k-1].kind == tokQuote || an.toks[k-1].dateline {
				return head.low
			}
			return ""
		}
	}
	return ""
}

// placeFirstWords and placeLastWords mark place names of several words
// that no known first name opens: "Port Halden", "Almere Haven".
var placeFirstWords = map[string]bool{
	"port": true, "lake": true, "mount": true, "mt": true, "mt.": true, "fort": true, "cape": true, "isle": true,
	"glen": true, "lower": true, "upper": true, "little": true, "great": true, "east": true, "west": true,
	"north": true, "south": true, "new": true, "old": true, "bad": true, "nieuw": true, "sint": true,
}

var placeLastWords = map[string]bool{
	"haven": true, "heights": true, "springs": true, "falls": true, "beach": true, "bay": true, "harbour": true,
	"harbor": true, "creek": true, "valley": true, "village": true, "island": true, "islands": true, "point": true,
	"ridge": true, "junction": true, "crossing": true, "landing": true, "county": true, "province": true,
	"district": true, "borough": true, "zuid": true, "noord": true, "oost": true, "centrum": true, "estuary": true,
	"peninsula": true, "coast": true, "delta": true, "plains": true, "sound": true, "strait": true, "mountains": true,
}

// placeNouns follow a place name used as a modifier: "Almere residents".
var placeNouns = map[string]bool{
	"residents": true, "mayor": true, "terminal": true, "port": true, "harbour": true, "harbor": true, "airport": true,
	"suburb": true, "district": true, "neighbourhood": true, "neighborhood": true, "area": true, "region": true,
	"town": true, "city": true, "village": true, "villagers": true, "locals": true, "station": true, "county": true,
}

// ofPlace: "residents of X", "the mayor of X", "the outskirts of X".
func (an *analysis) ofPlace(r0 int) bool {
	if r0 < 2 || an.toks[r0-1].low != "of" || an.toks[r0-1].sent != an.toks[r0].sent {
		return false
	}
	switch an.toks[r0-2].low {
	case "residents", "people", "citizens", "mayor", "streets", "outskirts", "centre", "center", "edge", "north", "south",
		"east", "west", "heart", "suburbs", "township", "municipality", "inhabitants", "villagers", "shores", "port":
		return true
	}
	return false
}

// rolePhraseBefore returns the role words ending just before a name:
// "U.S. special envoy", "Harbourside chairman".
func (an *analysis) rolePhraseBefore(nameStart int) string {
	a := nameStart - 1
	for a-1 >= 0 && an.toks[a-1].sent == an.toks[nameStart].sent {
		t := an.toks[a-1]
		if t.kind != tokWord && t.kind != tokPoss || determiners[t.low] || prepositions[t.low] || conjunctions[t.low] ||
			relativeWords[t.low] || an.lx.aux[t.low] || nameStart-a > 5 {
			break // "the FNV, whose leader Marco Teunissen": not "whose leader"
		}
		if vi, ok := an.lx.verbs[t.low]; ok && !t.cap && vi.form != formBase && vi.form != formS {
			break
		}
		a--
	}
	return an.span(a, nameStart)
}

func (an *analysis) addMention(m mention) int {
	if m.t0 < len(an.toks) {
		m.quote = an.toks[m.t0].quote
		m.sent = an.toks[m.t0].sent
	}
	if m.t1 < len(an.toks) && an.toks[m.t1].kind == tokPoss {
		m.poss = true
	}
	an.ments = append(an.ments, m)
	return len(an.ments) - 1
}

// skipAdverbs steps over words like "both" and "also" between a subject and
// its verb.
func (d *doc) skipAdverbs(k int) int {
	for k < len(d.toks)-1 && d.toks[k].kind == tokWord && subjectAdverbs[d.toks[k].low] {
		k++
	}
	return k
}

var subjectAdverbs = map[string]bool{"both": true, "also": true, "each": true, "all": true, "quickly": true, "later": true, "then": true}

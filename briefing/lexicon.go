package briefing

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// gender of a person as far as the text or the tables tell.
type gender uint8

const (
	genderUnknown gender = iota
	genderMale
	genderFemale
)

// verbClass groups verbs by what they say about their subject.
type verbClass uint8

const (
	classNone verbClass = iota
	classSay
	classClaim
	classWant
	classReject
	classWarn
	classSupport
	classPromise
	classLabel
	classAct
)

// isCue reports whether verbs of the class can introduce a quote.
func (c verbClass) isCue() bool { return c >= classSay && c <= classLabel }

// stance names the class as a position's Stance field shows it.
func (c verbClass) stance() string {
	switch c {
	case classSay:
		return "says"
	case classClaim:
		return "claims"
	case classWant:
		return "demands"
	case classReject:
		return "rejects"
	case classWarn:
		return "warns"
	case classSupport:
		return "supports"
	case classPromise:
		return "promises"
	case classLabel:
		return "describes"
	case classAct:
		return "acts"
	}
	return ""
}

// verbForm says which inflection a word is.
type verbForm uint8

const (
	formBase verbForm = iota
	formS
	formPast
	formIng
	formPart // a past participle that differs from the past tense
)

type verbInfo struct {
	base  string
	class verbClass
	form  verbForm
}

// formKind says how a gazetteer form names its country.
type formKind uint8

const (
	formName formKind = iota
	formDemonym
	formCapital
)

type countryForm struct {
	id   int
	kind formKind
}

type country struct {
	name     string
	demonyms []string
}

type knownOrg struct {
	name     string
	platform bool
}

// lexicon holds every table, parsed once by New. It is read-only afterwards,
// which is what makes an Engine safe for concurrent use.
type lexicon struct {
	countries     []country
	countryForms  map[string]countryForm // lower-case form -> country
	exactCase     map[string]bool        // forms that match only as written ("US", "WHO")
	regions       map[string]bool
	cities        map[string]bool
	nonActorHeads map[string]bool
	honorifics    map[string]gender
	titleWords    map[string]gender
	titleCore     map[string]bool
	roleNouns     map[string]gender
	groupNouns    map[string]bool
	stateNouns    map[string]bool
	orgNouns      map[string]bool
	orgInner      map[string]bool
	firstNames    map[string]gender
	verbs         map[string]verbInfo
	pastIsBase    map[string]bool // verbs whose past tense is the base form
	aux           map[string]bool
	speechNouns   map[string]bool
	docNouns      map[string]bool
	orgLast       map[string]bool
	orgHead       map[string]bool
	placeHead     map[string]bool
	knownOrgs     []knownOrg
	knownOrgForms map[string]int
	monthDay      map[string]bool
	abbrevs       map[string]bool
	finalAbbrevs  map[string]bool
	starters      map[string]bool
	common        map[string]bool
	wordFlags     map[string]wordFlags // see buildWordFlags
	intern        map[string]string    // the lexicon's words, to share rather than allocate lower-case forms
}

// roleNouns2 reports a word that is a role noun and not also an
// organisation noun ("rival", "owner" are both).
func (lx *lexicon) roleNouns2(w string) bool {
	_, role := lx.roleNouns[w]
	return role && !lx.orgNouns[w]
}

func newLexicon() *lexicon {
	lx := &lexicon{
		countryForms:  map[string]countryForm{},
		exactCase:     map[string]bool{},
		knownOrgForms: map[string]int{},
	}
	lx.loadCountries()
	lx.regions = wordSet(regionTable)
	lx.cities = wordSet(cityTable)
	lx.nonActorHeads = wordSet(nonActorHeads)
	lx.honorifics = genderSet(honorificTable)
	lx.titleWords = genderSet(titleTable)
	lx.titleCore = wordSet(titleCoreWords)
	lx.roleNouns = genderSet(roleNounTable)
	lx.groupNouns = wordSet(groupNounTable)
	lx.stateNouns = wordSet(stateNouns)
	lx.orgNouns = wordSet(orgNounTable)
	lx.orgInner = wordSet(orgInnerNouns)
	lx.firstNames = map[string]gender{}
	for w := range wordSet(femaleFirstNames) {
		lx.firstNames[w] = genderFemale
	}
	for w := range wordSet(maleFirstNames) {
		if _, dup := lx.firstNames[w]; dup {
			lx.firstNames[w] = genderUnknown // used for both: no signal
			continue
		}
		lx.firstNames[w] = genderMale
	}
	lx.loadVerbs()
	lx.aux = wordSet(auxiliaryWords)
	lx.speechNouns = wordSet(speechNouns)
	lx.docNouns = wordSet(documentNouns)
	lx.orgLast = wordSet(orgLastWords)
	lx.orgHead = wordSet(orgHeadWords)
	lx.placeHead = wordSet(placeHeadWords)
	lx.loadKnownOrgs()
	lx.monthDay = wordSet(monthDayWords)
	lx.abbrevs = wordSet(abbreviations)
	lx.finalAbbrevs = wordSet(sentenceFinalAbbrevs)
	lx.starters = wordSet(sentenceStarters)
	lx.common = wordSet(commonWords)
	lx.buildWordFlags()
	return lx
}

// buildWordFlags answers, once per process, the word-list questions the
// hot scans ask of every token (see doc.flags). A word absent from
// wordFlags is in none of the lists.
func (lx *lexicon) buildWordFlags() {
	lx.wordFlags = map[string]wordFlags{}
	add := func(w string) {
		if _, done := lx.wordFlags[w]; done {
			return
		}
		var f wordFlags
		if prepositions[w] || conjunctions[w] || relativeWords[w] || lx.aux[w] || determiners[w] {
			f |= wfStop
		}
		if lx.common[w] {
			f |= wfCommon
		}
		if determiners[w] {
			f |= wfDet
		}
		if prepositions[w] {
			f |= wfPrep
		}
		if relativeWords[w] {
			f |= wfRel
		}
		if prepositions[w] || conjunctions[w] || relativeWords[w] || lx.aux[w] {
			f |= wfClause
		}
		if lx.stateNouns[w] || lx.groupNouns[w] {
			f |= wfStateGroup
		}
		if lx.isHeadNoun(w) {
			f |= wfHeadNoun
		}
		if _, ok := lx.verbs[w]; ok {
			f |= wfVerb
		}
		lx.wordFlags[w] = f
	}
	for _, m := range []map[string]bool{prepositions, conjunctions, relativeWords, lx.aux, determiners, lx.common,
		lx.groupNouns, lx.orgNouns, lx.docNouns, lx.stateNouns, lx.orgInner} {
		for w := range m {
			add(w)
		}
	}
	for w := range lx.roleNouns {
		add(w)
		add(w + "s") // isHeadNoun's plural rule
	}
	for w := range lx.verbs {
		add(w)
	}
	lx.intern = make(map[string]string, len(lx.wordFlags))
	for w := range lx.wordFlags {
		lx.intern[w] = w
	}
}

// fold is the lookup key of a word or phrase: lower case, typographic
// apostrophes as ASCII, single spaces.
// isFolded reports the strings fold's fast path returns unchanged: ASCII,
// no capitals, no whitespace.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || 'A' <= c && c <= 'Z' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			return false
		}
	}
	return true
}

func fold(s string) string {
	ascii, lower, plain := true, true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			ascii = false
		case 'A' <= c && c <= 'Z':
			lower = false
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			plain = false
		}
	}
	if ascii && lower && plain {
		return s // the common case: one lower-case ASCII word
	}
	if ascii && !plain && plainASCII(s) {
		plain = true // single spaces between words: nothing to collapse
	}
	s = strings.ToLower(s)
	if !ascii && strings.ContainsAny(s, "’ʼ‘") {
		s = apostropheFolder.Replace(s)
	}
	if plain {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

var apostropheFolder = strings.NewReplacer("’", "'", "ʼ", "'", "‘", "'")

// isAcronymForm reports whether a table form is written in capitals only,
// so that it must be matched as written ("US" is not "us").
func isAcronymForm(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 1 && letters <= 6 && !strings.Contains(s, " ")
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' }) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func wordSet(table string) map[string]bool {
	m := map[string]bool{}
	for _, w := range splitList(table) {
		m[fold(w)] = true
	}
	return m
}

// genderSet parses "word g, word g" lists where g is m, f or -.
func genderSet(table string) map[string]gender {
	m := map[string]gender{}
	for _, item := range splitList(table) {
		f := strings.Fields(item)
		g := genderUnknown
		if len(f) > 1 {
			switch f[len(f)-1] {
			case "m":
				g = genderMale
			case "f":
				g = genderFemale
			}
			f = f[:len(f)-1]
		}
		w := fold(strings.Join(f, " "))
		if _, dup := m[w]; !dup {
			m[w] = g
		}
	}
	return m
}

func (lx *lexicon) addCountryForm(form string, id int, kind formKind) {
	form = strings.TrimSpace(form)
	if form == "" {
		return
	}
	key := fold(form)
	if isAcronymForm(form) {
		lx.exactCase[key] = true
	}
	if _, dup := lx.countryForms[key]; dup {
		return // first table entry wins ("Congo")
	}
	lx.countryForms[key] = countryForm{id: id, kind: kind}
}

func (lx *lexicon) loadCountries() {
	for _, line := range strings.Split(countryTable, "\n") {
		cols := strings.Split(line, "|")
		if len(cols) < 4 {
			continue
		}
		name := strings.TrimSpace(cols[0])
		id := len(lx.countries)
		c := country{name: name}
		lx.addCountryForm(name, id, formName)
		for _, a := range strings.Split(cols[1], ",") {
			lx.addCountryForm(a, id, formName)
		}
		for _, d := range strings.Split(cols[2], ",") {
			if d = strings.TrimSpace(d); d != "" {
				c.demonyms = append(c.demonyms, d)
				lx.addCountryForm(d, id, formDemonym)
			}
		}
		for _, cap := range strings.Split(cols[3], ",") {
			lx.addCountryForm(cap, id, formCapital)
		}
		lx.countries = append(lx.countries, c)
	}
	for _, line := range strings.Split(governmentSeatTable, "\n") {
		cols := strings.Split(line, "|")
		if len(cols) != 2 {
			continue
		}
		if cf, ok := lx.countryForms[fold(cols[1])]; ok {
			lx.addCountryForm(cols[0], cf.id, formCapital)
		}
	}
}

func (lx *lexicon) loadKnownOrgs() {
	for _, line := range strings.Split(knownOrgTable, "\n") {
		cols := strings.Split(line, "|")
		if len(cols) != 3 {
			continue
		}
		id := len(lx.knownOrgs)
		o := knownOrg{name: strings.TrimSpace(cols[0]), platform: strings.TrimSpace(cols[2]) == "platform"}
		lx.knownOrgs = append(lx.knownOrgs, o)
		forms := append([]string{o.name}, strings.Split(cols[1], ",")...)
		for _, f := range forms {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			key := fold(f)
			if isAcronymForm(f) {
				lx.exactCase[key] = true
			}
			if _, dup := lx.knownOrgForms[key]; !dup {
				lx.knownOrgForms[key] = id
			}
		}
	}
}

func (lx *lexicon) loadVerbs() {
	lx.verbs = map[string]verbInfo{}
	lx.pastIsBase = map[string]bool{}
	classes := map[string]verbClass{
		"say": classSay, "claim": classClaim, "want": classWant, "reject": classReject,
		"warn": classWarn, "support": classSupport, "promise": classPromise, "label": classLabel,
		"act": classAct,
	}
	add := func(form string, vi verbInfo) {
		if form == "" {
			return
		}
		if _, dup := lx.verbs[form]; !dup {
			lx.verbs[form] = vi
		}
	}
	for _, line := range strings.Split(verbTable, "\n") {
		name, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		class, ok := classes[strings.TrimSpace(name)]
		if !ok {
			continue
		}
		for _, entry := range strings.Fields(rest) {
			parts := strings.Split(entry, "/")
			base := parts[0]
			double := strings.HasSuffix(base, "!")
			base = strings.TrimSuffix(base, "!")
			var s, past, ing, part string
			if len(parts) == 5 {
				s, past, ing, part = parts[1], parts[2], parts[3], parts[4]
			} else {
				s, past, ing = inflect(base, double)
				part = past
			}
			if past == base {
				lx.pastIsBase[base] = true // "cut", "put", "set": past or present by position
			}
			add(base, verbInfo{base, class, formBase})
			add(s, verbInfo{base, class, formS})
			add(past, verbInfo{base, class, formPast})
			add(ing, verbInfo{base, class, formIng})
			if part != past {
				add(part, verbInfo{base, class, formPart})
			}
		}
	}
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// inflect derives the regular forms of an English verb. double asks for the
// final consonant to be doubled (admit -> admitted); one-syllable verbs
// ending consonant-vowel-consonant double by themselves (stop -> stopped).
func inflect(base string, double bool) (s, past, ing string) {
	n := len(base)
	if n == 0 || !utf8.ValidString(base) {
		return base, base, base
	}
	last := base[n-1]
	if !double && n >= 3 && !isVowel(last) && strings.IndexByte("wxy", last) < 0 &&
		isVowel(base[n-2]) && !isVowel(base[n-3]) {
		groups := 0
		for i := 0; i < n; i++ {
			if isVowel(base[i]) && (i == 0 || !isVowel(base[i-1])) {
				groups++
			}
		}
		double = groups == 1
	}
	switch {
	case strings.HasSuffix(base, "s"), strings.HasSuffix(base, "sh"), strings.HasSuffix(base, "ch"),
		strings.HasSuffix(base, "x"), strings.HasSuffix(base, "z"), strings.HasSuffix(base, "o"):
		s = base + "es"
	case last == 'y' && n > 1 && !isVowel(base[n-2]):
		s = base[:n-1] + "ies"
	default:
		s = base + "s"
	}
	switch {
	case last == 'e':
		past = base + "d"
	case last == 'y' && n > 1 && !isVowel(base[n-2]):
		past = base[:n-1] + "ied"
	case double:
		past = base + string(last) + "ed"
	default:
		past = base + "ed"
	}
	switch {
	case strings.HasSuffix(base, "ie"):
		ing = base[:n-2] + "ying"
	case last == 'e' && !strings.HasSuffix(base, "ee") && !strings.HasSuffix(base, "ye") && !strings.HasSuffix(base, "oe"):
		ing = base[:n-1] + "ing"
	case double:
		ing = base + string(last) + "ing"
	default:
		ing = base + "ing"
	}
	return s, past, ing
}

package briefing

import (
	"reflect"
	"testing"
)

var testLexicon = newLexicon()

// quoteTexts returns the text of every quote the scanner finds, in order.
func quoteTexts(text string) []string {
	d := newDoc(testLexicon, text)
	out := []string{}
	for _, q := range d.quotes {
		s, e := q.s, q.e
		if q.close < 0 {
			for e > s && (d.src[e-1] == ' ' || d.src[e-1] == '\t') {
				e--
			}
		}
		out = append(out, string(d.src[s:e]))
	}
	return out
}

func TestQuoteScanner(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"straight double", `"We will win," she said.`, []string{"We will win,"}},
		{"curly double", `“We will win,” she said.`, []string{"We will win,"}},
		{"british single, comma outside", `'We don't walk away lightly', he said.`, []string{"We don't walk away lightly"}},
		{"curly single with apostrophes inside", `‘The boats aren’t here,’ she said.`, []string{"The boats aren’t here,"}},
		{"guillemets", `«Le marché a changé», a-t-elle dit.`, []string{"Le marché a changé"}},
		{"reversed guillemets", `Sie sagte: »Wir bleiben hier.«`, []string{"Wir bleiben hier."}},
		{"german low-high", `Er sagte: „Das ist gut.“`, []string{"Das ist gut."}},
		{"AP's doubled closing single marks close a double quote", `“It was an attempt to mislead,’’ he told the BBC.`, []string{"It was an attempt to mislead,"}},
		{"a plural possessive before a doubled close", `“It is the members’ money’’ she said, “not ours.”`, []string{"It is the members’ money", "not ours."}},
		{"apostrophes are not quotes", `O'Neill said the '90s were the club's best years and the players' union agreed.`, []string{}},
		{"curly apostrophes are not quotes", `O’Neill’s side didn’t lose in the ’90s.`, []string{}},
		{"plural possessive inside a single quote", `'The players' union will decide,' he said.`, []string{"The players' union will decide,"}},
		{"plural possessive outside quotes", `The Farmers' Union and the Supporters' Trust met.`, []string{}},
		{"partial quote mid sentence", `He described the talks as 'a good start'—a cautious view.`, []string{"a good start"}},
		{"several partial quotes", `She called it "cheap" and "unfair" before leaving.`, []string{"cheap", "unfair"}},
		{"nested double in single", `He added: 'She told me, "Leave it with me." Nothing came back.'`,
			[]string{"She told me, \"Leave it with me.\" Nothing came back.", "Leave it with me."}},
		{"nested single in double", `"I told her, 'But the people online said so,'" he said.`,
			[]string{"I told her, 'But the people online said so,'", "But the people online said so,"}},
		{"run-on into next paragraph", "Rahman said: 'The shelters held.\n\n'Recovery will take years.'",
			[]string{"The shelters held.", "Recovery will take years."}},
		{"run-on over three paragraphs", "She said: \"One.\n\"Two.\n\"Three.\"",
			[]string{"One.", "Two.", "Three."}},
		{"unbalanced opening mark stays in its paragraph", "He said \"this never closes\n\nNext paragraph \"is quoted\" here.",
			[]string{"is quoted"}},
		{"stray closing mark", `It rained” all day and "then stopped" later.`, []string{"then stopped"}},
		{"question inside", `"Why now?" she asked.`, []string{"Why now?"}},
		{"quote with several sentences", `"It asks a lot. I think that's the point," she said.`, []string{"It asks a lot. I think that's the point,"}},
		{"elision of a year", `Back in '08 the bank failed.`, []string{}},
		{"curly: apostrophes inside, period inside", `She wrote: ‘Artists don’t pay the bills, Malcolm.’`, []string{"Artists don’t pay the bills, Malcolm."}},
		{"curly: short quote ending a sentence", `He replied: ‘Ask me in September.’ Then he left.`, []string{"Ask me in September."}},
		{"curly: plural possessives before a comma stay inside",
			`‘I say the nurses’, teachers’ and drivers’ patience has run out,’ she said.`,
			[]string{"I say the nurses’, teachers’ and drivers’ patience has run out,"}},
		{"curly: plural possessive inside, closer after a comma",
			`‘The players’ pensions were never ours to cut,’ said Aled Price.`,
			[]string{"The players’ pensions were never ours to cut,"}},
		{"curly: a quote ending in a plural before its cue",
			`‘We back the nurses’, she said. ‘And the porters.’`,
			[]string{"We back the nurses", "And the porters."}},
		{"curly: a closer in s’ followed by a name with a possessive",
			`‘The decision is for the members’, said the Farmers’ Union chairman.`,
			[]string{"The decision is for the members"}},
		{"curly: a closer in s’ with another quote later",
			`He said it was ‘for the workers’. Later he called it ‘a trap’.`,
			[]string{"for the workers", "a trap"}},
		{"curly: possessive before a partial quote", `He said the workers’ rights ‘are not negotiable’.`, []string{"are not negotiable"}},
		{"curly: elisions inside", `‘It’s the ’90s all over again, and we’ll give ’em a fight,’ said Mr Hale.`,
			[]string{"It’s the ’90s all over again, and we’ll give ’em a fight,"}},
		{"curly: rock ’n’ roll", `He called it ‘rock ’n’ roll politics’ and left.`, []string{"rock ’n’ roll politics"}},
		{"curly: a singular name's possessive", `‘Boris’ allies are furious,’ one MP said.`, []string{"Boris’ allies are furious,"}},
		{"curly: a quote ending in a plural, then another", `‘Thanks to the teachers’, she said, ‘the school survived.’`,
			[]string{"Thanks to the teachers", "the school survived."}},
		{"curly double holding curly single",
			`“She told me ‘never again’ and I believed her,” said Ray Bolt.`,
			[]string{"She told me ‘never again’ and I believed her,", "never again"}},
		{"curly single holding curly double",
			`‘When Dana told us “we are on our own”, we believed her.’`,
			[]string{"When Dana told us “we are on our own”, we believed her.", "we are on our own"}},
		{"straight: plural possessive before a comma stays inside",
			`'The bosses' lawyers, the bankers' friends and the owners' accountants all lost,' he said.`,
			[]string{"The bosses' lawyers, the bankers' friends and the owners' accountants all lost,"}},
		{"empty marks ignored", `He said "" and left.`, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := quoteTexts(tc.text)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("quotes of %q\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestQuoteRunOnFlags(t *testing.T) {
	d := newDoc(testLexicon, "A said: 'One.\n\n'Two.'")
	if len(d.quotes) != 2 {
		t.Fatalf("got %d quotes, want 2", len(d.quotes))
	}
	if !d.quotes[0].contNext || d.quotes[0].close != -1 {
		t.Errorf("first quote should run on to the next paragraph: %+v", d.quotes[0])
	}
	if !d.quotes[1].contPrev {
		t.Errorf("second quote should continue the first: %+v", d.quotes[1])
	}
}

func TestTitleLikeQuotes(t *testing.T) {
	tests := []struct {
		text  string
		title bool
	}{
		{`The premiere of "Northern Lights" opened.`, true},
		{`The comedy "Two Weeks in May" closes the festival.`, true},
		{`Tomas "Tommy" Lind spoke.`, true},
		{`He called it "dangerous nonsense".`, false},
		{`"Leave it with me, Declan," she said.`, false},
		{`"Why Now?" she asked.`, false},
		{`He replied: ‘Ask me in September.’`, false},
		{`They called it "Project Fear" again.`, true},
		{`"We Will Win" read the banner.`, true},
		{`Asked if the board must act, he said: 'IMMEDIATELY.'`, false},
		{`“NO,” Matos replied.`, false},
		{`Fans call it the “FORTRESS” now.`, true},
	}
	for _, tc := range tests {
		d := newDoc(testLexicon, tc.text)
		if len(d.quotes) != 1 {
			t.Fatalf("%q: got %d quotes, want 1", tc.text, len(d.quotes))
		}
		if d.quotes[0].title != tc.title {
			t.Errorf("%q: title = %v, want %v", tc.text, d.quotes[0].title, tc.title)
		}
	}
}

package briefing

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

func sentenceTexts(text string) []string {
	d := newDoc(testLexicon, text)
	out := []string{}
	for _, s := range d.sents {
		out = append(out, d.span(s.tok0, s.tok1))
	}
	return out
}

func TestSentenceSplitter(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"two plain sentences", "The vote passed. Councillors cheered.",
			[]string{"The vote passed.", "Councillors cheered."}},
		{"titles do not end sentences", "Mr. Smith met Gen. Alvarez and Dr. Okafor on Jan. 5 at 9 a.m. local time.",
			[]string{"Mr. Smith met Gen. Alvarez and Dr. Okafor on Jan. 5 at 9 a.m. local time."}},
		{"U.S. inside a sentence", "The U.S. military said the U.S. Navy would stay.",
			[]string{"The U.S. military said the U.S. Navy would stay."}},
		{"U.S. ending a sentence", "Talks were held with the U.S. The mood was tense.",
			[]string{"Talks were held with the U.S.", "The mood was tense."}},
		{"initials", "The novel by J. K. Rowling sold well. Critics agreed.",
			[]string{"The novel by J. K. Rowling sold well.", "Critics agreed."}},
		{"decimals and thousands", "Profit rose 4.1 percent to 20,000 euros. Shares fell.",
			[]string{"Profit rose 4.1 percent to 20,000 euros.", "Shares fell."}},
		{"a quote holding several sentences stays whole", `"It asks a lot. I think that's the point," she said. Then she left.`,
			[]string{`"It asks a lot. I think that's the point," she said.`, "Then she left."}},
		{"a quote ending a sentence", `"We will win." Then the crowd cheered.`,
			[]string{`"We will win."`, "Then the crowd cheered."}},
		{"a quote followed by its cue", `"We will win." Tom Adair said.`,
			[]string{`"We will win." Tom Adair said.`}},
		{"a quote followed by a new statement", `"It was slow." She added: "It asks a lot."`,
			[]string{`"It was slow."`, `She added: "It asks a lot."`}},
		{"a split quote then a new statement by others", "“We will not,” the commerce minister said, “back down.” Exporters said the tariffs would hurt.",
			[]string{"“We will not,” the commerce minister said, “back down.”", "Exporters said the tariffs would hurt."}},
		{"a quote then a new clause with a bare verb", "“It is over.” Exporters said prices rose.",
			[]string{"“It is over.”", "Exporters said prices rose."}},
		{"a quote followed by its cue and a time", `"We will win." Tom Adair said on Tuesday.`,
			[]string{`"We will win." Tom Adair said on Tuesday.`}},
		{"a quote followed by its cue and a source", `"We will win." Tom Adair said in a statement.`,
			[]string{`"We will win." Tom Adair said in a statement.`}},
		{"question and exclamation", "Why now? Nobody knows! The end.",
			[]string{"Why now?", "Nobody knows!", "The end."}},
		{"lower case after a period does not split", "The firm, est. in 1990, grew.",
			[]string{"The firm, est. in 1990, grew."}},
		{"newlines are paragraph breaks", "Headline here\nFirst paragraph. Second sentence.\n\nThird paragraph.",
			[]string{"Headline here", "First paragraph.", "Second sentence.", "Third paragraph."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sentenceTexts(tc.text)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("sentences of %q\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestTokensKeepRuneOffsets(t *testing.T) {
	text := "Jürgen Weiß said “ça va” — the café's 6.2 billion euros."
	d := newDoc(testLexicon, text)
	runes := []rune(text)
	for _, tk := range d.toks {
		if string(runes[tk.s:tk.e]) == "" {
			t.Fatalf("empty token at %d", tk.s)
		}
		if tk.kind == tokWord && tk.text != string(runes[tk.s:tk.e]) {
			t.Errorf("token text %q differs from source %q", tk.text, string(runes[tk.s:tk.e]))
		}
	}
	want := []string{"Jürgen", "Weiß", "said", "“", "ça", "va", "”", "—", "the", "café", "'s", "6.2", "billion", "euros", "."}
	var got []string
	for _, tk := range d.toks {
		got = append(got, string(runes[tk.s:tk.e]))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokens\n got %q\nwant %q", got, want)
	}
}

func TestNormalisationDoesNotShiftOffsets(t *testing.T) {
	// "é" written as e + combining acute: NFC would make it one rune, but
	// offsets must still count the runes as given.
	text := "Cafe\u0301 owner Jose\u0301 Ruiz said: \"Open late.\""
	d := newDoc(testLexicon, text)
	if len(d.quotes) != 1 {
		t.Fatalf("got %d quotes, want 1", len(d.quotes))
	}
	q := d.quotes[0]
	if got := string([]rune(text)[q.s:q.e]); got != "Open late." {
		t.Errorf("quote runes = %q, want %q", got, "Open late.")
	}
	if d.toks[0].text != "Café" {
		t.Errorf("token text should be NFC: %q", d.toks[0].text)
	}
	if n := utf8.RuneCountInString(text); q.e > n {
		t.Errorf("offset %d past the text's %d runes", q.e, n)
	}
}

func TestDatelineIsMarked(t *testing.T) {
	d := newDoc(testLexicon, "Headline\n\nPORT HALDEN, Maine - The council voted.")
	var marked []string
	for _, tk := range d.toks {
		if tk.dateline {
			marked = append(marked, tk.text)
		}
	}
	want := []string{"PORT", "HALDEN", ",", "Maine", "-"}
	if !reflect.DeepEqual(marked, want) {
		t.Errorf("dateline tokens %q, want %q", marked, want)
	}
}

func TestNewsFurnitureIsMarked(t *testing.T) {
	tests := []struct {
		line      string
		furniture bool
	}{
		{"By Jane Doe and John Roe, Associated Press", true},
		{"Updated 10:32 a.m. ET", true},
		{"(Photo: Jane Doe/Reuters)", true},
		{"Read more: Trade talks stall as deadline nears", true},
		{"Related: Markets slide on tariff fears", true},
		{"Reporting by Paul Smith in Paris; Editing by Kate Jones", true},
		{"Copyright 2026 The Associated Press. All rights reserved.", true},
		{"This story has been updated.", true},
		{"Updated plans were published by the council on Monday after a long and bitter dispute with residents.", false},
		{"Read the statement, the minister urged.", false},
		{"This story shocked the town.", false},
	}
	for _, tc := range tests {
		d := newDoc(testLexicon, "Headline\n\nThe council voted.\n\n"+tc.line)
		last := d.paras[len(d.paras)-1]
		got := d.toks[last.tok0].dateline
		if got != tc.furniture {
			t.Errorf("%q: furniture = %v, want %v", tc.line, got, tc.furniture)
		}
	}
}

package briefing

import (
	"strings"
	"testing"
)

// statementsOf briefs text and returns the statements of the actor.
func statementsOf(e *Engine, text, actor string) []string {
	b := e.brief(Article{Title: "Test story", Text: text})
	var out []string
	for _, p := range b.Positions {
		if p.Actor == actor {
			out = append(out, p.Statement)
		}
	}
	return out
}

func TestPositions(t *testing.T) {
	e := New()
	tests := []struct {
		name, text, actor string
		want              string // words one statement holds
		not               string // words no statement may hold ("" for none)
	}{
		{"the subject as the article writes it",
			"The U.S. has long demanded that Iran eliminate its nuclear programs. The United States said talks would go on.",
			"United States", "The U.S. has long demanded that Iran eliminate", "United States has long demanded"},
		{"an organisation's name keeps its article",
			"Officials met on Monday. The Musicians’ Guild on Tuesday rejected the offer from the streaming services.",
			"Musicians’ Guild", "The Musicians’ Guild rejected the offer", ""},
		{"a judge's sentence",
			"Victor Lang was convicted in March. Judge Amelia Frost sentenced Lang to six years in prison on Friday.",
			"Amelia Frost", "sentenced Lang to six years in prison", ""},
		{"a board's vote speaks for its organisation",
			"Kessler Bank reported a loss. The bank's board voted last year to claw back the trader's bonus.",
			"Kessler Bank", "board voted last year to claw back", "Kessler Bank voted"},
		{"the board of the company in view",
			"Greenmeadow Dairy said on Monday it had agreed to be bought. The board voted unanimously to recommend the offer to shareholders.",
			"Greenmeadow Dairy", "Greenmeadow Dairy's board voted unanimously", "Greenmeadow Dairy voted"},
		{"a rating cut",
			"Kessler Bank reported a loss. Moody's cut its rating on Kessler Bank to Baa2 in April.",
			"Moody's", "cut its rating on Kessler Bank", ""},
		{"a ruling",
			"The committee approved the estate. The High Court ruled on Thursday that the approval was unlawful.",
			"High Court", "ruled on Thursday that the approval was unlawful", ""},
		{"no dateline in a statement",
			"AMSTERDAM (Reuters) - A strike by dock workers spread to three terminals on Tuesday, the FNV union said.\n\nThe FNV said it would not back down.",
			"FNV", "A strike by dock workers spread", "Reuters"},
		{"a clause inside a noun phrase is not a position",
			"Kessler Bank was fined. Prosecutors said the trader rigged the rates the bank charged small businesses.",
			"Kessler Bank", "", "charged small businesses"},
		{"a split quote is not credited to the next sentence's subject",
			"Trade talks resumed on Monday. “We will not,” the commerce minister said, “back down.” Exporters said the tariffs would hurt.",
			"Exporters", "", "back down"},
		{"a generic noun between two firms is not guessed",
			"Halvorsen Securities cut jobs. Brightwater Capital, which owns a stake in the firm, insisted that the business was sound.",
			"Brightwater Capital", "Brightwater Capital insisted that the business was sound", "Brightwater Capital was sound"},
		{"the firm after two equally close firms is left alone",
			"Kessler Bank and Orion Capital held talks on Monday. The firm said it would cut costs.",
			"Orion Capital", "", "cut costs"},
		{"the company after its own sentence's subject",
			"Apple reported record sales. Apple said the company would expand its plant in Cork.",
			"Apple", "Apple said the company would expand its plant", ""},
		{"the company after the one company just named",
			"Apple reported record sales on Tuesday. The company said it would hire 500 people.",
			"Apple", "Apple said it would hire 500 people", ""},
		{"a reporter's question is not a statement",
			"Vera Holt chairs the Larkfield Trust board. \"NO,\" Holt replied when asked whether she would resign. Asked if the trustees had to act, she said: 'AT ONCE.'",
			"Vera Holt", "", "Asked if the trustees"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := statementsOf(e, tc.text, tc.actor)
			if tc.want != "" {
				found := false
				for _, s := range got {
					found = found || strings.Contains(s, tc.want)
				}
				if !found {
					t.Errorf("no statement of %q holds %q: %q", tc.actor, tc.want, got)
				}
			}
			for _, s := range got {
				if tc.not != "" && strings.Contains(s, tc.not) {
					t.Errorf("statement %q of %q holds %q", s, tc.actor, tc.not)
				}
			}
		})
	}
}

// TestQuotePositionsSayWho: a position made from a quote names its
// speaker; it never just repeats the quote list.
func TestQuotePositionsSayWho(t *testing.T) {
	e := New()
	text := "Unions reject pay offer\n\n" +
		"Union leader Kath Doyle said the offer was too low. \"We will not accept a real-terms pay cut for our members,\" Doyle said.\n\n" +
		"\"Nobody wants a strike. But nobody can live on promises either.\"\n\n" +
		"Doyle added that members would vote next week."
	b := e.brief(Article{Title: firstLine(text), Text: text})
	quotes := map[string]bool{}
	for _, q := range b.Quotes {
		quotes[finishSentence(strings.TrimRight(q.Text, ",;: "))] = true
	}
	n := 0
	for _, p := range b.Positions {
		if p.Actor != "Kath Doyle" {
			continue
		}
		n++
		if quotes[p.Statement] {
			t.Errorf("position %q only repeats a quote", p.Statement)
		}
	}
	if n == 0 {
		t.Errorf("no positions for Kath Doyle: %+v", b.Positions)
	}
}

package briefing

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSummary(t *testing.T) {
	e := New()
	longLead := "The Halden port authority said on Monday that it would close the north quay for repairs, " +
		strings.Repeat("after engineers found cracks in the pilings that had been hidden under decades of silt and old concrete, ", 12) +
		"and ships would dock at the south quay instead."
	tests := []struct {
		name, text string
		prefix     string // the summary starts with this
		not        []string
	}{
		{"a byline with separators first",
			"Council shuts pool\n\nBy Jane Doe · Halden Courier · 3 min read\n\nThe council voted on Monday to close the Elm Street pool, ending a year of protests by swimmers.\n\nThe pool will shut in May.",
			"The council voted on Monday", []string{"·", "Jane Doe"}},
		{"a plain byline and an update line",
			"Council shuts pool\n\nBy Jane Doe and Omar Sayed\n\nUpdated 10:32 a.m. ET\n\nThe council voted on Monday to close the Elm Street pool, ending a year of protests by swimmers.",
			"The council voted on Monday", []string{"Jane Doe", "Updated"}},
		{"a dateline",
			"Bank shares fall\n\nLONDON (Reuters) - Shares in Kessler Bank fell 9% on Friday after Moody's cut its rating, the third downgrade this year.",
			"Shares in Kessler Bank fell", []string{"Reuters", "LONDON"}},
		{"a teaser and a pitch",
			"Port reopens after strike\n\nDaily Digest top business headlines for Nov. 3\n\nDaily Digest top business headlines for Nov. 3 are here. Check out what's moving markets today.\n\nThe port of Halden reopened on Tuesday after a three-day strike by crane drivers ended in a pay deal.",
			"The port of Halden reopened", []string{"Check out", "headlines"}},
		{"a date line",
			"Port reopens after strike\n\nTuesday 3 March 2026 10:42 GMT\n\nThe port of Halden reopened on Tuesday after a three-day strike by crane drivers ended in a pay deal.",
			"The port of Halden reopened", []string{"10:42"}},
		{"a place label before a colon",
			"Port reopens after strike\n\nHalden, Norway: The port of Halden reopened on Tuesday after a three-day strike by crane drivers ended in a pay deal.",
			"The port of Halden reopened", nil},
		{"a short opening goes on into the next paragraph",
			"Kessler back in favour\n\nKessler Bank is back.\n\nShares rose 9% on Monday after the bank settled its long dispute with regulators over rate rigging.\n\nAnalysts were cautious.",
			"Kessler Bank is back. Shares rose 9% on Monday", []string{"Analysts"}},
		{"a full lead stays in its paragraph",
			"Port reopens after strike\n\nThe port of Halden reopened on Tuesday after a three-day strike by crane drivers ended in a pay deal that both sides called fair.\n\nShips queued outside the harbour all morning.",
			"The port of Halden reopened", []string{"Ships queued"}},
		{"control and bidi characters are dropped",
			"Port reopens\n\nThe port of Halden\u202e reopened on Tuesday\u0007 after a three-day strike by crane drivers ended.",
			"The port of Halden reopened on Tuesday after", []string{"\u202e", "\u0007"}},
		{"a lead of one long sentence is cut", "Quay closes\n\n" + longLead, "The Halden port authority said", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := e.Brief(Article{Title: firstLine(tc.text), Text: tc.text}).Summary
			if !strings.HasPrefix(got, tc.prefix) {
				t.Errorf("summary %q, want it to start with %q", got, tc.prefix)
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("summary %q holds %q", got, n)
				}
			}
			if n := utf8.RuneCountInString(got); n > summaryMax {
				t.Errorf("summary of %d characters, at most %d", n, summaryMax)
			}
		})
	}
}

// TestSummaryNeverEmpty: a text with words always has a summary, even when
// nothing in it reads as a lead.
func TestSummaryNeverEmpty(t *testing.T) {
	e := New()
	for _, text := range []string{
		"Headline\n\nBy Jane Doe\n\nPhoto: Omar Sayed",
		"Kindle書籍を読む場合は、パソコンでそのまま読みたい時もあります。",
		"Just one line without a full stop",
	} {
		if got := e.Brief(Article{Title: firstLine(text), Text: text}).Summary; got == "" {
			t.Errorf("empty summary for %q", text)
		}
	}
}

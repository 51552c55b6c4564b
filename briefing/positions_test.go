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
		{"killing a deal is a position",
			"Talks ran all night. The state Senate on Tuesday scuttled the Harwell rail deal, leaving the project without money.",
			"Senate", "scuttled the Harwell rail deal", ""},
		{"shelving a plan is a position",
			"The depot has stood empty since 2019. Governor Ruth Adair shelved her plan to sell the old depot.",
			"Ruth Adair", "shelved her plan to sell the old depot", ""},
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
		{"what was done to an actor is not its position",
			"The trial ended on Thursday. Marek Holt, a former treasurer, was sentenced to five years in prison on Friday. Holt said he would appeal the verdict.",
			"Marek Holt", "appeal the verdict", "sentenced"},
		{"a clause inside someone else's statement is theirs",
			"The line reopened on Monday. Mayor Ilse Varga said Kestrel Rail had cancelled the maintenance contract.",
			"Kestrel Rail", "", "cancelled the maintenance contract"},
		{"an official's words are not the organisation's too",
			"Dorn Logistics cut 200 jobs on Monday. Its chief executive, Paula Reyes, said: \"We had no other choice but to shrink the depots this year.\"",
			"Dorn Logistics", "", "no other choice"},
		{"a newspaper relaying a fact is not taking a position",
			"Shares fell on Monday. The Harbour Ledger reported that Orion Capital will cut 300 jobs at its Leeds office.",
			"Harbour Ledger", "", "cut 300 jobs"},
		{"a fact a newspaper relays stays the actor's",
			"Shares fell on Monday. The Harbour Ledger reported that Orion Capital will cut 300 jobs at its Leeds office.",
			"Orion Capital", "Orion Capital will cut 300 jobs", ""},
		{"an event is not a stand",
			"The final ended 2-1 on Sunday. Tomas Berg kept his side's hopes alive with a late goal. Berg said the team had deserved the win.",
			"Tomas Berg", "Berg said the team had deserved the win", "kept his side"},
		{"the writer's aside about an actor is the actor's",
			"The council approved the depot on Monday despite objections from the Fenmore Residents Group, which has long opposed the plan for the old rail yard.",
			"Fenmore Residents Group", "long opposed the plan", ""},
		{"committed to is a stance, not a passive",
			"Talks stalled in May. Kessler Bank is committed to the merger despite the losses, the lender's statement said on Monday. Kessler Bank said it would report in June.",
			"Kessler Bank", "committed to the merger", ""},
		{"a clause after as has its own subject",
			"Westmark rejects the tariff plan as Halvorsen Securities warns of a slowdown in exports.",
			"Halvorsen Securities", "warns of a slowdown in exports", ""},
		{"declining to comment is no position",
			"Regulators opened an inquiry. Orion Capital declined to comment on the inquiry. Orion Capital said in March that its accounts were sound.",
			"Orion Capital", "its accounts were sound", "declined to comment"},
		{"saying little is no position",
			"The club accepted the bid. Vera Holt has said little in public about the sale.",
			"Vera Holt", "", "said little"},
		{"a subject of two is kept as written",
			"The debate ran late. Greta Lund and Omar Sayed attacked each other's tax plans in the second hour.",
			"Omar Sayed", "Greta Lund and Omar Sayed attacked each other's tax plans", ""},
		{"a strategy told in the progressive",
			"Sales fell last year. Nordvik Foods is betting on plant-based cheese to lift sales in Germany.",
			"Nordvik Foods", "betting on plant-based cheese", ""},
		{"the attribution frame is trimmed",
			"The harbour board voted to close the yard. In a post on X shortly after the vote, Pia Lindahl wrote: \"This is a dark day for the harbour and everyone who works on it.\"",
			"Pia Lindahl", "Lindahl: \"This is a dark day for the harbour", "In a post"},
		{"a participle with its agent is passive",
			"Halden Town Council met on Monday. Ana Ruiz gave the council a petition signed by 900 residents opposing the closure. Halden Town Council said it would reply in May.",
			"Halden Town Council", "", "signed by"},
		{"back after be is no verb",
			"Halden Rovers lost 2-0 on Sunday. Halden Rovers will be back in action on Friday against Westmark United.",
			"Halden Rovers", "", "back in action"},
		{"a claim verb with a thing for object claims nothing",
			"The talks failed. The Fenmore Trust maintains a small office in Leeds. The Fenmore Trust said the talks had failed because of the council.",
			"Fenmore Trust", "the talks had failed", "maintains a small office"},
		{"speech told as the time of something else",
			"Regulators opened an inquiry on Monday. Orion Capital faced criticism last month when it posted a video of its chief executive mocking regulators. Orion Capital said on Monday that it regretted the video.",
			"Orion Capital", "regretted the video", "posted a video"},
		{"a short statement that needs the sentence before",
			"Shares rose 3% on Monday. Analyst Mira Kaan said the rally would last into spring. This is also helping the mood, Kaan said.",
			"Mira Kaan", "the rally would last into spring", "This is also helping"},
		{"a speaker going on in the next sentence is one statement",
			"The club named a new coach on Monday. For the coming season, \"we will build around the young players,\" chairman Ruth Dunne says. \"Results will follow if the fans are patient with us.\"",
			"Ruth Dunne", "Dunne says. \"Results will follow", ""},
		{"a deed dated to a past year is history",
			"The talks resumed on Monday. Norland seized the islands in the 1982 war. Norland said on Monday it would never give them back.",
			"Norland", "would never give them back", "seized the islands"},
		{"a reporting verb with nothing reported",
			"The festival opened on Friday. Tomas Berg concludes the festival on Sunday in Leeds. Berg said the crowds had been the best in years.",
			"Tomas Berg", "the crowds had been the best in years", "concludes the festival"},
		{"a short question is no position",
			"The final ended in tears. \"Can I give my place to Tom?\" Ada Lind asked the judges. Lind said later that she had meant every word.",
			"Ada Lind", "she had meant every word", "Can I give"},
		{"a claim told as an aside",
			"The mice were studied for a year. These cells, Omar Sayed found, release a signal when parasites arrive. Sayed said the result surprised the team.",
			"Omar Sayed", "the result surprised the team", "found, release"},
		{"a participle after an object is not the object's",
			"The clip spread on Monday. The video had been edited to show Greta Lund failing to answer a question about taxes. Lund said the clip was a fake.",
			"Greta Lund", "the clip was a fake", "failing to answer"},
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

// TestHeadlineRestatesLead: a headline that says what the lead says is
// one position, not two.
func TestHeadlineRestatesLead(t *testing.T) {
	e := New()
	text := "Brennan calls snap vote after partner quits\n\n" +
		"Taoiseach Niamh Brennan has called a snap vote for 14 May after her junior partner quit the coalition over housing.\n\n" +
		"\"We will not let the housing bill be weakened to suit anyone's polls,\" Brennan said."
	b := e.brief(Article{Title: firstLine(text), Text: text})
	n := 0
	for _, p := range b.Positions {
		if p.Actor == "Niamh Brennan" && strings.Contains(strings.ToLower(p.Statement), "snap vote") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d statements of the snap vote, want 1: %+v", n, b.Positions)
	}
}

// TestOneSentenceOneActor: no statement is given to two actors unless both
// are its subjects.
func TestOneSentenceOneActor(t *testing.T) {
	e := New()
	for _, path := range testArticles(t) {
		b := e.Brief(articleFromFile(t, path))
		by := map[string]string{}
		for _, p := range b.Positions {
			if other, ok := by[p.Statement]; ok && other != p.Actor {
				if !strings.Contains(p.Statement, " and ") {
					t.Errorf("%s: %q given to %q and %q", path, p.Statement, other, p.Actor)
				}
			}
			by[p.Statement] = p.Actor
		}
	}
}

// TestPositionsOfTheHarbourStory: the p-harbour-closure test article holds
// one sentence of each kind a position must not come from.
func TestPositionsOfTheHarbourStory(t *testing.T) {
	e := New()
	b := e.Brief(articleFromFile(t, "testdata/p-harbour-closure.txt"))
	for _, p := range b.Positions {
		for _, bad := range []string{"arrested", "released without", "declined to comment", "said little", "reported that", "4 min read", "Read more"} {
			if strings.Contains(p.Statement, bad) {
				t.Errorf("position of %q holds %q: %q", p.Actor, bad, p.Statement)
			}
		}
		if p.Actor == "Halden Courier" || p.Actor == "Kestrel Shipping" {
			t.Errorf("%q takes no position in the story: %q", p.Actor, p.Statement)
		}
	}
	if strings.Contains(b.Summary, "·") || strings.Contains(b.Summary, "Mira Kaan") {
		t.Errorf("summary holds the byline: %q", b.Summary)
	}
}

package briefing

import "strings"

// The summary is the lead: the first one or two sentences of the story
// proper, datelines removed, which in news say what happened, who and where.

const summaryMax = 420

func (an *analysis) summary() string {
	lead := an.leadPara()
	var parts []string
	total := 0
	for si, s := range an.sents {
		if s.para < lead {
			continue
		}
		a := s.tok0
		for a < s.tok1 && an.toks[a].dateline {
			a++
		}
		if a >= s.tok1 {
			continue
		}
		text := an.span(a, s.tok1)
		if len(parts) > 0 && (total+len(text) > summaryMax || s.para != an.sents[si-1].para) {
			break
		}
		parts = append(parts, text)
		total += len(text)
		if total >= 120 || len(parts) == 3 {
			break
		}
	}
	return strings.Join(parts, " ")
}

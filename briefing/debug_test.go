package briefing

import (
	"os"
	"testing"
)

func TestDebugOne(t *testing.T) {
	p := os.Getenv("BRIEF_FILE")
	if p == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(p)
	e := New()
	_ = e.brief(Article{Text: string(raw), Title: firstLine(string(raw))})
}

func TestDebugDump(t *testing.T) {
	p := os.Getenv("BRIEF_FILE")
	if p == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(p)
	e := New()
	text := string(raw)
	d := newDoc(e.lx, text)
	d.headline = true
	an := &analysis{doc: d, byKey: map[string]int{}}
	an.findNames()
	an.indexMentions()
	an.findDescriptions()
	an.findPronouns()
	an.indexMentions()
	an.findAppositions()
	an.resolveAll()
	an.attribute()
	for i, e := range an.ents {
		t.Logf("E%d %q kind=%d merged=%d unknown=%v title=%q role=%q", i, e.name, e.kind, e.merged, e.unknown, e.title, e.role)
	}
	for _, m := range an.ments {
		if os.Getenv("SHOWM") != "" {
			t.Logf("M %q kind=%d ent=%d subj=%v head=%q", an.span(m.t0, m.t1), m.kind, m.ent, m.subj, m.head)
		}
	}
	for qi, q := range an.quotes {
		t.Logf("Q %q -> %+v", an.quoteText(q), an.credits[qi])
	}
	for _, s := range an.sents {
		if os.Getenv("SHOWS") != "" {
			t.Logf("S %q", an.span(s.tok0, s.tok1))
		}
	}
}

func TestDebugVerbs(t *testing.T) {
	p := os.Getenv("BRIEF_FILE")
	if p == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(p)
	e := New()
	d := newDoc(e.lx, string(raw))
	d.headline = true
	an := &analysis{doc: d, byKey: map[string]int{}}
	an.findNames()
	an.indexMentions()
	an.findDescriptions()
	an.findPronouns()
	an.indexMentions()
	an.findAppositions()
	for _, s := range an.sents {
		for k := s.tok0; k < s.tok1; k++ {
			if an.toks[k].quote >= 0 {
				continue
			}
			if vi, ok := an.verbAt(k); ok {
				var heads []int
				if vi.form == formIng {
					heads = an.participleSubject(k, an.clauseLo(k))
				} else {
					heads = an.subjectOf(k, an.clauseLo(k))
				}
				var hs []string
				for _, h := range heads {
					hs = append(hs, an.span(an.ments[h].t0, an.ments[h].t1))
				}
				t.Logf("V %q lo=%q -> %q", an.toks[k].text, an.toks[an.clauseLo(k)].text, hs)
			}
		}
	}
}

func TestDebugPositions(t *testing.T) {
	p := os.Getenv("BRIEF_FILE")
	if p == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(p)
	e := New()
	d := newDoc(e.lx, string(raw))
	d.headline = true
	an := &analysis{doc: d, byKey: map[string]int{}}
	an.findNames()
	an.indexMentions()
	an.findDescriptions()
	an.findPronouns()
	an.indexMentions()
	an.findAppositions()
	an.resolveAll()
	an.attribute()
	weights := an.wordWeights()
	lead := an.leadPara()
	who := os.Getenv("WHO")
	for qi, c := range an.credits {
		if c.ent < 0 || an.ents[c.ent].name != who {
			continue
		}
		pc, _, ok := an.quoteCandidate(qi, c, lead, weights)
		t.Logf("QC %v %.2f %q", ok, pc.score, pc.text)
	}
	for _, a := range an.acts {
		for _, id := range a.ents {
			if an.ents[id].name != who {
				continue
			}
			pc, ok := an.actCandidate(a, id, lead, weights)
			t.Logf("AC %v %.2f %s %q", ok, pc.score, pc.stance, pc.text)
		}
	}
}

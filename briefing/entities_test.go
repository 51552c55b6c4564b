package briefing

import (
	"strings"
	"testing"
)

// actorKinds briefs text and maps each listed actor's name to its kind.
func actorKinds(e *Engine, text string) map[string]string {
	b := e.brief(Article{Title: "Test story", Text: text})
	out := map[string]string{}
	for _, a := range b.Actors {
		out[a.Name] = a.Kind
	}
	return out
}

func TestOrganisationNames(t *testing.T) {
	e := New()
	tests := []struct {
		name, text string
		want       map[string]string // listed actor -> kind
		absent     []string          // names that must not be listed
	}{
		{"curly plural possessive inside a name",
			"The Musicians’ Guild rejected the offer on Tuesday. The guild said it would ballot members.",
			map[string]string{"Musicians’ Guild": KindOrganization}, []string{"Guild"}},
		{"straight plural possessive inside a name",
			"The Farmers' Union backed the strike. The union said prices were too low.",
			map[string]string{"Farmers' Union": KindOrganization}, []string{"Union"}},
		{"a title's office with of- and for-phrases",
			"The U.S. Attorney’s Office for the Southern District of Ohio charged two executives. The office said they had lied.",
			map[string]string{"U.S. Attorney’s Office for the Southern District of Ohio": KindOrganization},
			[]string{"Office for the Southern District of Ohio"}},
		{"of-phrase",
			"The Ministry of Health said it would review the rules. The ministry said nurses were overworked.",
			map[string]string{"Ministry of Health": KindOrganization}, nil},
		{"a list inside a name",
			"The Department for Culture, Media and Sport said it was monitoring the talks. The department declined to say more.",
			map[string]string{"Department for Culture, Media and Sport": KindOrganization}, []string{"Sport", "Department for Culture"}},
		{"a list of separate organisations is not one name",
			"The Ministry of Health, Oxfam and the Red Cross said they had sent teams. Oxfam said it needed more trucks. " +
				"The Ministry of Health said it would pay.",
			map[string]string{"Ministry of Health": KindOrganization, "Oxfam": KindOrganization},
			[]string{"Ministry of Health, Oxfam and the Red Cross", "Ministry of Health, Oxfam"}},
		{"a company word makes an organisation",
			"Northline Freight said it had diverted 14 barges. Northline Freight expects losses.",
			map[string]string{"Northline Freight": KindOrganization}, nil},
		{"a firm named with a possessive",
			"Moody's cut its rating on the bank in April. Moody's said controls were weak.",
			map[string]string{"Moody's": KindOrganization}, []string{"Moody"}},
		{"a campaign named by its aim",
			"Save Hollins Wood said the ruling was fair. Save Hollins Wood will meet on Friday.",
			map[string]string{"Save Hollins Wood": KindOrganization}, nil},
		{"an apposition says what a name is",
			"Tiller & Moss, a law firm based in Leeds, said it would defend the case.",
			map[string]string{"Tiller & Moss": KindOrganization}, []string{"Leeds"}},
		{"a sports club's prefix word opens a sentence",
			"Sporting Alvarenga won 2-0 on Saturday. Real Ostana said they would appeal. Dynamo Kresk lost again.",
			map[string]string{"Sporting Alvarenga": KindOrganization, "Real Ostana": KindOrganization, "Dynamo Kresk": KindOrganization},
			[]string{"Ostana", "Alvarenga"}},
		{"a shop named with its owner's possessive",
			"Ferraro's Market, the family grocer, has ruled out raising its stake.",
			map[string]string{"Ferraro's Market": KindOrganization}, []string{"Ferraro"}},
		{"a country's agency spelled out before its acronym",
			"The U.S. Securities and Exchange Commission (SEC) opened an inquiry. The SEC said it would act.",
			map[string]string{"U.S. Securities and Exchange Commission": KindOrganization}, []string{"Exchange Commission"}},
		{"a capital speaks for its country",
			"Moscow rejected the proposal on Monday. Beijing said it would retaliate.",
			map[string]string{"Russia": KindCountry, "China": KindCountry}, []string{"Moscow", "Beijing"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := actorKinds(e, tc.text)
			for name, kind := range tc.want {
				if got[name] != kind {
					t.Errorf("actor %q: kind %q, want %q (actors: %v)", name, got[name], kind, got)
				}
			}
			for _, name := range tc.absent {
				if k, ok := got[name]; ok {
					t.Errorf("%q listed as %s (actors: %v)", name, k, got)
				}
			}
		})
	}
}

func TestOrganisationAliases(t *testing.T) {
	e := New()
	text := "The Department for Culture, Media and Sport said it was monitoring the talks. " +
		"A spokesperson for the department said ministers wanted a deal.\n\n" +
		"The Securities and Exchange Commission opened an inquiry. The SEC said it had written to the firm."
	b := e.brief(Article{Title: "Test story", Text: text})
	want := map[string]string{"Department for Culture, Media and Sport": "department", "Securities and Exchange Commission": "SEC"}
	for name, alias := range want {
		found := false
		for _, a := range b.Actors {
			if a.Name != name {
				continue
			}
			for _, al := range a.Aliases {
				found = found || al == alias
			}
		}
		if !found {
			t.Errorf("actor %q should have the alias %q: %+v", name, alias, b.Actors)
		}
	}
}

// TestNotPeople: capitalised words with no person evidence are not people.
func TestNotPeople(t *testing.T) {
	e := New()
	tests := []struct {
		name, text string
		notPerson  []string // may be listed, but never as a person
		absent     []string // never listed
	}{
		{"headline words are not names",
			"Regulator opens inquiry into lender\n\nThe Financial Conduct Authority opened an inquiry into Brightcoin Capital on Monday.",
			nil, []string{"Regulator"}},
		{"a sentence-initial verb form is not a name",
			"Flooding closes roads around Almere\n\nHeavy rain flooded dozens of streets in Almere overnight. Almere said it would open two shelters.",
			[]string{"Almere"}, []string{"Flooding"}},
		{"a noun modifier at a headline's start",
			"Dock strike widens\n\nThe FNV union said workers at Almere would walk out on Friday.",
			nil, []string{"Dock"}},
		{"a place qualifying a noun",
			"Almere residents were told to stay indoors. Officials said Almere had never flooded so badly.",
			[]string{"Almere"}, nil},
		{"place names of two words",
			"Flooding hit Almere Haven and Port Halden overnight. Residents of Almere Haven said the water rose within minutes. " +
				"Port Halden mayor Tom Adair said the town would open a shelter. Port Halden has flooded twice since 2020.",
			[]string{"Almere Haven", "Port Halden"}, nil},
		{"a company name of two words",
			"Brandt Logistics said it would seek damages. Gorsel Partners declined to comment.",
			[]string{"Brandt Logistics", "Gorsel Partners"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := actorKinds(e, tc.text)
			for _, n := range tc.notPerson {
				if got[n] == KindPerson {
					t.Errorf("%q listed as a person (actors: %v)", n, got)
				}
			}
			for _, n := range tc.absent {
				if k, ok := got[n]; ok {
					t.Errorf("%q listed as %s (actors: %v)", n, k, got)
				}
			}
		})
	}
}

func TestRolesAreNotClauses(t *testing.T) {
	e := New()
	tests := []struct{ text, name, badRole string }{
		{"The strike was called by the FNV, whose leader Marco Teunissen said workers wanted more.", "Marco Teunissen", "whose leader"},
		{"‘Ask me in September.’ That was all the minister, Paul Grange, would say.", "Paul Grange", "That was all the minister"},
		{"Victor Lang was jailed. Mr. Lang said nothing.", "Victor Lang", "Mr."},
	}
	for _, tc := range tests {
		b := e.brief(Article{Title: "Test story", Text: tc.text})
		for _, a := range b.Actors {
			if a.Name == tc.name && a.Role == tc.badRole {
				t.Errorf("%q: role %q is not a role", tc.name, a.Role)
			}
		}
	}
}

func TestRolesAndNameEdges(t *testing.T) {
	e := New()
	text := "Manchester United lost 2-0 at Brentford.\n\n" +
		"Former United captain Roy Keane was scathing. \"They're soft,\" he said.\n\n" +
		"United’s co-owner, Sir Jim Ratcliffe, has promised a review of everything at the end of the season."
	b := e.brief(Article{Title: "Test story", Text: text})
	roles := map[string]string{}
	for _, a := range b.Actors {
		roles[a.Name] = a.Role
		if a.Name == "Former United" {
			t.Errorf("%q listed as an actor: an adjective is not part of a name", a.Name)
		}
	}
	if roles["Jim Ratcliffe"] != "United’s co-owner" {
		t.Errorf("Jim Ratcliffe's role = %q, want %q", roles["Jim Ratcliffe"], "United’s co-owner")
	}
	if r, ok := roles["Roy Keane"]; !ok {
		t.Errorf("Roy Keane missing: %+v", b.Actors)
	} else if r == "" {
		t.Errorf("Roy Keane has no role")
	}
}

// TestSurnameAmongMany: a surname alone names the right one of a hundred
// people who share a first name, however the entities are indexed.
func TestSurnameAmongMany(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("Board named\n\n")
	for i := 0; i < 100; i++ {
		sb.WriteString("John " + inventedSurname(i) + " joined the board. ")
	}
	target := inventedSurname(57)
	sb.WriteString("\n\n\"We will win,\" " + target + " said.")
	b := New().brief(Article{Title: "Board named", Text: sb.String()})
	if len(b.Quotes) != 1 || b.Quotes[0].Speaker != "John "+target {
		t.Fatalf("quotes = %+v, want one said by John %s", b.Quotes, target)
	}
}

func TestIndefiniteArticle(t *testing.T) {
	for _, tc := range []struct{ next, want string }{
		{"official", "an"},
		{"union", "a"},
		{"European", "a"},
		{"university", "a"},
		{"hour", "an"},
		{"honest", "an"},
		{"analyst", "an"},
		{"senior", "a"},
		{"user", "a"},
		{"", "a"},
	} {
		if got := indefiniteArticle(tc.next); got != tc.want {
			t.Errorf("indefiniteArticle(%q) = %q, want %q", tc.next, got, tc.want)
		}
	}
}

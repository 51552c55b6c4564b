package briefing

import "testing"

// Quantity words open many news sentences ("Tens of thousands of nurses
// ...") and are capitalised only because they start the sentence: they are
// never actors and never speakers.
func TestQuantityWordsAreNotActors(t *testing.T) {
	text := "Nurses to strike over pay\n\n" +
		"Tens of thousands of nurses will strike next week after their union rejected a pay offer. " +
		"Hundreds gathered outside the hospital on Monday, calling the offer 'an insult'.\n\n" +
		"Dozens of wards will close, the Royal College of Nursing said."
	b := New().Brief(Article{Title: "Nurses to strike over pay", Text: text})
	for _, a := range b.Actors {
		switch a.Name {
		case "Tens", "Hundreds", "Dozens":
			t.Errorf("quantity word %q listed as an actor", a.Name)
		}
	}
	for _, q := range b.Quotes {
		switch q.Speaker {
		case "Tens", "Hundreds", "Dozens":
			t.Errorf("quote %q credited to the quantity word %q", q.Text, q.Speaker)
		}
	}
}

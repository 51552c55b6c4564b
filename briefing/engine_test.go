package briefing

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// countdownCtx is done after its Err has been asked a given number of
// times: a deadline that falls inside a stage, with no clock involved.
type countdownCtx struct {
	context.Context
	left int
}

func (c *countdownCtx) Err() error {
	if c.left <= 0 {
		return context.DeadlineExceeded
	}
	c.left--
	return nil
}

func TestBriefContextStops(t *testing.T) {
	e := New()
	var sb strings.Builder
	for i := 0; i < 1200; i++ {
		sb.WriteString("Anna " + inventedSurname(i) + " said the plan was late. \"We will go,\" she said.\n\n")
	}
	a := Article{Title: "Test story", Text: sb.String()}

	cancelledCtx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.BriefContext(cancelledCtx, a); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled before the start: err = %v, want context.Canceled", err)
	}
	// Each count stops the engine in a different stage's loop.
	for _, n := range []int{1, 2, 5, 10, 20, 40} {
		b, err := e.BriefContext(&countdownCtx{Context: context.Background(), left: n}, a)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("deadline after %d looks: err = %v, want context.DeadlineExceeded", n, err)
		}
		if len(b.Actors) != 0 || len(b.Quotes) != 0 {
			t.Errorf("deadline after %d looks: got a partial briefing %+v", n, b)
		}
	}
	// A context that stays live changes nothing.
	ctx, cancel2 := context.WithTimeout(context.Background(), time.Hour)
	defer cancel2()
	got, err := e.BriefContext(ctx, a)
	if err != nil {
		t.Fatalf("live context: %v", err)
	}
	want := e.Brief(a)
	if len(got.Actors) != len(want.Actors) || len(got.Quotes) != len(want.Quotes) || got.Summary != want.Summary {
		t.Errorf("BriefContext and Brief differ")
	}
}

package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/fetch"
	"github.com/briefbot/briefbot/storage"
)

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestRateLimiter(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	l := newRateLimiter(10)
	for n := 0; n < 10; n++ {
		if ok, _ := l.Allow("g1", 1, start); !ok {
			t.Fatalf("link %d of a burst of 10 refused", n+1)
		}
	}
	ok, wait := l.Allow("g1", 1, start)
	if ok {
		t.Fatal("11th link in the same instant allowed")
	}
	if wait < 5*time.Second || wait > 7*time.Second {
		t.Errorf("wait = %v, want about 6 s (one token per 6 s at 10/min)", wait)
	}
	if ok, _ := l.Allow("g2", 1, start); !ok {
		t.Error("another server was limited by g1's burst")
	}
	if ok, _ := l.Allow("g1", 1, start.Add(5*time.Second)); ok {
		t.Error("token granted before it refilled")
	}
	if ok, _ := l.Allow("g1", 1, start.Add(6*time.Second)); !ok {
		t.Error("token not refilled after 6 s")
	}
	if got := l.Available("g1", start.Add(time.Hour)); got != 10 {
		t.Errorf("after an hour %d tokens, want the burst cap 10", got)
	}
	if ok, _ := l.Allow("g3", 11, start); ok {
		t.Error("more than a burst granted at once")
	}
	if _, wait := l.Allow("g1", 1, start.Add(-time.Minute)); wait > 2*time.Minute {
		t.Errorf("a clock going backwards asked for a wait of %v", wait)
	}
	if ok, _ := l.Allow("g1", 1, start.Add(2*time.Hour)); !ok {
		t.Error("bucket did not recover after the clock went back")
	}
}

func TestRateLimiterForgetsIdleServers(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	l := newRateLimiter(5)
	for i := 0; i < maxIdleBuckets+10; i++ {
		l.Allow(fmt.Sprint("guild", i), 1, now)
		now = now.Add(time.Second)
	}
	if n := len(l.full); n > maxIdleBuckets+1 {
		t.Errorf("%d buckets kept; idle ones should be pruned", n)
	}
}

func TestPoolRoundRobinAcrossServers(t *testing.T) {
	p := newPool(2, 100, time.Minute, discardLogger())
	var mu sync.Mutex
	var order []string
	release := make(chan struct{})
	started := make(chan string, 100)
	job := func(name string) func(context.Context) {
		return func(context.Context) {
			started <- name
			<-release
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
		}
	}
	// Server A floods the queue before B submits one link.
	for i := 0; i < 5; i++ {
		p.submit("A", job(fmt.Sprint("A", i)))
	}
	p.submit("B", job("B0"))
	p.start(context.Background())
	first := map[string]bool{<-started: true, <-started: true}
	if !first["B0"] {
		t.Errorf("first two jobs started were %v; B's job must not wait behind A's queue", first)
	}
	close(release)
	if left := p.stop(10 * time.Second); left != 0 {
		t.Errorf("stop left %d jobs", left)
	}
	if len(order) != 6 {
		t.Errorf("%d jobs ran, want 6", len(order))
	}
}

func TestPoolOneServerCannotTakeEveryWorker(t *testing.T) {
	p := newPool(3, 100, time.Minute, discardLogger())
	p.start(context.Background())
	block := make(chan struct{})
	var aRunning atomic.Int32
	for i := 0; i < 6; i++ {
		p.submit("A", func(context.Context) {
			aRunning.Add(1)
			<-block
		})
	}
	done := make(chan struct{})
	p.submit("B", func(context.Context) { close(done) })
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("B's job did not run while A's slow jobs held the workers")
	}
	if n := aRunning.Load(); n > 2 {
		t.Errorf("A had %d jobs running on 3 workers; at most 2", n)
	}
	close(block)
	p.stop(10 * time.Second)
}

func TestPoolJobTimeout(t *testing.T) {
	p := newPool(1, 10, 20*time.Millisecond, discardLogger())
	p.start(context.Background())
	got := make(chan error, 1)
	p.submit("A", func(ctx context.Context) {
		<-ctx.Done()
		got <- ctx.Err()
	})
	select {
	case err := <-got:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("job context ended with %v, want its deadline", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("job timeout never fired")
	}
	p.stop(time.Second)
}

func TestPoolStopAbandonsAfterGrace(t *testing.T) {
	p := newPool(1, 10, time.Hour, discardLogger())
	p.start(context.Background())
	running := make(chan struct{})
	var cancelled, ranCancelled atomic.Bool
	p.submit("A", func(ctx context.Context) {
		close(running)
		<-ctx.Done()
		cancelled.Store(true)
	})
	p.submit("A", func(ctx context.Context) { ranCancelled.Store(ctx.Err() != nil) })
	<-running
	left := p.stop(10 * time.Millisecond)
	if left != 2 {
		t.Errorf("stop reported %d unfinished jobs, want 2 (one running, one queued)", left)
	}
	if !cancelled.Load() {
		t.Error("running job's context was not cancelled after the grace period")
	}
	if !ranCancelled.Load() {
		t.Error("queued job should run with a cancelled context so it can tell the member")
	}
	if p.submit("A", func(context.Context) {}) {
		t.Error("a stopped pool accepted a job")
	}
}

func TestPoolQueueLimitAndPanics(t *testing.T) {
	p := newPool(1, 2, time.Minute, discardLogger())
	if !p.submit("A", func(context.Context) { panic("boom") }) || !p.submit("A", func(context.Context) {}) {
		t.Fatal("jobs within the queue limit refused")
	}
	if p.submit("B", func(context.Context) {}) {
		t.Error("job beyond the queue limit accepted")
	}
	p.start(context.Background())
	done := make(chan struct{})
	deadline := time.After(5 * time.Second)
	for !p.submit("A", func(context.Context) { close(done) }) {
		select {
		case <-deadline:
			t.Fatal("queue never drained")
		case <-time.After(time.Millisecond):
		}
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a panicking job killed the worker")
	}
	p.stop(time.Second)
}

func TestCanForget(t *testing.T) {
	member := func(id string, perms int64) *discordgo.Member {
		return &discordgo.Member{User: &discordgo.User{ID: id}, Permissions: perms}
	}
	tests := []struct {
		name      string
		m         *discordgo.Member
		submitter string
		want      bool
	}{
		{"submitter", member("111", 0), "111", true},
		{"someone else", member("222", 0), "111", false},
		{"manage server", member("222", discordgo.PermissionManageGuild), "111", true},
		{"administrator", member("222", discordgo.PermissionAdministrator), "111", true},
		{"manage messages is not enough", member("222", discordgo.PermissionManageMessages|discordgo.PermissionManageChannels), "111", false},
		{"no submitter recorded", member("222", 0), "", false},
		{"no member (DM)", nil, "111", false},
		{"member without user", &discordgo.Member{Permissions: discordgo.PermissionManageGuild}, "111", false},
	}
	for _, tt := range tests {
		if got := canForget(tt.m, tt.submitter); got != tt.want {
			t.Errorf("%s: canForget = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestUserMessage(t *testing.T) {
	_, badURL := fetch.ParseUserURL("ftp://files.example/x")
	tests := []struct {
		err  error
		want string
	}{
		{badURL, "doesn't look like a web link"},
		{fmt.Errorf("fetch article: %w", fetch.ErrBlockedAddress), "I can't fetch that address: it points inside a private network."},
		{fetch.ErrNotArticle, "isn't an article page"},
		{fetch.ErrTooLarge, "too large"},
		{fetch.ErrTimeout, "took too long"},
		{&fetch.StatusError{Code: 404}, "doesn't exist (HTTP 404)"},
		{&fetch.StatusError{Code: 503}, "problem of its own (HTTP 503)"},
		{fetch.ErrHTTPStatus, "answered with an error"},
		{fetch.ErrTooManyRedirects, "redirects too many times"},
		{fetch.ErrPaywall, "paywall"},
		{fetch.ErrEmpty, "no article text"},
		{fetch.ErrUnreachable, "couldn't reach"},
		{fmt.Errorf("get article 3: %w", storage.ErrNotFound), "no such article"},
		{errAmbiguous, "Several articles match"},
		{errBusy, "busy"},
		{context.Canceled, "restarting"},
		{fmt.Errorf("load: %w", context.DeadlineExceeded), "took too long"},
		{errors.New("disk I/O error"), "Something went wrong on my side"},
	}
	for _, tt := range tests {
		got := userMessage(tt.err)
		if !strings.Contains(got, tt.want) {
			t.Errorf("userMessage(%v) = %q, want it to contain %q", tt.err, got, tt.want)
		}
		if strings.Contains(got, "\n") || embeds.Len(got) > 200 {
			t.Errorf("userMessage(%v) is not one short line: %q", tt.err, got)
		}
		if strings.Contains(got, "disk I/O") {
			t.Errorf("internal detail leaked to members: %q", got)
		}
	}
	if got := slowDownMessage(10, 5400*time.Millisecond); got != "Slow down a little: this server can brief 10 links a minute. Try again in 5 s." {
		t.Errorf("slowDownMessage = %q", got)
	}
}

// hugeBriefing breaks every embed limit at once and carries mentions.
func hugeBriefing() (storage.StoredArticle, briefing.Briefing) {
	long := strings.Repeat("@everyone the harbour levy <@123> keeps rising ", 200)
	a := storage.StoredArticle{
		ID: 7, GuildID: "1",
		Article: briefing.Article{
			URL: "https://news.example/levy", Title: "@here " + long, Site: long, Byline: long,
			Published: time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC),
		},
	}
	b := briefing.Briefing{Title: long, Summary: long}
	for i := 0; i < 60; i++ {
		name := fmt.Sprintf("Actor %d %s", i, long[:300])
		b.Actors = append(b.Actors, briefing.Actor{Name: name, Kind: briefing.KindPerson, Role: long, Key: true, Mentions: i})
		b.Quotes = append(b.Quotes, briefing.Quote{Text: long, Speaker: name, Direct: true})
		b.Positions = append(b.Positions, briefing.Position{Actor: name, Statement: long, Stance: "demands"})
	}
	return a, b
}

func TestRenderBriefingWithinLimits(t *testing.T) {
	a, b := hugeBriefing()
	r := briefingReply(ingested{article: a, briefing: b, duplicate: true}, fixtureNow)
	content, es := r.fitted()
	if err := embeds.Check(content, es); err != nil {
		t.Fatalf("rendered briefing breaks a limit: %v", err)
	}
	if len(es) != 1 {
		t.Fatalf("%d embeds, want one per briefing", len(es))
	}
	e := es[0]
	for _, s := range []string{e.Title, e.Description, e.Author.Name, e.Footer.Text, content} {
		if strings.Contains(s, "@everyone") || strings.Contains(s, "@here") || strings.Contains(s, "<@1") {
			t.Errorf("live mention in %q", s[:min(60, len(s))])
		}
	}
	for _, f := range e.Fields {
		if strings.Contains(f.Value, "@everyone") || strings.Contains(f.Value, "<@1") {
			t.Errorf("live mention in field %q", f.Name)
		}
	}
	if !strings.HasSuffix(e.Title, "…") || !strings.HasSuffix(e.Description, "…") {
		t.Errorf("trimmed text should end with an ellipsis: title %q…, description …%q", e.Title[:20], e.Description[len(e.Description)-20:])
	}
	if n := embeds.Total(e); n > briefingBudget {
		t.Errorf("briefing card takes %d characters, at most %d", n, briefingBudget)
	}
	if e.URL != a.URL || e.Timestamp != "2026-02-03T04:05:06Z" {
		t.Errorf("title link %q or date %q lost", e.URL, e.Timestamp)
	}
	if !strings.Contains(content, "<t:") {
		t.Errorf("duplicate reply should say when it was first shared: %q", content)
	}
}

func TestRenderBriefingContent(t *testing.T) {
	a := storage.StoredArticle{ID: 40, Number: 12, Article: briefing.Article{URL: "https://news.example/harbour", Title: "Harbour levy passes", Site: "Coast Courier"}}
	b := briefing.Briefing{
		Summary: "The council approved\na harbour levy.",
		Actors: []briefing.Actor{
			{Name: "Mara Lind", Kind: briefing.KindPerson, Role: "mayor", Key: true, Mentions: 5},
			{Name: "Dock Workers Union", Kind: briefing.KindOrganization, Key: true, Mentions: 3},
			{Name: "Passing Mention", Kind: briefing.KindPerson, Key: false, Mentions: 9},
		},
		Quotes: []briefing.Quote{
			{Text: "ok", Speaker: "", Direct: false},
			{Text: "This levy keeps the ferries running for another decade", Speaker: "Mara Lind", Direct: true},
			{Text: "We were never asked about the cost to our members", Speaker: "Dock Workers Union", Direct: true},
		},
		Positions: []briefing.Position{
			{Actor: "Mara Lind", Statement: "This levy keeps the ferries running for another decade.", Stance: "says"},
			{Actor: "Dock Workers Union", Statement: "a delay of the levy", Stance: "demands"},
		},
	}
	e := renderBriefing(a, b, fixtureNow)
	if e.Title != "Harbour levy passes" || e.URL != a.URL || e.Author.Name != "Coast Courier" || e.Author.URL != "https://news.example/" {
		t.Errorf("title, link or outlet wrong: %+v", e)
	}
	if e.Description != "The council approved a harbour levy." {
		t.Errorf("summary should be one line: %q", e.Description)
	}
	fields := map[string]string{}
	for _, f := range e.Fields {
		fields[f.Name] = f.Value
	}
	// One line per key actor, named once, no verb label; the passing
	// mention has no position and no line.
	if want := "**Mara Lind**, mayor: This levy keeps the ferries running for another decade.\n**Dock Workers Union**: a delay of the levy"; fields["Where they stand"] != want {
		t.Errorf("sides = %q, want %q", fields["Where they stand"], want)
	}
	// The mayor's quote is her position already; the quote no one is
	// credited with is not shown.
	if want := "“We were never asked about the cost to our members” — **Dock Workers Union**"; fields["In their words"] != want {
		t.Errorf("quotes = %q, want %q", fields["In their words"], want)
	}
	if e.Footer != nil {
		t.Errorf("no byline and no date: no footer, got %q", e.Footer.Text)
	}
}

func TestSidesNameTheActorOnce(t *testing.T) {
	b := briefing.Briefing{
		Actors: []briefing.Actor{
			{Name: "Tomas Reyes", Role: "union chairman", Aliases: []string{"Reyes"}, Key: true},
			{Name: "Dock Workers Union", Aliases: []string{"the union"}, Key: true},
			{Name: "Ilse Varga", Key: true},
		},
		Positions: []briefing.Position{
			{Actor: "Tomas Reyes", Statement: "Reyes said the talks were a start.", Stance: "says"},
			{Actor: "Tomas Reyes", Statement: "Reyes warned that cargo could move to Vessel Bay.", Stance: "warns"},
			{Actor: "Dock Workers Union", Statement: "The union demands a two-year delay.", Stance: "demands"},
			{Actor: "Ilse Varga", Statement: "The state will match the city's money.", Stance: "says"},
		},
	}
	got := sideLines(chooseSides(b))
	want := []string{
		"**Tomas Reyes**, union chairman, warned that cargo could move to Vessel Bay.",
		"**Dock Workers Union** demands a two-year delay.",
		"**Ilse Varga**: The state will match the city's money.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sides\n%q\nwant\n%q", got, want)
	}
}

func TestQuotesHearEverySide(t *testing.T) {
	b := briefing.Briefing{
		Actors: []briefing.Actor{
			{Name: "Anika Holm", Role: "minister", Key: true},
			{Name: "Bayline Ferries", Key: true},
			{Name: "Maritime Crew Union", Aliases: []string{"the union"}, Key: true},
		},
		Quotes: []briefing.Quote{
			{Text: "We will not be held to ransom by anyone this winter", Speaker: "Anika Holm", Direct: true},
			{Text: "Both sides must come back to the table today, no excuses", Speaker: "Anika Holm", Direct: true},
			{Text: "Our offer is fair and our door stays open to the crews", Speaker: "Bayline Ferries", Direct: true},
			{Text: "A pay cut dressed up as a rise is still a pay cut", Speaker: "the union", Direct: true},
		},
	}
	got := chooseQuotes(b, nil, 3)
	var speakers []string
	for _, q := range got {
		speakers = append(speakers, q.speaker)
	}
	if want := []string{"Anika Holm", "Bayline Ferries", "Maritime Crew Union"}; !reflect.DeepEqual(speakers, want) {
		t.Errorf("quoted %q, want each side once: %q", speakers, want)
	}
}

func TestMarkdownCannotBreakOut(t *testing.T) {
	link := mdLink("a] [b](https://evil.example) *x*", "https://news.example/a_(b) c")
	if want := `[a\] \[b\](https://evil.example) \*x\*](https://news.example/a_%28b%29%20c)`; link != want {
		t.Errorf("mdLink = %q, want %q", link, want)
	}
	if got := mdLink("text", "javascript:alert(1)"); got != "text" {
		t.Errorf("non-http link rendered as a link: %q", got)
	}
}

func TestListStateCustomID(t *testing.T) {
	st := listState{page: 3, days: 30, query: "harbour: levy"}
	id := st.customID("n")
	got, ok := parseListState(id)
	if !ok || got != st {
		t.Errorf("round trip of %q gave %+v, %v", id, got, ok)
	}
	long := listState{query: strings.Repeat("é", 200)}
	if id := long.customID("p"); embeds.Len(id) > embeds.MaxCustomID {
		t.Errorf("custom id is %d long", embeds.Len(id))
	}
	for _, bad := range []string{"articles:", "articles:n:x:1:q", "articles:n:-1:0:q", "other:n:1:1:q", "articles:n:1:99999:q"} {
		if _, ok := parseListState(bad); ok {
			t.Errorf("parseListState(%q) accepted a bad id", bad)
		}
	}
}

func TestRenderListsWithinLimits(t *testing.T) {
	var list []storage.StoredArticle
	for i := 0; i < pageSize; i++ {
		list = append(list, storage.StoredArticle{ID: int64(i + 1), Article: briefing.Article{URL: "https://news.example/" + strings.Repeat("x", 1500), Title: strings.Repeat("Title @everyone ", 50)}})
	}
	r := renderArticleList(list, 100, listState{page: 2, query: "levy"}, nil)
	content, es := r.fitted()
	if err := embeds.Check(content, es); err != nil {
		t.Errorf("/articles page breaks a limit: %v", err)
	}
	if len(r.components) != 1 {
		t.Fatalf("paged list without buttons")
	}
	row := r.components[0].(discordgo.ActionsRow)
	prev, next := row.Components[0].(discordgo.Button), row.Components[1].(discordgo.Button)
	if prev.CustomID == next.CustomID {
		t.Errorf("buttons share a custom id %q", prev.CustomID)
	}
	if st, _ := parseListState(next.CustomID); st.page != 3 || st.query != "levy" {
		t.Errorf("next button goes to %+v", st)
	}

	var quotes []storage.StoredQuote
	for i := 0; i < 10; i++ {
		quotes = append(quotes, storage.StoredQuote{ArticleTitle: strings.Repeat("T ", 300), ArticleURL: "https://news.example/q", Quote: briefing.Quote{Text: strings.Repeat("said ", 400), Speaker: "<@&42>"}})
	}
	content, es = renderQuotes(quotes, "x", 7).fitted()
	if err := embeds.Check(content, es); err != nil {
		t.Errorf("/quotes breaks a limit: %v", err)
	}
	if strings.Contains(es[0].Description, "<@&42>") {
		t.Error("role mention survived in /quotes")
	}
}

func TestCollectActor(t *testing.T) {
	list := []storage.BriefedArticle{
		{
			Article: storage.StoredArticle{ID: 1, Article: briefing.Article{URL: "https://news.example/1", Title: "Levy passes"}},
			Briefing: storage.StoredBriefing{Briefing: briefing.Briefing{
				Actors:    []briefing.Actor{{Name: "Mara Lind", Aliases: []string{"Lind"}, Role: "mayor", Kind: briefing.KindPerson}},
				Quotes:    []briefing.Quote{{Text: "We will keep the ferries", Speaker: "Lind"}, {Text: "No", Speaker: "Someone Else"}},
				Positions: []briefing.Position{{Actor: "Mara Lind", Statement: "a new levy", Stance: "supports"}},
			}},
		},
		{
			Article: storage.StoredArticle{ID: 2, Article: briefing.Article{URL: "https://news.example/2", Title: "Ferry timetable"}},
			Briefing: storage.StoredBriefing{Briefing: briefing.Briefing{
				Actors: []briefing.Actor{{Name: "Mara Lind", Role: "council leader", Kind: briefing.KindPerson}},
			}},
		},
	}
	v := collectActor("mara lind", list)
	if v.name != "Mara Lind" {
		t.Errorf("name = %q, want the article's spelling", v.name)
	}
	if strings.Join(v.roles, "|") != "mayor|council leader" {
		t.Errorf("roles = %q", v.roles)
	}
	if len(v.quotes) != 1 || !strings.Contains(v.quotes[0], "keep the ferries") {
		t.Errorf("quotes = %q (by alias, not other speakers)", v.quotes)
	}
	if len(v.positions) != 1 || len(v.articles) != 2 {
		t.Errorf("positions %d, articles %d", len(v.positions), len(v.articles))
	}
	content, es := renderActor(v).fitted()
	if err := embeds.Check(content, es); err != nil {
		t.Error(err)
	}
}

// A token shaped like Discord's (base64 of a snowflake, a timestamp, an HMAC).
const testToken = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GxYz12.abcdefghijklmnopqrstuvwxyz0123456789AB"

type pingerFunc func(context.Context) error

func (f pingerFunc) Ping(ctx context.Context) error { return f(ctx) }

func TestCheck(t *testing.T) {
	ok := pingerFunc(func(context.Context) error { return nil })
	tests := []struct {
		name string
		cfg  Config
		db   Pinger
		want string // "" = valid
	}{
		{"valid", Config{Token: testToken}, ok, ""},
		{"valid with prefix", Config{Token: "Bot " + testToken, GuildID: "1100000000000000100", DefaultDigestSchedule: "0 8 * * *"}, nil, ""},
		{"missing", Config{}, ok, "export DISCORD_TOKEN"},
		{"two parts", Config{Token: "abc.def"}, ok, "does not look like a bot token"},
		{"spaces", Config{Token: "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GxYz12.abcdefghij klmnopqrstuvwxyz"}, ok, "does not look like a bot token"},
		{"first part not an id", Config{Token: "aGVsbG8gd29ybGQgaGVsbG8.GxYz12.abcdefghijklmnopqrstuvwxyz0123"}, ok, "does not look like a bot token"},
		{"bad guild", Config{Token: testToken, GuildID: "general"}, ok, "guild ID"},
		{"negative workers", Config{Token: testToken, Workers: -1}, ok, "workers"},
		{"bad schedule", Config{Token: testToken, DefaultDigestSchedule: "every morning"}, ok, "cron"},
		{"database down", Config{Token: testToken}, pingerFunc(func(context.Context) error { return errors.New("database is locked") }), "check database: database is locked"},
	}
	for _, tt := range tests {
		err := Check(context.Background(), tt.cfg, tt.db)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want it to mention %q", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "abcdefghij") {
			t.Errorf("%s: error message shows the token: %v", tt.name, err)
		}
	}
}

func TestNewNeedsStore(t *testing.T) {
	if _, err := New(Config{Token: testToken}, Deps{}); err == nil || !strings.Contains(err.Error(), "store") {
		t.Errorf("New without a store: %v", err)
	}
	if _, err := New(Config{}, Deps{}); !errors.Is(err, ErrNoToken) {
		t.Errorf("New without a token: %v, want ErrNoToken", err)
	}
}

func TestFatalConnectErrors(t *testing.T) {
	closeErr := func(code int) error { return &websocket.CloseError{Code: code, Text: "closed"} }
	tests := []struct {
		err   error
		fatal string // "" = retry
	}{
		{closeErr(4004), "DISCORD_TOKEN"},
		{closeErr(4013), "intents refused"},
		{closeErr(4014), "intents refused"}, // only after the bot already dropped Message Content
		{closeErr(4012), "close 4012"},
		{closeErr(4000), ""},
		{closeErr(1006), ""},
		{&discordgo.RESTError{Response: &http.Response{StatusCode: http.StatusUnauthorized}}, "HTTP 401"},
		{&discordgo.RESTError{Response: &http.Response{StatusCode: http.StatusBadGateway}}, ""},
		{errors.New("dial tcp: connection refused"), ""},
	}
	for _, tt := range tests {
		got := fatalConnectError(tt.err, closeCode(tt.err))
		switch {
		case tt.fatal == "" && got != nil:
			t.Errorf("%v: fatal %v, want a retry", tt.err, got)
		case tt.fatal != "" && (got == nil || !strings.Contains(got.Error(), tt.fatal)):
			t.Errorf("%v: got %v, want a fatal error mentioning %q", tt.err, got, tt.fatal)
		}
	}
}

// TestArticleListCapFooter checks the /articles footer: exact counts as
// they are, a search count past storage.SearchCountCap as "1000+".
func TestArticleListCapFooter(t *testing.T) {
	list := []storage.StoredArticle{{ID: 1, Article: briefing.Article{URL: "https://news.example/a", Title: "A"}}}
	for _, tc := range []struct {
		total int
		want  string
	}{
		{1, "Page 1 of 1 · 1 article"},
		{storage.SearchCountCap, fmt.Sprintf("Page 1 of %d · 1000 articles", (storage.SearchCountCap+pageSize-1)/pageSize)},
		{storage.SearchCountCap + 1, fmt.Sprintf("Page 1 of %d · 1000+ articles", storage.SearchCountCap/pageSize+1)},
	} {
		r := renderArticleList(list, tc.total, listState{query: "the"}, nil)
		if len(r.embeds) == 0 || r.embeds[0].Footer == nil || r.embeds[0].Footer.Text != tc.want {
			var got string
			if len(r.embeds) > 0 && r.embeds[0].Footer != nil {
				got = r.embeds[0].Footer.Text
			}
			t.Errorf("total %d: footer %q, want %q", tc.total, got, tc.want)
		}
	}
}

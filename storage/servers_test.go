package storage

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestServerSettings(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.Server(ctx, "g1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Server before any save: err = %v, want ErrNotFound", err)
	}
	s := Server{GuildID: "g1", DigestChannel: "c1", DigestSchedule: "0 8 * * *", TimeZone: "Asia/Tokyo",
		DigestEnabled: true, WatchChannels: []string{"news", "links"}}
	if err := db.SaveServer(ctx, s, t0); err != nil {
		t.Fatal(err)
	}
	got, err := db.Server(ctx, "g1")
	if err != nil {
		t.Fatal(err)
	}
	want := s
	want.CreatedAt, want.UpdatedAt = t0, t0
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Server = %+v\nwant %+v", got, want)
	}

	// Saving again keeps CreatedAt; a CreatedAt passed in is ignored.
	later := t0.Add(48 * time.Hour)
	s.WatchChannels = nil
	s.TimeZone = ""
	s.CreatedAt = later
	if err := db.SaveServer(ctx, s, later); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Server(ctx, "g1")
	if !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(later) || got.WatchChannels != nil || got.TimeZone != "" {
		t.Errorf("after update = %+v", got)
	}

	if err := db.SaveServer(ctx, Server{GuildID: " "}, t0); err == nil {
		t.Error("SaveServer accepted an empty guild ID")
	}
}

func TestDigestServers(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	for _, s := range []Server{
		{GuildID: "b-on", DigestChannel: "c", DigestEnabled: true},
		{GuildID: "a-on", DigestChannel: "c", DigestEnabled: true, WatchChannels: []string{"w"}},
		{GuildID: "off", DigestChannel: "c"},
		{GuildID: "no-channel", DigestEnabled: true},
	} {
		if err := db.SaveServer(ctx, s, t0); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.DigestServers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range got {
		names = append(names, s.GuildID)
	}
	if !reflect.DeepEqual(names, []string{"a-on", "b-on"}) {
		t.Errorf("DigestServers = %v, want [a-on b-on]", names)
	}
	if !reflect.DeepEqual(got[0].WatchChannels, []string{"w"}) {
		t.Errorf("DigestServers lost watch channels: %+v", got[0])
	}
}

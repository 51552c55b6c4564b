package storage

import (
	"context"
	"fmt"
)

// NameUse is a name in a server's briefings with how many times it is used:
// quotes for a speaker, articles for an actor. Terms are the forms a member
// may type to find it (the name itself, and for actors their aliases).
type NameUse struct {
	Name  string
	Terms []string
	Uses  int
}

// SpeakerUses lists the distinct speakers of the server's quotes, most
// quoted first, at most limit (<= 0: all), from the list the quote index's
// triggers keep. Autocomplete ranks them by what
// was typed; SQLite's own matching folds neither case beyond ASCII nor accents.
func (db *DB) SpeakerUses(ctx context.Context, guildID string, limit int) ([]NameUse, error) {
	rows, err := db.reader.QueryContext(ctx, `
		SELECT name, uses FROM speaker_names WHERE guild_id = ?
		ORDER BY uses DESC, name_fold LIMIT ?`, guildID, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("list speakers: %w", err)
	}
	defer rows.Close()
	var out []NameUse
	for rows.Next() {
		var n NameUse
		if err := rows.Scan(&n.Name, &n.Uses); err != nil {
			return nil, fmt.Errorf("list speakers: %w", err)
		}
		n.Terms = []string{n.Name}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list speakers: %w", err)
	}
	return out, nil
}

// ActorUses lists the distinct actors of the server's briefings with their
// aliases, most articles first, at most limit names (<= 0: all).
func (db *DB) ActorUses(ctx context.Context, guildID string, limit int) ([]NameUse, error) {
	rows, err := db.reader.QueryContext(ctx, `
		WITH top AS (
			SELECT name_fold, name, uses FROM actor_name_terms
			WHERE guild_id = ? AND term_fold = name_fold ORDER BY uses DESC, name_fold LIMIT ?)
		SELECT top.name, top.uses, t.term_fold FROM top
		JOIN actor_name_terms t ON t.guild_id = ? AND t.name_fold = top.name_fold
		ORDER BY top.uses DESC, top.name_fold, t.term_fold`, guildID, limitArg(limit), guildID)
	if err != nil {
		return nil, fmt.Errorf("list actors: %w", err)
	}
	defer rows.Close()
	var out []NameUse
	for rows.Next() {
		var (
			name, term string
			uses       int
		)
		if err := rows.Scan(&name, &uses, &term); err != nil {
			return nil, fmt.Errorf("list actors: %w", err)
		}
		if k := len(out) - 1; k >= 0 && out[k].Name == name {
			out[k].Terms = append(out[k].Terms, term)
			continue
		}
		out = append(out, NameUse{Name: name, Terms: []string{term}, Uses: uses})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list actors: %w", err)
	}
	return out, nil
}

package main

import (
	"context"
	"fmt"

	"github.com/briefbot/briefbot/storage"
)

func cmdBackup(ctx context.Context, e env, args []string) error {
	var dbPath string
	fs := newFlagSet(e, "backup", "PATH",
		"Writes a consistent copy of the database to PATH (a new file) while the bot may keep running.\n"+
			"Restore by stopping the bot and putting the copy in place of the database file.")
	fs.StringVar(&dbPath, "db", defaultDBPath(e), "SQLite database file (env BRIEFBOT_DB)")
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("want exactly one PATH for the copy: %w", errUsage)
	}
	db, err := openExistingDB(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, pos[0]); err != nil {
		return fmt.Errorf("back up database: %w", err)
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", dbPath, pos[0])
	return nil
}

// openExistingDB opens a database that must already exist, read-only: for
// commands that only read or copy it, opening a wrong path must not create
// an empty database, and a running bot's write lock must not stop them.
func openExistingDB(ctx context.Context, path string) (*storage.DB, error) {
	return storage.OpenReadOnly(ctx, path) // its errors name the path, the cause and what to do
}

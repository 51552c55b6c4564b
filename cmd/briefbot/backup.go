package main

import (
	"context"
	"fmt"
	"os"

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

// openExistingDB opens a database that must already exist: for commands that
// only read or copy it, opening a wrong path would create an empty database
// and hide the mistake.
func openExistingDB(ctx context.Context, path string) (*storage.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no database at %s: give its path with --db", path)
	}
	db, err := storage.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

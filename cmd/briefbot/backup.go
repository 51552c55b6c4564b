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
	// Opening would create an empty database: say the path is wrong instead.
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("no database at %s: give its path with --db", dbPath)
	}
	db, err := storage.Open(ctx, dbPath)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer db.Close()
	if err := db.Backup(ctx, pos[0]); err != nil {
		return fmt.Errorf("back up database: %w", err)
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", dbPath, pos[0])
	return nil
}

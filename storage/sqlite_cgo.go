//go:build cgo

package storage

import (
	"errors"

	"github.com/mattn/go-sqlite3"
)

// sqliteKind sorts the SQLite result code carried by err.
func sqliteKind(err error) errKind {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return kindOther
	}
	switch se.Code {
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return kindBusy
	case sqlite3.ErrNotADB:
		return kindNotADB
	case sqlite3.ErrCantOpen, sqlite3.ErrPerm, sqlite3.ErrReadonly, sqlite3.ErrAuth:
		return kindCantOpen
	}
	return kindOther
}

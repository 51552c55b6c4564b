//go:build !cgo

package storage

// SQLite is C, compiled in through cgo, so briefbot cannot be built without
// a C compiler. Without one the go command turns cgo off, and go-sqlite3
// would build as a stub that fails at run time; this undefined name stops
// the build instead, with the reason in the error.
var _ = briefbot_needs_cgo__install_a_C_compiler_such_as_gcc_see_README_and_build_with_CGO_ENABLED_1

func sqliteKind(error) errKind { return kindOther }

// A stand-in for github.com/markusmobius/go-dateparser, used through a
// replace directive in briefbot's go.mod. See README.md beside this file.
module github.com/markusmobius/go-dateparser

go 1.22

// Package dateparser is briefbot's inert stand-in for go-dateparser: the
// names go-htmldate refers to, with a parser that never finds a date. Its
// purpose is that linking it costs nothing at start-up (see README.md).
package dateparser

import (
	"errors"
	"time"

	"github.com/markusmobius/go-dateparser/date"
)

// ErrOff is what every Parse returns.
var ErrOff = errors.New("dateparser: the extensive date search is not built into briefbot")

// ParserType names one of the parsers go-dateparser would try.
type ParserType uint8

// The parser types, in go-dateparser's order.
const (
	Timestamp ParserType = iota
	NegativeTimestamp
	RelativeTime
	CustomFormat
	AbsoluteTime
	NoSpacesTime
)

// DateOrder is the order of day, month and year in ambiguous dates.
type DateOrder func(string) string

// PreferredDateSource says how incomplete dates are completed.
type PreferredDateSource uint8

// The date sources.
const (
	CurrentPeriod PreferredDateSource = iota
	Past
	Future
)

// PreferredDayOfMonth says which day completes a month-only date.
type PreferredDayOfMonth uint8

// The days of month.
const (
	Current PreferredDayOfMonth = iota
	First
	Last
)

// PreferredMonthOfYear says which month completes a year-only date.
type PreferredMonthOfYear uint8

// The months of year.
const (
	CurrentMonth PreferredMonthOfYear = iota
	FirstMonth
	LastMonth
)

// Configuration mirrors go-dateparser's settings; none has an effect here.
type Configuration struct {
	Locales              []string
	Languages            []string
	Region               string
	TryPreviousLocales   bool
	UseGivenOrder        bool
	DefaultLanguages     []string
	DateOrder            DateOrder
	CurrentTime          time.Time
	DefaultTimezone      *time.Location
	PreferredDayOfMonth  PreferredDayOfMonth
	PreferredMonthOfYear PreferredMonthOfYear
	PreferredDateSource  PreferredDateSource
	StrictParsing        bool
	RequiredParts        []string
	SkipTokens           []string
	ReturnTimeAsPeriod   bool
}

// Parser mirrors go-dateparser's parser.
type Parser struct {
	DetectLanguagesFunction func(string) []string
	ParserTypes             []ParserType
}

// Parse never finds a date.
func (p *Parser) Parse(cfg *Configuration, str string, formats ...string) (date.Date, error) {
	return date.Date{}, ErrOff
}

// Parse never finds a date.
func Parse(cfg *Configuration, str string, formats ...string) (date.Date, error) {
	return date.Date{}, ErrOff
}

// Package date mirrors go-dateparser's result type.
package date

import "time"

// Period is how precise a parsed date is.
type Period uint8

// The periods.
const (
	None Period = iota
	Second
	Minute
	Hour
	Day
	Month
	Year
)

// Date is a parse result.
type Date struct {
	Locale string
	Period Period
	Time   time.Time
}

// IsZero reports whether no date was found.
func (d Date) IsZero() bool { return d.Period == None || d.Time.IsZero() }

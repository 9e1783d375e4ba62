package standard

import (
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/workdays"
)

// The units a time limit may have.
const (
	Days        = "days"
	WorkingDays = "working_days"
	Weeks       = "weeks"
	Months      = "months"
)

// Duration is a time limit of the standard: a whole number of days, working days, weeks or
// months ("8 weeks", "40 working days", "1½ months" is written as 6 weeks or 45 days).
type Duration struct {
	Value int    `json:"value"`
	Unit  string `json:"unit"`
}

// After is the day the limit ends when counted from t: calendar days and weeks as they fall,
// working days on the Danish working-day calendar, months to the same day of the month (or the
// month's last day).
func (d Duration) After(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	switch d.Unit {
	case WorkingDays:
		return workdays.Add(t, d.Value)
	case Weeks:
		return t.AddDate(0, 0, 7*d.Value)
	case Months:
		return workdays.AddMonths(t, d.Value)
	}
	return t.AddDate(0, 0, d.Value)
}

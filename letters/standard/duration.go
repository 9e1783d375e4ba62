package standard

import (
	"fmt"
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

// Units are the units a time limit may have, and UnitWords the Danish words for them that a
// limit's text may use: the one list of each. pack.schema.json's enums and its pattern for a
// limit's words, templates/labels.json's unit_one and unit_many and Duration.After are tested
// against them (TestUnitsAreOneList).
var (
	Units     = []string{Days, WorkingDays, Weeks, Months}
	UnitWords = map[string]string{"dag": Days, "dage": Days, "hverdag": WorkingDays, "hverdage": WorkingDays,
		"arbejdsdag": WorkingDays, "arbejdsdage": WorkingDays, "uge": Weeks, "uger": Weeks, "måned": Months, "måneder": Months}
)

// Duration is a time limit of the standard: a whole number of days, working days, weeks or
// months. Dates always count from Value. Two forms keep the standard's own words:
//
//   - a range, "3-6 måneder": Min 3, Value 6 (the letter says "3-6 måneder", dates count the
//     6 months, the longest the standard allows);
//   - Text, the standard's words where they are not a whole number of the unit: "1½ måned" is
//     {"value": 6, "unit": "weeks", "text": "1½ måned"}. The count is the shortest the words
//     can mean (a month and a half is at least 28 + 14 days = 6 weeks), so a date the letter
//     promises is never later than the standard's words allow; Load refuses a count that can
//     end later (countWithinWords). A fraction in Value is refused: half a month has no exact
//     length.
type Duration struct {
	Min   int    `json:"min,omitempty"`
	Value int    `json:"value"`
	Unit  string `json:"unit"`
	Text  string `json:"text,omitempty"`
}

// After is the day the limit ends when counted from t: calendar days and weeks as they fall,
// working days on the Danish working-day calendar, months to the same day of the month (or the
// month's last day). A limit the standard does not state (nil) ends nowhere: the zero time. A
// unit not in Units panics: Load refuses it (the pack's schema), so only a Duration made in Go
// without Load can have one, and counting it as days would promise a wrong date.
func (d *Duration) After(t time.Time) time.Time {
	if d == nil || t.IsZero() {
		return time.Time{}
	}
	switch d.Unit {
	case WorkingDays:
		return workdays.Add(t, d.Value)
	case Weeks:
		return t.AddDate(0, 0, 7*d.Value)
	case Months:
		return workdays.AddMonths(t, d.Value)
	case Days:
		return t.AddDate(0, 0, d.Value)
	}
	panic(fmt.Sprintf("standard: a time limit in the unknown unit %q (the units are %v)", d.Unit, Units))
}

// Package workdays counts the days of a letter's deadlines as LEGAL-NOTES counts them: working
// days (Monday to Friday except Danish public holidays, grundlovsdag, 24 and 31 December), when
// a letter counts as received, and the deadline weeks after. It knows nothing of letters.
package workdays

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/dk"
)

// Working days as LEGAL-NOTES defines them: Monday to Friday except the Danish public holidays
// (rickar/cal's dk list, which already drops store bededag from 2024 and has grundlovsdag),
// 24 December and 31 December, which the dk list lacks.
var (
	juleaftensdag = &cal.Holiday{Name: "Juleaftensdag", Type: cal.ObservanceOther, Month: time.December, Day: 24, Func: cal.CalcDayOfMonth}
	nytaarsaften  = &cal.Holiday{Name: "Nytårsaftensdag", Type: cal.ObservanceOther, Month: time.December, Day: 31, Func: cal.CalcDayOfMonth}
	workCalendar  = newWorkCalendar()
)

func newWorkCalendar() *cal.BusinessCalendar {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(dk.Holidays...)
	c.AddHoliday(juleaftensdag, nytaarsaften)
	// Caching writes to a map without a lock; the calendar is shared by concurrent requests.
	c.Cacheable = false
	return c
}

// Date returns the calendar date y-m-d at midnight UTC; all dates of a letter are civil dates.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// IsWorking reports whether t is a working day in the sense of LEGAL-NOTES.
func IsWorking(t time.Time) bool { return workCalendar.IsWorkday(t) }

// Next returns t itself when it is a working day, else the first working day after.
func Next(t time.Time) time.Time {
	if t.IsZero() { // no date (a limit the standard does not state) stays no date
		return t
	}
	for !IsWorking(t) {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

// Add returns the n-th working day after t.
func Add(t time.Time, n int) time.Time { return workCalendar.WorkdaysFrom(t, n) }

// AddMonths adds n calendar months, keeping the day of the month where it exists and otherwise
// taking the month's last day (30 November + 3 months is 28 or 29 February, not 2 March).
func AddMonths(t time.Time, n int) time.Time {
	first := Date(t.Year(), t.Month(), 1).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return Date(first.Year(), first.Month(), min(t.Day(), last))
}

// Received is when a letter dated t counts as received: the same day by Digital Post, the
// given number of working days later by ordinary post (byPost).
func Received(t time.Time, byPost bool, postWorkingDays int) time.Time {
	if byPost {
		return Add(t, postWorkingDays)
	}
	return t
}

// DeadlineAfter counts a time limit of weeks from a day of receipt: the receipt day is not
// counted, so the limit ends on the same weekday weeks later, moved to the next working day.
func DeadlineAfter(received time.Time, weeks int) time.Time {
	return Next(received.AddDate(0, 0, 7*weeks))
}

// Package cpr reads Danish personal identification numbers (CPR): the date of birth by the
// century table (LEGAL-NOTES § 3), the masked form a letter may print, and ages on a day. It
// knows nothing of letters.
package cpr

import (
	"regexp"
	"time"
)

var cprPattern = regexp.MustCompile(`^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$`)

// Number is a parsed Danish personal identification number.
type Number struct {
	Birth  time.Time
	masked string
}

// Masked is the form a letter may print: the date part and four x'es.
func (c Number) Masked() string { return c.masked }

// ShapeOK reports whether s has the shape DDMMYY-SSSS or DDMMYYSSSS.
func ShapeOK(s string) bool { return cprPattern.MatchString(s) }

// Parse reads a CPR number with the century table of LEGAL-NOTES § 3. No modulus-11 check:
// numbers without it have been issued since 2007. ok is false for a wrong shape or a date that
// does not exist.
func Parse(s string) (c Number, ok bool) {
	m := cprPattern.FindStringSubmatch(s)
	if m == nil {
		return Number{}, false
	}
	dd, mm, yy, seventh := atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4])
	year := cprCentury(seventh, yy) + yy
	birth := day(year, time.Month(mm), dd)
	if mm < 1 || mm > 12 || dd < 1 || birth.Day() != dd || birth.Month() != time.Month(mm) {
		return Number{}, false
	}
	return Number{Birth: birth, masked: m[1] + m[2] + m[3] + "-xxxx"}, true
}

// cprCentury is the century table: the 7th digit and the two-digit year give the century.
func cprCentury(seventh, yy int) int {
	switch {
	case seventh <= 3:
		return 1900
	case seventh == 4 || seventh == 9:
		if yy <= 36 {
			return 2000
		}
		return 1900
	default: // 5, 6, 7, 8
		switch {
		case yy <= 57:
			return 2000
		default:
			return 1800
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// AgeOn is the age in whole years on the day t. Someone born on 29 February has their
// birthday on 1 March in years that have no 29 February.
func AgeOn(birth, t time.Time) int {
	age := t.Year() - birth.Year()
	if t.Before(Birthday(birth, t.Year())) {
		age--
	}
	return age
}

// Birthday is the day in year y on which someone born on birth has their birthday.
func Birthday(birth time.Time, y int) time.Time {
	return birth.AddDate(y-birth.Year(), 0, 0) // 29 February normalises to 1 March
}

// day is the civil date y-m-d at midnight UTC.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

package cpr

import (
	"testing"
	"time"
)

func TestCPRCenturyTable(t *testing.T) {
	cases := []struct {
		cpr  string
		want string // birth date, or "" when invalid
	}{
		{"150590-1235", "1990-05-15"}, // 7th digit 1: 1900s
		{"1505903235", "1990-05-15"},  // no hyphen, digit 3: 1900s
		{"010136-4000", "2036-01-01"}, // 4 and year 00-36: 2000s
		{"010137-4000", "1937-01-01"}, // 4 and year 37-99: 1900s
		{"311299-9000", "1999-12-31"}, // 9 and year 58-99: 1900s
		{"010100-9000", "2000-01-01"}, // 9 and year 00-36: 2000s
		{"010157-5000", "2057-01-01"}, // 5-8 and year 00-57: 2000s
		{"010158-5000", "1858-01-01"}, // 5-8 and year 58-99: 1800s
		{"010199-8000", "1899-01-01"},
		{"290200-4000", "2000-02-29"}, // 2000 was a leap year
		{"290200-1000", ""},           // 1900 was not
		{"290201-4000", ""},           // 2001 was not
		{"310290-1235", ""},           // 31 February
		{"001390-1235", ""},           // day 0, month 13
		{"150590-123", ""},            // too short
		{"15059O-1235", ""},           // letter O
		{"150590--1235", ""},
	}
	for _, c := range cases {
		got, ok := Parse(c.cpr)
		if c.want == "" {
			if ok {
				t.Errorf("%s: parsed as %s, want invalid", c.cpr, got.Birth.Format(time.DateOnly))
			}
			continue
		}
		if !ok || got.Birth.Format(time.DateOnly) != c.want {
			t.Errorf("%s: got %s ok=%v, want %s", c.cpr, got.Birth.Format(time.DateOnly), ok, c.want)
		}
	}
}

func TestCPRMaskedShowsOnlyTheDatePart(t *testing.T) {
	c, _ := Parse("1505901235")
	if c.Masked() != "150590-xxxx" {
		t.Errorf("masked = %q", c.Masked())
	}
}

func TestAgeOnBirthdays(t *testing.T) {
	birth := day(2008, 11, 20)
	if got := AgeOn(birth, day(2026, 11, 20)); got != 18 {
		t.Errorf("on the 18th birthday: %d, want 18", got)
	}
	if got := AgeOn(birth, day(2026, 11, 19)); got != 17 {
		t.Errorf("the day before: %d, want 17", got)
	}
	leap := day(2008, 2, 29)
	if got := AgeOn(leap, day(2026, 2, 28)); got != 17 {
		t.Errorf("29 Feb birth on 28 Feb of a common year: %d, want 17", got)
	}
	if got := AgeOn(leap, day(2026, 3, 1)); got != 18 {
		t.Errorf("29 Feb birth on 1 March of a common year: %d, want 18", got)
	}
	if got := AgeOn(leap, day(2028, 2, 29)); got != 20 {
		t.Errorf("29 Feb birth on 29 Feb: %d, want 20", got)
	}
}

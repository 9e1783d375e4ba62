package workdays

import (
	"testing"
	"time"
)

// Easter Sundays from the astronomical tables, independent of the library under test.
var easter = map[int]time.Time{
	2024: Date(2024, 3, 31), 2025: Date(2025, 4, 20), 2026: Date(2026, 4, 5), 2027: Date(2027, 3, 28),
	2028: Date(2028, 4, 16), 2029: Date(2029, 4, 1), 2030: Date(2030, 4, 21), 2031: Date(2031, 4, 13),
	2032: Date(2032, 3, 28), 2033: Date(2033, 4, 17), 2034: Date(2034, 4, 9), 2035: Date(2035, 3, 25),
}

// nonWorkingDays is LEGAL-NOTES' list for a year: public holidays (the Sundays among them are
// off anyway), grundlovsdag, 24 and 31 December. Store bededag is not on it from 2024.
func nonWorkingDays(y int) map[time.Time]string {
	e := easter[y]
	return map[time.Time]string{
		Date(y, 1, 1): "nytårsdag", e.AddDate(0, 0, -3): "skærtorsdag", e.AddDate(0, 0, -2): "langfredag",
		e: "påskedag", e.AddDate(0, 0, 1): "2. påskedag", e.AddDate(0, 0, 39): "Kristi himmelfartsdag",
		e.AddDate(0, 0, 49): "pinsedag", e.AddDate(0, 0, 50): "2. pinsedag", Date(y, 6, 5): "grundlovsdag",
		Date(y, 12, 24): "juleaftensdag", Date(y, 12, 25): "juledag", Date(y, 12, 26): "2. juledag",
		Date(y, 12, 31): "nytårsaftensdag",
	}
}

func TestWorkingDaysMatchLegalNotes2024To2035(t *testing.T) {
	for y := 2024; y <= 2035; y++ {
		off := nonWorkingDays(y)
		for d := Date(y, 1, 1); d.Year() == y; d = d.AddDate(0, 0, 1) {
			name, holiday := off[d]
			want := d.Weekday() != time.Saturday && d.Weekday() != time.Sunday && !holiday
			if got := IsWorking(d); got != want {
				t.Errorf("%s (%s %s): working day = %v, want %v", d.Format(time.DateOnly), d.Weekday(), name, got, want)
			}
		}
		if bededag := easter[y].AddDate(0, 0, 26); !IsWorking(bededag) {
			t.Errorf("store bededag %s is a working day from 2024", bededag.Format(time.DateOnly))
		}
	}
}

func TestComplaintDeadlines(t *testing.T) {
	const weeks, postDays = 4, 6
	const DeliveryDigital, DeliveryPhysical = false, true // by post or not
	cases := []struct {
		name, decided string
		delivery      bool
		received      string
		deadline      string
	}{
		{"plain 28 days", "2026-11-20", DeliveryDigital, "2026-11-20", "2026-12-18"},
		{"lands on juledag", "2026-11-27", DeliveryDigital, "2026-11-27", "2026-12-28"},
		{"lands on 24 December", "2026-11-26", DeliveryDigital, "2026-11-26", "2026-12-28"},
		{"lands on 31 December, then nytårsdag", "2026-12-03", DeliveryDigital, "2026-12-03", "2027-01-04"},
		{"lands on skærtorsdag, through Easter", "2027-02-25", DeliveryDigital, "2027-02-25", "2027-03-30"},
		{"lands on Kristi himmelfartsdag", "2027-04-08", DeliveryDigital, "2027-04-08", "2027-05-07"},
		{"lands on 2. pinsedag", "2027-04-19", DeliveryDigital, "2027-04-19", "2027-05-18"},
		{"lands on grundlovsdag (a Friday)", "2026-05-08", DeliveryDigital, "2026-05-08", "2026-06-08"},
		{"lands on store bededag, a working day since 2024", "2026-04-03", DeliveryDigital, "2026-04-03", "2026-05-01"},
		{"ordinary post: 6 working days", "2026-11-20", DeliveryPhysical, "2026-11-30", "2026-12-28"},
		{"ordinary post across Christmas", "2026-12-18", DeliveryPhysical, "2026-12-30", "2027-01-27"},
		{"ordinary post across Easter", "2027-03-23", DeliveryPhysical, "2027-04-05", "2027-05-03"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := Received(parseDate(c.decided), c.delivery, postDays)
			if got := rec.Format(time.DateOnly); got != c.received {
				t.Errorf("received %s, want %s", got, c.received)
			}
			if got := DeadlineAfter(rec, weeks).Format(time.DateOnly); got != c.deadline {
				t.Errorf("deadline %s, want %s", got, c.deadline)
			}
		})
	}
}

func TestAddMonthsKeepsTheMonthEnd(t *testing.T) {
	for _, c := range [][3]string{
		{"2026-12-01", "3", "2027-03-01"},
		{"2026-11-30", "3", "2027-02-28"},
		{"2027-11-30", "3", "2028-02-29"},
		{"2027-03-31", "12", "2028-03-31"},
	} {
		n := map[string]int{"3": 3, "12": 12}[c[1]]
		if got := AddMonths(parseDate(c[0]), n).Format(time.DateOnly); got != c[2] {
			t.Errorf("%s + %s months = %s, want %s", c[0], c[1], got, c[2])
		}
	}
}

func parseDate(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

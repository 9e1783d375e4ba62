package letters

import (
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/cpr"
	"github.com/bronderslev/afgorelsesbreve/letters/workdays"
)

// Addressee is what the letters that are not decisions share: they go to a citizen, by a
// delivery channel, on a letter date.
type Addressee struct {
	date, received time.Time
	cpr            cpr.Number
	cprOK          bool
	age            int
}

func PrepareAddressee(std *Standard, letterDate, delivery string, citizen Citizen) Addressee {
	a := Addressee{date: ParseDate(letterDate)}
	a.cpr, a.cprOK = cpr.Parse(citizen.CPR)
	if !a.date.IsZero() {
		a.received = workdays.Received(a.date, delivery == DeliveryPhysical, std.OrdinaryPostWorkingDays)
		if a.cprOK {
			a.age = cpr.AgeOn(a.cpr.Birth, a.date)
		}
	}
	return a
}

// head is the letterhead of a letter to the citizen.
func (a Addressee) head(std *Standard, delivery string, cs Case, citizen Citizen) Letterhead {
	pension := citizen.EarlyRetirementPension != nil && *citizen.EarlyRetirementPension
	return Letterhead{Date: a.date, Delivery: delivery, Received: a.received, Case: cs, Citizen: citizen,
		MaskedCPR: a.cpr.Masked(), Unit: UnitFor(std, a.age, a.cprOK && !a.date.IsZero(), pension)}
}

// checkCPR is cpr_invalid for any letter: the right shape, but no real date.
func CheckCPR(c *Checker, number string) {
	if cpr.ShapeOK(number) {
		if _, ok := cpr.Parse(number); !ok {
			c.Report("citizen.cpr", "", nil)
		}
	}
}

// checkAfter reports dates_order at field when earlier (named what) comes after later.
func CheckAfter(c *Checker, field, variant string, earlier, later time.Time) {
	if !earlier.IsZero() && !later.IsZero() && earlier.After(later) {
		c.Report(field, variant, map[string]any{"Earlier": earlier, "Later": later})
	}
}

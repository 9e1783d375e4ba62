package engine

import (
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/cpr"
	"github.com/bronderslev/afgorelsesbreve/letters/workdays"
)

// Addressee is what the letters that are not decisions share: they go to a citizen, by a
// delivery channel, on a letter date.
type Addressee struct {
	Date, Received time.Time
	CPR            cpr.Number
	CPROK          bool
	Age            int
}

func PrepareAddressee(std *Standard, letterDate, delivery string, citizen Citizen) Addressee {
	a := Addressee{Date: ParseDate(letterDate)}
	a.CPR, a.CPROK = cpr.Parse(citizen.CPR)
	if !a.Date.IsZero() {
		a.Received = workdays.Received(a.Date, delivery == DeliveryPhysical, std.OrdinaryPostWorkingDays)
		if a.CPROK {
			a.Age = cpr.AgeOn(a.CPR.Birth, a.Date)
		}
	}
	return a
}

// Head is the letterhead of a letter to the citizen.
func (a Addressee) Head(std *Standard, delivery string, cs Case, citizen Citizen) Letterhead {
	pension := citizen.EarlyRetirementPension != nil && *citizen.EarlyRetirementPension
	return Letterhead{Date: a.Date, Delivery: delivery, Received: a.Received, Case: cs, Citizen: citizen,
		MaskedCPR: a.CPR.Masked(), Unit: std.UnitFor(a.Age, a.CPROK && !a.Date.IsZero(), pension)}
}

// CheckCPR is cpr_invalid for any letter: the right shape, but no real date.
func CheckCPR(c *Checker, number string) {
	if cpr.ShapeOK(number) {
		if _, ok := cpr.Parse(number); !ok {
			c.Report("citizen.cpr", "", nil)
		}
	}
}

// CheckAfter reports dates_order at field when earlier (named what) comes after later.
func CheckAfter(c *Checker, field, variant string, earlier, later time.Time) {
	if !earlier.IsZero() && !later.IsZero() && earlier.After(later) {
		c.Report(field, variant, map[string]any{"Earlier": earlier, "Later": later})
	}
}

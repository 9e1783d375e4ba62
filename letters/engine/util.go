package engine

import (
	"regexp"
	"strconv"
	"strings"
)

var postalCode = regexp.MustCompile(`^\d{4}$`)

func Blank(s string) bool { return strings.TrimSpace(s) == "" }

func Itoa(i int) string { return strconv.Itoa(i) }

func ItemPath(list string, i int, field string) string {
	return list + "[" + Itoa(i) + "]." + field
}

// CheckPostalAddress is address_required for any letter to the citizen.
func CheckPostalAddress(c *Checker, delivery string, a Address) {
	if delivery != DeliveryPhysical {
		return
	}
	const path = "citizen.address"
	if Blank(a.Street) {
		c.Report(path+".street", "street", nil)
	}
	if !postalCode.MatchString(a.PostalCode) {
		c.Report(path+".postal_code", "postal_code", nil)
	}
	if Blank(a.City) {
		c.Report(path+".city", "city", nil)
	}
}

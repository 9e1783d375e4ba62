package decision

import (
	"strings"

	"github.com/bronderslev/afgorelsesbreve/letters/engine"
)

// RuleOtherMunicipalityNamed (warning): a free text of the decision, or the caseworker's
// e-mail, names another served municipality than the one whose standard the letter follows:
// a refusal copied from another municipality's case still citing its standard, or a reply
// address at another municipality. The citizen would be told the wrong rules or write to the
// wrong place. Names of offers and providers are left out: a citizen may well get an offer
// run by another municipality.
const RuleOtherMunicipalityNamed = "other_municipality_named"

func otherMunicipalityNamed(c *engine.Checker, d *Decision) {
	others := c.OtherMunicipalities()
	if len(others) == 0 {
		return
	}
	lowered := make([]string, len(others))
	for i, name := range others {
		lowered[i] = strings.ToLower(name)
	}
	check := func(field, text string) {
		low := strings.ToLower(text)
		for i, name := range others {
			if strings.Contains(low, lowered[i]) {
				c.Report(field, "", map[string]any{"Name": name})
				return
			}
		}
	}
	check("applied_for", d.AppliedFor)
	for i, s := range d.Assessment.Facts {
		check(entry("assessment.facts", i), s)
	}
	for i, s := range d.Assessment.Considerations {
		check(entry("assessment.considerations", i), s)
	}
	check("assessment.other_offers_considered", d.Assessment.OtherOffersConsidered)
	check("assessment.section_103", d.Assessment.Section103)
	for i, g := range d.Granted {
		check(engine.ItemPath("granted", i, "individual_reason"), g.IndividualReason)
	}
	for i, r := range d.Refused {
		check(engine.ItemPath("refused", i, "reason"), r.Reason)
		check(engine.ItemPath("refused", i, "legal_basis"), r.LegalBasis)
		for j, s := range r.Facts {
			check(entry(engine.ItemPath("refused", i, "facts"), j), s)
		}
	}
	if d.Transport != nil {
		check("transport.means", d.Transport.Means)
	}
	for i, dev := range d.Deviations {
		check(engine.ItemPath("deviations", i, "reason"), dev.Reason)
	}
	if email := d.Case.Caseworker.Email; email != "" {
		for _, name := range others {
			if mailAt(email, name) {
				c.Report("case.caseworker.email", "email", map[string]any{"Name": name})
				break
			}
		}
	}
}

// mailAt reports whether an e-mail address's domain is a municipality's: a label of the domain
// starts with the municipality's place name as domains spell it ("Brønderslev Kommune" is
// bronderslev.dk, broenderslev.dk or bronderslevkommune.dk).
func mailAt(email, municipality string) bool {
	at := strings.LastIndex(email, "@")
	place := domainKey(strings.TrimSuffix(municipality, " Kommune"))
	if at < 0 || len(place) < 3 {
		return false
	}
	for _, label := range strings.FieldsFunc(email[at+1:], func(r rune) bool { return r == '.' || r == '-' }) {
		if strings.HasPrefix(domainKey(label), place) {
			return true
		}
	}
	return false
}

// domainLetters is made once: a Replacer builds its lookup table when first used, which cost
// more than the rule's whole check when it was made for every name of every letter.
var domainLetters = strings.NewReplacer("æ", "a", "ø", "o", "å", "a", "ae", "a", "oe", "o", "aa", "a")

// domainKey spells a name as a domain may: lower case, æ ø å and their two-letter forms alike,
// letters and digits only.
func domainKey(s string) string {
	s = domainLetters.Replace(strings.ToLower(s))
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// entry is the path of a list's entry: "assessment.facts[1]".
func entry(list string, i int) string { return list + "[" + engine.Itoa(i) + "]" }

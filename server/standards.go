package server

import (
	"net/http"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/standard"
	"github.com/gin-gonic/gin"
)

// standardsList is the body of GET /v1/standards.
type standardsList struct {
	// Municipality is the caller's: a request without "standard" gets its version in force on
	// the letter's date (the configured municipality, or the one the caller's token is bound to).
	Municipality string `json:"municipality"`
	// Current is that municipality's version in force today.
	Current   string         `json:"current"`
	Standards []standardInfo `json:"standards"`
}

// standardInfo is one served version: its pack's data, the law's numbers it is read with, and
// when it is in force.
type standardInfo struct {
	*letters.Standard
	Law        standard.Law `json:"law"`
	ValidUntil string       `json:"valid_until,omitempty"`
	InForce    bool         `json:"in_force"`
}

// standardsInfo lists every served version the caller may use (may), by municipality and date;
// home is the municipality whose version in force a body without "standard" gets.
func standardsInfo(svc *letters.Service, today time.Time, home string, may func(municipality string) bool) standardsList {
	cat := svc.Catalog()
	current, _ := cat.InForceOf(home, today)
	out := standardsList{Municipality: home, Current: current.ID, Standards: []standardInfo{}}
	for _, std := range svc.Standards() {
		if !may(std.Municipality.ID) {
			continue
		}
		p, _ := cat.ByID(std.ID)
		info := standardInfo{Standard: std, Law: std.Law}
		until := cat.ValidUntil(p)
		if !until.IsZero() {
			info.ValidUntil = until.Format(time.DateOnly)
		}
		info.InForce = !std.ValidFromDate().After(today) && (until.IsZero() || !until.Before(today))
		out.Standards = append(out.Standards, info)
	}
	return out
}

func (s *Server) getStandards(c *gin.Context) {
	c.JSON(http.StatusOK, standardsInfo(s.cfg.Letters, time.Now(), s.homeMunicipality(c),
		func(m string) bool { return mayUse(c, m) }))
}

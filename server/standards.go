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
	// Municipality is the configured municipality: a request without "standard" gets its
	// version in force on the letter's date.
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

// standardsInfo lists every served version, by municipality and date.
func standardsInfo(svc *letters.Service, today time.Time) standardsList {
	cat := svc.Catalog()
	out := standardsList{Municipality: cat.Municipality(), Current: svc.Current().ID, Standards: []standardInfo{}}
	for _, std := range svc.Standards() {
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
	c.JSON(http.StatusOK, standardsInfo(s.cfg.Letters, time.Now()))
}

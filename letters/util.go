package letters

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

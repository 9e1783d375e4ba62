package letters

import (
	"regexp"
	"strconv"
	"strings"
)

var postalCode = regexp.MustCompile(`^\d{4}$`)

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func itoa(i int) string { return strconv.Itoa(i) }

func itemPath(list string, i int, field string) string {
	return list + "[" + itoa(i) + "]." + field
}

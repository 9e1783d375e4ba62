// Package templates owns the Danish wording of every letter and message, and the numbers of the
// quality standard (standard.json); Go code only executes them.
package templates

import "embed"

// FS holds standard.json, labels.json and the *.tmpl files of every letter kind.
//
//go:embed standard.json labels.json *.tmpl */*.tmpl
var FS embed.FS

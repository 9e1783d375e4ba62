// Package templates owns the Danish wording of every letter and message, and the numbers of the
// quality standard (standard.json); Go code only executes them.
package templates

import "embed"

// FS holds standard.json, labels.json, the *.tmpl files of every letter kind and the preview
// page (preview/).
//
//go:embed standard.json labels.json *.tmpl */*.tmpl preview/page.html preview/app.js preview/app.css preview/fields.json
var FS embed.FS

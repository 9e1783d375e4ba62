// Package templates owns the Danish wording every municipality shares (each letter kind's, the
// findings', the units') and the law's time limits (law.json); a municipality's own numbers and
// wording are its standard's pack (standards/). Go code only executes them.
package templates

import "embed"

// FS holds law.json, law-blocks.json (the blocks of wording that carry the law, which no pack may
// define), labels.json, units.tmpl, the *.tmpl files of every letter kind and the preview
// page (preview/), with the Danish field names a kind adds (<kind>/fields.json).
//
//go:embed law.json law-blocks.json labels.json *.tmpl */*.tmpl preview/page.html preview/app.js preview/app.css */*.json
var FS embed.FS

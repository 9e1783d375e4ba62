// Package standards holds the quality-standard packs the service serves by default (one
// folder per municipality and version: standard.json and optional templates/) and the JSON
// Schema every pack's standard.json must meet. Go code only reads them (letters/standard).
package standards

import "embed"

// FS holds every embedded pack, each in a folder named by its id (and this folder's other
// files, which the loader does not read).
//
//go:embed *
var FS embed.FS

// Schema is pack.schema.json, the JSON Schema of a pack's standard.json.
//
//go:embed pack.schema.json
var Schema []byte

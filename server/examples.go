package server

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// exampleLetter is one example letter of testdata: documentation, test input, an OpenAPI example and
// a choice on the preview page at once.
type exampleLetter struct {
	Name string // the file's name without .json, "rules/<code>" for a rule's example
	JSON json.RawMessage
}

// readExamples reads testdata/decisions and testdata/letters, and their rules/ folders.
func readExamples(fsys fs.FS) ([]exampleLetter, error) {
	if fsys == nil {
		return nil, nil
	}
	var out []exampleLetter
	for _, pattern := range []string{"decisions/*.json", "letters/*.json", "decisions/rules/*.json", "letters/rules/*.json"} {
		files, err := fs.Glob(fsys, pattern)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			raw, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, err
			}
			if !json.Valid(raw) {
				return nil, fmt.Errorf("example %s is not JSON", f)
			}
			name := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(f, "decisions/"), "letters/"), path.Ext(f))
			out = append(out, exampleLetter{Name: name, JSON: raw})
		}
	}
	return out, nil
}

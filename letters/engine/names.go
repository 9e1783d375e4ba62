package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
)

// Names are the Danish names every letter kind shares, with each kind's own added:
// templates/labels.json (the contract's codes by category, and the months) and
// templates/preview/fields.json (the request's fields, the examples' names), each merged with
// the kinds' files of the same name (templates/<kind>/labels.json, templates/<kind>/fields.json).
// The letters and the preview's page use these same names.
type Names struct {
	Labels map[string]json.RawMessage
	Fields map[string]json.RawMessage
}

// Names gives the names the service's letters use (the maps are the service's: copy to change).
func (s *Service) Names() Names { return s.names }

func loadNames(fsys fs.FS) (Names, error) {
	labels, err := mergeKindFiles(fsys, "labels.json")
	if err != nil {
		return Names{}, err
	}
	fields, err := mergeKindFiles(fsys, "preview/fields.json")
	return Names{Labels: labels, Fields: fields}, err
}

// mergeKindFiles reads a file of names every kind shares (common; none is an empty one) and each
// kind's file of the same base name in its folder, as one object: a kind's object of names adds
// its names to the common object under the same key, and its list is appended to the common
// list. A name given twice is an error: a kind cannot rename a code or a field that the common
// file or another kind names, which would change every letter, not only the kind's own.
func mergeKindFiles(fsys fs.FS, common string) (map[string]json.RawMessage, error) {
	merged := map[string]json.RawMessage{}
	raw, err := fs.ReadFile(fsys, common)
	if err == nil {
		err = json.Unmarshal(raw, &merged)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", common, err)
	}
	if merged == nil { // the file says null
		merged = map[string]json.RawMessage{}
	}
	files, err := fs.Glob(fsys, "*/"+path.Base(common))
	if err != nil {
		return nil, err
	}
	namedIn := map[string]string{} // "key/name" -> the file that names it
	for key, v := range merged {
		var names map[string]json.RawMessage
		if json.Unmarshal(v, &names) == nil {
			for name := range names {
				namedIn[key+"/"+name] = common
			}
		}
	}
	for _, f := range slices.DeleteFunc(files, func(f string) bool { return f == common }) {
		var kind map[string]json.RawMessage
		raw, err := fs.ReadFile(fsys, f)
		if err == nil {
			err = json.Unmarshal(raw, &kind)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for key, v := range kind {
			if merged[key], err = mergeNamesOrList(merged[key], v, func(name string) error {
				if by, ok := namedIn[key+"/"+name]; ok {
					return fmt.Errorf("%s: %q under %q is named in templates/%s already", f, name, key, by)
				}
				namedIn[key+"/"+name] = f
				return nil
			}); err != nil {
				if errors.Is(err, errNeitherNamesNorList) {
					return nil, fmt.Errorf("%s: %q: %w", f, key, err)
				}
				return nil, err
			}
		}
	}
	return merged, nil
}

var errNeitherNamesNorList = errors.New("neither names (an object) nor a list, or not the shape of the common file's")

// mergeNamesOrList adds more to common: an object's names (each told to named first), or a
// list's entries.
func mergeNamesOrList(common, more json.RawMessage, named func(string) error) (json.RawMessage, error) {
	var names, commonNames map[string]json.RawMessage
	if json.Unmarshal(more, &names) == nil && names != nil {
		if common != nil && (json.Unmarshal(common, &commonNames) != nil || commonNames == nil) {
			return nil, errNeitherNamesNorList
		}
		if commonNames == nil {
			commonNames = map[string]json.RawMessage{}
		}
		for name, v := range names {
			if err := named(name); err != nil {
				return nil, err
			}
			commonNames[name] = v
		}
		return json.Marshal(commonNames)
	}
	var list, commonList []json.RawMessage
	if json.Unmarshal(more, &list) != nil || list == nil {
		return nil, errNeitherNamesNorList
	}
	if common != nil && (json.Unmarshal(common, &commonList) != nil || commonList == nil) {
		return nil, errNeitherNamesNorList
	}
	return json.Marshal(append(commonList, list...))
}

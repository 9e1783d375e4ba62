package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"text/template"
	"text/template/parse"
)

// A template is parsed flowed (flow joins its lines), so the parser's and the tree's positions
// are in the flowed text, all on its line 1. What follows takes them back to the line of the
// file, so that an error in a pack's template names the line its author sees.

// flowed is a template's flowed text with, for every line of the file that has content, where
// that content starts in the text.
type flowed struct {
	text   string
	starts []int // offset in text of each content line, ascending
	lines  []int // its line in the file, 1-based
}

// flowMap is flow, keeping where each line went.
func flowMap(src string) flowed {
	var f flowed
	var b strings.Builder
	blank := false
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			blank = true
		case strings.HasPrefix(line, "{{/*"):
			// a comment line: drop it without breaking the paragraph
		default:
			if blank && b.Len() > 0 {
				b.WriteString(paragraphBreak)
			} else if b.Len() > 0 {
				b.WriteByte(' ')
			}
			f.starts = append(f.starts, b.Len())
			f.lines = append(f.lines, i+1)
			b.WriteString(line)
			blank = false
		}
	}
	f.text = b.String()
	return f
}

// line is the file's line of offset pos of the flowed text (a joining space or break counts to
// the line before it).
func (f flowed) line(pos parse.Pos) int {
	i := sort.Search(len(f.starts), func(i int) bool { return f.starts[i] > int(pos) }) - 1
	if i < 0 {
		return 1
	}
	return f.lines[i]
}

// keepLines is the flowed text with the file's line breaks kept: each line trimmed and a
// comment line emptied, so that it parses as the flowed text does but the parser counts the
// file's lines.
func keepLines(src string) string {
	lines := strings.Split(src, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimSpace(line)
		if strings.HasPrefix(lines[i], "{{/*") {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

// parseErrorLine matches text/template's parse errors: "template: NAME:LINE: problem".
var parseErrorLine = regexp.MustCompile(`^template: [^:]*:(\d+): `)

// atLine turns an error from parsing src flowed into "LINE: problem" with the file's line: it
// parses src again with its line breaks kept, which fails the same way. Any other error is
// returned as it is.
func atLine(src string, funcs template.FuncMap, err error) error {
	if err == nil || !parseErrorLine.MatchString(err.Error()) {
		return err
	}
	_, again := template.New("").Funcs(funcs).Parse(keepLines(src))
	if again == nil {
		return err
	}
	m := parseErrorLine.FindStringSubmatch(again.Error())
	if m == nil {
		return again
	}
	return fmt.Errorf("line %s: %s", m[1], strings.TrimPrefix(again.Error(), m[0]))
}

// packReferences checks the definitions of a pack's file, now parsed into base, as
// checkReferences checks every template, naming the line of the file.
func packReferences(base, probe *template.Template, src string) error {
	f := flowMap(src)
	for _, t := range probe.Templates() {
		if t.Name() == "" || t.Tree == nil {
			continue
		}
		if pos, err := treeReferences(base, t); err != nil {
			return fmt.Errorf("line %d: %w", f.line(pos), err)
		}
	}
	return nil
}

// defineLine is the line of the file where the definition of t begins.
func defineLine(src string, t *template.Template) int {
	if t.Tree == nil || t.Tree.Root == nil {
		return 1
	}
	return flowMap(src).line(t.Tree.Root.Position())
}

// Command afgorelsesbreve serves the decision-letter API of Brønderslev Kommune (go run .) and
// renders a letter from a file without a server (go run . render FILE -o OUT.pdf).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "render" {
		os.Exit(renderCommand(os.Args[2:], os.Stdout, os.Stderr))
	}
	os.Exit(serveCommand(os.Args[1:]))
}

func serveCommand(args []string) int { return 0 }

// renderCommand validates a letter file and writes its PDF; findings go to stderr in Danish.
func renderCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the PDF to this file (default: the input name with .pdf)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: afgorelsesbreve render FILE.json [-o OUT.pdf]")
		fs.PrintDefaults()
	}
	var in string
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		in, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if in == "" && fs.NArg() == 1 {
		in = fs.Arg(0)
	}
	if in == "" {
		fs.Usage()
		return 2
	}
	if *out == "" {
		*out = trimExt(in) + ".pdf"
	}
	body, err := os.ReadFile(in)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	svc, err := letters.New()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	res, err := svc.Check(body)
	var bad *letters.MalformedError
	if errors.As(err, &bad) {
		fmt.Fprintln(stderr, bad.Detail)
		for _, f := range bad.Faults {
			fmt.Fprintf(stderr, "  %s [%s] %s\n", f.Field, f.Rule, f.Message)
		}
		return 1
	}
	for _, f := range res.Warnings {
		fmt.Fprintf(stderr, "advarsel: %s [%s] %s\n", f.Field, f.Rule, f.Message)
	}
	if !res.Valid() {
		for _, f := range res.Errors {
			fmt.Fprintf(stderr, "fejl: %s [%s] %s\n", f.Field, f.Rule, f.Message)
		}
		return 1
	}
	doc, err := svc.Compose(res)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	pdf, err := pdfrender.New().RenderBytes(doc)
	if err == nil {
		err = os.WriteFile(*out, pdf, 0o644)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s (%d bytes)\n", *out, len(pdf))
	return 0
}

func trimExt(name string) string {
	for i := len(name) - 1; i >= 0 && name[i] != '/'; i-- {
		if name[i] == '.' {
			return name[:i]
		}
	}
	return name
}

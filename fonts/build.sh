#!/usr/bin/env bash
# Rebuilds fonts/pages/ from LiberationSans-{Regular,Bold}.ttf beside this script: the code-page
# subsets that the PDF renderer embeds. Needs Debian's fonttools and aglfn (apt-get install
# fonttools aglfn) and Go; run from anywhere: bash fonts/build.sh. The output is committed and
# the build is repeatable: the same inputs give the same files.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fpdf=$(go list -m -f '{{.Dir}}' codeberg.org/go-pdf/fpdf)
rm -rf pages
mkdir pages
cp "$fpdf/font/cp1252.map" "$tmp/cp1252.map"
/usr/bin/python3 pages.py . pages "$tmp" "$fpdf/font/cp1252.map" /usr/share/aglfn/glyphlist.txt
cp pages/*.map "$tmp/"
go build -o "$tmp/makefont" codeberg.org/go-pdf/fpdf/makefont
for ttf in "$tmp"/*.ttf; do
  page=${ttf##*-P}
  page=${page%.ttf}
  "$tmp/makefont" --embed --enc="$tmp/p$page.map" --dst=pages "$ttf" >/dev/null 2>&1
done
# makefont names the definition after the subset's file; the .z is the font file it embeds.
# Pages 1, 2, ... then become symbolic fonts (see pages.py).
/usr/bin/python3 pages.py symbolic pages "$tmp"
ls pages | wc -l

#!/usr/bin/python3
"""Split Liberation Sans into code pages for fpdf's single-byte TrueType fonts.

Run by build.sh (Debian's fonttools and aglfn: apt-get install fonttools aglfn). Every character
that both the
regular and the bold face can draw is given a page and a code: page 0 is Windows-1252 (all of
Danish) exactly as fpdf's cp1252.map, so that the PDF names the standard WinAnsiEncoding; pages
1, 2, ... hold the rest in code point order at codes 0x21-0xFF, and code 0x20 is the space on
every page. For each page it writes pN.map (fpdf's encoding format, glyph names from the Adobe
Glyph List, so that text extraction maps them back to Unicode) and, per face, a subset TTF with
just that page's glyphs, no hinting and a PostScript name of its own.

Run again as "pages.py symbolic OUT_DIR TMP_DIR" after fpdf's makefont, it makes pages 1, 2, ...
symbolic fonts (PDF/A-2 6.2.11.6, PDF/UA-1 7.21.6): their glyph names are not all in the Adobe
Glyph List (Łukasiewicz's Ł is, Nguyễn's ễ is not), so instead of a /Differences array of names
each code is found through a Microsoft Symbol (3,0) cmap at 0xF000 + code, the only cmap the
font keeps; the PDF gives no /Encoding, and readers get the text back from the ToUnicode map the
renderer adds. Page 0 stays Windows-1252, the standard WinAnsiEncoding.
"""
import os
import sys
import unicodedata

from fontTools import subset
from fontTools.ttLib import TTFont

FACES = {"Regular": "LiberationSans-Regular.ttf", "Bold": "LiberationSans-Bold.ttf"}


def symbolic(out_dir, tmp_dir):
    import json
    import zlib
    from io import BytesIO

    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    n = 1
    while os.path.exists(os.path.join(out_dir, "p%02d.map" % n)):
        codes = {}
        with open(os.path.join(out_dir, "p%02d.map" % n)) as f:
            for line in f:
                code, uv, _ = line.split()
                codes[int(code[1:], 16)] = int(uv[2:], 16)
        for face in FACES:
            base = "LiberationSans-%s-P%02d" % (face, n)
            font = TTFont(os.path.join(tmp_dir, base + ".ttf"), recalcTimestamp=False)
            best = font.getBestCmap()
            sub = CmapSubtable.getSubtableClass(4)(4)
            sub.platformID, sub.platEncID, sub.language = 3, 0, 0
            sub.cmap = {0xF000 + code: best[uv] for code, uv in codes.items()}
            font["cmap"].tables = [sub]
            raw = BytesIO()
            font.save(raw)
            data = raw.getvalue()
            with open(os.path.join(out_dir, base + ".z"), "wb") as f:
                f.write(zlib.compress(data, 9))
            path = os.path.join(out_dir, base + ".json")
            with open(path) as f:
                d = json.load(f)
            d["Desc"]["Flags"] = 4  # symbolic, not non-symbolic (32)
            d["Diff"], d["DiffN"] = "", 0
            d["OriginalSize"] = len(data)
            with open(path, "w") as f:
                json.dump(d, f, separators=(",", ":"))
        n += 1


if sys.argv[1] == "symbolic":
    symbolic(*sys.argv[2:4])
    sys.exit(0)

src_dir, out_dir, tmp_dir, cp1252_map, glyphlist = sys.argv[1:6]

fonts = {face: TTFont(os.path.join(src_dir, f)) for face, f in FACES.items()}
covered = set.intersection(*(set(f.getBestCmap()) for f in fonts.values()))


def printable(uv):
    # Control, format, surrogate, private-use and unassigned characters are refused by the
    # service (letters.firstUnprintable); U+FFFD marks a broken conversion.
    cat = unicodedata.category(chr(uv))
    return uv >= 0x20 and uv != 0xFFFD and cat not in ("Cc", "Cf", "Cs", "Co", "Cn")


covered = sorted(uv for uv in covered if printable(uv))

agl = {}  # the Adobe Glyph List: the first name given for a code point
with open(glyphlist) as f:
    for line in f:
        if line.startswith("#"):
            continue
        name, uvs = line.strip().split(";")
        if " " not in uvs:
            agl.setdefault(int(uvs, 16), name)


def glyph_name(uv):
    return agl.get(uv) or "uni%04X" % uv


page0, page0_lines = {}, []
with open(cp1252_map) as f:
    for line in f:
        code, uv, name = line.split()
        code, uv = int(code[1:], 16), int(uv[2:], 16)
        if code >= 0x20 and name != ".notdef":
            page0_lines.append(line)
            if uv in covered:
                page0[code] = uv
rest = [uv for uv in covered if uv not in set(page0.values())]
codes = list(range(0x21, 0x100))
pages = [page0] + [dict([(0x20, 0x20)] + list(zip(codes, rest[i:i + len(codes)])))
                   for i in range(0, len(rest), len(codes))]

for n, page in enumerate(pages):
    with open(os.path.join(out_dir, "p%02d.map" % n), "w") as f:
        if n == 0:
            f.writelines(page0_lines)
        for code in sorted(page) if n else []:
            f.write("!%02X U+%04X %s\n" % (code, page[code], glyph_name(page[code])))
    for face, font in fonts.items():
        # recalcTimestamp=False keeps the source's head.modified: the same inputs, the same bytes.
        sub = TTFont(os.path.join(src_dir, FACES[face]), recalcTimestamp=False)
        opts = subset.Options()
        opts.layout_features = []
        opts.hinting = False
        opts.name_IDs = ["*"]  # keep the copyright and licence names
        opts.notdef_outline = True
        opts.drop_tables += ["FFTM"]  # FontForge's own timestamps
        s = subset.Subsetter(options=opts)
        s.populate(unicodes=sorted(page.values()))
        s.subset(sub)
        ps = "LiberationSans%s-P%02d" % ("-Bold" if face == "Bold" else "", n)
        for rec in sub["name"].names:
            if rec.nameID == 6:
                rec.string = ps
        sub.save(os.path.join(tmp_dir, "LiberationSans-%s-P%02d.ttf" % (face, n)))

print("%d characters on %d pages" % (len(covered), len(pages)))
